package render

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The Intercom profile follows the "Supported HTML" and "Unsupported
// HTML" tables of Intercom's article reference (intercom-articles.txt):
// h1 and h2 only, no <div>/<span>, and a set of constructs that make the
// API answer 400 Bad Request. hcsync reports those at plan time, with
// the file and line, so that an apply never fails on them.
//
// IntercomSanitize and IntercomHTMLProblems are shared with the fake
// server in providers/intercom/intercomtest, so that what the planner
// expects Intercom to store is exactly what the fake stores.
func init() {
	p := &Profile{
		Name:       "intercom",
		MaxHeading: 2,
		Check:      walkCheck(checkIntercomNode),
		Sanitize:   IntercomSanitize,
		// "Images will be uploaded to Intercom and we'll use an Intercom
		// link to display these" (intercom-articles.txt, Supported HTML).
		OpaqueImageSrc: true,
		// No <sup>, ids or classes survive: footnotes are plain text.
		footnotes: footnotesPlain,
	}
	nodeChecks[p] = checkIntercomNode
	Register(p)
}

// intercomVideoHosts are the embed hosts the reference names for
// <iframe>: "Youtube, Wistia, Vimeo, Loom, Vidyard or StreamIO". A host
// matches itself and its subdomains (www.youtube.com, fast.wistia.net).
var intercomVideoHosts = []string{
	"youtube.com", "youtube-nocookie.com", "youtu.be",
	"wistia.com", "wistia.net",
	"vimeo.com",
	"loom.com",
	"vidyard.com",
	"streamio.com",
}

// checkIntercomNode reports what Intercom answers with 400: nested lists,
// empty lists, tables inside list items, definition lists, and raw HTML
// breaking the same rules or embedding an unsupported video host.
func checkIntercomNode(c *nodeChecker, n ast.Node) {
	src := c.src
	switch n := n.(type) {
	case *ast.List:
		if intercomInsideListItem(n) {
			c.problems = append(c.problems, Problem{Line(n, src), "nested lists are not supported by Intercom (400 Bad Request): flatten the list or use paragraphs"})
		} else if intercomEmptyList(n, src) {
			c.problems = append(c.problems, Problem{Line(n, src), "empty list: Intercom needs at least one non-empty list item (400 Bad Request)"})
		}
	case *east.Table:
		if intercomInsideListItem(n) {
			c.problems = append(c.problems, Problem{Line(n, src), "a table inside a list item is not supported by Intercom (400 Bad Request): move it out of the list"})
		}
	case *east.DefinitionList:
		c.problems = append(c.problems, Problem{Line(n, src), "definition lists (<dl>) are not supported by Intercom (400 Bad Request): use a list or paragraphs"})
	case *ast.HTMLBlock:
		c.raw = c.raw[:0]
		for i := 0; i < n.Lines().Len(); i++ {
			s := n.Lines().At(i)
			c.raw = append(c.raw, s.Value(src)...)
		}
		if n.HasClosure() {
			c.raw = append(c.raw, n.ClosureLine.Value(src)...)
		}
		// Parsing is the costly part, and only these elements can make
		// a problem.
		if !hasStartTag(c.raw, intercomBlockTags) {
			return
		}
		for _, msg := range IntercomHTMLProblems(string(c.raw)) {
			c.problems = append(c.problems, Problem{Line(n, src), msg})
		}
	case *ast.RawHTML:
		// Inline raw HTML comes one tag at a time, so only the rules
		// about single tags apply; list and table structure cannot be
		// judged from an opening tag alone.
		c.raw = c.raw[:0]
		for i := 0; i < n.Segments.Len(); i++ {
			s := n.Segments.At(i)
			c.raw = append(c.raw, s.Value(src)...)
		}
		if !hasStartTag(c.raw, intercomSingleTags) {
			return
		}
		for _, msg := range intercomTagProblems(parseIntercomFragment(string(c.raw))) {
			c.problems = append(c.problems, Problem{Line(n, src), msg})
		}
	}
}

