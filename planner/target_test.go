package planner

import (
	"errors"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/diag"
	"github.com/hcsync/hcsync/internal/plantest"
	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/remote"
)

// targetTree is a tree of four articles in two new sections and one
// existing one, each with work to do, beside a help center with an
// article no file claims.
func targetTree(t *testing.T) (files map[string]string, live func() *remote.State) {
	files = map[string]string{
		"Guides/New/_section.md": "---\ntitle: New\n---\n",
		"Guides/New/a.md":        "---\ntitle: A\ncontent_tags: [alpha]\n---\nSee [B](../Old/b.md).\n",
		"Guides/New/a.fr.md":     "---\ntitle: A fr\n---\nVoir.\n",
		"Guides/Other/c.md":      "---\ntitle: C\ncontent_tags: [gamma]\n---\nC.\n",
		"Guides/Old/b.md":        "---\ntitle: B\nid: 2\n---\nChanged.\n",
		"Guides/Old/d.md":        "---\ntitle: D\nid: 4\n---\nChanged too.\n",
	}
	live = func() *remote.State {
		r := plantest.BaseRemote()
		r.Sections = append(r.Sections, providers.Section{ID: "200", Kind: providers.KindSection, Name: "Old", ParentID: "100"})
		r.Articles = []providers.Article{
			plantest.RemoteArticle("2", "200", "B", plantest.HTML("Before.\n"), false),
			plantest.RemoteArticle("4", "200", "D", plantest.HTML("Before.\n"), false),
			plantest.RemoteArticle("9", "200", "Made in the help center", "<p>x</p>", false),
		}
		return r
	}
	return files, live
}

func TestPlanTargets(t *testing.T) {
	tests := []struct {
		name    string
		targets []string
		want    string
		scope   plan.Scope
	}{
		{
			name:    "one new article: its section, its tag, its translation",
			targets: []string{"Guides/New/a.md"},
			want:    "create-section:Guides/New create-tag:alpha create:Guides/New/a.md create-translation:Guides/New/a.fr.md",
			scope:   plan.Scope{Targets: []string{"Guides/New/a.md"}, Articles: 1, Of: 4},
		},
		{
			name:    "a translation file names its article",
			targets: []string{"./Guides/New/a.fr.md"},
			want:    "create-section:Guides/New create-tag:alpha create:Guides/New/a.md create-translation:Guides/New/a.fr.md",
			scope:   plan.Scope{Targets: []string{"Guides/New/a.fr.md"}, Articles: 1, Of: 4},
		},
		{
			name:    "a folder names every article in it",
			targets: []string{"Guides/Old/"},
			want:    "update-translation:Guides/Old/b.md update-translation:Guides/Old/d.md",
			scope:   plan.Scope{Targets: []string{"Guides/Old"}, Articles: 2, Of: 4},
		},
		{
			name:    "targets add up",
			targets: []string{"Guides/Other", "Guides/Old/d.md"},
			want:    "create-section:Guides/Other create-tag:gamma update-translation:Guides/Old/d.md create:Guides/Other/c.md",
			scope:   plan.Scope{Targets: []string{"Guides/Other", "Guides/Old/d.md"}, Articles: 2, Of: 4},
		},
		{
			name:    "a _section.md names its folder's section alone",
			targets: []string{"Guides/New/_section.md"},
			want:    "create-section:Guides/New",
			scope:   plan.Scope{Targets: []string{"Guides/New/_section.md"}, Articles: 0, Of: 4},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files, live := targetTree(t)
			tree := plantest.LoadTree(t, files)
			p := makePlan(t, tree, live(), Options{Targets: tt.targets, Prune: true, Deleted: []Deleted{{Path: "Guides/Old/e.md", ID: "9"}}})
			if got := strings.Join(plantest.Keys(p), " "); got != tt.want {
				t.Errorf("changes:\n%s\nwant:\n%s", got, tt.want)
			}
			if p.Scope == nil || strings.Join(p.Scope.Targets, ",") != strings.Join(tt.scope.Targets, ",") || p.Scope.Articles != tt.scope.Articles || p.Scope.Of != tt.scope.Of {
				t.Errorf("scope = %+v, want %+v", p.Scope, tt.scope)
			}
			// Archive and unmanaged are about the whole tree: off.
			if len(p.Unmanaged) != 0 {
				t.Errorf("unmanaged = %+v, want none under --target", p.Unmanaged)
			}
		})
	}
}

