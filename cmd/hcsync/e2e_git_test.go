package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/providers/local"
)

// gitTree is a copy of testdata/example in a fresh git repository, with
// its local help center kept outside the work tree so commits hold only
// the docs.
type gitTree struct {
	t    *testing.T
	dir  string // work tree root, where hcsync.yaml is
	hc   string // the local help center's folder
	repo *git.Repository
	wt   *git.Worktree
}

func newGitTree(t *testing.T) *gitTree {
	t.Helper()
	dir := copyTree(t, "../../testdata/example")
	hc := filepath.Join(t.TempDir(), "center")
	cfg := readFile(t, filepath.Join(dir, "hcsync.yaml"))
	writeFile(t, filepath.Join(dir, "hcsync.yaml"), strings.Replace(cfg, "dir: .hcsync/local", "dir: "+hc, 1))
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, err := repo.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	return &gitTree{t: t, dir: dir, hc: hc, repo: repo, wt: wt}
}

// commit stages every change (git add -A) and commits at the given time.
func (g *gitTree) commit(msg string, at time.Time) string {
	g.t.Helper()
	if err := g.wt.AddWithOptions(&git.AddOptions{All: true}); err != nil {
		g.t.Fatal(err)
	}
	sig := &object.Signature{Name: "Writer", Email: "writer@example.com", When: at}
	h, err := g.wt.Commit(msg, &git.CommitOptions{Author: sig, Committer: sig})
	if err != nil {
		g.t.Fatal(err)
	}
	return h.String()
}

func (g *gitTree) doc(rel string) string {
	return filepath.Join(g.dir, "docs", filepath.FromSlash(rel))
}

func (g *gitTree) move(from, to string) {
	g.t.Helper()
	if err := os.Rename(g.doc(from), g.doc(to)); err != nil {
		g.t.Fatal(err)
	}
}

func fileID(t *testing.T, path string) string {
	t.Helper()
	m := regexp.MustCompile(`(?m)^id: (\d+)$`).FindStringSubmatch(readFile(t, path))
	if m == nil {
		t.Fatalf("%s has no id", path)
	}
	return m[1]
}

// TestGitSince walks add, edit, rename and delete commits and checks
// that each plan --since the commit before sees exactly that change:
// a deleted file's id is archived, a renamed file keeps its article.
func TestGitSince(t *testing.T) {
	g := newGitTree(t)
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	added := g.commit("add the example tree", at)
	mustApply(t, g.dir, nil)
	ids := g.commit("hcsync: write ids [skip ci]", at.Add(time.Hour))
	assertConverged(t, g.dir, nil)

	// With nothing deleted since, prune archives nothing, even though
	// the ids were written after the first commit.
	if got := actionCounts(planJSON(t, g.dir, nil, "--prune", "--since", added)); len(got) != 0 {
		t.Fatalf("plan --since the add commit after apply = %v, want no changes", got)
	}

	steps := []struct {
		name string
		edit func()
		want map[plan.Action]int
		// archived is the file whose id must be archived.
		archived string
	}{
		{"edit", func() {
			replaceIn(t, g.doc("getting-started/installation/system-requirements.md"), "| Linux | glibc 2.31 | 4 GB |", "| Linux | glibc 2.35 | 8 GB |")
		}, map[plan.Action]int{plan.ActionUpdateTranslation: 1}, ""},
		{"rename", func() {
			g.move("getting-started/installation/install-mobile.md", "getting-started/installation/mobile-apps.md")
			g.move("getting-started/installation/install-mobile.fr.md", "getting-started/installation/mobile-apps.fr.md")
		}, map[plan.Action]int{}, ""},
		{"delete", func() {
			if err := os.Remove(g.doc("account/security/reset-password.md")); err != nil {
				t.Fatal(err)
			}
		}, map[plan.Action]int{plan.ActionArchive: 1}, "account/security/reset-password.md"},
	}
	prev := ids
	for i, st := range steps {
		var wantID string
		if st.archived != "" {
			wantID = fileID(t, g.doc(st.archived))
		}
		st.edit()
		head := g.commit(st.name, at.Add(time.Duration(2+i)*time.Hour))

		p := planJSON(t, g.dir, nil, "--prune", "--since", prev)
		if got := actionCounts(p); !equalCounts(got, st.want) {
			t.Fatalf("%s: plan --since %s = %v, want %v", st.name, prev, got, st.want)
		}
		for _, c := range p.Changes {
			if c.Action == plan.ActionArchive && (c.ArticleID != wantID || c.File != st.archived) {
				t.Errorf("%s: archive %s #%s, want %s #%s", st.name, c.File, c.ArticleID, st.archived, wantID)
			}
		}
		if st.archived != "" {
			// Prune is opt-in, and --since the deleting commit itself
			// finds nothing deleted.
			if got := actionCounts(planJSON(t, g.dir, nil, "--since", prev)); len(got) != 0 {
				t.Errorf("%s: plan --since without prune = %v, want no changes", st.name, got)
			}
			if got := actionCounts(planJSON(t, g.dir, nil, "--prune", "--since", head)); len(got) != 0 {
				t.Errorf("%s: plan --since HEAD = %v, want no changes", st.name, got)
			}
		}
		mustApply(t, g.dir, nil, "--prune", "--since", prev)
		assertConverged(t, g.dir, nil)
		prev = head
	}

	res := runCLI(t, g.dir, nil, "plan", "--prune", "--since", "no-such-ref")
	if res.code != exitError || !strings.Contains(res.stderr, "no-such-ref") {
		t.Errorf("plan --since an unknown ref: exit %d, stderr %q; want 1 naming the ref", res.code, res.stderr)
	}
}

