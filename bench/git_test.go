package bench

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/hcsync/hcsync/content"
)

// TestCommitHistory checks the generated history: each article shows a
// screenshot of its own of the size asked for, the repository has the
// commits asked for, and its last commit holds the tree as it is on disk.
func TestCommitHistory(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ name, gitBinary string }{{"go-git", ""}, {"git binary", "git"}} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if tt.gitBinary != "" {
				if _, err := exec.LookPath(tt.gitBinary); err != nil {
					t.Skip("no git installed")
				}
			}
			testCommitHistory(t, tt.gitBinary)
		})
	}
}

func testCommitHistory(t *testing.T, gitBinary string) {
	root := t.TempDir()
	tree := Tree{Articles: 20, Locales: 2, PerSection: 10, ImageKB: 16}
	files, err := Generate(filepath.Join(root, "docs"), tree)
	if err != nil {
		t.Fatal(err)
	}
	if files != 60 { // 20 articles × 2 locales and 20 screenshots
		t.Errorf("Generate wrote %d files, want 60", files)
	}
	img, err := os.Stat(filepath.Join(root, "docs", articleDir(3, 10), ownImage(3)))
	if err != nil {
		t.Fatal(err)
	}
	if kb := img.Size() / 1024; kb < 15 || kb > 18 {
		t.Errorf("article 3's screenshot has %d KB, want about 16", kb)
	}
	if err := CommitHistory(root, tree, History{Commits: 4, Edits: 3, Images: 1, GitBinary: gitBinary}); err != nil {
		t.Fatal(err)
	}
	repo, err := git.PlainOpen(root)
	if err != nil {
		t.Fatal(err)
	}
	log, err := repo.Log(&git.LogOptions{})
	if err != nil {
		t.Fatal(err)
	}
	commits := 0
	if err := log.ForEach(func(*object.Commit) error { commits++; return nil }); err != nil {
		t.Fatal(err)
	}
	if commits != 4 {
		t.Errorf("history has %d commits, want 4", commits)
	}
	wt, err := repo.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	st, err := wt.Status()
	if err != nil {
		t.Fatal(err)
	}
	if !st.IsClean() {
		t.Errorf("work tree differs from the last commit:\n%s", st)
	}
	r, err := content.OpenRepo(filepath.Join(root, "docs"))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.ToSlash(filepath.Join(articleDir(3, 10), "article-00003.md"))
	last, err := r.LastCommits(context.Background(), []string{p})
	if err != nil {
		t.Fatal(err)
	}
	if last[p].Time.IsZero() {
		t.Errorf("no last commit for %s", p)
	}
}

// gitFixture is a generated tree with its history: 400 articles in two
// locales, each with a screenshot of its own (50 MB of images), over 20
// commits of loose objects, the last of which deletes two articles.
type gitFixture struct {
	docs  string   // the content folder
	files []string // its Markdown files, as the plan asks about them
	first string   // the first commit, for --since
}

func newGitFixture(tb testing.TB) *gitFixture {
	tb.Helper()
	root := tb.TempDir()
	t := Tree{Articles: 400, Locales: 2, Images: true, Links: true, ImageKB: 128}
	if _, err := Generate(filepath.Join(root, "docs"), t); err != nil {
		tb.Fatal(err)
	}
	if err := CommitHistory(root, t, History{Commits: 19, Edits: 5, Images: 2}); err != nil {
		tb.Fatal(err)
	}
	repo, err := git.PlainOpen(root)
	if err != nil {
		tb.Fatal(err)
	}
	first, err := repo.ResolveRevision("HEAD~18")
	if err != nil {
		tb.Fatal(err)
	}
	wt, err := repo.Worktree()
	if err != nil {
		tb.Fatal(err)
	}
	for _, i := range []int{7, 300} {
		for _, name := range []string{"article-%05d.md", "article-%05d.fr.md"} {
			p := filepath.ToSlash(filepath.Join("docs", articleDir(i, 50), fmt.Sprintf(name, i)))
			if _, err := wt.Remove(p); err != nil {
				tb.Fatal(err)
			}
		}
	}
	sig := &object.Signature{Name: "Writer", When: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)}
	if _, err := wt.Commit("delete two articles", &git.CommitOptions{Author: sig, Committer: sig}); err != nil {
		tb.Fatal(err)
	}
	f := &gitFixture{docs: filepath.Join(root, "docs"), first: first.String()}
	err = filepath.Walk(f.docs, func(p string, info os.FileInfo, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") {
			rel, _ := filepath.Rel(f.docs, p)
			f.files = append(f.files, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return f
}

// BenchmarkGitStep measures the git history a plan reads (drift) and a
// plan --prune --since reads (deletions), each from a fresh OpenRepo as
// a run of the CLI starts, on a tree whose history is mostly images.
//
//	go test ./bench -run '^$' -bench BenchmarkGitStep -benchmem -benchtime 20x
func BenchmarkGitStep(b *testing.B) {
	f := newGitFixture(b)
	b.Run("last-commits", func(b *testing.B) {
		defer reportCPU(b)()
		for b.Loop() {
			r, err := content.OpenRepo(f.docs)
			if err != nil {
				b.Fatal(err)
			}
			got, err := r.LastCommits(context.Background(), f.files)
			if err != nil {
				b.Fatal(err)
			}
			if len(got) != len(f.files) {
				b.Fatalf("found %d of %d files", len(got), len(f.files))
			}
		}
	})
	b.Run("deleted-since", func(b *testing.B) {
		defer reportCPU(b)()
		for b.Loop() {
			r, err := content.OpenRepo(f.docs)
			if err != nil {
				b.Fatal(err)
			}
			got, err := r.DeletedSince(context.Background(), f.first)
			if err != nil {
				b.Fatal(err)
			}
			if len(got) != 2 { // the translations; the articles had no id
				b.Fatalf("DeletedSince = %+v, want the two translations", got)
			}
		}
	})
}

// reportCPU reports the CPU time per operation of the loop it is
// deferred around, as cpu-ms/op.
func reportCPU(b *testing.B) func() {
	start := cpuTime()
	return func() {
		b.ReportMetric(float64(cpuTime()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
	}
}
