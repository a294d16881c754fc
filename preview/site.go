package preview

import (
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"sort"
	"strings"
	gosync "sync"
	"sync/atomic"

	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/render"
	"github.com/hcsync/hcsync/sync"
)

// site is one load of the tree, rendered: what every page of the
// preview shows until the next change replaces it.
type site struct {
	tree     *content.Tree // nil when the content folder could not be read
	loadErr  error         // why tree is nil
	locales  []string      // every locale of the tree, the default first
	files    map[string]*file
	problems content.Problems // every problem, sorted by file and line
	warnings content.Problems // what validate warns of (tree.Warnings)
}

// file is one translation of an article, rendered.
type file struct {
	article  *content.Article
	t        *content.Translation
	html     string
	problems content.Problems
}

// load reads and renders the tree. Problems of the tree do not stop it:
// they are what the preview shows.
func load(opts Options, cache *content.LoadCache) *site {
	lo := opts.Load
	lo.Cache = cache
	tree, err := content.Load(opts.Root, lo)
	s := &site{tree: tree, files: map[string]*file{}}
	var ps content.Problems
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
	s.renderAll(opts.Profile)
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
			if !providers.EqualLocale(l, def) {
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
func (s *site) renderAll(profile *render.Profile) {
	links := sync.NewOfflineLinks(s.tree)
	var files []*file
	for _, a := range s.tree.Articles {
		for _, t := range a.Translations {
			f := &file{article: a, t: t}
			files = append(files, f)
			s.files[t.Path] = f
		}
	}
	var next atomic.Int64
	var wg gosync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(files), 1)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(files); i = int(next.Add(1) - 1) {
				s.render(files[i], links, profile)
			}
		})
	}
	wg.Wait()
	for _, f := range files {
		s.problems = append(s.problems, f.problems...)
	}
}

// render renders one translation with profile, as apply would send it
// and as the service would store it, its links and images pointing into
// the preview.
func (s *site) render(f *file, links *sync.OfflineLinks, profile *render.Profile) {
	src, err := s.tree.Body(f.t)
	if err != nil {
		f.problems = content.Problems{{File: f.t.Path, Msg: err.Error()}}
		return
	}
	res := render.Render(src, render.Options{
		Profile: profile,
		Link: func(dest string, _ int) (string, error) {
			reached, err := links.Link(f.t, dest)
			if err != nil {
				return "", err
			}
			return s.articleURL(reached), nil
		},
		Image: func(dest string, _ int) (string, error) {
			img, err := links.Image(f.t, dest)
			if err != nil {
				return "", err
			}
			return imageURL(img), nil
		},
	})
	f.html = res.HTML
	if profile != nil && profile.Sanitize != nil {
		f.html = profile.Sanitize(f.html)
	}
	for _, p := range res.Problems {
		line := 0
		if p.Line > 0 {
			line = f.t.BodyLine + p.Line - 1
		}
		f.problems = append(f.problems, content.Problem{File: f.t.Path, Line: line, Msg: p.Msg})
	}
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
func problemsOf(ps content.Problems, a *content.Article) content.Problems {
	paths := map[string]bool{}
	for _, t := range a.Translations {
		paths[t.Path] = true
	}
	var out content.Problems
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
