package render

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/net/html"
)

// Writers put images and links in raw HTML too (<img src="img/x.png"
// width="300">, to size an image Markdown cannot). Their src and href
// go through the same resolvers as Markdown's, so they are uploaded,
// rewritten and checked alike; only the tags whose attribute changed
// are written anew, the rest of the markup stays as typed.

// verbatimMark starts an HTML block whose links and images Render
// leaves as written. Export writes it before a block that links pages
// relative to the help center's own (href="other.html"), which no file
// of the tree stands for; readers never see the comment, and Normalize
// ignores it.
const verbatimMark = "<!-- hcsync:verbatim -->"

// rawAttr names the node attribute that holds the markup Render writes
// for a raw HTML node whose references it rewrote. The NUL keeps it
// apart from any attribute a document can set.
var rawAttr = []byte("\x00hcsync-raw")

// rawRefs are the tags and attributes of raw HTML that hold a reference
// into the tree, and what kind of reference each is.
var rawRefs = []struct{ tag, attr, what string }{
	{"img", "src", "image"},
	{"a", "href", "link"},
}

// rawSegments are the source segments of a raw HTML node, in order.
func rawSegments(n ast.Node) []text.Segment {
	var segs []text.Segment
	switch n := n.(type) {
	case *ast.HTMLBlock:
		segs = append(segs, n.Lines().Sliced(0, n.Lines().Len())...)
		if n.HasClosure() {
			segs = append(segs, n.ClosureLine)
		}
	case *ast.RawHTML:
		segs = append(segs, n.Segments.Sliced(0, n.Segments.Len())...)
	}
	return segs
}

// rewriteRawHTML passes the references in raw HTML node n through the
// resolvers and, when one changed, records the new markup on n for
// rawRenderer.
func (st *renderState) rewriteRawHTML(n ast.Node) {
	if st.opts.Link == nil && st.opts.Image == nil && st.opts.Rooted == nil {
		return
	}
	segs := rawSegments(n)
	var raw []byte
	for _, s := range segs {
		raw = append(raw, s.Value(st.src)...)
	}
	if _, block := n.(*ast.HTMLBlock); block && bytes.HasPrefix(raw, []byte(verbatimMark)) {
		return
	}
	if !hasStartTag(raw, []string{"a", "img"}) {
		return
	}
	// srcOffset maps an offset in raw to one in st.src, for the line of
	// a tag: the segments are lines or pieces of the source.
	srcOffset := func(off int) int {
		for _, s := range segs {
			if off < s.Len() {
				return s.Start + off
			}
			off -= s.Len()
		}
		return len(st.src)
	}
	var out []byte
	done := 0 // raw[:done] is in out
	z := html.NewTokenizer(bytes.NewReader(raw))
	for pos := 0; ; {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		start := pos
		pos += len(z.Raw())
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tag, changed := st.rewriteTag(z, tt, st.lineOf(srcOffset(start)))
		if !changed {
			continue
		}
		out = append(append(out, raw[done:start]...), tag...)
		done = pos
	}
	if out != nil {
		n.SetAttribute(rawAttr, append(out, raw[done:]...))
	}
}

// rewriteTag resolves the reference attribute of the tag z is on, if
// it has one, and returns the tag written anew when it changed.
func (st *renderState) rewriteTag(z *html.Tokenizer, tt html.TokenType, line int) ([]byte, bool) {
	name, more := z.TagName()
	what, refAttr := "", ""
	for _, r := range rawRefs {
		if string(name) == r.tag {
			what, refAttr = r.what, r.attr
		}
	}
	if what == "" {
		return nil, false
	}
	fn := st.opts.Link
	if what == "image" {
		fn = st.opts.Image
	}
	tag := string(name)
	type attr struct{ key, val string }
	var attrs []attr
	changed := false
	for more {
		var k, v []byte
		k, v, more = z.TagAttr()
		a := attr{string(k), string(v)}
		if a.key == refAttr && !changed {
			if u, ok := st.resolve(what, fn, []byte(a.val), line); ok {
				a.val, changed = u, true
			}
		}
		attrs = append(attrs, a)
	}
	if !changed {
		return nil, false
	}
	b := append([]byte{'<'}, tag...)
	for _, a := range attrs {
		b = append(b, ' ')
		b = append(b, a.key...)
		b = append(b, `="`...)
		if a.key == refAttr {
			b = append(b, a.val...) // escaped by resolve
		} else {
			b = append(b, html.EscapeString(a.val)...)
		}
		b = append(b, '"')
	}
	if tt == html.SelfClosingTagToken {
		b = append(b, '/')
	}
	return append(b, '>'), true
}

// resolve is rewrite for a destination in raw HTML: the attribute value
// to write, escaped as Render escapes Markdown destinations, and whether
// it replaces dest.
func (st *renderState) resolve(what string, fn func(string, int) (string, error), dest []byte, line int) (string, bool) {
	u, ok := st.resolveDest(what, fn, dest, func() int { return line })
	if !ok {
		return "", false
	}
	return string(util.EscapeHTML(util.URLEscape(u, true))), true
}

// rewritten returns the markup rewriteRawHTML gave a raw HTML node
// whose references it resolved.
func rewritten(n ast.Node) ([]byte, bool) {
	v, ok := n.Attribute(rawAttr)
	if !ok {
		return nil, false
	}
	b, ok := v.([]byte)
	return b, ok
}
