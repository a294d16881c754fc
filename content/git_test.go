package content

import (
	"context"
	"crypto/rand"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage"
	"github.com/go-git/go-git/v5/storage/memory"
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

// blobCounter is the repository's object store, noting each blob read
// from it: the history questions need paths and hashes, and an image
// read for nothing costs its whole size in CPU and memory.
type blobCounter struct {
	storage.Storer
	mu    sync.Mutex
	reads map[plumbing.Hash]int
}

func (s *blobCounter) EncodedObject(t plumbing.ObjectType, h plumbing.Hash) (plumbing.EncodedObject, error) {
	obj, err := s.Storer.EncodedObject(t, h)
	if err == nil && obj.Type() == plumbing.BlobObject {
		s.mu.Lock()
		s.reads[h]++
		s.mu.Unlock()
	}
	return obj, err
}

// countBlobs makes r read its objects through a blobCounter.
func countBlobs(t *testing.T, r *Repo) *blobCounter {
	t.Helper()
	s := &blobCounter{Storer: r.repo.Storer, reads: map[plumbing.Hash]int{}}
	repo, err := git.Open(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	r.repo = repo
	return s
}

func randomBytes(t *testing.T, n int) string {
	t.Helper()
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func blobHash(data string) plumbing.Hash {
	return plumbing.ComputeHash(plumbing.BlobObject, []byte(data))
}

// imageHistory is a content folder with images over four commits: the
// root commit adds everything, later ones edit an article, replace an
// image, and delete an article.
func imageHistory(t *testing.T) (g *testRepo, root plumbing.Hash, gone string) {
	t.Helper()
	g = newTestRepo(t)
	g.write("docs/s/a.md", article("A", "1"))
	g.write("docs/s/b.md", article("B", ""))
	gone = article("Gone", "3")
	g.write("docs/s/gone.md", gone)
	g.write("docs/s/images/one.png", randomBytes(t, 64<<10))
	g.write("docs/t/c.md", article("C", ""))
	g.write("docs/t/images/two.png", randomBytes(t, 64<<10))
	root = g.commit(1, "Ann")
	g.write("docs/s/b.md", article("B edited", ""))
	g.commit(2, "Bob")
	g.write("docs/s/images/one.png", randomBytes(t, 64<<10))
	g.commit(3, "Cid")
	g.remove("docs/s/gone.md")
	g.commit(4, "Dee")
	return g, root, gone
}

// The history questions of a plan read no file content but that of a
// deleted article, whose id only its last version knows.
func TestGitHistoryReadsOnlyWhatItNeeds(t *testing.T) {
	t.Parallel()
	g, root, gone := imageHistory(t)
	a, err := os.ReadFile(filepath.Join(g.dir, "docs", "s", "a.md"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		run  func(*Repo) error
		// want is the only blob it may read
		want plumbing.Hash
	}{
		{"last commits", func(r *Repo) error {
			// a.md and c.md last changed in the root commit, which
			// adds every file of the tree.
			got, err := r.LastCommits(context.Background(), []string{"s/a.md", "s/b.md", "t/c.md"})
			if err == nil && (got["s/a.md"].Author != "Ann" || got["s/b.md"].Author != "Bob" || got["t/c.md"].Author != "Ann") {
				t.Errorf("LastCommits = %+v, want a.md and c.md by Ann, b.md by Bob", got)
			}
			return err
		}, plumbing.ZeroHash},
		{"committed", func(r *Repo) error {
			ok, err := r.Committed("s/a.md", a)
			if err == nil && !ok {
				t.Error("Committed(s/a.md, its committed bytes) = false, want true")
			}
			return err
		}, plumbing.ZeroHash},
		{"deleted since", func(r *Repo) error {
			got, err := r.DeletedSince(context.Background(), root.String())
			if err == nil && (len(got) != 1 || got[0] != (DeletedFile{Path: "s/gone.md", ID: "3"})) {
				t.Errorf("DeletedSince(root) = %+v, want s/gone.md with id 3", got)
			}
			return err
		}, blobHash(gone)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := openTestRepo(t, filepath.Join(g.dir, "docs"))
			s := countBlobs(t, r)
			if err := tt.run(r); err != nil {
				t.Fatal(err)
			}
			for h, n := range s.reads {
				if h != tt.want || n > 1 {
					t.Errorf("read blob %s %d time(s); want only %s, once", h, n, tt.want)
				}
			}
		})
	}
}

// A blobless clone (git clone --filter=blob:none) has every commit and
// tree but only the blobs its checkout needed: history answers without
// the older ones.
func TestBloblessClone(t *testing.T) {
	t.Parallel()
	g, root, _ := imageHistory(t)
	// The image the root commit added and commit 3 replaced is what a
	// blobless clone would lack.
	old, err := fileHash(g, root, "docs/s/images/one.png")
	if err != nil {
		t.Fatal(err)
	}
	s := old.String()
	if err := os.Remove(filepath.Join(g.dir, ".git", "objects", s[:2], s[2:])); err != nil {
		t.Fatal(err)
	}

	r := openTestRepo(t, filepath.Join(g.dir, "docs"))
	got, err := r.LastCommits(context.Background(), []string{"s/a.md", "t/c.md"})
	if err != nil {
		t.Fatalf("LastCommits in a blobless clone: %v", err)
	}
	if got["s/a.md"].Author != "Ann" || got["t/c.md"].Author != "Ann" {
		t.Errorf("LastCommits = %+v, want both by Ann", got)
	}
	del, err := r.DeletedSince(context.Background(), root.String())
	if err != nil {
		t.Fatalf("DeletedSince in a blobless clone: %v", err)
	}
	if len(del) != 1 || del[0] != (DeletedFile{Path: "s/gone.md", ID: "3"}) {
		t.Errorf("DeletedSince(root) = %+v, want s/gone.md with id 3", del)
	}

	// Without the deleted article's last version its id is unknown:
	// the error names the file and how to fetch it.
	gone, err := fileHash(g, root, "docs/s/gone.md")
	if err != nil {
		t.Fatal(err)
	}
	s = gone.String()
	if err := os.Remove(filepath.Join(g.dir, ".git", "objects", s[:2], s[2:])); err != nil {
		t.Fatal(err)
	}
	r = openTestRepo(t, filepath.Join(g.dir, "docs"))
	_, err = r.DeletedSince(context.Background(), root.String())
	if err == nil || !strings.Contains(err.Error(), "s/gone.md") || !strings.Contains(err.Error(), "git cat-file -p ") || !strings.Contains(err.Error(), ":docs/s/gone.md") {
		t.Errorf("DeletedSince without the deleted file's blob = %v, want an error naming s/gone.md and the git cat-file that fetches it", err)
	}
}

// fileHash returns the hash of the file at p in commit c.
func fileHash(g *testRepo, c plumbing.Hash, p string) (plumbing.Hash, error) {
	commit, err := g.repo.CommitObject(c)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	tree, err := commit.Tree()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	e, err := tree.FindEntry(p)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	return e.Hash, nil
}

// Committed compares the working bytes with what HEAD holds at the path.
func TestCommitted(t *testing.T) {
	t.Parallel()
	g := newTestRepo(t)
	g.write("docs/s/a.md", article("A", "1"))
	g.write("docs/s/b.md", article("B", ""))
	g.commit(1, "Ann")
	g.write("docs/s/b.md", article("B edited", ""))
	g.commit(2, "Bob")
	r := openTestRepo(t, filepath.Join(g.dir, "docs"))
	tests := []struct {
		path, working string
		want          bool
	}{
		{"s/a.md", article("A", "1"), true},
		{"s/a.md", article("A", "1") + "edited\n", false},
		{"s/b.md", article("B edited", ""), true},
		{"s/b.md", article("B", ""), false}, // what an older commit held
		{"s/new.md", article("New", ""), false},
		{"s", "", false}, // a folder is no committed file
	}
	for _, tt := range tests {
		got, err := r.Committed(tt.path, []byte(tt.working))
		if err != nil {
			t.Errorf("Committed(%s): %v", tt.path, err)
			continue
		}
		if got != tt.want {
			t.Errorf("Committed(%s, %q) = %v, want %v", tt.path, tt.working, got, tt.want)
		}
	}
}

// The planner asks Committed from one goroutine per core.
func TestCommittedConcurrently(t *testing.T) {
	t.Parallel()
	g := newTestRepo(t)
	for _, p := range []string{"docs/s/a.md", "docs/s/b.md", "docs/t/c.md", "docs/t/u/d.md"} {
		g.write(p, article(p, ""))
	}
	g.commit(1, "Ann")
	r := openTestRepo(t, filepath.Join(g.dir, "docs"))
	var wg sync.WaitGroup
	for _, p := range []string{"s/a.md", "s/b.md", "t/c.md", "t/u/d.md"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if ok, err := r.Committed(p, []byte(article("docs/"+p, ""))); !ok || err != nil {
				t.Errorf("Committed(%s) = %v, %v; want true", p, ok, err)
			}
		}()
	}
	wg.Wait()
}

// A commit is compared with its parent subtree by subtree: a file keeps
// its last change while other folders change around it, a change deep
// in a folder is found, and so is a folder that took the name of a
// deleted file.
func TestLastCommitsAcrossFolders(t *testing.T) {
	t.Parallel()
	g := newTestRepo(t)
	g.write("s/a.md", article("A", ""))
	g.write("s/deep/er/b.md", article("B", ""))
	g.write("t/c.md", article("C", ""))
	g.write("t/x", "a file, later a folder\n")
	g.commit(1, "Ann")
	g.write("t/c.md", article("C edited", ""))
	g.commit(2, "Bob")
	g.write("s/deep/er/b.md", article("B edited", ""))
	g.commit(3, "Cid")
	g.remove("t/x")
	g.commit(4, "Dan")
	g.write("t/x/d.md", article("D", ""))
	g.commit(5, "Dee")
	g.write("u/e.md", article("E", ""))
	g.commit(6, "Eve")

	r := openTestRepo(t, g.dir)
	tests := []struct{ file, author string }{
		{"s/a.md", "Ann"},
		{"s/deep/er/b.md", "Cid"},
		{"t/c.md", "Bob"},
		{"t/x/d.md", "Dee"},
		{"u/e.md", "Eve"},
	}
	var files []string
	for _, tt := range tests {
		files = append(files, tt.file)
	}
	got, err := r.LastCommits(context.Background(), files)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		if a := got[tt.file].Author; a != tt.author {
			t.Errorf("%s last changed by %q, want %s", tt.file, a, tt.author)
		}
	}
}

// diffTrees compares entries by hash and kind: it opens no subtree whose
// hash did not change (here one that is not even in the store), pairs a
// file with a file and a folder with a folder of the same name, and
// reads trees whose entries are out of git's order.
func TestDiffTrees(t *testing.T) {
	t.Parallel()
	st := memory.NewStorage()
	repo, err := git.Init(st, nil)
	if err != nil {
		t.Fatal(err)
	}
	r := &Repo{repo: repo}
	put := func(o interface {
		Encode(plumbing.EncodedObject) error
	}) plumbing.Hash {
		obj := st.NewEncodedObject()
		if err := o.Encode(obj); err != nil {
			t.Fatal(err)
		}
		h, err := st.SetEncodedObject(obj)
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	file := func(name, data string) object.TreeEntry {
		return object.TreeEntry{Name: name, Mode: filemode.Regular, Hash: blobHash(data)}
	}
	dir := func(name string, es ...object.TreeEntry) object.TreeEntry {
		return object.TreeEntry{Name: name, Mode: filemode.Dir, Hash: put(&object.Tree{Entries: es})}
	}
	// absent is a folder both sides share, never stored: opening it fails.
	absent := object.TreeEntry{Name: "same", Mode: filemode.Dir, Hash: plumbing.NewHash("1111111111111111111111111111111111111111")}
	tree := func(es ...object.TreeEntry) *object.Tree { return &object.Tree{Entries: es} }

	type change struct{ before, after bool }
	tests := []struct {
		name string
		a, b *object.Tree
		want map[string]change
	}{
		{"unchanged folder is not opened",
			tree(file("a.md", "1"), absent),
			tree(file("a.md", "2"), absent),
			map[string]change{"a.md": {true, true}}},
		{"deep change",
			tree(dir("s", dir("t", file("b.md", "1"), file("c.md", "1")))),
			tree(dir("s", dir("t", file("b.md", "1"), file("c.md", "2")))),
			map[string]change{"s/t/c.md": {true, true}}},
		{"file became a folder of its name",
			tree(file("x", "1"), file("x.md", "1")),
			tree(dir("x", file("d.md", "1")), file("x.md", "1")),
			map[string]change{"x": {true, false}, "x/d.md": {false, true}}},
		{"added and deleted",
			tree(file("a.md", "1"), dir("gone", file("g.md", "1"))),
			tree(file("a.md", "1"), file("b.md", "1")),
			map[string]change{"b.md": {false, true}, "gone/g.md": {true, false}}},
		{"entries out of git's order",
			tree(file("z.md", "1"), file("a.md", "1"), file("a-b.md", "1")),
			tree(file("a-b.md", "2"), file("z.md", "1"), file("a.md", "1")),
			map[string]change{"a-b.md": {true, true}}},
		{"nil side",
			nil,
			tree(dir("s", file("a.md", "1"))),
			map[string]change{"s/a.md": {false, true}}},
	}
	for _, tt := range tests {
		got := map[string]change{}
		err := r.diffTrees(tt.a, tt.b, "", func(p string, before, after bool) { got[p] = change{before, after} })
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("%s: changed %v, want %v", tt.name, got, tt.want)
		}
	}
}
