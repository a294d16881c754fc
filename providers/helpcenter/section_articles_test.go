package helpcenter_test

import (
	"context"
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/providers/helpcenter/helpcentertest"
)

// ListSectionArticles reads one category's articles in one request, the
// drafts list with category= (it holds published articles too), in the
// source language only: no request per article or language, nothing of
// other categories.
func TestListSectionArticles(t *testing.T) {
	t.Parallel()
	s := setup(t, helpcentertest.Options{})
	billing, other := s.AddCategory("Billing", ""), s.AddCategory("Other", "")
	live := helpcentertest.Version{Title: "Invoices", HTML: "<p>x</p>"}
	s.AddArticle(helpcentertest.Article{CategoryID: billing, Draft: live, Published: &live, Translations: map[string]*helpcentertest.Translation{
		"fr": {Draft: helpcentertest.Version{Title: "Factures"}},
	}})
	s.AddArticle(helpcentertest.Article{CategoryID: billing, Draft: helpcentertest.Version{Title: "Refunds (draft)"}})
	s.AddArticle(helpcentertest.Article{CategoryID: other, Draft: live, Published: &live})
	p := newProvider(t, s, fullKey, 0)
	s.Middleware().Reset()

	list, err := p.ListSectionArticles(context.Background(), billing)
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, a := range list {
		if a.SectionID != billing {
			t.Errorf("article %s is in %s, not %s", a.ID, a.SectionID, billing)
		}
		titles = append(titles, a.Translations[a.SourceLocale].Title)
	}
	sort.Strings(titles)
	if got := strings.Join(titles, ", "); got != "Invoices, Refunds (draft)" {
		t.Errorf("category lists %s, want Invoices, Refunds (draft)", got)
	}
	lists := 0
	for _, r := range s.Middleware().Requests() {
		if !strings.Contains(r.Path, "/articles") {
			continue // the center's languages, read once
		}
		lists++
		if r.Method != http.MethodGet || !strings.HasSuffix(r.Path, "/articles/drafts") || r.Query.Get("category") != billing {
			t.Errorf("sent %s %s?%s, want only the category's drafts", r.Method, r.Path, r.Query.Encode())
		}
	}
	if lists != 1 {
		t.Errorf("%d article requests, want 1", lists)
	}
}
