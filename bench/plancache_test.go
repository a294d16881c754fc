package bench

import (
	"context"
	"fmt"
	"testing"

	"github.com/hcsync/hcsync/planner"

	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/remote"
)

// BenchmarkPlanLocalWarm measures a no-change re-plan with a warm plan
// cache: the tree is loaded and the remote listed, but no body is
// rendered or compared as HTML.
func BenchmarkPlanLocalWarm(b *testing.B) {
	for _, n := range sizes() {
		b.Run(fmt.Sprintf("articles=%d/locales=4", n), func(b *testing.B) {
			f := newFixture(b, n, 4)
			cache := planner.NewCache()
			f.planWith(b, cache) // warms it
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if p := f.planWith(b, cache); !p.Empty() {
					b.Fatal("changes in a no-change plan")
				}
			}
			b.StopTimer()
			if cache.Hits() < (b.N)*n*4 {
				b.Fatalf("cache hits %d, want every body of every run", cache.Hits())
			}
		})
	}
}

func (f *fixture) planWith(tb testing.TB, cache *planner.Cache) *plan.Plan {
	tb.Helper()
	tree, err := content.Load(f.root, content.LoadOptions{DefaultLocale: "en-us"})
	if err != nil {
		tb.Fatal(err)
	}
	live, err := remote.Fetch(context.Background(), f.prov)
	if err != nil {
		tb.Fatal(err)
	}
	p, err := planner.NewPlan(tree, live, planner.Options{Provider: "local", Caps: f.prov.Capabilities(), DefaultLocale: "en-us", Cache: cache})
	if err != nil {
		tb.Fatal(err)
	}
	return p
}
