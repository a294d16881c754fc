package local

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/hcsync/hcsync/locales"

	"github.com/hcsync/hcsync/providers"
)

// redirectsFile is the help center's redirect rules, a JSON list sorted
// by path, beside center.json.
const redirectsFile = "redirects.json"

// redirectFile is one stored redirect rule.
type redirectFile struct {
	ID   string `json:"id"`
	From string `json:"from"`
	To   string `json:"to"`
}

var _ providers.Redirector = (*Provider)(nil)

// ArticlePath is the path of one locale of an article on the local help
// center's site (its URL without BaseURL).
func (p *Provider) ArticlePath(articleID, locale string) string {
	return strings.TrimPrefix(p.articleURL(locales.Normalize(locale), articleID), p.baseURL)
}

// ListRedirects returns the stored rules.
func (p *Provider) ListRedirects(ctx context.Context) ([]providers.Redirect, error) {
	rs, err := p.readRedirects()
	if err != nil {
		return nil, err
	}
	out := make([]providers.Redirect, len(rs))
	for i, r := range rs {
		out[i] = providers.Redirect{ID: r.ID, From: r.From, To: r.To}
	}
	return out, nil
}

// SetRedirect creates the rule for r.From or re-points the one there,
// as Zendesk's "Set a redirect rule" does.
func (p *Provider) SetRedirect(ctx context.Context, r providers.Redirect) error {
	if !strings.HasPrefix(r.From, "/") {
		return fmt.Errorf("local provider: redirect from %q: the path must start with /", r.From)
	}
	return p.changeRedirects(func(rs []redirectFile) ([]redirectFile, error) {
		for i := range rs {
			if rs[i].From == r.From {
				rs[i].To = r.To
				return rs, nil
			}
		}
		return append(rs, redirectFile{ID: p.center.newID(), From: r.From, To: r.To}), nil
	})
}

// DeleteRedirect removes the rule id.
func (p *Provider) DeleteRedirect(ctx context.Context, id string) error {
	return p.changeRedirects(func(rs []redirectFile) ([]redirectFile, error) {
		for i := range rs {
			if rs[i].ID == id {
				return append(rs[:i], rs[i+1:]...), nil
			}
		}
		return nil, fmt.Errorf("local provider: no redirect rule %s: run hcsync plan to see the redirects as they are", id)
	})
}

// changeRedirects rewrites redirects.json under the folder's lock, so
// two applies at once lose no rule.
func (p *Provider) changeRedirects(change func([]redirectFile) ([]redirectFile, error)) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.updateCenter(func() error {
		rs, err := p.readRedirects()
		if err != nil {
			return err
		}
		if rs, err = change(rs); err != nil {
			return err
		}
		sort.Slice(rs, func(i, j int) bool { return rs[i].From < rs[j].From })
		data, err := encode(rs)
		if err != nil {
			return err
		}
		return writeFileAtomic(p.path(redirectsFile), data)
	})
}

// readRedirects reads redirects.json; a help center without one has no
// rules.
func (p *Provider) readRedirects() ([]redirectFile, error) {
	data, err := os.ReadFile(p.path(redirectsFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("local provider: %w", err)
	}
	var rs []redirectFile
	if err := json.Unmarshal(data, &rs); err != nil {
		return nil, fmt.Errorf("local provider: %s is damaged (%v): fix or remove it", p.path(redirectsFile), err)
	}
	return rs, nil
}
