package preview

import (
	"bytes"
	"html/template"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/hcsync/hcsync/locales"

	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/diag"
)

// page is what the layout of every page needs.
type page struct {
	Title    string // of the page
	Site     string // Options.Title
	Profile  string
	Locale   string
	Locales  []localeLink
	Problems int
	LoadErr  string
	Version  int
	Nonce    string
	Body     any // the model of the page's own template
}

type localeLink struct {
	Locale  string
	URL     string
	Current bool
}

// shownProblem is a problem as a banner shows it.
type shownProblem struct {
	Where string // file:line
	Msg   string
	URL   string // the page of the file's article, "" when none
}

// indexNode is a category or section on the index, with its articles
// and sub-sections.
type indexNode struct {
	Name     string
	Kind     string
	Articles []indexEntry
	Children []*indexNode
	position *int
}

type indexEntry struct {
	Title    string
	URL      string
	Draft    bool
	Locale   string // set when the article has no translation in the page's locale
	Problems int
	position *int
}

// articleBody is the model of an article page.
type articleBody struct {
	Crumbs   []string
	HTML     template.HTML
	Info     [][2]string
	Problems []shownProblem
	Warnings []shownProblem
	Missing  string // the locale asked for, when the article lacks it
}

func (s *Server) layout(w http.ResponseWriter, r *http.Request, st *site, version int, name, title, locale string, localeList []localeLink, body any) {
	p := page{Title: title, Site: s.opts.Title, Profile: s.opts.Provider, Locale: locale, Locales: localeList,
		Problems: len(st.problems), Version: version, Nonce: nonce(), Body: body}
	if st.loadErr != nil {
		p.LoadErr = st.loadErr.Error()
	}
	var b bytes.Buffer
	if err := pages.ExecuteTemplate(&b, name, p); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	setPageHeaders(w, p.Nonce)
	w.Write(b.Bytes())
}

// index shows the tree as a help center's home: categories, their
// sections and the articles of each, in the locale asked for.
func (s *Server) index(w http.ResponseWriter, r *http.Request) {
	st, v := s.current()
	locale := s.locale(st, r)
	var localeList []localeLink
	for _, l := range st.locales {
		localeList = append(localeList, localeLink{Locale: l, URL: "/?locale=" + l, Current: l == locale})
	}
	s.layout(w, r, st, v, "index", "Help center", locale, localeList, s.indexTree(st, locale))
}

// locale is the locale a request asks for, the tree's default when it
// names none.
func (s *Server) locale(st *site, r *http.Request) string {
	if l := strings.ToLower(r.URL.Query().Get("locale")); l != "" {
		return l
	}
	if len(st.locales) > 0 {
		return st.locales[0]
	}
	return strings.ToLower(s.opts.Load.DefaultLocale)
}

// indexTree arranges the tree's folders as the help center nests them.
func (s *Server) indexTree(st *site, locale string) []*indexNode {
	if st.tree == nil {
		return nil
	}
	nodes := map[string]*indexNode{}
	var top []*indexNode
	for _, sec := range st.tree.Sections {
		n := &indexNode{Name: sec.Name, Kind: "section", position: sec.Position}
		if sec.Category {
			n.Kind = "category"
		}
		nodes[sec.Dir] = n
		if parent := nodes[sec.Parent]; parent != nil && sec.Parent != "" {
			parent.Children = append(parent.Children, n)
		} else {
			top = append(top, n)
		}
	}
	for _, a := range st.tree.Articles {
		n := nodes[a.Dir]
		if n == nil {
			n = &indexNode{Name: "(top of the content folder)"}
			nodes[a.Dir] = n
			top = append([]*indexNode{n}, top...)
		}
		t := a.Translation(locale)
		e := indexEntry{URL: pageURL(a, locale), position: a.Position, Problems: len(problemsOf(st.problems, a))}
		if t == nil {
			t = a.Source()
			e.Locale = t.Locale
		}
		e.Title, e.Draft = t.Title, t.Draft
		n.Articles = append(n.Articles, e)
	}
	for _, n := range nodes {
		sort.SliceStable(n.Articles, func(i, j int) bool {
			return byPosition(n.Articles[i].position, n.Articles[j].position, n.Articles[i].Title, n.Articles[j].Title)
		})
		sortNodes(n.Children)
	}
	sortNodes(top)
	return top
}

func sortNodes(ns []*indexNode) {
	sort.SliceStable(ns, func(i, j int) bool { return byPosition(ns[i].position, ns[j].position, ns[i].Name, ns[j].Name) })
}

