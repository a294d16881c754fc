package savedplan

import (
	"context"
	"testing"

	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers"
)

// counting is a provider that reads one article a request and lists
// pages of 100, counting what it is asked.
type counting struct {
	providers.Provider // nil: any other call fails the test by panicking
	listed, read       int
	sections           int
}

func (c *counting) ListArticles(context.Context) ([]providers.Article, error) {
	c.listed++
	a, _ := helpCenter()
	return a, nil
}

func (c *counting) ReadArticles(_ context.Context, ids []string) ([]providers.Article, error) {
	c.read += len(ids)
	a, _ := helpCenter()
	return a, nil
}

func (c *counting) ArticleReadCost() (int, int) { return 1, 100 }

func (c *counting) ListSections(context.Context) ([]providers.Section, error) {
	c.sections++
	_, s := helpCenter()
	return s, nil
}

// TestReread: the touched articles are read one by one when that costs
// fewer requests than listing every article again, else listed; the
// sections are listed only when the plan touches or creates one.
func TestReread(t *testing.T) {
	translationsOnly := &plan.Plan{Changes: touchingPlan().Changes[:2]}
	for _, tc := range []struct {
		name               string
		p                  *plan.Plan
		listed             int
		wantList, wantRead int
		wantSections       int
	}{
		{"one article of 1,000: read it", translationsOnly, 1000, 0, 1, 0},
		{"one article of 100: one list page", translationsOnly, 100, 1, 0, 0},
		{"sections touched", touchingPlan(), 1000, 0, 1, 1},
		{"a section created", &plan.Plan{Changes: []*plan.Change{{Key: "create-section:a", Action: plan.ActionCreateSection, Section: &plan.SectionSpec{Dir: "a"}}}}, 1000, 0, 0, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, s := helpCenter()
			f := &File{Plan: tc.p, Remote: Observe(tc.p, a, s), ListedArticles: tc.listed}
			c := &counting{}
			if _, _, err := Reread(context.Background(), c, f); err != nil {
				t.Fatal(err)
			}
			if c.listed != tc.wantList || c.read != tc.wantRead || c.sections != tc.wantSections {
				t.Errorf("listed %d, read %d, sections %d; want %d, %d, %d", c.listed, c.read, c.sections, tc.wantList, tc.wantRead, tc.wantSections)
			}
		})
	}
}
