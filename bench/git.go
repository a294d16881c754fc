package bench

import (
	"fmt"
	"os"
	"path/filepath"
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
}

// CommitHistory makes root a git repository whose history, h.Commits
// commits long, builds the tree t that Generate wrote under root/docs.
// Objects are written loose, one file each, as in a repository that was
// never packed (git gc, or a clone, packs them).
func CommitHistory(root string, t Tree, h History) error {
	if t.PerSection <= 0 {
		t.PerSection = 50
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
		var changed []string
		for k := 0; k < h.Edits && t.Articles > 0; k++ {
			i := (c*37 + k*101) % t.Articles
			p := filepath.Join("docs", articleDir(i, t.PerSection), fmt.Sprintf("article-%05d.md", i))
			if err := appendLine(filepath.Join(root, p), fmt.Sprintf("\nRevised in change %d.\n", c)); err != nil {
				return err
			}
			changed = append(changed, filepath.ToSlash(p))
			if k < h.Images && t.ImageKB > 0 {
				img := filepath.Join("docs", articleDir(i, t.PerSection), ownImage(i))
				if err := WriteNoisePNG(filepath.Join(root, img), t.ImageKB, int64(c*100_000+i)); err != nil {
					return err
				}
				changed = append(changed, filepath.ToSlash(img))
			}
		}
		if err := commit(c, changed...); err != nil {
			return err
		}
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
