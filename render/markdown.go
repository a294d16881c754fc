package render

import (
	"bytes"
	"errors"
	"strings"

	"github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/base"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/commonmark"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/strikethrough"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/table"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// MarkdownOptions tune one call to Markdown.
type MarkdownOptions struct {
	// Profile is the help center's HTML profile: a block counts as
	// expressed in Markdown when Render's output for it, sanitised the way
	// the service would, reads the same as the stored HTML.
	Profile *Profile
	// Link, when set, maps the href of an <a> (without its ?query and
	// #fragment, which are kept) to the destination the Markdown should
	// use instead, typically a relative .md path; ok = false keeps href.
	Link func(href string) (dest string, ok bool)
	// Image does for <img src> what Link does for links.
	Image func(src string) (dest string, ok bool)
}

// MarkdownResult is one body converted to Markdown.
type MarkdownResult struct {
	Markdown string
	// Blocks is the number of top-level blocks of the HTML; RawBlocks of
	// them are kept as inline HTML because Markdown cannot express them
	// (provider classes, embedded videos, callouts, ...).
	Blocks    int
	RawBlocks int
	// Lossy is set when even the fallback to HTML did not bring the body
	// back unchanged; export reports it, since plan would then show a
	// change for this body.
	Lossy bool
	// Links and Images count the destinations Link and Image rewrote.
	Links, Images int
}

// Markdown converts the HTML body of an article to Markdown that Render
// turns back into the same HTML, as Equal compares it.
//
// It works one top-level block at a time: each block is converted with
// html-to-markdown, rendered back, and compared; a block that does not
// come back equal is written as raw HTML, which goldmark passes through
// untouched. Rewritten links and images are checked the same way, with
// their original URLs put back by the inverse of Link and Image, so the
// promise holds once the planner resolves relative destinations to the
// URLs they were exported from.
func Markdown(body string, opts MarkdownOptions) MarkdownResult {
	ctx := &html.Node{Type: html.ElementNode, DataAtom: atom.Body, Data: "body"}
	nodes, err := html.ParseFragment(strings.NewReader(body), ctx)
	if err != nil {
		// ParseFragment fails only when its reader does.
		return MarkdownResult{Markdown: rawLine(body), Blocks: 1, RawBlocks: 1}
	}
	// Comments go: Render writes none, readers never see them, and
	// Equal ignores them, so the body still comes back the same.
	for _, n := range nodes {
		dropComments(n)
	}
	inv := inverse{links: map[string]string{}, images: map[string]string{}}
	var res MarkdownResult
	var parts []string
	var lists []bool // parts[i] is a Markdown list
	for _, blk := range splitBlocks(nodes) {
		res.Blocks++
		md, ok := convertBlock(blk, opts, &inv, &res)
		if !ok {
			res.RawBlocks++
		}
		parts = append(parts, md)
		lists = append(lists, ok && (blk[0].DataAtom == atom.Ul || blk[0].DataAtom == atom.Ol))
	}
	// Blocks that each come back alone can still merge when joined: two
	// lists in a row become one loose list. A list written with the
	// other marker (* for -, 1) for 1.) starts a new list in CommonMark,
	// so the second of two lists in a row takes it. Only as a last
	// resort does an empty comment keep blocks apart: Render drops
	// comments, so it is never published, but a writer should not find
	// one in an export (issue #17).
	for _, join := range []func(i int, part string) string{
		func(_ int, part string) string { return part },
		alternateMarkers(parts, lists),
		func(i int, part string) string {
			if i == 0 {
				return part
			}
			return "<!-- -->\n\n" + part
		},
	} {
		var b strings.Builder
		for i, part := range parts {
			if i > 0 {
				b.WriteString("\n\n")
			}
			b.WriteString(join(i, part))
		}
		md := b.String()
		if md != "" {
			md += "\n"
		}
		if inv.roundTrips(md, body, opts.Profile) {
			res.Markdown = md
			return res
		}
	}
	// Whatever went wrong, raw HTML of the whole body keeps it intact.
	res.RawBlocks = res.Blocks
	res.Links, res.Images = 0, 0
	raws := append(rawCandidates(rawHTML(nodes)), verbatimLine(rawHTML(nodes)))
	for _, md := range raws {
		res.Markdown = md + "\n"
		if inv.roundTrips(res.Markdown, body, opts.Profile) {
			return res
		}
	}
	res.Lossy = true
	return res
}

// alternateMarkers writes every second list of a run of lists with the
// other list marker, so that joined they stay apart.
func alternateMarkers(parts []string, lists []bool) func(i int, part string) string {
	alt := make([]bool, len(parts))
	for i := 1; i < len(parts); i++ {
		alt[i] = lists[i-1] && lists[i] && !alt[i-1]
	}
	return func(i int, part string) string {
		if !alt[i] {
			return part
		}
		return switchMarkers(part)
	}
}

// switchMarkers rewrites the markers of a list's top-level items ("- "
// to "* ", "3. " to "3) "): the lines that start at the margin.
func switchMarkers(md string) string {
	lines := strings.Split(md, "\n")
	for i, l := range lines {
		switch m := listMarker(l); {
		case l == "-":
			lines[i] = "*"
		case m == "- ":
			lines[i] = "* " + l[len(m):]
		case strings.HasSuffix(m, ". "):
			lines[i] = m[:len(m)-2] + ") " + l[len(m):]
		}
	}
	return strings.Join(lines, "\n")
}

// taskMarkers turns the ☐ and ☑ that start a list item (what Render
// writes for "[ ]" and "[x]") back into task list Markdown.
func taskMarkers(md string) string {
	if !strings.Contains(md, taskOpen) && !strings.Contains(md, taskDone) {
		return md
	}
	lines := strings.Split(md, "\n")
	for i, l := range lines {
		rest := strings.TrimLeft(l, " ")
		indent := l[:len(l)-len(rest)]
		marker := listMarker(rest)
		if marker == "" {
			continue
		}
		item := rest[len(marker):]
		switch {
		case strings.HasPrefix(item, taskOpen):
			lines[i] = indent + marker + "[ ] " + item[len(taskOpen):]
		case strings.HasPrefix(item, taskDone):
			lines[i] = indent + marker + "[x] " + item[len(taskDone):]
		}
	}
	return strings.Join(lines, "\n")
}

// listMarker returns the list marker that starts s, with its space
// ("- ", "12. "), or "".
func listMarker(s string) string {
	if len(s) >= 2 && strings.ContainsRune("-*+", rune(s[0])) && s[1] == ' ' {
		return s[:2]
	}
	j := 0
	for j < len(s) && j < 9 && '0' <= s[j] && s[j] <= '9' {
		j++
	}
	if j > 0 && j+1 < len(s) && (s[j] == '.' || s[j] == ')') && s[j+1] == ' ' {
		return s[:j+2]
	}
	return ""
}

// dropComments removes the comments under n.
func dropComments(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.CommentNode {
			n.RemoveChild(c)
		} else {
			dropComments(c)
		}
		c = next
	}
}

