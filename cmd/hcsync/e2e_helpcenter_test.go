package main

import (
	"bytes"
	"fmt"
	"net/http"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers/helpcenter"
	"github.com/hcsync/hcsync/providers/helpcenter/helpcentertest"
)

const (
	hcFullKey = "hc-e2e-full-key-5f2a9c"
	hcReadKey = "hc-e2e-read-key-81d3e7"
	// The fake's limit, scaled down from 100 a minute to 30 a second:
	// the first apply of the example sends more than a window allows.
	hcRateLimit = 30
)

// helpCenterTree copies testdata/example for Help.Center: the center's
// default language is "en" (Help.Center uses bare ISO 639-1 codes), so
// default_locale is en rather than en-us, and the front-matter keys
// Help.Center cannot hold (labels, content tags, segments, promoted,
// position) are removed, as a writer targeting it would. One article
// gets a slug and an SEO description, which Help.Center does hold.
func helpCenterTree(t *testing.T, baseURL, centerID string) string {
	t.Helper()
	dir := copyTree(t, "../../testdata/example")
	writeFile(t, filepath.Join(dir, "hcsync.yaml"), fmt.Sprintf(`provider: helpcenter
content: docs
default_locale: en
concurrency: 4
rate_limit: %d
helpcenter:
  center_id: %s
  base_url: %s
`, hcRateLimit*60, centerID, baseURL))
	dropKeys(t, filepath.Join(dir, "docs"), "labels", "content_tags", "segments", "promoted", "position", "redirect_from")
	replaceIn(t, filepath.Join(dir, "docs/account/security/reset-password.md"),
		"title: Reset your password\n", "title: Reset your password\nslug: reset-password\ndescription: Get a new password by email.\n")
	return dir
}