func TestPlanWithoutTargetsIsWhole(t *testing.T) {
	files, live := targetTree(t)
	p := makePlan(t, plantest.LoadTree(t, files), live(), Options{})
	if p.Scope != nil {
		t.Errorf("scope = %+v, want none without targets", p.Scope)
	}
	if len(p.Unmanaged) != 1 || len(p.Changes) < 8 {
		t.Errorf("whole plan: %d changes, unmanaged %+v", len(p.Changes), p.Unmanaged)
	}
}

// A target's link to an article outside the targets takes that
// article's URL when its id: is in the help center; when the article is
// new, the plan cannot make the link, and says to add it to the targets.
func TestPlanTargetLinksOutside(t *testing.T) {
	files, live := targetTree(t)
	files["Guides/New/e.md"] = "---\ntitle: E\n---\nFirst line.\n\nSee [C](../Other/c.md).\n"
	tree := plantest.LoadTree(t, files)

	p := makePlan(t, tree, live(), Options{Targets: []string{"Guides/New/a.md"}})
	create := p.Changes[2]
	if create.Key != "create:Guides/New/a.md" {
		t.Fatalf("changes: %v", plantest.Keys(p))
	}
	if !strings.Contains(create.Create.Source.Body, `href="https://hc/2"`) || len(create.Links) != 0 {
		t.Errorf("the link to b.md should be b's URL, got body %q links %v", create.Create.Source.Body, create.Links)
	}

	_, err := NewPlan(tree, live(), Options{Provider: "test", Caps: plantest.FullCaps, Targets: []string{"Guides/New/e.md"}})
	var ps diag.Problems
	if !errors.As(err, &ps) || len(ps) != 1 {
		t.Fatalf("err = %v, want one problem", err)
	}
	got := ps[0].String()
	want := "Guides/New/e.md:6: link \"../Other/c.md\": link to Guides/Other/c.md, which --target leaves out and the help center does not have yet: add --target Guides/Other/c.md to plan it too"
	if got != want {
		t.Errorf("problem:\n%s\nwant:\n%s", got, want)
	}
	// With both targets the link is a placeholder filled after c exists.
	p = makePlan(t, tree, live(), Options{Targets: []string{"Guides/New/e.md", "Guides/Other/c.md"}})
	if got := strings.Join(plantest.Keys(p), " "); !strings.Contains(got, "create:Guides/Other/c.md") || !strings.Contains(got, "create:Guides/New/e.md") {
		t.Errorf("changes: %s", got)
	}
}

// A file outside the targets keeps the remote article its id: names:
// a target with the same title does not adopt it.
func TestPlanTargetDoesNotAdoptWhatOthersClaim(t *testing.T) {
	tree := plantest.LoadTree(t, map[string]string{
		"Guides/Old/b.md":    "---\ntitle: B\nid: 2\n---\nBefore.\n",
		"Guides/Old/copy.md": "---\ntitle: B\n---\nCopy.\n",
	})
	r := plantest.BaseRemote()
	r.Sections = append(r.Sections, providers.Section{ID: "200", Kind: providers.KindSection, Name: "Old", ParentID: "100"})
	r.Articles = []providers.Article{plantest.RemoteArticle("2", "200", "B", plantest.HTML("Before.\n"), false)}
	p := makePlan(t, tree, r, Options{Targets: []string{"Guides/Old/copy.md"}})
	if got := strings.Join(plantest.Keys(p), " "); got != "create:Guides/Old/copy.md" {
		t.Errorf("changes: %s, want a create, not an adoption of b.md's article", got)
	}
}

