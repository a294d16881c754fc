package content

import (
	"cmp"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// contentTree returns the tree of the content folder in commit c, nil
// when the folder does not exist there.
func (r *Repo) contentTree(c *object.Commit) (*object.Tree, error) {
	tree, err := r.tree(c.TreeHash)
	if err != nil {
		return nil, fmt.Errorf("git commit %s: %w", c.Hash, err)
	}
	if r.prefix == "" {
		return tree, nil
	}
	for _, name := range strings.Split(r.prefix, "/") {
		e := entry(tree, name)
		if e == nil || e.Mode != filemode.Dir {
			return nil, nil
		}
		if tree, err = r.tree(e.Hash); err != nil {
			return nil, fmt.Errorf("git commit %s: %s: %w", c.Hash, r.prefix, err)
		}
	}
	return tree, nil
}

// tree returns the tree object h, decoded once: a walk of history
// compares each commit's trees with its parents', then the parents'
// with theirs, and Committed looks up every file in HEAD's. (go-git's
// own object cache still opens the object's file, or its pack, on every
// lookup, and decodes the tree anew.)
func (r *Repo) tree(h plumbing.Hash) (*object.Tree, error) {
	if t, ok := r.trees[h]; ok {
		return t, nil
	}
	if r.trees == nil {
		r.trees = map[plumbing.Hash]*object.Tree{}
	}
	t, err := object.GetTree(r.repo.Storer, h)
	if err != nil {
		return nil, err
	}
	if r.treeEntries+len(t.Entries) > maxTreeEntries {
		clear(r.trees)
		r.treeEntries = 0
	}
	r.trees[h] = t
	r.treeEntries += len(t.Entries)
	return t, nil
}

// entry returns the entry called name in tree, nil when there is none.
func entry(tree *object.Tree, name string) *object.TreeEntry {
	for i := range tree.Entries {
		if tree.Entries[i].Name == name {
			return &tree.Entries[i]
		}
	}
	return nil
}

// diffTrees calls fn with the path of each file that differs between
// trees a and b (either may be nil), and whether a file is there in a
// (before) and in b (after). Entries are compared by hash: subtrees with
// equal hashes are not opened, and no file is read, so a commit that
// touches a few files costs a few tree reads, whatever the size of the
// tree and of its images. (object.DiffTree decodes every subtree of both
// sides.)
func (r *Repo) diffTrees(a, b *object.Tree, dir string, fn func(p string, before, after bool)) error {
	// Both lists are in git's order, so one merge pairs each entry with
	// its namesake of the same kind; a file and a folder of one name
	// come apart, a deleted file and an added folder, as they are.
	ae, be := sortedEntries(a), sortedEntries(b)
	for len(ae) > 0 || len(be) > 0 {
		var c int
		switch {
		case len(be) == 0:
			c = -1
		case len(ae) == 0:
			c = 1
		default:
			c = compareEntries(&ae[0], &be[0])
		}
		var ea, eb *object.TreeEntry
		if c <= 0 {
			ea, ae = &ae[0], ae[1:]
		}
		if c >= 0 {
			eb, be = &be[0], be[1:]
		}
		if ea != nil && eb != nil && ea.Hash == eb.Hash && ea.Mode == eb.Mode {
			continue
		}
		if err := r.diffEntry(ea, eb, dir, fn); err != nil {
			return err
		}
	}
	return nil
}

// diffEntry reports the files of an entry that differs between two
// trees: ea, eb or one of them nil (absent), of the same name and kind.
func (r *Repo) diffEntry(ea, eb *object.TreeEntry, dir string, fn func(p string, before, after bool)) error {
	name := eb
	if ea != nil {
		name = ea
	}
	p := path.Join(dir, name.Name)
	if name.Mode == filemode.Dir {
		var sa, sb *object.Tree
		var err error
		if ea != nil {
			if sa, err = r.tree(ea.Hash); err != nil {
				return err
			}
		}
		if eb != nil {
			if sb, err = r.tree(eb.Hash); err != nil {
				return err
			}
		}
		return r.diffTrees(sa, sb, p, fn)
	}
	before, after := ea != nil && isFile(ea.Mode), eb != nil && isFile(eb.Mode)
	if before || after {
		fn(p, before, after)
	}
	return nil
}

// sortedEntries returns the entries of t in git's order (a folder's name
// sorts as if it ended in "/"), as git writes them; a tree written out of
// order is sorted in a copy.
func sortedEntries(t *object.Tree) []object.TreeEntry {
	if t == nil {
		return nil
	}
	less := func(i, j int) bool { return compareEntries(&t.Entries[i], &t.Entries[j]) < 0 }
	if sort.SliceIsSorted(t.Entries, less) {
		return t.Entries
	}
	es := append([]object.TreeEntry(nil), t.Entries...)
	sort.Slice(es, func(i, j int) bool { return compareEntries(&es[i], &es[j]) < 0 })
	return es
}

// compareEntries orders tree entries as git does: by name, a folder's
// name followed by "/". It is 0 only for entries of one name and kind.
func compareEntries(a, b *object.TreeEntry) int {
	n := min(len(a.Name), len(b.Name))
	if c := strings.Compare(a.Name[:n], b.Name[:n]); c != 0 {
		return c
	}
	return cmp.Compare(nameByte(a, n), nameByte(b, n))
}

// nameByte is the byte at i of e's name as git sorts it: "/" just past
// a folder's name, 0 past a file's.
func nameByte(e *object.TreeEntry, i int) int {
	switch {
	case i < len(e.Name):
		return int(e.Name[i])
	case e.Mode == filemode.Dir:
		return '/'
	}
	return 0
}

func sameTree(a, b *object.Tree) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Hash == b.Hash
}

