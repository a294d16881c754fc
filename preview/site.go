package preview

import (
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/hcsync/hcsync/locales"

	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/diag"
	"github.com/hcsync/hcsync/planner"
	"github.com/hcsync/hcsync/render"
)

// site is one load of the tree, rendered: what every page of the
// preview shows until the next change replaces it.
type site struct {
	tree     *content.Tree // nil when the content folder could not be read
	loadErr  error         // why tree is nil
	locales  []string      // every locale of the tree, the default first
	files    map[string]*file
	problems diag.Problems // every problem, sorted by file and line
	warnings diag.Problems // what validate warns of (tree.Warnings)
	renders  atomic.Int64  // bodies rendered, not reused (tests)
}

// file is one translation of an article, rendered.
type file struct {
	article  *content.Article
	t        *content.Translation
	html     string
	problems diag.Problems
	out      *rendered
}

// rendered is what rendering one body gave, kept for the next load:
// a body whose Markdown did not change and whose links and images
// resolve as before renders the same, so a save re-renders only the
// files it concerns (on a tree of 10,000 files, rendering them all
// takes seconds).
type rendered struct {
	sum      uint64 // content.Translation.BodySum
	html     string
	problems []render.Problem // lines within the body
	calls    []call
	unread   bool // the file could not be read: render it again next time
}

// call is one question Render asked the link or image resolver, and
// the answer.
type call struct {
	image     bool
	dest, url string
	err       string
}

// load reads and renders the tree, reusing what prev rendered where it
// still holds (nil: render everything). Problems of the tree do not
// stop it: they are what the preview shows.
func load(opts Options, cache *content.LoadCache, prev *site) *site {
	lo := opts.Load
	lo.Cache = cache
	tree, err := content.Load(opts.Root, lo)
	s := &site{tree: tree, files: map[string]*file{}}
	var ps diag.Problems
	switch {
	case errors.As(err, &ps):
		s.problems = append(s.problems, ps...)
	case err != nil:
		s.loadErr = err
	}
	if tree == nil {
		if s.loadErr == nil {
			s.loadErr = err
		}
		return s
	}
	s.warnings = tree.Warnings
	s.locales = localesOf(tree, lo.DefaultLocale)
	s.renderAll(opts.Profile, prev)
	s.problems.Sort()
	return s
}

// localesOf lists the locales of tree's files: the default one first,
// then the others sorted.
func localesOf(tree *content.Tree, def string) []string {
	seen := map[string]bool{}
	var others []string
	for _, a := range tree.Articles {
		for _, t := range a.Translations {
			l := strings.ToLower(t.Locale)
			if seen[l] {
				continue
			}
			seen[l] = true
			if !locales.Equal(l, def) {
				others = append(others, l)
			}
		}
	}
	sort.Strings(others)
	if def == "" {
		def = "en-us"
	}
	return append([]string{strings.ToLower(def)}, others...)
}

// renderAll renders every translation of the tree, on every core, and
// gathers the problems rendering finds (dead links, images, what the
// profile's service refuses) with the tree's.
func (s *site) renderAll(profile *render.Profile, prev *site) {
	links := planner.NewOfflineLinks(s.tree)
	var files []*file
	for _, a := range s.tree.Articles {
		for _, t := range a.Translations {
			f := &file{article: a, t: t}
			files = append(files, f)
			s.files[t.Path] = f
		}
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(files), 1)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(files); i = int(next.Add(1) - 1) {
				f := files[i]
				if !s.reuse(f, prev, links) {
					s.render(f, links, profile)
				}
				f.problems = bodyProblems(f.t, f.out.problems, f.problems)
			}
		})
	}
	wg.Wait()
	for _, f := range files {
		s.problems = append(s.problems, f.problems...)
	}
}

