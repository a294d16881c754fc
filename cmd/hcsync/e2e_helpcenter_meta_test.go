package main

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestHelpCenterSendsOnlyWhatChanged: an apply writes only the fields
// that changed. A description change is one metadata write (its SEO
// object), for the article and for a translation: the content is not
// written to the draft and not published again, so a published article
// gets no new version and no pending edits. A body change writes the
// draft (the body alone) and publishes it, and leaves the metadata
// alone; a retitle writes the title alone.
func TestHelpCenterSendsOnlyWhatChanged(t *testing.T) {
	t.Parallel()
	srv := newHelpCenterFake(t)
	dir := hcSmallTree(t, srv, map[string]string{
		"guides/reset.md":    "---\ntitle: Reset your password\nslug: reset\ndescription: Get a new password.\n---\nAsk for a link.\n",
		"guides/reset.fr.md": "---\ntitle: Réinitialiser\nslug: reinitialiser\ndescription: Un nouveau mot de passe.\n---\nDemandez un lien.\n",
		"guides/draft.md":    "---\ntitle: Coming soon\ndraft: true\ndescription: Not yet.\n---\nSoon.\n",
	})
	env := []string{"HELPCENTER_API_KEY=" + hcFullKey}
	mustApply(t, dir, env)
	id := articleIDByTitle(t, srv, "Reset your password")
	draftID := articleIDByTitle(t, srv, "Coming soon")
	before, _ := srv.Article(id)
	base := "/v0/centers/" + srv.CenterID + "/articles/"
	docs := filepath.Join(dir, "docs", "guides")

	steps := []struct {
		name string
		edit func()
		want []string
	}{
		{"the article's description", func() {
			replaceIn(t, filepath.Join(docs, "reset.md"), "description: Get a new password.", "description: Get a new password by email.")
		}, []string{"PATCH " + base + id + "/metadata -> 200"}},
		{"a translation's description", func() {
			replaceIn(t, filepath.Join(docs, "reset.fr.md"), "description: Un nouveau mot de passe.", "description: Un nouveau mot de passe par e-mail.")
		}, []string{"PATCH " + base + id + "/translations/fr/metadata -> 200"}},
		{"a draft's description", func() {
			replaceIn(t, filepath.Join(docs, "draft.md"), "description: Not yet.", "description: Not yet, soon.")
		}, []string{"PATCH " + base + draftID + "/metadata -> 200"}},
		{"the article's body", func() {
			replaceIn(t, filepath.Join(docs, "reset.md"), "Ask for a link.", "Ask for a link by email.")
		}, []string{"PATCH " + base + id + "/draft -> 200", "POST " + base + id + "/publish -> 200"}},
	}
	for _, st := range steps {
		st.edit()
		srv.Middleware().Reset()
		mustApply(t, dir, env)
		if got := nonGETs(srv); !slices.Equal(got, st.want) {
			t.Errorf("an apply of %s sent %q; want %q", st.name, got, st.want)
		}
	}
	// The draft write carries the field that changed, not the other.
	for _, r := range srv.Middleware().Requests() {
		if r.Method == "PATCH" && strings.HasSuffix(r.Path, "/draft") && (strings.Contains(string(r.Body), `"title"`) || !strings.Contains(string(r.Body), `"html"`)) {
			t.Errorf("a body change wrote the draft with %s; want the html alone", r.Body)
		}
	}
	replaceIn(t, filepath.Join(docs, "reset.md"), "title: Reset your password", "title: Reset a password")
	srv.Middleware().Reset()
	mustApply(t, dir, env)
	for _, r := range srv.Middleware().Requests() {
		if r.Method == "PATCH" && strings.HasSuffix(r.Path, "/draft") && (strings.Contains(string(r.Body), `"html"`) || !strings.Contains(string(r.Body), `"title"`)) {
			t.Errorf("a retitle wrote the draft with %s; want the title alone", r.Body)
		}
	}
	assertConverged(t, dir, env)
	assertConverged(t, dir, env)

	a, _ := srv.Article(id)
	if a.SEO.MetaDesc != "Get a new password by email." || a.Translations["fr"].SEO.MetaDesc != "Un nouveau mot de passe par e-mail." {
		t.Errorf("descriptions after apply: %q, fr %q", a.SEO.MetaDesc, a.Translations["fr"].SEO.MetaDesc)
	}
	if a.Translations["fr"].PublishedAt != before.Translations["fr"].PublishedAt {
		t.Error("the fr translation was published again for a description change")
	}
	if d, _ := srv.Article(draftID); d.SEO.MetaDesc != "Not yet, soon." || d.Published != nil {
		t.Errorf("draft after its description change: %q, published %v", d.SEO.MetaDesc, d.Published != nil)
	}
}
