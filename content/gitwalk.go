package content

import (
	"container/heap"
	"context"
	"errors"
	"fmt"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

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

func (q *commitQueue) Push(x any) { *q = append(*q, x.(*object.Commit)) }

func (q *commitQueue) Pop() any {
	old := *q
	c := old[len(old)-1]
	*q = old[:len(old)-1]
	return c
}