// reuse takes f's rendering from prev when its body is unchanged and
// every link and image of it resolves as it did then, and reports
// whether it did.
func (s *site) reuse(f *file, prev *site, links *planner.OfflineLinks) bool {
	if prev == nil {
		return false
	}
	old := prev.files[f.t.Path]
	if old == nil || old.out == nil || old.out.unread || old.out.sum != f.t.BodySum {
		return false
	}
	for _, c := range old.out.calls {
		if s.resolve(f.t, links, c.image, c.dest) != c {
			return false
		}
	}
	f.out, f.html = old.out, old.out.html
	return true
}

// resolve answers one question of Render's about t's body: the preview
// URL of a link or image destination, or why it has none.
func (s *site) resolve(t *content.Translation, links *planner.OfflineLinks, image bool, dest string) call {
	c := call{image: image, dest: dest}
	var reached string
	var err error
	if image {
		reached, err = links.Image(t, dest)
	} else {
		reached, err = links.Link(t, dest)
	}
	switch {
	case err != nil:
		c.err = err.Error()
	case image:
		c.url = imageURL(reached)
	default:
		c.url = s.articleURL(reached)
	}
	return c
}

// render renders one translation with profile, as apply would send it
// and as the service would store it, its links and images pointing into
// the preview.
func (s *site) render(f *file, links *planner.OfflineLinks, profile *render.Profile) {
	s.renders.Add(1)
	src, err := s.tree.Body(f.t)
	if err != nil {
		f.out = &rendered{unread: true, problems: []render.Problem{{Msg: err.Error()}}}
		return
	}
	out := &rendered{sum: f.t.BodySum}
	answer := func(image bool, dest string) (string, error) {
		c := s.resolve(f.t, links, image, dest)
		out.calls = append(out.calls, c)
		if c.err != "" {
			return "", errors.New(c.err)
		}
		return c.url, nil
	}
	res := render.Render(src, render.Options{
		Profile: profile,
		Link:    func(dest string, _ int) (string, error) { return answer(false, dest) },
		Image:   func(dest string, _ int) (string, error) { return answer(true, dest) },
	})
	out.html, out.problems = res.HTML, res.Problems
	if profile != nil && profile.Sanitize != nil {
		out.html = profile.Sanitize(out.html)
	}
	f.out, f.html = out, out.html
}

// bodyProblems appends the problems Render found in t's body to ps,
// their lines counted in the file.
func bodyProblems(t *content.Translation, found []render.Problem, ps diag.Problems) diag.Problems {
	for _, p := range found {
		line := 0
		if p.Line > 0 {
			line = t.BodyLine + p.Line - 1
		}
		ps = append(ps, diag.Problem{File: t.Path, Line: line, Msg: p.Msg})
	}
	return ps
}

// articleURL is the preview page of the translation file path: its
// article's source path and the locale.
func (s *site) articleURL(path string) string {
	f := s.files[path]
	if f == nil {
		return "/a/" + escapePath(path)
	}
	return pageURL(f.article, f.t.Locale)
}

// pageURL is the preview page of article a in locale.
func pageURL(a *content.Article, locale string) string {
	return "/a/" + escapePath(a.Source().Path) + "?locale=" + url.QueryEscape(strings.ToLower(locale))
}

// imageURL is where the preview serves the image file of the tree.
func imageURL(path string) string { return "/img/" + escapePath(path) }

func escapePath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// problemsOf returns those of ps that concern a file of article a.
func problemsOf(ps diag.Problems, a *content.Article) diag.Problems {
	paths := map[string]bool{}
	for _, t := range a.Translations {
		paths[t.Path] = true
	}
	var out diag.Problems
	for _, p := range ps {
		if paths[p.File] {
			out = append(out, p)
		}
	}
	return out
}

// lookup finds the article a request for path (any translation file of
// it) and locale shows, and the translation to show: the one in locale,
// else the source.
func (s *site) lookup(path, locale string) (*file, error) {
	f := s.files[path]
	if f == nil {
		return nil, fmt.Errorf("no article %s in the tree", path)
	}
	a := f.article
	t := a.Source()
	switch {
	case locale != "":
		if x := a.Translation(locale); x != nil {
			t = x
		}
	case f.t != nil:
		t = f.t
	}
	return s.files[t.Path], nil
}
