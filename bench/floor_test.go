package bench

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hcsync/hcsync/apply"
	"github.com/hcsync/hcsync/planner"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"

	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers/local"
	"github.com/hcsync/hcsync/remote"
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
		applyAll(b, f)
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

// applyAll makes the help center of f match its tree, in two rounds: the
// first creates the articles (links between them are placeholders), the
// second writes nothing when the first converged.
func applyAll(tb testing.TB, f *fixture) {
	tb.Helper()
	for range 2 {
		ex := &apply.Executor{Provider: f.prov, Concurrency: 8, Root: f.root, WriteID: func(file, id string) error {
			return content.WriteID(filepath.Join(f.root, filepath.FromSlash(file)), id)
		}}
		if rep := ex.Apply(context.Background(), f.plan(tb)); !rep.OK() {
			tb.Fatalf("seeding: %d failed", rep.Failed)
		}
	}
}

// BenchmarkPlanWarm is the no-change re-plan of the CLI, in process, on
// the harness's tree (links, images, text of its own in every locale):
// both caches read from their files, the tree loaded through the load
// cache without its bodies, the help center listed, every body vouched
// for by the plan cache. Its ns/op is wall time on all cores.
func BenchmarkPlanWarm(b *testing.B) {
	for _, n := range sizes() {
		b.Run(fmt.Sprintf("articles=%d/locales=4", n), func(b *testing.B) {
			dir := b.TempDir()
			root := filepath.Join(dir, "docs")
			if _, err := Generate(root, Tree{Articles: n, Locales: 4, Links: true, Images: true, Translated: true}); err != nil {
				b.Fatal(err)
			}
			prov, err := local.New(local.Options{Dir: filepath.Join(dir, "hc"), DefaultLocale: "en-us"})
			if err != nil {
				b.Fatal(err)
			}
			applyAll(b, &fixture{root: root, prov: prov})
			// Past the load cache's racy window.
			old := time.Now().Add(-time.Hour)
			filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					os.Chtimes(p, old, old)
				}
				return err
			})
			treeCache, planCache := filepath.Join(dir, "tree.bin"), filepath.Join(dir, "plan.bin")
			pl := func() *plan.Plan {
				lc := content.ReadLoadCache(treeCache)
				tree, err := content.Load(root, content.LoadOptions{DefaultLocale: "en-us", Cache: lc, LazyBodies: true})
				if err != nil {
					b.Fatal(err)
				}
				live, err := remote.Fetch(context.Background(), prov)
				if err != nil {
					b.Fatal(err)
				}
				pc := planner.LoadCache(planCache)
				p, err := planner.NewPlan(tree, live, planner.Options{Provider: "local", Caps: prov.Capabilities(), DefaultLocale: "en-us", Cache: pc})
				if err != nil {
					b.Fatal(err)
				}
				if err := lc.Save(treeCache); err != nil {
					b.Fatal(err)
				}
				if err := pc.Save(planCache); err != nil {
					b.Fatal(err)
				}
				if lc.Hits() == n*4 && pc.Hits() != n*4 {
					b.Fatalf("plan cache spared %d of %d renders", pc.Hits(), n*4)
				}
				return p
			}
			pl()
			pl()
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if p := pl(); !p.Empty() {
					b.Fatalf("%d changes in a no-change plan", len(p.Changes))
				}
			}
		})
	}
}
