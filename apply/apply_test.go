package apply_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hcsync/hcsync/apply"
	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/internal/plantest"
	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/planner"
	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/remote"
)

// faulty wraps a real provider and injects failures into chosen writes,
// the way a flaky network or a picky API does.
type faulty struct {
	providers.Provider
	mu sync.Mutex
	// createFails maps a source title to the error its create returns.
	createFails map[string]error
	// lostCreates are titles whose create lands but whose answer is lost.
	lostCreates map[string]bool
	inFlight    atomic.Int32
	maxInFlight atomic.Int32
	delay       time.Duration
	calls       atomic.Int32
}

func (f *faulty) enter() func() {
	f.calls.Add(1)
	n := f.inFlight.Add(1)
	for {
		m := f.maxInFlight.Load()
		if n <= m || f.maxInFlight.CompareAndSwap(m, n) {
			break
		}
	}
	if f.delay > 0 {
		time.Sleep(f.delay)
	}
	return func() { f.inFlight.Add(-1) }
}

func (f *faulty) CreateArticle(ctx context.Context, in providers.ArticleInput) (providers.Article, error) {
	defer f.enter()()
	if err := f.createFails[in.Source.Title]; err != nil {
		return providers.Article{}, err
	}
	a, err := f.Provider.CreateArticle(ctx, in)
	f.mu.Lock()
	lost := f.lostCreates[in.Source.Title]
	delete(f.lostCreates, in.Source.Title)
	f.mu.Unlock()
	if err == nil && lost {
		return providers.Article{}, fmt.Errorf("POST /articles: %w", providers.ErrOutcomeUnknown)
	}
	return a, err
}

func (f *faulty) CreateTranslation(ctx context.Context, id string, in providers.TranslationInput) (providers.Translation, error) {
	defer f.enter()()
	return f.Provider.CreateTranslation(ctx, id, in)
}

func exampleTree(t *testing.T, n int) *content.Tree {
	files := map[string]string{}
	for i := 0; i < n; i++ {
		files[fmt.Sprintf("Guides/Sec/a%02d.md", i)] = fmt.Sprintf("---\ntitle: Article %d\nlabels: [l%d]\n---\nBody %d.\n", i, i%3, i)
		files[fmt.Sprintf("Guides/Sec/a%02d.fr.md", i)] = fmt.Sprintf("---\ntitle: Article %d fr\n---\nCorps %d.\n", i, i)
	}
	return plantest.LoadTree(t, files)
}

func planAgainst(t *testing.T, tree *content.Tree, p providers.Provider) *plan.Plan {
	t.Helper()
	return planCached(t, tree, p, nil)
}

