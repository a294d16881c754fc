package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/providers/zendesk/zendesktest"
)

// TestExportRealZendeskBodiesEndToEnd is issue #17 as a user meets it:
// a Zendesk help center whose 510 bodies are exactly what Zendesk's API
// returned for a real help center (testdata/zendesk-real/SOURCES.md),
// served by the fake; "hcsync export" then "hcsync plan" on the export
// must show no changes, and the exported Markdown must hold no HTML
// comment (it would be published). Images stay URLs: they live on the
// real help center, which a test does not reach.
func TestExportRealZendeskBodiesEndToEnd(t *testing.T) {
	b, err := os.ReadFile("../../testdata/zendesk-real/articles.json")
	if err != nil {
		t.Fatal(err)
	}
	var env struct {
		Articles []struct{ Title, Locale, Body string } `json:"articles"`
	}
	if err := json.Unmarshal(b, &env); err != nil {
		t.Fatal(err)
	}
	if len(env.Articles) < 300 {
		t.Fatalf("want at least 300 real bodies, found %d", len(env.Articles))
	}
	fake := zendesktest.New(zendesktest.Options{Email: "writer@example.com", APIToken: zdToken, RateLimit: 1 << 20})
	defer fake.Close()
	sec := fake.AddSection(fake.AddCategory("Memsource"), 0, "Articles")
	for _, a := range env.Articles {
		fake.AddArticle(sec, a.Locale, a.Title, a.Body)
	}
	dir := zendeskTree(t, fake.URL)
	cred := []string{"ZENDESK_EMAIL=writer@example.com", "ZENDESK_API_TOKEN=" + zdToken}

	res := runCLI(t, dir, cred, "export", "--out", "exported", "--keep-urls")
	if res.code != 0 {
		t.Fatalf("export: exit %d\nstdout: %s\nstderr: %s", res.code, res.stdout, res.stderr)
	}
	pl := runCLI(t, dir, cred, "plan", "-c", "exported/hcsync.yaml", "--detailed-exitcode")
	if pl.code != 0 || !strings.Contains(pl.stdout, "No changes") {
		t.Fatalf("plan of the exported tree: exit %d, want 0 and no changes\nstdout: %.3000s\nstderr: %s", pl.code, pl.stdout, pl.stderr)
	}
	comments := 0
	err = filepath.Walk(filepath.Join(dir, "exported"), func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		if strings.Contains(readFile(t, path), "<!--") {
			comments++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if comments > 0 {
		t.Errorf("%d exported files hold an HTML comment", comments)
	}
}
