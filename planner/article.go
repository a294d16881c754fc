package planner

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/hcsync/hcsync/locales"

	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers"
)

// diffArticles turns each managed article into its changes. The work per
// article is independent, so it runs in parallel; the changes are then
// appended in tree order so the plan is deterministic.
func (pl *planner) diffArticles() {
	// Tags are shared by articles: plan each missing one once, up front.
	if pl.opts.Caps.ContentTags {
		var missing []string
		seen := map[string]bool{}
		for _, m := range pl.managed {
			if m.file.ContentTags == nil {
				continue
			}
			for _, t := range *m.file.ContentTags {
				k := strings.ToLower(strings.TrimSpace(t))
				if _, ok := pl.tagNames[k]; ok || seen[k] {
					continue
				}
				seen[k] = true
				missing = append(missing, strings.TrimSpace(t))
			}
		}
		sort.Strings(missing)
		for _, t := range missing {
			key := plan.KeyOf(plan.ActionCreateTag, t)
			pl.tagChanges[strings.ToLower(t)] = key
			pl.plan.Changes = append(pl.plan.Changes, &plan.Change{Key: key, Action: plan.ActionCreateTag, Tag: t})
		}
	}
	pl.planUploads()
	pl.indexDeletedTranslations()
	out := make([][]*plan.Change, len(pl.managed))
	warns := make([][]plan.Warning, len(pl.managed))
	unmanaged := make([][]plan.UnmanagedTranslation, len(pl.managed))
	forEach(len(pl.managed), func(i int) {
		out[i], warns[i], unmanaged[i] = pl.diffArticle(pl.managed[i])
	})
	for i := range out {
		pl.plan.Changes = append(pl.plan.Changes, out[i]...)
		pl.plan.Warnings = append(pl.plan.Warnings, warns[i]...)
		pl.plan.UnmanagedTranslations = append(pl.plan.UnmanagedTranslations, unmanaged[i]...)
	}
	pl.breakLinkCycles()
}

// desiredMeta is an article's metadata as the provider wants it: names
// canonicalised to the help center's spelling, unsupported fields nil.
func (pl *planner) desiredMeta(a *content.Article) providers.ArticleMeta {
	caps := pl.opts.Caps
	tax := pl.remote.Taxonomy
	var m providers.ArticleMeta
	if caps.Labels && a.Labels != nil {
		l := content.SortedUnique(*a.Labels)
		m.Labels = &l
	}
	if caps.ContentTags && a.ContentTags != nil {
		tags := make([]string, 0, len(*a.ContentTags))
		for _, t := range *a.ContentTags {
			t = strings.TrimSpace(t)
			if name, ok := pl.tagNames[strings.ToLower(t)]; ok {
				t = name
			}
			tags = append(tags, t)
		}
		tags = content.SortedUnique(tags)
		m.ContentTags = &tags
	}
	if caps.Segments && a.Segments != nil {
		segs := make([]string, 0, len(*a.Segments))
		for _, s := range *a.Segments {
			name, _ := providers.LookupName(tax.Segments, s)
			segs = append(segs, name)
		}
		segs = content.SortedUnique(segs)
		m.Segments = &segs
	}
	if caps.PermissionGroups && a.PermissionGroup != nil {
		name, _ := providers.LookupName(tax.PermissionGroups, *a.PermissionGroup)
		m.PermissionGroup = &name
	}
	if caps.Promoted {
		m.Promoted = a.Promoted
	}
	if caps.Position {
		m.Position = a.Position
	}
	if caps.CommentsDisabled {
		m.CommentsDisabled = a.CommentsDisabled
	}
	return m
}

func (pl *planner) tagDeps(m providers.ArticleMeta) []string {
	if m.ContentTags == nil {
		return nil
	}
	var deps []string
	for _, t := range *m.ContentTags {
		if k, ok := pl.tagChanges[strings.ToLower(t)]; ok {
			deps = append(deps, k)
		}
	}
	return deps
}

