package planner

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/diag"
	"github.com/hcsync/hcsync/internal/plantest"
	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/remote"
)

func hcPath(id, locale string) string { return "/hc/" + locale + "/articles/" + id }

// TestPlanRedirects covers what the end-to-end tests do not: rules that
// move with their target, rules hcsync does not manage, and the
// problems a redirect_from can have.
func TestPlanRedirects(t *testing.T) {
	t.Parallel()
	body := "Body.\n"
	b := "---\ntitle: B\nid: \"7\"\nredirect_from: [%s]\n---\n" + body
	live := func(rules ...providers.Redirect) *remote.State {
		r := plantest.BaseRemote()
		r.Articles = []providers.Article{
			plantest.RemoteArticle("7", "100", "B", plantest.HTML(body), false),
			plantest.RemoteArticle("9", "100", "Live", plantest.HTML(body), false),
		}
		r.Articles[0].Translations["en-us"].URL = "https://hc/en-us/articles/7-B"
		r.Articles[0].Translations["en-us"].LinkURL = "https://hc/en-us/articles/7"
		r.Redirects = rules
		return r
	}
	tests := []struct {
		name    string
		entries string
		rules   []providers.Redirect
		removed []string
		noPaths bool
		want    []string // change plantest.Keys
		problem string
		fields  string // the first change's first field, "old -> new"
	}{
		{name: "an archived article's id: a rule per locale known", entries: "5",
			want: []string{"create-redirect:/hc/en-us/articles/5"}, fields: "(none) -> https://hc/en-us/articles/7"},
		{name: "a rule pointing elsewhere is re-pointed", entries: "5",
			rules: []providers.Redirect{{ID: "r1", From: hcPath("5", "en-us"), To: "https://hc/en-us/articles/3"}},
			want:  []string{"update-redirect:/hc/en-us/articles/5"}, fields: "https://hc/en-us/articles/3 -> https://hc/en-us/articles/7"},
		{name: "a rule of another locale of the id is kept up too", entries: "5",
			rules: []providers.Redirect{{ID: "r1", From: hcPath("5", "en-us"), To: "https://hc/en-us/articles/7"}, {ID: "r2", From: hcPath("5", "de"), To: "https://hc/x"}},
			want:  []string{"update-redirect:/hc/de/articles/5"}},
		{name: "a path", entries: "/old/page", want: []string{"create-redirect:/old/page"}},
		{name: "rules hcsync does not manage are left alone", entries: "5", removed: []string{"6"},
			rules: []providers.Redirect{{ID: "r1", From: hcPath("5", "en-us"), To: "https://hc/en-us/articles/7"}, {ID: "r2", From: "/promo", To: "https://hc/en-us/articles/7"}, {ID: "r3", From: hcPath("6", "en-us"), To: "https://elsewhere.example.com/"}}},
		{name: "an entry removed since --since deletes its rule", entries: "5", removed: []string{"5", "6"},
			rules: []providers.Redirect{{ID: "r1", From: hcPath("5", "en-us"), To: "https://hc/en-us/articles/7"}, {ID: "r3", From: hcPath("6", "en-us"), To: "https://hc/en-us/articles/7"}},
			want:  []string{"delete-redirect:/hc/en-us/articles/6"}},
		{name: "a live article", entries: "9", problem: "guides/b.md:4: redirect_from: /hc/en-us/articles/9 still serves article 9"},
		{name: "the article itself", entries: "7", problem: "is this article's own path"},
		{name: "no redirects in the provider's API", entries: "5", noPaths: true, problem: "guides/b.md:4: redirects are not supported by test's public API"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tree := plantest.LoadTree(t, map[string]string{"guides/b.md": strings.Replace(b, "%s", tt.entries, 1)})
			opts := Options{Caps: plantest.FullCaps, Provider: "test", Prune: true, RemovedRedirects: tt.removed, ArticlePath: hcPath}
			if tt.noPaths {
				opts.ArticlePath = nil
			}
			p, err := NewPlan(tree, live(tt.rules...), opts)
			if tt.problem != "" {
				var ps diag.Problems
				if !errors.As(err, &ps) || !strings.Contains(err.Error(), tt.problem) {
					t.Fatalf("NewPlan = %v, want a problem %q", err, tt.problem)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := plantest.Keys(p); !slices.Equal(got, tt.want) {
				t.Fatalf("changes = %q, want %q", got, tt.want)
			}
			if tt.fields != "" {
				f := p.Changes[0].Fields[0]
				if got := f.Old + " -> " + f.New; got != tt.fields {
					t.Errorf("field = %q, want %q", got, tt.fields)
				}
			}
		})
	}
}

// A redirect to an article the same plan creates waits for the create
// and takes the URL apply gets back.
func TestPlanRedirectToNewArticle(t *testing.T) {
	t.Parallel()
	tree := plantest.LoadTree(t, map[string]string{"guides/n.md": "---\ntitle: N\nredirect_from: [5]\n---\nx\n"})
	p := makePlan(t, tree, plantest.BaseRemote(), Options{ArticlePath: hcPath})
	var got []*plan.Change
	for _, c := range p.Changes {
		if c.Redirect != nil {
			got = append(got, c)
		}
	}
	if len(got) != 1 || got[0].Redirect.ToFile != "guides/n.md" || got[0].Redirect.To != "" || !slices.Equal(got[0].Deps, []string{"create:guides/n.md"}) {
		t.Fatalf("redirects = %s, want one to guides/n.md after its create", jsonOf(t, got))
	}
}
