package main

import (
	"fmt"
	"net/http"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/providers/intercom"
	"github.com/hcsync/hcsync/providers/intercom/intercomtest"
)

const intercomToken = "ic-e2e-token-3b7d1f"

// intercomTree copies testdata/example for Intercom: the workspace's
// default locale is "en" (Intercom's codes are en, fr, pt-BR), so
// default_locale is en rather than en-us; the front-matter keys Intercom
// cannot hold (labels, content tags, segments, promoted, position) are
// removed, as a writer targeting it would; and images are served from
// image_base_url, since Intercom takes images by URL only.
func intercomTree(t *testing.T, srv *intercomtest.Server) string {
	t.Helper()
	dir := copyTree(t, "../../testdata/example")
	writeFile(t, filepath.Join(dir, "hcsync.yaml"), fmt.Sprintf(`provider: intercom
content: docs
default_locale: en
concurrency: 4
intercom:
  author_id: %d
  base_url: %s
  image_base_url: https://raw.githubusercontent.com/acme/lumen-docs/main/docs
  locales: [en, fr, de]
`, srv.AuthorID(), srv.URL))
	dropKeys(t, filepath.Join(dir, "docs"), "labels", "content_tags", "segments", "promoted", "position", "redirect_from")
	return dir
}

// TestIntercomEndToEnd runs the built CLI against the Intercom fake:
// plan, apply, plan again (empty), and checks the workspace holds every
// collection, article, translation and state the tree says.
func TestIntercomEndToEnd(t *testing.T) {
	t.Parallel()
	srv := intercomtest.New(intercomtest.Options{Token: intercomToken})
	defer srv.Close()
	dir := intercomTree(t, srv)
	env := []string{"INTERCOM_TOKEN=" + intercomToken}

	firstPlan(t, dir, env)
	res := mustApply(t, dir, env)
	if strings.Contains(res.stdout+res.stderr, intercomToken) {
		t.Error("the token appears in apply's output")
	}
	assertConverged(t, dir, env)
	ip, err := intercom.New(intercom.Options{BaseURL: srv.URL, Token: intercomToken, AuthorID: strconv.Itoa(srv.AuthorID())})
	if err != nil {
		t.Fatal(err)
	}
	assertLinksResolve(t, ip)

	// Collections nest as the folders do.
	cols := map[string]intercomtest.Collection{}
	byID := map[string]string{}
	for _, c := range srv.Collections() {
		cols[c.Name] = c
		byID[c.ID] = c.Name
	}
	for child, parent := range map[string]string{
		"Getting Started": "", "Installation": "Getting Started", "First steps": "Getting Started",
		"Account & Billing": "", "Billing": "Account & Billing", "Security": "Account & Billing",
	} {
		c, ok := cols[child]
		if !ok {
			t.Errorf("collection %q missing; have %v", child, byID)
			continue
		}
		if byID[c.ParentID] != parent {
			t.Errorf("collection %q is under %q, want %q", child, byID[c.ParentID], parent)
		}
	}

	// Articles: parent collection, locales and per-locale state.
	type want struct {
		parent  string
		locales map[string]string // locale -> state
	}
	wants := map[string]want{
		"Install Lumen on your computer":    {"Installation", map[string]string{"en": "published", "fr": "published", "de": "published"}},
		"Install the mobile app":            {"Installation", map[string]string{"en": "published", "fr": "published"}},
		"System requirements":               {"Installation", map[string]string{"en": "published"}},
		"Create your first workspace":       {"First steps", map[string]string{"en": "published", "fr": "published", "de": "published"}},
		"Invite your team":                  {"First steps", map[string]string{"en": "published"}},
		"Download invoices":                 {"Billing", map[string]string{"en": "draft"}},
		"Update your payment method":        {"Billing", map[string]string{"en": "published", "de": "published"}},
		"Reset your password":               {"Security", map[string]string{"en": "published"}},
		"Turn on two-factor authentication": {"Security", map[string]string{"en": "published", "fr": "published"}},
	}
	articles := srv.Articles()
	if len(articles) != len(wants) {
		t.Errorf("workspace holds %d articles, want %d", len(articles), len(wants))
	}
	for _, a := range articles {
		title := a.Contents["en"].Title
		w, ok := wants[title]
		if !ok {
			t.Errorf("unexpected article %q", title)
			continue
		}
		if byID[a.ParentID] != w.parent {
			t.Errorf("%q is in %q, want %q", title, byID[a.ParentID], w.parent)
		}
		if len(a.Contents) != len(w.locales) {
			t.Errorf("%q has %d locales, want %v", title, len(a.Contents), w.locales)
		}
		for loc, state := range w.locales {
			if c := a.Contents[loc]; c == nil || c.State != state {
				t.Errorf("%q %s = %+v, want state %s", title, loc, c, state)
			}
		}
		if title == "Install Lumen on your computer" {
			body := a.Contents["en"].Body
			// Intercom re-hosts the image it was given by URL on its CDN.
			for _, s := range []string{`<h2>Windows</h2>`, `<img src="https://downloads.intercomcdn.com/i/o/`, `/installer.png" alt="The Lumen installer"`, `<table>`, `<pre><code>sudo apt install`} {
				if !strings.Contains(body, s) {
					t.Errorf("stored body of %q lacks %s:\n%s", title, s, body)
				}
			}
			if fr := a.Contents["fr"]; fr == nil || fr.Title != "Installer Lumen sur votre ordinateur" {
				t.Errorf("French translation = %+v", fr)
			}
		}
	}

	// The ids were written back: another apply changes nothing.
	if !strings.Contains(readFile(t, filepath.Join(dir, "docs/account/billing/invoices.md")), "\nid: ") {
		t.Error("apply did not write the id into invoices.md")
	}
	srv.Reset()
	mustApply(t, dir, env)
	for _, r := range srv.Requests() {
		if r.Method != http.MethodGet {
			t.Errorf("second apply sent %s %s", r.Method, r.Path)
		}
	}

	// A file turns to draft: one locale is unpublished, the rest stays.
	replaceIn(t, filepath.Join(dir, "docs/getting-started/installation/install-desktop.fr.md"),
		"title: Installer Lumen sur votre ordinateur\n", "title: Installer Lumen sur votre ordinateur\ndraft: true\n")
	mustApply(t, dir, env)
	assertConverged(t, dir, env)
	for _, a := range srv.Articles() {
		if a.Contents["en"].Title == "Install Lumen on your computer" {
			if a.Contents["fr"].State != "draft" || a.Contents["en"].State != "published" || a.Contents["de"].State != "published" {
				t.Errorf("after drafting fr: en %s fr %s de %s", a.Contents["en"].State, a.Contents["fr"].State, a.Contents["de"].State)
			}
		}
	}
}