// planCached plans tree against p's help center with a plan cache.
func planCached(t *testing.T, tree *content.Tree, p providers.Provider, cache *planner.Cache) *plan.Plan {
	t.Helper()
	live, err := remote.Fetch(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	pl, err := planner.NewPlan(tree, live, planner.Options{Provider: p.Name(), Caps: p.Capabilities(), DefaultLocale: "en-us", Cache: cache})
	if err != nil {
		t.Fatal(err)
	}
	return pl
}

func TestApplyConverges(t *testing.T) {
	tree := exampleTree(t, 12)
	prov := &faulty{Provider: plantest.NewLocal(t), delay: 2 * time.Millisecond}
	ids := &plantest.RecordIDs{}
	ex := &apply.Executor{Provider: prov, Concurrency: 3, WriteID: ids.Write}
	rep := ex.Apply(context.Background(), planAgainst(t, tree, prov))
	if !rep.OK() || rep.Applied != 2+24 {
		t.Fatalf("report: applied %d failed %d skipped %d", rep.Applied, rep.Failed, rep.Skipped)
	}
	if m := prov.maxInFlight.Load(); m > 3 {
		t.Errorf("%d writes in flight, limit 3", m)
	}
	if len(ids.IDs) != 12+2 {
		t.Errorf("ids written for %d files, want the 12 articles' and the 2 folders'", len(ids.IDs))
	}
	for _, f := range []string{"Guides/_category.md", "Guides/Sec/_section.md"} {
		if ids.IDs[f] == "" {
			t.Errorf("no id written for %s: %v", f, ids.IDs)
		}
	}
	ids.ApplyTo(tree)
	if p := planAgainst(t, tree, prov); !p.Empty() {
		t.Fatalf("plan after apply not empty: %v", plantest.Keys(p))
	}
}

func TestApplyPartialFailure(t *testing.T) {
	tree := exampleTree(t, 6)
	bad := &providers.APIError{Method: "POST", URL: "/articles", StatusCode: 422, Code: "RecordInvalid", Message: "Title is too long"}
	prov := &faulty{Provider: plantest.NewLocal(t), createFails: map[string]error{"Article 3": bad}}
	ids := &plantest.RecordIDs{}
	rep := (&apply.Executor{Provider: prov, WriteID: ids.Write}).Apply(context.Background(), planAgainst(t, tree, prov))
	if rep.Failed != 1 || rep.Skipped != 1 || rep.Applied != 2+10 {
		t.Fatalf("applied %d failed %d skipped %d, want 12/1/1", rep.Applied, rep.Failed, rep.Skipped)
	}
	for _, r := range rep.Results {
		switch {
		case r.Status == plan.StatusFailed:
			if r.File != "Guides/Sec/a03.md" || r.HTTPStatus != 422 || !strings.Contains(r.Error, "Title is too long") {
				t.Errorf("failure = %+v", r)
			}
		case r.Status == plan.StatusSkipped:
			if r.File != "Guides/Sec/a03.fr.md" || !strings.Contains(r.Error, "create:Guides/Sec/a03.md") {
				t.Errorf("skip = %+v", r)
			}
		}
	}
	// The cause fixed, a re-run does only what remains and converges.
	prov.createFails = nil
	ids.ApplyTo(tree)
	p := planAgainst(t, tree, prov)
	if got := strings.Join(plantest.Keys(p), " "); got != "create:Guides/Sec/a03.md create-translation:Guides/Sec/a03.fr.md" {
		t.Fatalf("re-plan = %s", got)
	}
	if rep := (&apply.Executor{Provider: prov, WriteID: ids.Write}).Apply(context.Background(), p); !rep.OK() {
		t.Fatalf("re-run: %+v", rep)
	}
	ids.ApplyTo(tree)
	if p := planAgainst(t, tree, prov); !p.Empty() {
		t.Fatalf("not converged: %v", plantest.Keys(p))
	}
}

func TestApplyLostCreateResponseMakesNoDuplicate(t *testing.T) {
	tree := exampleTree(t, 4)
	prov := &faulty{Provider: plantest.NewLocal(t), lostCreates: map[string]bool{"Article 1": true, "Article 2": true}}
	ids := &plantest.RecordIDs{}
	rep := (&apply.Executor{Provider: prov, WriteID: ids.Write}).Apply(context.Background(), planAgainst(t, tree, prov))
	if !rep.OK() {
		t.Fatalf("report: %+v", rep.Results)
	}
	recovered := 0
	for _, r := range rep.Results {
		if strings.HasPrefix(r.Note, "recovered") {
			recovered++
		}
	}
	if recovered != 2 {
		t.Errorf("%d creates recovered, want 2", recovered)
	}
	list, err := prov.ListArticles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 4 {
		t.Fatalf("%d articles in the help center, want 4 (no duplicates)", len(list))
	}
	ids.ApplyTo(tree)
	if p := planAgainst(t, tree, prov); !p.Empty() {
		t.Fatalf("not converged: %v", plantest.Keys(p))
	}
}

func TestApplyInterrupted(t *testing.T) {
	tree := exampleTree(t, 10)
	prov := &faulty{Provider: plantest.NewLocal(t), delay: 5 * time.Millisecond}
	ids := &plantest.RecordIDs{}
	ctx, cancel := context.WithCancel(context.Background())
	ex := &apply.Executor{Provider: prov, Concurrency: 2, WriteID: ids.Write, OnResult: func(r plan.Result, done, total int) {
		if done == 6 {
			cancel() // Ctrl-C
		}
	}}
	rep := ex.Apply(ctx, planAgainst(t, tree, prov))
	if !rep.Interrupted || rep.Failed != 0 || rep.Applied < 6 || rep.Skipped == 0 {
		t.Fatalf("interrupted=%v applied %d failed %d skipped %d", rep.Interrupted, rep.Applied, rep.Failed, rep.Skipped)
	}
	ids.ApplyTo(tree)
	p := planAgainst(t, tree, prov)
	if len(p.Changes) != rep.Skipped {
		t.Fatalf("re-plan has %d changes, want the %d not applied", len(p.Changes), rep.Skipped)
	}
	if rep := (&apply.Executor{Provider: prov, WriteID: ids.Write}).Apply(context.Background(), p); !rep.OK() {
		t.Fatal("finishing the interrupted apply failed")
	}
}

func TestApplyPreflightStopsBeforeAnyWrite(t *testing.T) {
	tree := exampleTree(t, 2)
	prov := &preflightFails{faulty: &faulty{Provider: plantest.NewLocal(t)}}
	rep := (&apply.Executor{Provider: prov}).Apply(context.Background(), planAgainst(t, tree, prov))
	if rep.OK() || rep.Skipped != len(rep.Results) || prov.calls.Load() != 0 {
		t.Fatalf("skipped %d of %d, %d writes sent", rep.Skipped, len(rep.Results), prov.calls.Load())
	}
	if !strings.Contains(rep.PreflightError, "content.write") {
		t.Errorf("preflight error = %q", rep.PreflightError)
	}
}

type preflightFails struct{ *faulty }

func (p *preflightFails) Preflight(ctx context.Context, write bool) error {
	return errors.New("the API key lacks the content.write scope")
}

// TestApplyTeachesPlanCache checks that the bodies an apply writes are
// not rendered again by the next plan, and that a body whose write
// failed is.
func TestApplyTeachesPlanCache(t *testing.T) {
	tree := exampleTree(t, 6)
	bad := &providers.APIError{Method: "POST", URL: "/articles", StatusCode: 422, Code: "RecordInvalid", Message: "Title is too long"}
	prov := &faulty{Provider: plantest.NewLocal(t), createFails: map[string]error{"Article 3": bad}}
	ids := &plantest.RecordIDs{}
	cache := planner.NewCache()
	planWith := func(c *planner.Cache) *plan.Plan { return planCached(t, tree, prov, c) }
	rep := (&apply.Executor{Provider: prov, WriteID: ids.Write}).Apply(context.Background(), planWith(cache))
	if rep.Failed != 1 {
		t.Fatalf("failed %d, want 1", rep.Failed)
	}
	cache.Applied(rep)
	ids.ApplyTo(tree)
	p := planWith(cache)
	if got := strings.Join(plantest.Keys(p), " "); got != "create:Guides/Sec/a03.md create-translation:Guides/Sec/a03.fr.md" {
		t.Fatalf("re-plan = %s", got)
	}
	if got := strings.Join(plantest.Keys(planWith(nil)), " "); got != strings.Join(plantest.Keys(p), " ") {
		t.Fatalf("plan without the cache differs: %s", got)
	}
	if cache.Hits() != 10 {
		t.Errorf("cache spared %d renders, want the 10 bodies written", cache.Hits())
	}
}

// TestApplyTeachesPlanCacheResolvedLinks checks that bodies written with
// placeholders (links to articles the same apply created, a link cycle
// among them) are learnt with the URLs that replaced the placeholders.
func TestApplyTeachesPlanCacheResolvedLinks(t *testing.T) {
	tree := plantest.LoadTree(t, map[string]string{
		"Guides/Sec/a.md":    "---\ntitle: A\n---\nSee [B](b.md).\n",
		"Guides/Sec/a.fr.md": "---\ntitle: A fr\n---\nVoir [B](b.md).\n",
		"Guides/Sec/b.md":    "---\ntitle: B\n---\nBack to [A](a.md).\n",
		"Guides/Sec/c.md":    "---\ntitle: C\n---\nStart at [A](a.md#top).\n",
		"Guides/Sec/d.md":    "---\ntitle: D\n---\nNo links.\n",
	})
	prov := plantest.NewLocal(t)
	ids := &plantest.RecordIDs{}
	cache := planner.NewCache()
	planWith := func(c *planner.Cache) *plan.Plan { return planCached(t, tree, prov, c) }
	rep := (&apply.Executor{Provider: prov, WriteID: ids.Write}).Apply(context.Background(), planWith(cache))
	if !rep.OK() {
		t.Fatalf("apply: %+v", rep)
	}
	cache.Applied(rep)
	ids.ApplyTo(tree)
	if p := planWith(cache); !p.Empty() {
		t.Fatalf("plan after apply: %v", plantest.Keys(p))
	}
	// All five bodies, d's (no links) and the four written with
	// placeholders, b's and a's in a cycle.
	if cache.Hits() != 5 {
		t.Errorf("the plan after apply rendered %d of 5 bodies, want none", 5-cache.Hits())
	}
}

// TestApplySectionIDNotWritten: a created section whose id cannot be
// written stands, and the report names the file and what to do.
func TestApplySectionIDNotWritten(t *testing.T) {
	t.Parallel()
	tree := plantest.LoadTree(t, map[string]string{"Guides/Sec/a.md": "---\ntitle: A\n---\nBody.\n"})
	prov := plantest.NewLocal(t)
	write := func(file, id string) error {
		if strings.HasSuffix(file, "/_section.md") {
			return errors.New("read-only folder")
		}
		return nil
	}
	rep := (&apply.Executor{Provider: prov, WriteID: write}).Apply(context.Background(), planAgainst(t, tree, prov))
	if rep.Failed != 0 || rep.Skipped != 0 || len(rep.IDErrors) != 1 {
		t.Fatalf("report: failed %d skipped %d id errors %q, want one id error", rep.Failed, rep.Skipped, rep.IDErrors)
	}
	if e := rep.IDErrors[0]; !strings.Contains(e, "Guides/Sec/_section.md by hand") || !strings.Contains(e, "read-only folder") {
		t.Errorf("id error %q, want it to name the file, the cause and the fix", e)
	}
}
