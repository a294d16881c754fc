package helpcenter

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hcsync/hcsync/providers"
)

// preflightArticle is an id no center holds (ids are 24 hex digits),
// for probing scopes without touching an article or category.
const preflightArticle = "hcsync-preflight-scope-check"

// Preflight checks, before anything is written, that the API key can do
// what an apply needs. The API has no way to list a key's scopes, so
// each scope is probed with a request that changes nothing:
//
//   - content.read: reading the center (every plan does this).
//   - content.write: renaming a category to the name it already has
//     (PATCH /articles/categories/{id}; "At least one field must be
//     provided", SKILL.md, "Update Category"), or, in a center without
//     categories, the same PATCH of an id that does not exist.
//   - content.publish: publishing an article id that does not exist.
//
// A key lacking the scope is answered 403 insufficient_scope; a key
// holding it gets 200 or 404. The probes of ids that do not exist rely
// on the scope being checked before the article is looked up; if the
// service did it the other way round, the probe would read as success
// and the first publish would still fail with a message naming the
// scope. content.delete is not probed: only applies that delete need
// it, and those fail on the first delete with the same message.
//
// The executor calls Preflight (through an optional interface) before
// the first write; write=false checks reading only.
func (p *Provider) Preflight(ctx context.Context, write bool) error {
	if _, err := p.centerInfo(ctx); err != nil {
		return err
	}
	if !write {
		return nil
	}
	var missing []string
	ok, err := p.probeWrite(ctx)
	if err != nil {
		return err
	}
	if !ok {
		missing = append(missing, "content.write")
	}
	_, err = p.c.Do(ctx, providers.Request{Method: "POST", Path: p.path("articles", preflightArticle, "publish"), Idempotent: true}, nil)
	if ok, err = scopeHeld(err); err != nil {
		return fmt.Errorf("checking the key's content.publish scope: %w", err)
	}
	if !ok {
		missing = append(missing, "content.publish")
	}
	if len(missing) > 0 {
		return fmt.Errorf("HELPCENTER_API_KEY lacks the %s scope%s that apply needs (it has content.read): nothing was written; create a key with content.read, content.write and content.publish (and content.delete to delete articles or translations) under Settings > General > API in Help.Center",
			strings.Join(missing, " and "), plural(len(missing)))
	}
	return nil
}

func (p *Provider) probeWrite(ctx context.Context) (bool, error) {
	cats, err := p.categories(ctx)
	if err != nil {
		return false, err
	}
	id, body := preflightArticle, map[string]string{"name": "hcsync preflight"}
	if len(cats) > 0 {
		id, body = cats[0].ID, map[string]string{"name": cats[0].Name}
	}
	_, err = p.c.Do(ctx, providers.Request{Method: "PATCH", Path: p.path("articles", "categories", id), JSON: body}, nil)
	ok, err := scopeHeld(err)
	if err != nil {
		return false, fmt.Errorf("checking the key's content.write scope: %w", err)
	}
	return ok, nil
}

// scopeHeld reads a probe's answer: 403 insufficient_scope means the
// scope is missing; success or 404 means it is held; anything else is
// an error.
func scopeHeld(err error) (bool, error) {
	var apiErr *providers.APIError
	switch {
	case err == nil, errors.Is(err, providers.ErrNotFound):
		return true, nil
	case errors.As(err, &apiErr) && apiErr.Code == "insufficient_scope":
		return false, nil
	}
	return false, err
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
