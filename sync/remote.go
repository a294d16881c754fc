package sync

import (
	"context"
	"fmt"
	"strings"

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

	// sectionsPartial says Sections holds only the categories that hold a
	// section (providers.PartialSectionLister).
	sectionsPartial bool
}

// Fetch reads a help center's state with the provider's list calls, run
// concurrently, every name list included (export names everything).
func Fetch(ctx context.Context, p providers.Provider) (*Remote, error) {
	return fetch(ctx, p, true)
}

// FetchLists is Fetch without the name lists: a plan reads those with
// FetchTaxonomy once the tree says which it names. Where the provider
// lists sections with only their categories in fewer requests, it does,
// and CompleteSections then lists the rest if the tree needs them.
func FetchLists(ctx context.Context, p providers.Provider) (*Remote, error) {
	return fetch(ctx, p, false)
}

// CompleteSections lists every category and section when FetchLists
// read only the categories that hold a section and the tree has a
// category folder (a top-level folder) not among them, by id or else by
// name: it may be an empty category, which must not be created again.
func CompleteSections(ctx context.Context, p providers.Provider, tree *content.Tree, r *Remote) error {
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

// TaxonomyNeeded says which name lists planning tree against remote
// uses: a list is needed when some file names one of its kind or a
// default for new articles does and some article is new (no id, or one
// remote lacks). Defaults apply on create only, so a plan that creates
// nothing reads no list for them.
func TaxonomyNeeded(tree *content.Tree, remote *Remote, opts Options) providers.TaxonomyNeed {
	caps := opts.Caps
	known := make(map[string]bool, len(remote.Articles))
	for _, ra := range remote.Articles {
		known[ra.ID] = true
	}
	var need providers.TaxonomyNeed
	anyNew := false
	for _, a := range tree.Articles {
		isNew := a.ID == "" || !known[a.ID]
		anyNew = anyNew || isNew
		// An empty list ("segments: []", as export writes) names nothing.
		need.Tags = need.Tags || caps.ContentTags && a.ContentTags != nil && len(*a.ContentTags) > 0
		need.Segments = need.Segments || caps.Segments && a.Segments != nil && len(*a.Segments) > 0
		need.PermissionGroups = need.PermissionGroups || caps.PermissionGroups &&
			(a.PermissionGroup != nil || caps.PermissionGroupRequired && isNew)
	}
	need.Segments = need.Segments || caps.Segments && opts.Defaults.Segments != nil && anyNew
	need.PermissionGroups = need.PermissionGroups || caps.PermissionGroups && opts.Defaults.PermissionGroup != nil && anyNew
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
