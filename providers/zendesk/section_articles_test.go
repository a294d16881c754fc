package zendesk

import (
	"context"
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/providers/zendesk/zendesktest"
)

// ListSectionArticles reads one section's articles, with their
// translations, from the section-scoped list: never the whole help
// center.
func TestListSectionArticles(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	fake, p := setup(t, zendesktest.Options{RateLimit: 100000}, Options{RequestsPerMinute: 100000})
	fake.SeedArticles(30, []string{"en-us", "fr"})
	sec := id(fake.AddSection(fake.AddCategory("Account"), 0, "Billing"))
	admins := "Admins"
	for _, title := range []string{"Invoices", "Refunds"} {
		_, err := p.CreateArticle(ctx, providers.ArticleInput{SectionID: sec, ArticleMeta: providers.ArticleMeta{PermissionGroup: &admins},
			Source: providers.TranslationInput{Locale: "en-us", Title: title, Body: "<p>x</p>"}})
		if err != nil {
			t.Fatal(err)
		}
	}
	fake.ResetLog()
	list, err := p.ListSectionArticles(ctx, sec)
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, a := range list {
		if a.SectionID != sec {
			t.Errorf("article %s is in section %s, not %s", a.ID, a.SectionID, sec)
		}
		titles = append(titles, a.Translations[a.SourceLocale].Title)
	}
	sort.Strings(titles)
	if got := strings.Join(titles, ", "); got != "Invoices, Refunds" {
		t.Errorf("section lists %s, want Invoices, Refunds", got)
	}
	var seeded string
	for _, s := range fake.Sections() {
		if s.Name == "Seeded articles" {
			seeded = id(s.ID)
		}
	}
	list, err = p.ListSectionArticles(ctx, seeded)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 30 || len(list[0].Translations) != 2 {
		t.Errorf("seeded section: %d articles, the first with %d translations; want 30 with 2", len(list), len(list[0].Translations))
	}
	for _, r := range fake.Requests() {
		if r.Method != http.MethodGet || (strings.Contains(r.Path, "/articles") && !strings.HasPrefix(r.Path, "/api/v2/help_center/sections/")) {
			t.Errorf("sent %s %s, want only the section's list", r.Method, r.Path)
		}
	}
}
