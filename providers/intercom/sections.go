package intercom

import (
	"context"
	"fmt"
	"net/http"
	"net/url"

	"github.com/hcsync/hcsync/providers"
)

// ListSections implements providers.Provider: every collection, the
// top-level ones as categories and the nested ones (Intercom's sections)
// as sections.
func (p *Provider) ListSections(ctx context.Context) ([]providers.Section, error) {
	var out []providers.Section
	err := eachPage(ctx, p, "/help_center/collections", nil, func(c collection) error {
		p.learn(c.DefaultLocale)
		out = append(out, convertCollection(c))
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("intercom: listing collections: %w", err)
	}
	return out, nil
}

// CreateSection implements providers.Provider: a collection, nested
// under ParentID when set. Intercom has no position for collections in
// its API; the name and description are the default locale's.
func (p *Provider) CreateSection(ctx context.Context, s providers.SectionInput) (providers.Section, error) {
	in := createCollectionInput{Name: s.Name, Description: s.Description, ParentID: s.ParentID}
	var c collection
	if err := p.do(ctx, providers.Request{Method: http.MethodPost, Path: "/help_center/collections", JSON: in}, &c); err != nil {
		return providers.Section{}, fmt.Errorf("intercom: create collection %q: %w", s.Name, err)
	}
	p.learn(c.DefaultLocale)
	return convertCollection(c), nil
}

// UpdateSection implements providers.Provider: PUT
// /help_center/collections/{id} with update_collection_request, whose
// name and description are the default locale's. Collections have no
// position in the API (Capabilities.SectionPosition is false), so a
// position is not sent; parent_id is never sent either, since null there
// moves a collection to the top level.
func (p *Provider) UpdateSection(ctx context.Context, id string, s providers.SectionUpdate) error {
	in := updateCollectionInput{Name: s.Name, Description: s.Description}
	if in.Name == nil && in.Description == nil {
		return nil
	}
	path := "/help_center/collections/" + url.PathEscape(id)
	if err := p.do(ctx, providers.Request{Method: http.MethodPut, Path: path, JSON: in}, nil); err != nil {
		return fmt.Errorf("intercom: update collection %s: %w", id, err)
	}
	return nil
}

func convertCollection(c collection) providers.Section {
	kind := providers.KindCategory
	if c.ParentID != "" {
		kind = providers.KindSection
	}
	order := c.Order
	return providers.Section{
		ID:          string(c.ID),
		Kind:        kind,
		Name:        c.Name,
		Description: c.Description,
		ParentID:    string(c.ParentID),
		Position:    &order,
		URL:         c.URL,
	}
}
