package main

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers/intercom/intercomtest"
)

// The example tree's translation files.
var exampleTranslations = []string{
	"account/billing/update-payment.de.md",
	"account/security/two-factor.fr.md",
	"getting-started/first-steps/create-workspace.de.md",
	"getting-started/first-steps/create-workspace.fr.md",
	"getting-started/installation/install-desktop.de.md",
	"getting-started/installation/install-desktop.fr.md",
	"getting-started/installation/install-mobile.fr.md",
}

// intercomTreeNoLocales is intercomTree without intercom.locales: hcsync
// must learn the workspace's languages from the API's answers.
func intercomTreeNoLocales(t *testing.T, srv *intercomtest.Server) string {
	t.Helper()
	dir := intercomTree(t, srv)
	replaceIn(t, filepath.Join(dir, "hcsync.yaml"), "  locales: [en, fr, de]\n", "")
	return dir
}

// writesOf returns the requests of srv's log that are not GETs.
func writesOf(srv *intercomtest.Server) []string {
	var out []string
	for _, r := range srv.Requests() {
		if r.Method != http.MethodGet {
			out = append(out, r.Method+" "+r.Path)
		}
	}
	return out
}

// TestIntercomMonolingualWorkspace: a workspace whose help center has a
// single language answers without default_locale, which Intercom sends
// only for multilingual help centers. Its translation files are plan
// problems, each naming the file, without intercom.locales in the
// config; nothing is written.
func TestIntercomMonolingualWorkspace(t *testing.T) {
	t.Parallel()
	srv := intercomtest.New(intercomtest.Options{Token: intercomToken, Locales: []string{"en"}})
	defer srv.Close()
	// A workspace in use: its collection says it has one language.
	srv.AddCollection(intercomtest.Collection{Name: "Getting Started"})
	dir := intercomTreeNoLocales(t, srv)
	env := []string{"INTERCOM_TOKEN=" + intercomToken}

	res := runCLI(t, dir, env, "plan")
	if res.code != 1 {
		t.Fatalf("plan exited %d, want 1\nstdout: %s\nstderr: %s", res.code, res.stdout, res.stderr)
	}
	out := res.stdout + res.stderr
	for _, f := range exampleTranslations {
		if !strings.Contains(out, "docs/"+f+": ") {
			t.Errorf("plan does not name %s:\n%s", f, out)
		}
	}
	if !strings.Contains(out, "single language") {
		t.Errorf("plan does not say the help center has a single language:\n%s", out)
	}
	srv.Reset()
	if res := runCLI(t, dir, env, "apply"); res.code != 1 {
		t.Fatalf("apply exited %d, want 1\n%s%s", res.code, res.stdout, res.stderr)
	}
	if w := writesOf(srv); len(w) > 0 {
		t.Errorf("apply wrote despite plan problems: %v", w)
	}

	// Without the translations the tree plans and applies.
	for _, f := range exampleTranslations {
		if err := os.Remove(filepath.Join(dir, "docs", f)); err != nil {
			t.Fatal(err)
		}
	}
	mustApply(t, dir, env)
	assertConverged(t, dir, env)
}

// TestIntercomMonolingualEmptyWorkspace: an empty workspace reveals its
// languages with the first answer to a write. Apply then sends no
// translation Intercom would refuse, each failure says why on one line,
// and the next plan refuses the files instead of proposing them again.
func TestIntercomMonolingualEmptyWorkspace(t *testing.T) {
	t.Parallel()
	srv := intercomtest.New(intercomtest.Options{Token: intercomToken, Locales: []string{"en"}})
	defer srv.Close()
	dir := intercomTreeNoLocales(t, srv)
	env := []string{"INTERCOM_TOKEN=" + intercomToken}

	res := runCLI(t, dir, env, "apply")
	if res.code != 1 {
		t.Fatalf("apply exited %d, want 1\n%s%s", res.code, res.stdout, res.stderr)
	}
	for _, r := range srv.Requests() {
		if r.Method == http.MethodPut && strings.Contains(string(r.Body), "translated_content") {
			t.Errorf("apply sent a translation to a single-language workspace: %s %s %s", r.Method, r.Path, r.Body)
		}
	}
	failed := 0
	for _, line := range strings.Split(res.stdout, "\n") {
		if !strings.HasPrefix(line, "  failed  ") || !strings.Contains(line, ": create-translation: ") {
			continue
		}
		failed++
		if !strings.Contains(line, "single language") || strings.Contains(line, srv.URL) {
			t.Errorf("failure line does not say why without a request: %s", line)
		}
	}
	if failed == 0 {
		t.Errorf("no create-translation failure reported\n%s", res.stdout)
	}
	if n := len(srv.Articles()); n != 9 {
		t.Errorf("workspace holds %d articles, want the 9 sources", n)
	}

	res = runCLI(t, dir, env, "plan")
	if res.code != 1 {
		t.Fatalf("re-plan exited %d, want 1 (translations refused)\n%s%s", res.code, res.stdout, res.stderr)
	}
	for _, f := range exampleTranslations {
		if !strings.Contains(res.stderr, "docs/"+f+": ") {
			t.Errorf("re-plan does not name %s:\n%s", f, res.stderr)
		}
	}
}