// TestHelpCenterEndToEnd runs the built CLI against the Help.Center fake:
// a read-only key plans but cannot apply; a full key applies the example
// tree under the (scaled) rate limit, after which the plan is empty and
// the center holds every article and translation in the right state.
func TestHelpCenterEndToEnd(t *testing.T) {
	t.Parallel()
	srv := helpcentertest.NewServer(helpcentertest.Options{
		Keys: map[string][]string{
			hcFullKey: helpcentertest.AllScopes,
			hcReadKey: {helpcentertest.ScopeRead},
		},
		RateLimit:  hcRateLimit,
		RateWindow: time.Second,
	})
	defer srv.Close()
	dir := helpCenterTree(t, srv.URL, srv.CenterID)
	docs := filepath.Join(dir, "docs")
	readEnv := []string{"HELPCENTER_API_KEY=" + hcReadKey}
	fullEnv := []string{"HELPCENTER_API_KEY=" + hcFullKey}

	// A read-only key can plan.
	p := firstPlan(t, dir, readEnv)

	// Apply with it fails at the first write, naming the scope; that
	// write is the only one sent.
	srv.Middleware().Reset()
	res := runCLI(t, dir, readEnv, "apply")
	if res.code == 0 || !strings.Contains(res.stdout+res.stderr, "HELPCENTER_API_KEY lacks the content.write scope") {
		t.Fatalf("apply with a read-only key: exit %d, want an error naming the missing scope\nstdout: %s\nstderr: %s", res.code, res.stdout, res.stderr)
	}
	if w := nonGETs(srv); len(w) != 1 {
		t.Errorf("read-only apply sent %v: want the first write only", w)
	}
	if n := len(srv.Articles()) + len(srv.Categories()); n != 0 {
		t.Fatalf("read-only apply left %d objects on the center", n)
	}
	if strings.Contains(res.stdout+res.stderr, hcReadKey) {
		t.Error("the API key appears in the output")
	}
	if res := runCLI(t, dir, readEnv, "plan", "--debug"); !strings.Contains(res.stderr, "/articles/drafts") || strings.Contains(res.stdout+res.stderr, hcReadKey) {
		t.Errorf("plan --debug: want request lines without the key\nstderr: %s", res.stderr)
	}

	// The full key applies; the limit is met but no action fails on it.
	srv.Middleware().Reset()
	mustApply(t, dir, fullEnv)
	limited, sent := 0, srv.Middleware().Requests()
	for _, r := range sent {
		if r.Status == http.StatusTooManyRequests {
			limited++
		}
	}
	if len(sent) <= hcRateLimit {
		t.Errorf("apply sent %d requests, not more than one rate window's %d: the test no longer meets the limit", len(sent), hcRateLimit)
	}
	t.Logf("apply: %d requests, %d answered 429 and retried", len(sent), limited)
	assertConverged(t, dir, fullEnv)
	hp, err := helpcenter.New(helpcenter.Options{BaseURL: srv.URL, CenterID: srv.CenterID, APIKey: hcFullKey, RequestsPerMinute: hcRateLimit * 60})
	if err != nil {
		t.Fatal(err)
	}
	assertLinksResolve(t, hp)
	assertHelpCenterState(t, srv)
	if n := len(srv.Images()); n != 2 {
		t.Errorf("the center holds %d uploaded images, want the example's 2", n)
	}
	for _, f := range []string{"getting-started/installation/install-desktop.md", "account/billing/invoices.md"} {
		if !regexp.MustCompile(`(?m)^id: "[0-9a-f]{24}"$`).MatchString(readFile(t, filepath.Join(docs, f))) {
			t.Errorf("%s: id not written back", f)
		}
	}

	// An edit in the help center's draft that the file does not have is
	// planned as a discard, with the draft's diff, and apply discards it:
	// the file matches the live version. Nothing else is written.
	id := articleIDByTitle(t, srv, "Install the mobile app")
	hcRequest(t, srv, "PATCH", "/articles/"+id+"/draft", `{"html": "<p>edited in the dashboard</p>"}`)
	p = planJSON(t, dir, fullEnv)
	if c := actionCounts(p); c[plan.ActionDiscardDraft] != 1 || len(p.Changes) != 1 {
		t.Fatalf("plan after a dashboard draft edit = %v, want one discard-draft", c)
	}
	if d := p.Changes[0]; d.ArticleID != id || !strings.Contains(d.BodyDiff, "-edited in the dashboard") {
		t.Errorf("discard-draft of article %s with body diff:\n%s\nwant article %s and the dashboard edit removed", d.ArticleID, d.BodyDiff, id)
	}
	srv.Middleware().Reset()
	mustApply(t, dir, fullEnv)
	if n := srv.Middleware().Count("POST", "/v0/centers/"+srv.CenterID+"/articles/"+id+"/draft/discard"); n != 1 {
		t.Errorf("discard requests = %d, want 1", n)
	}
	for _, r := range srv.Middleware().Requests() {
		if r.Method != "GET" && !strings.HasSuffix(r.Path, "/draft/discard") {
			t.Errorf("apply of a discard-draft also sent %s %s", r.Method, r.Path)
		}
	}
	assertConverged(t, dir, fullEnv)

	// A translation edit goes live; draft: true takes an article (and
	// with it its translations) off the help center.
	replaceIn(t, filepath.Join(docs, "getting-started/installation/install-desktop.fr.md"), "environ deux minutes", "environ trois minutes")
	replaceIn(t, filepath.Join(docs, "account/security/two-factor.md"), "title: Turn on two-factor authentication\n", "title: Turn on two-factor authentication\ndraft: true\n")
	replaceIn(t, filepath.Join(docs, "account/security/two-factor.fr.md"), "title: Activer l'authentification à deux facteurs\n", "title: Activer l'authentification à deux facteurs\ndraft: true\n")
	// The article taken off also holds a dashboard edit in its draft: the
	// discard goes before the unpublish, which leaves nothing to restore.
	tfID := articleIDByTitle(t, srv, "Turn on two-factor authentication")
	hcRequest(t, srv, "PATCH", "/articles/"+tfID+"/draft", `{"html": "<p>edited in the dashboard</p>"}`)
	mustApply(t, dir, fullEnv)
	assertConverged(t, dir, fullEnv)
	if a, _ := srv.Article(tfID); strings.Contains(a.Draft.HTML, "edited in the dashboard") {
		t.Errorf("two-factor draft after discard and unpublish = %q, want the file's body", a.Draft.HTML)
	}
	a, _ := srv.Article(articleIDByTitle(t, srv, "Install Lumen on your computer"))
	if fr := a.Translations["fr"]; fr.Status() != helpcentertest.StatusPublished || !strings.Contains(fr.Published.HTML, "environ trois minutes") {
		t.Errorf("fr translation after edit: %s %q", fr.Status(), fr.Published.HTML)
	}
	a, _ = srv.Article(articleIDByTitle(t, srv, "Turn on two-factor authentication"))
	if a.Status() != helpcentertest.StatusUnpublished || a.Translations["fr"].Status() != helpcentertest.StatusUnpublished {
		t.Errorf("two-factor after draft: true: article %s, fr %s; want both unpublished", a.Status(), a.Translations["fr"].Status())
	}
}

