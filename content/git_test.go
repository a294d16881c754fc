package content

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// testRepo builds a real git repository on disk, commit by commit, with
// the times the test chooses.
type testRepo struct {
	t    *testing.T
	dir  string
	repo *git.Repository
	wt   *git.Worktree
}

var epoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func newTestRepo(t *testing.T) *testRepo {
	t.Helper()
	dir := t.TempDir()
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, err := repo.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	return &testRepo{t: t, dir: dir, repo: repo, wt: wt}
}

func (g *testRepo) write(rel, data string) {
	g.t.Helper()
	p := filepath.Join(g.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		g.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		g.t.Fatal(err)
	}
}

func (g *testRepo) remove(rel string) {
	g.t.Helper()
	if err := os.Remove(filepath.Join(g.dir, filepath.FromSlash(rel))); err != nil {
		g.t.Fatal(err)
	}
}

func (g *testRepo) rename(from, to string) {
	g.t.Helper()
	if err := os.Rename(filepath.Join(g.dir, filepath.FromSlash(from)), filepath.Join(g.dir, filepath.FromSlash(to))); err != nil {
		g.t.Fatal(err)
	}
}

// commit stages everything (git add -A) and commits at epoch+hour hours,
// authored by author; parents, when given, make a merge.
func (g *testRepo) commit(hour int, author string, parents ...plumbing.Hash) plumbing.Hash {
	g.t.Helper()
	if err := g.wt.AddWithOptions(&git.AddOptions{All: true}); err != nil {
		g.t.Fatal(err)
	}
	sig := &object.Signature{Name: author, Email: strings.ToLower(author) + "@example.com", When: epoch.Add(time.Duration(hour) * time.Hour)}
	h, err := g.wt.Commit("change", &git.CommitOptions{Author: sig, Committer: sig, Parents: parents})
	if err != nil {
		g.t.Fatal(err)
	}
	return h
}

// translation is the text of a translation file: a title and a body.
func translation(title string) string {
	return "---\ntitle: " + title + "\n---\nBody of " + title + ".\n"
}

func article(title, id string) string {
	s := "---\ntitle: " + title + "\n"
	if id != "" {
		s += "id: " + id + "\n"
	}
	return s + "---\nBody of " + title + ".\n"
}

func openTestRepo(t *testing.T, dir string) *Repo {
	t.Helper()
	r, err := OpenRepo(dir)
	if err != nil {
		t.Fatal(err)
	}
	if r == nil {
		t.Fatalf("OpenRepo(%s) found no repository", dir)
	}
	return r
}

func TestOpenRepoOutsideGit(t *testing.T) {
	t.Parallel()
	r, err := OpenRepo(t.TempDir())
	if r != nil || err != nil {
		t.Fatalf("OpenRepo of a plain folder = %v, %v; want nil, nil (no git facts, no error)", r, err)
	}
}

