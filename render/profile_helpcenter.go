package render

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The Help.Center API says only that "HTML content is automatically
// sanitized for security" on create, on every draft update and before
// publishing (helpcenter-articles.txt, "Creating Articles" and
// "Translations: Important Notes"). HelpCenterSanitize is hcsync's model
// of that cleaning, shared by the profile below and by the fake server
// in providers/helpcenter/helpcentertest, so that what the planner
// expects the service to store is exactly what the fake stores.
//
// The model is the usual one of HTML sanitisers for user content:
// executable and embedding elements go with their content, event handler
// attributes go, and script URLs are dropped.
func init() {
	Register(&Profile{
		Name:     "helpcenter",
		Check:    checkHelpCenter,
		Sanitize: HelpCenterSanitize,
	})
}

// helpCenterDropped are the elements the sanitiser removes together with
// everything inside them.
var helpCenterDropped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Iframe: true, atom.Object: true,
	atom.Embed: true, atom.Applet: true, atom.Form: true, atom.Input: true,
	atom.Button: true, atom.Textarea: true, atom.Select: true, atom.Noscript: true,
	atom.Frame: true, atom.Frameset: true, atom.Base: true, atom.Link: true,
	atom.Meta: true,
}

// HelpCenterSanitize returns fragment as Help.Center stores it: dropped
// elements removed with their content, on* attributes removed,
// javascript:/vbscript: URLs removed, and the rest serialised the way
// an HTML5 parser does. It is idempotent.
func HelpCenterSanitize(fragment string) string {
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(fragment), body)
	if err != nil {
		// The HTML5 parser accepts any input; an error means the reader
		// failed, which a strings.Reader does not.
		return fragment
	}
	var b bytes.Buffer
	for _, n := range nodes {
		if cleanHelpCenterNode(n) {
			continue
		}
		if err := html.Render(&b, n); err != nil {
			return fragment
		}
	}
	return b.String()
}

// cleanHelpCenterNode sanitises n in place and reports whether n itself
// must be dropped.
func cleanHelpCenterNode(n *html.Node) (drop bool) {
	switch n.Type {
	case html.CommentNode:
		return true
	case html.ElementNode:
		if helpCenterDropped[n.DataAtom] {
			return true
		}
		attrs := n.Attr[:0]
		for _, a := range n.Attr {
			if !unsafeHelpCenterAttr(a) {
				attrs = append(attrs, a)
			}
		}
		n.Attr = attrs
	}
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if cleanHelpCenterNode(c) {
			n.RemoveChild(c)
		}
		c = next
	}
	return false
}

func unsafeHelpCenterAttr(a html.Attribute) bool {
	key := strings.ToLower(a.Key)
	if strings.HasPrefix(key, "on") {
		return true
	}
	switch key {
	case "href", "src", "action", "formaction", "xlink:href", "srcset":
		v := strings.ToLower(strings.Join(strings.Fields(a.Val), ""))
		return strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "vbscript:")
	}
	return false
}

// checkHelpCenter reports raw HTML in the Markdown that Help.Center would
// strip, so the writer learns at plan time rather than from a page that
// silently lost its embed.
func checkHelpCenter(doc ast.Node, src []byte) []Problem {
	var problems []Problem
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var raw []byte
		var offset int
		switch n := n.(type) {
		case *ast.HTMLBlock:
			lines := n.Lines()
			if lines.Len() == 0 {
				return ast.WalkContinue, nil
			}
			offset = lines.At(0).Start
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				raw = append(raw, seg.Value(src)...)
			}
			if n.HasClosure() {
				raw = append(raw, n.ClosureLine.Value(src)...)
			}
		case *ast.RawHTML:
			if n.Segments.Len() == 0 {
				return ast.WalkContinue, nil
			}
			offset = n.Segments.At(0).Start
			for i := 0; i < n.Segments.Len(); i++ {
				seg := n.Segments.At(i)
				raw = append(raw, seg.Value(src)...)
			}
		default:
			return ast.WalkContinue, nil
		}
		line := 1 + bytes.Count(src[:offset], []byte("\n"))
		for _, msg := range helpCenterRejects(raw) {
			problems = append(problems, Problem{Line: line, Msg: msg})
		}
		return ast.WalkContinue, nil
	})
	return problems
}

// helpCenterRejects lists what the sanitiser would remove from raw.
func helpCenterRejects(raw []byte) []string {
	var msgs []string
	z := html.NewTokenizer(bytes.NewReader(raw))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return msgs
		case html.StartTagToken, html.SelfClosingTagToken:
			t := z.Token()
			if helpCenterDropped[t.DataAtom] {
				msgs = append(msgs, fmt.Sprintf("Help.Center removes <%s> elements and their content: remove it or link to the content instead", t.Data))
				continue
			}
			for _, a := range t.Attr {
				if unsafeHelpCenterAttr(a) {
					msgs = append(msgs, fmt.Sprintf("Help.Center removes the %s attribute of <%s> (event handlers and script URLs): remove it", a.Key, t.Data))
				}
			}
		}
	}
}
