package render

import (
	"bytes"
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
	p := &Profile{
		Name:     "helpcenter",
		Check:    walkCheck(checkHelpCenterNode),
		Sanitize: HelpCenterSanitize,
	}
	nodeChecks[p] = checkHelpCenterNode
	Register(p)
}

// helpCenterDropped are the elements the sanitiser removes together with
// everything inside them, and which plan therefore refuses. The API
// says only that HTML "is automatically sanitized for security"
// (helpcenter-articles.txt, "Creating Articles"), so the list holds what
// that must mean and no more: elements that run code or plug-ins in the
// reader's page (script, object, embed, applet) or change how the page
// itself loads (base, link, meta). Video embeds (iframe), forms and
// their controls, and style are not documented as removed, and no
// observation says they are: they are sent as written.
var helpCenterDropped = map[atom.Atom]bool{
	atom.Script: true, atom.Object: true, atom.Embed: true, atom.Applet: true,
	atom.Base: true, atom.Link: true, atom.Meta: true,
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
	return strings.HasPrefix(key, "on") || helpCenterURLAttr(key) && scriptURL(a.Val)
}

// helpCenterURLAttr reports the attributes whose value Help.Center
// checks for script URLs; key is lower-case.
func helpCenterURLAttr(key string) bool {
	switch key {
	case "href", "src", "action", "formaction", "xlink:href", "srcset":
		return true
	}
	return false
}

// scriptURL reports a javascript: or vbscript: URL, however spaced.
func scriptURL(v string) bool {
	v = strings.ToLower(strings.Join(strings.Fields(v), ""))
	return strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "vbscript:")
}

// helpCenterDroppedNames are the tag names of helpCenterDropped, for
// hasStartTag.
var helpCenterDroppedNames = func() []string {
	names := make([]string, 0, len(helpCenterDropped))
	for a := range helpCenterDropped {
		names = append(names, a.String())
	}
	return names
}()

// helpCenterMayReject reports whether helpCenterRejects(raw) may find
// something, without tokenising: most raw HTML in Markdown is a <br>, a
// <kbd> or a plain <div>, and a tokenizer costs a 4 KB buffer each. It
// may answer true for markup that is fine, never false for markup that
// is not:
//   - a dropped element needs its start tag;
//   - an on* attribute needs "on", in any ASCII case (the tokenizer
//     lower-cases ASCII only, and strings.ToLower turns no other letter
//     into o or n), at the start of a name, which follows a space, a
//     slash or a quote, never a letter or digit;
//   - a script URL needs one of the URL attributes, all of which contain
//     "href", "src" or "act" (not "action": strings.ToLower turns U+0130
//     into i).
func helpCenterMayReject(raw []byte) bool {
	if hasStartTag(raw, helpCenterDroppedNames) {
		return true
	}
	for i := 0; i+1 < len(raw); i++ {
		if raw[i]|0x20 == 'o' && raw[i+1]|0x20 == 'n' && (i == 0 || !asciiAlnum(raw[i-1])) {
			return true
		}
	}
	return containsFold(raw, "href") || containsFold(raw, "src") || containsFold(raw, "act")
}

func asciiAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// containsFold reports whether b contains the lower-case ASCII word in
// any ASCII case.
func containsFold(b []byte, word string) bool {
	for i := 0; i+len(word) <= len(b); i++ {
		if asciiEqualFold(b[i:i+len(word)], word) {
			return true
		}
	}
	return false
}

// checkHelpCenterNode reports raw HTML in the Markdown that Help.Center
// would strip, so the writer learns at plan time rather than from a page
// that silently lost its embed.
func checkHelpCenterNode(c *nodeChecker, n ast.Node) {
	var offset int
	switch n := n.(type) {
	case *ast.HTMLBlock:
		lines := n.Lines()
		if lines.Len() == 0 {
			return
		}
		offset = lines.At(0).Start
		c.raw = c.raw[:0]
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			c.raw = append(c.raw, seg.Value(c.src)...)
		}
		if n.HasClosure() {
			c.raw = append(c.raw, n.ClosureLine.Value(c.src)...)
		}
	case *ast.RawHTML:
		if n.Segments.Len() == 0 {
			return
		}
		offset = n.Segments.At(0).Start
		c.raw = c.raw[:0]
		for i := 0; i < n.Segments.Len(); i++ {
			seg := n.Segments.At(i)
			c.raw = append(c.raw, seg.Value(c.src)...)
		}
	default:
		return
	}
	if !helpCenterMayReject(c.raw) {
		return
	}
	line := 1 + bytes.Count(c.src[:offset], []byte("\n"))
	for _, msg := range helpCenterRejects(c.raw) {
		c.problems = append(c.problems, Problem{Line: line, Msg: msg})
	}
}

// helpCenterRejects lists what the sanitiser would remove from raw. It
// reads tags with TagName and TagAttr rather than Token, which would
// copy every attribute of every tag into strings.
func helpCenterRejects(raw []byte) []string {
	var msgs []string
	z := html.NewTokenizer(bytes.NewReader(raw))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return msgs
		case html.StartTagToken, html.SelfClosingTagToken:
			name, more := z.TagName()
			// Token names a known element by its atom, an unknown one
			// by the name as written; only known ones are dropped.
			if a := atom.Lookup(name); helpCenterDropped[a] {
				msgs = append(msgs, "Help.Center removes <"+a.String()+"> elements and their content: remove it or link to the content instead")
				continue
			}
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				key := atom.String(k)
				lk := strings.ToLower(key)
				if strings.HasPrefix(lk, "on") || helpCenterURLAttr(lk) && scriptURL(string(v)) {
					msgs = append(msgs, "Help.Center removes the "+key+" attribute of <"+tagData(name)+"> (event handlers and script URLs): remove it")
				}
			}
		}
	}
}

// tagData is the Data of a tag Token for name: the atom's name for a
// known element, the name as written otherwise (the same bytes).
func tagData(name []byte) string {
	if a := atom.Lookup(name); a != 0 {
		return a.String()
	}
	return string(name)
}
