package apply

import (
	"context"
	"errors"
	"fmt"

	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers"
)

// redirect applies a redirect change. Setting a rule is idempotent on
// every service that has them (set by path), so a retry is safe.
func (r *run) redirect(ctx context.Context, c *plan.Change) (string, error) {
	rd, ok := r.e.Provider.(providers.Redirector)
	if !ok {
		return "", fmt.Errorf("%s has no redirects in its public API", r.e.Provider.Name())
	}
	spec := c.Redirect
	if c.Action == plan.ActionDeleteRedirect {
		err := rd.DeleteRedirect(ctx, spec.ID)
		if errors.Is(err, providers.ErrNotFound) {
			return "already gone", nil
		}
		return "", err
	}
	to := spec.To
	if to == "" {
		r.mu.Lock()
		to = r.urls[spec.ToFile]
		r.mu.Unlock()
		if to == "" {
			return "", fmt.Errorf("%s was not created, so there is nothing to redirect %s to", spec.ToFile, spec.From)
		}
	}
	return "", rd.SetRedirect(ctx, providers.Redirect{From: spec.From, To: to})
}
