package planner

import (
	"testing"

	"github.com/hcsync/hcsync/internal/plantest"
	"github.com/hcsync/hcsync/plan"
)

// A translation of a new article must wait for the article's create even
// when links put both in one cycle, or it is written to article "".
func TestLinkCycleKeepsTranslationAfterItsArticle(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		bDraft string
	}{
		{"source published", "false"},
		{"source draft", "true"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tree := plantest.LoadTree(t, map[string]string{
				"Guides/a.md":    "---\ntitle: A\n---\n[b](b.md) [b in French](b.fr.md)\n",
				"Guides/b.md":    "---\ntitle: B\ndraft: " + tt.bDraft + "\n---\n[a](a.md)\n",
				"Guides/b.fr.md": "---\ntitle: B fr\ndraft: false\n---\n[a](a.md)\n",
			})
			p := makePlan(t, tree, plantest.BaseRemote(), Options{})
			byKey := map[string]*plan.Change{}
			for _, c := range p.Changes {
				byKey[c.Key] = c
			}
			var after func(key, want string, seen map[string]bool) bool
			after = func(key, want string, seen map[string]bool) bool {
				if seen[key] {
					return false
				}
				seen[key] = true
				for _, d := range byKey[key].Deps {
					if d == want || (byKey[d] != nil && after(d, want, seen)) {
						return true
					}
				}
				return false
			}
			c := byKey["create-translation:Guides/b.fr.md"]
			if c == nil {
				t.Fatalf("no create-translation for b.fr.md in %v", plantest.Keys(p))
			}
			if !after(c.Key, "create:Guides/b.md", map[string]bool{}) {
				t.Errorf("%s deps %v: does not wait for create:Guides/b.md", c.Key, c.Deps)
			}
		})
	}
}

// TestLinkCyclePlanIsTheSameEveryTime: the second write of a body in a
// link cycle waits for the creates of everything it links to, listed in
// one order every time. A plan that differs between two runs of one tree
// is no plan to review, save and compare (apply FILE, the Action's saved
// plan).
func TestLinkCyclePlanIsTheSameEveryTime(t *testing.T) {
	t.Parallel()
	tree := plantest.LoadTree(t, map[string]string{
		"Guides/a.md": "---\ntitle: A\n---\n[b](b.md) [c](c.md) [d](d.md) [e](e.md)\n",
		"Guides/b.md": "---\ntitle: B\n---\n[a](a.md)\n",
		"Guides/c.md": "---\ntitle: C\n---\n[a](a.md)\n",
		"Guides/d.md": "---\ntitle: D\n---\n[a](a.md)\n",
		"Guides/e.md": "---\ntitle: E\n---\n[a](a.md)\n",
	})
	first := jsonOf(t, makePlan(t, tree, plantest.BaseRemote(), Options{}))
	for range 30 {
		if again := jsonOf(t, makePlan(t, tree, plantest.BaseRemote(), Options{})); again != first {
			t.Fatalf("two plans of one tree differ:\n%s\n---\n%s", first, again)
		}
	}
}
