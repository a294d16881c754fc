// Package remote reads what a plan or an export needs of a help center:
// a handful of list calls, run concurrently, gathered in a State.
package remote

import (
	"context"
	"fmt"
	"strings"

	"golang.org/x/sync/errgroup"

	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/providers"
)

// State is what the planner knows of a help center: the answers of a
// handful of list calls.
type State struct {
	Locales  providers.Locales
	Sections []providers.Section
	Articles []providers.Article
	Taxonomy providers.Taxonomy
	// Redirects are the help center's redirect rules, read only when
	// the plan needs them (see FetchRedirects).
	Redirects []providers.Redirect

	// sectionsPartial says Sections holds only the categories that hold a
	// section (providers.PartialSectionLister).
	sectionsPartial bool
}

// Fetch reads a help center's state with the provider's list calls, run
// concurrently, every name list included (export names everything).
func Fetch(ctx context.Context, p providers.Provider) (*State, error) {
	return fetch(ctx, p, true)
}

// FetchLists is Fetch without the name lists: a plan reads those with
// FetchTaxonomy once the tree says which it names. Where the provider
// lists sections with only their categories in fewer requests, it does,
// and CompleteSections then lists the rest if the tree needs them.
func FetchLists(ctx context.Context, p providers.Provider) (*State, error) {
	return fetch(ctx, p, false)
}

// CompleteSections lists every category and section when FetchLists
// read only the categories that hold a section and the tree has a
// category folder (a top-level folder) not among them, by id or else by
// name: it may be an empty category, which must not be created again.
func CompleteSections(ctx context.Context, p providers.Provider, tree *content.Tree, r *State) error {
	if !r.sectionsPartial || allCategoriesListed(tree, r.Sections) {
		return nil
	}
	secs, err := p.ListSections(ctx)
	if err != nil {
		return fmt.Errorf("listing sections: %w", err)
	}
	r.Sections, r.sectionsPartial = secs, false
	return nil
}

func allCategoriesListed(tree *content.Tree, listed []providers.Section) bool {
	for _, s := range tree.Sections {
		if s.Parent != "" {
			continue
		}
		found := false
		for _, rs := range listed {
			if s.ID != "" && rs.ID == s.ID ||
				s.ID == "" && rs.ParentID == "" && strings.EqualFold(strings.TrimSpace(rs.Name), strings.TrimSpace(s.Name)) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
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

func fetch(ctx context.Context, p providers.Provider, names bool) (*State, error) {
	var r State
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) {
		if r.Locales, err = p.Locales(ctx); err != nil {
			return fmt.Errorf("reading locales: %w", err)
		}
		return nil
	})
	g.Go(func() (err error) {
		// Only a plan (FetchLists) takes the shorter listing: it has the
		// tree for CompleteSections; export names every category.
		if pl, ok := p.(providers.PartialSectionLister); ok && !names {
			r.Sections, err = pl.ListSectionsAndTheirCategories(ctx)
			r.sectionsPartial = true
		} else {
			r.Sections, err = p.ListSections(ctx)
		}
		if err != nil {
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

// FetchRedirects lists the help center's redirect rules when the
// provider has them and the plan needs them (some file writes
// redirect_from, or an entry was removed since --since); nil otherwise.
func FetchRedirects(ctx context.Context, p providers.Provider, needed bool) ([]providers.Redirect, error) {
	rd, ok := p.(providers.Redirector)
	if !ok || !needed {
		return nil, nil
	}
	rs, err := rd.ListRedirects(ctx)
	if err != nil {
		return nil, fmt.Errorf("listing redirect rules: %w", err)
	}
	return rs, nil
}