// intercomSingleTags are the elements intercomTagProblems judges, and
// intercomBlockTags those IntercomHTMLProblems does: markup without
// their start tags has nothing to report (see hasStartTag).
var (
	intercomSingleTags = []string{"dl", "iframe"}
	intercomBlockTags  = []string{"dl", "iframe", "ul", "ol", "table"}
)

func intercomInsideListItem(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if _, ok := p.(*ast.ListItem); ok {
			return true
		}
	}
	return false
}

// intercomEmptyList reports whether no item of l holds any text.
func intercomEmptyList(l *ast.List, src []byte) bool {
	for it := l.FirstChild(); it != nil; it = it.NextSibling() {
		if intercomHasContent(it, src) {
			return false
		}
	}
	return true
}

func intercomHasContent(n ast.Node, src []byte) bool {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			if len(bytes.TrimSpace(c.Segment.Value(src))) > 0 {
				return true
			}
		case *ast.Image, *ast.RawHTML, *ast.CodeSpan:
			return true
		default:
			if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 && c.Kind() != ast.KindParagraph && c.Kind() != ast.KindTextBlock {
				return true // code blocks, HTML blocks
			}
			if intercomHasContent(c, src) {
				return true
			}
		}
	}
	return false
}

func parseIntercomFragment(fragment string) []*html.Node {
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(fragment), body)
	if err != nil {
		// The HTML5 parser accepts any input; only a failing reader
		// errors, which a strings.Reader never does.
		return nil
	}
	return nodes
}

// IntercomHTMLProblems lists what in an HTML fragment Intercom's
// reference says hard-fails with 400 Bad Request: definition lists,
// nested lists, lists without a non-empty item, tables without a cell,
// tables inside list items or tables, and iframes not from a supported
// video host. Each message says what to change.
func IntercomHTMLProblems(fragment string) []string {
	nodes := parseIntercomFragment(fragment)
	msgs := intercomTagProblems(nodes)
	var walk func(n *html.Node, inList, inTable bool)
	walk = func(n *html.Node, inList, inTable bool) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Ul, atom.Ol:
				if inList {
					msgs = append(msgs, "nested lists are not supported by Intercom (400 Bad Request): flatten the list")
				} else if !intercomHTMLListHasItem(n) {
					msgs = append(msgs, "empty list: Intercom needs at least one non-empty <li> (400 Bad Request)")
				}
			case atom.Table:
				switch {
				case inTable:
					msgs = append(msgs, "a table inside a table is not supported by Intercom (400 Bad Request)")
				case inList:
					msgs = append(msgs, "a table inside a list item is not supported by Intercom (400 Bad Request): move it out of the list")
				case !intercomHTMLTableHasCell(n):
					msgs = append(msgs, "empty table: Intercom needs at least one row and one cell (400 Bad Request)")
				}
				inTable = true
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
	return msgs
}

// intercomTagProblems checks the rules that concern single elements:
// <dl> and <iframe> hosts.
func intercomTagProblems(nodes []*html.Node) []string {
	var msgs []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Dl:
				msgs = append(msgs, "definition lists (<dl>) are not supported by Intercom (400 Bad Request): use a list or paragraphs")
			case atom.Iframe:
				src := intercomAttr(n, "src")
				if !IntercomVideoURL(src) {
					msgs = append(msgs, fmt.Sprintf("iframe src %q is not a supported video embed: Intercom accepts only YouTube, Wistia, Vimeo, Loom, Vidyard and StreamIO (400 Bad Request)", src))
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return msgs
}

// IntercomVideoURL reports whether src is an embed URL from one of the
// video hosts Intercom supports in <iframe>.
func IntercomVideoURL(src string) bool {
	u, err := url.Parse(strings.TrimSpace(src))
	if err != nil || (u.Scheme != "https" && u.Scheme != "http" && u.Scheme != "") {
		return false
	}
	host := strings.ToLower(u.Hostname())
	for _, h := range intercomVideoHosts {
		if host == h || strings.HasSuffix(host, "."+h) {
			return true
		}
	}
	return false
}

func intercomHTMLListHasItem(l *html.Node) bool {
	for c := l.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom == atom.Li && intercomHTMLHasContent(c) {
			return true
		}
	}
	return false
}

