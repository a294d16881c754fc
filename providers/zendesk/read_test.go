package zendesk

import (
	"context"
	"net/http"
	"testing"

	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/providers/fakeserver"
	"github.com/hcsync/hcsync/providers/zendesk/zendesktest"
)

// Listing 1,000 articles in 3 locales must cost 10 GETs: cursor pages of
// 100 with translations sideloaded. The permission group list is read
// only when asked for, and then names each article's group.
func TestListArticlesFewRequests(t *testing.T) {
	t.Parallel()
	fake, p := setup(t, zendesktest.Options{RateLimit: 100000}, Options{RequestsPerMinute: 100000})
	fake.SeedArticles(1000, []string{"en-us", "fr", "de"})
	list, err := p.ListArticles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1000 {
		t.Fatalf("ListArticles = %d articles, want 1000", len(list))
	}
	gets := fake.Count(http.MethodGet, "")
	t.Logf("1,000 articles x 3 locales: %d GET requests", gets)
	if gets > 10 {
		for _, r := range fake.Requests() {
			t.Logf("%s %s?%s", r.Method, r.Path, r.Query.Encode())
		}
		t.Errorf("%d GET requests, want at most 10", gets)
	}
	tax, err := p.TaxonomyOf(context.Background(), providers.TaxonomyNeed{PermissionGroups: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range list {
		if len(a.Translations) != 3 || a.Translations[a.SourceLocale] == nil || tax.PermissionGroups[a.PermissionGroup] != "Admins" {
			t.Fatalf("article %s: %d translations, source %s, group %q; want 3, en-us, the id of Admins", a.ID, len(a.Translations), a.SourceLocale, a.PermissionGroup)
		}
	}
}

func TestListSections(t *testing.T) {
	t.Parallel()
	fake, p := setup(t, zendesktest.Options{}, Options{})
	cat := fake.AddCategory("Account")
	sec := fake.AddSection(cat, 0, "Billing")
	sub := fake.AddSection(cat, sec, "Invoices")
	got, err := p.ListSections(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := []providers.Section{
		{ID: id(cat), Kind: providers.KindCategory, Name: "Account"},
		{ID: id(sec), Kind: providers.KindSection, Name: "Billing", ParentID: id(cat)},
		{ID: id(sub), Kind: providers.KindSection, Name: "Invoices", ParentID: id(sec)},
	}
	if len(got) != len(want) {
		t.Fatalf("ListSections = %+v, want %+v", got, want)
	}
	for i := range want {
		g := got[i]
		if g.ID != want[i].ID || g.Kind != want[i].Kind || g.Name != want[i].Name || g.ParentID != want[i].ParentID || g.URL == "" {
			t.Errorf("section %d = %+v, want %+v with a URL", i, g, want[i])
		}
	}
}

func TestTaxonomy(t *testing.T) {
	t.Parallel()
	fake, p := setup(t, zendesktest.Options{}, Options{})
	for _, n := range []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"} {
		fake.AddContentTag("tag " + n)
	}
	vip := fake.AddSegment("VIP", "signed_in_users")
	tx, err := p.Taxonomy(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(tx.Tags) != 12 {
		t.Errorf("%d tags, want all 12 across pages", len(tx.Tags))
	}
	if tx.Segments[id(vip)] != "VIP" || len(tx.Segments) != 3 {
		t.Errorf("segments = %v, want the two built-in ones and VIP", tx.Segments)
	}
	if len(tx.PermissionGroups) != 2 {
		t.Errorf("permission groups = %v, want Admins and Agents", tx.PermissionGroups)
	}
	// A second call is served from the cache.
	before := fake.Count("", "")
	if _, err := p.Taxonomy(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := fake.Count("", ""); n != before {
		t.Errorf("second Taxonomy sent %d requests, want 0", n-before)
	}
}

// Reads survive 5xx answers, dropped connections and the rate limit: the
// shared client retries them.
func TestReadsRetry(t *testing.T) {
	t.Parallel()
	fake, p := setup(t, zendesktest.Options{}, Options{MaxRetries: 4})
	fake.SeedArticles(3, []string{"en-us"})
	fake.SetFaults(func(n int, r *http.Request) fakeserver.Fault {
		switch n {
		case 1:
			return fakeserver.Fault{Status: http.StatusServiceUnavailable}
		case 2:
			return fakeserver.Fault{Drop: true}
		}
		return fakeserver.Fault{}
	})
	list, err := p.ListArticles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 3 {
		t.Errorf("ListArticles = %d, want 3", len(list))
	}
}

func TestRateLimited(t *testing.T) {
	t.Parallel()
	// Three requests a second: the fourth gets 429 with Retry-After, and
	// the client waits and goes on. Eight requests sent at once reach a
	// 429 even when a window ends among them.
	fake, p := setup(t, zendesktest.Options{RateLimit: 3, Window: 1e9}, Options{RequestsPerMinute: 100000})
	ctx := context.Background()
	for range 4 {
		if _, err := p.ListSections(ctx); err != nil {
			t.Fatal(err)
		}
	}
	var limited int
	for _, r := range fake.Requests() {
		if r.Status == http.StatusTooManyRequests {
			limited++
			if got := r.Header.Get("Authorization"); got == "" {
				t.Errorf("429 request carried no credentials")
			}
		}
	}
	if limited == 0 {
		t.Errorf("no request was rate limited; the test does not exercise 429")
	}
}

// BenchmarkListArticles measures listing 1,000 articles in 3 locales
// from the fake, and reports the requests each listing costs.
func BenchmarkListArticles(b *testing.B) {
	fake := zendesktest.New(zendesktest.Options{RateLimit: 100000})
	defer fake.Close()
	fake.SeedArticles(1000, []string{"en-us", "fr", "de"})
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		p, err := New(Options{BaseURL: fake.URL, Email: fake.Email(), APIToken: fake.APIToken(), HTTPClient: fake.Client(), RequestsPerMinute: 100000})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := p.ListArticles(ctx); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(fake.Count(http.MethodGet, ""))/float64(b.N), "requests/op")
}

// TestListSectionsAndTheirCategories: one request lists the sections with
// their categories sideloaded; a category without sections is not among
// them, and creating a section in it still finds it.
func TestListSectionsAndTheirCategories(t *testing.T) {
	t.Parallel()
	fake, p := setup(t, zendesktest.Options{}, Options{})
	cat := fake.AddCategory("Account")
	empty := fake.AddCategory("Empty")
	sec := fake.AddSection(cat, 0, "Billing")
	got, err := p.ListSectionsAndTheirCategories(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := []providers.Section{
		{ID: id(cat), Kind: providers.KindCategory, Name: "Account"},
		{ID: id(sec), Kind: providers.KindSection, Name: "Billing", ParentID: id(cat)},
	}
	if len(got) != len(want) {
		t.Fatalf("ListSectionsAndTheirCategories = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i].ID != want[i].ID || got[i].Kind != want[i].Kind || got[i].Name != want[i].Name || got[i].ParentID != want[i].ParentID {
			t.Errorf("section %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if n := fake.Count(http.MethodGet, ""); n != 1 {
		t.Errorf("%d GET requests, want 1", n)
	}
	s, err := p.CreateSection(context.Background(), providers.SectionInput{Kind: providers.KindSection, Name: "Tips", ParentID: id(empty), Locale: "en-us"})
	if err != nil {
		t.Fatalf("creating a section in the category without sections: %v", err)
	}
	if s.ParentID != id(empty) {
		t.Errorf("new section's parent = %s, want %s", s.ParentID, id(empty))
	}
}