// assertHelpCenterState checks the center after the first apply of the
// example: the categories, and every article and translation published
// except the draft article.
func assertHelpCenterState(t *testing.T, srv *helpcentertest.Server) {
	t.Helper()
	var tree []string
	names := map[string]string{}
	for _, c := range srv.Categories() {
		names[c.ID] = c.Name
		if c.ParentID == "" {
			tree = append(tree, c.Name)
		} else {
			tree = append(tree, names[c.ParentID]+" > "+c.Name)
		}
	}
	got := strings.Join(sortedCopy(tree), "; ")
	want := "Account & Billing; Account & Billing > Billing; Account & Billing > Security; Getting Started; Getting Started > First steps; Getting Started > Installation"
	if got != want {
		t.Errorf("categories = %s\nwant %s", got, want)
	}

	var b bytes.Buffer
	for _, a := range srv.Articles() {
		fmt.Fprintf(&b, "%s [%s] in %s", a.Draft.Title, a.Status(), names[a.CategoryID])
		for _, l := range []string{"de", "fr"} {
			if tr := a.Translations[l]; tr != nil {
				fmt.Fprintf(&b, "; %s [%s]", l, tr.Status())
			}
		}
		b.WriteString("\n")
	}
	lines := sortedCopy(strings.Split(strings.TrimSpace(b.String()), "\n"))
	wantLines := []string{
		"Create your first workspace [published] in First steps; de [published]; fr [published]",
		"Download invoices [unpublished] in Billing",
		"Install Lumen on your computer [published] in Installation; de [published]; fr [published]",
		"Install the mobile app [published] in Installation; fr [published]",
		"Invite your team [published] in First steps",
		"Reset your password [published] in Security",
		"System requirements [published] in Installation",
		"Turn on two-factor authentication [published] in Security; fr [published]",
		"Update your payment method [published] in Billing; de [published]",
	}
	if strings.Join(lines, "\n") != strings.Join(wantLines, "\n") {
		t.Errorf("articles:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(wantLines, "\n"))
	}
	a, _ := srv.Article(articleIDByTitle(t, srv, "Reset your password"))
	if a.Slug != "reset-password" || a.SEO.MetaDesc != "Get a new password by email." {
		t.Errorf("reset-password metadata: slug %q, SEO description %q", a.Slug, a.SEO.MetaDesc)
	}
}

func articleIDByTitle(t *testing.T, srv *helpcentertest.Server, title string) string {
	t.Helper()
	for _, a := range srv.Articles() {
		if a.Draft.Title == title {
			return a.ID
		}
	}
	t.Fatalf("no article titled %q on the center", title)
	return ""
}

// hcRequest makes an edit in the help center as its dashboard would,
// through the API with the full key.
func hcRequest(t *testing.T, srv *helpcentertest.Server, method, path, body string) {
	t.Helper()
	req, _ := http.NewRequest(method, srv.URL+"/v0/centers/"+srv.CenterID+path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+hcFullKey)
	req.Header.Set("Content-Type", "application/json")
	for {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusTooManyRequests {
			time.Sleep(200 * time.Millisecond)
			req.Body, _ = req.GetBody()
			continue
		}
		if resp.StatusCode >= 300 {
			t.Fatalf("%s %s: %s", method, path, resp.Status)
		}
		return
	}
}

func sortedCopy(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return out
}

// hcSmallTree writes a one-folder tree for Help.Center with the given
// files (path under docs/ -> content) and returns its folder.
func hcSmallTree(t *testing.T, srv *helpcentertest.Server, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "hcsync.yaml"), fmt.Sprintf("provider: helpcenter\ncontent: docs\ndefault_locale: en\nrate_limit: %d\nhelpcenter:\n  center_id: %s\n  base_url: %s\n", hcRateLimit*60, srv.CenterID, srv.URL))
	for name, data := range files {
		writeFile(t, filepath.Join(dir, "docs", filepath.FromSlash(name)), data)
	}
	return dir
}

