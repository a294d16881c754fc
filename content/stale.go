package content

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// Staleness: a translation x.fr.md is stale when its source x.md had a
// body change in a commit after the translation's last body change, or
// after the commit its source_commit: names, whichever is newer.
// Front-matter-only commits count for neither side. History is read
// along first parents from HEAD, so a change counts from when it landed
// on the checked-out branch: a source edit merged after a translation
// edit makes the translation stale, whenever either was written. A
// rename that keeps a file's body (its front-matter may change) is
// followed, so moving an article with its translations keeps their
// state. Only committed history counts: an edit is seen once committed.

// SourceHash is what a translation's source_hash: records of its
// source's body (the Markdown after the front-matter): the first 12 hex
// digits of its SHA-256. It marks a translation current where there is
// no git history to tell (an export, a tarball).
func SourceHash(body []byte) string {
	sum := sha256.Sum256(body)
	return hex.EncodeToString(sum[:6])
}

// TranslationRef names a translation to check against its source, by
// slash paths relative to the content root.
type TranslationRef struct {
	Source, Translation string
	// SourceCommit is the translation's source_commit: ("" when absent).
	SourceCommit string
}

// Stale is a translation whose source changed since it was confirmed.
type Stale struct {
	Translation, Source string
	// Since is the first commit (full hash) that changed the source's
	// body after the translation was confirmed; SinceTime its committer
	// time.
	Since     string
	SinceTime time.Time
	// Commits counts the commits that changed the source's body since;
	// Lines the source body lines added or removed since, as a line diff
	// counts them.
	Commits int
	Lines   int
	// New is set when the translation was current at the since ref
	// given to Staleness: the commits since made it stale.
	New bool
}

// bodyChange is a commit that changed a file's body, by its place on
// the first-parent walk from HEAD (0 is HEAD); before is the blob whose
// body it replaced, unless the file was added there.
type bodyChange struct {
	idx    int
	commit *object.Commit
	before plumbing.Hash
	added  bool
}

// tracked is a file followed back through history.
type tracked struct {
	path    string // its path in the commit being visited
	changes []bodyChange
	done    bool // its history ended (added), or it is no longer needed
}

// uncommitted marks a translation HEAD does not have.
const uncommitted = -2

// Staleness reports which of refs are stale at HEAD, oldest paths
// first as given. since, when not "", is a ref: a translation that was
// current there is marked New. It reads a file's content only at the
// commits where its blob changed, each blob once.
func (r *Repo) Staleness(ctx context.Context, refs []TranslationRef, since string) ([]Stale, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	head, err := r.head()
	if err != nil || head == nil || len(refs) == 0 {
		return nil, err
	}
	ds := r.newDigests()
	confirmed, err := r.sourceCommits(refs)
	if err != nil {
		return nil, err
	}
	var sinceHash plumbing.Hash
	if since != "" {
		c, err := r.resolve(since)
		if err != nil {
			return nil, err
		}
		sinceHash = c.Hash
	}
	byPath := map[string]*tracked{}
	track := func(p string) *tracked {
		if t, ok := byPath[p]; ok {
			return t
		}
		t := &tracked{path: p}
		byPath[p] = t
		return t
	}
	sources := make([]*tracked, len(refs))
	trs := make([]*tracked, len(refs))
	refIdx := make([]int, len(refs))
	for i, ref := range refs {
		sources[i], trs[i], refIdx[i] = track(ref.Source), track(ref.Translation), -1
	}
	// A translation HEAD lacks is being written now: current, and no
	// reason to walk all of history looking for it.
	headTree, err := r.contentTree(head)
	if err != nil {
		return nil, err
	}
	pending := len(refs)
	for i, ref := range refs {
		if _, ok, err := r.findFile(headTree, ref.Translation); err != nil || !ok {
			if err != nil {
				return nil, fmt.Errorf("git HEAD: %s: %w", ref.Translation, err)
			}
			refIdx[i], pending = uncommitted, pending-1
		}
	}
	sinceIdx := -1
	c := head
	for idx := 0; c != nil && pending > 0; idx++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if c.Hash == sinceHash {
			sinceIdx = idx
		}
		parent := r.firstParent(c)
		if err := r.bodyChanges(c, parent, idx, byPath, ds); err != nil {
			return nil, err
		}
		for i := range refs {
			if refIdx[i] != -1 {
				continue
			}
			at := confirmed[i]
			reached := at != nil && (at.Hash == c.Hash || !c.Committer.When.After(at.Committer.When))
			if n := len(trs[i].changes); n > 0 || reached || trs[i].done {
				refIdx[i], pending = idx, pending-1
			}
		}
		c = parent
	}
	var out []Stale
	for i, ref := range refs {
		if refIdx[i] < 0 {
			continue // never committed (uncommitted, or beyond a walk cut short)
		}
		s, ok, err := r.staleFrom(ref, sources[i], refIdx[i], head, ds)
		if err != nil {
			return nil, err
		}
		if ok {
			s.New = sinceHash != plumbing.ZeroHash && (sinceIdx < 0 || s.sinceIdx < sinceIdx)
			out = append(out, s.Stale)
		}
	}
	return out, nil
}

