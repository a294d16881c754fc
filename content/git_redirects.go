package content

import (
	"context"
	"errors"
	"fmt"
	"path"
	"sort"

	"github.com/go-git/go-git/v5/plumbing"
)

// RedirectsSince returns the redirect_from entries that the article
// files changed or deleted since ref held there. A file unchanged since
// holds the same entries now, so only changed files are read: the
// caller compares the result with the tree's entries to find those
// removed.
func (r *Repo) RedirectsSince(ctx context.Context, ref string) ([]string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	since, err := r.since(ref)
	if err != nil || since.baseTree == nil {
		return nil, err
	}
	base, baseTree, headTree := since.base, since.baseTree, since.headTree
	var changed []string
	err = r.diffTrees(baseTree, headTree, "", func(p string, before, _ bool) {
		if d, ok := deletedFile(p); ok && before && d.Locale == "" {
			changed = append(changed, p)
		}
	})
	if err != nil {
		return nil, fmt.Errorf("--since %s: comparing with HEAD: %w", ref, err)
	}
	seen := map[string]bool{}
	blobs := map[plumbing.Hash][]byte{}
	for _, p := range changed {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		data, err := r.readFile(baseTree, p, blobs)
		if errors.Is(err, plumbing.ErrObjectNotFound) {
			return nil, fmt.Errorf("--since %s: %s as of commit %s is not in this clone, and its redirect_from is needed to delete redirects: fetch it (git cat-file -p %s:%s) or clone without --filter: %w", ref, p, base.Hash, base.Hash, path.Join(r.prefix, p), err)
		}
		if err != nil {
			return nil, fmt.Errorf("git commit %s: %s: %w", base.Hash, p, err)
		}
		pf := parseFile(p, sourceFile, data)
		if pf.fm == nil || pf.fm.RedirectFrom == nil {
			continue
		}
		for _, e := range *pf.fm.RedirectFrom {
			seen[e] = true
		}
	}
	out := make([]string, 0, len(seen))
	for e := range seen {
		out = append(out, e)
	}
	sort.Strings(out)
	return out, nil
}
