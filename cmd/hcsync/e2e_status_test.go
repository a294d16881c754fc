package main

import (
	"os"
	"strings"
	"testing"
	"time"
)

// statusTree is the example in git with one stale translation (the
// source of install-mobile.fr.md changed after it) and one deleted
// (two-factor.fr.md, so the article misses fr).
// It returns the commit that made the translation stale.
func statusTree(t *testing.T) (*gitTree, string) {
	t.Helper()
	g := newGitTree(t)
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	g.commit("add the example tree", at)
	replaceIn(t, g.doc("getting-started/installation/install-mobile.md"), "- [ ] Sign in\n", "- [ ] Sign in\n- [ ] Pick a theme\n")
	return g, g.commit("mobile: theme step", at.Add(time.Hour))
}

func TestStatusGolden(t *testing.T) {
	g, stale := statusTree(t)
	if err := os.Remove(g.doc("account/security/two-factor.fr.md")); err != nil {
		t.Fatal(err)
	}
	g.commit("drop the French two-factor page", time.Date(2026, 3, 1, 11, 0, 0, 0, time.UTC))
	for _, tt := range []struct{ format, file string }{
		{"text", "status.txt"}, {"markdown", "status.md"}, {"json", "status.json"},
	} {
		t.Run(tt.format, func(t *testing.T) {
			res := runCLI(t, g.dir, nil, "status", "--offline", "--format", tt.format)
			if res.code != 0 {
				t.Fatalf("status exited %d: %s", res.code, res.stderr)
			}
			// The commit's hash depends on the config, which names a
			// temporary folder.
			out := strings.ReplaceAll(res.stdout, stale, "<commit>")
			golden(t, tt.file, strings.ReplaceAll(out, stale[:10], "<commit>"))
		})
	}
	res := runCLI(t, g.dir, nil, "status", "--offline", "--locale", "fr")
	if !strings.Contains(res.stdout, "fr: 2 current, 1 stale, 6 missing\n") || strings.Contains(res.stdout, "de:") {
		t.Errorf("status --locale fr:\n%s", res.stdout)
	}
}

// With the help center, a translation it has and no file holds is
// unmanaged rather than missing.
func TestStatusOnline(t *testing.T) {
	g, _ := statusTree(t)
	mustApply(t, g.dir, nil)
	if err := os.Remove(g.doc("account/security/two-factor.fr.md")); err != nil {
		t.Fatal(err)
	}
	res := runCLI(t, g.dir, nil, "status", "--format", "json")
	if res.code != 0 {
		t.Fatalf("status exited %d: %s", res.code, res.stderr)
	}
	if !strings.Contains(res.stdout, `"file": "account/security/two-factor.md"`) || !strings.Contains(res.stdout, `"state": "unmanaged"`) {
		t.Errorf("status does not show the remote-only two-factor fr as unmanaged:\n%s", res.stdout)
	}
	text := runCLI(t, g.dir, nil, "status", "--locale", "fr")
	if !strings.Contains(text.stdout, "fr: 2 current, 1 stale, 5 missing, 1 unmanaged\n") {
		t.Errorf("status --locale fr:\n%s", text.stdout)
	}
}
