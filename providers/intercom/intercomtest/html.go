package intercomtest

import (
	"bytes"
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The fake's model of what Intercom does with an article body, written
// from the "Supported HTML" and "Unsupported HTML" tables of the
// reference (intercom-articles.txt) and the bodies in the examples of
// Intercom's OpenAPI description (intercom-openapi-2.15.yaml). It shares
// no code with hcsync: a fake that ran hcsync's own model would only
// prove that hcsync agrees with itself.

// storedKept are the elements of the "Supported HTML" table, and the
// parts a <table> is made of ("Needs to have at least one row and one
// cell").
var storedKept = map[atom.Atom]bool{
	atom.P: true, atom.Br: true, atom.Hr: true, atom.H1: true, atom.H2: true,
	atom.A: true, atom.Img: true, atom.Ul: true, atom.Ol: true, atom.Li: true,
	atom.Table: true, atom.Thead: true, atom.Tbody: true, atom.Tfoot: true,
	atom.Tr: true, atom.Td: true, atom.Th: true, atom.Iframe: true,
	atom.Pre: true, atom.Code: true, atom.B: true, atom.Strong: true,
	atom.I: true, atom.Em: true,
}

// storedRemoved go with their content: "<form> Remove from content",
// "<input> <textarea> Remove from content", "<script> Remove from
// content", and "<head> <html> <footer> etc.", whose content is no text
// of the article (style sheets, titles, metadata).
var storedRemoved = map[atom.Atom]bool{
	atom.Form: true, atom.Input: true, atom.Textarea: true, atom.Script: true,
	atom.Head: true, atom.Title: true, atom.Style: true, atom.Meta: true,
	atom.Link: true, atom.Button: true, atom.Select: true, atom.Noscript: true,
	atom.Template: true, atom.Object: true, atom.Embed: true,
}

// storedAttrs are the attributes kept per element. The tables name
// elements, not attributes; these are the ones the examples and the
// elements' purpose need (a link's target, an image's size).
var storedAttrs = map[atom.Atom][]string{
	atom.A:      {"href", "target", "rel"},
	atom.Img:    {"src", "alt", "title", "width", "height"},
	atom.Iframe: {"src", "frameborder", "allowfullscreen", "webkitallowfullscreen", "mozallowfullscreen"},
	atom.Td:     {"colspan", "rowspan"},
	atom.Th:     {"colspan", "rowspan"},
	atom.Ol:     {"start"},
}

// storeBody returns body as the fake stores it:
//   - "<h3> to <h6> Replace with <h2>";
//   - "<div> <span> Replace with <p>", where a <p> can be (a <div> of
//     blocks, or a <span> inside text, loses its tag instead);
//   - removed elements go with their content, other unsupported ones
//     ("All other tags") go and leave their content;
//   - only the "Supported CSS" classes, intercom-*, survive; every <p>
//     without one is stored with class="no-margin", as every stored body
//     in the OpenAPI examples shows;
//   - "All text must be placed within paragraph tags": text outside any
//     block is stored in a <p>.
func storeBody(body string) string {
	root := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(body), root)
	if err != nil {
		return body // a strings.Reader does not fail
	}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	clean(root)
	wrapLooseText(root)
	var b bytes.Buffer
	for c := root.FirstChild; c != nil; c = c.NextSibling {
		_ = html.Render(&b, c)
	}
	return b.String()
}

// clean rewrites the children of n.
func clean(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch {
		case c.Type == html.CommentNode || c.Type == html.DoctypeNode:
			n.RemoveChild(c) // no tag of the Supported table
		case c.Type != html.ElementNode:
		case storedRemoved[c.DataAtom]:
			n.RemoveChild(c)
		default:
			clean(c)
			cleanElement(n, c)
		}
		c = next
	}
}

// cleanElement renames, unwraps or filters element c, a child of parent.
func cleanElement(parent, c *html.Node) {
	switch c.DataAtom {
	case atom.H3, atom.H4, atom.H5, atom.H6:
		rename(c, atom.H2)
	case atom.Div, atom.Span:
		cls := attr(c, "class")
		switch {
		case c.DataAtom == atom.Div && (strings.Contains(cls, "intercom-container") || strings.Contains(cls, "intercom-h2b-video")):
			// Intercom's own wrappers, in its examples.
		case holdsBlocks(c) || !paragraphParent(parent):
			unwrap(parent, c)
			return
		default:
			rename(c, atom.P)
		}
	default:
		if !storedKept[c.DataAtom] {
			unwrap(parent, c)
			return
		}
	}
	filterAttrs(c)
}

// paragraphParent reports whether a <p> may stand directly in n.
func paragraphParent(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Body, atom.Div, atom.Li, atom.Td, atom.Th, atom.Blockquote:
		return true
	}
	return false
}

// blockish are the elements a <p> cannot hold.
var blockish = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Ul: true, atom.Ol: true,
	atom.Li: true, atom.Table: true, atom.Thead: true, atom.Tbody: true,
	atom.Tfoot: true, atom.Tr: true, atom.Td: true, atom.Th: true,
	atom.Pre: true, atom.Blockquote: true, atom.Hr: true, atom.Dl: true,
	atom.Section: true, atom.Article: true,
}

