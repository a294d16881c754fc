package zendesk

import (
	"context"
	"testing"

	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/providers/zendesk/zendesktest"
)

// TestReadArticles: chosen articles are read one request each, with
// every translation, as the listing shows them; an archived one is left
// out.
func TestReadArticles(t *testing.T) {
	fake := zendesktest.New(zendesktest.Options{Email: "a@example.com", APIToken: "tok"})
	defer fake.Close()
	ids := fake.SeedArticles(250, []string{"en-us", "fr"})
	p, err := New(Options{BaseURL: fake.URL, Email: "a@example.com", APIToken: "tok"})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	listed, err := p.ListArticles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]providers.Article{}
	for _, a := range listed {
		byID[a.ID] = a
	}
	want := []string{id(ids[3]), id(ids[200])}
	if err := p.Archive(ctx, id(ids[7])); err != nil {
		t.Fatal(err)
	}
	fake.ResetLog()
	got, err := p.ReadArticles(ctx, append(want, id(ids[7])))
	if err != nil {
		t.Fatal(err)
	}
	if n := fake.Count("GET", "/api/v2/help_center/articles/"); n != 3 {
		t.Errorf("ReadArticles of 3 ids sent %d GETs, want 3", n)
	}
	if len(got) != 2 {
		t.Fatalf("ReadArticles = %d articles, want the 2 not archived", len(got))
	}
	for i, a := range got {
		l := byID[want[i]]
		if a.ID != l.ID || a.SectionID != l.SectionID || len(a.Translations) != 2 {
			t.Errorf("article %s read as %+v, listed as %+v", want[i], a, l)
		}
		for loc, tr := range l.Translations {
			if r := a.Translations[loc]; r == nil || r.Body != tr.Body || r.Title != tr.Title || !r.UpdatedAt.Equal(tr.UpdatedAt) {
				t.Errorf("article %s (%s) read as %+v, listed as %+v", a.ID, loc, r, tr)
			}
		}
	}
	if per, page := p.ArticleReadCost(); per != 1 || page != 100 {
		t.Errorf("ArticleReadCost = %d, %d; want 1 request an article, lists of 100", per, page)
	}
}
