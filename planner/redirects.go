package planner

import (
	"sort"
	"strings"

	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers"
)

// Redirects are managed like articles. A rule is hcsync's when its
// source is an entry of some file's redirect_from (an article id stands
// for that article's path in each locale, as the provider spells it)
// and it points to an article a file claims: such rules are created,
// re-pointed when their target moves, and deleted (with prune) when the
// entry leaves redirect_from since --since. Every other rule of the help
// center is left alone.

// RedirectsNeeded reports whether planning tree needs the help center's
// redirect rules. With Targets, only the targets' articles count, and
// prune is off.
func RedirectsNeeded(tree *content.Tree, opts Options) bool {
	if len(opts.Targets) > 0 {
		scoped, err := ScopeTree(tree, opts.Targets)
		if err != nil {
			return false // NewPlan says so
		}
		tree, opts.Prune = scoped, false
	}
	if opts.Prune && len(opts.RemovedRedirects) > 0 {
		return true
	}
	for _, a := range tree.Articles {
		if len(a.RedirectFrom) > 0 {
			return true
		}
	}
	return false
}

// wantedRedirect is a rule the tree asks for.
type wantedRedirect struct {
	from, to string
	// toFile is the translation file whose URL to is, when the plan
	// creates it (to is "" then).
	toFile string
	m      *managedArticle
	locale string
	dep    string // the archive of the article redirected from, when planned
}

// planRedirects plans create-, update- and delete-redirect.
func (pl *planner) planRedirects() {
	var with []*content.Article
	for _, a := range pl.tree.Articles {
		if len(a.RedirectFrom) > 0 {
			with = append(with, a)
		}
	}
	removed := pl.opts.RemovedRedirects
	if !pl.opts.Prune {
		removed = nil
	}
	if len(with) == 0 && len(removed) == 0 {
		return
	}
	if pl.opts.ArticlePath == nil {
		for _, a := range with {
			pl.problem(a.Path, a.KeyLines["redirect_from"], "redirects are not supported by %s's public API: remove redirect_from, and set the redirect up in the help center", pl.opts.Provider)
		}
		return
	}
	existing := make(map[string]providers.Redirect, len(pl.remote.Redirects))
	for _, r := range pl.remote.Redirects {
		existing[r.From] = r
	}
	live := pl.livePaths()
	wanted := map[string]*wantedRedirect{}
	entries := map[string]bool{}
	for i := range pl.managed {
		m := &pl.managed[i]
		for _, e := range m.file.RedirectFrom {
			entries[e] = true
			for _, w := range pl.redirectsOf(m, e, existing) {
				pl.want(wanted, w, live)
			}
		}
	}
	for _, w := range sortedWanted(wanted) {
		pl.planSet(w, existing)
	}
	pl.planRedirectDeletes(removed, entries, existing, wanted)
}

// livePaths maps each path that serves an article now, and will after
// this plan's archives, to the article's id.
func (pl *planner) livePaths() map[string]string {
	archived := map[string]bool{}
	for _, c := range pl.plan.Changes {
		if c.Action == plan.ActionArchive {
			archived[c.ArticleID] = true
		}
	}
	live := map[string]string{}
	for _, ra := range pl.remote.Articles {
		if archived[ra.ID] {
			continue
		}
		for l := range ra.Translations {
			live[pl.opts.ArticlePath(ra.ID, l)] = ra.ID
		}
	}
	return live
}