// sourceCommits resolves each ref's source_commit: nil when it has none,
// or, in a shallow clone, when the clone lacks it.
func (r *Repo) sourceCommits(refs []TranslationRef) ([]*object.Commit, error) {
	out := make([]*object.Commit, len(refs))
	for i, ref := range refs {
		if ref.SourceCommit == "" {
			continue
		}
		h, err := r.repo.ResolveRevision(plumbing.Revision(ref.SourceCommit))
		if err == nil {
			out[i], err = r.repo.CommitObject(*h)
		}
		if err == nil {
			continue
		}
		if r.Shallow() {
			// Most likely older than the history fetched: the
			// translation's own edits and the source's within reach
			// still decide, rather than a plan failing in CI.
			continue
		}
		return nil, fmt.Errorf("%s: source_commit %s: no such commit in the repository (%v): write the hash of a commit of %s (git log -1 --format=%%H -- %s)", ref.Translation, ref.SourceCommit, err, ref.Source, ref.Source)
	}
	return out, nil
}

// firstParent returns c's first parent, nil for a root commit or at the
// edge of a shallow (or cut) clone.
func (r *Repo) firstParent(c *object.Commit) *object.Commit {
	if r.shallow[c.Hash] || len(c.ParentHashes) == 0 {
		return nil
	}
	p, err := r.repo.CommitObject(c.ParentHashes[0])
	if err != nil {
		return nil
	}
	return p
}

// bodyChanges records, for each tracked file that commit c (at idx)
// changed against parent, whether its body changed, and follows a
// rename to the path the file had before. Bodies are compared by
// digest, and a file added where no article file was removed is not
// read at all: the root commit, which adds every file, reads none.
func (r *Repo) bodyChanges(c, parent *object.Commit, idx int, byPath map[string]*tracked, ds *digests) error {
	tree, err := r.contentTree(c)
	if err != nil {
		return err
	}
	var ptree *object.Tree
	if parent != nil {
		if ptree, err = r.contentTree(parent); err != nil {
			return err
		}
	}
	if parent != nil && sameTree(ptree, tree) {
		return nil
	}
	var changed, removed []string
	err = r.diffTrees(ptree, tree, "", func(p string, before, after bool) {
		if t, ok := byPath[p]; ok && after && !t.done {
			changed = append(changed, p)
		}
		if before && !after {
			removed = append(removed, p)
		}
	})
	if err != nil {
		return fmt.Errorf("git commit %s: %w", c.Hash, err)
	}
	moved := map[string]*tracked{}
	var gone map[bodyDigest]removedFile // once needed
	for _, p := range changed {
		t := byPath[p]
		ch, prev, err := r.bodyChange(tree, ptree, p, removed, &gone, ds)
		if err != nil {
			return fmt.Errorf("git commit %s: %s: %w", c.Hash, p, err)
		}
		if ch != nil {
			ch.idx, ch.commit = idx, c
			t.changes = append(t.changes, *ch)
			t.done = ch.added
		}
		if prev != p {
			delete(byPath, p)
			t.path = prev
			moved[prev] = t
		}
	}
	for p, t := range moved {
		byPath[p] = t
	}
	return nil
}

// removedFile is an article or translation file a commit removed: its
// path, and its blob in the parent's tree.
type removedFile struct {
	path string
	blob plumbing.Hash
}

