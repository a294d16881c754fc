package action

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/go-git/go-git/v5"

	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/providers/local"
)

// TestHugeDriftComment: 500 articles edited in the help center, planned
// with fail-on-drift, make a plan capped near the limit plus a long
// error. The comment still posts: its whole body stays under GitHub's
// 65,536 characters, names the head commit and links the run, where the
// full log is. (Before, the errors were appended past the limit, GitHub
// refused the comment, and the warning blamed a fork's token.)
func TestHugeDriftComment(t *testing.T) {
	t.Parallel()
	const n = 500
	dir := t.TempDir()
	center := filepath.Join(t.TempDir(), "center")
	// One write at a time, so ids follow the plan's order and the
	// golden file is stable.
	writeText(t, filepath.Join(dir, "hcsync.yaml"), "provider: local\ncontent: docs\ndefault_locale: en-us\nconcurrency: 1\nlocal:\n  dir: "+center+"\n  locales: [en-us]\n")
	for i := 0; i < n; i++ {
		writeText(t, filepath.Join(dir, fmt.Sprintf("docs/Guides/Setup/article-%03d.md", i)),
			fmt.Sprintf("---\ntitle: Article %03d\n---\nHow to do thing %d, written in the repository.\n", i, i))
	}
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, err := repo.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	w := &workspace{dir: dir, wt: wt}
	w.commit(t, "add 500 articles")
	apply := exec.Command(hcsyncBin(t), "apply")
	apply.Dir = dir
	apply.Env = append(os.Environ(), "HOME="+t.TempDir(), "CI=true")
	if out, err := apply.CombinedOutput(); err != nil {
		t.Fatalf("apply: %v\n%s", err, out)
	}
	base := w.commit(t, "hcsync: write article ids [skip ci]")

	// Every article is then edited in the help center.
	edited := time.Date(2026, 4, 1, 8, 0, 0, 0, time.UTC)
	hc, err := local.New(local.Options{Dir: center, Locales: []string{"en-us"}, DefaultLocale: "en-us", Now: func() time.Time { return edited }})
	if err != nil {
		t.Fatal(err)
	}
	list, err := hc.ListArticles(context.Background())
	if err != nil || len(list) != n {
		t.Fatalf("help center holds %d articles (%v), want %d", len(list), err, n)
	}
	for _, a := range list {
		src := a.Translations["en-us"]
		if _, err := hc.UpdateTranslation(context.Background(), a.ID, providers.TranslationInput{Locale: "en-us", Title: src.Title, Body: "<p>Fixed in the help center.</p>"}); err != nil {
			t.Fatal(err)
		}
	}

	gh := &fakeGitHub{nextID: 1}
	srv := httptest.NewServer(gh)
	defer srv.Close()
	pr := map[string]any{"pull_request": map[string]any{"number": 9, "base": map[string]any{"sha": base}, "head": map[string]any{"sha": "d1f7ed0000000000000000000000000000000000"}}}
	res := runAction(t, w, srv.URL, "pull_request", pr, map[string]string{"HCSYNC_COMMAND": "plan", "HCSYNC_COMMENT": "true", "HCSYNC_FAIL_ON_DRIFT": "true"})
	if res.code != 1 {
		t.Errorf("plan with fail-on-drift: exit %d, want 1\nstderr: %s", res.code, res.stderr)
	}
	if strings.Contains(res.stderr, "could not post") {
		t.Fatalf("the comment was refused: %s", res.stderr)
	}
	if len(gh.comments) != 1 {
		t.Fatalf("%d comments posted, want 1", len(gh.comments))
	}
	body := gh.comments[0].Body
	if c := utf8.RuneCountInString(body); c > maxCommentChars {
		t.Errorf("comment of %d characters, over GitHub's %d", c, maxCommentChars)
	}
	for _, want := range []string{"`d1f7ed0`", "https://github.com/acme/docs/actions/runs/4242", "500 warnings", "--fail-on-drift: 500 file(s)", "is in the artifact of the [workflow run]"} {
		if !strings.Contains(body, want) {
			t.Errorf("the comment lacks %q", want)
		}
	}
	golden(t, "pr-comment-500-drift.md", body)
}
