package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/providers/zendesk"
	"github.com/hcsync/hcsync/providers/zendesk/zendesktest"
)

// TestExportRedirects: export writes redirect_from from the help
// center's rules that point to an article (an archived article's pages
// as its id, other paths as written), leaves out rules to elsewhere,
// and the exported tree plans no change.
func TestExportRedirects(t *testing.T) {
	fake := zendesktest.New(zendesktest.Options{Email: "writer@example.com", APIToken: zdToken})
	defer fake.Close()
	p, err := zendesk.New(zendesk.Options{BaseURL: fake.URL, Email: fake.Email(), APIToken: fake.APIToken(), PermissionGroup: "Admins", HTTPClient: fake.Client()})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	cat, err := p.CreateSection(ctx, providers.SectionInput{Kind: providers.KindCategory, Name: "Guides"})
	if err != nil {
		t.Fatal(err)
	}
	sec, err := p.CreateSection(ctx, providers.SectionInput{Kind: providers.KindSection, Name: "Setup", ParentID: cat.ID})
	if err != nil {
		t.Fatal(err)
	}
	create := func(title string) providers.Article {
		a, err := p.CreateArticle(ctx, providers.ArticleInput{SectionID: sec.ID, Source: providers.TranslationInput{Locale: "en-us", Title: title, Body: "<p>" + title + ".</p>"}})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	old, b := create("Old guide"), create("New guide")
	if err := p.Archive(ctx, old.ID); err != nil {
		t.Fatal(err)
	}
	bURL := b.Translations["en-us"].Link()
	fake.AddRedirect(p.ArticlePath(old.ID, "en-us"), bURL)
	fake.AddRedirect("/promo", b.URL)
	fake.AddRedirect("/elsewhere", "https://example.com/")

	dir := zendeskTree(t, fake.URL)
	env := []string{"ZENDESK_EMAIL=writer@example.com", "ZENDESK_API_TOKEN=" + zdToken}
	if res := runCLI(t, dir, env, "export", "--out", "exported"); res.code != 0 {
		t.Fatalf("export: exit %d\nstdout: %s\nstderr: %s", res.code, res.stdout, res.stderr)
	}
	data, err := os.ReadFile(filepath.Join(dir, "exported", "guides", "setup", "new-guide.md"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "redirect_from: [" + old.ID + ", /promo]\n"; !strings.Contains(string(data), want) {
		t.Errorf("new-guide.md does not hold %q:\n%s", want, data)
	}
	pl := runCLI(t, dir, env, "plan", "-c", "exported/hcsync.yaml", "--detailed-exitcode")
	if pl.code != 0 || !strings.Contains(pl.stdout, "No changes") {
		t.Fatalf("plan of the exported tree: exit %d, want no changes\nstdout: %s\nstderr: %s", pl.code, pl.stdout, pl.stderr)
	}
}