// TestHelpCenterDescriptionKeepsSEOTitle: the SEO title a person set in
// the help center survives an apply that changes the file's
// description, for the article and for a translation, and so does an
// SEO field hcsync does not know. A metadata write replaces the whole
// seo object, so the adapter must send back what it did not change.
func TestHelpCenterDescriptionKeepsSEOTitle(t *testing.T) {
	t.Parallel()
	srv := newHelpCenterFake(t)
	dir := hcSmallTree(t, srv, map[string]string{
		"guides/reset.md":    "---\ntitle: Reset your password\ndescription: Get a new password.\n---\nAsk for a link.\n",
		"guides/reset.fr.md": "---\ntitle: Réinitialiser\ndescription: Un nouveau mot de passe.\n---\nDemandez un lien.\n",
	})
	env := []string{"HELPCENTER_API_KEY=" + hcFullKey}
	mustApply(t, dir, env)
	id := articleIDByTitle(t, srv, "Reset your password")
	// Set in the dashboard: an SEO title beside the description, and a
	// field the documentation does not name.
	hcRequest(t, srv, "PATCH", "/articles/"+id+"/metadata", `{"seo": {"metaTitle": "Password reset | Lumen", "metaDesc": "Get a new password.", "ogImage": "https://cdn.help.center/og.png"}}`)
	hcRequest(t, srv, "PATCH", "/articles/"+id+"/translations/fr/metadata", `{"seo": {"metaTitle": "Mot de passe | Lumen", "metaDesc": "Un nouveau mot de passe."}}`)

	docs := filepath.Join(dir, "docs", "guides")
	replaceIn(t, filepath.Join(docs, "reset.md"), "description: Get a new password.", "description: Get a new password by email.")
	replaceIn(t, filepath.Join(docs, "reset.fr.md"), "description: Un nouveau mot de passe.", "description: Un nouveau mot de passe par e-mail.")
	mustApply(t, dir, env)
	assertConverged(t, dir, env)

	a, _ := srv.Article(id)
	if a.SEO.MetaTitle != "Password reset | Lumen" || a.SEO.MetaDesc != "Get a new password by email." || string(a.SEO.Other["ogImage"]) != `"https://cdn.help.center/og.png"` {
		t.Errorf("article seo after a description change = %q / %q / ogImage %s; want the SEO title and ogImage kept", a.SEO.MetaTitle, a.SEO.MetaDesc, a.SEO.Other["ogImage"])
	}
	if fr := a.Translations["fr"].SEO; fr.MetaTitle != "Mot de passe | Lumen" || fr.MetaDesc != "Un nouveau mot de passe par e-mail." {
		t.Errorf("fr seo after a description change = %q / %q; want the SEO title kept", fr.MetaTitle, fr.MetaDesc)
	}
}

// nonGETs lists the requests the fake got that could write.
func nonGETs(srv *helpcentertest.Server) []string {
	var out []string
	for _, r := range srv.Middleware().Requests() {
		if r.Method != http.MethodGet {
			out = append(out, fmt.Sprintf("%s %s -> %d", r.Method, r.Path, r.Status))
		}
	}
	return out
}