// redirectsOf resolves one redirect_from entry of m's file: an id to the
// article's path in each locale the old article had (when it is still
// listed), m has, or an existing rule covers; a path stands for itself.
func (pl *planner) redirectsOf(m *managedArticle, entry string, existing map[string]providers.Redirect) []*wantedRedirect {
	ra := m.remote
	if !providers.IsNumericID(entry) {
		return []*wantedRedirect{pl.wantedTo(m, entry, pl.locale(m.file.Locale), "")}
	}
	localeList := map[string]bool{}
	if ra != nil {
		for l := range ra.Translations {
			localeList[l] = true
		}
	}
	for _, t := range m.file.Translations {
		localeList[pl.locale(t.Locale)] = true
	}
	dep := ""
	if old, ok := pl.remoteByID[entry]; ok {
		for l := range old.Translations {
			localeList[l] = true
		}
	}
	if pl.hasChange(plan.KeyOf(plan.ActionArchive, entry)) {
		dep = plan.KeyOf(plan.ActionArchive, entry)
	}
	for _, l := range pl.remote.Locales.Enabled {
		if _, ok := existing[pl.opts.ArticlePath(entry, l)]; ok {
			localeList[l] = true
		}
	}
	var out []*wantedRedirect
	for l := range localeList {
		out = append(out, pl.wantedTo(m, pl.opts.ArticlePath(entry, l), l, dep))
	}
	return out
}

// wantedTo is the rule from path to m's URL in locale: the help
// center's URL when the article exists, else the translation file's
// (the source's when it has none in locale), known once apply has
// created it.
func (pl *planner) wantedTo(m *managedArticle, from, locale, dep string) *wantedRedirect {
	w := &wantedRedirect{from: from, m: m, locale: locale, dep: dep}
	t := m.file.Translation(locale)
	if m.remote != nil && (t == nil || m.remote.Translations[locale] != nil || !pl.hasChange(plan.KeyOf(plan.ActionCreateTranslation, t.Path))) {
		w.to = pl.targetURL(m.remote, locale)
		return w
	}
	if t == nil {
		t = m.file.Source()
	}
	w.toFile = t.Path
	return w
}

// targetURL is the URL of ra in locale, or in its source locale when it
// has none in that one. The link form is used where the service has one
// (Zendesk's URL without the title's slug): a retitle moves no redirect.
func (pl *planner) targetURL(ra *providers.Article, locale string) string {
	t := ra.Translations[locale]
	if t == nil {
		t = ra.Translations[ra.SourceLocale]
	}
	if t == nil {
		return ra.URL
	}
	if u := t.Link(); u != "" {
		return u
	}
	return ra.URL
}

// reaches reports whether url is one of the forms of ra's URL in
// locale (with or without the title's slug): a rule written by hand, or
// before, with another form is left as it is.
func (pl *planner) reaches(ra *providers.Article, locale, url string) bool {
	t := ra.Translations[locale]
	if t == nil {
		t = ra.Translations[ra.SourceLocale]
	}
	return t != nil && url != "" && (url == t.URL || url == t.Link() || url == t.Permalink)
}

// want records w, or a problem when its path still serves an article or
// another file redirects it elsewhere.
func (pl *planner) want(wanted map[string]*wantedRedirect, w *wantedRedirect, live map[string]string) {
	line := w.m.file.KeyLines["redirect_from"]
	if id, ok := live[w.from]; ok {
		if w.m.remote != nil && id == w.m.remote.ID {
			pl.problem(w.m.file.Path, line, "redirect_from: %s is this article's own path: remove it", w.from)
			return
		}
		pl.problem(w.m.file.Path, line, "redirect_from: %s still serves article %s, and a help center redirects only from a path that serves nothing: delete that article's file and apply with --prune --since, or remove the entry", w.from, id)
		return
	}
	if prev, ok := wanted[w.from]; ok && prev.m != w.m {
		pl.problem(w.m.file.Path, line, "redirect_from: %s is also in %s: keep it in one file", w.from, prev.m.file.Path)
		return
	}
	wanted[w.from] = w
}

func sortedWanted(wanted map[string]*wantedRedirect) []*wantedRedirect {
	out := make([]*wantedRedirect, 0, len(wanted))
	for _, w := range wanted {
		out = append(out, w)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].from < out[j].from })
	return out
}