// TestIntercomMultilingualNeedsNoLocales: a multilingual workspace (its
// answers carry default_locale) takes the translations without
// intercom.locales in the config.
func TestIntercomMultilingualNeedsNoLocales(t *testing.T) {
	t.Parallel()
	srv := intercomtest.New(intercomtest.Options{Token: intercomToken})
	defer srv.Close()
	srv.AddCollection(intercomtest.Collection{Name: "Getting Started"})
	dir := intercomTreeNoLocales(t, srv)
	env := []string{"INTERCOM_TOKEN=" + intercomToken}
	p := planJSON(t, dir, env)
	if n := actionCounts(p)[plan.ActionCreateTranslation]; n != len(exampleTranslations) {
		t.Errorf("plan has %d create-translation, want %d", n, len(exampleTranslations))
	}
	mustApply(t, dir, env)
	assertConverged(t, dir, env)
}

// TestIntercomArticlesOutsideCollections: an article that stands alone
// (no collection) is exported at the top of the tree, named by its
// title; a file at the top of the tree is such an article; both plan
// clean after an apply.
func TestIntercomArticlesOutsideCollections(t *testing.T) {
	t.Parallel()
	srv := intercomtest.New(intercomtest.Options{Token: intercomToken})
	defer srv.Close()
	col := srv.AddCollection(intercomtest.Collection{Name: "Guides"})
	srv.AddArticle(intercomtest.Article{ParentID: col, Contents: map[string]*intercomtest.Content{
		"en": {Title: "Install", Body: "<p>Run the installer.</p>", State: "published"},
	}})
	alone := srv.AddArticle(intercomtest.Article{Contents: map[string]*intercomtest.Content{
		"en": {Title: "Welcome to Lumen", Body: "<p>Start here.</p>", State: "published"},
		"fr": {Title: "Bienvenue", Body: "<p>Commencez ici.</p>", State: "published"},
	}})
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "hcsync.yaml"), "provider: intercom\ndefault_locale: en\nintercom:\n  author_id: 991267497\n  base_url: "+srv.URL+"\n")
	env := []string{"INTERCOM_TOKEN=" + intercomToken}

	res := runCLI(t, dir, env, "export", "--out", "tree")
	if res.code != 0 {
		t.Fatalf("export exited %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	if strings.Contains(res.stdout, "not exported") {
		t.Errorf("export skipped an article:\n%s", res.stdout)
	}
	tree := filepath.Join(dir, "tree")
	welcome := readFile(t, filepath.Join(tree, "welcome-to-lumen.md"))
	if !strings.Contains(welcome, "id: \""+alone+"\"") && !strings.Contains(welcome, "id: "+alone+"\n") {
		t.Errorf("welcome-to-lumen.md does not hold id %s:\n%s", alone, welcome)
	}
	if fr := readFile(t, filepath.Join(tree, "welcome-to-lumen.fr.md")); !strings.Contains(fr, "Bienvenue") {
		t.Errorf("welcome-to-lumen.fr.md = %s", fr)
	}
	assertConverged(t, tree, env)

	// A new file at the top of the tree is a new article outside any
	// collection.
	writeFile(t, filepath.Join(tree, "release-notes.md"), "---\ntitle: Release notes\n---\nWhat changed.\n")
	if res := runCLI(t, tree, nil, "validate"); res.code != 0 {
		t.Errorf("validate of a tree with files at its top exited %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	p := planJSON(t, tree, env)
	var create *plan.Change
	for _, c := range p.Changes {
		if c.Action == plan.ActionCreate {
			create = c
		}
	}
	if create == nil || len(p.Changes) != 1 {
		t.Fatalf("plan = %s, want one create", jsonString(p.Changes))
	}
	mustApply(t, tree, env)
	assertConverged(t, tree, env)
	found := false
	for _, a := range srv.Articles() {
		if c := a.Contents["en"]; c != nil && c.Title == "Release notes" {
			found = true
			if a.ParentID != "" {
				t.Errorf("Release notes was created in collection %s, want none", a.ParentID)
			}
		}
	}
	if !found {
		t.Error("Release notes was not created")
	}
	if !strings.Contains(readFile(t, filepath.Join(tree, "release-notes.md")), "\nid: ") {
		t.Error("apply did not write the id into release-notes.md")
	}

	// Intercom's API cannot take an article out of its collection: a
	// file moved to the top of the tree is a plan problem, not a failed
	// apply.
	if err := os.Rename(filepath.Join(tree, "guides", "install.md"), filepath.Join(tree, "install.md")); err != nil {
		t.Fatal(err)
	}
	res = runCLI(t, tree, env, "plan")
	if res.code != 1 || !strings.Contains(res.stderr, "install.md: ") || !strings.Contains(res.stderr, `"Guides"`) {
		t.Errorf("plan of an article moved out of its collection exited %d\nstdout: %s\nstderr: %s", res.code, res.stdout, res.stderr)
	}
}

// TestLocalRefusesTopLevelArticles: the local provider keeps every
// article in a section, so a file at the top of the tree is a problem
// found offline, naming the file and what to do.
func TestLocalRefusesTopLevelArticles(t *testing.T) {
	t.Parallel()
	dir := copyTree(t, "../../testdata/example")
	writeFile(t, filepath.Join(dir, "docs", "welcome.md"), "---\ntitle: Welcome\n---\nHi.\n")
	res := runCLI(t, dir, nil, "validate")
	if res.code != 1 || !strings.Contains(res.stderr, "docs/welcome.md: ") || !strings.Contains(res.stderr, "move it into a folder") {
		t.Errorf("validate exited %d\nstdout: %s\nstderr: %s", res.code, res.stdout, res.stderr)
	}
}

// TestIntercomRefusedToken: a 401 names INTERCOM_TOKEN, never its
// value, on every command that reads the workspace.
func TestIntercomRefusedToken(t *testing.T) {
	t.Parallel()
	srv := intercomtest.New(intercomtest.Options{Token: intercomToken})
	defer srv.Close()
	dir := intercomTree(t, srv)
	const wrong = "ic-revoked-7c1a9e"
	for _, args := range [][]string{{"plan"}, {"apply"}, {"export", "--out", "tree"}} {
		res := runCLI(t, dir, []string{"INTERCOM_TOKEN=" + wrong}, args...)
		out := res.stdout + res.stderr
		if res.code != 1 || !strings.Contains(res.stderr, "INTERCOM_TOKEN was refused") || strings.Contains(out, wrong) {
			t.Errorf("%v with a refused token exited %d\nstdout: %s\nstderr: %s", args, res.code, res.stdout, res.stderr)
		}
	}
	if w := writesOf(srv); len(w) > 0 {
		t.Errorf("wrote with a refused token: %v", w)
	}
}

// TestIntercomWithoutAuthorID: export and a plan that creates nothing
// need no intercom.author_id; a plan that would create an article
// without it names the file and the key, and apply writes nothing.
func TestIntercomWithoutAuthorID(t *testing.T) {
	t.Parallel()
	srv := intercomtest.New(intercomtest.Options{Token: intercomToken})
	defer srv.Close()
	col := srv.AddCollection(intercomtest.Collection{Name: "Guides"})
	srv.AddArticle(intercomtest.Article{ParentID: col, Contents: map[string]*intercomtest.Content{
		"en": {Title: "Install", Body: "<p>Run the installer.</p>", State: "published"},
	}})
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "hcsync.yaml"), "provider: intercom\ndefault_locale: en\nintercom:\n  base_url: "+srv.URL+"\n")
	env := []string{"INTERCOM_TOKEN=" + intercomToken}

	res := runCLI(t, dir, env, "export", "--out", "tree")
	if res.code != 0 {
		t.Fatalf("export without intercom.author_id exited %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	tree := filepath.Join(dir, "tree")
	assertConverged(t, tree, env)

	writeFile(t, filepath.Join(tree, "guides", "upgrade.md"), "---\ntitle: Upgrade\n---\nRun it again.\n")
	res = runCLI(t, tree, env, "plan")
	if res.code != 1 || !strings.Contains(res.stderr, "guides/upgrade.md: ") || !strings.Contains(res.stderr, "intercom.author_id") {
		t.Errorf("plan of a create without author_id exited %d\nstdout: %s\nstderr: %s", res.code, res.stdout, res.stderr)
	}
	srv.Reset()
	if res := runCLI(t, tree, env, "apply"); res.code != 1 {
		t.Errorf("apply exited %d, want 1", res.code)
	}
	if w := writesOf(srv); len(w) > 0 {
		t.Errorf("apply wrote without author_id: %v", w)
	}
}

// TestIntercomPlanRequests: a plan reads the workspace with one request
// per page of articles and of collections; the locales come from the
// same answers, not from requests of their own.
func TestIntercomPlanRequests(t *testing.T) {
	t.Parallel()
	srv := intercomtest.New(intercomtest.Options{Token: intercomToken})
	defer srv.Close()
	dir := intercomTree(t, srv)
	env := []string{"INTERCOM_TOKEN=" + intercomToken}
	mustApply(t, dir, env)
	srv.Reset()
	assertConverged(t, dir, env)
	var got []string
	for _, r := range srv.Requests() {
		got = append(got, r.Method+" "+r.Path+"?"+r.Query.Encode())
	}
	// 9 articles and 6 collections: one page each.
	if len(got) != 2 || srv.Count(http.MethodGet, "/articles") != 1 || srv.Count(http.MethodGet, "/help_center/collections") != 1 {
		t.Errorf("a no-change plan sent %d requests, want 2 (a page of articles, a page of collections):\n%s", len(got), strings.Join(got, "\n"))
	}
}
