package planner

import (
	"sort"
	"strconv"
	"strings"

	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/providers"
)

// checkCapabilities refuses front-matter the provider cannot honour, and
// names it by key and line.
func (pl *planner) checkCapabilities(a *content.Article) {
	caps := pl.opts.Caps
	unsupported := func(key string, set, ok bool, lines map[string]int, file string) {
		if set && !ok {
			pl.problem(file, lines[key], "%s has no %s: remove %s: from the front-matter", pl.opts.Provider, strings.ReplaceAll(key, "_", " "), key)
		}
	}
	unsupported("labels", a.Labels != nil, caps.Labels, a.KeyLines, a.Path)
	unsupported("content_tags", a.ContentTags != nil, caps.ContentTags, a.KeyLines, a.Path)
	unsupported("segments", a.Segments != nil, caps.Segments, a.KeyLines, a.Path)
	unsupported("permission_group", a.PermissionGroup != nil, caps.PermissionGroups, a.KeyLines, a.Path)
	unsupported("promoted", a.Promoted != nil, caps.Promoted, a.KeyLines, a.Path)
	unsupported("position", a.Position != nil, caps.Position, a.KeyLines, a.Path)
	unsupported("comments_disabled", a.CommentsDisabled != nil, caps.CommentsDisabled, a.KeyLines, a.Path)
	for _, t := range a.Translations {
		unsupported("description", t.Description != nil, caps.Description, t.KeyLines, t.Path)
		unsupported("slug", t.Slug != nil, caps.Slug, t.KeyLines, t.Path)
	}
	tax := pl.remote.Taxonomy
	if a.Segments != nil && caps.Segments {
		for _, s := range *a.Segments {
			if _, ok := providers.LookupName(tax.Segments, s); !ok {
				pl.problem(a.Path, a.KeyLines["segments"], "unknown user segment %q: use one of %s", s, quoteNames(tax.Segments))
			}
		}
	}
	if a.PermissionGroup != nil && caps.PermissionGroups {
		if _, ok := providers.LookupName(tax.PermissionGroups, *a.PermissionGroup); !ok {
			pl.problem(a.Path, a.KeyLines["permission_group"], "unknown permission group %q: use one of %s", *a.PermissionGroup, quoteNames(tax.PermissionGroups))
		}
	}
}

func quoteNames(byID map[string]string) string {
	if len(byID) == 0 {
		return "(the help center has none)"
	}
	names := make([]string, 0, len(byID))
	for _, n := range byID {
		names = append(names, strconv.Quote(n))
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// checkDefaults maps the configured defaults for new articles to the
// help center's names, and reports the ones it does not know.
func (pl *planner) checkDefaults() {
	caps, tax, d := pl.opts.Caps, pl.remote.Taxonomy, pl.opts.Defaults
	// A nil list was not read: no article is new, so no default applies.
	if d.PermissionGroup != nil && caps.PermissionGroups && tax.PermissionGroups != nil {
		if name, ok := providers.LookupName(tax.PermissionGroups, *d.PermissionGroup); ok {
			pl.defaults.PermissionGroup = &name
		} else {
			pl.problem(pl.opts.ConfigFile, 0, "%s.permission_group %q not found: use one of %s", pl.opts.Provider, *d.PermissionGroup, quoteNames(tax.PermissionGroups))
		}
	}
	if d.Segments != nil && caps.Segments && tax.Segments != nil {
		segs := []string{}
		for _, s := range *d.Segments {
			if name, ok := providers.LookupName(tax.Segments, s); ok {
				segs = append(segs, name)
			} else {
				pl.problem(pl.opts.ConfigFile, 0, "%s.user_segment %q not found: use one of %s", pl.opts.Provider, s, quoteNames(tax.Segments))
			}
		}
		pl.defaults.Segments = &segs
	}
}

// checkRequiredGroup reports, once, new articles that would have no
// permission group on a provider that requires one: the default is
// missing, and apply would otherwise fail every create after writing
// their sections and images.
func (pl *planner) checkRequiredGroup() {
	caps := pl.opts.Caps
	if !caps.PermissionGroups || !caps.PermissionGroupRequired || pl.opts.Defaults.PermissionGroup != nil {
		return
	}
	var files []string
	for _, m := range pl.managed {
		if m.remote == nil && m.file.PermissionGroup == nil {
			files = append(files, m.file.Path)
		}
	}
	if len(files) == 0 {
		return
	}
	sort.Strings(files)
	pl.problem(pl.opts.ConfigFile, 0, "%s requires a permission group for each new article: set %s.permission_group to one of %s, or permission_group: in the front-matter of the %d new article(s) without one (%s first)",
		pl.opts.Provider, pl.opts.Provider, quoteNames(pl.remote.Taxonomy.PermissionGroups), len(files), files[0])
}
