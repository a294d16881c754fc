package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestPlanStale: a source body commit after its translation's makes the
// plan list the translation as stale (since that commit, with the lines
// changed), --since says the change made it stale, --fail-on-stale
// exits 1; a front-matter edit of the source does not count, and an
// edit of the translation, or a source_commit: bump, makes it current.
func TestPlanStale(t *testing.T) {
	g := newGitTree(t)
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	base := g.commit("add the example tree", at)
	src := g.doc("getting-started/installation/install-mobile.md")
	tr := g.doc("getting-started/installation/install-mobile.fr.md")

	replaceIn(t, src, "position: 2", "position: 3")
	g.commit("reorder", at.Add(time.Hour))
	if p := planJSON(t, g.dir, nil); len(p.Stale) != 0 {
		t.Fatalf("after a front-matter-only change of the source, stale = %+v, want none", p.Stale)
	}

	replaceIn(t, src, "- [ ] Sign in\n", "- [ ] Sign in\n- [ ] Pick a theme\n")
	changed := g.commit("mobile: theme step", at.Add(2*time.Hour))
	p := planJSON(t, g.dir, nil, "--since", base)
	if len(p.Stale) != 1 {
		t.Fatalf("stale = %+v, want install-mobile.fr.md", p.Stale)
	}
	s := p.Stale[0]
	if s.File != "getting-started/installation/install-mobile.fr.md" || s.Article != "getting-started/installation/install-mobile.md" ||
		s.Locale != "fr" || s.Since != changed || s.LinesChanged != 1 || s.Commits != 1 || !s.New {
		t.Errorf("stale = %+v, want install-mobile.fr.md [fr] since %s, 1 line, new since --since", s, changed)
	}
	if p := planJSON(t, g.dir, nil, "--since", changed); p.Stale[0].New {
		t.Errorf("--since the change itself: stale %+v is marked new", p.Stale[0])
	}
	text := runCLI(t, g.dir, nil, "plan")
	if !strings.Contains(text.stdout, "install-mobile.fr.md [fr]: source getting-started/installation/install-mobile.md changed since "+changed[:10]) {
		t.Errorf("text plan does not name the stale translation:\n%s", text.stdout)
	}
	md := runCLI(t, g.dir, nil, "plan", "--format", "markdown", "--since", base)
	if !strings.Contains(md.stdout, "**1 stale translation** (1 made stale by this change)") {
		t.Errorf("markdown plan does not list the stale translation:\n%s", md.stdout)
	}
	res := runCLI(t, g.dir, nil, "plan", "--fail-on-stale")
	if res.code != 1 || !strings.Contains(res.stderr, "--fail-on-stale: 1 translation(s) are behind their source (getting-started/installation/install-mobile.fr.md)") {
		t.Fatalf("plan --fail-on-stale exited %d, stderr %q; want 1 naming the file", res.code, res.stderr)
	}

	// Confirming with source_commit: (the documented key) makes it current.
	replaceIn(t, tr, "title: Installer l'application mobile\n", "title: Installer l'application mobile\nsource_commit: "+changed[:12]+"\n")
	g.commit("fr: still holds", at.Add(3*time.Hour))
	if res := runCLI(t, g.dir, nil, "plan", "--fail-on-stale"); res.code != 0 {
		t.Fatalf("after source_commit: plan --fail-on-stale exited %d\n%s", res.code, res.stderr)
	}

	// Another source change, then the translation's own edit.
	replaceIn(t, src, "- [ ] Pick a theme\n", "- [ ] Pick a colour theme\n")
	g.commit("mobile: wording", at.Add(4*time.Hour))
	if p := planJSON(t, g.dir, nil); len(p.Stale) != 1 || p.Stale[0].LinesChanged != 2 {
		t.Fatalf("stale = %+v, want install-mobile.fr.md by 2 lines", p.Stale)
	}
	replaceIn(t, tr, "Google Play.\n", "Google Play.\n\nChoisissez un thème de couleurs.\n")
	g.commit("fr: theme", at.Add(5*time.Hour))
	if p := planJSON(t, g.dir, nil); len(p.Stale) != 0 {
		t.Fatalf("after the translation's edit, stale = %+v, want none", p.Stale)
	}
}

// TestRequiredLocales: required_locales makes each missing translation
// a plan warning naming the file to add, and --fail-on-missing a failure.
func TestRequiredLocales(t *testing.T) {
	g := newGitTree(t)
	cfg := g.dir + "/hcsync.yaml"
	writeFile(t, cfg, readFile(t, cfg)+"required_locales: [fr]\n")
	p := planJSON(t, g.dir, nil)
	var missing []string
	for _, w := range p.Warnings {
		if w.Kind == "missing-translation" {
			missing = append(missing, w.File+": "+w.Msg)
		}
	}
	want := "account/security/reset-password.md: no fr translation, and required_locales lists fr: add account/security/reset-password.fr.md"
	if len(missing) != 5 || !strings.Contains(strings.Join(missing, "\n"), want) {
		t.Errorf("missing-translation warnings:\n%s\nwant 5, among them %q", strings.Join(missing, "\n"), want)
	}
	res := runCLI(t, g.dir, nil, "plan", "--fail-on-missing")
	if res.code != 1 || !strings.Contains(res.stderr, "--fail-on-missing: 5 translation(s) required by required_locales are missing") {
		t.Errorf("plan --fail-on-missing exited %d, stderr %q", res.code, res.stderr)
	}
	if res := runCLI(t, g.dir, nil, "plan", "--fail-on-missing", "--format", "json"); res.code != 1 {
		t.Errorf("plan --fail-on-missing --format json exited %d", res.code)
	}
}

