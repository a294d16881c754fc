package content

import (
	"cmp"
	"container/heap"
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// Repo is the git repository that holds a content folder. It answers the
// two questions the planner asks of history: when was each file last
// committed (drift), and which articles did the commits since a ref
// delete (prune). It reads tree objects, by hash, and a file's content
// only when it needs it. Its methods may be called from several
// goroutines: they take turns.
type Repo struct {
	repo *git.Repository
	// prefix is the content folder relative to the work tree root, as a
	// slash path; "" when the content folder is the root.
	prefix  string
	shallow map[plumbing.Hash]bool

	mu sync.Mutex
	// trees holds the trees decoded so far, by hash (see tree).
	trees       map[plumbing.Hash]*object.Tree
	treeEntries int
	// headTree is HEAD's content tree, for Committed; headRead is set
	// once it was looked for.
	headTree *object.Tree
	headRead bool
}

// maxTreeEntries bounds the tree cache: about 15 MB of decoded entries.
const maxTreeEntries = 200_000

// FileCommit is the last commit that changed a file.
type FileCommit struct {
	Hash   string
	Time   time.Time // committer time
	Author string    // author name
	// Truncated is set when the clone is shallow and the history ends
	// before the file's last change: Hash and Time are those of the
	// oldest commit present, so the real change is no later than Time.
	Truncated bool
}

// DeletedFile is an article or translation file that the commits since
// a ref deleted.
type DeletedFile struct {
	Path string // slash path relative to the content root
	// ID is the article's id: the id: of the file's last version, or for
	// a translation the id: its source file carried in the commit that
	// last held the translation ("" when it had none).
	ID string
	// Locale and Source are set for a translation file (name.<locale>.md):
	// its locale suffix and the path of its source file (name.md).
	Locale string
	Source string
}

// fetchDepthHint is what a user of actions/checkout changes to see more
// history.
const fetchDepthHint = "set fetch-depth: 0 on actions/checkout (or fetch deep enough to reach it: git fetch --deepen=N)"

// OpenRepo opens the git repository containing the content folder dir,
// looking upwards from it. A folder outside any repository is not an
// error: OpenRepo returns nil and the tree is used without git facts.
func OpenRepo(dir string) (*Repo, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("content folder %s: %w", dir, err)
	}
	repo, err := git.PlainOpenWithOptions(abs, &git.PlainOpenOptions{DetectDotGit: true, EnableDotGitCommonDir: true})
	if errors.Is(err, git.ErrRepositoryNotExists) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("open git repository of %s: %w", dir, err)
	}
	wt, err := repo.Worktree()
	if err != nil {
		return nil, fmt.Errorf("git repository of %s: %w", dir, err)
	}
	root, err := filepath.EvalSymlinks(wt.Filesystem.Root())
	if err != nil {
		return nil, fmt.Errorf("git work tree of %s: %w", dir, err)
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return nil, fmt.Errorf("content folder %s: %w", dir, err)
	}
	rel, err := filepath.Rel(root, real)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return nil, fmt.Errorf("content folder %s is outside the git work tree %s", dir, root)
	}
	r := &Repo{repo: repo, shallow: map[plumbing.Hash]bool{}}
	if rel != "." {
		r.prefix = filepath.ToSlash(rel)
	}
	hashes, err := repo.Storer.Shallow()
	if err != nil {
		return nil, fmt.Errorf("git repository of %s: reading .git/shallow: %w", dir, err)
	}
	for _, h := range hashes {
		r.shallow[h] = true
	}
	return r, nil
}

// Shallow reports whether the clone has only part of the history
// (actions/checkout fetches one commit unless told otherwise).
func (r *Repo) Shallow() bool { return len(r.shallow) > 0 }

// head returns the commit HEAD points at, or nil in a repository
// without commits.
func (r *Repo) head() (*object.Commit, error) {
	ref, err := r.repo.Head()
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("git HEAD: %w", err)
	}
	c, err := r.repo.CommitObject(ref.Hash())
	if err != nil {
		return nil, fmt.Errorf("git HEAD %s: %w", ref.Hash(), err)
	}
	return c, nil
}