func (pl *planner) sectionName(ref plan.SectionRef) string {
	if ref.Dir != "" {
		return ref.Dir + " (new)"
	}
	if ref.ID == "" {
		return "(none)" // an article that stands alone (Caps.RootArticles)
	}
	if rs, ok := pl.remoteSections[ref.ID]; ok {
		return rs.Name
	}
	return ref.ID
}

// diffArticle returns the changes of one article, in display order, and
// the remote translations of it that no file holds.
func (pl *planner) diffArticle(m managedArticle) ([]*plan.Change, []plan.Warning, []plan.UnmanagedTranslation) {
	a := m.file
	src := a.Source()
	meta := pl.desiredMeta(a)
	var changes []*plan.Change
	var warns []plan.Warning
	add := func(c *plan.Change) *plan.Change {
		c.Article = a.Path
		if c.Title == "" {
			c.Title = src.Title
		}
		changes = append(changes, c)
		return c
	}
	var sectionDeps []string
	if m.section.Dir != "" {
		sectionDeps = []string{pl.sectionChanges[m.section.Dir]}
	}

	var articleKey string // change that must precede translation writes
	id := ""
	if m.remote == nil {
		// Defaults (Zendesk's permission group, user segment) fill what the
		// file leaves out, on create only.
		d := pl.defaults
		if meta.PermissionGroup == nil {
			meta.PermissionGroup = d.PermissionGroup
		}
		if meta.Segments == nil {
			meta.Segments = d.Segments
		}
		desc, slug := pl.translationExtras(src)
		c := add(&plan.Change{
			Key: plan.KeyOf(plan.ActionCreate, a.Path), Action: plan.ActionCreate, File: a.Path, Locale: pl.locale(a.Locale),
			Deps: append(append([]string{}, sectionDeps...), pl.tagDeps(meta)...),
			Create: &plan.CreateSpec{Section: m.section, Meta: meta, Source: providers.TranslationInput{
				Locale: pl.locale(a.Locale), Title: src.Title, Body: pl.html(src.Path), Draft: src.Draft, Description: desc, Slug: slug,
			}, Known: m.known},
			Fields: createFields(pl.sectionName(m.section), meta, src.Draft),
		})
		articleKey = c.Key
		for _, t := range a.Translations[1:] {
			desc, slug := pl.translationExtras(t)
			pl.createdOutdated(add(&plan.Change{
				Key: plan.KeyOf(plan.ActionCreateTranslation, t.Path), Action: plan.ActionCreateTranslation, File: t.Path, Locale: pl.locale(t.Locale), Title: t.Title,
				Deps: []string{articleKey},
				Translation: &plan.TranslationSpec{TranslationInput: providers.TranslationInput{
					Locale: pl.locale(t.Locale), Title: t.Title, Body: pl.html(t.Path), Draft: t.Draft, Description: desc, Slug: slug,
				}},
				Fields: createFields("", providers.ArticleMeta{}, t.Draft),
			}))
		}
		pl.attachRefs(changes)
		return changes, warns, nil
	}

	ra := m.remote
	id = ra.ID
	if m.adopted {
		add(&plan.Change{Key: plan.KeyOf(plan.ActionAdopt, a.Path), Action: plan.ActionAdopt, File: a.Path, ArticleID: id, URL: ra.URL,
			Fields: []plan.FieldChange{{Field: "id", Old: m.forgotten, New: id}}})
	}
	if c := pl.diffMeta(m, meta); c != nil {
		c.ArticleID, c.URL = id, ra.URL
		c.Deps = append(append(c.Deps, sectionDeps...), pl.tagDeps(c.Meta.Meta)...)
		add(c)
	}

	// Source-locale writes go first: Help.Center refuses to publish a
	// translation while its article is unpublished.
	var srcKeys []string
	for _, t := range a.Translations {
		isSource := t == src
		locale := pl.locale(t.Locale)
		rt := providers.FindTranslation(ra, locale)
		deps := []string(nil)
		if !isSource {
			deps = srcKeys
		}
		if rt == nil {
			desc, slug := pl.translationExtras(t)
			c := add(&plan.Change{
				Key: plan.KeyOf(plan.ActionCreateTranslation, t.Path), Action: plan.ActionCreateTranslation, File: t.Path, ArticleID: id, URL: ra.URL, Locale: locale, Title: t.Title, Deps: deps,
				Translation: &plan.TranslationSpec{TranslationInput: providers.TranslationInput{Locale: locale, Title: t.Title, Body: pl.html(t.Path), Draft: t.Draft, Description: desc, Slug: slug}},
				Fields:      createFields("", providers.ArticleMeta{}, t.Draft),
			})
			pl.createdOutdated(c)
			if isSource {
				srcKeys = append(srcKeys, c.Key)
			}
			if !isSource && len(deps) > 0 && pl.linksTo(src.Path, t.Path) {
				// The source's writes wait for this translation's URL, so it
				// cannot wait for them: create it as a draft, publish after.
				publish := !c.Translation.Draft
				c.Translation.Draft, c.Deps = true, nil
				if !publish {
					continue
				}
				add(&plan.Change{Key: plan.KeyOf(plan.ActionPublish, t.Path), Action: plan.ActionPublish, File: t.Path, ArticleID: id, URL: ra.URL, Locale: locale, Title: t.Title,
					Deps:        append(append([]string{}, deps...), c.Key),
					Translation: &plan.TranslationSpec{TranslationInput: providers.TranslationInput{Locale: locale, Title: t.Title}},
					Fields:      []plan.FieldChange{{Field: "draft", Old: "true", New: "false"}}})
			}
			continue
		}
		url := rt.URL
		if url == "" {
			url = ra.URL
		}
		if c, w := pl.diffTranslation(t, rt, isSource); c != nil {
			c.ArticleID, c.URL, c.Locale, c.Deps = id, url, locale, deps
			add(c)
			if isSource {
				srcKeys = append(srcKeys, c.Key)
			}
			if w, ok := pl.drift(t.Path, rt.UpdatedAt); ok && !onlyOutdated(c) {
				warns = append(warns, w)
			}
			warns = append(warns, w...)
		}
		if rt.Draft != t.Draft {
			action := plan.ActionPublish
			if t.Draft {
				action = plan.ActionUnpublish
			}
			// After the content change: a discard needs the published
			// version that an unpublish takes away.
			content := append(keyIf(changes, plan.KeyOf(plan.ActionUpdateTranslation, t.Path)), keyIf(changes, plan.KeyOf(plan.ActionDiscardDraft, t.Path))...)
			c := add(&plan.Change{Key: plan.KeyOf(action, t.Path), Action: action, File: t.Path, ArticleID: id, URL: url, Locale: locale, Title: t.Title,
				Deps:        append(append([]string{}, deps...), content...),
				Translation: &plan.TranslationSpec{TranslationInput: providers.TranslationInput{Locale: locale, Title: t.Title, Draft: t.Draft}},
				Fields:      []plan.FieldChange{{Field: "draft", Old: strconv.FormatBool(rt.Draft), New: strconv.FormatBool(t.Draft)}}})
			if isSource {
				srcKeys = append(srcKeys, c.Key)
			}
		}
		// A stale translation is listed as such; one whose flag this plan
		// clears needs no warning.
		cleared := pl.opts.Caps.OutdatedFlag && len(keyIf(changes, plan.KeyOf(plan.ActionUpdateTranslation, t.Path))) > 0
		if rt.Outdated && !t.Draft && !pl.stale[t.Path] && !cleared {
			warns = append(warns, plan.Warning{File: t.Path, Kind: plan.WarningOutdated, Msg: "the help center marks this translation outdated: its source changed since it was last updated"})
		}
	}
	dels, unmanaged, w := pl.remoteOnlyTranslations(a, ra)
	for _, c := range dels {
		add(c)
	}
	warns = append(warns, w...)
	pl.attachRefs(changes)
	return changes, warns, unmanaged
}

