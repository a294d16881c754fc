package bench

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// History describes the git history CommitHistory gives a generated
// tree.
type History struct {
	// Commits is the number of commits: the first adds the whole tree,
	// each later one edits Edits articles and, when the tree has images
	// of its own (Tree.ImageKB), replaces the screenshots of Images of
	// them, as a docs team's week of work does.
	Commits int
	Edits   int
	Images  int
	// GitBinary, when set, is the git command that makes the commits
	// (packed as git's own commits are not, but 20 times faster than
	// go-git at 40,000 files); empty commits with go-git, which needs no
	// git installed and leaves every object loose.
	GitBinary string
}

// CommitHistory makes root a git repository whose history, h.Commits
// commits long, builds the tree t that Generate wrote under root/docs.
// Objects are written loose, one file each, as in a repository that was
// never packed (git gc, or a clone, packs them).
func CommitHistory(root string, t Tree, h History) error {
	if t.PerSection <= 0 {
		t.PerSection = 50
	}
	if h.GitBinary != "" {
		return commitWithBinary(root, t, h)
	}
	repo, err := git.PlainInit(root, false)
	if err != nil {
		return fmt.Errorf("git init %s: %w", root, err)
	}
	wt, err := repo.Worktree()
	if err != nil {
		return err
	}
	when := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	commit := func(c int, paths ...string) error {
		for _, p := range paths {
			if _, err := wt.Add(p); err != nil {
				return fmt.Errorf("git add %s: %w", p, err)
			}
		}
		sig := &object.Signature{Name: "Writer", Email: "writer@example.com", When: when.Add(time.Duration(c) * time.Hour)}
		_, err := wt.Commit(fmt.Sprintf("change %d", c), &git.CommitOptions{Author: sig, Committer: sig})
		return err
	}
	if err := commit(0, "docs"); err != nil {
		return err
	}
	for c := 1; c < h.Commits; c++ {
		changed, err := edit(root, t, h, c)
		if err != nil {
			return err
		}
		if err := commit(c, changed...); err != nil {
			return err
		}
	}
	return nil
}

// edit makes commit c's changes to the tree under root and returns the
// paths it changed, relative to root.
func edit(root string, t Tree, h History, c int) ([]string, error) {
	var changed []string
	for k := 0; k < h.Edits && t.Articles > 0; k++ {
		i := (c*37 + k*101) % t.Articles
		p := filepath.Join("docs", articleDir(i, t.PerSection), fmt.Sprintf("article-%05d.md", i))
		if err := appendLine(filepath.Join(root, p), fmt.Sprintf("\nRevised in change %d.\n", c)); err != nil {
			return nil, err
		}
		changed = append(changed, filepath.ToSlash(p))
		if k < h.Images && t.ImageKB > 0 {
			img := filepath.Join("docs", articleDir(i, t.PerSection), ownImage(i))
			if err := WriteNoisePNG(filepath.Join(root, img), t.ImageKB, int64(c*100_000+i)); err != nil {
				return nil, err
			}
			changed = append(changed, filepath.ToSlash(img))
		}
	}
	return changed, nil
}

// commitWithBinary makes the same history as CommitHistory with the git
// command h.GitBinary.
func commitWithBinary(root string, t Tree, h History) error {
	if err := Git(h.GitBinary, root, 0, "init", "-q"); err != nil {
		return err
	}
	if err := Git(h.GitBinary, root, 0, "add", "docs"); err != nil {
		return err
	}
	if err := Git(h.GitBinary, root, 0, "commit", "-q", "-m", "change 0"); err != nil {
		return err
	}
	for c := 1; c < h.Commits; c++ {
		changed, err := edit(root, t, h, c)
		if err != nil {
			return err
		}
		if err := Git(h.GitBinary, root, c, append([]string{"add", "--"}, changed...)...); err != nil {
			return err
		}
		if err := Git(h.GitBinary, root, c, "commit", "-q", "-m", fmt.Sprintf("change %d", c)); err != nil {
			return err
		}
	}
	return nil
}

// Git runs the git command bin with args in dir, as the bench's writer
// at hour c of the history (so commits are reproducible), with no
// configuration of the caller's but the PATH.
func Git(bin, dir string, c int, args ...string) error {
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	when := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC).Add(time.Duration(c) * time.Hour).Format(time.RFC3339)
	// gc.auto=0: git's automatic gc repacks in the background, moving
	// objects under a plan reading them.
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "GIT_CONFIG_NOSYSTEM=1",
		"GIT_CONFIG_COUNT=1", "GIT_CONFIG_KEY_0=gc.auto", "GIT_CONFIG_VALUE_0=0",
		"GIT_AUTHOR_NAME=Writer", "GIT_AUTHOR_EMAIL=writer@example.com", "GIT_AUTHOR_DATE=" + when,
		"GIT_COMMITTER_NAME=Writer", "GIT_COMMITTER_EMAIL=writer@example.com", "GIT_COMMITTER_DATE=" + when}
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("git %s in %s: %w\n%s", strings.Join(args, " "), dir, err, out)
	}
	return nil
}

func appendLine(path, line string) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(line); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
