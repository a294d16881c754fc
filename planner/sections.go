package planner

import (
	"strconv"
	"strings"

	"github.com/hcsync/hcsync/diag"

	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers"
)

// planSections binds every folder of the tree to a remote section (and
// plans an update of what its _section.md changes), or plans its
// creation.
func (pl *planner) planSections() {
	caps := pl.opts.Caps
	hasArticles := make(map[string]bool)
	for _, a := range pl.whole().Articles {
		hasArticles[a.Dir] = true
	}
	for _, s := range pl.tree.Sections {
		where := s.File
		if where == "" {
			where = s.Dir + "/"
		}
		depth := strings.Count(s.Dir, "/") + 1
		if caps.MaxSectionDepth > 0 && depth > caps.MaxSectionDepth {
			pl.problem(where, 0, "folder is nested %d levels deep, and %s holds at most %d: move it up", depth, pl.opts.Provider, caps.MaxSectionDepth)
			continue
		}
		if s.Parent == "" && hasArticles[s.Dir] && !caps.TopLevelArticles {
			pl.problem(where, 0, "%s keeps articles in sections inside categories: move the articles of %q into a sub-folder (a section), or the folder into a category folder", pl.opts.Provider, s.Dir)
			continue
		}
		forgotten := ""
		if s.ID != "" {
			pl.withIDs++
			rs, ok := pl.remoteSections[s.ID]
			if !ok {
				pl.unknown = append(pl.unknown, unknownID{file: where, id: s.ID, section: true})
				if !pl.opts.ForgetIDs {
					continue
				}
				forgotten = s.ID
			} else {
				pl.sectionRefs[s.Dir] = plan.SectionRef{ID: rs.ID}
				pl.planSectionUpdate(s, rs, where, true)
				continue
			}
		}
		var parent plan.SectionRef
		if s.Parent != "" {
			p, ok := pl.sectionRefs[s.Parent]
			if !ok {
				continue // the parent had a problem already
			}
			parent = p
		}
		if parent.Dir == "" {
			if rs := pl.findSection(s.Name, parent.ID); rs != nil {
				pl.sectionRefs[s.Dir] = plan.SectionRef{ID: rs.ID}
				pl.planSectionUpdate(s, rs, where, false)
				if forgotten != "" {
					pl.adoptSection(s, rs, forgotten)
				}
				continue
			}
		}
		if !caps.CreateSections {
			pl.problem(where, 0, "no section named %q in the help center, and %s cannot create sections through its API: create it there, or set id: in %s/_section.md", s.Name, pl.opts.Provider, s.Dir)
			continue
		}
		kind := providers.KindSection
		if s.Parent == "" {
			kind = providers.KindCategory
		}
		spec := &plan.SectionSpec{
			Dir: s.Dir, Kind: kind, Name: s.Name, Description: s.Description, Position: s.Position,
			ParentDir: parent.Dir, ParentID: parent.ID, Locale: pl.locale(pl.opts.DefaultLocale),
			IDFile: s.IDFile(),
		}
		c := &plan.Change{Key: plan.KeyOf(plan.ActionCreateSection, s.Dir), Action: plan.ActionCreateSection, File: where, Title: s.Name, Section: spec}
		if parent.Dir != "" {
			c.Deps = []string{pl.sectionChanges[parent.Dir]}
		}
		if parent.Dir == "" && parent.ID != "" {
			c.Fields = []plan.FieldChange{{Field: "parent", New: pl.sectionName(parent)}}
		}
		pl.plan.Changes = append(pl.plan.Changes, c)
		pl.sectionChanges[s.Dir] = c.Key
		pl.sectionRefs[s.Dir] = plan.SectionRef{Dir: s.Dir}
	}
}

// adoptSection plans writing the id of rs, the remote section a folder
// is bound to by name, over forgotten, the id its file carried that the
// help center does not have (ForgetIDs): a later plan without
// --forget-ids then binds it by id.
func (pl *planner) adoptSection(s *content.Section, rs *providers.Section, forgotten string) {
	pl.plan.Changes = append(pl.plan.Changes, &plan.Change{
		Key: plan.KeyOf(plan.ActionAdoptSection, s.Dir), Action: plan.ActionAdoptSection, File: s.File, URL: rs.URL, Title: rs.Name,
		Fields:        []plan.FieldChange{{Field: "id", Old: forgotten, New: rs.ID}},
		SectionUpdate: &plan.SectionUpdateSpec{ID: rs.ID, Dir: s.Dir, SectionUpdate: providers.SectionUpdate{Kind: rs.Kind}},
	})
}

