package planner

import (
	"bytes"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/internal/plantest"
	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers"
)

func TestPlanWarnsOfDuplicateTitles(t *testing.T) {
	body := "Hello.\n"
	tree := plantest.LoadTree(t, map[string]string{
		"Guides/a.md": "---\ntitle: Twice\nid: 11\n---\n" + body,
		"Guides/b.md": "---\ntitle: Meant twice\nid: 20\n---\n" + body,
		"Guides/c.md": "---\ntitle: Meant twice\nid: 21\n---\n" + body,
	})
	live := plantest.BaseRemote()
	live.Articles = []providers.Article{
		plantest.RemoteArticle("12", "100", "Twice", plantest.HTML(body), false),
		plantest.RemoteArticle("11", "100", "Twice", plantest.HTML(body), false),
		plantest.RemoteArticle("20", "100", "Meant twice", plantest.HTML(body), false),
		plantest.RemoteArticle("21", "100", "Meant twice", plantest.HTML(body), false),
		plantest.RemoteArticle("30", "100", "Once", plantest.HTML(body), false),
	}
	p := makePlan(t, tree, live, Options{})
	want := plan.Warning{File: "Guides/a.md", Kind: "duplicate-title",
		Msg: `remote articles 11 and 12 in section "Guides" are all titled "Twice", likely duplicates (two applies at once make them): archive the extra ones in the help center, or give each file its own id:`}
	if len(p.Warnings) != 1 || p.Warnings[0] != want {
		t.Fatalf("warnings = %+v\nwant [%+v]", p.Warnings, want)
	}
	for _, f := range []struct {
		name  string
		write func(*bytes.Buffer, *plan.Plan) error
	}{
		{"text", func(b *bytes.Buffer, p *plan.Plan) error { return plan.WriteText(b, p) }},
		{"markdown", func(b *bytes.Buffer, p *plan.Plan) error { return plan.WriteMarkdown(b, p) }},
		{"json", func(b *bytes.Buffer, p *plan.Plan) error { return plan.WriteJSON(b, p) }},
	} {
		var b bytes.Buffer
		if err := f.write(&b, p); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), "remote articles 11 and 12") || !strings.Contains(b.String(), "duplicate") {
			t.Errorf("%s plan does not name both ids:\n%s", f.name, b.String())
		}
	}
}