func intercomHTMLHasContent(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			if strings.TrimSpace(c.Data) != "" {
				return true
			}
		case html.ElementNode:
			if c.DataAtom == atom.Img || c.DataAtom == atom.Iframe || c.DataAtom == atom.Hr || intercomHTMLHasContent(c) {
				return true
			}
		}
	}
	return false
}

func intercomHTMLTableHasCell(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom == atom.Td || c.DataAtom == atom.Th {
			return true
		}
		if c.DataAtom != atom.Table && intercomHTMLTableHasCell(c) {
			return true
		}
	}
	return false
}

func intercomAttr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

// intercomKept are the elements of the "Supported HTML" table, plus the
// parts a table is made of.
var intercomKept = map[atom.Atom]bool{
	atom.P: true, atom.Br: true, atom.Hr: true, atom.H1: true, atom.H2: true,
	atom.A: true, atom.Img: true, atom.Ul: true, atom.Ol: true, atom.Li: true,
	atom.Table: true, atom.Thead: true, atom.Tbody: true, atom.Tfoot: true,
	atom.Tr: true, atom.Th: true, atom.Td: true, atom.Iframe: true,
	atom.Pre: true, atom.Code: true, atom.B: true, atom.Strong: true,
	atom.I: true, atom.Em: true,
}

// intercomRemoved go with their content ("Remove from content" in the
// "Unsupported HTML" table).
var intercomRemoved = map[atom.Atom]bool{
	atom.Form: true, atom.Input: true, atom.Textarea: true, atom.Script: true,
	atom.Style: true, atom.Head: true, atom.Title: true, atom.Meta: true,
	atom.Link: true, atom.Select: true, atom.Button: true, atom.Noscript: true,
	atom.Template: true, atom.Object: true, atom.Embed: true,
}

// intercomAttrs are the attributes kept per element. The reference lists
// elements and classes, not attributes: hcsync assumes the ones its
// examples use (href, target, src, iframe flags) and the ones tables and
// images need, and that the rest is dropped. class is filtered
// separately.
var intercomAttrs = map[atom.Atom][]string{
	atom.A:      {"href", "target", "rel"},
	atom.Img:    {"src", "alt", "title", "width", "height"},
	atom.Iframe: {"src", "frameborder", "allowfullscreen", "webkitallowfullscreen", "mozallowfullscreen"},
	atom.Td:     {"colspan", "rowspan"},
	atom.Th:     {"colspan", "rowspan"},
	atom.Ol:     {"start"},
}

// intercomBlocks are the elements that make a <div> or <span> a wrapper
// of blocks rather than of text.
var intercomBlocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Ul: true, atom.Ol: true,
	atom.Table: true, atom.Pre: true, atom.Blockquote: true, atom.Hr: true,
	atom.Dl: true, atom.Section: true, atom.Article: true, atom.Li: true,
	atom.Tr: true, atom.Td: true, atom.Th: true, atom.Thead: true,
	atom.Tbody: true, atom.Tfoot: true,
}

// IntercomSanitize returns fragment as Intercom stores it, following the
// reference's tables and the bodies in its examples:
//   - <h3> to <h6> become <h2>;
//   - <div> and <span> become <p>, except Intercom's own wrappers
//     (class intercom-container, intercom-h2b-video); a <div> holding
//     blocks is unwrapped instead, since a <p> cannot hold blocks;
//   - form, input, textarea, script and the like go with their content;
//   - other unsupported elements (blockquote, del, sup, ...) are
//     replaced by their content;
//   - comments go; classes other than intercom-* go;
//   - a <p> without a class gets class="no-margin", as every stored body
//     in the OpenAPI description's examples shows.
//
// It is idempotent.
func IntercomSanitize(fragment string) string {
	nodes := parseIntercomFragment(fragment)
	if nodes == nil && fragment != "" {
		return fragment
	}
	root := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	intercomClean(root)
	intercomWrapText(root)
	var b bytes.Buffer
	for c := root.FirstChild; c != nil; c = c.NextSibling {
		if err := html.Render(&b, c); err != nil {
			return fragment
		}
	}
	return b.String()
}

