package render

import (
	"bytes"
	"sort"
	"sync"

	"github.com/yuin/goldmark/ast"
)

// Profile describes the HTML one help center stores unchanged. Rendering
// for a profile emits only that subset, Check turns what the service
// would reject into plan-time problems, and Sanitize models the
// service's own HTML cleaning; Equal applies it to both bodies it
// compares, so a service that rewrites HTML does not yield a plan that
// never converges.
//
// A profile is not changed after Register: Render builds its goldmark
// instance once, on first use.
type Profile struct {
	Name string
	// MaxHeading caps heading levels: deeper headings render at this
	// level (Intercom keeps only h1 and h2). 0 = no cap.
	MaxHeading int
	// Check reports constructs of the Markdown document (or raw HTML in
	// it) that the service rejects. Lines are 1-based within src.
	//
	// doc is the tree Render is about to write: headings already capped
	// at MaxHeading, link and image destinations already rewritten.
	// Line(n, src) gives the line of any node, block or inline, so a
	// check needs no position arithmetic of its own, and RawHTML(n, src)
	// gives the markup of *ast.HTMLBlock and *ast.RawHTML nodes.
	Check func(doc ast.Node, src []byte) []Problem
	// Sanitize returns html as the service would store it. Nil = stored
	// unchanged. It must be idempotent as Equal sees it:
	// Equal(x, Sanitize(x)) for any x.
	Sanitize func(html string) string
	// OpaqueImageSrc says the service re-hosts images and stores its own
	// URL in src (Intercom: "Images will be uploaded to Intercom and we'll
	// use an Intercom link to display these"), so Equal does not compare
	// image sources: the rest of the body, alt text included, still is.
	OpaqueImageSrc bool

	// footnotes is how Render writes footnotes for the service: what it
	// keeps of goldmark's markup (markup.go).
	footnotes footnoteStyle
}

// nodeChecks holds the Check of this package's profiles one node at a
// time: Render calls it from the walk bodyTransformer makes anyway,
// instead of walking the tree a second time for Check. It sees the nodes
// in the order Check's own walk would, each one already transformed but
// its descendants not yet, so it must read nothing bodyTransformer
// changes (heading levels and ids, link and image destinations). The
// profile's Check, made by walkCheck, gives the same problems for callers
// that run it on a tree of their own.
//
// It is keyed by the registered *Profile, not held in a field, so that a
// copy of a profile with a Check of its own gets that Check. It is
// written only by init functions.
var nodeChecks = map[*Profile]func(c *nodeChecker, n ast.Node){}

// nodeChecker collects the problems a nodeChecks entry finds in one
// document.
type nodeChecker struct {
	src      []byte
	problems []Problem
	raw      []byte // scratch for the markup of one raw HTML node
}

// walkCheck makes a Profile's Check of its nodeChecks entry.
func walkCheck(check func(c *nodeChecker, n ast.Node)) func(doc ast.Node, src []byte) []Problem {
	return func(doc ast.Node, src []byte) []Problem {
		c := nodeChecker{src: src}
		for n := doc; n != nil; n = nextPreorder(doc, n) {
			check(&c, n)
		}
		return c.problems
	}
}

// Problem is something in a Markdown body that cannot be published as
// written.
type Problem struct {
	Line int // 1-based line within the body; 0 = unknown
	Msg  string
}

var (
	profilesMu sync.RWMutex
	profiles   = map[string]*Profile{}
)

// Register makes a profile available by name. Profiles register
// themselves from init functions in this package.
func Register(p *Profile) {
	profilesMu.Lock()
	defer profilesMu.Unlock()
	profiles[p.Name] = p
}

// Lookup returns the named profile. The empty name and unknown names
// return the default profile, which stores everything unchanged.
func Lookup(name string) *Profile {
	profilesMu.RLock()
	defer profilesMu.RUnlock()
	if p, ok := profiles[name]; ok {
		return p
	}
	return defaultProfile
}

// Profiles lists the registered profile names, sorted.
func Profiles() []string {
	profilesMu.RLock()
	defer profilesMu.RUnlock()
	names := make([]string, 0, len(profiles))
	for n := range profiles {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

var defaultProfile = &Profile{Name: "default"}

// hasStartTag reports whether raw may hold a start tag of one of names
// (lower-case ASCII): whether a "<" is followed by one of them, in any
// ASCII case, as the HTML tokenizer compares tag names. It over-reports
// ("<ulx" counts for "ul"), never under-reports: an element the parser
// builds from raw has its start tag in raw, except those it implies
// (html, head, body, p, table sections) and the formatting elements it
// reopens. Checks use it to skip parsing markup that cannot hold what
// they look for.
func hasStartTag(raw []byte, names []string) bool {
	for i := bytes.IndexByte(raw, '<'); i >= 0; {
		rest := raw[i+1:]
		for _, name := range names {
			if len(rest) >= len(name) && asciiEqualFold(rest[:len(name)], name) {
				return true
			}
		}
		j := bytes.IndexByte(rest, '<')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// asciiEqualFold is bytes.EqualFold for a lower-case ASCII want: only
// ASCII letters fold, as in HTML tag and attribute names.
func asciiEqualFold(b []byte, want string) bool {
	for i := range len(want) {
		c := b[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != want[i] {
			return false
		}
	}
	return true
}
