package intercom

import (
	"context"
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/providers/intercom/intercomtest"
)

// ListSectionArticles keeps the articles of one collection or section:
// version 2.15 lists articles with no filter, so the pages of GET
// /articles are read and the section's kept.
func TestListSectionArticles(t *testing.T) {
	t.Parallel()
	p, srv := newPair(t, intercomtest.Options{}, Options{})
	coll := srv.AddCollection(intercomtest.Collection{Name: "Billing"})
	sec := srv.AddCollection(intercomtest.Collection{Name: "Invoices", ParentID: coll})
	add := func(parent, title string) {
		srv.AddArticle(intercomtest.Article{ParentID: parent, Contents: map[string]*intercomtest.Content{"en": {Title: title, State: "published"}}})
	}
	add(sec, "Download invoices")
	add(sec, "Refunds")
	add(coll, "About billing")
	add("", "Stands alone")
	for _, tt := range []struct{ id, want string }{
		{sec, "Download invoices, Refunds"},
		{coll, "About billing"},
		{"", "Stands alone"}, // the top level: articles in no collection
	} {
		list, err := p.ListSectionArticles(context.Background(), tt.id)
		if err != nil {
			t.Fatal(err)
		}
		var titles []string
		for _, a := range list {
			titles = append(titles, a.Translations[a.SourceLocale].Title)
		}
		sort.Strings(titles)
		if got := strings.Join(titles, ", "); got != tt.want {
			t.Errorf("section %s lists %s, want %s", tt.id, got, tt.want)
		}
	}
}

// TestStandaloneArticle: an article created in no section is sent
// without parent_id, as the description allows ("An article without
// this field stands alone"), and lists in no section.
func TestStandaloneArticle(t *testing.T) {
	t.Parallel()
	v := openAPI(t)
	p, srv := newPair(t, intercomtest.Options{}, Options{})
	ctx := context.Background()
	a, err := p.CreateArticle(ctx, providers.ArticleInput{Source: providers.TranslationInput{Locale: "en", Title: "Welcome", Body: "<p>Hi.</p>"}})
	if err != nil {
		t.Fatal(err)
	}
	if stored, _ := srv.Article(a.ID); a.SectionID != "" || stored.ParentID != "" {
		t.Errorf("created in section %q (stored %q), want none", a.SectionID, stored.ParentID)
	}
	list, err := p.ListArticles(ctx)
	if err != nil || len(list) != 1 || list[0].SectionID != "" {
		t.Errorf("ListArticles = %+v, %v", list, err)
	}
	checkRequests(t, v, srv)
}

// TestFirstPageShared: the locale probe and the first listing share one
// request for page 1 of the articles; a listing after a write reads
// afresh.
func TestFirstPageShared(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	p, srv := newPair(t, intercomtest.Options{}, Options{})
	srv.AddArticle(intercomtest.Article{Contents: map[string]*intercomtest.Content{"en": {Title: "One", State: "published"}}})
	if _, err := p.Locales(ctx); err != nil {
		t.Fatal(err)
	}
	if list, err := p.ListArticles(ctx); err != nil || len(list) != 1 {
		t.Fatalf("ListArticles = %d articles, %v", len(list), err)
	}
	if n := srv.Count(http.MethodGet, "/articles"); n != 1 {
		t.Errorf("the probe and the listing sent %d requests, want 1", n)
	}

	p2, _ := newPair(t, intercomtest.Options{}, Options{})
	if _, err := p2.Locales(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := p2.CreateArticle(ctx, providers.ArticleInput{Source: providers.TranslationInput{Locale: "en", Title: "New", Body: "<p>x</p>"}}); err != nil {
		t.Fatal(err)
	}
	if list, err := p2.ListArticles(ctx); err != nil || len(list) != 1 {
		t.Errorf("ListArticles after a create = %d articles, %v; want the new one", len(list), err)
	}
}
