package bench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/hcsync/hcsync/apply"
	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/planner"
	"github.com/hcsync/hcsync/providers/local"
	"github.com/hcsync/hcsync/remote"
)

// fixture is a generated tree already applied to a local help center, so
// a plan of it compares every body and finds no change.
type fixture struct {
	root string
	prov *local.Provider
}

func newFixture(tb testing.TB, articles, locales int) *fixture {
	tb.Helper()
	dir := tb.TempDir()
	root := filepath.Join(dir, "docs")
	if _, err := Generate(root, Tree{Articles: articles, Locales: locales}); err != nil {
		tb.Fatal(err)
	}
	prov, err := local.New(local.Options{Dir: filepath.Join(dir, "hc"), DefaultLocale: "en-us"})
	if err != nil {
		tb.Fatal(err)
	}
	f := &fixture{root: root, prov: prov}
	pl := f.plan(tb)
	ex := &apply.Executor{Provider: prov, Concurrency: 8, WriteID: func(file, id string) error {
		return content.WriteID(filepath.Join(root, filepath.FromSlash(file)), id)
	}}
	if rep := ex.Apply(context.Background(), pl); !rep.OK() {
		tb.Fatalf("seeding: %d failed", rep.Failed)
	}
	return f
}

// plan is the work of `hcsync plan`: load the tree, read the remote,
// compare.
func (f *fixture) plan(tb testing.TB) *plan.Plan {
	tree, err := content.Load(f.root, content.LoadOptions{DefaultLocale: "en-us"})
	if err != nil {
		tb.Fatal(err)
	}
	live, err := remote.Fetch(context.Background(), f.prov)
	if err != nil {
		tb.Fatal(err)
	}
	p, err := planner.NewPlan(tree, live, planner.Options{Provider: "local", Caps: f.prov.Capabilities(), DefaultLocale: "en-us"})
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

func sizes() []int {
	if os.Getenv("HCSYNC_BENCH_LARGE") != "" {
		return []int{1000, 10000, 50000}
	}
	return []int{1000, 10000}
}

// BenchmarkPlanLocal measures a no-change plan of N articles × 4 locales
// on the local provider: tree loading, remote listing, rendering and
// comparison.
func BenchmarkPlanLocal(b *testing.B) {
	for _, n := range sizes() {
		b.Run(fmt.Sprintf("articles=%d/locales=4", n), func(b *testing.B) {
			f := newFixture(b, n, 4)
			if p := f.plan(b); !p.Empty() {
				b.Fatalf("plan after seeding has %d changes", len(p.Changes))
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				f.plan(b)
			}
			b.ReportMetric(float64(n*4), "files/op")
		})
	}
}
