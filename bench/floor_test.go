package bench

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"

	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/providers/local"
	"github.com/hcsync/hcsync/sync"
)

// BenchmarkColdPlanFloor compares, per body of the tree the harness
// plans (links, images, text of its own in every locale), a cold plan on
// the local provider with what goldmark alone costs to convert the same
// Markdown to HTML. A cold plan must render every body, so goldmark's
// cost is the floor of its CPU time; the gap is hcsync's own work.
// Single-threaded (-cpu 1) both report CPU time per body.
func BenchmarkColdPlanFloor(b *testing.B) {
	dir := b.TempDir()
	root := filepath.Join(dir, "docs")
	const articles, locales = 1000, 4
	if _, err := Generate(root, Tree{Articles: articles, Locales: locales, Links: true, Images: true, Translated: true}); err != nil {
		b.Fatal(err)
	}
	var bodies [][]byte
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			_, body, _ := bytes.Cut(data[4:], []byte("\n---\n"))
			bodies = append(bodies, body)
		}
		return err
	})
	b.Run("goldmark", func(b *testing.B) {
		md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote), goldmark.WithRendererOptions(html.WithUnsafe()))
		var buf bytes.Buffer
		b.ReportAllocs()
		for b.Loop() {
			for _, body := range bodies {
				buf.Reset()
				if err := md.Convert(body, &buf); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(bodies)), "ns/body")
	})
	b.Run("plan", func(b *testing.B) {
		prov, err := local.New(local.Options{Dir: filepath.Join(dir, "hc"), DefaultLocale: "en-us"})
		if err != nil {
			b.Fatal(err)
		}
		f := &fixture{root: root, prov: prov}
		apply(b, f)
		b.ReportAllocs()
		b.ResetTimer()
		for b.Loop() {
			if p := f.plan(b); !p.Empty() {
				b.Fatalf("%d changes in a no-change plan", len(p.Changes))
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*articles*locales), "ns/body")
	})
}

// apply makes the help center of f match its tree, in two rounds: the
// first creates the articles (links between them are placeholders), the
// second writes nothing when the first converged.
func apply(tb testing.TB, f *fixture) {
	tb.Helper()
	for range 2 {
		ex := &sync.Executor{Provider: f.prov, Concurrency: 8, Root: f.root, WriteID: func(file, id string) error {
			return content.WriteID(filepath.Join(f.root, filepath.FromSlash(file)), id)
		}}
		if rep := ex.Apply(context.Background(), f.plan(tb)); !rep.OK() {
			tb.Fatalf("seeding: %d failed", rep.Failed)
		}
	}
}
