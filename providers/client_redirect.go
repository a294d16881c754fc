package providers

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// maxRedirects is net/http's own default, which a custom CheckRedirect
// replaces and so must restate.
const maxRedirects = 10

// redirectError is a redirect the client refused to follow. It is
// returned bare, not inside net/http's *url.Error, so the message names
// the request once.
type redirectError struct{ msg string }

func (e *redirectError) Error() string { return e.msg }

// withRedirectPolicy returns a copy of hc (the caller's client is left
// alone) whose redirects follow the policy in the Client doc.
func (c *Client) withRedirectPolicy(hc *http.Client) *http.Client {
	cp := *hc
	next := hc.CheckRedirect
	cp.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if err := c.checkRedirect(req, via); err != nil {
			return err
		}
		if next != nil {
			return next(req, via)
		}
		return nil
	}
	return &cp
}

// checkRedirect refuses a downgrade to plain http and removes every
// credential from a hop that leaves the base URL's origin. net/http
// itself keeps Authorization across a change of scheme or port, and
// every other header (an API key header) across any change at all.
func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= maxRedirects {
		return fmt.Errorf("stopped after %d redirects", maxRedirects)
	}
	to := req.URL
	if to.Scheme == "http" && (c.base.Scheme == "https" || !isLoopback(to.Hostname())) {
		return &redirectError{msg: fmt.Sprintf("redirected to %s: refusing to follow a redirect to plain http, which would send the request in clear; set the base URL to the address the service answers on over https",
			c.redact.url(to))}
	}
	if !sameOrigin(to, c.base) {
		for _, k := range c.authHeaderKeys() {
			req.Header.Del(k)
		}
	}
	return nil
}

// credentialHeaders are removed on a hop off the base origin whatever
// Authorize set.
var credentialHeaders = []string{"Authorization", "Proxy-Authorization", "Cookie"}

// authHeaderKeys returns the headers that carry credentials: the usual
// ones and every one Authorize has set.
func (c *Client) authHeaderKeys() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	keys := append([]string(nil), credentialHeaders...)
	for k := range c.authKeys {
		keys = append(keys, k)
	}
	return keys
}

// noteAuthHeaders remembers the headers Authorize set or changed.
func (c *Client) noteAuthHeaders(before, after http.Header) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, vs := range after {
		if !slices.Equal(before[k], vs) {
			if c.authKeys == nil {
				c.authKeys = map[string]bool{}
			}
			c.authKeys[k] = true
		}
	}
}

// sameOrigin reports whether a and b share scheme, host and port, with
// the scheme's default port filled in.
func sameOrigin(a, b *url.URL) bool {
	return strings.EqualFold(a.Scheme, b.Scheme) &&
		strings.EqualFold(a.Hostname(), b.Hostname()) &&
		portOf(a) == portOf(b)
}

func portOf(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	if strings.EqualFold(u.Scheme, "http") {
		return "80"
	}
	return "443"
}

// unwrapRedirect returns the refusal inside a net/http error, or err.
func unwrapRedirect(err error) error {
	var re *redirectError
	if errors.As(err, &re) {
		return re
	}
	return err
}
