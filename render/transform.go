package render

import (
	"bytes"
	"fmt"
	"html"
	"slices"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// stateKey carries the per-call renderState through the parser context,
// so that one goldmark instance serves every call.
var stateKey = parser.NewContextKey()

// renderState is what one Render call shares with bodyTransformer.
type renderState struct {
	opts     Options
	src      []byte
	problems []Problem
	slugs    slugger
	// text is scratch for the text of the heading being slugged, in
	// textBuf until a heading outgrows it.
	text    []byte
	textBuf [128]byte
	// check holds what the profile's nodeChecks entry found, when
	// checked says the walk ran it.
	check   nodeChecker
	checked bool
	// lines is built on the first line asked for: most bodies have no
	// relative link at all.
	lines *lineIndex
	// ids and fragments become Result.IDs and Result.Fragments; defs
	// maps each reference label to its definition's line, once a
	// reference link asks.
	ids       []string
	fragments []Fragment
	defs      map[string]int
}

// line is Line(n, st.src), in O(log n) after the first call.
func (st *renderState) line(n ast.Node) int {
	off := nodeOffset(n)
	if off < 0 {
		return 0
	}
	return st.lineOf(off)
}

// lineOf is the 1-based line of the byte at offset off of st.src.
func (st *renderState) lineOf(off int) int {
	if st.lines == nil {
		st.lines = newLineIndex(st.src)
	}
	return st.lines.line(min(off, len(st.src)))
}

// bodyTransformer finishes the AST of one body: GitHub-style heading ids,
// the profile's heading cap, and link and image rewriting; and runs the
// profile's per-node check, if it has one, on the finished nodes.
type bodyTransformer struct {
	maxHeading int
	checkNode  func(c *nodeChecker, n ast.Node)
}

// Transform implements parser.ASTTransformer.
func (t *bodyTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st, _ := pc.Get(stateKey).(*renderState)
	if st == nil {
		// Parsed outside Render: ids and the heading cap still apply;
		// there are no resolvers to rewrite with.
		st = &renderState{src: reader.Source()}
	}
	st.check.src = st.src
	st.checked = t.checkNode != nil
	if bytes.Contains(st.src, []byte("[!")) {
		markAlerts(doc, st.src)
	}
	if bytes.Contains(st.src, []byte("{#")) {
		reserveExplicitIDs(doc, &st.slugs)
	}
	shortcodes := bytes.Contains(st.src, []byte("{{"))
	// A plain pre-order loop rather than ast.Walk: no closure per call
	// and no call per node leaving it. Nothing here adds or moves nodes,
	// so the links followed stay valid.
	var root ast.Node = doc
	for n := root; n != nil; n = nextPreorder(root, n) {
		switch n := n.(type) {
		case *ast.Heading:
			if !hasExplicitID(n) {
				if st.text == nil {
					st.text = st.textBuf[:0]
				}
				st.text = appendHeadingText(st.text[:0], n, st.src)
				n.SetAttributeString("id", util.StringToReadOnlyBytes(slugNext(&st.slugs, st.text)))
			}
			st.addHeadingID(n)
			if t.maxHeading > 0 && n.Level > t.maxHeading {
				n.Level = t.maxHeading
			}
		case *ast.Link:
			dest, resolved := st.rewrite("link", st.opts.Link, n.Destination, n)
			st.addFragment(n, n.Destination, resolved)
			n.Destination = dest
		case *ast.Image:
			n.Destination, _ = st.rewrite("image", st.opts.Image, n.Destination, n)
		case *ast.HTMLBlock, *ast.RawHTML:
			st.rewriteRawHTML(n)
			st.ids = appendHTMLIDs(st.ids, RawHTML(n, st.src))
		case *ast.Text:
			if shortcodes {
				st.checkShortcodes(n)
			}
		case *extast.FootnoteLink:
			st.ids = append(st.ids, footnoteRefID(n.RefIndex, n.Index))
		case *extast.Footnote:
			st.ids = append(st.ids, "fn:"+strconv.Itoa(n.Index))
		}
		if t.checkNode != nil {
			t.checkNode(&st.check, n)
		}
	}
}

// reserveExplicitIDs gives the slugger the ids headings were given
// explicitly ({#id}), wherever they stand, so that no heading gets one
// of them from its text: two headings with one id would make one of the
// anchors unreachable.
func reserveExplicitIDs(doc ast.Node, s *slugger) {
	for n := ast.Node(doc); n != nil; n = nextPreorder(doc, n) {
		if h, ok := n.(*ast.Heading); ok {
			if hasExplicitID(h) {
				id, _ := h.AttributeString("id")
				if b := id.([]byte); !s.has(b) {
					s.add(string(b))
				}
			}
		}
	}
}

// hasExplicitID reports whether a heading was given a non-empty id
// ({#id}); "{#}" gives none, and the heading gets the one of its text.
func hasExplicitID(h *ast.Heading) bool {
	v, ok := h.AttributeString("id")
	b, _ := v.([]byte)
	return ok && len(b) > 0
}

// nextPreorder is the node after n in a depth-first, parent-first walk
// of root's subtree, or nil after the last one.
func nextPreorder(root, n ast.Node) ast.Node {
	if c := n.FirstChild(); c != nil {
		return c
	}
	for ; n != root; n = n.Parent() {
		if s := n.NextSibling(); s != nil {
			return s
		}
	}
	return nil
}

// rewrite passes a relative destination through fn, and one rooted at
// the site through Rooted, keeping its fragment and query, and reports
// whether it was resolved. On error the destination stays as written and
// the error becomes a problem on the line where the destination is
// written (a reference link's definition).
func (st *renderState) rewrite(what string, fn func(string, int) (string, error), dest []byte, n ast.Node) ([]byte, bool) {
	if u, ok := st.resolveDest(what, fn, dest, func() int { return st.linkLine(n) }); ok {
		return u, true
	}
	return dest, false
}

// resolveDest is the URL to publish for dest, written on line(), and
// whether it is to replace dest.
func (st *renderState) resolveDest(what string, fn func(string, int) (string, error), dest []byte, line func() int) ([]byte, bool) {
	switch {
	case isRelative(dest):
		if fn == nil {
			return nil, false
		}
	case isRooted(dest):
		if st.opts.Rooted == nil {
			return nil, false
		}
		image := what == "image"
		fn = func(p string, l int) (string, error) { return st.opts.Rooted(p, image, l) }
	default:
		return nil, false
	}
	path, query, frag := splitURL(string(dest))
	if path == "" { // "?query" alone: the current page
		return nil, false
	}
	if st.shortcodeAt(dest, line) {
		return nil, false // the shortcode is the problem, not a dead link
	}
	u, ok := st.resolveAt(what, fn, path, line())
	if !ok {
		return nil, false
	}
	return joinURL(u, query, frag), true
}

// resolveAt asks fn for the URL of path, written on line; a failure is
// a problem on that line.
func (st *renderState) resolveAt(what string, fn func(string, int) (string, error), path string, line int) (string, bool) {
	u, err := fn(path, line)
	if err != nil {
		st.addProblem(Problem{Line: line, Msg: fmt.Sprintf("%s %q: %v", what, path, err)})
		return "", false
	}
	return u, true
}

// addProblem records p unless it is recorded already: a reference
// defined once and used twice is one thing to fix.
func (st *renderState) addProblem(p Problem) {
	for _, q := range st.problems {
		if q == p {
			return
		}
	}
	st.problems = append(st.problems, p)
}

// addHeadingID records the id heading n ends up with, derived or
// explicit.
func (st *renderState) addHeadingID(n *ast.Heading) {
	switch id, _ := n.AttributeString("id"); id := id.(type) {
	case []byte:
		// Not copied: a derived id's bytes are the slugger's, never
		// written again, and an explicit one's are the parser's.
		st.ids = append(st.ids, util.BytesToReadOnlyString(id))
	case string:
		st.ids = append(st.ids, id)
	}
}

// addFragment records a link's #fragment: always for one within the
// page, and for a relative one when the Link resolver accepted its
// destination (a dead link is a problem already).
func (st *renderState) addFragment(n ast.Node, dest []byte, resolved bool) {
	if bytes.IndexByte(dest, '#') < 0 {
		return
	}
	frag, _ := fragmentOf(string(dest))
	switch {
	case dest[0] == '#':
		st.fragments = append(st.fragments, Fragment{Frag: frag, Line: st.linkLine(n)})
	case resolved && isRelative(dest):
		path, _, _ := splitURL(string(dest))
		st.fragments = append(st.fragments, Fragment{Dest: path, Frag: frag, Line: st.linkLine(n)})
	}
}

// joinURL puts the writer's ?query and #fragment back on the URL a
// resolver answered. The URL may carry a query of its own (a service's
// URL): the writer's joins it. The writer's fragment names a heading of
// the target and is appended unless the URL already names one.
func joinURL(u, query, frag string) []byte {
	if strings.Contains(u, "#") {
		return []byte(u)
	}
	out := make([]byte, 0, len(u)+len(query)+len(frag))
	out = append(out, u...)
	if query != "" {
		if strings.Contains(u, "?") {
			out = append(out, '&')
			query = query[1:]
		}
		out = append(out, query...)
	}
	return append(out, frag...)
}

// ResolvedAttr returns the attribute value (href or src) Render writes
// for a link or image whose resolver answers u, given what it wrote
// when the resolver answered a stand-in instead: rest is the value
// after the stand-in, the writer's ?query and #fragment as written in
// the HTML. A caller that swaps stand-ins for URLs once they exist (the
// executor, for articles the same apply creates) gets the body Render
// would have made with the URL, byte for byte.
func ResolvedAttr(u, rest string) string {
	_, query, frag := splitURL(html.UnescapeString(rest))
	return string(util.EscapeHTML(util.URLEscape(joinURL(u, query, frag), true)))
}

// isRelative reports whether a destination points into the tree rather
// than at a URL: it has no scheme, is not a bare fragment, and is not
// protocol- or site-relative.
func isRelative(dest []byte) bool {
	if len(dest) == 0 || dest[0] == '#' || dest[0] == '/' || dest[0] == '?' {
		return false
	}
	return !hasScheme(dest)
}

// isRooted reports whether dest is rooted at the site ("/x/y"), not
// protocol-relative ("//host/x").
func isRooted(dest []byte) bool {
	return len(dest) > 0 && dest[0] == '/' && (len(dest) == 1 || dest[1] != '/')
}

// hasScheme reports whether dest starts with a URL scheme (RFC 3986:
// ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"). A Windows drive letter
// would match too, but a body has no business linking to one.
func hasScheme(dest []byte) bool {
	for i, c := range dest {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return true
		default:
			return false
		}
	}
	return false
}

// splitURL splits "a/b.md?x=1#linux" into "a/b.md", "?x=1" and "#linux".
func splitURL(dest string) (path, query, frag string) {
	if i := strings.IndexByte(dest, '#'); i >= 0 {
		dest, frag = dest[:i], dest[i:]
	}
	if i := strings.IndexByte(dest, '?'); i >= 0 {
		dest, query = dest[:i], dest[i:]
	}
	return dest, query, frag
}

// appendHeadingText appends the text a reader sees in inline container
// n: link text without the URL, code without backticks, no raw HTML tags.
func appendHeadingText(b []byte, n ast.Node, src []byte) []byte {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			b = append(b, c.Segment.Value(src)...)
			if c.SoftLineBreak() || c.HardLineBreak() {
				b = append(b, ' ')
			}
		case *ast.String:
			b = append(b, c.Value...)
		case *ast.AutoLink:
			b = append(b, c.Label(src)...)
		case *ast.RawHTML:
			continue
		}
		b = appendHeadingText(b, c, src)
	}
	return b
}

func sortProblems(ps []Problem) {
	slices.SortStableFunc(ps, func(a, b Problem) int { return a.Line - b.Line })
}