// TestHelpCenterWritesOnlyWhatThePlanSays: checking the key writes
// nothing. A plan and an apply with no changes send no request but
// GETs; an apply of one body edit sends only that article's writes; and
// with a read-only key, apply stops at the first write, which the help
// center refuses, with a message naming the key and the scope: no other
// write is sent.
func TestHelpCenterWritesOnlyWhatThePlanSays(t *testing.T) {
	t.Parallel()
	srv := helpcentertest.NewServer(helpcentertest.Options{
		Keys: map[string][]string{
			hcFullKey: helpcentertest.AllScopes,
			hcReadKey: {helpcentertest.ScopeRead},
		},
		RateLimit:  hcRateLimit,
		RateWindow: time.Second,
	})
	defer srv.Close()
	srv.AddCategory("Existing", "")
	dir := hcSmallTree(t, srv, map[string]string{
		"Existing/a.md": "---\ntitle: A\n---\nHello.\n",
		"Existing/b.md": "---\ntitle: B\n---\nHello.\n",
		"Existing/c.md": "---\ntitle: C\n---\nHello.\n",
	})
	fullEnv := []string{"HELPCENTER_API_KEY=" + hcFullKey}
	readEnv := []string{"HELPCENTER_API_KEY=" + hcReadKey}

	// A read-only key: the first write is refused and nothing else is sent.
	res := runCLI(t, dir, readEnv, "apply", "--concurrency", "4")
	if res.code == 0 || !strings.Contains(res.stdout+res.stderr, "HELPCENTER_API_KEY lacks the content.write scope") {
		t.Errorf("apply with a read-only key: exit %d, want an error naming the key and the scope\nstdout: %s\nstderr: %s", res.code, res.stdout, res.stderr)
	}
	if w := nonGETs(srv); len(w) != 1 || !strings.HasSuffix(w[0], "-> 403") {
		t.Errorf("apply with a read-only key sent %v; want the first write only, refused", w)
	}
	if strings.Contains(res.stdout+res.stderr, hcReadKey) {
		t.Error("the API key appears in the output")
	}
	if c := srv.Categories(); len(c) != 1 || c[0].Name != "Existing" || len(srv.Articles()) != 0 {
		t.Fatalf("a read-only apply changed the center: %d categories, %d articles", len(c), len(srv.Articles()))
	}

	mustApply(t, dir, fullEnv)
	srv.Middleware().Reset()
	assertConverged(t, dir, fullEnv)
	mustApply(t, dir, fullEnv)
	if w := nonGETs(srv); len(w) != 0 {
		t.Errorf("a plan and an apply with no changes sent %v; want GETs only", w)
	}

	id := articleIDByTitle(t, srv, "A")
	replaceIn(t, filepath.Join(dir, "docs", "Existing", "a.md"), "Hello.", "Hello again.")
	srv.Middleware().Reset()
	mustApply(t, dir, fullEnv)
	for _, w := range nonGETs(srv) {
		if !strings.Contains(w, "/articles/"+id+"/") {
			t.Errorf("an apply of one body edit of article %s sent %s", id, w)
		}
	}
	if c := srv.Categories(); c[0].Name != "Existing" {
		t.Errorf("categories after apply: %+v", c)
	}
}

// seedPendingEdits gives the fake a category with three published
// articles: one whose draft holds unpublished edits, one whose French
// translation does, and one with none.
func seedPendingEdits(srv *helpcentertest.Server) {
	cat := srv.AddCategory("Guides", "")
	v := func(title, html string) helpcentertest.Version {
		return helpcentertest.Version{Title: title, HTML: html}
	}
	live := func(title, html string) *helpcentertest.Version { x := v(title, html); return &x }
	srv.AddArticle(helpcentertest.Article{CategoryID: cat, Slug: "install",
		Published: live("Install", "<p>Old steps.</p>"), Draft: v("Install the app", "<p>New steps.</p>")})
	srv.AddArticle(helpcentertest.Article{CategoryID: cat, Slug: "billing",
		Published: live("Billing", "<p>Pay.</p>"), Draft: v("Billing", "<p>Pay.</p>"),
		Translations: map[string]*helpcentertest.Translation{"fr": {Slug: "facturation",
			Published: live("Facturation", "<p>Ancien.</p>"), Draft: v("Facturation", "<p>Nouveau.</p>")}}})
	srv.AddArticle(helpcentertest.Article{CategoryID: cat, Slug: "plain",
		Published: live("Plain", "<p>Same.</p>"), Draft: v("Plain", "<p>Same.</p>")})
}

