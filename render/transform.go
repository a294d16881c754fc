package render

import (
	"fmt"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// stateKey carries the per-call renderState through the parser context,
// so that one goldmark instance serves every call.
var stateKey = parser.NewContextKey()

// renderState is what one Render call shares with bodyTransformer.
type renderState struct {
	opts     Options
	src      []byte
	problems []Problem
}

// bodyTransformer finishes the AST of one body: GitHub-style heading ids,
// the profile's heading cap, and link and image rewriting.
type bodyTransformer struct {
	maxHeading int
}

// Transform implements parser.ASTTransformer.
func (t *bodyTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st, _ := pc.Get(stateKey).(*renderState)
	if st == nil {
		// Parsed outside Render: ids and the heading cap still apply;
		// there are no resolvers to rewrite with.
		st = &renderState{src: reader.Source()}
	}
	var slugs slugger
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			if _, ok := n.AttributeString("id"); !ok {
				n.SetAttributeString("id", []byte(slugs.slug(headingText(n, st.src))))
			}
			if t.maxHeading > 0 && n.Level > t.maxHeading {
				n.Level = t.maxHeading
			}
		case *ast.Link:
			n.Destination = st.rewrite("link", st.opts.Link, n.Destination, n)
		case *ast.Image:
			n.Destination = st.rewrite("image", st.opts.Image, n.Destination, n)
		}
		return ast.WalkContinue, nil
	})
}

// rewrite passes a relative destination through fn, keeping its fragment
// and query. On error the destination stays as written and the error
// becomes a problem on the node's line.
func (st *renderState) rewrite(what string, fn func(string, int) (string, error), dest []byte, n ast.Node) []byte {
	if fn == nil || !isRelative(dest) {
		return dest
	}
	path, query, frag := splitURL(string(dest))
	if path == "" { // "?query" alone: the current page
		return dest
	}
	line := Line(n, st.src)
	u, err := fn(path, line)
	if err != nil {
		st.problems = append(st.problems, Problem{Line: line, Msg: fmt.Sprintf("%s %q: %v", what, path, err)})
		return dest
	}
	// The result may carry a query of its own (a service's URL): the
	// writer's joins it. The writer's fragment names a heading of the
	// target and is appended unless the result already names one.
	if query != "" && !strings.Contains(u, "#") {
		if strings.Contains(u, "?") {
			u += "&" + query[1:]
		} else {
			u += query
		}
	}
	if frag != "" && !strings.Contains(u, "#") {
		u += frag
	}
	return []byte(u)
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

// headingText is the text a reader sees in an inline container: link text
// without the URL, code without backticks, no raw HTML tags.
func headingText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.AutoLink:
			b.Write(c.Label(src))
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

func sortProblems(ps []Problem) {
	slices.SortStableFunc(ps, func(a, b Problem) int { return a.Line - b.Line })
}