// remoteOnlyTranslations sorts the remote locales of an article that no
// file holds. Such a translation was made in the help center, or its
// file is gone: the first kind is a person's work and is left alone,
// listed as unmanaged; the second is deleted, but only with prune and
// only when git says its file was deleted since --since (and the
// provider can delete translations; otherwise a warning says so).
func (pl *planner) remoteOnlyTranslations(a *content.Article, ra *providers.Article) ([]*plan.Change, []plan.UnmanagedTranslation, []plan.Warning) {
	var localeList []string
	for locale := range ra.Translations {
		if locales.Equal(locale, ra.SourceLocale) || a.Translation(locale) != nil {
			continue
		}
		localeList = append(localeList, locale)
	}
	sort.Strings(localeList)
	var changes []*plan.Change
	var unmanaged []plan.UnmanagedTranslation
	var warns []plan.Warning
	for _, locale := range localeList {
		rt := ra.Translations[locale]
		url := rt.URL
		if url == "" {
			url = ra.URL
		}
		d := pl.deletedTranslation(a, ra.ID, locale)
		switch {
		case d == nil:
			unmanaged = append(unmanaged, plan.UnmanagedTranslation{ArticleID: ra.ID, Article: a.Path, Locale: locale, Title: rt.Title, URL: url})
		case !pl.opts.Caps.DeleteTranslations:
			warns = append(warns, plan.Warning{File: d.Path, Kind: plan.WarningOrphanTranslation, Msg: fmt.Sprintf(
				"the file was deleted, but %s cannot delete translations through its API: delete the %s translation of article %s there, or add the file back", pl.opts.Provider, locale, ra.ID)})
		default:
			changes = append(changes, &plan.Change{Key: plan.KeyOf(plan.ActionDeleteTranslation, d.Path), Action: plan.ActionDeleteTranslation, File: d.Path, ArticleID: ra.ID, URL: url, Locale: locale, Title: rt.Title,
				Fields: []plan.FieldChange{{Field: "file", Old: d.Path, New: "(deleted)"}}})
		}
	}
	return changes, unmanaged, warns
}

