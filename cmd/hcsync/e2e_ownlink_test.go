package main

import (
	"fmt"
	"path/filepath"
	"testing"
)

// TestHelpCenterLinkToOwnTranslation: an article that links to its own
// French version applies on Help.Center, where a translation cannot be
// published before its article, whether the article is new, only the
// translation is, or the article is published in the same apply; and
// converges.
func TestHelpCenterLinkToOwnTranslation(t *testing.T) {
	t.Parallel()
	srv := newHelpCenterFake(t)
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "hcsync.yaml"), fmt.Sprintf("provider: helpcenter\ncontent: docs\ndefault_locale: en\nrate_limit: %d\nhelpcenter:\n  center_id: %s\n  base_url: %s\n", hcRateLimit*60, srv.CenterID, srv.URL))
	env := []string{"HELPCENTER_API_KEY=" + hcFullKey}
	docs := filepath.Join(dir, "docs", "guides")
	writeFile(t, filepath.Join(docs, "a.md"), "---\ntitle: A\n---\nAlso [en français](a.fr.md).\n")
	writeFile(t, filepath.Join(docs, "a.fr.md"), "---\ntitle: A fr\n---\nBonjour.\n")
	mustApply(t, dir, env)
	assertConverged(t, dir, env)

	writeFile(t, filepath.Join(docs, "b.md"), "---\ntitle: B\n---\nHello.\n")
	mustApply(t, dir, env)
	replaceIn(t, filepath.Join(docs, "b.md"), "Hello.", "Hello. Also [en français](b.fr.md).")
	writeFile(t, filepath.Join(docs, "b.fr.md"), "---\ntitle: B fr\n---\nBonjour.\n")
	mustApply(t, dir, env)
	assertConverged(t, dir, env)

	// A draft article published in the same apply that adds its linked
	// translation: the translation cannot be published first.
	writeFile(t, filepath.Join(docs, "c.md"), "---\ntitle: C\ndraft: true\n---\nHello.\n")
	mustApply(t, dir, env)
	replaceIn(t, filepath.Join(docs, "c.md"), "draft: true\n", "")
	replaceIn(t, filepath.Join(docs, "c.md"), "Hello.", "Hello. Also [en français](c.fr.md).")
	writeFile(t, filepath.Join(docs, "c.fr.md"), "---\ntitle: C fr\n---\nBonjour.\n")
	mustApply(t, dir, env)
	assertConverged(t, dir, env)
}
