package content

import (
	"fmt"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
)

// AppliedState is what a record of the last successful apply says: when
// the apply last wrote to the help center, and which files it had then.
type AppliedState struct {
	// At is the record commit's committer time: the Action makes the
	// record right after an apply ends, so the apply's own writes are
	// never newer than it.
	At time.Time
	// Files are the files of the record's content folder (slash paths
	// relative to the content root).
	Files map[string]bool
}

// AppliedAt reads the apply record ref points at (the Action's
// refs/hcsync/applied/<name>): a commit whose tree is the content
// last applied, every deletion up to it archived, and whose committer
// time is when that apply ended.
func (r *Repo) AppliedAt(ref string) (*AppliedState, error) {
	h, err := r.repo.ResolveRevision(plumbing.Revision(ref))
	if err != nil {
		return nil, fmt.Errorf("--drift-base %s: no such commit in the repository (%v): fetch it first (git fetch origin '+refs/hcsync/applied/*:refs/hcsync/applied/*') or drop --drift-base", ref, err)
	}
	c, err := r.repo.CommitObject(*h)
	if err != nil {
		return nil, fmt.Errorf("--drift-base %s: %w", ref, err)
	}
	tree, err := r.contentTree(c)
	if err != nil {
		return nil, fmt.Errorf("--drift-base %s: %w", ref, err)
	}
	st := &AppliedState{At: c.Committer.When, Files: map[string]bool{}}
	if tree == nil {
		return st, nil
	}
	if err := r.eachFile(tree, "", func(p string) { st.Files[p] = true }); err != nil {
		return nil, fmt.Errorf("--drift-base %s: %w", ref, err)
	}
	return st, nil
}