// splitBlocks groups top-level nodes into blocks: each block element
// alone, runs of inline content and text together. Whitespace between
// blocks and comments are dropped, as Normalize does.
func splitBlocks(nodes []*html.Node) [][]*html.Node {
	var blocks [][]*html.Node
	var run []*html.Node
	flush := func() {
		if len(run) > 0 && !blankRun(run) {
			blocks = append(blocks, run)
		}
		run = nil
	}
	for _, n := range nodes {
		switch {
		case n.Type == html.CommentNode:
			continue
		case n.Type == html.ElementNode && (isBlock(n.DataAtom) || n.DataAtom == atom.Iframe || n.DataAtom == atom.Video):
			flush()
			blocks = append(blocks, []*html.Node{n})
		default:
			run = append(run, n)
		}
	}
	flush()
	return blocks
}

func blankRun(run []*html.Node) bool {
	for _, n := range run {
		if n.Type != html.TextNode || strings.TrimSpace(n.Data) != "" {
			return false
		}
	}
	return true
}

// convertBlock returns the Markdown of one block and whether it is
// Markdown proper (false: raw HTML).
func convertBlock(blk []*html.Node, opts MarkdownOptions, inv *inverse, res *MarkdownResult) (string, bool) {
	orig := renderNodes(blk)
	// Rewrite on a copy: the last raw fallbacks keep the original URLs.
	var copies []*html.Node
	local := inverse{links: map[string]string{}, images: map[string]string{}}
	links, images := 0, 0
	for _, n := range blk {
		c := cloneNode(n)
		links += rewriteAttrs(c, atom.A, "href", opts.Link, local.links)
		images += rewriteAttrs(c, atom.Img, "src", opts.Image, local.images)
		copies = append(copies, c)
	}
	md, ok := "", false
	var err error
	if len(copies) == 1 {
		md, ok = calloutMarkdown(copies[0])
	}
	if !ok {
		md, err = markdownConverter.ConvertString(renderNodes(copies))
		md = strings.TrimSpace(md)
	}
	accept := func(md string) bool {
		if !local.roundTrips(md, orig, opts.Profile) {
			return false
		}
		inv.merge(local)
		res.Links += links
		res.Images += images
		return true
	}
	if err == nil && md != "" {
		for _, md := range uniq(taskMarkers(md), md) {
			if accept(md) {
				return md, true
			}
		}
	}
	if len(copies) == 1 {
		if hmd, ok := headingWithAttrs(copies[0]); ok && accept(hmd) {
			return hmd, true
		}
	}
	// Raw HTML with the rewritten references: Render resolves <img src>
	// and <a href> in raw HTML too, so a sized image still comes into
	// the tree.
	if links+images > 0 {
		for _, raw := range rawCandidates(rawHTML(copies)) {
			if accept(raw) {
				return raw, false
			}
		}
	}
	// A block with a relative link or image that is no file of the
	// tree (one relative to the article's page on the site) is kept
	// verbatim: Render resolves the references of other raw HTML.
	raws := append(rawCandidates(rawHTML(blk)), verbatimLine(rawHTML(blk)))
	for _, raw := range raws {
		if inv.roundTrips(raw, orig, opts.Profile) {
			return raw, false
		}
	}
	return raws[len(raws)-1], false
}

