package zendesk

import (
	"context"
	"fmt"

	"github.com/hcsync/hcsync/providers"
)

// Preflight checks the credentials before apply's first write: GET
// /api/v2/users/me (Zendesk's "Show Self") answers who the token belongs
// to, and an end user can read a help center but never write it.
func (p *Provider) Preflight(ctx context.Context, write bool) error {
	var out struct {
		User struct {
			ID    int64  `json:"id"`
			Email string `json:"email"`
			Role  string `json:"role"` // end-user, agent or admin
		} `json:"user"`
	}
	if _, err := p.c.Do(ctx, providers.Request{Path: "/api/v2/users/me"}, &out); err != nil {
		return fmt.Errorf("checking the credentials: %w", explain(err))
	}
	if write && out.User.Role != "agent" && out.User.Role != "admin" {
		return fmt.Errorf("the Zendesk user behind the credentials (%s) is an end user, who cannot edit the help center: nothing was written; use the API token of a Guide admin or of an agent who manages articles", out.User.Email)
	}
	return nil
}
