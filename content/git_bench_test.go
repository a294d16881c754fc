package content

import (
	"context"
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage/memory"
)

// syntheticHistory builds, in memory, a history of commits over a tree
// of sections×perSection files: the first commit adds them all, each
// later one edits `edits` files. It returns the repository at the last
// commit and every file's path.
func syntheticHistory(b *testing.B, sections, perSection, commits, edits int) (*Repo, []string) {
	b.Helper()
	st := memory.NewStorage()
	repo, err := git.Init(st, nil)
	if err != nil {
		b.Fatal(err)
	}
	store := func(o interface {
		Encode(plumbing.EncodedObject) error
	}) plumbing.Hash {
		obj := st.NewEncodedObject()
		if err := o.Encode(obj); err != nil {
			b.Fatal(err)
		}
		h, err := st.SetEncodedObject(obj)
		if err != nil {
			b.Fatal(err)
		}
		return h
	}
	blob := func(s string) plumbing.Hash {
		obj := st.NewEncodedObject()
		obj.SetType(plumbing.BlobObject)
		w, _ := obj.Writer()
		fmt.Fprint(w, s)
		w.Close()
		h, err := st.SetEncodedObject(obj)
		if err != nil {
			b.Fatal(err)
		}
		return h
	}

	// content[s][f] is the blob of file f of section s.
	content := make([][]plumbing.Hash, sections)
	var files []string
	for s := range content {
		content[s] = make([]plumbing.Hash, perSection)
		for f := range content[s] {
			content[s][f] = blob(fmt.Sprintf("---\ntitle: %d %d\n---\nv0\n", s, f))
			files = append(files, fmt.Sprintf("s%04d/a%04d.md", s, f))
		}
	}
	writeTree := func() plumbing.Hash {
		var root object.Tree
		for s := range content {
			var sub object.Tree
			for f, h := range content[s] {
				sub.Entries = append(sub.Entries, object.TreeEntry{Name: fmt.Sprintf("a%04d.md", f), Mode: filemode.Regular, Hash: h})
			}
			root.Entries = append(root.Entries, object.TreeEntry{Name: fmt.Sprintf("s%04d", s), Mode: filemode.Dir, Hash: store(&sub)})
		}
		sort.Slice(root.Entries, func(i, j int) bool { return root.Entries[i].Name < root.Entries[j].Name })
		return store(&root)
	}

	var parent plumbing.Hash
	for c := range commits {
		if c > 0 {
			for e := range edits {
				s, f := (c*7+e*13)%sections, (c*11+e*3)%perSection
				content[s][f] = blob(fmt.Sprintf("---\ntitle: %d %d\n---\nv%d\n", s, f, c))
			}
		}
		sig := object.Signature{Name: "bench", When: time.Unix(int64(1_700_000_000+c*60), 0)}
		commit := &object.Commit{Author: sig, Committer: sig, Message: "c", TreeHash: writeTree()}
		if c > 0 {
			commit.ParentHashes = []plumbing.Hash{parent}
		}
		parent = store(commit)
	}
	if err := st.SetReference(plumbing.NewHashReference(plumbing.HEAD, parent)); err != nil {
		b.Fatal(err)
	}
	return &Repo{repo: repo, shallow: map[plumbing.Hash]bool{}}, files
}

// BenchmarkLastCommits: a 10,000-file tree with 300 commits of history.
// Files are found in one walk of history, so the cost grows with the
// commits walked and the subtrees they touch, not with files × commits.
func BenchmarkLastCommits(b *testing.B) {
	r, files := syntheticHistory(b, 100, 100, 300, 5)
	b.ResetTimer()
	for b.Loop() {
		got, err := r.LastCommits(context.Background(), files)
		if err != nil {
			b.Fatal(err)
		}
		if len(got) != len(files) {
			b.Fatalf("found %d of %d files", len(got), len(files))
		}
	}
}

// BenchmarkStaleness: the history of BenchmarkLastCommits, each file
// paired with the next as source and translation (5,000 pairs). The
// walk reads a file only in the commits that changed it.
func BenchmarkStaleness(b *testing.B) {
	r, files := syntheticHistory(b, 100, 100, 300, 5)
	refs := make([]TranslationRef, 0, len(files)/2)
	for i := 0; i+1 < len(files); i += 2 {
		refs = append(refs, TranslationRef{Source: files[i], Translation: files[i+1]})
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := r.Staleness(context.Background(), refs, ""); err != nil {
			b.Fatal(err)
		}
	}
}