// uniq lists a, and b if it differs.
func uniq(a, b string) []string {
	if a == b {
		return []string{a}
	}
	return []string{a, b}
}

// rawCandidates are the ways to write a block of raw HTML h (one line)
// so that goldmark passes it through, best first:
//   - as is: a line that starts with a block element's tag (<p>, <div>,
//     <table>) starts an HTML block;
//   - with a line break after its first tag: a line holding only a
//     complete start tag starts an HTML block too, whatever the
//     element, and the break is whitespace where no reader sees it;
//   - after an empty comment, which starts an HTML block whatever
//     follows: the last resort, for text outside any element. Render
//     drops the comment.
func rawCandidates(h string) []string {
	out := []string{h}
	if i := firstTagEnd(h); i > 0 && i < len(h) {
		out = append(out, h[:i]+"\n"+h[i:])
	}
	return append(out, rawLine(h))
}

// firstTagEnd returns the end of the start tag h begins with, or 0 if
// h does not begin with one that may start an HTML block on its own
// line (CommonMark's type 7 excludes pre, script, style and textarea).
func firstTagEnd(h string) int {
	if !strings.HasPrefix(h, "<") {
		return 0
	}
	z := html.NewTokenizer(strings.NewReader(h))
	if tt := z.Next(); tt != html.StartTagToken && tt != html.SelfClosingTagToken {
		return 0
	}
	name, _ := z.TagName()
	switch atom.Lookup(name) {
	case atom.Pre, atom.Script, atom.Style, atom.Textarea:
		return 0
	}
	return len(z.Raw())
}

var markdownConverter = converter.NewConverter(converter.WithPlugins(
	base.NewBasePlugin(),
	commonmark.NewCommonmarkPlugin(
		commonmark.WithBulletListMarker("-"),
		commonmark.WithCodeBlockFence("```"),
		commonmark.WithHeadingStyle(commonmark.HeadingStyleATX),
	),
	strikethrough.NewStrikethroughPlugin(strikethrough.WithDelimiter("~~")),
	table.NewTablePlugin(),
))

// inverse maps rewritten destinations back to the URLs they replaced,
// the way a planner resolves them, so that a rewritten block is checked
// against the HTML it came from.
type inverse struct {
	links, images map[string]string
}

func (inv *inverse) merge(o inverse) {
	for k, v := range o.links {
		inv.links[k] = v
	}
	for k, v := range o.images {
		inv.images[k] = v
	}
}

// roundTrips reports whether md renders back to stored, without a
// problem: a relative destination that no rewrite made (a link to
// "code.html" relative to the article's page on the site) would be a
// dead file link in the tree, and what the profile's checks refuse
// could not be applied.
func (inv *inverse) roundTrips(md, stored string, p *Profile) bool {
	resolve := func(m map[string]string) func(string, int) (string, error) {
		return func(dest string, _ int) (string, error) {
			if v, ok := m[dest]; ok {
				return v, nil
			}
			return "", errNotExported
		}
	}
	r := Render([]byte(md), Options{Profile: p, Link: resolve(inv.links), Image: resolve(inv.images)})
	return len(r.Problems) == 0 && Equal(r.HTML, stored, p)
}

var errNotExported = errors.New("relative destination not written by export")

func lookupOr(m map[string]string, k string) string {
	if v, ok := m[k]; ok {
		return v
	}
	return k
}

