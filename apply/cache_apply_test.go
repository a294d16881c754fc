package apply_test

import (
	"context"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/apply"
	"github.com/hcsync/hcsync/internal/plantest"
	"github.com/hcsync/hcsync/planner"
	"github.com/hcsync/hcsync/providers/local"
)

// TestAppliedCacheAgreesWithUncachedPlan: a body written with a link
// placeholder is learnt by planner.Cache.Applied from the body as the
// executor wrote it. For URLs Render writes otherwise than as they come
// (percent-encoded; a query of their own that the writer's joins with
// "&"), the executor must write what Render would, or the plan after the
// apply shows a change that the cache hides.
func TestAppliedCacheAgreesWithUncachedPlan(t *testing.T) {
	for _, tt := range []struct {
		name, link, baseURL string
	}{
		{"escaped URL", "b.md", "https://hilfe.example/zentrum-für-kunden"},
		{"URL with a query", "b.md?tab=2", "https://help.example/view?hc=acme&p="},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tree := plantest.LoadTree(t, map[string]string{
				"Guides/Sec/a.md": "---\ntitle: A\n---\nSee [B](" + tt.link + ").\n",
				"Guides/Sec/b.md": "---\ntitle: B\n---\nNo links.\n",
			})
			prov, err := local.New(local.Options{Dir: t.TempDir(), Locales: []string{"en-us"}, DefaultLocale: "en-us", BaseURL: tt.baseURL})
			if err != nil {
				t.Fatal(err)
			}
			ids := &plantest.RecordIDs{}
			cache := planner.NewCache()
			rep := (&apply.Executor{Provider: prov, WriteID: ids.Write}).Apply(context.Background(), planCached(t, tree, prov, cache))
			if !rep.OK() {
				t.Fatalf("apply: %+v", rep)
			}
			cache.Applied(rep)
			ids.ApplyTo(tree)
			uncached := strings.Join(plantest.Keys(planCached(t, tree, prov, nil)), " ")
			cached := strings.Join(plantest.Keys(planCached(t, tree, prov, cache)), " ")
			if cached != "" || uncached != "" {
				t.Fatalf("plan after apply with the cache Applied taught: %q; without the cache: %q; want both empty: the apply wrote what Render makes", cached, uncached)
			}
		})
	}
}
