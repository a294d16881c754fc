package apply_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/apply"
	"github.com/hcsync/hcsync/internal/plantest"
	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers"
)

// TestIDNotWrittenIsTyped: a failed id write-back is a field of the
// result (file, id, cause), not a note to match, whatever the note says;
// the report's id errors come from it.
func TestIDNotWrittenIsTyped(t *testing.T) {
	t.Parallel()
	tree := plantest.LoadTree(t, map[string]string{"Guides/Sec/a.md": "---\ntitle: A\n---\nBody.\n"})
	prov := plantest.NewLocal(t)
	write := func(file, id string) error { return errors.New("disk full") }
	rep := (&apply.Executor{Provider: prov, WriteID: write}).Apply(context.Background(), planAgainst(t, tree, prov))
	if rep.Failed != 0 || rep.Skipped != 0 {
		t.Fatalf("report: failed %d skipped %d, want every change applied", rep.Failed, rep.Skipped)
	}
	got := map[string]*plan.IDWrite{}
	for _, res := range rep.Results {
		if res.IDNotWritten != nil {
			got[res.IDNotWritten.File] = res.IDNotWritten
		}
		if strings.Contains(res.Note, "id not written") {
			t.Errorf("%s: note %q repeats the id error", res.Key, res.Note)
		}
	}
	for file, folder := range map[string]bool{"Guides/Sec/a.md": false, "Guides/Sec/_section.md": true, "Guides/_category.md": true} {
		w := got[file]
		if w == nil || w.ID == "" || w.Err != "disk full" || w.Folder != folder {
			t.Errorf("id not written for %s = %+v, want its id, the cause and folder=%v", file, w, folder)
		}
	}
	if len(rep.IDErrors) != 3 || rep.OK() {
		t.Errorf("report id errors %q (ok %v), want three and not ok", rep.IDErrors, rep.OK())
	}
}

// failingTags fails every tag create.
type failingTags struct{ providers.Provider }

func (failingTags) CreateTag(context.Context, string) (providers.Tag, error) {
	return providers.Tag{}, errors.New("tag refused")
}

// TestResultSubject: a change with no file (a tag) is named by its own
// fields in results, not by parsing its key.
func TestResultSubject(t *testing.T) {
	t.Parallel()
	p := &plan.Plan{Changes: []*plan.Change{{Key: plan.KeyOf(plan.ActionCreateTag, "beta"), Action: plan.ActionCreateTag, Tag: "beta"}}}
	rep := (&apply.Executor{Provider: failingTags{plantest.NewLocal(t)}}).Apply(context.Background(), p)
	if len(rep.Results) != 1 || rep.Results[0].Status != plan.StatusFailed || rep.Results[0].Subject != "beta" {
		t.Fatalf("results %+v, want the failed create-tag of beta", rep.Results)
	}
}

// countingTags counts tag creates.
type countingTags struct {
	providers.Provider
	n int
}

func (c *countingTags) CreateTag(context.Context, string) (providers.Tag, error) {
	c.n++
	return providers.Tag{}, nil
}

// TestApplyRefusesAnInvalidPlan: a plan with a broken change (as a saved
// plan edited by hand could hold) is refused before the first write,
// naming the change.
func TestApplyRefusesAnInvalidPlan(t *testing.T) {
	t.Parallel()
	p := &plan.Plan{Changes: []*plan.Change{
		{Key: plan.KeyOf(plan.ActionCreateTag, "beta"), Action: plan.ActionCreateTag, Tag: "beta"},
		{Key: plan.KeyOf(plan.ActionCreate, "Guides/a.md"), Action: plan.ActionCreate, File: "Guides/a.md", Translation: &plan.TranslationSpec{}},
	}}
	prov := &countingTags{Provider: plantest.NewLocal(t)}
	rep := (&apply.Executor{Provider: prov}).Apply(context.Background(), p)
	if prov.n != 0 {
		t.Errorf("%d tag(s) created from an invalid plan, want none", prov.n)
	}
	if !strings.Contains(rep.PlanError, "change create:Guides/a.md: ") || rep.OK() || rep.Skipped != 2 || rep.Applied != 0 {
		t.Errorf("report: plan error %q, applied %d, skipped %d; want the invalid change named and nothing applied", rep.PlanError, rep.Applied, rep.Skipped)
	}
}

// TestDiscardDraftNeedsADiscarder: a discard-draft on a provider that
// cannot discard fails with what to do, and writes nothing else.
func TestDiscardDraftNeedsADiscarder(t *testing.T) {
	t.Parallel()
	p := &plan.Plan{Changes: []*plan.Change{{Key: plan.KeyOf(plan.ActionDiscardDraft, "Guides/a.md"), Action: plan.ActionDiscardDraft,
		File: "Guides/a.md", ArticleID: "1", Locale: "en-us"}}}
	rep := (&apply.Executor{Provider: plantest.NewLocal(t)}).Apply(context.Background(), p)
	if rep.Failed != 1 || !strings.Contains(rep.Results[0].Error, "cannot discard") {
		t.Errorf("results %+v, want the discard failed, saying the provider cannot discard", rep.Results)
	}
}

// TestApplyRefusesAnEmptyChange: a plan file holding a null change (a
// hand-edited saved plan) is refused like any invalid plan, not a panic.
func TestApplyRefusesAnEmptyChange(t *testing.T) {
	t.Parallel()
	p := &plan.Plan{Changes: []*plan.Change{
		{Key: plan.KeyOf(plan.ActionCreateTag, "beta"), Action: plan.ActionCreateTag, Tag: "beta"},
		nil,
	}}
	prov := &countingTags{Provider: plantest.NewLocal(t)}
	rep := (&apply.Executor{Provider: prov}).Apply(context.Background(), p)
	if prov.n != 0 || !strings.Contains(rep.PlanError, "change 2 is empty") || rep.Skipped != 2 {
		t.Errorf("tags %d, plan error %q, skipped %d: want nothing written, the empty change named, both skipped", prov.n, rep.PlanError, rep.Skipped)
	}
}
