package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestHelpCenterKeepsEmbedsAndForms: Help.Center documents only that it
// sanitizes HTML "for security" (helpcenter-articles.txt), so plan
// refuses only what that can mean, script that would run in the
// reader's page, and not video embeds or forms: an article with an
// <iframe>, a <form> and an <input> plans, applies as written and
// converges. A <script> or an on* handler is still refused at its line.
func TestHelpCenterKeepsEmbedsAndForms(t *testing.T) {
	t.Parallel()
	srv := newHelpCenterFake(t)
	dir := hcSmallTree(t, srv, map[string]string{
		"guides/video.md": "---\ntitle: Watch the tour\n---\nThe tour:\n\n" +
			"<iframe src=\"https://www.youtube.com/embed/abc123\" title=\"Tour\" allowfullscreen></iframe>\n\n" +
			"<form action=\"https://example.com/search\"><input type=\"search\" name=\"q\"><button>Search</button></form>\n",
	})
	env := []string{"HELPCENTER_API_KEY=" + hcFullKey}
	mustApply(t, dir, env)
	assertConverged(t, dir, env)
	a := srv.Articles()[0]
	for _, want := range []string{`<iframe src="https://www.youtube.com/embed/abc123"`, `<form action="https://example.com/search">`, `<input type="search" name="q"`} {
		if !strings.Contains(a.Published.HTML, want) {
			t.Errorf("the published body lacks %s:\n%s", want, a.Published.HTML)
		}
	}

	writeFile(t, filepath.Join(dir, "docs", "guides", "bad.md"), "---\ntitle: Bad\n---\nText.\n\n<script>track()</script>\n\n<p onclick=\"x()\">Click</p>\n")
	res := runCLI(t, dir, env, "plan")
	out := res.stdout + res.stderr
	if res.code != 1 || !strings.Contains(out, "guides/bad.md:6:") || !strings.Contains(out, "<script>") || !strings.Contains(out, "guides/bad.md:8:") || !strings.Contains(out, "onclick") {
		t.Errorf("plan of a script and a handler: exit %d, want 1 naming each at its line\n%s", res.code, out)
	}
}