// rewriteAttrs rewrites attribute key of every el element under n with
// fn, recording new -> old in inv, and returns how many it rewrote.
func rewriteAttrs(n *html.Node, el atom.Atom, key string, fn func(string) (string, bool), inv map[string]string) int {
	if fn == nil {
		return 0
	}
	count := 0
	if n.Type == html.ElementNode && n.DataAtom == el {
		for i, a := range n.Attr {
			if a.Namespace != "" || a.Key != key {
				continue
			}
			path, query, frag := splitURL(a.Val)
			dest, ok := fn(path)
			if !ok || dest == path {
				continue
			}
			if prev, seen := inv[dest]; seen && prev != path {
				continue // two URLs would share one destination
			}
			inv[dest] = path
			n.Attr[i].Val = dest + query + frag
			count++
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		count += rewriteAttrs(c, el, key, fn, inv)
	}
	return count
}

func cloneNode(n *html.Node) *html.Node {
	c := &html.Node{Type: n.Type, DataAtom: n.DataAtom, Data: n.Data, Namespace: n.Namespace}
	c.Attr = append([]html.Attribute(nil), n.Attr...)
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		c.AppendChild(cloneNode(k))
	}
	return c
}

func renderNodes(nodes []*html.Node) string {
	var b bytes.Buffer
	for _, n := range nodes {
		// Render fails only when its writer does.
		_ = html.Render(&b, n)
	}
	return b.String()
}

// rawHTML writes a block as HTML on one line, so that no blank line
// inside it ends goldmark's HTML block early: newlines in text become
// spaces where whitespace folds, and &#10; where it is content (<pre>).
func rawHTML(blk []*html.Node) string {
	var copies []*html.Node
	for _, n := range blk {
		c := cloneNode(n)
		flattenNewlines(c, false)
		copies = append(copies, c)
	}
	return strings.ReplaceAll(renderNodes(copies), newlineMark, "&#10;")
}

// newlineMark stands in for a newline of verbatim text until the HTML is
// written: html.Render would escape an entity written into the text.
const newlineMark = "\uE000hcsync-nl\uE000"

func flattenNewlines(n *html.Node, verbatim bool) {
	if n.Type == html.ElementNode && keepsWhitespace(n.DataAtom) {
		verbatim = true
	}
	if n.Type == html.TextNode && !(n.Parent != nil && rawText(n.Parent.DataAtom)) {
		if p := n.Parent; p != nil && p.FirstChild == n && dropsFirstNewline(p.DataAtom) && strings.HasPrefix(n.Data, "\n") {
			// The parser drops a newline right after <pre>, written as
			// &#10; too; html.Render adds one back only for a literal one.
			n.Data = "\n" + n.Data
		}
		if verbatim {
			n.Data = strings.ReplaceAll(n.Data, "\n", newlineMark)
		} else {
			n.Data = strings.ReplaceAll(n.Data, "\n", " ")
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		flattenNewlines(c, verbatim)
	}
}

func dropsFirstNewline(a atom.Atom) bool {
	return a == atom.Pre || a == atom.Listing || a == atom.Textarea
}

// rawLine makes one line of HTML an HTML block whatever it starts with:
// goldmark ends a block opened by a comment at the end of the line that
// closes the comment, and passes the whole line through.
func rawLine(h string) string {
	return "<!-- -->" + strings.ReplaceAll(h, "\n", " ")
}

// headingWithAttrs writes a heading whose id is not the one Render
// derives from its text, or that has classes, with goldmark's heading
// attributes: "## Setup {#setup-steps .important}". ok is false for
// other blocks and for headings with other attributes.
func headingWithAttrs(n *html.Node) (string, bool) {
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
	default:
		return "", false
	}
	var attrs []string
	for _, a := range n.Attr {
		switch {
		case a.Key == "id" && a.Val != "":
			attrs = append(attrs, "#"+a.Val)
		case a.Key == "class":
			for _, c := range strings.Fields(a.Val) {
				attrs = append(attrs, "."+c)
			}
		default:
			return "", false
		}
	}
	if len(attrs) == 0 {
		return "", false
	}
	bare := cloneNode(n)
	bare.Attr = nil
	md, err := markdownConverter.ConvertString(renderNodes([]*html.Node{bare}))
	md = strings.TrimSpace(md)
	if err != nil || !strings.HasPrefix(md, "#") || strings.Contains(md, "\n") {
		return "", false
	}
	return md + " {" + strings.Join(attrs, " ") + "}", true
}

// verbatimLine is rawLine for a block whose references Render must
// leave alone: the mark is a comment too, so it opens the block the same
// way.
func verbatimLine(h string) string {
	return verbatimMark + strings.ReplaceAll(h, "\n", " ")
}