// planSet plans create-redirect, or update-redirect when the rule there
// points elsewhere.
func (pl *planner) planSet(w *wantedRedirect, existing map[string]providers.Redirect) {
	c := &plan.Change{File: w.m.file.Path, Article: w.m.file.Path, Locale: w.locale, URL: w.to,
		Title: w.m.file.Source().Title, Redirect: &plan.RedirectSpec{From: w.from, To: w.to, ToFile: w.toFile}}
	to := w.to
	var deps []string
	if w.m.remote != nil {
		c.ArticleID = w.m.remote.ID
	}
	if w.toFile != "" {
		// The target's create, or its translation's, must run first.
		to = "(the URL of " + w.toFile + " once created)"
		for _, k := range []string{plan.KeyOf(plan.ActionCreate, w.toFile), plan.KeyOf(plan.ActionCreateTranslation, w.toFile)} {
			if pl.hasChange(k) {
				deps = append(deps, k)
			}
		}
	}
	if ex, ok := existing[w.from]; ok {
		if w.toFile == "" && (ex.To == w.to || pl.reaches(w.m.remote, w.locale, ex.To)) {
			return
		}
		c.Action, c.Redirect.ID = plan.ActionUpdateRedirect, ex.ID
		c.Fields = []plan.FieldChange{{Field: "redirect " + w.from, Old: ex.To, New: to}}
	} else {
		c.Action = plan.ActionCreateRedirect
		c.Fields = []plan.FieldChange{{Field: "redirect " + w.from, Old: "(none)", New: to}}
	}
	c.Key = plan.KeyOf(c.Action, w.from)
	if w.dep != "" {
		deps = append(deps, w.dep)
	}
	c.Deps = deps
	pl.plan.Changes = append(pl.plan.Changes, c)
}

// planRedirectDeletes plans delete-redirect for the rules of entries
// that left every file's redirect_from since --since (removed), when
// they point to an article a file claims: a rule someone made in the
// help center is never deleted.
func (pl *planner) planRedirectDeletes(removed []string, entries map[string]bool, existing map[string]providers.Redirect, wanted map[string]*wantedRedirect) {
	targets := map[string]string{} // URL of a claimed article -> its file
	for _, m := range pl.managed {
		if m.remote == nil {
			continue
		}
		for l, t := range m.remote.Translations {
			for _, u := range []string{pl.targetURL(m.remote, l), t.URL, t.Permalink} {
				if u != "" {
					targets[u] = m.file.Path
				}
			}
		}
	}
	seen := map[string]bool{}
	for _, e := range removed {
		if entries[e] {
			continue
		}
		froms := []string{e}
		if providers.IsNumericID(e) {
			froms = nil
			for _, l := range pl.remote.Locales.Enabled {
				froms = append(froms, pl.opts.ArticlePath(e, l))
			}
			for _, r := range pl.remote.Redirects {
				if strings.HasSuffix(r.From, "/articles/"+e) {
					froms = append(froms, r.From)
				}
			}
		}
		for _, from := range froms {
			ex, ok := existing[from]
			if !ok || seen[from] || wanted[from] != nil {
				continue
			}
			file, managed := targets[ex.To]
			if !managed {
				continue
			}
			seen[from] = true
			pl.plan.Changes = append(pl.plan.Changes, &plan.Change{
				Key: plan.KeyOf(plan.ActionDeleteRedirect, from), Action: plan.ActionDeleteRedirect, File: file, Article: file, URL: ex.To,
				Fields:   []plan.FieldChange{{Field: "redirect " + from, Old: ex.To, New: "(removed from redirect_from)"}},
				Redirect: &plan.RedirectSpec{ID: ex.ID, From: from, To: ex.To},
			})
		}
	}
}

func (pl *planner) hasChange(key string) bool {
	for _, c := range pl.plan.Changes {
		if c.Key == key {
			return true
		}
	}
	return false
}

func (pl *planner) sourceTitle(ra *providers.Article) string {
	if src := ra.Translations[ra.SourceLocale]; src != nil {
		return src.Title
	}
	return ""
}
