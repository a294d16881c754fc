package planner

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/remote"
	"github.com/hcsync/hcsync/render"
)

// Options are the facts the planner needs besides the tree and the
// remote.
type Options struct {
	Provider string
	Caps     providers.Capabilities
	// DefaultLocale is the source locale of files without locale:.
	DefaultLocale string
	// Defaults fill metadata the front-matter leaves out, on create only
	// (Zendesk's configured permission group and user segment), as names
	// or ids.
	Defaults providers.ArticleMeta
	// ConfigFile names the config in problems about Defaults.
	ConfigFile string
	// Prune plans archive for Deleted files' articles, and
	// delete-translation for DeletedTranslations.
	Prune               bool
	Deleted             []Deleted
	DeletedTranslations []DeletedTranslation
	// LastCommit maps a file (slash path relative to the content root) to
	// the time of the last commit that touched it, for drift warnings.
	LastCommit map[string]time.Time
	// Applied, when set, is the record of the last successful apply:
	// for a file it held, drift is a help-center edit after Applied.At,
	// whatever was committed since (a writer's later commit does not
	// hide an edit the apply would undo). Files added since keep the
	// LastCommit rule.
	Applied *AppliedRecord
	// Committed reports whether a file holds what its last commit holds.
	// A file with uncommitted edits is not flagged as drift: the
	// difference from the help center may be the edit itself. Nil = all
	// files are taken as committed.
	Committed func(file string) bool
	// Cache, when set, lets a re-plan skip rendering bodies that matched
	// the help center last time and have not changed since.
	Cache *Cache
	// ImageBaseURL is where the repository's images are served, for
	// providers that take images by URL only (Intercom); the image's path
	// in the content folder is appended.
	ImageBaseURL string
	// ForgetIDs treats an id: the help center does not have as absent
	// (--forget-ids): the file adopts an article of its section and
	// title (a folder, the section of its name), or is created, and apply
	// writes the new id over the old. It moves a tree from one help
	// center to another.
	ForgetIDs bool
	// LinksRoot is what links and images rooted at the site ("/x/y")
	// resolve against: a folder of the tree (slash path relative to the
	// content root, "." for all of it) or a site's URL; empty = such
	// links are dead, except those into the help center itself.
	LinksRoot string
	// RequiredLocales are the locales every article must have
	// (required_locales:): a missing one is a missing-translation
	// warning.
	RequiredLocales []string
	// Stale are the tree's translations that fell behind their source
	// (from git history); the plan lists them.
	Stale []plan.StaleTranslation
	// ArticlePath is the provider's path of one locale of an article
	// (providers.Redirector); nil when the provider has no redirects,
	// which makes redirect_from a problem.
	ArticlePath func(articleID, locale string) string
	// RemovedRedirects are the redirect_from entries that files changed
	// or deleted since --since held then (from git): with prune, the
	// rules of those no file holds now are deleted.
	RemovedRedirects []string
}

// ForeignIDsShare is the share of a tree's ids the help center must lack,
// with at least ForeignIDsMin of them, for the tree to be taken as
// another help center's: one problem says so instead of one per file.
const (
	ForeignIDsShare = 0.5
	ForeignIDsMin   = 5
)

// KindForeignIDs is the kind of the problem that most of the tree's ids
// belong to another help center; KindUnknownID that of one such id.
const (
	KindForeignIDs = "foreign-ids"
	KindUnknownID  = "unknown-id"
)

// AppliedRecord is when the last successful apply ended and which
// files (slash paths relative to the content root) it applied.
type AppliedRecord struct {
	At    time.Time
	Files map[string]bool
}

// Deleted is a file removed from the tree whose last version carried an
// id (from git history).
type Deleted struct {
	Path string `json:"path"`
	ID   string `json:"id"`
}

// DeletedTranslation is a translation file removed from the tree (from
// git history): the one fact that lets prune delete a remote
// translation.
type DeletedTranslation struct {
	Path   string `json:"path"`
	Locale string `json:"locale"`
	// Article is the translation's source file, and ID the id: that file
	// carried when the translation was last there ("" when none): the
	// article is found by ID when there is one, else by Article.
	Article string `json:"article"`
	ID      string `json:"id,omitempty"`
}