// byPosition orders as help centers do: by position: where written,
// those without one after, then by name.
func byPosition(a, b *int, an, bn string) bool {
	switch {
	case a != nil && b != nil && *a != *b:
		return *a < *b
	case a != nil && b == nil:
		return true
	case a == nil && b != nil:
		return false
	}
	return strings.ToLower(an) < strings.ToLower(bn)
}

// article shows one article in the locale asked for, with its
// front-matter and its problems.
func (s *Server) article(w http.ResponseWriter, r *http.Request) {
	st, v := s.current()
	f, err := st.lookup(r.PathValue("path"), r.URL.Query().Get("locale"))
	if err != nil {
		http.Error(w, err.Error()+": go back to the index at /", http.StatusNotFound)
		return
	}
	a := f.article
	body := articleBody{HTML: template.HTML(f.html), Crumbs: s.crumbs(st, a.Dir), Info: info(a, f.t, s.opts.Shown)}
	if want := r.URL.Query().Get("locale"); want != "" && !locales.Equal(want, f.t.Locale) {
		body.Missing = want
	}
	for _, p := range problemsOf(st.problems, a) {
		sp := s.shown(st, p)
		sp.URL = "" // this page
		body.Problems = append(body.Problems, sp)
	}
	for _, p := range problemsOf(st.warnings, a) {
		sp := s.shown(st, p)
		sp.URL = ""
		body.Warnings = append(body.Warnings, sp)
	}
	var localeList []localeLink
	for _, t := range a.Translations {
		l := strings.ToLower(t.Locale)
		localeList = append(localeList, localeLink{Locale: l, URL: pageURL(a, l), Current: t == f.t})
	}
	s.layout(w, r, st, v, "article", f.t.Title, strings.ToLower(f.t.Locale), localeList, body)
}

// crumbs are the names of the folders above an article.
func (s *Server) crumbs(st *site, dir string) []string {
	byDir := map[string]*content.Section{}
	for _, sec := range st.tree.Sections {
		byDir[sec.Dir] = sec
	}
	var out []string
	for sec := byDir[dir]; sec != nil; sec = byDir[sec.Parent] {
		out = append([]string{sec.Name}, out...)
		if sec.Parent == "" {
			break
		}
	}
	return out
}

// info is the front-matter a reader of the help center does not see
// but the writer set: the info box of an article page.
func info(a *content.Article, t *content.Translation, shown func(string) string) [][2]string {
	rows := [][2]string{{"file", shown(t.Path)}, {"locale", t.Locale}}
	id := a.ID
	if id == "" {
		id = "none yet (apply creates the article)"
	}
	rows = append(rows, [2]string{"id", id})
	draft := "no (published)"
	if t.Draft {
		draft = "yes"
	}
	rows = append(rows, [2]string{"draft", draft})
	list := func(key string, v *[]string) {
		switch {
		case v == nil:
		case len(*v) == 0:
			rows = append(rows, [2]string{key, "(none)"})
		default:
			rows = append(rows, [2]string{key, strings.Join(*v, ", ")})
		}
	}
	list("labels", a.Labels)
	list("content tags", a.ContentTags)
	if a.Segments != nil && len(*a.Segments) == 0 {
		rows = append(rows, [2]string{"segments", "everyone"})
	} else {
		list("segments", a.Segments)
	}
	if a.PermissionGroup != nil {
		rows = append(rows, [2]string{"permission group", *a.PermissionGroup})
	}
	if a.Promoted != nil && *a.Promoted {
		rows = append(rows, [2]string{"promoted", "yes"})
	}
	if t.Description != nil {
		rows = append(rows, [2]string{"description", *t.Description})
	}
	return rows
}

// shown is p as a banner shows it.
func (s *Server) shown(st *site, p diag.Problem) shownProblem {
	where := s.opts.Shown(p.File)
	if p.Line > 0 {
		where += ":" + strconv.Itoa(p.Line)
	}
	sp := shownProblem{Where: where, Msg: p.Msg}
	if f := st.files[p.File]; f != nil {
		sp.URL = pageURL(f.article, f.t.Locale)
	}
	return sp
}

// problemsPage lists every problem of the tree, each linked to its
// article's page when it has one.
func (s *Server) problemsPage(w http.ResponseWriter, r *http.Request) {
	st, v := s.current()
	var ps, ws []shownProblem
	for _, p := range st.problems {
		ps = append(ps, s.shown(st, p))
	}
	for _, p := range st.warnings {
		ws = append(ws, s.shown(st, p))
	}
	s.layout(w, r, st, v, "problems", "Problems", s.locale(st, r), nil, struct{ Problems, Warnings []shownProblem }{ps, ws})
}

var pages = template.Must(template.New("").Parse(layoutHTML))
