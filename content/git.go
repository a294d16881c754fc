package content

import (
	"context"
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/go-git/go-billy/v5"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage/filesystem"
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
	// bodyCache, when set, holds the body digests of blobs compared by
	// earlier runs (see UseBodyCache).
	bodyCache *BodyCache
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
	if repo, err = keepPacksOpen(repo, wt.Filesystem); err != nil {
		return nil, fmt.Errorf("open git repository of %s: %w", dir, err)
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

// keepPacksOpen reopens repo with its pack files kept open between
// object reads. go-git otherwise opens and parses a pack (its index
// included) for every object it reads from it: in a clone, where every
// object is packed, that was 0.8 s of a 7 s warm plan of 10k × 4
// (BENCHMARKS.md, "Whole runs in a git checkout"). The descriptors are
// few (one a pack) and closed when the process ends.
func keepPacksOpen(repo *git.Repository, wt billy.Filesystem) (*git.Repository, error) {
	st, ok := repo.Storer.(*filesystem.Storage)
	if !ok {
		return repo, nil
	}
	s := filesystem.NewStorageWithOptions(st.Filesystem(), cache.NewObjectLRUDefault(), filesystem.Options{MaxOpenDescriptors: maxOpenPacks})
	return git.Open(s, wt)
}

// maxOpenPacks bounds the pack files kept open: a clone has one, a
// repository fetched into many times a few more until git gc.
const maxOpenPacks = 16

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
