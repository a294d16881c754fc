package main

import (
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hcsync/hcsync/providers/helpcenter/helpcentertest"
)

// TestHelpCenterReadsWithinTheBurst: against the fake at Help.Center's
// documented limit, unscaled ("100 requests per minute per API key
// (burst up to 200)"), a plan and then an export of a center of 40
// published articles, each in French and German, send one request per
// article and language and a few lists, and no published list when no
// article has unpublished edits. Together they fit in the burst, so
// they take seconds, not the minute of budget 166 requests paced evenly
// at 100 a minute would wait, and are never refused.
func TestHelpCenterReadsWithinTheBurst(t *testing.T) {
	t.Parallel()
	srv := helpcentertest.NewServer(helpcentertest.Options{Keys: map[string][]string{hcFullKey: helpcentertest.AllScopes}})
	defer srv.Close()
	cat := srv.AddCategory("Guides", "")
	const articles = 40
	for i := range articles {
		v := helpcentertest.Version{Title: fmt.Sprint("Article ", i), HTML: "<p>Body.</p>"}
		fr := helpcentertest.Version{Title: fmt.Sprint("Article ", i, " (fr)"), HTML: "<p>Corps.</p>"}
		de := helpcentertest.Version{Title: fmt.Sprint("Article ", i, " (de)"), HTML: "<p>Inhalt.</p>"}
		srv.AddArticle(helpcentertest.Article{CategoryID: cat, Slug: fmt.Sprint("article-", i), Draft: v, Published: &v,
			Translations: map[string]*helpcentertest.Translation{
				"fr": {Slug: fmt.Sprint("article-", i, "-fr"), Draft: fr, Published: &fr},
				"de": {Slug: fmt.Sprint("article-", i, "-de"), Draft: de, Published: &de},
			}})
	}
	dir := t.TempDir()
	// No rate_limit: the documented one.
	writeFile(t, filepath.Join(dir, "hcsync.yaml"), fmt.Sprintf("provider: helpcenter\ncontent: docs\ndefault_locale: en\nhelpcenter:\n  center_id: %s\n  base_url: %s\n", srv.CenterID, srv.URL))
	writeFile(t, filepath.Join(dir, "docs", "Guides", "article-0.md"), "---\ntitle: Article 0\n---\nBody.\n")
	env := []string{"HELPCENTER_API_KEY=" + hcFullKey}

	start := time.Now()
	if res := runCLI(t, dir, env, "plan"); res.code != 0 {
		t.Fatalf("plan: exit %d\nstdout: %s\nstderr: %s", res.code, res.stdout, res.stderr)
	}
	if res := runCLI(t, dir, env, "export", "--out", "exported"); res.code != 0 {
		t.Fatalf("export: exit %d\nstdout: %s\nstderr: %s", res.code, res.stdout, res.stderr)
	}
	elapsed := time.Since(start)

	// Per run: the center, the categories, one page of drafts and a
	// draft read per article and additional language.
	want := 2 * (3 + articles*2)
	sent := srv.Middleware().Requests()
	refused, lists := 0, 0
	for _, r := range sent {
		if r.Status == http.StatusTooManyRequests {
			refused++
		}
		if r.Path == "/v0/centers/"+srv.CenterID+"/articles" {
			lists++
		}
	}
	if len(sent) != want || lists != 0 || refused != 0 {
		t.Errorf("plan and export sent %d requests (%d of the published list, %d refused); want %d, none of the published list, none refused", len(sent), lists, refused, want)
	}
	if elapsed > 15*time.Second {
		t.Errorf("plan and export took %v: want them within the documented burst, without pacing", elapsed.Round(time.Second))
	}
	if got := readFile(t, filepath.Join(dir, "exported", "guides", "article-39.de.md")); !strings.Contains(got, "Inhalt.") {
		t.Errorf("exported German translation:\n%s", got)
	}
}