// TestHelpCenterExportPendingEdits: unpublished edits in the help center
// are not exported silently as the live version. Export counts and
// lists them; a plan of that tree warns about each, saying what differs;
// export --drafts takes the pending version instead, which the next
// apply publishes.
func TestHelpCenterExportPendingEdits(t *testing.T) {
	t.Parallel()
	srv := newHelpCenterFake(t)
	seedPendingEdits(srv)
	dir := hcSmallTree(t, srv, nil)
	env := []string{"HELPCENTER_API_KEY=" + hcFullKey}

	res := runCLI(t, dir, env, "export", "--out", "live")
	if res.code != 0 {
		t.Fatalf("export: exit %d\nstdout: %s\nstderr: %s", res.code, res.stdout, res.stderr)
	}
	// The written hcsync.yaml does not carry rate_limit: give it the
	// fake's, or each run paces at the documented 100 a minute.
	pace := func(tree string) {
		f := filepath.Join(dir, tree, "hcsync.yaml")
		writeFile(t, f, readFile(t, f)+fmt.Sprintf("rate_limit: %d\n", hcRateLimit*60))
	}
	pace("live")
	want := "1 article and 1 translation have unpublished edits in the help center; exported the published version (use --drafts to export the pending edits):\n  guides/billing.fr.md\n  guides/install.md\n"
	if !strings.Contains(res.stdout, want) {
		t.Errorf("export summary does not say:\n%s\ngot:\n%s", want, res.stdout)
	}
	if f := readFile(t, filepath.Join(dir, "live", "guides", "install.md")); !strings.Contains(f, "title: Install\n") || !strings.Contains(f, "Old steps.") {
		t.Errorf("install.md without --drafts:\n%s\nwant the published version", f)
	}
	p := planJSON(t, dir, env, "-c", "live/hcsync.yaml")
	var pending []string
	for _, w := range p.Warnings {
		if w.Kind == "pending-draft" {
			pending = append(pending, w.File+": "+w.Msg)
		}
	}
	slices.Sort(pending)
	if len(pending) != 2 || !strings.HasPrefix(pending[0], "guides/billing.fr.md: ") || !strings.Contains(pending[0], "body") ||
		!strings.HasPrefix(pending[1], "guides/install.md: ") || !strings.Contains(pending[1], "title and body") {
		t.Errorf("plan of the exported tree: pending-draft warnings %q; want one for each file, naming what differs", pending)
	}

	res = runCLI(t, dir, env, "export", "--drafts", "--out", "drafts")
	if res.code != 0 {
		t.Fatalf("export --drafts: exit %d\nstdout: %s\nstderr: %s", res.code, res.stdout, res.stderr)
	}
	pace("drafts")
	if !strings.Contains(res.stdout, "1 article and 1 translation have unpublished edits in the help center; exported the pending edits") {
		t.Errorf("export --drafts summary:\n%s", res.stdout)
	}
	if f := readFile(t, filepath.Join(dir, "drafts", "guides", "install.md")); !strings.Contains(f, "title: Install the app\n") || !strings.Contains(f, "New steps.") {
		t.Errorf("install.md with --drafts:\n%s\nwant the pending version", f)
	}
	if f := readFile(t, filepath.Join(dir, "drafts", "guides", "billing.fr.md")); !strings.Contains(f, "Nouveau.") {
		t.Errorf("billing.fr.md with --drafts:\n%s\nwant the pending version", f)
	}
	p = planJSON(t, dir, env, "-c", "drafts/hcsync.yaml")
	if c := actionCounts(p); c[plan.ActionUpdateTranslation] != 2 || len(p.Changes) != 2 || len(p.Warnings) != 0 {
		t.Errorf("plan after export --drafts: %v, warnings %v; want the two pending edits as updates, no warning", c, p.Warnings)
	}
	mustApply(t, dir, env, "-c", "drafts/hcsync.yaml")
	assertConverged(t, filepath.Join(dir, "drafts"), env)
	for _, a := range srv.Articles() {
		if a.Status() != helpcentertest.StatusPublished || (a.Translations["fr"] != nil && a.Translations["fr"].Status() != helpcentertest.StatusPublished) {
			t.Errorf("article %q after apply of the --drafts tree: %s; want the pending edits published", a.Draft.Title, a.Status())
		}
	}
}

// newHelpCenterFake is a Help.Center fake with one key of every scope,
// its rate limit per second so tests run fast, closed when t ends.
func newHelpCenterFake(t *testing.T) *helpcentertest.Server {
	t.Helper()
	srv := helpcentertest.NewServer(helpcentertest.Options{
		Keys:       map[string][]string{hcFullKey: helpcentertest.AllScopes},
		RateLimit:  hcRateLimit,
		RateWindow: time.Second,
	})
	t.Cleanup(srv.Close)
	return srv
}