// indexDeletedTranslations files the translation files git says were
// deleted under the article they belonged to: its id when its source
// carried one, else its source's path. Without prune they change
// nothing, and are not indexed.
func (pl *planner) indexDeletedTranslations() {
	pl.deletedTranslations = map[string][]DeletedTranslation{}
	if !pl.opts.Prune {
		return
	}
	for _, d := range pl.opts.DeletedTranslations {
		k := "path:" + d.Article
		if d.ID != "" {
			k = "id:" + d.ID
		}
		pl.deletedTranslations[k] = append(pl.deletedTranslations[k], d)
	}
}

// deletedTranslation returns the deleted translation file that held
// locale of the article (a, bound to remote id), or nil. A file that
// left another article (its source carried another id) is not this
// article's, even when its source's path is now a's.
func (pl *planner) deletedTranslation(a *content.Article, id, locale string) *DeletedTranslation {
	find := func(k string) *DeletedTranslation {
		for i, d := range pl.deletedTranslations[k] {
			if locales.Equal(d.Locale, locale) {
				return &pl.deletedTranslations[k][i]
			}
		}
		return nil
	}
	if d := find("id:" + id); d != nil {
		return d
	}
	return find("path:" + a.Path)
}

// attachRefs records the placeholders of each body a change writes and
// makes the change wait for what creates their targets.
func (pl *planner) attachRefs(changes []*plan.Change) {
	for _, c := range changes {
		switch c.Action {
		case plan.ActionCreate, plan.ActionCreateTranslation, plan.ActionUpdateTranslation:
		default:
			continue
		}
		r := pl.refs[c.File]
		if r == nil {
			continue
		}
		if len(r.links) > 0 {
			c.Links = make(map[string]string, len(r.links))
			var files []string
			for tok, file := range r.links {
				c.Links[tok] = file
				files = append(files, file)
			}
			sort.Strings(files)
			for _, f := range files {
				c.Deps = appendUnique(c.Deps, pl.creatorKey(f))
			}
		}
		var imgs []string
		for short := range r.images {
			imgs = append(imgs, short)
		}
		sort.Strings(imgs)
		for _, short := range imgs {
			c.Deps = appendUnique(c.Deps, plan.KeyOf(plan.ActionUploadImage, short))
		}
	}
}