// TestSinceOutsideGit: plain folders work without git, but --since needs
// history and says so.
func TestSinceOutsideGit(t *testing.T) {
	dir := copyTree(t, "../../testdata/example")
	if res := runCLI(t, dir, nil, "plan"); res.code != 0 {
		t.Fatalf("plan outside git: exit %d: %s", res.code, res.stderr)
	}
	res := runCLI(t, dir, nil, "plan", "--since", "HEAD~1")
	if res.code != exitUsage || !strings.Contains(res.stderr, "not inside a git repository") {
		t.Errorf("plan --since outside git: exit %d, stderr %q; want 64 and an explanation", res.code, res.stderr)
	}
}

// editRemote changes the body of one locale of a local help center's
// article, as an editor in the help center would, stamped at when.
func editRemote(t *testing.T, hc, id, locale, body string, when time.Time) {
	t.Helper()
	ctx := context.Background()
	p, err := local.New(local.Options{Dir: hc, Now: func() time.Time { return when }})
	if err != nil {
		t.Fatal(err)
	}
	list, err := p.ListArticles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range list {
		if tr := a.Translations[locale]; a.ID == id && tr != nil {
			if _, err := p.UpdateTranslation(ctx, id, providers.TranslationInput{Locale: locale, Title: tr.Title, Body: body, Draft: tr.Draft}); err != nil {
				t.Fatal(err)
			}
			return
		}
	}
	t.Fatalf("no %s translation of article %s in %s", locale, id, hc)
}

