package render

import (
	"bytes"
	"slices"

	"github.com/yuin/goldmark/ast"
)

// Line returns the 1-based line within src where node n of a document
// parsed from src starts, or 0 when neither n nor anything around it
// records a position.
//
// It works for block nodes (paragraphs, headings, lists, list items,
// tables, code blocks, raw HTML blocks) and inline nodes (links, images,
// emphasis, raw HTML, text). Nodes without a position of their own take
// the line of their first descendant that has one, and failing that the
// line of their closest ancestor: a list starts where its first item's
// text does, an empty link sits on its paragraph's line.
func Line(n ast.Node, src []byte) int {
	if off := nodeOffset(n); off >= 0 {
		return lineAt(src, off)
	}
	return 0
}

// nodeOffset is the byte offset Line reports the line of, or -1.
func nodeOffset(n ast.Node) int {
	for c := n; c != nil; c = c.Parent() {
		if off := firstOffset(c); off >= 0 {
			return off
		}
	}
	return -1
}

// lineIndex answers the line of an offset in O(log n): counting the
// newlines before each of the ~90,000 links of a 5 MB article made
// rendering it quadratic (26 s to plan).
type lineIndex struct {
	starts []int // byte offset of the start of each line after the first
}

func newLineIndex(src []byte) *lineIndex {
	x := &lineIndex{starts: make([]int, 0, len(src)/40)}
	for i := 0; ; {
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 {
			return x
		}
		i += j + 1
		x.starts = append(x.starts, i)
	}
}

// line is the 1-based line of the byte at off, as lineAt counts it.
func (x *lineIndex) line(off int) int {
	// The number of line starts at or before off, plus the first line.
	n, found := slices.BinarySearch(x.starts, off)
	if found {
		n++
	}
	return n + 1
}

// firstOffset is the byte offset where n or, failing that, its first
// positioned descendant starts; -1 if none is known.
func firstOffset(n ast.Node) int {
	if _, ok := n.(*ast.Document); ok {
		// Document.Pos is 0 by definition, which says nothing about
		// where an inner node is.
		return -1
	}
	if off := ownOffset(n); off >= 0 {
		return off
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if off := firstOffset(c); off >= 0 {
			return off
		}
	}
	return -1
}

func ownOffset(n ast.Node) int {
	if p := n.Pos(); p >= 0 {
		return p
	}
	switch n := n.(type) {
	case *ast.Text:
		return n.Segment.Start
	case *ast.RawHTML:
		if n.Segments.Len() > 0 {
			return n.Segments.At(0).Start
		}
	}
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	return -1
}

func lineAt(src []byte, off int) int {
	if off > len(src) {
		off = len(src)
	}
	return 1 + bytes.Count(src[:off], []byte{'\n'})
}

// RawHTML returns the HTML a writer typed into the Markdown at n: the
// lines of an *ast.HTMLBlock (closing line included) or the segments of
// an inline *ast.RawHTML. It returns nil for any other node. Profiles
// use it with Line to report markup their service rejects.
func RawHTML(n ast.Node, src []byte) []byte {
	var raw []byte
	switch n := n.(type) {
	case *ast.HTMLBlock:
		lines := n.Lines()
		for i := range lines.Len() {
			seg := lines.At(i)
			raw = append(raw, seg.Value(src)...)
		}
		if n.HasClosure() {
			raw = append(raw, n.ClosureLine.Value(src)...)
		}
	case *ast.RawHTML:
		for i := range n.Segments.Len() {
			seg := n.Segments.At(i)
			raw = append(raw, seg.Value(src)...)
		}
	}
	return raw
}