// planner holds the state of one NewPlan call.
type planner struct {
	tree    *content.Tree
	remote  *remote.State
	opts    Options
	profile *render.Profile
	// stale holds the files of opts.Stale.
	stale map[string]bool

	problems  content.Problems
	problemMu sync.Mutex // for addProblems
	plan      *plan.Plan

	remoteByID     map[string]*providers.Article
	remoteSections map[string]*providers.Section
	sectionRefs    map[string]plan.SectionRef // tree Dir -> ref
	sectionChanges map[string]string          // tree Dir -> create-section key
	tagNames       map[string]string          // lower name -> remote name
	tagChanges     map[string]string          // lower name -> create-tag key
	claimed        map[string]string          // remote id -> file claiming it
	titled         map[titleKey][]*providers.Article
	warnedTitles   map[titleKey]bool // sets an ambiguous-adopt warning names
	managed        []managedArticle
	defaults       providers.ArticleMeta // Options.Defaults as the help center names them
	bodies         map[string]*body      // translation path -> render outcome
	refs           map[string]*refs      // translation path -> placeholders in its HTML
	links          *linker
	spelling       map[string]string // tree locale -> help center's spelling, see locale
	// unknown are the ids of the tree the help center does not have, of
	// withIDs files carrying one (articles and folders).
	unknown []unknownID
	withIDs int
	// deletedTranslations are Options.DeletedTranslations (with prune)
	// by "id:"+article id or "path:"+source file.
	deletedTranslations map[string][]DeletedTranslation
}

// managedArticle pairs a file with the remote article it is bound to
// (nil when it is created by the plan).
type managedArticle struct {
	file    *content.Article
	remote  *providers.Article
	section plan.SectionRef
	adopted bool
	// known are the ids of the remote articles of the section with the
	// file's title when the plan was made (for a create).
	known []string
	// forgotten is the id: of the file the help center does not have,
	// set aside with ForgetIDs.
	forgotten string
}

// NewPlan compares the tree with the remote and returns the changes that
// make the remote match. Problems that only the remote reveals (a locale
// not enabled, an unknown section or segment, an id the help center does
// not have) are returned together as content.Problems; no plan is
// returned then.
func NewPlan(tree *content.Tree, live *remote.State, opts Options) (*plan.Plan, error) {
	pl := &planner{
		tree:           tree,
		remote:         live,
		opts:           opts,
		profile:        render.Lookup(opts.Caps.HTMLProfile),
		plan:           &plan.Plan{SchemaVersion: plan.SchemaVersion, Provider: opts.Provider, Changes: []*plan.Change{}, Unmanaged: []plan.Unmanaged{}, UnmanagedTranslations: []plan.UnmanagedTranslation{}, Warnings: []plan.Warning{}, Stale: plan.SortedStale(opts.Stale)},
		remoteByID:     make(map[string]*providers.Article, len(live.Articles)),
		remoteSections: make(map[string]*providers.Section, len(live.Sections)),
		sectionRefs:    make(map[string]plan.SectionRef),
		sectionChanges: make(map[string]string),
		tagNames:       make(map[string]string),
		tagChanges:     make(map[string]string),
		claimed:        make(map[string]string),
	}
	for i := range live.Articles {
		a := &live.Articles[i]
		pl.remoteByID[a.ID] = a
	}
	pl.stale = make(map[string]bool, len(opts.Stale))
	for _, s := range opts.Stale {
		pl.stale[s.File] = true
	}
	// The enabled locales as spelt in the tree's files, so that locale
	// answers with a map lookup: it runs for every link of every body.
	pl.spelling = map[string]string{}
	for _, a := range tree.Articles {
		for _, t := range a.Translations {
			if _, ok := pl.spelling[t.Locale]; !ok {
				pl.spelling[t.Locale] = pl.locale(t.Locale)
			}
		}
	}
	for i := range live.Sections {
		s := &live.Sections[i]
		pl.remoteSections[s.ID] = s
	}
	for _, name := range live.Taxonomy.Tags {
		pl.tagNames[strings.ToLower(name)] = name
	}

	pl.checkLocales()
	pl.checkDefaults()
	pl.planSections()
	pl.bindArticles()
	pl.checkRequiredGroup()
	pl.renderBodies()
	if len(pl.problems) > 0 {
		pl.problems.Sort()
		return nil, pl.problems
	}
	pl.diffArticles()
	if len(pl.problems) > 0 {
		pl.problems.Sort()
		return nil, pl.problems
	}
	pl.proposeBodies()
	pl.planArchives()
	pl.planRedirects()
	if len(pl.problems) > 0 {
		pl.problems.Sort()
		return nil, pl.problems
	}
	pl.listUnmanaged()
	pl.warnDuplicates()
	pl.warnMissing()
	return pl.plan, nil
}

