package render

import (
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Text renders HTML as Markdown-like plain text, one block per line, so
// that a line diff of two bodies shows what a reader would notice:
// headings as "## Title", list items as "- item" or "1. item" indented
// by nesting, quotes as "> ", table rows as "| a | b |", code blocks
// fenced with ```, links as [text](href), images as ![alt](src),
// emphasis as _x_, **x**, ~~x~~ and `x`. Raw embeds show their source
// (<iframe src>). Blank lines are dropped. The output is meant for people
// and for diffs, never for parsing; it is stable for a given input.
func Text(s string) string {
	ctx := &html.Node{Type: html.ElementNode, DataAtom: atom.Body, Data: "body"}
	nodes, err := html.ParseFragment(strings.NewReader(s), ctx)
	if err != nil {
		return s // strings.Reader does not fail
	}
	var t texter
	for _, n := range nodes {
		t.node(n)
	}
	t.endLine()
	if len(t.lines) == 0 {
		return ""
	}
	return strings.Join(t.lines, "\n") + "\n"
}

// texter accumulates lines. Each open block that marks its lines (a list
// item, a quote) pushes a prefix: the first line of the block gets
// first, later lines get rest.
type texter struct {
	lines    []string
	line     strings.Builder
	pending  bool // whitespace to write before the next word
	pre      int
	prefixes []prefix
}

type prefix struct {
	first, rest string
	used        bool
}

// endLine ends the current line, dropping it when blank.
func (t *texter) endLine() {
	s := strings.TrimRight(t.line.String(), " ")
	t.line.Reset()
	t.pending = false
	if strings.TrimSpace(s) != "" {
		t.emit(s)
	}
}

// emit appends a line under the open blocks' prefixes.
func (t *texter) emit(s string) {
	var p strings.Builder
	for i := range t.prefixes {
		pf := &t.prefixes[i]
		if pf.used {
			p.WriteString(pf.rest)
		} else {
			p.WriteString(pf.first)
			pf.used = true
		}
	}
	p.WriteString(s)
	t.lines = append(t.lines, strings.TrimRight(p.String(), " "))
}

func (t *texter) word(s string) {
	if t.pending && t.line.Len() > 0 {
		t.line.WriteByte(' ')
	}
	t.pending = false
	t.line.WriteString(s)
}

func (t *texter) text(s string) {
	if t.pre > 0 {
		for i, l := range strings.Split(s, "\n") {
			if i > 0 {
				t.preLine()
			}
			t.line.WriteString(l)
		}
		return
	}
	if s != "" && isHTMLSpace(s[0]) {
		t.pending = true
	}
	f := strings.Fields(s)
	for i, w := range f {
		if i > 0 {
			t.pending = true
		}
		t.word(strings.ReplaceAll(w, "\u00a0", " "))
	}
	if len(f) > 0 && isHTMLSpace(s[len(s)-1]) {
		t.pending = true
	}
}

// preLine ends a line of a code block, keeping it even when blank.
func (t *texter) preLine() {
	s := t.line.String()
	t.line.Reset()
	t.emit(s)
}

func (t *texter) children(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		t.node(c)
	}
}

// wrap writes an inline element's content between marks.
func (t *texter) wrap(n *html.Node, open, close string) {
	t.word(open)
	t.children(n)
	t.line.WriteString(close)
}

func (t *texter) node(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		t.text(n.Data)
		return
	case html.ElementNode:
	default:
		return
	}
	if n.Namespace != "" {
		t.children(n)
		return
	}
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Template:
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		t.endLine()
		t.word(strings.Repeat("#", int(n.Data[1]-'0')))
		t.pending = true
		t.children(n)
		t.endLine()
	case atom.Ul, atom.Ol:
		t.endLine()
		ordered, num := n.DataAtom == atom.Ol, 1
		if ordered {
			if s := nodeAttr(n, "start"); s != "" {
				if v, err := strconv.Atoi(strings.TrimSpace(s)); err == nil {
					num = v
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || c.DataAtom != atom.Li {
				t.node(c)
				continue
			}
			mark := "- "
			if ordered {
				mark = strconv.Itoa(num) + ". "
				num++
			}
			t.block(c, mark, strings.Repeat(" ", len(mark)))
		}
	case atom.Li, atom.Dd:
		t.block(n, "  ", "  ")
	case atom.Blockquote:
		t.block(n, "> ", "> ")
	case atom.Pre:
		t.endLine()
		t.emit("```")
		t.pre++
		t.children(n)
		t.pre--
		if t.line.Len() > 0 {
			t.preLine()
		}
		t.emit("```")
	case atom.Hr:
		t.endLine()
		t.word("---")
		t.endLine()
	case atom.Br:
		if t.pre > 0 {
			t.preLine()
		} else {
			t.endLine()
		}
	case atom.Tr:
		t.endLine()
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && (c.DataAtom == atom.Td || c.DataAtom == atom.Th) {
				t.word("|")
				t.pending = true
				t.children(c)
				t.pending = true
			}
		}
		t.word("|")
		t.endLine()
	case atom.Em, atom.I:
		t.wrap(n, "_", "_")
	case atom.Strong, atom.B:
		t.wrap(n, "**", "**")
	case atom.Del, atom.S, atom.Strike:
		t.wrap(n, "~~", "~~")
	case atom.Code:
		if t.pre > 0 {
			t.children(n)
		} else {
			t.wrap(n, "`", "`")
		}
	case atom.A:
		if href := nodeAttr(n, "href"); href != "" && !autolink(n, href) {
			t.wrap(n, "[", "]("+href+")")
		} else {
			t.children(n)
		}
	case atom.Img:
		t.word("![" + nodeAttr(n, "alt") + "](" + nodeAttr(n, "src") + ")")
	case atom.Input:
		if nodeAttr(n, "type") == "checkbox" {
			if _, ok := nodeAttrOK(n, "checked"); ok {
				t.word("[x]")
			} else {
				t.word("[ ]")
			}
		}
	case atom.Iframe, atom.Video, atom.Audio, atom.Embed, atom.Object:
		src := nodeAttr(n, "src")
		if src == "" {
			src = nodeAttr(n, "data")
		}
		t.word("<" + n.Data + " " + src + ">")
	default:
		if isBlock(n.DataAtom) {
			t.endLine()
			t.children(n)
			t.endLine()
		} else {
			t.children(n)
		}
	}
}

// block writes n's content as lines marked by first, then rest.
func (t *texter) block(n *html.Node, first, rest string) {
	t.endLine()
	t.prefixes = append(t.prefixes, prefix{first: first, rest: rest})
	t.children(n)
	t.endLine()
	if !t.prefixes[len(t.prefixes)-1].used {
		t.emit("") // an empty item still shows as one
	}
	t.prefixes = t.prefixes[:len(t.prefixes)-1]
}

// autolink reports a link whose text is its address, which reads best
// as the bare address.
func autolink(n *html.Node, href string) bool {
	c := n.FirstChild
	if c == nil || c.NextSibling != nil || c.Type != html.TextNode {
		return false
	}
	return c.Data == href || "mailto:"+c.Data == href
}

func nodeAttr(n *html.Node, key string) string {
	v, _ := nodeAttrOK(n, key)
	return v
}

func nodeAttrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}
