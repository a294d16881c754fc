package render

import (
	"bytes"
	"io"
	"strconv"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
	"golang.org/x/net/html"
)

// What Render writes for a service must already be what the service
// stores, or the body it returns reads as a change on the next plan and
// an export brings back markup the writer never typed (issue #17). So
// the constructs goldmark marks up in ways some service rewrites are
// written here, per profile:
//
//   - task list items start with the characters U+2610 ☐ and U+2611 ☑
//     and a space, not with <input type="checkbox">: Help.Center and
//     Intercom remove form controls with their content, Zendesk's list
//     of safe HTML has no <input>, and Markdown (export) turns the
//     characters back into "[ ]" and "[x]";
//   - footnotes keep goldmark's ids, classes and links, but their ARIA
//     roles only where the service keeps role attributes (not Zendesk),
//     and on Intercom, which keeps neither <sup>, ids nor classes, so a
//     footnote link could lead nowhere, a reference is the plain text
//     "[1]" and the notes a list after a rule, without back links;
//   - HTML comments in the Markdown are not written at all: they are the
//     writer's notes. Intercom and Help.Center drop them on upload and
//     Zendesk stores them in the page source, where readers can see them.

// footnoteStyle says how a service's profile writes footnotes.
type footnoteStyle int

const (
	footnotesARIA   footnoteStyle = iota // goldmark's markup, roles included
	footnotesNoARIA                      // ids, classes and links, no role attributes
	footnotesPlain                       // "[1]" and a list of notes, nothing to link
)

// Task list markers as written into the HTML.
const (
	taskOpen = "\u2610 " // ☐
	taskDone = "\u2611 " // ☑
)

// markupRenderer writes the nodes whose markup depends on the profile.
// It is registered after goldmark's own renderers, so its functions win.
type markupRenderer struct {
	footnotes footnoteStyle
}

// RegisterFuncs implements renderer.NodeRenderer.
func (r *markupRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindTaskCheckBox, r.taskCheckBox)
	reg.Register(east.KindFootnoteLink, r.footnoteLink)
	reg.Register(east.KindFootnoteBacklink, r.footnoteBacklink)
	reg.Register(east.KindFootnote, r.footnote)
	reg.Register(east.KindFootnoteList, r.footnoteList)
	reg.Register(ast.KindHTMLBlock, r.htmlBlock)
	reg.Register(ast.KindRawHTML, r.rawHTML)
}

func (r *markupRenderer) taskCheckBox(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		if node.(*east.TaskCheckBox).IsChecked {
			_, _ = w.WriteString(taskDone)
		} else {
			_, _ = w.WriteString(taskOpen)
		}
	}
	return ast.WalkContinue, nil
}

func (r *markupRenderer) footnoteLink(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*east.FootnoteLink)
	is := strconv.Itoa(n.Index)
	if r.footnotes == footnotesPlain {
		_, _ = w.WriteString("[" + is + "]")
		return ast.WalkContinue, nil
	}
	ref := ":" + is
	if n.RefIndex > 0 {
		ref = strconv.Itoa(n.RefIndex) + ref
	}
	_, _ = w.WriteString(`<sup id="fnref` + ref + `"><a href="#fn:` + is + `" class="footnote-ref"`)
	if r.footnotes == footnotesARIA {
		_, _ = w.WriteString(` role="doc-noteref"`)
	}
	_, _ = w.WriteString(`>` + is + `</a></sup>`)
	return ast.WalkContinue, nil
}

func (r *markupRenderer) footnoteBacklink(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering || r.footnotes == footnotesPlain {
		return ast.WalkContinue, nil
	}
	n := node.(*east.FootnoteBacklink)
	ref := ":" + strconv.Itoa(n.Index)
	if n.RefIndex > 0 {
		ref = strconv.Itoa(n.RefIndex) + ref
	}
	_, _ = w.WriteString(`&#160;<a href="#fnref` + ref + `" class="footnote-backref"`)
	if r.footnotes == footnotesARIA {
		_, _ = w.WriteString(` role="doc-backlink"`)
	}
	_, _ = w.WriteString(`>&#x21a9;&#xfe0e;</a>`)
	return ast.WalkContinue, nil
}

func (r *markupRenderer) footnote(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	switch {
	case !entering:
		_, _ = w.WriteString("</li>\n")
	case r.footnotes == footnotesPlain:
		_, _ = w.WriteString("<li>\n")
	default:
		_, _ = w.WriteString(`<li id="fn:` + strconv.Itoa(node.(*east.Footnote).Index) + "\">\n")
	}
	return ast.WalkContinue, nil
}

func (r *markupRenderer) footnoteList(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	plain := r.footnotes == footnotesPlain
	switch {
	case !entering && plain:
		_, _ = w.WriteString("</ol>\n")
	case !entering:
		_, _ = w.WriteString("</ol>\n</div>\n")
	case plain:
		_, _ = w.WriteString("<hr>\n<ol>\n")
	case r.footnotes == footnotesARIA:
		_, _ = w.WriteString("<div class=\"footnotes\" role=\"doc-endnotes\">\n<hr>\n<ol>\n")
	default:
		_, _ = w.WriteString("<div class=\"footnotes\">\n<hr>\n<ol>\n")
	}
	return ast.WalkContinue, nil
}

// htmlBlock writes a raw HTML block as typed (or as rewriteRawHTML
// rewrote its references), without its comments.
func (r *markupRenderer) htmlBlock(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.HTMLBlock)
	if b, ok := rewritten(n); ok {
		writeSecure(w, stripComments(b))
		return ast.WalkContinue, nil
	}
	writeSecure(w, stripComments(RawHTML(n, src)))
	return ast.WalkContinue, nil
}

// rawHTML writes inline raw HTML as typed; an inline comment is dropped.
func (r *markupRenderer) rawHTML(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.RawHTML)
	if n.Segments.Len() > 0 && bytes.HasPrefix(src[n.Segments.At(0).Start:], []byte("<!--")) {
		return ast.WalkSkipChildren, nil
	}
	if b, ok := rewritten(n); ok {
		_, _ = w.Write(b)
		return ast.WalkSkipChildren, nil
	}
	for i := range n.Segments.Len() {
		seg := n.Segments.At(i)
		_, _ = w.Write(seg.Value(src))
	}
	return ast.WalkSkipChildren, nil
}

// stripComments returns raw without its HTML comments. It tokenises
// only markup that holds one, and keeps every other token byte for byte.
func stripComments(raw []byte) []byte {
	if !bytes.Contains(raw, []byte("<!--")) {
		return raw
	}
	var out []byte
	z := html.NewTokenizer(bytes.NewReader(raw))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				return raw // a bytes.Reader does not fail
			}
			return out
		}
		if tt != html.CommentToken {
			out = append(out, z.Raw()...)
		}
	}
}

// writeSecure writes b the way goldmark writes raw HTML: NUL bytes,
// which HTML forbids, become U+FFFD.
func writeSecure(w util.BufWriter, b []byte) {
	for {
		i := bytes.IndexByte(b, 0)
		if i < 0 {
			_, _ = w.Write(b)
			return
		}
		_, _ = w.Write(b[:i])
		_, _ = w.WriteString("\ufffd")
		b = b[i+1:]
	}
}
