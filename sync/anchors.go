package sync

import (
	"fmt"
	"slices"
	"strings"
	gosync "sync"

	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/render"
)

// anchorIndex holds the ids of the translations links point into, each
// parsed once, on the first link that needs it. Unlike onceEach, one
// file's parse does not hold up the renderers waiting for another's.
type anchorIndex struct {
	mu gosync.Mutex
	m  map[string]*anchorEntry
}

type anchorEntry struct {
	once gosync.Once
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
// as res) that names a heading its page does not have, and whether some
// link points into another file: the verdict on such a body depends on
// that file too, so the plan cache must not keep it.
//
// The page a link into another article opens is the one linkFile
// resolves it to, so its ids are that translation's: a French page's
// headings are French. Links to what is not an article (a dead link, an
// image, a PDF) were reported or are not checked.
func (l *linker) checkFragments(t *content.Translation, res render.Result) (problems []content.Problem, crossFile bool) {
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
			lt, ok := l.files[file]
			if !ok {
				continue
			}
			crossFile = true
			tt := lt.landing(t)
			e := l.anchors.of(l.pl.tree, tt)
			if e.err != nil {
				continue // the target's own render reports it
			}
			ids, list, page = e.ids, e.list, tt.Path
		}
		if ids[f.Frag] {
			continue
		}
		p := content.Problem{File: t.Path, Line: t.BodyLine + f.Line - 1,
			Msg: fmt.Sprintf("link %q: no heading %q in %s%s", f.Dest+"#"+f.Frag, f.Frag, page, suggest(f.Frag, list))}
		// A reference defined once and used twice is one thing to fix.
		if !slices.Contains(problems, p) {
			problems = append(problems, p)
		}
	}
	return problems, crossFile
}

// anyPlace reports whether a fragment opens a page whatever its
// headings: "#" and "#top" go to the top (HTML's rule for fragments).
func anyPlace(frag string) bool {
	return frag == "" || strings.EqualFold(frag, "top")
}