// bodyChange says how the file at p changed between ptree and tree: nil
// when its body did not (a front-matter-only edit, a rename that kept
// the body), and the path it had in ptree (p, or where it was renamed
// from). gone is filled from removed the first time a file is added.
func (r *Repo) bodyChange(tree, ptree *object.Tree, p string, removed []string, gone *map[bodyDigest]removedFile, ds *digests) (*bodyChange, string, error) {
	after, _, err := r.findFile(tree, p)
	if err != nil {
		return nil, p, err
	}
	var before *object.TreeEntry
	if ptree != nil {
		if before, _, err = r.findFile(ptree, p); err != nil {
			return nil, p, err
		}
	}
	if before != nil {
		da, err := ds.of(after.Hash)
		if err != nil {
			return nil, p, err
		}
		db, err := ds.of(before.Hash)
		if err != nil || da == db {
			return nil, p, err
		}
		return &bodyChange{before: before.Hash}, p, nil
	}
	if *gone == nil {
		if *gone, err = r.removedBodies(ptree, removed, ds); err != nil {
			return nil, p, err
		}
	}
	if len(*gone) == 0 {
		return &bodyChange{added: true}, p, nil
	}
	da, err := ds.of(after.Hash)
	if err != nil {
		return nil, p, err
	}
	if from, ok := (*gone)[da]; ok {
		return nil, from.path, nil
	}
	return &bodyChange{added: true}, p, nil
}

// removedBodies maps the body digest of each article or translation
// file a commit removed to the file (the first, when several share
// one): a file added with one of those bodies was renamed from it.
func (r *Repo) removedBodies(ptree *object.Tree, removed []string, ds *digests) (map[bodyDigest]removedFile, error) {
	out := make(map[bodyDigest]removedFile, len(removed))
	for _, p := range removed {
		if _, ok := deletedFile(p); !ok {
			continue
		}
		e, ok, err := r.findFile(ptree, p)
		if err != nil || !ok {
			if err != nil {
				return nil, fmt.Errorf("%s: %w", p, err)
			}
			continue
		}
		d, err := ds.of(e.Hash)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		if _, dup := out[d]; !dup {
			out[d] = removedFile{path: p, blob: e.Hash}
		}
	}
	return out, nil
}

// bodyOf is data after its front-matter; all of it when it has none.
// It is never nil.
func bodyOf(data []byte) []byte {
	d := split(data)
	if !d.closed {
		return append([]byte{}, data...)
	}
	return append([]byte{}, data[d.bodyStart:]...)
}

// staleResult is a Stale with the walk position of its Since.
type staleResult struct {
	Stale
	sinceIdx int
}

// staleFrom says whether the source had body changes newer than the
// translation's confirmation at walk position ref. Only then does it
// read bodies: the source's now and before the first of those changes,
// to count the lines changed.
func (r *Repo) staleFrom(ref TranslationRef, src *tracked, refIdx int, head *object.Commit, ds *digests) (staleResult, bool, error) {
	var after []bodyChange
	for _, ch := range src.changes {
		if ch.idx < refIdx {
			after = append(after, ch)
		}
	}
	if len(after) == 0 {
		return staleResult{}, false, nil
	}
	first := after[len(after)-1]
	tree, err := r.contentTree(head)
	if err != nil {
		return staleResult{}, false, err
	}
	e, ok, err := r.findFile(tree, ref.Source)
	if err != nil {
		return staleResult{}, false, fmt.Errorf("%s: %w", ref.Source, err)
	}
	var now, before []byte
	if ok {
		if now, err = ds.body(e.Hash); err != nil {
			return staleResult{}, false, fmt.Errorf("%s: %w", ref.Source, err)
		}
	}
	if !first.added {
		if before, err = ds.body(first.before); err != nil {
			return staleResult{}, false, fmt.Errorf("%s as of %s: %w", ref.Source, first.commit.Hash, err)
		}
	}
	s := Stale{Translation: ref.Translation, Source: ref.Source, Since: first.commit.Hash.String(),
		SinceTime: first.commit.Committer.When, Commits: len(after), Lines: LinesChanged(before, now)}
	return staleResult{Stale: s, sinceIdx: first.idx}, true, nil
}
