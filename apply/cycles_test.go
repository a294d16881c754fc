package apply_test

import (
	"context"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/apply"
	"github.com/hcsync/hcsync/internal/plantest"
	"github.com/hcsync/hcsync/plan"
)

// An article that links to its own translation ("lire en français") must
// apply and converge, whether the article or only the translation is new:
// the link's wait for the translation and the translation's wait for its
// article must not deadlock.
func TestLinkToOwnTranslationApplies(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		before map[string]string // applied first; nil = start empty
		after  map[string]string
	}{
		{"new article and translation", nil, map[string]string{
			"Guides/Sec/a.md":    "---\ntitle: A\n---\nAlso [en français](a.fr.md).\n",
			"Guides/Sec/a.fr.md": "---\ntitle: A fr\n---\nBonjour.\n",
		}},
		{"new article and translation, linked both ways", nil, map[string]string{
			"Guides/Sec/a.md":    "---\ntitle: A\n---\nAlso [en français](a.fr.md).\n",
			"Guides/Sec/a.fr.md": "---\ntitle: A fr\n---\nVoir [b](b.md).\n",
			"Guides/Sec/b.md":    "---\ntitle: B\n---\nSee [a in French](a.fr.md).\n",
		}},
		{"new article and translation, each linking the other's file", nil, map[string]string{
			"Guides/Sec/a.md":    "---\ntitle: A\n---\nAlso [en français](a.fr.md).\n",
			"Guides/Sec/a.fr.md": "---\ntitle: A fr\n---\nAussi [in English](a.md).\n",
		}},
		{"draft article published with a new translation", map[string]string{
			"Guides/Sec/a.md": "---\ntitle: A\ndraft: true\n---\nHello.\n",
		}, map[string]string{
			"Guides/Sec/a.md":    "---\ntitle: A\n---\nHello. Also [en français](a.fr.md).\n",
			"Guides/Sec/a.fr.md": "---\ntitle: A fr\n---\nBonjour.\n",
		}},
		{"existing article, new translation", map[string]string{
			"Guides/Sec/a.md": "---\ntitle: A\n---\nHello.\n",
		}, map[string]string{
			"Guides/Sec/a.md":    "---\ntitle: A\n---\nHello. Also [en français](a.fr.md).\n",
			"Guides/Sec/a.fr.md": "---\ntitle: A fr\n---\nBonjour.\n",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			prov := plantest.NewLocal(t)
			ids := &plantest.RecordIDs{}
			ex := &apply.Executor{Provider: prov, Concurrency: 4, WriteID: ids.Write}
			if tt.before != nil {
				tree := plantest.LoadTree(t, tt.before)
				if rep := ex.Apply(context.Background(), planAgainst(t, tree, prov)); !rep.OK() {
					t.Fatalf("first apply: %+v", rep.Results)
				}
			}
			tree := plantest.LoadTree(t, tt.after)
			ids.ApplyTo(tree)
			rep := ex.Apply(context.Background(), planAgainst(t, tree, prov))
			if !rep.OK() {
				for _, r := range rep.Results {
					t.Logf("%s: %s %s", r.Key, r.Status, r.Error)
				}
				t.Fatalf("apply: %d applied, %d failed, %d skipped", rep.Applied, rep.Failed, rep.Skipped)
			}
			ids.ApplyTo(tree)
			if p := planAgainst(t, tree, prov); !p.Empty() {
				t.Errorf("plan after apply not empty: %v", plantest.Keys(p))
			}
		})
	}
}

// Changes that can never start because they wait on each other are not
// reported as interrupted: the user did not press Ctrl-C.
func TestApplyDependencyCycleIsNotAnInterrupt(t *testing.T) {
	t.Parallel()
	p := &plan.Plan{Changes: []*plan.Change{
		{Key: "create-tag:a", Action: plan.ActionCreateTag, Tag: "a", Deps: []string{"create-tag:b"}},
		{Key: "create-tag:b", Action: plan.ActionCreateTag, Tag: "b", Deps: []string{"create-tag:a"}},
	}}
	rep := (&apply.Executor{Provider: plantest.NewLocal(t)}).Apply(context.Background(), p)
	if rep.Interrupted || rep.Skipped != 2 {
		t.Fatalf("interrupted %v, skipped %d; want not interrupted, 2 skipped", rep.Interrupted, rep.Skipped)
	}
	var errs []string
	for _, r := range rep.Results {
		errs = append(errs, r.Error)
	}
	if all := strings.Join(errs, "; "); strings.Contains(all, "interrupted") || !strings.Contains(all, "cycle") {
		t.Errorf("errors %q: want a word on the dependency cycle, not an interruption", all)
	}
}
