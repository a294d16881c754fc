package apply_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/hcsync/hcsync/apply"
	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/internal/plantest"
	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/providers/local"
)

// countLists counts the executor's section listings.
type countLists struct {
	providers.Provider
	lists atomic.Int32
}

func (c *countLists) ListSectionArticles(ctx context.Context, sectionID string) ([]providers.Article, error) {
	c.lists.Add(1)
	return c.Provider.ListSectionArticles(ctx, sectionID)
}

// seedSections makes the Guides category and its Sec section, the
// folders of exampleTree, so plans bind them rather than create them.
func seedSections(t *testing.T, p *local.Provider) string {
	t.Helper()
	ctx := context.Background()
	cat, err := p.CreateSection(ctx, providers.SectionInput{Kind: providers.KindCategory, Name: "Guides"})
	if err != nil {
		t.Fatal(err)
	}
	sec, err := p.CreateSection(ctx, providers.SectionInput{Kind: providers.KindSection, Name: "Sec", ParentID: cat.ID})
	if err != nil {
		t.Fatal(err)
	}
	return sec.ID
}

// cloneTree is exampleTree as another clone holds it, with its own
// bodies: what that clone applies must win where it applies last.
func cloneTree(t *testing.T, n int) *content.Tree {
	files := map[string]string{}
	for i := 0; i < n; i++ {
		files[fmt.Sprintf("Guides/Sec/a%02d.md", i)] = fmt.Sprintf("---\ntitle: Article %d\nlabels: [l%d]\n---\nBody %d, from clone B.\n", i, i%3, i)
		files[fmt.Sprintf("Guides/Sec/a%02d.fr.md", i)] = fmt.Sprintf("---\ntitle: Article %d fr\n---\nCorps %d, du clone B.\n", i, i)
	}
	return plantest.LoadTree(t, files)
}

// TestApplyAdoptsArticlesCreatedSincePlan: clone B plans, clone A
// applies the same articles, then B applies its plan. B re-lists the
// section once, adopts A's articles (and A's sections, when the plan
// created those too) instead of creating them again, writes A's ids
// into its files and its own content into the articles.
func TestApplyAdoptsArticlesCreatedSincePlan(t *testing.T) {
	for _, tt := range []struct {
		name        string
		seeded      bool // the sections exist before either plan
		wantAdopted int  // creates, section creates included
	}{
		{"sections exist", true, 6},
		{"sections created by both plans", false, 8},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			loc := plantest.NewLocal(t)
			if tt.seeded {
				seedSections(t, loc)
			}
			treeA, treeB := exampleTree(t, 6), cloneTree(t, 6)

			planB := planAgainst(t, treeB, loc)
			if n := planB.Counts()[plan.ActionCreate]; n != 6 {
				t.Fatalf("clone B plans %d creates, want 6", n)
			}
			idsA := &plantest.RecordIDs{}
			if rep := (&apply.Executor{Provider: loc, WriteID: idsA.Write}).Apply(ctx, planAgainst(t, treeA, loc)); !rep.OK() {
				t.Fatalf("clone A's apply: %+v", rep.Results)
			}

			prov := &countLists{Provider: loc}
			idsB := &plantest.RecordIDs{}
			rep := (&apply.Executor{Provider: prov, Concurrency: 4, WriteID: idsB.Write}).Apply(ctx, planB)
			if !rep.OK() {
				t.Fatalf("clone B's apply: %+v", rep.Results)
			}
			list, err := loc.ListArticles(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(list) != 6 {
				t.Errorf("help center holds %d articles, want 6: clone B duplicated clone A's", len(list))
			}
			if sections, err := loc.ListSections(ctx); err != nil || len(sections) != 2 {
				t.Errorf("help center holds %d sections (%v), want 2", len(sections), err)
			}
			if n := prov.lists.Load(); n != 1 {
				t.Errorf("clone B listed the section %d times, want once", n)
			}
			for file, id := range idsA.IDs {
				if idsB.IDs[file] != id {
					t.Errorf("%s: clone B wrote id %s, want clone A's %s", file, idsB.IDs[file], id)
				}
			}
			adopted := 0
			for _, r := range rep.Results {
				if strings.HasPrefix(r.Note, "adopted ") {
					adopted++
				}
				if r.Action == plan.ActionCreate && !strings.Contains(r.Note, "adopted "+r.ArticleID) {
					t.Errorf("%s: note %q, want it to say it adopted %s", r.File, r.Note, r.ArticleID)
				}
			}
			if adopted != tt.wantAdopted {
				t.Errorf("%d changes adopted, want %d", adopted, tt.wantAdopted)
			}
			// B applied last: the help center holds B's bodies, in both locales.
			idsB.ApplyTo(treeB)
			if p := planAgainst(t, treeB, loc); !p.Empty() {
				t.Fatalf("clone B's plan after its apply: %v", plantest.Keys(p))
			}
		})
	}
}

// An article of the same title that another file claims was known at
// plan time: apply creates beside it rather than steal it.
func TestApplyNeverAdoptsAnArticleKnownAtPlanTime(t *testing.T) {
	ctx := context.Background()
	loc := plantest.NewLocal(t)
	sec := seedSections(t, loc)
	taken, err := loc.CreateArticle(ctx, providers.ArticleInput{SectionID: sec, Source: providers.TranslationInput{Locale: "en-us", Title: "Same", Body: "<p>x</p>"}})
	if err != nil {
		t.Fatal(err)
	}
	tree := plantest.LoadTree(t, map[string]string{
		"Guides/Sec/x.md": "---\ntitle: Same\nid: " + taken.ID + "\n---\nx\n",
		"Guides/Sec/y.md": "---\ntitle: Same\n---\ny\n",
	})
	p := planAgainst(t, tree, loc)
	if got := strings.Join(plantest.Keys(p), " "); got != "create:Guides/Sec/y.md" {
		t.Fatalf("plan = %s", got)
	}
	if c := p.Changes[0]; !slices.Equal(c.Create.Known, []string{taken.ID}) {
		t.Errorf("create knows %v, want [%s]", c.Create.Known, taken.ID)
	}
	ids := &plantest.RecordIDs{}
	if rep := (&apply.Executor{Provider: loc, WriteID: ids.Write}).Apply(ctx, p); !rep.OK() {
		t.Fatalf("apply: %+v", rep.Results)
	}
	if id := ids.IDs["Guides/Sec/y.md"]; id == "" || id == taken.ID {
		t.Errorf("y.md bound to %q, want a new article", id)
	}
}
