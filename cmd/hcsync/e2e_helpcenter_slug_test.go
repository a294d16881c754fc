package main

import (
	"testing"
)

// TestHelpCenterSlugsAreURLFriendly: the slugs hcsync gives drafts (so
// that links to them are known before they are published) follow the
// service's rule, "a URL-friendly slug" in which "Título del artículo"
// becomes "articulo" (helpcenter-articles.txt, "Category Management"
// and "Fetching Translations"): accents folded, ASCII only. They are the
// slugs the service itself generates on publish, so publishing a draft
// later changes no URL and no linking body; and the plan converges.
func TestHelpCenterSlugsAreURLFriendly(t *testing.T) {
	t.Parallel()
	srv := newHelpCenterFake(t)
	dir := hcSmallTree(t, srv, map[string]string{
		"guides/reset.md":    "---\ntitle: Réinitialiser le mot de passe\ndraft: true\n---\nSee [the café](cafe.md).\n",
		"guides/reset.fr.md": "---\ntitle: Réinitialiser — étape 2\ndraft: true\n---\nDemandez un lien.\n",
		"guides/cafe.md":     "---\ntitle: \"Café & Crème brûlée: Straße Œuvre\"\n---\nSee [reset](reset.md).\n",
	})
	env := []string{"HELPCENTER_API_KEY=" + hcFullKey}
	mustApply(t, dir, env)
	assertConverged(t, dir, env)

	want := map[string]string{
		"Réinitialiser le mot de passe":     "reinitialiser-le-mot-de-passe",
		"Café & Crème brûlée: Straße Œuvre": "cafe-creme-brulee-strasse-oeuvre",
	}
	for _, a := range srv.Articles() {
		if w, ok := want[a.Draft.Title]; !ok || a.Slug != w {
			t.Errorf("article %q has slug %q, want %q", a.Draft.Title, a.Slug, w)
		}
		if fr := a.Translations["fr"]; fr != nil && fr.Slug != "reinitialiser-etape-2" {
			t.Errorf("the fr draft has slug %q, want reinitialiser-etape-2", fr.Slug)
		}
	}
}