func TestPlanTargetMatchingNothing(t *testing.T) {
	files, live := targetTree(t)
	tree := plantest.LoadTree(t, files)
	_, err := NewPlan(tree, live(), Options{Provider: "test", Caps: plantest.FullCaps, Targets: []string{"Guides/New/a.md", "Guides/Nope", "Guides/New/a"}})
	var ute *UnmatchedTargetError
	if !errors.As(err, &ute) {
		t.Fatalf("err = %v, want an UnmatchedTargetError", err)
	}
	want := `--target "Guides/Nope", "Guides/New/a" match no article or folder of the tree: give a file or folder of the content folder`
	if err.Error() != want {
		t.Errorf("err:\n%s\nwant:\n%s", err, want)
	}
}

// The name lists read for a scoped plan are those its targets need.
func TestTaxonomyNeededWithTargets(t *testing.T) {
	tree := plantest.LoadTree(t, map[string]string{
		"Guides/a.md": "---\ntitle: A\nid: 1\n---\nA.\n",
		"Guides/b.md": "---\ntitle: B\nid: 2\ncontent_tags: [x]\nsegments: [Staff]\n---\nB.\n",
	})
	live := plantest.BaseRemote()
	live.Articles = []providers.Article{plantest.RemoteArticle("1", "100", "A", "", false), plantest.RemoteArticle("2", "100", "B", "", false)}
	opts := Options{Caps: plantest.FullCaps}
	if need := TaxonomyNeeded(tree, live, opts); !need.Tags || !need.Segments {
		t.Fatalf("whole tree: need = %+v, want tags and segments", need)
	}
	opts.Targets = []string{"Guides/a.md"}
	if need := TaxonomyNeeded(tree, live, opts); need.Tags || need.Segments {
		t.Errorf("targeting a.md: need = %+v, want no list", need)
	}
}

// The stale block of a scoped plan is about its targets: a translation
// left out of the plan is not reported as behind (nor fails
// --fail-on-stale) there.
func TestPlanTargetStale(t *testing.T) {
	files, live := targetTree(t)
	files["Guides/Old/d.fr.md"] = "---\ntitle: D fr\n---\nAvant.\n"
	tree := plantest.LoadTree(t, files)
	stale := []plan.StaleTranslation{
		{File: "Guides/New/a.fr.md", Article: "Guides/New/a.md", Locale: "fr", Since: "abc", Commits: 1},
		{File: "Guides/Old/d.fr.md", Article: "Guides/Old/d.md", Locale: "fr", Since: "abc", Commits: 1},
	}
	p := makePlan(t, tree, live(), Options{Targets: []string{"Guides/New"}, Stale: stale})
	if len(p.Stale) != 1 || p.Stale[0].File != "Guides/New/a.fr.md" {
		t.Errorf("stale = %+v, want a.fr.md alone", p.Stale)
	}
	if p = makePlan(t, tree, live(), Options{Stale: stale}); len(p.Stale) != 2 {
		t.Errorf("whole plan: stale = %+v, want both", p.Stale)
	}
}

// An article whose section: names another folder of the tree brings
// that folder's section into the plan, as its own folder's would be.
func TestPlanTargetSectionElsewhere(t *testing.T) {
	files, live := targetTree(t)
	files["Guides/Other/moved.md"] = "---\ntitle: Moved\nsection: New\n---\nM.\n"
	tree := plantest.LoadTree(t, files)
	p := makePlan(t, tree, live(), Options{Targets: []string{"Guides/Other/moved.md"}})
	got := strings.Join(plantest.Keys(p), " ")
	if !strings.Contains(got, "create-section:Guides/New") || !strings.Contains(got, "create:Guides/Other/moved.md") {
		t.Errorf("changes: %s, want the New section created for moved.md", got)
	}
}