// intercomClean rewrites the children of parent in place.
func intercomClean(parent *html.Node) {
	for c := parent.FirstChild; c != nil; {
		next := c.NextSibling
		switch c.Type {
		case html.CommentNode, html.DoctypeNode:
			parent.RemoveChild(c)
		case html.ElementNode:
			if intercomRemoved[c.DataAtom] {
				parent.RemoveChild(c)
				break
			}
			intercomClean(c)
			switch c.DataAtom {
			case atom.H3, atom.H4, atom.H5, atom.H6:
				intercomRename(c, atom.H2)
			case atom.Div, atom.Span:
				cls := intercomAttr(c, "class")
				switch {
				case c.DataAtom == atom.Div && (strings.Contains(cls, "intercom-container") || strings.Contains(cls, "intercom-h2b-video")):
				case intercomHoldsBlocksDeep(c) || !intercomBlockContainer(parent):
					// A <p> can neither hold blocks nor sit inside text.
					intercomUnwrap(parent, c)
					c = nil
				default:
					intercomRename(c, atom.P)
				}
			default:
				if !intercomKept[c.DataAtom] {
					intercomUnwrap(parent, c)
					c = nil
				}
			}
			if c != nil {
				intercomFilterAttrs(c)
			}
		}
		c = next
	}
}

// intercomBlockContainer reports whether a <p> may sit directly in n.
func intercomBlockContainer(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Body, atom.Div, atom.Li, atom.Td, atom.Th, atom.Blockquote:
		return true
	}
	return false
}

// intercomWrapText puts each run of bare text and inline elements at the
// top level into a <p>: "All text must be placed within paragraph tags",
// and the examples show a plain-text body stored as one paragraph.
func intercomWrapText(root *html.Node) {
	var run []*html.Node
	flush := func(before *html.Node) {
		text := false
		for _, n := range run {
			if n.Type == html.ElementNode || strings.TrimSpace(n.Data) != "" {
				text = true
			}
		}
		if text {
			p := &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
			root.InsertBefore(p, before)
			for _, n := range run {
				root.RemoveChild(n)
				p.AppendChild(n)
			}
			intercomFilterAttrs(p)
		}
		run = run[:0]
	}
	for c := root.FirstChild; c != nil; c = c.NextSibling {
		inline := c.Type == html.TextNode ||
			(c.Type == html.ElementNode && !intercomBlocks[c.DataAtom] && !intercomTopLevel[c.DataAtom] && !intercomHoldsBlocksDeep(c))
		if inline {
			run = append(run, c)
			continue
		}
		flush(c)
	}
	flush(nil)
}

// intercomTopLevel are kept elements that stand alone between paragraphs.
var intercomTopLevel = map[atom.Atom]bool{
	atom.Iframe: true,
}

func intercomRename(n *html.Node, a atom.Atom) {
	n.DataAtom = a
	n.Data = a.String()
}

func intercomUnwrap(parent, n *html.Node) {
	for gc := n.FirstChild; gc != nil; {
		next := gc.NextSibling
		n.RemoveChild(gc)
		parent.InsertBefore(gc, n)
		gc = next
	}
	parent.RemoveChild(n)
}

func intercomHoldsBlocksDeep(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (intercomBlocks[c.DataAtom] || intercomHoldsBlocksDeep(c)) {
			return true
		}
	}
	return false
}

func intercomFilterAttrs(n *html.Node) {
	allowed := intercomAttrs[n.DataAtom]
	attrs := n.Attr[:0]
	hasClass := false
	for _, a := range n.Attr {
		if a.Namespace != "" {
			continue
		}
		if a.Key == "class" {
			var keep []string
			for _, c := range strings.Fields(a.Val) {
				if strings.HasPrefix(c, "intercom-") || c == "no-margin" {
					keep = append(keep, c)
				}
			}
			if len(keep) > 0 {
				a.Val = strings.Join(keep, " ")
				attrs = append(attrs, a)
				hasClass = true
			}
			continue
		}
		for _, k := range allowed {
			if a.Key == k {
				attrs = append(attrs, a)
				break
			}
		}
	}
	n.Attr = attrs
	if n.DataAtom == atom.P && !hasClass {
		n.Attr = append(n.Attr, html.Attribute{Key: "class", Val: "no-margin"})
	}
}
