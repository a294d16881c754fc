package zendesk

import (
	"context"
	"fmt"
	"net/http"
	"net/url"

	"github.com/hcsync/hcsync/locales"

	"github.com/hcsync/hcsync/providers"
)

// Redirect rules live under /api/v2/guide/redirect_rules (Help Center
// API, "Redirect Rules":
// https://developer.zendesk.com/api-reference/help_center/help-center-api/redirect_rules/).
// A rule takes effect only where its path answers 404: an article's
// URL redirects once the article is archived or deleted.

var _ providers.Redirector = (*Provider)(nil)

// wireRedirect is a redirect rule as the API sends it; its id is a
// string (a ULID in the reference's examples).
type wireRedirect struct {
	ID             string `json:"id"`
	RedirectFrom   string `json:"redirect_from"`
	RedirectTo     string `json:"redirect_to"`
	RedirectStatus any    `json:"redirect_status"`
}

// ArticlePath is the path of an article's page in one locale, without
// the title's slug: the reference asks redirect_from to omit it, and a
// rule so written catches the URL whatever the slug.
func (p *Provider) ArticlePath(articleID, locale string) string {
	return "/hc/" + locales.Normalize(locale) + "/articles/" + articleID
}

// ListRedirects reads every rule (Search Redirect Rules, cursor
// pagination only, 100 a page).
func (p *Provider) ListRedirects(ctx context.Context) ([]providers.Redirect, error) {
	var out []providers.Redirect
	err := listAll(ctx, p, "/api/v2/guide/redirect_rules", "records", url.Values{"sort": {"redirect_from"}}, 100, func(r wireRedirect) {
		out = append(out, providers.Redirect{ID: r.ID, From: r.RedirectFrom, To: r.RedirectTo})
	})
	if err != nil {
		return nil, fmt.Errorf("listing redirect rules: %w", err)
	}
	return out, nil
}

// SetRedirect creates or updates the rule for r.From with one POST ("Set
// a redirect rule" updates the rule of that redirect_from when there is
// one): repeating it is harmless, so it is retried like a PUT. Moves are
// permanent: 301.
func (p *Provider) SetRedirect(ctx context.Context, r providers.Redirect) error {
	body := map[string]any{"redirect_rule": map[string]any{"redirect_from": r.From, "redirect_to": r.To, "redirect_status": 301}}
	req := providers.Request{Method: http.MethodPost, Path: "/api/v2/guide/redirect_rules", JSON: body, Idempotent: true}
	if _, err := p.c.Do(ctx, req, nil); err != nil {
		return fmt.Errorf("setting the redirect from %s: %w", r.From, explain(err))
	}
	return nil
}

// DeleteRedirect deletes a rule by id (Delete Redirect Rule).
func (p *Provider) DeleteRedirect(ctx context.Context, id string) error {
	req := providers.Request{Method: http.MethodDelete, Path: "/api/v2/guide/redirect_rules/" + url.PathEscape(id)}
	if _, err := p.c.Do(ctx, req, nil); err != nil {
		return fmt.Errorf("deleting redirect rule %s: %w", id, explain(err))
	}
	return nil
}