// addProblems records problems found by the parallel diff.
func (pl *planner) addProblems(ps []content.Problem) {
	pl.problemMu.Lock()
	defer pl.problemMu.Unlock()
	pl.problems = append(pl.problems, ps...)
}

func (pl *planner) problem(file string, line int, format string, args ...any) {
	pl.problems = append(pl.problems, content.Problem{File: file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// locale returns the help center's spelling of l ("en-US" for "en-us").
func (pl *planner) locale(l string) string {
	if e, ok := pl.spelling[l]; ok {
		return e
	}
	for _, e := range pl.remote.Locales.Enabled {
		if providers.EqualLocale(e, l) {
			return e
		}
	}
	return l
}

func (pl *planner) checkLocales() {
	enabled := pl.remote.Locales
	list := strings.Join(enabled.Enabled, ", ")
	hint := enabled.EnableHint
	if hint == "" {
		hint = "enable it there or rename the file"
	}
	for _, a := range pl.tree.Articles {
		for _, t := range a.Translations {
			if len(enabled.Enabled) > 0 && !enabled.Has(t.Locale) {
				pl.problem(t.Path, t.KeyLines["locale"], "locale %q is not enabled in the help center (enabled: %s): %s", t.Locale, list, hint)
			}
		}
		if pl.opts.Caps.SourceLocaleFixed && enabled.Default != "" && !providers.EqualLocale(a.Locale, enabled.Default) {
			pl.problem(a.Path, a.Source().KeyLines["locale"], "source locale %q differs from the help center's default %q, and %s writes sources in the default locale: set default_locale: %s in hcsync.yaml", a.Locale, enabled.Default, pl.opts.Provider, enabled.Default)
		}
	}
}

// planSections binds every folder of the tree to a remote section (and
// plans an update of what its _section.md changes), or plans its
// creation.
func (pl *planner) planSections() {
	caps := pl.opts.Caps
	hasArticles := make(map[string]bool)
	for _, a := range pl.tree.Articles {
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
		c := &plan.Change{Key: "create-section:" + s.Dir, Action: plan.ActionCreateSection, File: where, Title: s.Name, Section: spec}
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
		Key: string(plan.ActionAdoptSection) + ":" + s.Dir, Action: plan.ActionAdoptSection, File: s.File, URL: rs.URL, Title: rs.Name,
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
		Key: string(action) + ":" + s.Dir, Action: action, File: where, URL: rs.URL, Title: title, Fields: fields,
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
	for _, s := range pl.tree.Sections {
		if s.Dir == v || strings.EqualFold(s.Name, v) || strings.EqualFold(pathBase(s.Dir), v) {
			ref, ok := pl.sectionRefs[s.Dir]
			return ref, ok
		}
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
	pl.problem(a.Path, a.SectionLine, "unknown section %q: use a folder of the tree, a section name or a section id%s", a.Section, suggest(v, names))
	return plan.SectionRef{}, false
}

func pathBase(dir string) string {
	if i := strings.LastIndexByte(dir, '/'); i >= 0 {
		return dir[i+1:]
	}
	return dir
}

// bindArticles decides each file's remote article: by id, else by
// adopting an unclaimed remote article of the same section and title,
// else none (create).
func (pl *planner) bindArticles() {
	refs := make([]plan.SectionRef, len(pl.tree.Articles))
	oks := make([]bool, len(pl.tree.Articles))
	for i, a := range pl.tree.Articles {
		refs[i], oks[i] = pl.articleSection(a)
		pl.checkCapabilities(a)
	}
	// Files with ids claim first, so adoption never steals a claimed article.
	bound := make([]*providers.Article, len(pl.tree.Articles))
	forgotten := make([]bool, len(pl.tree.Articles))
	for i, a := range pl.tree.Articles {
		if a.ID == "" {
			continue
		}
		pl.withIDs++
		ra, ok := pl.remoteByID[a.ID]
		if !ok {
			pl.unknown = append(pl.unknown, unknownID{file: a.Path, line: a.IDLine, id: a.ID})
			forgotten[i] = pl.opts.ForgetIDs
			continue
		}
		pl.claimed[a.ID] = a.Path
		bound[i] = ra
	}
	pl.unknownIDs()
	// Index remote articles by section and source title once, so
	// adoption stays linear in the number of articles.
	pl.titled = make(map[titleKey][]*providers.Article)
	for i := range pl.remote.Articles {
		ra := &pl.remote.Articles[i]
		src := ra.Translations[ra.SourceLocale]
		if src == nil {
			continue
		}
		k := titleKey{ra.SectionID, strings.TrimSpace(src.Title)}
		pl.titled[k] = append(pl.titled[k], ra)
	}
	candidates := make(map[titleKey][]*providers.Article, len(pl.titled))
	for k, list := range pl.titled {
		sort.Slice(list, func(i, j int) bool { return providers.IDLess(list[i].ID, list[j].ID) })
		for _, ra := range list {
			if _, ok := pl.claimed[ra.ID]; !ok {
				candidates[k] = append(candidates[k], ra)
			}
		}
	}
	pl.warnedTitles = make(map[titleKey]bool)
	for i, a := range pl.tree.Articles {
		if !oks[i] || (a.ID != "" && bound[i] == nil && !forgotten[i]) {
			continue
		}
		m := managedArticle{file: a, remote: bound[i], section: refs[i]}
		if forgotten[i] {
			m.forgotten = a.ID
		}
		// A section this plan creates has no articles to adopt; every
		// other, and the top level (no section), may.
		if (a.ID == "" || forgotten[i]) && refs[i].Dir == "" {
			k := titleKey{refs[i].ID, strings.TrimSpace(a.Source().Title)}
			for len(candidates[k]) > 0 {
				ra := candidates[k][0]
				candidates[k] = candidates[k][1:]
				if _, taken := pl.claimed[ra.ID]; taken {
					continue
				}
				if len(candidates[k]) > 0 {
					pl.warnedTitles[k] = true
					pl.plan.Warnings = append(pl.plan.Warnings, plan.Warning{File: a.Path, Kind: "ambiguous-adopt",
						Msg: fmt.Sprintf("%d remote articles in this section are titled %q (ids %s); adopting id %s (the oldest): set id: to choose another", len(candidates[k])+1, a.Source().Title, idList(append([]*providers.Article{ra}, candidates[k]...)), ra.ID)})
				}
				pl.claimed[ra.ID] = a.Path
				m.remote = ra
				m.adopted = true
				break
			}
			if m.remote == nil {
				// Created: apply re-lists the section first and adopts an
				// article of this title made since the plan, never one of
				// these.
				for _, ra := range pl.titled[k] {
					m.known = append(m.known, ra.ID)
				}
			}
		}
		if m.remote != nil && m.section == (plan.SectionRef{}) && m.remote.SectionID != "" {
			// No provider's API takes an article out of its section
			// (Intercom's update_article_request has no way to).
			pl.problem(a.Path, 0, "article %s is in %q in the help center, and %s cannot take it out of its section through its API: move the file back into that section's folder, or move the article out in the help center", m.remote.ID, pl.sectionName(plan.SectionRef{ID: m.remote.SectionID}), pl.opts.Provider)
		}
		if m.remote == nil && pl.opts.Caps.CannotCreate != "" {
			pl.problem(a.Path, 0, "%s", pl.opts.Caps.CannotCreate)
		}
		pl.managed = append(pl.managed, m)
	}
}

// titleKey groups remote articles by section and source title: the
// identity adoption goes by.
type titleKey struct{ section, title string }

// warnDuplicates flags each set of remote articles that share a section
// and a source title: two applies at once, or a copy made by hand,
// leave such duplicates, and adoption can bind a file to only one.
// Sets an ambiguous-adopt warning named already are left out, and so
// are sets whose every article a file claims: those are meant.
func (pl *planner) warnDuplicates() {
	var keys []titleKey
	for k, list := range pl.titled {
		if len(list) > 1 && !pl.warnedTitles[k] && slices.ContainsFunc(list, pl.unclaimed) {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].section != keys[j].section {
			return providers.IDLess(keys[i].section, keys[j].section)
		}
		return keys[i].title < keys[j].title
	})
	for _, k := range keys {
		list := pl.titled[k]
		file := ""
		for _, ra := range list {
			if f, ok := pl.claimed[ra.ID]; ok {
				file = f
				break
			}
		}
		pl.plan.Warnings = append(pl.plan.Warnings, plan.Warning{File: file, Kind: "duplicate-title", Msg: fmt.Sprintf(
			"remote articles %s in section %q are all titled %q, likely duplicates (two applies at once make them): archive the extra ones in the help center, or give each file its own id:",
			idList(list), pl.sectionName(plan.SectionRef{ID: k.section}), k.title)})
	}
}

func (pl *planner) unclaimed(ra *providers.Article) bool {
	_, ok := pl.claimed[ra.ID]
	return !ok
}

// idList reads "10, 12 and 14".
func idList(list []*providers.Article) string {
	ids := make([]string, len(list))
	for i, ra := range list {
		ids[i] = ra.ID
	}
	if len(ids) < 2 {
		return strings.Join(ids, "")
	}
	return strings.Join(ids[:len(ids)-1], ", ") + " and " + ids[len(ids)-1]
}

// unknownID is an id: of the tree the help center does not have.
type unknownID struct {
	file    string // the article's file, or the folder's _section.md
	line    int
	id      string
	section bool
}

// unknownIDs reports the ids of files the help center does not have.
// When most of the tree's ids are unknown, the tree is another help
// center's: that is said once, not for every file. With ForgetIDs they
// are set aside, which a warning says.
func (pl *planner) unknownIDs() {
	unknown := pl.unknown
	if len(unknown) == 0 {
		return
	}
	sort.Slice(unknown, func(i, j int) bool { return unknown[i].file < unknown[j].file })
	first := make([]string, 0, 4)
	for _, u := range unknown[:min(3, len(unknown))] {
		first = append(first, u.file+" id "+u.id)
	}
	if len(unknown) > 3 {
		first = append(first, "…")
	}
	switch {
	case pl.opts.ForgetIDs:
		pl.plan.Warnings = append(pl.plan.Warnings, plan.Warning{Kind: "forgotten-ids", Msg: fmt.Sprintf(
			"%d of %d files carry ids this help center does not have, set aside with --forget-ids (%s): each is bound by its title (a folder by its name) or created, and apply writes the new id",
			len(unknown), pl.withIDs, strings.Join(first, ", "))})
	case len(unknown) >= ForeignIDsMin && float64(len(unknown)) > ForeignIDsShare*float64(pl.withIDs):
		pl.problems = append(pl.problems, content.Problem{Kind: KindForeignIDs, Msg: fmt.Sprintf(
			"%d of %d files carry ids this help center does not have (first: %s): they belong to another help center; point hcsync.yaml at the right one, or run plan and apply with --forget-ids to adopt those files by title or create them, and apply writes the new ids",
			len(unknown), pl.withIDs, strings.Join(first, ", "))})
	default:
		for _, u := range unknown {
			msg := "id %s does not exist in the help center (deleted there, or another help center): remove the id: line to create the article anew, or point hcsync.yaml at the right help center"
			if u.section {
				msg = "section id %s does not exist in the help center: remove the id: line to create the section, or point hcsync.yaml at the right help center"
			}
			pl.problems = append(pl.problems, content.Problem{File: u.file, Line: u.line, Kind: KindUnknownID, Msg: fmt.Sprintf(msg, u.id)})
		}
	}
}

// renderBodies renders every translation's Markdown for the provider's
// profile, in parallel: it is the planner's hot path on big trees.
func (pl *planner) renderBodies() {
	type job struct {
		m *managedArticle
		t *content.Translation
	}
	var jobs []job
	for i := range pl.managed {
		m := &pl.managed[i]
		for _, t := range m.file.Translations {
			jobs = append(jobs, job{m, t})
		}
	}
	pl.links = newLinker(pl)
	out := make([]body, len(jobs))
	forEach(len(jobs), func(i int) { out[i] = pl.renderBody(jobs[i].m, jobs[i].t) })
	if c := pl.opts.Cache; c != nil {
		for i := range out {
			b := &out[i]
			switch {
			case b.hit:
				c.hit(b.key, cacheEntry{Remote: b.remote, Calls: b.calls})
			case b.learnt:
				c.keep(b.key, cacheEntry{Remote: b.remote, Calls: b.calls})
			}
		}
	}
	pl.bodies = make(map[string]*body, len(jobs))
	pl.refs = make(map[string]*refs)
	for i, j := range jobs {
		b := &out[i]
		pl.bodies[j.t.Path] = b
		if r := b.refs; r != nil && (len(r.links) > 0 || len(r.images) > 0) {
			pl.refs[j.t.Path] = r
		}
		pl.problems = append(pl.problems, b.problems...)
	}
}

// html is the HTML the translation at path renders to; "" when it
// renders to what the help center holds already.
func (pl *planner) html(path string) string {
	if b := pl.bodies[path]; b != nil {
		return b.html
	}
	return ""
}

// body is one translation's Markdown rendered for the provider, or the
// cache's word that it renders to what the help center holds.
type body struct {
	html     string
	problems []content.Problem
	refs     *refs
	key      bodyKey
	calls    []resolverCall
	// unchanged is set when the body renders to the remote body as it
	// stands (rendered and compared, or shown by the cache); html is
	// then empty.
	unchanged bool
	// hit says the cache showed it; learnt that it was rendered, matched
	// the remote body whose checksum is remote, and the cache should
	// know. The renderers leave the cache alone: renderBodies tells it
	// afterwards, so the hot loop takes no lock.
	hit, learnt bool
	remote      uint64
}

// renderBody renders t, unless the plan cache proves the result would
// equal the remote translation: same Markdown, same answers from the
// link and image resolvers, same remote body as when they last matched.
func (pl *planner) renderBody(m *managedArticle, t *content.Translation) body {
	b := body{key: keyOf(pl.profile.Name, t)}
	var rt *providers.Translation
	if m.remote != nil {
		rt = providers.FindTranslation(m.remote, pl.locale(t.Locale))
	}
	if c := pl.opts.Cache; c != nil && rt != nil && rt.PendingBody == "" && rt.PendingTitle == "" {
		if e, ok := c.peek(b.key); ok && e.Remote == remoteSum(rt.Body) && pl.replay(t, e.Calls) {
			b.unchanged, b.calls, b.hit, b.remote = true, e.Calls, true, e.Remote
			return b
		}
	}
	r := &refs{}
	resolve := func(image bool, dest string) (string, error) {
		file, err := target(t.Path, dest)
		if err != nil {
			return "", err
		}
		var res string
		if image {
			res, err = pl.links.imageFile(file, r)
		} else {
			res, err = pl.links.linkFile(t, dest, file, r)
		}
		if err == nil {
			b.calls = append(b.calls, resolverCall{Image: image, Dest: dest, Target: file, Result: res})
		}
		return res, err
	}
	opts := render.Options{
		Profile: pl.profile,
		Link:    func(dest string, _ int) (string, error) { return resolve(false, dest) },
		Image:   func(src string, _ int) (string, error) { return resolve(true, src) },
		Rooted: func(dest string, image bool, _ int) (string, error) {
			res, err := pl.links.rooted(t, dest, image, r)
			if err == nil {
				// The target of a rooted call is the destination itself,
				// which no file of the tree is named like: replay asks
				// rooted again.
				b.calls = append(b.calls, resolverCall{Image: image, Dest: dest, Target: dest, Result: res})
			}
			return res, err
		},
	}
	src, err := pl.tree.Body(t)
	if err != nil {
		b.problems = append(b.problems, content.Problem{File: t.Path, Msg: err.Error()})
		return b
	}
	res := render.Render(src, opts)
	for _, p := range res.Problems {
		line := 0
		if p.Line > 0 {
			line = t.BodyLine + p.Line - 1
		}
		b.problems = append(b.problems, content.Problem{File: t.Path, Line: line, Msg: p.Msg})
	}
	anchorProblems, anchorCalls := pl.links.checkFragments(t, res)
	b.problems = append(b.problems, anchorProblems...)
	b.calls = append(b.calls, anchorCalls...)
	b.html, b.refs = res.HTML, r
	// Compare here, while the rendered HTML is at hand, so a body that
	// matches keeps nothing: on big trees the rendered bodies would
	// otherwise be the plan's largest allocation.
	if rt != nil && rt.PendingBody == "" && rt.PendingTitle == "" && len(b.problems) == 0 && !plan.HasPlaceholder(b.html) &&
		pl.sameBody(b.html, rt.Body) {
		b.learnt = pl.opts.Cache != nil
		b.remote = remoteSum(rt.Body)
		b.unchanged, b.html, b.refs = true, "", nil
	}
	return b
}

// proposeBodies tells the cache what each body-writing change would
// make true. A body with placeholders is learnt from the URLs the
// executor put in their place (Cache.Applied).
func (pl *planner) proposeBodies() {
	c := pl.opts.Cache
	if c == nil {
		return
	}
	c.forgetProposals()
	for _, ch := range pl.plan.Changes {
		var html string
		switch ch.Action {
		case plan.ActionCreate:
			html = ch.Create.Source.Body
		case plan.ActionCreateTranslation, plan.ActionUpdateTranslation:
			html = ch.Translation.Body
		default:
			continue
		}
		b := pl.bodies[ch.File]
		if b == nil || html == "" || len(b.problems) > 0 {
			continue
		}
		p := proposal{key: b.key, entry: cacheEntry{Calls: b.calls}}
		if plan.HasPlaceholder(html) || answeredWithPlaceholder(b.calls) {
			p.html = html
		} else {
			p.entry.Remote = remoteSum(html)
		}
		c.propose(ch.Key, p)
	}
}

// answeredWithPlaceholder reports whether a resolver answered a call
// with a placeholder: the body as first written in a link cycle has none
// left, but its links were made inert, so it is not what the next plan
// renders.
func answeredWithPlaceholder(calls []resolverCall) bool {
	for _, c := range calls {
		if strings.HasPrefix(c.Result, plan.LinkPrefix) || strings.HasPrefix(c.Result, plan.ImagePrefix) {
			return true
		}
	}
	return false
}

// replay asks the resolvers the cached questions again: the cached
// verdict holds only if every answer is the same (a target's URL, an
// image's upload, can change while the Markdown does not). Where a
// destination points in the tree depends only on the file and the
// destination, which the cache key and the body's checksum fix, so the
// cached target is asked about directly.
func (pl *planner) replay(t *content.Translation, calls []resolverCall) bool {
	r := &refs{}
	for _, c := range calls {
		if c.Anchor {
			if !pl.links.hasAnchor(t, c.Target, c.Dest) {
				return false
			}
			continue
		}
		var res string
		var err error
		if strings.HasPrefix(c.Target, "/") {
			res, err = pl.links.rooted(t, c.Dest, c.Image, r)
		} else if c.Image {
			res, err = pl.links.imageFile(c.Target, r)
		} else {
			res, err = pl.links.linkFile(t, c.Dest, c.Target, r)
		}
		if err != nil || res != c.Result {
			return false
		}
	}
	return true
}

func (pl *planner) planArchives() {
	if !pl.opts.Prune {
		return
	}
	for _, d := range pl.opts.Deleted {
		if _, ok := pl.claimed[d.ID]; ok {
			continue // renamed: another file carries the id now
		}
		ra, ok := pl.remoteByID[d.ID]
		if !ok {
			continue // already gone
		}
		title := ""
		if src := ra.Translations[ra.SourceLocale]; src != nil {
			title = src.Title
		}
		pl.claimed[d.ID] = d.Path
		pl.plan.Changes = append(pl.plan.Changes, &plan.Change{
			Key: "archive:" + d.ID, Action: plan.ActionArchive, File: d.Path, ArticleID: d.ID, URL: ra.URL, Title: title,
			Fields: []plan.FieldChange{{Field: "file", Old: d.Path, New: "(deleted)"}},
		})
	}
}

func (pl *planner) listUnmanaged() {
	for _, ra := range pl.remote.Articles {
		if _, ok := pl.claimed[ra.ID]; ok {
			continue
		}
		title := ""
		if src := ra.Translations[ra.SourceLocale]; src != nil {
			title = src.Title
		}
		pl.plan.Unmanaged = append(pl.plan.Unmanaged, plan.Unmanaged{ID: ra.ID, Title: title, URL: ra.URL})
	}
	sort.Slice(pl.plan.Unmanaged, func(i, j int) bool { return providers.IDLess(pl.plan.Unmanaged[i].ID, pl.plan.Unmanaged[j].ID) })
}
