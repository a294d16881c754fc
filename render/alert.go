package render

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// GitHub alerts ("> [!NOTE]" on the first line of a quote) render as a
// callout every help center can hold: a blockquote of class "callout
// callout-<kind>" whose first paragraph is the kind's title in bold, or
// the title written after the marker ("> [!NOTE] Modules", as Hugo and
// Obsidian read it; shown as text, Markdown and all).
// Zendesk and Help.Center keep the blockquote and its class, so a theme
// can style it and export turns it back into the alert; Intercom keeps
// neither blockquotes nor classes, and stores the title and the text as
// paragraphs, which still read as a note (and export as such).

// alertKinds are GitHub's five alert kinds, lower-case, with the title
// each callout shows.
var alertKinds = map[string]string{
	"note":      "Note",
	"tip":       "Tip",
	"important": "Important",
	"warning":   "Warning",
	"caution":   "Caution",
}

const calloutClass = "callout callout-"

// alertKind returns the kind of an alert marker line ("[!NOTE]", in any
// case), the title written after it ("" for the kind's own) and whether
// it is one. The title must be set off by a space: "> [!NOTE] Modules"
// is how Hugo and Obsidian write a callout's title.
func alertKind(line []byte) (kind, title string, ok bool) {
	line = bytes.TrimSpace(line)
	end := bytes.IndexByte(line, ']')
	if end < 3 || line[0] != '[' || line[1] != '!' {
		return "", "", false
	}
	rest := line[end+1:]
	if len(rest) > 0 && rest[0] != ' ' && rest[0] != '\t' {
		return "", "", false
	}
	kind = strings.ToLower(string(line[2:end]))
	if _, ok := alertKinds[kind]; !ok {
		return "", "", false
	}
	return kind, string(bytes.TrimSpace(rest)), true
}

// markAlerts turns the alerts of doc into callouts. It runs before the
// walk of bodyTransformer, which must not see nodes move under it.
func markAlerts(doc ast.Node, src []byte) {
	var quotes []*ast.Blockquote
	for n := doc; n != nil; n = nextPreorder(doc, n) {
		if q, ok := n.(*ast.Blockquote); ok {
			quotes = append(quotes, q)
		}
	}
	for _, q := range quotes {
		markAlert(q, src)
	}
}

func markAlert(q *ast.Blockquote, src []byte) {
	p, ok := q.FirstChild().(*ast.Paragraph)
	if !ok || p.Lines().Len() == 0 {
		return
	}
	first := p.Lines().At(0)
	kind, text, ok := alertKind(first.Value(src))
	if !ok {
		return
	}
	if text == "" {
		text = alertKinds[kind]
	}
	// Drop the inline nodes of the marker line; the paragraph keeps the
	// lines after it, or goes if there are none.
	for c := p.FirstChild(); c != nil; {
		next := c.NextSibling()
		if off := firstOffset(c); off < 0 || off >= first.Stop {
			break
		}
		p.RemoveChild(p, c)
		c = next
	}
	if p.FirstChild() == nil {
		q.RemoveChild(q, p)
	}
	title := ast.NewParagraph()
	strong := ast.NewEmphasis(2)
	strong.AppendChild(strong, ast.NewString([]byte(text)))
	title.AppendChild(title, strong)
	q.InsertBefore(q, q.FirstChild(), title)
	q.SetAttributeString("class", util.StringToReadOnlyBytes(calloutClass+kind))
}

// calloutMarkdown converts a callout blockquote (as Render writes it,
// and as the services that keep it store it) back into the alert it was
// written as. ok is false for any other block.
func calloutMarkdown(n *html.Node) (md string, ok bool) {
	if n.Type != html.ElementNode || n.DataAtom != atom.Blockquote {
		return "", false
	}
	var kind string
	for _, a := range n.Attr {
		if a.Key == "class" && strings.HasPrefix(a.Val, calloutClass) {
			kind = strings.TrimPrefix(a.Val, calloutClass)
		}
	}
	if _, ok := alertKinds[kind]; !ok {
		return "", false
	}
	// The first element must be the title paragraph: <p><strong>Note</strong></p>.
	c := n.FirstChild
	for c != nil && c.Type == html.TextNode && strings.TrimSpace(c.Data) == "" {
		c = c.NextSibling
	}
	if c == nil || c.DataAtom != atom.P || c.FirstChild == nil || c.FirstChild != c.LastChild ||
		c.FirstChild.DataAtom != atom.Strong {
		return "", false
	}
	title := strings.TrimSpace(textOf(c.FirstChild))
	rest := cloneNode(n)
	rest.Attr = nil
	for k := rest.FirstChild; k != nil; k = k.NextSibling {
		if k.Type == html.ElementNode {
			rest.RemoveChild(k)
			break
		}
	}
	marker := "> [!" + strings.ToUpper(kind) + "]"
	if title != alertKinds[kind] {
		// Render checks the round trip: a title Markdown would read
		// otherwise keeps the block HTML.
		marker += " " + title
	}
	body, err := markdownConverter.ConvertString(renderNodes([]*html.Node{rest}))
	if err != nil {
		return "", false
	}
	if body = strings.TrimSpace(body); body == "" {
		return marker, true
	}
	return marker + "\n" + body, true
}

// textOf is the text content of n.
func textOf(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(textOf(c))
	}
	return b.String()
}
