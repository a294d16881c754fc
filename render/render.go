package render

import (
	"bytes"
	"fmt"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
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
	// (<a href>) are not passed through it.
	// Relative means: no URL scheme (so not https:, mailto:, tel:), not
	// a bare #fragment, not protocol-relative (//host) and not rooted at
	// the site (/hc/...), which already addresses the help center. An
	// error leaves the destination as written and becomes a Problem.
	Link func(dest string, line int) (string, error)
	// Image does for image sources what Link does for links. Images in
	// raw HTML (<img src>) are not passed through it.
	Image func(dest string, line int) (string, error)
}

// Result is the HTML of one body and what stands in the way of
// publishing it.
type Result struct {
	HTML string
	// Problems are the failed link and image rewrites and the profile's
	// Check findings, sorted by line; on one line, rewrites come first.
	Problems []Problem
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
	if p.Check != nil {
		problems = append(problems, p.Check(doc, src)...)
	}
	sortProblems(problems)

	var buf bytes.Buffer
	buf.Grow(len(src) + len(src)/2)
	if err := md.Renderer().Render(&buf, src, doc); err != nil {
		// goldmark's own node renderers only fail when the writer does,
		// and a bytes.Buffer does not; an extension could, though.
		problems = append(problems, Problem{Msg: fmt.Sprintf("render html: %v", err)})
	}
	return Result{HTML: buf.String(), Problems: problems}
}

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
			parser.WithASTTransformers(util.Prioritized(&bodyTransformer{maxHeading: p.MaxHeading}, 1000)),
		),
		// Writers embed videos and callouts as raw HTML; what a service
		// refuses is the profile's Check to report, not ours to drop.
		goldmark.WithRendererOptions(html.WithUnsafe()),
	)
}
