package render

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"
)

func benchBody(b *testing.B) []byte {
	src, err := os.ReadFile(filepath.Join("testdata", "bench.md"))
	if err != nil {
		b.Fatal(err)
	}
	return src
}

// BenchmarkRender renders a realistic ~3 KB article with link and image
// rewriting, as the planner does for every file of a tree, once per
// registered profile: each adds its own heading cap and Check walk.
func BenchmarkRender(b *testing.B) {
	src := benchBody(b)
	opts := Options{
		Link:  func(dest string, _ int) (string, error) { return "https://help.example.com/hc/articles/1", nil },
		Image: func(dest string, _ int) (string, error) { return "https://cdn.example.com/x.png", nil },
	}
	for _, name := range []string{"default", "zendesk", "intercom", "helpcenter"} {
		b.Run(name, func(b *testing.B) {
			opts := opts
			opts.Profile = Lookup(name)
			if opts.Profile.Name != name {
				b.Fatalf("profile %q is not registered", name)
			}
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				Render(src, opts)
			}
		})
	}
}

// BenchmarkGoldmarkFloor converts the same article with a bare goldmark
// configured as newEngine configures its own (same extensions, raw HTML
// passed through) but without hcsync's transformer, checks or result
// handling: the gap to BenchmarkRender is what hcsync adds.
func BenchmarkGoldmarkFloor(b *testing.B) {
	src := benchBody(b)
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote),
		goldmark.WithRendererOptions(html.WithUnsafe()),
	)
	var buf bytes.Buffer
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := md.Convert(src, &buf); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNormalize normalises the HTML of the same article, as the
// planner does for both sides of every comparison.
func BenchmarkNormalize(b *testing.B) {
	html := Render(benchBody(b), Options{}).HTML
	b.SetBytes(int64(len(html)))
	b.ReportAllocs()
	for b.Loop() {
		Normalize(html)
	}
}

// BenchmarkRenderLargeArticle renders one 5 MB article holding ~90,000
// relative links, as a real tree's generated reference page does: each
// link's line is looked up for the resolver and its problems.
func BenchmarkRenderLargeArticle(b *testing.B) {
	src := largeArticle(5 << 20)
	opts := Options{Link: func(dest string, _ int) (string, error) { return "https://help.example.com/hc/articles/1", nil }}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		Render(src, opts)
	}
}

// largeArticle is a Markdown body of about size bytes: short lines, one
// relative link on most of them.
func largeArticle(size int) []byte {
	var buf bytes.Buffer
	for i := 0; buf.Len() < size; i++ {
		fmt.Fprintf(&buf, "- item %d: see [page %d](ref/page-%d.md) for details\n", i, i, i%500)
		if i%50 == 49 {
			fmt.Fprintf(&buf, "\n## Part %d\n\n", i/50)
		}
	}
	return buf.Bytes()
}