func holdsBlocks(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (blockish[c.DataAtom] || holdsBlocks(c)) {
			return true
		}
	}
	return false
}

func rename(n *html.Node, a atom.Atom) {
	n.DataAtom, n.Data = a, a.String()
}

func unwrap(parent, n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		n.RemoveChild(c)
		parent.InsertBefore(c, n)
		c = next
	}
	parent.RemoveChild(n)
}

func filterAttrs(n *html.Node) {
	allowed := storedAttrs[n.DataAtom]
	var kept []html.Attribute
	hasClass := false
	for _, a := range n.Attr {
		switch {
		case a.Namespace != "":
		case a.Key == "class":
			var cls []string
			for _, c := range strings.Fields(a.Val) {
				if strings.HasPrefix(c, "intercom-") || c == "no-margin" {
					cls = append(cls, c)
				}
			}
			if len(cls) > 0 {
				kept = append(kept, html.Attribute{Key: "class", Val: strings.Join(cls, " ")})
				hasClass = true
			}
		default:
			for _, k := range allowed {
				if a.Key == k {
					kept = append(kept, a)
				}
			}
		}
	}
	if n.DataAtom == atom.P && !hasClass {
		kept = append(kept, html.Attribute{Key: "class", Val: "no-margin"})
	}
	n.Attr = kept
}

// wrapLooseText puts each run of text and inline elements at the top
// level into a <p>.
func wrapLooseText(root *html.Node) {
	var run []*html.Node
	flush := func(before *html.Node) {
		text := false
		for _, n := range run {
			text = text || n.Type == html.ElementNode || strings.TrimSpace(n.Data) != ""
		}
		if text {
			p := &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
			root.InsertBefore(p, before)
			for _, n := range run {
				root.RemoveChild(n)
				p.AppendChild(n)
			}
			filterAttrs(p)
		}
		run = run[:0]
	}
	for c := root.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode || c.Type == html.ElementNode && !blockish[c.DataAtom] && c.DataAtom != atom.Iframe && !holdsBlocks(c) {
			run = append(run, c)
			continue
		}
		flush(c)
	}
	flush(nil)
}

// videoHosts are the embeds <iframe> may show: "Only works for Youtube,
// Wistia, Vimeo, Loom, Vidyard or StreamIO".
var videoHosts = []string{"youtube.com", "youtube-nocookie.com", "youtu.be", "wistia.com", "wistia.net",
	"vimeo.com", "loom.com", "vidyard.com", "streamio.com"}

// bodyProblem returns the first rule of the tables a body breaks that
// makes Intercom answer 400 Bad Request, or "".
func bodyProblem(body string) string {
	nodes, _ := html.ParseFragment(strings.NewReader(body), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	var problem string
	var walk func(n *html.Node, inList, inTable bool)
	walk = func(n *html.Node, inList, inTable bool) {
		if problem != "" {
			return
		}
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Dl:
				problem = "<dl> definition lists are not supported"
			case atom.Ul, atom.Ol:
				if inList {
					problem = "nested lists are not supported"
				} else if !hasNonEmptyItem(n) {
					problem = "lists must contain at least one non-empty <li> element"
				}
			case atom.Table:
				switch {
				case inList:
					problem = "<li> elements cannot contain a <table>"
				case inTable:
					problem = "a <table> cannot contain another <table>"
				case !hasCell(n):
					problem = "a table needs at least one row and one cell"
				}
				inTable = true
			case atom.Iframe:
				if !videoURL(attr(n, "src")) {
					problem = "iframe src must be a supported video embed link (Youtube, Wistia, Vimeo, Loom, Vidyard or StreamIO)"
				}
			case atom.Li:
				inList = true
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inList, inTable)
		}
	}
	for _, n := range nodes {
		walk(n, false, false)
	}
	return problem
}

func hasNonEmptyItem(list *html.Node) bool {
	for c := list.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom == atom.Li && hasContent(c) {
			return true
		}
	}
	return false
}

func hasContent(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode && strings.TrimSpace(c.Data) != "" ||
			c.Type == html.ElementNode && (c.DataAtom == atom.Img || c.DataAtom == atom.Iframe || c.DataAtom == atom.Hr || hasContent(c)) {
			return true
		}
	}
	return false
}

func hasCell(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom == atom.Td || c.DataAtom == atom.Th || c.DataAtom != atom.Table && hasCell(c) {
			return true
		}
	}
	return false
}

func videoURL(src string) bool {
	u, err := url.Parse(strings.TrimSpace(src))
	if err != nil || u.Scheme != "https" && u.Scheme != "http" && u.Scheme != "" {
		return false
	}
	host := strings.ToLower(u.Hostname())
	for _, h := range videoHosts {
		if host == h || strings.HasSuffix(host, "."+h) {
			return true
		}
	}
	return false
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

// StoredBody returns body as the fake stores it when a client sends it,
// but for image sources, which it re-hosts under URLs of its own: for
// tests that check hcsync's model of Intercom against this witness.
// Problem is the 400 the fake answers for the body, or "".
func StoredBody(body string) (stored, problem string) {
	if p := bodyProblem(body); p != "" {
		return "", p
	}
	return storeBody(body), ""
}
