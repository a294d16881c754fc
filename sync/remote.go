package sync

import (
	"context"
	"fmt"

	"golang.org/x/sync/errgroup"

	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/providers"
)

// Remote is what the planner knows of a help center: the answers of a
// handful of list calls.
type Remote struct {
	Locales  providers.Locales
	Sections []providers.Section
	Articles []providers.Article
	Taxonomy providers.Taxonomy
	// Redirects are the help center's redirect rules, read only when
	// the plan needs them (see FetchRedirects).
	Redirects []providers.Redirect
}

// Fetch reads a help center's state with the provider's list calls, run
// concurrently, every name list included (export names everything).
func Fetch(ctx context.Context, p providers.Provider) (*Remote, error) {
	return fetch(ctx, p, true)
}

// FetchLists is Fetch without the name lists: a plan reads those with
// FetchTaxonomy once the tree says which it names.
func FetchLists(ctx context.Context, p providers.Provider) (*Remote, error) {
	return fetch(ctx, p, false)
}

// FetchTaxonomy reads the name lists need names, where the provider can
// read them one by one; others read them all.
func FetchTaxonomy(ctx context.Context, p providers.Provider, need providers.TaxonomyNeed) (providers.Taxonomy, error) {
	var t providers.Taxonomy
	var err error
	if f, ok := p.(providers.TaxonomyFetcher); ok {
		t, err = f.TaxonomyOf(ctx, need)
	} else {
		t, err = p.Taxonomy(ctx)
	}
	if err != nil {
		return t, fmt.Errorf("reading tags, segments and permission groups: %w", err)
	}
	return t, nil
}

// TaxonomyNeeded says which name lists planning tree uses: a list is
// needed when some file or default names one of its kind, and the
// permission groups also when a new article may need the default one.
func TaxonomyNeeded(tree *content.Tree, opts Options) providers.TaxonomyNeed {
	caps := opts.Caps
	need := providers.TaxonomyNeed{
		Segments:         caps.Segments && opts.Defaults.Segments != nil,
		PermissionGroups: caps.PermissionGroups && opts.Defaults.PermissionGroup != nil,
	}
	for _, a := range tree.Articles {
		// An empty list ("segments: []", as export writes) names nothing.
		need.Tags = need.Tags || caps.ContentTags && a.ContentTags != nil && len(*a.ContentTags) > 0
		need.Segments = need.Segments || caps.Segments && a.Segments != nil && len(*a.Segments) > 0
		need.PermissionGroups = need.PermissionGroups || caps.PermissionGroups &&
			(a.PermissionGroup != nil || caps.PermissionGroupRequired && a.ID == "")
	}
	return need
}

func fetch(ctx context.Context, p providers.Provider, names bool) (*Remote, error) {
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
	if names {
		g.Go(func() (err error) {
			if r.Taxonomy, err = p.Taxonomy(ctx); err != nil {
				return fmt.Errorf("reading tags, segments and permission groups: %w", err)
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return &r, nil
}