// TestDrift: an article edited in the help center after its file's last
// commit is flagged, and --fail-on-drift stops plan and apply; an older
// remote edit is a plain update.
func TestDrift(t *testing.T) {
	g := newGitTree(t)
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	g.commit("add the example tree", at)
	mustApply(t, g.dir, nil)
	committed := at.Add(time.Hour)
	g.commit("hcsync: write ids [skip ci]", committed)
	assertConverged(t, g.dir, nil)

	drifted := "getting-started/installation/install-desktop.md"
	older := "account/billing/invoices.md"
	editRemote(t, g.hc, fileID(t, g.doc(drifted)), "en-us", "<p>Edited in the help center.</p>", committed.Add(time.Hour))
	editRemote(t, g.hc, fileID(t, g.doc(older)), "en-us", "<p>Edited before the last commit.</p>", committed.Add(-time.Minute))

	p := planJSON(t, g.dir, nil)
	if got := actionCounts(p); got[plan.ActionUpdateTranslation] != 2 {
		t.Fatalf("plan after remote edits = %v, want 2 update-translation", got)
	}
	var drift []string
	for _, w := range p.Warnings {
		if w.Kind == "drift" {
			drift = append(drift, w.File)
		}
	}
	if len(drift) != 1 || drift[0] != drifted {
		t.Fatalf("drift warnings for %v, want only %s", drift, drifted)
	}

	res := runCLI(t, g.dir, nil, "plan")
	if res.code != 0 || !strings.Contains(res.stdout, drifted+": edited in the help center after the last commit") {
		t.Errorf("plan without --fail-on-drift: exit %d, want 0 and the warning on top:\n%s", res.code, res.stdout)
	}
	res = runCLI(t, g.dir, nil, "plan", "--fail-on-drift")
	if res.code != exitError || !strings.Contains(res.stderr, drifted) {
		t.Errorf("plan --fail-on-drift: exit %d, stderr %q; want 1 naming %s", res.code, res.stderr, drifted)
	}
	res = runCLI(t, g.dir, nil, "apply", "--fail-on-drift")
	if res.code != exitError {
		t.Errorf("apply --fail-on-drift: exit %d, want 1", res.code)
	}
	if got := actionCounts(planJSON(t, g.dir, nil)); got[plan.ActionUpdateTranslation] != 2 {
		t.Errorf("apply --fail-on-drift wrote to the help center: plan now %v", got)
	}

	// Committing the file again (the writer took the edit over) ends
	// the drift.
	replaceIn(t, g.doc(drifted), "about two minutes", "about two minutes or so")
	g.commit("take over the help center's edit", committed.Add(2*time.Hour))
	if res := runCLI(t, g.dir, nil, "plan", "--fail-on-drift"); res.code != 0 {
		t.Errorf("plan --fail-on-drift after a newer commit: exit %d: %s", res.code, res.stderr)
	}
}

// TestShallowCloneCLI: in a clone with part of the history (what
// actions/checkout leaves by default), plan still works and says drift
// is approximate; --since a commit the clone lacks names fetch-depth.
func TestShallowCloneCLI(t *testing.T) {
	g := newGitTree(t)
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	first := g.commit("add the example tree", at)
	replaceIn(t, g.doc("getting-started/installation/install-desktop.md"), "about two minutes", "about three minutes")
	kept := g.commit("edit", at.Add(time.Hour))
	// A shallow clone: .git/shallow names the oldest commit kept, and
	// the commits before it are missing.
	writeFile(t, filepath.Join(g.dir, ".git", "shallow"), kept+"\n")
	if err := os.Remove(filepath.Join(g.dir, ".git", "objects", first[:2], first[2:])); err != nil {
		t.Fatal(err)
	}

	res := runCLI(t, g.dir, nil, "plan")
	if res.code != 0 || !strings.Contains(res.stderr, "shallow clone") || !strings.Contains(res.stderr, "fetch-depth: 0") {
		t.Errorf("plan in a shallow clone: exit %d, stderr %q; want 0 and a note naming fetch-depth: 0", res.code, res.stderr)
	}
	res = runCLI(t, g.dir, nil, "plan", "--prune", "--since", first)
	if res.code != exitError || !strings.Contains(res.stderr, "fetch-depth: 0") {
		t.Errorf("plan --since a commit the clone lacks: exit %d, stderr %q; want 1 naming fetch-depth: 0", res.code, res.stderr)
	}
	if got := actionCounts(planJSON(t, g.dir, nil, "--prune", "--since", kept)); got[plan.ActionArchive] != 0 {
		t.Errorf("plan --since the shallow boundary = %v, want no archive", got)
	}
}

// --debug books the git history walk as its own step, between loading
// the tree and reading the help center, so a slow plan in a clone shows
// where its time went.
func TestDebugTimesGit(t *testing.T) {
	g := newGitTree(t)
	g.commit("add the example tree", time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))
	res := runCLI(t, g.dir, nil, "plan", "--debug")
	if res.code != 0 {
		t.Fatalf("plan --debug: exit %d, stderr %q", res.code, res.stderr)
	}
	steps := regexp.MustCompile(`(?m)^timing: (tree loaded|git history read|help center read)\b`).FindAllStringSubmatch(res.stderr, -1)
	var got []string
	for _, s := range steps {
		got = append(got, s[1])
	}
	if want := "tree loaded, git history read, help center read"; strings.Join(got, ", ") != want {
		t.Errorf("plan --debug timing lines %q, want %s; stderr:\n%s", got, want, res.stderr)
	}
}