// TestStaleWithoutGit: in a tree outside git (an export, a tarball), a
// translation whose source_hash: no longer matches its source's body is
// stale; one that matches is current.
func TestStaleWithoutGit(t *testing.T) {
	dir := copyTree(t, "../../testdata/example")
	docs := dir + "/docs/getting-started/installation/"
	st := runCLI(t, dir, nil, "status", "--offline", "--format", "json")
	hash := regexp.MustCompile(`"file": "getting-started/installation/install-mobile.md",\s*"title": "[^"]*",\s*"locale": "[^"]*",\s*"source_hash": "([0-9a-f]{12})"`).FindStringSubmatch(st.stdout)
	if hash == nil {
		t.Fatalf("status JSON gives no source_hash for install-mobile.md:\n%s", st.stdout)
	}
	for _, fr := range []string{"install-mobile.fr.md", "install-desktop.fr.md"} {
		replaceIn(t, docs+fr, "---\n", "---\nsource_hash: "+hash[1]+"\n")
	}
	if p := planJSON(t, dir, nil); len(p.Stale) != 1 || p.Stale[0].File != "getting-started/installation/install-desktop.fr.md" || p.Stale[0].Since != "" {
		t.Fatalf("stale = %+v, want install-desktop.fr.md alone (its hash is another source's), with no commit", p.Stale)
	}
	replaceIn(t, docs+"install-mobile.md", "- [ ] Sign in\n", "- [ ] Sign in\n- [ ] Pick a theme\n")
	if p := planJSON(t, dir, nil); len(p.Stale) != 2 {
		t.Fatalf("after the source's edit, stale = %+v, want both", p.Stale)
	}
}

// TestGitBodyCache: in a git checkout the second plan takes the body
// digests of the blobs the first compared from the git body cache, and
// a damaged cache file never changes the plan: --debug says it was
// rebuilt.
func TestGitBodyCache(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	g := newGitTree(t)
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	config := filepath.Join(g.dir, "hcsync.yaml")
	// Applied first: a plan of creates orders some dependencies
	// differently from run to run, which is not this test's concern.
	if res := runCLI(t, g.dir, nil, "apply", "--auto-approve"); res.code != 0 {
		t.Fatalf("apply exited %d\n%s", res.code, res.stderr)
	}
	g.commit("add the example tree", at)
	replaceIn(t, g.doc("getting-started/installation/install-mobile.md"), "- [ ] Sign in\n", "- [ ] Sign in\n- [ ] Pick a theme\n")
	g.commit("mobile: theme step", at.Add(time.Hour))

	want, _ := planInProcess(t, config, "--no-cache")
	if !strings.Contains(want, "install-mobile.fr.md") {
		t.Fatalf("the plan lists no stale translation:\n%s", want)
	}
	planInProcess(t, config) // writes the cache
	got, stderr := planInProcess(t, config, "--debug")
	if got != want {
		t.Fatalf("plan with the git body cache differs from --no-cache:\n%s\nwant:\n%s", got, want)
	}
	if !strings.Contains(stderr, "git body cache: 2 blob(s) from the cache") {
		t.Errorf("--debug of the second plan does not say the cache gave both versions of the source:\n%s", stderr)
	}
	caches, _ := filepath.Glob(filepath.Join(os.Getenv("XDG_CACHE_HOME"), "hcsync", "git-bodies-*.bin"))
	if len(caches) != 1 {
		t.Fatalf("git body caches %v, want one", caches)
	}
	good := []byte(readFile(t, caches[0]))
	for i := 0; i < len(good); i += 1 + len(good)/40 {
		data := bytes.Clone(good)
		data[i] ^= 1 << (i % 8)
		if err := os.WriteFile(caches[0], data, 0o644); err != nil {
			t.Fatal(err)
		}
		got, stderr := planInProcess(t, config, "--debug")
		if got != want {
			t.Fatalf("byte %d flipped: the plan differs from --no-cache:\n%s\nwant:\n%s", i, got, want)
		}
		if !strings.Contains(stderr, "git body cache damaged") && !strings.Contains(stderr, "git body cache of another version") {
			t.Fatalf("byte %d flipped: --debug does not report it:\n%s", i, stderr)
		}
	}
}

// TestStatusOfflineUsesGitBodyCache: status --offline, the command that
// does nothing but the stale-translation check, keeps the git body cache
// as plan does: the second run reads the source's versions from it, and
// says the same as --no-cache.
func TestStatusOfflineUsesGitBodyCache(t *testing.T) {
	cache := t.TempDir()
	env := []string{"XDG_CACHE_HOME=" + cache}
	g := newGitTree(t)
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	g.commit("add the example tree", at)
	replaceIn(t, g.doc("getting-started/installation/install-mobile.md"), "- [ ] Sign in\n", "- [ ] Sign in\n- [ ] Pick a theme\n")
	g.commit("mobile: theme step", at.Add(time.Hour))

	status := func(args ...string) cliResult {
		t.Helper()
		res := runCLI(t, g.dir, env, append([]string{"status", "--offline", "--format", "json"}, args...)...)
		if res.code != 0 {
			t.Fatalf("status %v exited %d\n%s", args, res.code, res.stderr)
		}
		return res
	}
	want := status("--no-cache").stdout
	if !strings.Contains(want, `"stale"`) {
		t.Fatalf("status shows no stale translation:\n%s", want)
	}
	status() // writes the cache
	second := status("--debug")
	if second.stdout != want {
		t.Fatalf("status with the git body cache differs from --no-cache:\n%s\nwant:\n%s", second.stdout, want)
	}
	if !strings.Contains(second.stderr, "git body cache: 2 blob(s) from the cache") {
		t.Errorf("--debug of the second status does not say the cache gave both versions of the source:\n%s", second.stderr)
	}
}
