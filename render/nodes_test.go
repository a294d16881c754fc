package render

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

func TestLine(t *testing.T) {
	t.Parallel()
	src := []byte(`Intro paragraph
with *emphasis* on line 2.

- item on line 4
  - nested on line 5

> quote on line 7

| a | b |
|---|---|
| <span>raw</span> | [link](x.md) |

` + "```go\ncode on line 14\n```" + `

<div>
html block on line 18
</div>

---

Setext on line 23
=================
`)
	doc := engineFor(Lookup("")).Parser().Parse(text.NewReader(src))
	first := map[ast.NodeKind]int{}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if _, seen := first[n.Kind()]; entering && !seen && n.Kind() != ast.KindDocument {
			first[n.Kind()] = Line(n, src)
		}
		return ast.WalkContinue, nil
	})
	want := map[ast.NodeKind]int{
		ast.KindParagraph:       1,
		ast.KindEmphasis:        2,
		ast.KindList:            4,
		ast.KindListItem:        4,
		ast.KindBlockquote:      7,
		east.KindTable:          9,
		east.KindTableRow:       11,
		east.KindTableCell:      9,
		ast.KindRawHTML:         11,
		ast.KindLink:            11,
		ast.KindFencedCodeBlock: 13,
		ast.KindHTMLBlock:       17,
		ast.KindThematicBreak:   21,
		ast.KindHeading:         23,
	}
	for kind, line := range want {
		if got, ok := first[kind]; !ok || got != line {
			t.Errorf("Line of the first %s = %d, want %d", kind, got, line)
		}
	}
	if got := Line(doc, src); got != 0 {
		t.Errorf("Line(document) = %d, want 0: a whole document has no line", got)
	}
}

func TestRawHTML(t *testing.T) {
	t.Parallel()
	src := []byte("Text <kbd>K</kbd> here.\n\n<div class=\"c\">\n<p>x</p>\n</div>\n\n<!--\nnote\n-->\n")
	doc := engineFor(Lookup("")).Parser().Parse(text.NewReader(src))
	var got []string
	var lines []int
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if raw := RawHTML(n, src); entering && raw != nil {
			got = append(got, string(raw))
			lines = append(lines, Line(n, src))
		}
		return ast.WalkContinue, nil
	})
	want := []string{"<kbd>", "</kbd>", "<div class=\"c\">\n<p>x</p>\n</div>\n", "<!--\nnote\n-->\n"}
	wantLines := []int{1, 1, 3, 7}
	if strings.Join(got, "|") != strings.Join(want, "|") || fmt.Sprint(lines) != fmt.Sprint(wantLines) {
		t.Errorf("RawHTML:\n got %q on lines %v\nwant %q on lines %v", got, lines, want, wantLines)
	}
	if RawHTML(doc.FirstChild(), src) != nil {
		t.Errorf("RawHTML of a paragraph: want nil")
	}
}

// The index answers every offset as counting newlines does, edges
// included: a body without newline, blank lines, a trailing newline.
func TestLineIndexAgreesWithCounting(t *testing.T) {
	for _, src := range []string{"", "a", "\n", "a\nb", "a\n\n\nb\n", "\n\nx\n\n"} {
		x := newLineIndex([]byte(src))
		for off := 0; off <= len(src); off++ {
			if got, want := x.line(off), lineAt([]byte(src), off); got != want {
				t.Errorf("%q offset %d: line %d, counting says %d", src, off, got, want)
			}
		}
	}
}

// Rendering a big body stays linear in its links: before the index,
// each link counted the newlines before it, and a 5 MB article with
// 90,000 links took 13 s instead of 1. Counting is fast enough that the
// quadratic term shows only on bodies of megabytes.
func TestRenderManyLinksIsLinear(t *testing.T) {
	small, big := largeArticle(256<<10), largeArticle(4<<20)
	opts := Options{Link: func(string, int) (string, error) { return "https://x.test/a", nil }}
	timeOf := func(src []byte, runs int) time.Duration {
		best := time.Duration(1 << 62)
		for range runs {
			best = min(best, threadTime(func() { Render(src, opts) }))
		}
		return best
	}
	// 16x the input: linear is ~16x, quadratic over 150x. 64x leaves
	// room for the collector, and a machine busy enough to exceed it
	// three times in a row is busier than any this runs on.
	var ts, tb time.Duration
	for range 3 {
		if ts, tb = timeOf(small, 3), timeOf(big, 1); tb <= 64*ts {
			return
		}
	}
	t.Errorf("16x the body took %.1fx the time (%v vs %v): line lookup is not linear", float64(tb)/float64(ts), tb, ts)
}
