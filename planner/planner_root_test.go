package planner

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/diag"
	"github.com/hcsync/hcsync/internal/plantest"
	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers"
)

// rootCaps is a provider whose articles may stand in no section.
var rootCaps = func() providers.Capabilities {
	c := plantest.FullCaps
	c.RootArticles = true
	return c
}()

// loadRootTree loads files as a tree whose top-level files are articles
// in no section.
func loadRootTree(t *testing.T, files map[string]string) *content.Tree {
	t.Helper()
	return plantest.LoadTreeWith(t, files, content.LoadOptions{RootArticles: true})
}

// TestPlanRootArticles: a file at the top of the tree is created in no
// section, adopts a standalone article of its title, and is not moved
// out of a section the API cannot take it out of.
func TestPlanRootArticles(t *testing.T) {
	t.Parallel()
	files := map[string]string{"welcome.md": "---\ntitle: Welcome\n---\nHi.\n"}

	p := makePlan(t, loadRootTree(t, files), plantest.BaseRemote(), Options{Caps: rootCaps})
	if got := plantest.Keys(p); !slices.Equal(got, []string{"create:welcome.md"}) {
		t.Fatalf("changes = %v", got)
	}
	c := p.Changes[0]
	if c.Create.Section != (plan.SectionRef{}) || len(c.Fields) == 0 || c.Fields[0].Field != "section" || c.Fields[0].New != "(none)" {
		t.Errorf("create = %+v, fields %+v; want no section, shown as (none)", c.Create, c.Fields)
	}

	live := plantest.BaseRemote()
	live.Articles = []providers.Article{plantest.RemoteArticle("5", "", "Welcome", plantest.HTML("Hi.\n"), false)}
	p = makePlan(t, loadRootTree(t, files), live, Options{Caps: rootCaps})
	if got := plantest.Keys(p); !slices.Equal(got, []string{"adopt:welcome.md"}) {
		t.Errorf("with a standalone article of the title: changes = %v, want an adopt", got)
	}

	live.Articles = []providers.Article{plantest.RemoteArticle("5", "100", "Welcome", plantest.HTML("Hi.\n"), false)}
	bound := map[string]string{"welcome.md": "---\ntitle: Welcome\nid: 5\n---\nHi.\n"}
	_, err := NewPlan(loadRootTree(t, bound), live, Options{Caps: rootCaps, Provider: "test"})
	if err == nil || !strings.Contains(err.Error(), `welcome.md: article 5 is in "Guides" in the help center, and test cannot take it out of its section`) {
		t.Errorf("moved out of its section: err = %v", err)
	}
}

// TestPlanProviderRefusals: what the provider says it cannot do
// (CannotCreate, a locale EnableHint) is a plan problem at each file it
// concerns, and only there.
func TestPlanProviderRefusals(t *testing.T) {
	t.Parallel()
	caps := plantest.FullCaps
	caps.CannotCreate = "creating needs an author: set it"
	live := plantest.BaseRemote()
	live.Locales = providers.Locales{Default: "en-us", Enabled: []string{"en-us"}, EnableHint: "it has one language: remove the file"}
	live.Articles = []providers.Article{plantest.RemoteArticle("5", "100", "Bound", plantest.HTML("Hi.\n"), false)}
	tree := plantest.LoadTree(t, map[string]string{
		"Guides/new.md":      "---\ntitle: New\n---\nHi.\n",
		"Guides/bound.md":    "---\ntitle: Bound\nid: 5\n---\nHi.\n",
		"Guides/bound.fr.md": "---\ntitle: Lié\n---\nSalut.\n",
	})
	_, err := NewPlan(tree, live, Options{Caps: caps, Provider: "test"})
	var ps diag.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("err = %v, want problems", err)
	}
	var got []string
	for _, p := range ps {
		got = append(got, p.String())
	}
	want := []string{
		`Guides/bound.fr.md: locale "fr" is not enabled in the help center (enabled: en-us): it has one language: remove the file`,
		"Guides/new.md: creating needs an author: set it",
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}
