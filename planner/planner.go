package planner

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/hcsync/hcsync/locales"

	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/diag"
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
	// Targets, when set, scope the plan to the articles and folders they
	// name (slash paths relative to the content root, --target): see
	// ScopeTree. Prune is off then, and nothing is listed as unmanaged.
	Targets []string
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
	tree *content.Tree
	// all is the whole tree when Targets scope tree to a part of it.
	all     *content.Tree
	remote  *remote.State
	opts    Options
	profile *render.Profile
	// stale holds the files of opts.Stale.
	stale map[string]bool

	problems  diag.Problems
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
	outside        []managedArticle      // articles Targets leave out, bound by id only
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
	// outside says Targets leave the article out: it is not planned.
	outside bool
}

// NewPlan compares the tree with the remote and returns the changes that
// make the remote match. Problems that only the remote reveals (a locale
// not enabled, an unknown section or segment, an id the help center does
// not have) are returned together as diag.Problems; no plan is
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
	if err := pl.scope(); err != nil {
		return nil, err
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
	pl.bindOutside()
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
	if pl.all == nil {
		// What no file claims is known only from the whole tree.
		pl.listUnmanaged()
		pl.warnDuplicates()
	} else {
		pl.plan.UnmanagedTranslations = []plan.UnmanagedTranslation{}
	}
	pl.warnMissing()
	return pl.plan, nil
}

// addProblems records problems found by the parallel diff.
func (pl *planner) addProblems(ps []diag.Problem) {
	pl.problemMu.Lock()
	defer pl.problemMu.Unlock()
	pl.problems = append(pl.problems, ps...)
}

func (pl *planner) problem(file string, line int, format string, args ...any) {
	pl.problems = append(pl.problems, diag.Problem{File: file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// locale returns the help center's spelling of l ("en-US" for "en-us").
func (pl *planner) locale(l string) string {
	if e, ok := pl.spelling[l]; ok {
		return e
	}
	for _, e := range pl.remote.Locales.Enabled {
		if locales.Equal(e, l) {
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
		if pl.opts.Caps.SourceLocaleFixed && enabled.Default != "" && !locales.Equal(a.Locale, enabled.Default) {
			pl.problem(a.Path, a.Source().KeyLines["locale"], "source locale %q differs from the help center's default %q, and %s writes sources in the default locale: set default_locale: %s in hcsync.yaml", a.Locale, enabled.Default, pl.opts.Provider, enabled.Default)
		}
	}
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
			Key: plan.KeyOf(plan.ActionArchive, d.ID), Action: plan.ActionArchive, File: d.Path, ArticleID: d.ID, URL: ra.URL, Title: title,
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