// Committed reports whether the file at p (a slash path relative to the
// content root) holds exactly what HEAD holds for it: no uncommitted
// change. A file HEAD does not have is not committed. It compares the
// git hash of working with the one HEAD's tree records, so the
// committed file is never read.
func (r *Repo) Committed(p string, working []byte) (bool, error) {
	want := plumbing.ComputeHash(plumbing.BlobObject, working)
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.headRead {
		c, err := r.head()
		if err != nil {
			return false, err
		}
		if c != nil {
			if r.headTree, err = r.contentTree(c); err != nil {
				return false, err
			}
		}
		r.headRead = true
	}
	if r.headTree == nil {
		return false, nil
	}
	e, ok, err := r.findFile(r.headTree, p)
	if err != nil || !ok {
		return false, err
	}
	return e.Hash == want, nil
}

// LastCommits finds the last commit that changed each of files (slash
// paths relative to the content root) in one walk of history from HEAD,
// newest first, which stops as soon as every file is found. Files that
// were never committed are absent from the result.
//
// A merge counts as changing a file only when the file differs from
// every parent (as git log's history simplification has it); otherwise
// the change is found on the branch that made it.
func (r *Repo) LastCommits(ctx context.Context, files []string) (map[string]FileCommit, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make(map[string]FileCommit, len(files))
	want := make(map[string]bool, len(files))
	for _, f := range files {
		want[f] = true
	}
	head, err := r.head()
	if err != nil || head == nil {
		return out, err
	}
	found := func(p string, c *object.Commit, truncated bool) {
		if want[p] {
			delete(want, p)
			out[p] = FileCommit{Hash: c.Hash.String(), Time: c.Committer.When, Author: c.Author.Name, Truncated: truncated}
		}
	}
	if len(want) == 0 {
		return out, nil
	}
	err = r.newWalk(head).each(ctx, func(c *object.Commit, parents []*object.Commit, complete bool, tree *object.Tree) (bool, error) {
		if len(parents) == 0 || !complete {
			// A root commit added every file it has; at a shallow
			// boundary the file's change lies in the missing history.
			if err := r.eachFile(tree, "", func(p string) { found(p, c, !complete) }); err != nil {
				return false, fmt.Errorf("git commit %s: %w", c.Hash, err)
			}
			return len(want) > 0, nil
		}
		changed, err := r.changedInAll(tree, parents)
		if err != nil {
			return false, fmt.Errorf("git commit %s: %w", c.Hash, err)
		}
		for p := range changed {
			found(p, c, false)
		}
		return len(want) > 0, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// changedInAll returns the paths of tree that differ from the content
// tree of every parent.
func (r *Repo) changedInAll(tree *object.Tree, parents []*object.Commit) (map[string]bool, error) {
	var changed map[string]bool
	for _, p := range parents {
		pt, err := r.contentTree(p)
		if err != nil {
			return nil, err
		}
		if sameTree(pt, tree) {
			return nil, nil
		}
		these := map[string]bool{}
		err = r.diffTrees(pt, tree, "", func(file string, _, _ bool) {
			if changed == nil || changed[file] {
				these[file] = true
			}
		})
		if err != nil {
			return nil, err
		}
		changed = these
	}
	return changed, nil
}

// DeletedSince lists the article and translation files that exist in
// ref's tree and not in HEAD's. Each is found in its last version (the
// newest commit between ref and HEAD that still had it): an article
// file with the id: it carried there, a translation with the id: its
// source file carried in that same commit. Article files whose last
// version had no id were never synced and are left out; a translation is
// reported either way, with its source's path, so that a source bound
// by adoption still finds it. Section files carry no article and are
// left out. A file that moved shows as deleted under its old name: the
// planner keeps what another file still holds.
func (r *Repo) DeletedSince(ctx context.Context, ref string) ([]DeletedFile, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	since, err := r.since(ref)
	if err != nil {
		return nil, err
	}
	base, head, baseTree, headTree := since.base, since.head, since.baseTree, since.headTree
	var gone []DeletedFile
	err = r.diffTrees(baseTree, headTree, "", func(p string, before, after bool) {
		if d, ok := deletedFile(p); ok && before && !after {
			gone = append(gone, d)
		}
	})
	if err != nil {
		return nil, fmt.Errorf("--since %s: comparing with HEAD: %w", ref, err)
	}
	if len(gone) == 0 {
		return nil, nil
	}
	sort.Slice(gone, func(i, j int) bool { return gone[i].Path < gone[j].Path })

	// Walk back from HEAD until every deleted file is seen in a commit:
	// that commit holds its last version, and the version of its source
	// that went with it. ref itself holds them all, so the walk ends
	// there at the latest. Only that version of the file carrying the
	// id is read; in every other commit a path is looked up, not read.
	found := make([]bool, len(gone))
	idData := make([][]byte, len(gone)) // the file that carries the id, as it was then
	left := len(gone)
	var last plumbing.Hash // the content tree of the commit visited before
	// blobs holds each id-carrying file read, by hash: the translations
	// of one source, deleted together, share its version.
	blobs := map[plumbing.Hash][]byte{}
	w := r.newWalk(head)
	w.stop = base.Hash
	err = w.each(ctx, func(c *object.Commit, _ []*object.Commit, _ bool, tree *object.Tree) (bool, error) {
		if tree == nil || tree.Hash == last {
			// The same tree holds nothing the one before did not.
			return true, nil
		}
		last = tree.Hash
		for i, d := range gone {
			if found[i] {
				continue
			}
			_, ok, err := r.findFile(tree, d.Path)
			if err != nil {
				return false, fmt.Errorf("git commit %s: %s: %w", c.Hash, d.Path, err)
			}
			if !ok {
				continue
			}
			found[i], left = true, left-1
			idFile := d.Path
			if d.Source != "" {
				idFile = d.Source
			}
			idData[i], err = r.readFile(tree, idFile, blobs)
			if errors.Is(err, plumbing.ErrObjectNotFound) {
				// A blobless or partial clone fetched the trees but not
				// this version of the file.
				return false, fmt.Errorf("--since %s: %s as of commit %s is not in this clone, and its id: is needed to prune %s: fetch it (git cat-file -p %s:%s) or clone without --filter: %w", ref, idFile, c.Hash, d.Path, c.Hash, path.Join(r.prefix, idFile), err)
			}
			if err != nil {
				return false, fmt.Errorf("git commit %s: %s: %w", c.Hash, idFile, err)
			}
		}
		return left > 0, nil
	})
	if err != nil {
		return nil, err
	}

	var out []DeletedFile
	for i, d := range gone {
		if !found[i] {
			continue
		}
		if idData[i] != nil {
			idFile := d.Path
			if d.Source != "" {
				idFile = d.Source
			}
			if pf := parseFile(idFile, sourceFile, idData[i]); pf.fm != nil && pf.fm.ID != nil {
				d.ID = *pf.fm.ID
			}
		}
		if d.ID == "" && d.Source == "" {
			continue
		}
		out = append(out, d)
	}
	return out, nil
}

// resolve finds the commit ref names, explaining a shallow clone when
// that is why it is missing.
func (r *Repo) resolve(ref string) (*object.Commit, error) {
	h, err := r.repo.ResolveRevision(plumbing.Revision(ref))
	var c *object.Commit
	if err == nil {
		c, err = r.repo.CommitObject(*h)
	}
	if err == nil {
		return c, nil
	}
	if r.Shallow() {
		return nil, fmt.Errorf("--since %s: not in this shallow clone: %s", ref, fetchDepthHint)
	}
	return nil, fmt.Errorf("--since %s: no such commit in the repository (%v): pass a commit, branch or tag that HEAD descends from", ref, err)
}

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
	blob, err := object.GetBlob(r.repo.Storer, e.Hash)
	if err != nil {
		return nil, err
	}
	rd, err := blob.Reader()
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	data, err := io.ReadAll(rd)
	if err != nil {
		return nil, err
	}
	blobs[e.Hash] = data
	return data, nil
}

// deletedFile says what a deleted path was: an article file, a
// translation (with its locale and source), or neither (ok false). Only
// files the tree would load count (see walk): .md files outside
// dot-folders and node_modules, other than section files.
func deletedFile(p string) (d DeletedFile, ok bool) {
	dir, name := path.Split(p)
	for _, seg := range strings.Split(strings.Trim(dir, "/"), "/") {
		if strings.HasPrefix(seg, ".") || seg == "node_modules" {
			return DeletedFile{}, false
		}
	}
	if strings.HasPrefix(name, ".") || !strings.HasSuffix(name, ".md") || name == "_section.md" || name == "_category.md" {
		return DeletedFile{}, false
	}
	d.Path = p
	if source, locale, isTranslation := splitTranslation(name); isTranslation {
		d.Source, d.Locale = dir+source, locale
	}
	return d, true
}

// commitWalk visits the commits reachable from a start commit, newest
// committer time first, each once.
type commitWalk struct {
	r     *Repo
	queue commitQueue
	seen  map[plumbing.Hash]bool
	// stop is a commit whose parents are not visited (the --since ref).
	stop plumbing.Hash
}

func (r *Repo) newWalk(start *object.Commit) *commitWalk {
	w := &commitWalk{r: r, seen: map[plumbing.Hash]bool{start.Hash: true}}
	heap.Push(&w.queue, start)
	return w
}

// each calls visit with each commit of the walk, its parents and
// completeness as next returns them, and its content tree, until visit
// reports that it wants no more, the walk is over or ctx is done.
func (w *commitWalk) each(ctx context.Context, visit func(c *object.Commit, parents []*object.Commit, complete bool, tree *object.Tree) (more bool, err error)) error {
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		c, parents, complete, err := w.next()
		if err != nil || c == nil {
			return err
		}
		tree, err := w.r.contentTree(c)
		if err != nil {
			return err
		}
		if more, err := visit(c, parents, complete, tree); err != nil || !more {
			return err
		}
	}
}

// next returns the next commit and its parents. complete is false when a
// parent is missing from a shallow clone. It returns a nil commit when
// the walk is over.
func (w *commitWalk) next() (c *object.Commit, parents []*object.Commit, complete bool, err error) {
	if w.queue.Len() == 0 {
		return nil, nil, true, nil
	}
	c = heap.Pop(&w.queue).(*object.Commit)
	complete = !w.r.shallow[c.Hash]
	if !complete {
		return c, nil, false, nil
	}
	for _, h := range c.ParentHashes {
		p, err := w.r.repo.CommitObject(h)
		if errors.Is(err, plumbing.ErrObjectNotFound) {
			// History cut off without a .git/shallow entry (a
			// grafted or damaged clone): treat it as a shallow
			// boundary rather than fail.
			complete = false
			continue
		}
		if err != nil {
			return nil, nil, false, fmt.Errorf("git commit %s: parent %s: %w", c.Hash, h, err)
		}
		parents = append(parents, p)
		if c.Hash != w.stop && !w.seen[h] {
			w.seen[h] = true
			heap.Push(&w.queue, p)
		}
	}
	if !complete {
		parents = nil
	}
	return c, parents, complete, nil
}

// commitQueue is a max-heap of commits by committer time.
type commitQueue []*object.Commit

func (q commitQueue) Len() int { return len(q) }
func (q commitQueue) Less(i, j int) bool {
	return q[i].Committer.When.After(q[j].Committer.When)
}
func (q commitQueue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *commitQueue) Push(x any)   { *q = append(*q, x.(*object.Commit)) }
func (q *commitQueue) Pop() any {
	old := *q
	c := old[len(old)-1]
	*q = old[:len(old)-1]
	return c
}

// sinceRange is what the commits since a --since ref compare: that
// commit and HEAD, and the content folder's tree in each.
type sinceRange struct {
	base, head         *object.Commit
	baseTree, headTree *object.Tree
}

// since resolves ref and HEAD for a --since comparison; r.mu is held.
func (r *Repo) since(ref string) (sinceRange, error) {
	var s sinceRange
	var err error
	if s.base, err = r.resolve(ref); err != nil {
		return s, err
	}
	if s.head, err = r.head(); err != nil {
		return s, err
	}
	if s.head == nil {
		return s, fmt.Errorf("--since %s: the repository has no commits yet", ref)
	}
	if s.baseTree, err = r.contentTree(s.base); err != nil {
		return s, err
	}
	s.headTree, err = r.contentTree(s.head)
	return s, err
}
