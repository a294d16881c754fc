package render

import (
	"fmt"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Options tune one call to Render.
type Options struct {
	// Profile is the help center's HTML profile; nil = the default
	// profile, which stores everything unchanged.
	Profile *Profile
	// Link, when set, maps each relative link destination to the URL the
	// published article should use. It receives the destination as
	// written (Markdown escapes resolved, %-escapes kept) without its
	// #fragment and ?query, which Render appends back to the result, and
	// the 1-based line of the link within src. Links in raw HTML
	// (<a href>) are passed through it too.
	// Relative means: no URL scheme (so not https:, mailto:, tel:), not
	// a bare #fragment, not protocol-relative (//host) and not rooted at
	// the site (/hc/...), which already addresses the help center. An
	// error leaves the destination as written and becomes a Problem.
	Link func(dest string, line int) (string, error)
	// Image does for image sources what Link does for links, <img src>
	// in raw HTML included.
	Image func(dest string, line int) (string, error)
	// Rooted, when set, does what Link and Image do for destinations
	// rooted at the site ("/functions/len", not "//host/x"), which are
	// otherwise left as written: they may address the help center or
	// the site a tree was written for, which only the caller knows.
	// image tells an image source from a link.
	Rooted func(dest string, image bool, line int) (string, error)
}

// Result is the HTML of one body and what stands in the way of
// publishing it.
type Result struct {
	HTML string
	// Problems are the failed link and image rewrites and the profile's
	// Check findings, sorted by line; on one line, rewrites come first.
	Problems []Problem
	// IDs are what a link into this body can name after '#' (Anchors).
	IDs []string
	// Fragments are the body's links to a place in a page, in order.
	Fragments []Fragment
}

// Render converts a Markdown body to HTML for opts.Profile.
//
// Render is safe for concurrent use; the goldmark instance of each
// profile is built on first use and reused.
func Render(src []byte, opts Options) Result {
	p := opts.Profile
	if p == nil {
		p = Lookup("")
	}
	md := engineFor(p)

	st := &renderState{opts: opts, src: src}
	pc := parser.NewContext()
	pc.Set(stateKey, st)
	doc := md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))

	problems := st.problems
	switch {
	case st.checked:
		problems = append(problems, st.check.problems...)
	case p.Check != nil:
		problems = append(problems, p.Check(doc, src)...)
	}
	sortProblems(problems)

	out := outPool.Get().(*outBuf)
	out.b = out.b[:0]
	if err := md.Renderer().Render(out, src, doc); err != nil {
		// goldmark's own node renderers only fail when the writer does,
		// and outBuf does not; an extension could, though.
		problems = append(problems, Problem{Msg: fmt.Sprintf("render html: %v", err)})
	}
	res := Result{HTML: string(out.b), Problems: problems, IDs: st.ids, Fragments: st.fragments} // a copy: out goes back to the pool
	if cap(out.b) <= maxPooledOut {
		outPool.Put(out)
	}
	return res
}

// outBuf collects the HTML of one Render call. It implements
// util.BufWriter so that goldmark writes into it directly instead of
// through a bufio.Writer of its own, which would cost a 4 KB buffer and a
// second copy of every byte per call.
type outBuf struct{ b []byte }

// outPool recycles output buffers between calls: a plan renders tens of
// thousands of bodies, and growing a fresh buffer for each was a good
// part of what Render allocated beyond goldmark.
var outPool = sync.Pool{New: func() any { return &outBuf{b: make([]byte, 0, 16<<10)} }}

// maxPooledOut keeps one outsized body from pinning its buffer for the
// rest of the run.
const maxPooledOut = 1 << 20

func (o *outBuf) Write(p []byte) (int, error) {
	o.b = append(o.b, p...)
	return len(p), nil
}

func (o *outBuf) WriteString(s string) (int, error) {
	o.b = append(o.b, s...)
	return len(s), nil
}

func (o *outBuf) WriteByte(c byte) error {
	o.b = append(o.b, c)
	return nil
}

func (o *outBuf) WriteRune(r rune) (int, error) {
	n := len(o.b)
	o.b = utf8.AppendRune(o.b, r)
	return len(o.b) - n, nil
}

// Available, Buffered and Flush complete util.BufWriter: nothing is held
// back, everything written is already in b.
func (o *outBuf) Available() int { return cap(o.b) - len(o.b) }
func (o *outBuf) Buffered() int  { return 0 }
func (o *outBuf) Flush() error   { return nil }

// engines holds one goldmark instance per profile. goldmark.Markdown is
// safe for concurrent use, and building one costs more than converting a
// typical body, so each is built once.
var engines sync.Map // *Profile -> goldmark.Markdown

func engineFor(p *Profile) goldmark.Markdown {
	if md, ok := engines.Load(p); ok {
		return md.(goldmark.Markdown)
	}
	md, _ := engines.LoadOrStore(p, newEngine(p))
	return md.(goldmark.Markdown)
}

func newEngine(p *Profile) goldmark.Markdown {
	return goldmark.New(
		// No Typographer: smart quotes and dashes would not survive an
		// export back to Markdown, so export-then-plan would never be
		// clean.
		goldmark.WithExtensions(extension.GFM, extension.Footnote),
		goldmark.WithParserOptions(
			// Heading ids are set by bodyTransformer from the heading's
			// text, the way GitHub does, not by goldmark's AutoHeadingID,
			// which slugs the raw Markdown of the line (link URLs and all).
			// It runs last (goldmark's own run at 999 and below), so its
			// walk sees the tree Check would.
			parser.WithASTTransformers(util.Prioritized(&bodyTransformer{maxHeading: p.MaxHeading, checkNode: nodeChecks[p]}, 1000)),
			// "## Setup {#setup .step}": an explicit id and classes, as
			// Hugo, Pandoc and kramdown read them. Without it the braces
			// were published as text and every "#setup" link broke.
			parser.WithHeadingAttribute(),
		),
		// Writers embed videos and callouts as raw HTML; what a service
		// refuses is the profile's Check to report, not ours to drop.
		goldmark.WithRendererOptions(html.WithUnsafe(),
			// Before goldmark's own (500 and 1000), so that these win.
			renderer.WithNodeRenderers(util.Prioritized(&markupRenderer{footnotes: p.footnotes}, 100))),
	)
}