// linksTo reports whether the body of file links to target through a
// placeholder: target is created by the plan.
func (pl *planner) linksTo(file, target string) bool {
	if r := pl.refs[file]; r != nil {
		for _, f := range r.links {
			if f == target {
				return true
			}
		}
	}
	return false
}

// creatorKey is the key of the change that creates a translation file
// absent from the help center.
func (pl *planner) creatorKey(file string) string {
	target := pl.links.files[file]
	if m := target.managed; m != nil && m.remote == nil && file == target.article.Path {
		return plan.KeyOf(plan.ActionCreate, file)
	}
	return plan.KeyOf(plan.ActionCreateTranslation, file)
}

func appendUnique(list []string, v string) []string {
	for _, x := range list {
		if x == v {
			return list
		}
	}
	return append(list, v)
}

// planUploads adds one upload-image change per image the bodies need
// that the help center does not hold yet.
func (pl *planner) planUploads() {
	byShort := map[string]string{} // short hash -> first image path
	for file, r := range pl.refs {
		_ = file
		for short := range r.images {
			byShort[short] = ""
		}
	}
	if len(byShort) == 0 {
		return
	}
	for file, info := range pl.links.images.m {
		if info.err == nil {
			if _, ok := byShort[info.hash[:16]]; ok {
				if cur := byShort[info.hash[:16]]; cur == "" || file < cur {
					byShort[info.hash[:16]] = file
				}
			}
		}
	}
	shorts := make([]string, 0, len(byShort))
	for s := range byShort {
		shorts = append(shorts, s)
	}
	sort.Slice(shorts, func(i, j int) bool { return byShort[shorts[i]] < byShort[shorts[j]] })
	for _, short := range shorts {
		file := byShort[short]
		info := pl.links.images.m[file]
		pl.plan.Changes = append(pl.plan.Changes, &plan.Change{
			Key: plan.KeyOf(plan.ActionUploadImage, short), Action: plan.ActionUploadImage, File: file,
			Image:  &plan.ImageSpec{Path: file, Hash: info.hash, Short: short, Name: uploadName(info.hash, file), ContentType: info.ctype, Size: info.size},
			Fields: []plan.FieldChange{{Field: "size", New: humanSize(info.size)}},
		})
	}
}

// createFields lists what a reviewer wants to see of a new article or
// translation: where it goes, its metadata, and whether it stays a draft.
func createFields(section string, m providers.ArticleMeta, draft bool) []plan.FieldChange {
	var f []plan.FieldChange
	if section != "" {
		f = append(f, plan.FieldChange{Field: "section", New: section})
	}
	lists := []struct {
		name string
		v    *[]string
	}{{"labels", m.Labels}, {"content_tags", m.ContentTags}, {"segments", m.Segments}}
	for _, l := range lists {
		if l.v != nil {
			f = append(f, plan.FieldChange{Field: l.name, New: listString(*l.v)})
		}
	}
	if m.PermissionGroup != nil {
		f = append(f, plan.FieldChange{Field: "permission_group", New: *m.PermissionGroup})
	}
	if draft {
		f = append(f, plan.FieldChange{Field: "draft", New: "true"})
	}
	return f
}

func keyIf(changes []*plan.Change, key string) []string {
	for _, c := range changes {
		if c.Key == key {
			return []string{key}
		}
	}
	return nil
}

func (pl *planner) translationExtras(t *content.Translation) (desc, slug *string) {
	if pl.opts.Caps.Description {
		desc = t.Description
	}
	if pl.opts.Caps.Slug {
		slug = t.Slug
	}
	return desc, slug
}