// planSectionUpdate plans update-section or update-category for the
// fields s's file sets that differ from the remote rs. The name is
// compared when the file writes title:, and on a folder bound by id,
// whose name is the section's name: renaming the folder renames the
// remote. A name that differs only in case is no rename then (folders
// are often named in lower case).
func (pl *planner) planSectionUpdate(s *content.Section, rs *providers.Section, where string, byID bool) {
	u := providers.SectionUpdate{Kind: rs.Kind, Locale: pl.locale(pl.opts.DefaultLocale)}
	var fields []plan.FieldChange
	name, old := strings.TrimSpace(s.Name), strings.TrimSpace(rs.Name)
	if (s.HasTitle && name != old) || (!s.HasTitle && byID && !strings.EqualFold(name, old)) {
		u.Name = &name
		fields = append(fields, plan.FieldChange{Field: "name", Old: rs.Name, New: name})
	}
	if desc := strings.TrimSpace(s.Description); s.HasDescription && desc != strings.TrimSpace(rs.Description) {
		u.Description = &desc
		fields = append(fields, plan.FieldChange{Field: "description", Old: rs.Description, New: desc})
	}
	if p := s.Position; p != nil && pl.opts.Caps.SectionPosition && (rs.Position == nil || *rs.Position != *p) {
		old := ""
		if rs.Position != nil {
			old = strconv.Itoa(*rs.Position)
		}
		u.Position = p
		fields = append(fields, plan.FieldChange{Field: "position", Old: old, New: strconv.Itoa(*p)})
	}
	if len(fields) == 0 {
		return
	}
	action := plan.ActionUpdateSection
	if rs.Kind == providers.KindCategory {
		action = plan.ActionUpdateCategory
	}
	title := rs.Name
	if u.Name != nil {
		title = name
	}
	pl.plan.Changes = append(pl.plan.Changes, &plan.Change{
		Key: plan.KeyOf(action, s.Dir), Action: action, File: where, URL: rs.URL, Title: title, Fields: fields,
		SectionUpdate: &plan.SectionUpdateSpec{ID: rs.ID, Dir: s.Dir, SectionUpdate: u},
	})
}

// findSection returns the remote section with that name under parentID.
func (pl *planner) findSection(name, parentID string) *providers.Section {
	var found *providers.Section
	for i := range pl.remote.Sections {
		rs := &pl.remote.Sections[i]
		if rs.ParentID == parentID && strings.EqualFold(strings.TrimSpace(rs.Name), strings.TrimSpace(name)) {
			if found == nil || rs.ID < found.ID {
				found = rs
			}
		}
	}
	return found
}

// articleSection resolves an article's section: its folder, or the
// section: of its front-matter (a folder path, a section name or an id).
func (pl *planner) articleSection(a *content.Article) (plan.SectionRef, bool) {
	v := strings.TrimSpace(a.Section)
	if v == "" || v == a.Dir {
		if a.Dir == "" {
			if pl.opts.Caps.RootArticles {
				return plan.SectionRef{}, true // stands alone, in no section
			}
			pl.problem(a.Path, 0, "article is not in a section folder, and %s keeps every article in a section: move it into one, or set section: to a section name or id", pl.opts.Provider)
			return plan.SectionRef{}, false
		}
		ref, ok := pl.sectionRefs[a.Dir]
		return ref, ok // a missing ref was reported for the folder
	}
	v = strings.Trim(v, "/")
	if s := treeSection(pl.tree, v); s != nil {
		ref, ok := pl.sectionRefs[s.Dir]
		return ref, ok
	}
	if rs, ok := pl.remoteSections[v]; ok {
		return plan.SectionRef{ID: rs.ID}, true
	}
	var names []string
	for _, rs := range pl.remote.Sections {
		if strings.EqualFold(rs.Name, v) {
			return plan.SectionRef{ID: rs.ID}, true
		}
		names = append(names, rs.Name)
	}
	pl.problem(a.Path, a.SectionLine, "unknown section %q: use a folder of the tree, a section name or a section id%s", a.Section, diag.DidYouMean(v, names))
	return plan.SectionRef{}, false
}

// treeSection is the section of tree that v, an article's section:
// trimmed of slashes, names: by folder, name or folder name; nil when
// none does (v may name a remote section).
func treeSection(tree *content.Tree, v string) *content.Section {
	for _, s := range tree.Sections {
		if s.Dir == v || strings.EqualFold(s.Name, v) || strings.EqualFold(pathBase(s.Dir), v) {
			return s
		}
	}
	return nil
}

func pathBase(dir string) string {
	if i := strings.LastIndexByte(dir, '/'); i >= 0 {
		return dir[i+1:]
	}
	return dir
}
