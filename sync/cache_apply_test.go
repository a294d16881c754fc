package sync

import (
	"context"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/providers/local"
)

// TestAppliedCacheAgreesWithUncachedPlanEscapedURL: a body written
// with a link placeholder is learnt by PlanCache.Applied from the body as
// the executor wrote it (the URL put in with htmlAttrEscape). The renderer
// writes a resolved URL percent-encoded (goldmark's URLEscape), so for a
// URL with a character it encodes the cache claims "unchanged" where the
// plan without the cache sees a body change.
func TestAppliedCacheAgreesWithUncachedPlanEscapedURL(t *testing.T) {
	tree := loadTree(t, map[string]string{
		"Guides/Sec/a.md": "---\ntitle: A\n---\nSee [B](b.md).\n",
		"Guides/Sec/b.md": "---\ntitle: B\n---\nNo links.\n",
	})
	prov, err := local.New(local.Options{Dir: t.TempDir(), Locales: []string{"en-us"}, DefaultLocale: "en-us",
		BaseURL: "https://hilfe.example/zentrum-für-kunden"})
	if err != nil {
		t.Fatal(err)
	}
	ids := &recordIDs{}
	cache := NewPlanCache()
	rep := (&Executor{Provider: prov, WriteID: ids.write}).Apply(context.Background(), planCached(t, tree, prov, cache))
	if !rep.OK() {
		t.Fatalf("apply: %+v", rep)
	}
	cache.Applied(rep)
	ids.applyTo(tree)
	uncached := strings.Join(keys(planCached(t, tree, prov, nil)), " ")
	cached := strings.Join(keys(planCached(t, tree, prov, cache)), " ")
	if cached != "" || uncached != "" {
		t.Fatalf("plan after apply with the cache Applied taught: %q; without the cache: %q; want both empty: the apply wrote what Render makes", cached, uncached)
	}
}

// TestAppliedCacheAgreesWithUncachedPlanQuery: the same, for a
// link with a ?query to an article whose URL has a query of its own: the
// renderer joins the queries with "&", the executor's placeholder swap
// leaves "URL?a?x", and the cache learns the latter as what the body
// renders to.
func TestAppliedCacheAgreesWithUncachedPlanQuery(t *testing.T) {
	tree := loadTree(t, map[string]string{
		"Guides/Sec/a.md": "---\ntitle: A\n---\nSee [B](b.md?tab=2).\n",
		"Guides/Sec/b.md": "---\ntitle: B\n---\nNo links.\n",
	})
	prov, err := local.New(local.Options{Dir: t.TempDir(), Locales: []string{"en-us"}, DefaultLocale: "en-us",
		BaseURL: "https://help.example/view?hc=acme&p="})
	if err != nil {
		t.Fatal(err)
	}
	ids := &recordIDs{}
	cache := NewPlanCache()
	rep := (&Executor{Provider: prov, WriteID: ids.write}).Apply(context.Background(), planCached(t, tree, prov, cache))
	if !rep.OK() {
		t.Fatalf("apply: %+v", rep)
	}
	cache.Applied(rep)
	ids.applyTo(tree)
	uncached := strings.Join(keys(planCached(t, tree, prov, nil)), " ")
	cached := strings.Join(keys(planCached(t, tree, prov, cache)), " ")
	if cached != "" || uncached != "" {
		t.Fatalf("plan after apply with the cache Applied taught: %q; without the cache: %q; want both empty: the apply wrote what Render makes", cached, uncached)
	}
}