// TestIntercomRejectedHTML: HTML Intercom's reference says it rejects
// with 400 is a plan error naming the file and line, every one in one
// run, and apply sends nothing.
func TestIntercomRejectedHTML(t *testing.T) {
	t.Parallel()
	srv := intercomtest.New(intercomtest.Options{Token: intercomToken})
	defer srv.Close()
	dir := intercomTree(t, srv)
	env := []string{"INTERCOM_TOKEN=" + intercomToken}
	sec := "docs/getting-started/installation/"
	bad := []struct {
		file, body string
		line       int
		msg        string
	}{
		{"nested-list.md", "Steps:\n\n- one\n  - one point one\n", 7, "nested lists"},
		{"empty-list.md", "Text.\n\n-\n", 6, "empty list"},
		{"dl.md", "Terms:\n\n<dl><dt>A</dt><dd>B</dd></dl>\n", 6, "definition lists"},
		{"iframe.md", "Watch:\n\n<iframe src=\"https://videos.example.com/embed/1\"></iframe>\n", 6, "not a supported video embed"},
		{"raw-nested.md", "<ul><li>a<ol><li>b</li></ol></li></ul>\n", 4, "nested lists"},
		{"list-table.md", "- item\n\n  | a |\n  |---|\n  | b |\n", 6, "table inside a list item"},
	}
	for _, b := range bad {
		writeFile(t, filepath.Join(dir, sec+b.file), "---\ntitle: Bad "+b.file+"\n---\n"+b.body)
	}
	res := runCLI(t, dir, env, "plan")
	if res.code != 1 {
		t.Fatalf("plan exited %d, want 1\nstdout: %s\nstderr: %s", res.code, res.stdout, res.stderr)
	}
	out := res.stdout + res.stderr
	for _, b := range bad {
		where := fmt.Sprintf("%s:%d:", strings.TrimPrefix(sec, "docs/")+b.file, b.line)
		if !regexp.MustCompile(regexp.QuoteMeta(where) + `.*` + regexp.QuoteMeta(b.msg)).MatchString(out) {
			t.Errorf("plan output lacks %q ... %q\n%s", where, b.msg, out)
		}
	}
	srv.Reset()
	if res := runCLI(t, dir, env, "apply"); res.code == 0 {
		t.Fatalf("apply of a tree with rejected HTML succeeded\n%s", res.stdout)
	}
	for _, r := range srv.Requests() {
		if r.Method != http.MethodGet {
			t.Errorf("apply sent %s %s despite plan errors", r.Method, r.Path)
		}
	}
	if n := len(srv.Articles()) + len(srv.Collections()); n != 0 {
		t.Errorf("the workspace holds %d objects after a refused apply", n)
	}
}
