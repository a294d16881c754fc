package sync

import (
	"context"
	"fmt"

	"golang.org/x/sync/errgroup"

	"github.com/hcsync/hcsync/providers"
)

// Remote is what the planner knows of a help center: the answers of a
// handful of list calls.
type Remote struct {
	Locales  providers.Locales
	Sections []providers.Section
	Articles []providers.Article
	Taxonomy providers.Taxonomy
}

// Fetch reads a help center's state with the provider's list calls, run
// concurrently.
func Fetch(ctx context.Context, p providers.Provider) (*Remote, error) {
	var r Remote
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) {
		if r.Locales, err = p.Locales(ctx); err != nil {
			return fmt.Errorf("reading locales: %w", err)
		}
		return nil
	})
	g.Go(func() (err error) {
		if r.Sections, err = p.ListSections(ctx); err != nil {
			return fmt.Errorf("listing sections: %w", err)
		}
		return nil
	})
	g.Go(func() (err error) {
		if r.Articles, err = p.ListArticles(ctx); err != nil {
			return fmt.Errorf("listing articles: %w", err)
		}
		return nil
	})
	g.Go(func() (err error) {
		if r.Taxonomy, err = p.Taxonomy(ctx); err != nil {
			return fmt.Errorf("reading tags, segments and permission groups: %w", err)
		}
		return nil
	})
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return &r, nil
}
