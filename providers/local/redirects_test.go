package local

import (
	"context"
	"testing"

	"github.com/hcsync/hcsync/providers"
)

func TestRedirects(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	p, err := New(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if rs, err := p.ListRedirects(ctx); err != nil || len(rs) != 0 {
		t.Fatalf("a new help center lists %v, %v; want no redirects", rs, err)
	}
	from := p.ArticlePath("12", "fr")
	if from != "/fr/articles/12" {
		t.Fatalf("ArticlePath = %q, want /fr/articles/12", from)
	}
	if err := p.SetRedirect(ctx, providers.Redirect{From: from, To: "https://help.local/fr/articles/13"}); err != nil {
		t.Fatal(err)
	}
	// Setting the same path again re-points it: one rule per path.
	if err := p.SetRedirect(ctx, providers.Redirect{From: from, To: "https://help.local/fr/articles/14"}); err != nil {
		t.Fatal(err)
	}
	// Another process opening the folder sees the rule.
	q, err := New(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	rs, err := q.ListRedirects(ctx)
	if err != nil || len(rs) != 1 || rs[0].From != from || rs[0].To != "https://help.local/fr/articles/14" || rs[0].ID == "" {
		t.Fatalf("ListRedirects = %+v, %v; want the one re-pointed rule", rs, err)
	}
	if err := q.SetRedirect(ctx, providers.Redirect{From: "no-slash", To: "/x"}); err == nil {
		t.Error("a redirect from a path without a leading / was stored")
	}
	if err := q.DeleteRedirect(ctx, rs[0].ID); err != nil {
		t.Fatal(err)
	}
	if err := q.DeleteRedirect(ctx, rs[0].ID); err == nil {
		t.Error("deleting a rule twice succeeded")
	}
	if rs, _ := p.ListRedirects(ctx); len(rs) != 0 {
		t.Errorf("after delete: %+v, want none", rs)
	}
}