func TestLastCommits(t *testing.T) {
	t.Parallel()
	g := newTestRepo(t)
	g.write("README.md", "outside the content folder\n")
	g.write("docs/s/a.md", article("A", ""))
	g.write("docs/s/b.md", article("B", ""))
	g.write("docs/s/a.fr.md", article("A fr", ""))
	g.commit(1, "Ann")
	g.write("docs/s/a.md", article("A edited", ""))
	g.commit(2, "Bob")
	g.rename("docs/s/b.md", "docs/s/c.md")
	g.commit(3, "Cid")
	g.write("README.md", "only the readme changes\n")
	g.commit(4, "Dee")
	g.write("docs/s/new.md", article("never committed", ""))

	r := openTestRepo(t, filepath.Join(g.dir, "docs"))
	got, err := r.LastCommits(context.Background(), []string{"s/a.md", "s/a.fr.md", "s/c.md", "s/new.md"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		hour   int
		author string
	}{
		"s/a.md":    {2, "Bob"},
		"s/a.fr.md": {1, "Ann"},
		"s/c.md":    {3, "Cid"}, // a rename is the renamed file's last change
	}
	for p, w := range want {
		fc, ok := got[p]
		if !ok {
			t.Errorf("%s: no last commit", p)
			continue
		}
		if !fc.Time.Equal(epoch.Add(time.Duration(w.hour)*time.Hour)) || fc.Author != w.author || fc.Truncated {
			t.Errorf("%s: last commit at %s by %s (truncated %v); want hour %d by %s", p, fc.Time, fc.Author, fc.Truncated, w.hour, w.author)
		}
	}
	if fc, ok := got["s/new.md"]; ok {
		t.Errorf("uncommitted file has a last commit: %+v", fc)
	}
}

// A change made on a branch keeps the branch commit's time after the
// merge; the merge itself changes only what differs from every parent.
func TestLastCommitsThroughMerge(t *testing.T) {
	t.Parallel()
	g := newTestRepo(t)
	g.write("x.md", article("X", ""))
	g.write("y.md", article("Y", ""))
	base := g.commit(1, "Ann")
	g.write("x.md", article("X on the branch", ""))
	side := g.commit(2, "Bob")
	if err := g.wt.Reset(&git.ResetOptions{Commit: base, Mode: git.HardReset}); err != nil {
		t.Fatal(err)
	}
	g.write("y.md", article("Y on main", ""))
	main := g.commit(3, "Cid")
	g.write("x.md", article("X on the branch", ""))
	g.commit(4, "Dee", main, side)

	r := openTestRepo(t, g.dir)
	got, err := r.LastCommits(context.Background(), []string{"x.md", "y.md"})
	if err != nil {
		t.Fatal(err)
	}
	if a := got["x.md"].Author; a != "Bob" {
		t.Errorf("x.md last changed by %q, want Bob (the branch commit, not the merge)", a)
	}
	if a := got["y.md"].Author; a != "Cid" {
		t.Errorf("y.md last changed by %q, want Cid", a)
	}
}

// shallowClone turns g into what actions/checkout leaves with
// fetch-depth: n: .git/shallow names the oldest commit kept, and the
// commits before it are gone.
func shallowClone(t *testing.T, g *testRepo, keep plumbing.Hash, drop ...plumbing.Hash) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(g.dir, ".git", "shallow"), []byte(keep.String()+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, h := range drop {
		s := h.String()
		if err := os.Remove(filepath.Join(g.dir, ".git", "objects", s[:2], s[2:])); err != nil {
			t.Fatal(err)
		}
	}
}

func TestShallowClone(t *testing.T) {
	t.Parallel()
	g := newTestRepo(t)
	g.write("old.md", article("Old", "7"))
	g.write("gone.md", article("Gone", "8"))
	first := g.commit(1, "Ann")
	g.write("old.md", article("Old", "7")+"edited\n")
	kept := g.commit(2, "Bob")
	g.write("recent.md", article("Recent", ""))
	g.remove("gone.md")
	g.commit(3, "Cid")
	shallowClone(t, g, kept, first)

	r := openTestRepo(t, g.dir)
	if !r.Shallow() {
		t.Fatal("Shallow() = false for a clone with .git/shallow")
	}
	got, err := r.LastCommits(context.Background(), []string{"old.md", "recent.md"})
	if err != nil {
		t.Fatalf("LastCommits in a shallow clone: %v", err)
	}
	if fc := got["recent.md"]; fc.Author != "Cid" || fc.Truncated {
		t.Errorf("recent.md: %+v, want Cid's commit, not truncated", fc)
	}
	// old.md last changed in the oldest commit kept or before it: that
	// commit is an upper bound of its change, and says so.
	if fc := got["old.md"]; fc.Author != "Bob" || !fc.Truncated {
		t.Errorf("old.md: %+v, want the boundary commit, truncated", fc)
	}

	_, err = r.DeletedSince(context.Background(), first.String())
	if err == nil || !strings.Contains(err.Error(), "fetch-depth: 0") {
		t.Errorf("DeletedSince(a commit the shallow clone lacks) = %v; want an error naming fetch-depth: 0", err)
	}
	del, err := r.DeletedSince(context.Background(), kept.String())
	if err != nil {
		t.Fatal(err)
	}
	if len(del) != 1 || del[0] != (DeletedFile{Path: "gone.md", ID: "8"}) {
		t.Errorf("DeletedSince(kept) = %+v, want gone.md id 8", del)
	}
}

func TestDeletedSince(t *testing.T) {
	t.Parallel()
	g := newTestRepo(t)
	g.write("docs/_section.md", "---\ntitle: S\nid: 99\n---\n")
	g.write("docs/s/a.md", article("A", ""))
	g.write("docs/s/b.md", article("B", "2"))
	g.write("docs/s/c.md", article("C never synced", ""))
	g.write("docs/s/d.md", article("D", "4"))
	g.write("docs/s/d.fr.md", translation("D fr"))
	g.write("docs/s/e.md", article("E", "6"))
	g.write("docs/s/e.de.md", translation("E de"))
	g.write("docs/s/e.fr.md", translation("E fr"))
	g.write("docs/s/n.md", article("N never synced", ""))
	g.write("docs/s/n.fr.md", translation("N fr"))
	g.write("docs/.drafts/x.md", article("X", "5"))
	g.write("docs/.drafts/x.fr.md", translation("X fr"))
	c1 := g.commit(1, "Ann")
	// apply writes the id and the Action commits it back.
	g.write("docs/s/a.md", article("A", "1"))
	c2 := g.commit(2, "bot")
	g.remove("docs/s/a.md")
	g.rename("docs/s/b.md", "docs/s/b2.md")
	g.remove("docs/s/c.md")
	g.remove("docs/s/d.fr.md")
	// e moves with its translations, and loses one of them on the way.
	g.write("docs/t/.keep", "")
	g.rename("docs/s/e.md", "docs/t/e.md")
	g.rename("docs/s/e.de.md", "docs/t/e.de.md")
	g.remove("docs/s/e.fr.md")
	g.remove("docs/s/n.fr.md")
	g.remove("docs/.drafts/x.md")
	g.remove("docs/.drafts/x.fr.md")
	g.remove("docs/_section.md")
	c3 := g.commit(3, "Bob")
	g.write("docs/s/d.md", article("D edited", "4"))
	g.commit(4, "Cid")

	r := openTestRepo(t, filepath.Join(g.dir, "docs"))
	// a.md's last version (c2) carries the id written back after c1;
	// b.md and e.md moved, and the planner keeps them by the ids in
	// their new files. A deleted translation names its source and the
	// id the source carried when the translation was last there (e.md
	// is gone from s/ too); one whose source never had an id is still
	// reported, so the planner can match it by its source's path.
	all := []DeletedFile{
		{Path: "s/a.md", ID: "1"},
		{Path: "s/b.md", ID: "2"},
		{Path: "s/d.fr.md", ID: "4", Locale: "fr", Source: "s/d.md"},
		{Path: "s/e.de.md", ID: "6", Locale: "de", Source: "s/e.md"},
		{Path: "s/e.fr.md", ID: "6", Locale: "fr", Source: "s/e.md"},
		{Path: "s/e.md", ID: "6"},
		{Path: "s/n.fr.md", Locale: "fr", Source: "s/n.md"},
	}
	tests := []struct {
		ref  string
		want []DeletedFile
	}{
		{c1.String(), all},
		{c2.String(), all},
		{c3.String(), nil},
		{"HEAD~2", all},
		{"HEAD", nil},
	}
	for _, tt := range tests {
		got, err := r.DeletedSince(context.Background(), tt.ref)
		if err != nil {
			t.Errorf("DeletedSince(%s): %v", tt.ref, err)
			continue
		}
		if len(got) != len(tt.want) {
			t.Errorf("DeletedSince(%s) = %+v, want %+v", tt.ref, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("DeletedSince(%s)[%d] = %+v, want %+v", tt.ref, i, got[i], tt.want[i])
			}
		}
	}

	_, err := r.DeletedSince(context.Background(), "no-such-branch")
	if err == nil || !strings.Contains(err.Error(), "no-such-branch") {
		t.Errorf("DeletedSince(unknown ref) = %v, want an error naming the ref", err)
	}
}
