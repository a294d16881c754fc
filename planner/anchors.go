package planner

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/hcsync/hcsync/diag"

	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/render"
)

// anchorIndex holds the ids of the translations links point into, each
// parsed once, on the first link that needs it. Unlike onceEach, one
// file's parse does not hold up the renderers waiting for another's.
type anchorIndex struct {
	mu sync.Mutex
	m  map[string]*anchorEntry
}

type anchorEntry struct {
	once sync.Once
	ids  map[string]bool
	list []string // for "did you mean", in the order of the page
	err  error
}

// of returns the ids of t's page (render.Anchors).
func (x *anchorIndex) of(tree *content.Tree, t *content.Translation) *anchorEntry {
	x.mu.Lock()
	if x.m == nil {
		x.m = map[string]*anchorEntry{}
	}
	e := x.m[t.Path]
	if e == nil {
		e = &anchorEntry{}
		x.m[t.Path] = e
	}
	x.mu.Unlock()
	e.once.Do(func() {
		src, err := tree.Body(t)
		if err != nil {
			e.err = err
			return
		}
		e.list = render.Anchors(src)
		e.ids = idSet(e.list)
	})
	return e
}

func idSet(list []string) map[string]bool {
	m := make(map[string]bool, len(list))
	for _, id := range list {
		m[id] = true
	}
	return m
}

// checkFragments returns a problem for each link of t's body (rendered
// as res) that names a heading its page does not have, and a resolver
// call for each link into another file that names one it has: the
// plan cache's verdict on the body holds only while those pages keep
// those headings (replay asks hasAnchor).
//
// The page a link into another article opens is the one linkFile
// resolves it to, so its ids are that translation's: a French page's
// headings are French. Links to what is not an article (a dead link, an
// image, a PDF) were reported or are not checked.
func (l *linker) checkFragments(t *content.Translation, res render.Result) (problems []diag.Problem, calls []resolverCall) {
	var own map[string]bool
	for _, f := range res.Fragments {
		if anyPlace(f.Frag) {
			continue
		}
		var ids map[string]bool
		var list []string
		var page string
		if f.Dest == "" {
			if own == nil {
				own = idSet(res.IDs)
			}
			ids, list, page = own, res.IDs, t.Path
		} else {
			file, err := target(t.Path, f.Dest)
			if err != nil {
				continue
			}
			e, tt := l.anchorsOf(t, file)
			if e == nil {
				continue
			}
			if e.ids[f.Frag] {
				calls = append(calls, resolverCall{Anchor: true, Dest: f.Frag, Target: file})
				continue
			}
			ids, list, page = e.ids, e.list, tt.Path
		}
		if ids[f.Frag] {
			continue
		}
		p := diag.Problem{File: t.Path, Line: t.BodyLine + f.Line - 1,
			Msg: fmt.Sprintf("link %q: no heading %q in %s%s", f.Dest+"#"+f.Frag, f.Frag, page, diag.DidYouMean(f.Frag, list))}
		// A reference defined once and used twice is one thing to fix.
		if !slices.Contains(problems, p) {
			problems = append(problems, p)
		}
	}
	return problems, calls
}

// anchorsOf returns the ids of the page a link from t to file (a slash
// path in the tree) opens, and that page's translation; nil when file is
// not an article or its body cannot be read (its own render says why).
func (l *linker) anchorsOf(t *content.Translation, file string) (*anchorEntry, *content.Translation) {
	lt, ok := l.files[file]
	if !ok {
		return nil, nil
	}
	tt := lt.landing(t)
	e := l.anchors.of(l.pl.whole(), tt)
	if e.err != nil {
		return nil, nil
	}
	return e, tt
}

// hasAnchor reports whether the page a link from t to file opens still
// has the id frag.
func (l *linker) hasAnchor(t *content.Translation, file, frag string) bool {
	e, _ := l.anchorsOf(t, file)
	return e != nil && e.ids[frag]
}

// anyPlace reports whether a fragment opens a page whatever its
// headings: "#" and "#top" go to the top (HTML's rule for fragments).
func anyPlace(frag string) bool {
	return frag == "" || strings.EqualFold(frag, "top")
}