// isFile reports whether a tree entry of mode m is a file, as
// object.Tree.Files has it: not a folder, not a submodule's commit.
func isFile(m filemode.FileMode) bool {
	return m != filemode.Dir && m != filemode.Submodule
}

// eachFile calls fn with the path of every file in tree, under dir. It
// reads the tree objects only: object.Tree.Files would inflate every
// blob, images included, to hand over its name.
func (r *Repo) eachFile(tree *object.Tree, dir string, fn func(string)) error {
	if tree == nil {
		return nil
	}
	for _, e := range tree.Entries {
		p := path.Join(dir, e.Name)
		switch {
		case e.Mode == filemode.Dir:
			sub, err := r.tree(e.Hash)
			if err != nil {
				return fmt.Errorf("%s: %w", p, err)
			}
			if err := r.eachFile(sub, p, fn); err != nil {
				return err
			}
		case isFile(e.Mode):
			fn(p)
		}
	}
	return nil
}

// findFile returns the tree entry of the file at p in tree, and whether
// there is one; the file itself is not read.
func (r *Repo) findFile(tree *object.Tree, p string) (*object.TreeEntry, bool, error) {
	dir, name := path.Split(p)
	if dir != "" {
		for _, seg := range strings.Split(strings.TrimSuffix(dir, "/"), "/") {
			e := entry(tree, seg)
			if e == nil || e.Mode != filemode.Dir {
				return nil, false, nil
			}
			var err error
			if tree, err = r.tree(e.Hash); err != nil {
				return nil, false, err
			}
		}
	}
	e := entry(tree, name)
	if e == nil {
		return nil, false, nil
	}
	return e, isFile(e.Mode), nil
}

// readFile returns the content of the file at p in tree, nil when it
// has none. blobs holds the files read before, by hash.
func (r *Repo) readFile(tree *object.Tree, p string, blobs map[plumbing.Hash][]byte) ([]byte, error) {
	e, ok, err := r.findFile(tree, p)
	if err != nil || !ok {
		return nil, err
	}
	if data, ok := blobs[e.Hash]; ok {
		return data, nil
	}
	data, err := r.readBlob(e.Hash)
	if err != nil {
		return nil, err
	}
	blobs[e.Hash] = data
	return data, nil
}

// readBlob reads the whole of blob h.
func (r *Repo) readBlob(h plumbing.Hash) ([]byte, error) {
	blob, err := object.GetBlob(r.repo.Storer, h)
	if err != nil {
		return nil, err
	}
	rd, err := blob.Reader()
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	return io.ReadAll(rd)
}
