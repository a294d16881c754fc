package providers

import "context"

// Redirect is a rule of the help center's site: a reader who asks for
// From (a path, e.g. /hc/en-us/articles/123, that serves no page) is
// sent to To (a URL or path).
type Redirect struct {
	ID   string // the service's id of the rule
	From string // a path starting with "/"
	To   string
}

// Redirector is implemented by providers whose service manages
// redirects through its public API. A provider without it cannot hold
// redirect_from: the planner says so at each file that writes it.
type Redirector interface {
	// ListRedirects returns every redirect rule of the help center.
	ListRedirects(ctx context.Context) ([]Redirect, error)
	// SetRedirect creates the rule for r.From, or changes where the
	// existing one for r.From points.
	SetRedirect(ctx context.Context, r Redirect) error
	// DeleteRedirect removes the rule with the service's id.
	DeleteRedirect(ctx context.Context, id string) error
	// ArticlePath is the path, without host or slug, that serves one
	// locale of an article: what a redirect from that article is from.
	ArticlePath(articleID, locale string) string
}
