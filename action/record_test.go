package action

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hcsync/hcsync/internal/exampletree"
	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/providers/local"
)

// origin is a bare repository standing in for the GitHub repository,
// with the example tree on main and a local help center outside it that
// every clone's hcsync.yaml points at.
type origin struct {
	dir    string
	center string
}

// git runs git in dir as a writer whose commits have the given time
// (zero: now).
func gitAt(t *testing.T, dir string, when time.Time, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=Writer", "GIT_AUTHOR_EMAIL=writer@example.com",
		"GIT_COMMITTER_NAME=Writer", "GIT_COMMITTER_EMAIL=writer@example.com", "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir)
	if !when.IsZero() {
		stamp := fmt.Sprintf("@%d +0000", when.Unix())
		cmd.Env = append(cmd.Env, "GIT_AUTHOR_DATE="+stamp, "GIT_COMMITTER_DATE="+stamp)
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s in %s: %v\n%s", strings.Join(args, " "), dir, err, out)
	}
	return strings.TrimSpace(string(out))
}

func gitRun(t *testing.T, dir string, args ...string) string {
	t.Helper()
	return gitAt(t, dir, time.Time{}, args...)
}

// newOrigin seeds main with the example tree and the extra files.
func newOrigin(t *testing.T, extra ...map[string]string) *origin {
	t.Helper()
	o := &origin{dir: filepath.Join(t.TempDir(), "origin.git"), center: filepath.Join(t.TempDir(), "center")}
	gitRun(t, filepath.Dir(o.dir), "init", "--quiet", "--bare", "--initial-branch=main", o.dir)
	seed := t.TempDir()
	// The example as committed, whether or not the README's main job
	// applied it in this working copy.
	exampletree.Copy(t, "../testdata/example", seed)
	cfg, err := os.ReadFile(filepath.Join(seed, "hcsync.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(cfg), "dir: .hcsync/local", "dir: "+o.center, 1) + "prune: true\n"
	writeText(t, filepath.Join(seed, "hcsync.yaml"), s)
	for _, files := range extra {
		for name, text := range files {
			writeText(t, filepath.Join(seed, name), text)
		}
	}
	gitRun(t, seed, "init", "--quiet", "--initial-branch=main")
	gitRun(t, seed, "add", "--all")
	gitRun(t, seed, "commit", "--quiet", "-m", "add the example tree")
	gitRun(t, seed, "push", "--quiet", o.dir, "main")
	return o
}

// clone is a writer's clone of main.
func (o *origin) clone(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "clone")
	gitRun(t, filepath.Dir(dir), "clone", "--quiet", o.dir, dir)
	return dir
}

// checkout is the runner's checkout for a push of sha, as
// actions/checkout makes it with fetch-depth: 0: branch main at sha.
func (o *origin) checkout(t *testing.T, sha string) *workspace {
	t.Helper()
	dir := o.clone(t)
	gitRun(t, dir, "checkout", "--quiet", "-B", "main", sha)
	return &workspace{dir: dir}
}

func (o *origin) head(t *testing.T) string {
	return gitRun(t, o.dir, "rev-parse", "main")
}

// push commits everything in the clone dir and pushes it to main.
func push(t *testing.T, dir, msg string) string {
	t.Helper()
	gitRun(t, dir, "add", "--all")
	gitRun(t, dir, "commit", "--quiet", "-m", msg)
	gitRun(t, dir, "push", "--quiet", "origin", "HEAD:main")
	return gitRun(t, dir, "rev-parse", "HEAD")
}

func writeText(t *testing.T, path, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readText(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

var idLine = regexp.MustCompile(`(?m)^id: (\d+)$`)

func fileID(t *testing.T, path string) string {
	t.Helper()
	m := idLine.FindStringSubmatch(readText(t, path))
	if m == nil {
		t.Fatalf("no id: in %s", path)
	}
	return m[1]
}

// applyPush runs the action's apply for a push of sha whose before
// commit was before, in a fresh checkout, and fails the test unless it
// succeeds.
func (o *origin) applyPush(t *testing.T, sha, before string, extra map[string]string) (*workspace, result) {
	t.Helper()
	w := o.checkout(t, sha)
	inputs := map[string]string{"HCSYNC_COMMAND": "apply", "GITHUB_REF": "refs/heads/main", "GITHUB_SHA": sha}
	for k, v := range extra {
		inputs[k] = v
	}
	res := runAction(t, w, "http://127.0.0.1:1", "push", map[string]any{"before": before}, inputs)
	return w, res
}

func (o *origin) helpCenter(t *testing.T, now func() time.Time) *local.Provider {
	t.Helper()
	p, err := local.New(local.Options{Dir: o.center, Locales: []string{"en-us", "fr", "de"}, DefaultLocale: "en-us", Now: now})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func (o *origin) articles(t *testing.T) []providers.Article {
	t.Helper()
	list, err := o.helpCenter(t, nil).ListArticles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// firstApply applies the example tree and returns the commit main is at
// after the ids were committed back.
func (o *origin) firstApply(t *testing.T) string {
	t.Helper()
	return o.firstApplyExit(t, 0)
}

// firstApplyExit is firstApply of a tree whose apply exits with code.
func (o *origin) firstApplyExit(t *testing.T, code int) string {
	t.Helper()
	_, res := o.applyPush(t, o.head(t), strings.Repeat("0", 40), nil)
	if res.code != code {
		t.Fatalf("first apply: exit %d\nstdout: %s\nstderr: %s", res.code, res.stdout, res.stderr)
	}
	return o.head(t)
}

// TestCancelledRunLosesNoDeletion: GitHub cancels the pending run of a
// push when a newer push queues behind it. The next run archives the
// deletions of both pushes, because it takes --since from the record of
// the last apply, not from its own push's before commit.
//
// The first apply may fail in part (here an id it cannot write back):
// what it did apply still counts, so its record is made all the same.
func TestCancelledRunLosesNoDeletion(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		extra map[string]string
		exit  int
	}{
		{"first apply succeeds", nil, 0},
		// A one-line {…} front-matter loads, but no id can be added to it.
		{"first apply fails in part", map[string]string{"docs/account/billing/oneline.md": "---\n{title: One line}\n---\nHi.\n"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cancelledRun(t, newOrigin(t, tt.extra), tt.exit)
		})
	}
}

func cancelledRun(t *testing.T, o *origin, firstExit int) {
	o.firstApplyExit(t, firstExit)
	if got := gitRun(t, o.dir, "for-each-ref", "--format=%(refname)", "refs/hcsync/"); got != "refs/hcsync/applied/default" {
		t.Fatalf("refs after the first apply: %q, want the apply record refs/hcsync/applied/default", got)
	}

	writer := o.clone(t)
	first := filepath.Join(writer, "docs/account/security/reset-password.md")
	second := filepath.Join(writer, "docs/account/billing/invoices.md")
	ids := []string{fileID(t, first), fileID(t, second)}
	os.Remove(first)
	p1 := push(t, writer, "remove reset-password") // its run is cancelled
	os.Remove(second)
	p2 := push(t, writer, "remove invoices")

	_, res := o.applyPush(t, p2, p1, nil)
	if res.code != firstExit {
		t.Fatalf("apply of the second push: exit %d\nstderr: %s", res.code, res.stderr)
	}
	var archived []string
	for _, c := range readPlan(t, res.outputs["plan-json"]).Changes {
		if c.Action == plan.ActionArchive {
			archived = append(archived, c.ArticleID)
		}
	}
	if strings.Join(archived, ",") != strings.Join(ids, ",") && strings.Join(archived, ",") != ids[1]+","+ids[0] {
		t.Errorf("archived %v, want both deleted articles %v", archived, ids)
	}
	for _, a := range o.articles(t) {
		for _, id := range ids {
			if a.ID == id { // archived articles are not listed
				t.Errorf("article #%s is still live in the help center", id)
			}
		}
	}
}

// TestRetitlePushedDuringApply: push A adds an article; while its apply
// runs, push B retitles it, so the push of the id commit is rejected.
// The action writes the id into B's version and pushes again, and B's
// run (checked out at B, which has no id) updates the article rather
// than creating a second one.
func TestRetitlePushedDuringApply(t *testing.T) {
	t.Parallel()
	o := newOrigin(t)
	o.firstApply(t)

	writer := o.clone(t)
	rel := "docs/getting-started/first-steps/keyboard.md"
	writeText(t, filepath.Join(writer, rel), "---\ntitle: Keyboard shortcuts\n---\nPress ? to see them.\n")
	a := push(t, writer, "add keyboard shortcuts")

	// The other writer's retitle lands just before the action pushes the
	// ids: a git on PATH that pushes it first, once.
	other := o.clone(t)
	path := filepath.Join(other, rel)
	writeText(t, path, strings.Replace(readText(t, path), "title: Keyboard shortcuts", "title: Shortcuts", 1))
	gitRun(t, other, "commit", "--quiet", "--all", "-m", "retitle")
	shim := t.TempDir()
	realGit, err := exec.LookPath("git")
	if err != nil {
		t.Fatal(err)
	}
	script := fmt.Sprintf(`#!/usr/bin/env bash
for a in "$@"; do
  if [ "$a" = push ] && [ ! -e %[1]q/raced ]; then
    touch %[1]q/raced
    (cd %[2]q && GIT_AUTHOR_NAME=W GIT_AUTHOR_EMAIL=w@example.com GIT_COMMITTER_NAME=W GIT_COMMITTER_EMAIL=w@example.com %[3]q push --quiet origin HEAD:main)
  fi
done
exec %[3]q "$@"
`, shim, other, realGit)
	writeText(t, filepath.Join(shim, "git"), script)
	os.Chmod(filepath.Join(shim, "git"), 0o755)

	_, res := o.applyPush(t, a, gitRun(t, writer, "rev-parse", "HEAD~1"), map[string]string{"PATH": shim + ":" + os.Getenv("PATH")})
	if res.code != 0 {
		t.Fatalf("apply of A: exit %d\nstdout: %s\nstderr: %s", res.code, res.stdout, res.stderr)
	}
	b := gitRun(t, other, "rev-parse", "HEAD")
	if _, err := os.Stat(filepath.Join(shim, "raced")); err != nil {
		t.Fatal("the retitle was never pushed during the apply")
	}
	main := o.clone(t)
	got := readText(t, filepath.Join(main, rel))
	if !strings.Contains(got, "title: Shortcuts") || !idLine.MatchString(got) {
		t.Fatalf("%s on main after A's apply:\n%s\nwant the retitle and the id", rel, got)
	}
	if gitRun(t, main, "merge-base", "--is-ancestor", b, "HEAD") != "" {
		t.Fatal("main lost the retitle")
	}

	// B's run: checked out at B, which lacks the id.
	_, res = o.applyPush(t, b, a, nil)
	if res.code != 0 {
		t.Fatalf("apply of B: exit %d\nstdout: %s\nstderr: %s", res.code, res.stdout, res.stderr)
	}
	var titles []string
	for _, art := range o.articles(t) {
		if src := art.Translations[art.SourceLocale]; src != nil && strings.Contains(src.Title, "hortcuts") {
			titles = append(titles, "#"+art.ID+" "+src.Title)
		}
	}
	if len(titles) != 1 || !strings.HasSuffix(titles[0], " Shortcuts") {
		t.Errorf("articles in the help center: %v, want one, titled Shortcuts", titles)
	}
}

// TestDriftAfterLaterCommit: an article edited in the help center after
// the last apply, then committed to by a writer, is flagged as drift:
// apply would undo the edit. Before, the later commit hid it.
func TestDriftAfterLaterCommit(t *testing.T) {
	t.Parallel()
	o := newOrigin(t)
	o.firstApply(t)

	writer := o.clone(t)
	rel := "docs/getting-started/installation/install-mobile.md"
	id := fileID(t, filepath.Join(writer, rel))
	edited := time.Now().Add(time.Minute)
	hc := o.helpCenter(t, func() time.Time { return edited })
	if _, err := hc.UpdateTranslation(context.Background(), id, providers.TranslationInput{Locale: "en-us", Title: "Install Lumen on your phone", Body: "<p>Fixed in the help center.</p>"}); err != nil {
		t.Fatal(err)
	}
	// The writer's commit is later than the edit, and changes the file.
	path := filepath.Join(writer, rel)
	writeText(t, path, readText(t, path)+"\nOne more line.\n")
	gitAt(t, writer, edited.Add(time.Hour), "commit", "--quiet", "--all", "-m", "edit install-mobile")
	gitRun(t, writer, "push", "--quiet", "origin", "HEAD:main")
	sha := gitRun(t, writer, "rev-parse", "HEAD")

	_, res := o.applyPush(t, sha, gitRun(t, writer, "rev-parse", "HEAD~1"), map[string]string{"HCSYNC_FAIL_ON_DRIFT": "true"})
	if res.code == 0 {
		t.Fatalf("apply with fail-on-drift succeeded; want it stopped by the drift\nstderr: %s", res.stderr)
	}
	var drift []string
	for _, w := range readPlan(t, res.outputs["plan-json"]).Warnings {
		if w.Kind == "drift" {
			drift = append(drift, w.File)
		}
	}
	if want := strings.TrimPrefix(rel, "docs/"); len(drift) != 1 || drift[0] != want {
		t.Errorf("drift warnings for %v, want %s", drift, want)
	}
	for _, a := range o.articles(t) {
		if a.ID == id && !strings.Contains(a.Translations["en-us"].Body, "Fixed in the help center") {
			t.Errorf("the help center's edit was overwritten: %q", a.Translations["en-us"].Body)
		}
	}
}
