package apply

// Two applies of clones of one tree, started together, each plan to
// create the same articles. Each apply takes a lock, but only for its
// own clone; so right before its first create in a section, apply lists
// that section again and adopts an article of the same title made since
// the plan (and likewise sections, before the first create-section).
// That narrows the race to the moment between the listing and the
// create; the planner's duplicate-title warning names what slips
// through.

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"

	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers"
)

// sectionsListing is the help center's sections, listed once.
type sectionsListing struct {
	once sync.Once
	list []providers.Section
	err  error
}

// sectionListing is one section's articles, listed once: their ids,
// source titles and URLs, all that adoption needs.
type sectionListing struct {
	once sync.Once
	list []titled
	err  error
}

// titled is a remote article's id, source title and URL.
type titled struct{ id, title, url string }

// listSection lists a section's articles as titled, sorted by id.
func listSection(ctx context.Context, p providers.Provider, sectionID string) ([]titled, error) {
	list, err := p.ListSectionArticles(ctx, sectionID)
	if err != nil {
		return nil, err
	}
	out := make([]titled, 0, len(list))
	for _, a := range list {
		if src := a.Translations[a.SourceLocale]; src != nil {
			out = append(out, titled{a.ID, strings.TrimSpace(src.Title), a.URL})
		}
	}
	slices.SortFunc(out, func(a, b titled) int {
		switch {
		case providers.IDLess(a.id, b.id):
			return -1
		case providers.IDLess(b.id, a.id):
			return 1
		}
		return 0
	})
	return out, nil
}

// sectionCreatedSincePlan returns a section of in's kind, name and
// parent that no folder is bound to: the plan would have bound a folder
// to it had it existed then, so another apply created it since. The
// sections are listed once, right before the first create-section.
func (r *run) sectionCreatedSincePlan(ctx context.Context, in providers.SectionInput) (*providers.Section, error) {
	l := &r.sections
	l.once.Do(func() { l.list, l.err = r.e.Provider.ListSections(ctx) })
	if l.err != nil {
		return nil, l.err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	var best *providers.Section
	for i := range l.list {
		rs := &l.list[i]
		if rs.Kind != in.Kind || rs.ParentID != in.ParentID || r.lateSections[rs.ID] ||
			!strings.EqualFold(strings.TrimSpace(rs.Name), strings.TrimSpace(in.Name)) {
			continue
		}
		if best == nil || providers.IDLess(rs.ID, best.ID) {
			best = rs
		}
	}
	if best == nil {
		return nil, nil
	}
	r.lateSections[best.ID] = true
	found := *best
	return &found, nil
}

// createdSincePlan returns an article of the section titled like the
// one c creates that the plan did not know and no file claims: another
// apply (of a clone of the tree) created it since the plan. The section
// is listed once, right before its first create, and the listing is
// shared by the section's creates.
func (r *run) createdSincePlan(ctx context.Context, c *plan.Change, sectionID, title string) (*titled, error) {
	r.mu.Lock()
	l := r.listings[sectionID]
	if l == nil {
		l = &sectionListing{}
		r.listings[sectionID] = l
	}
	r.mu.Unlock()
	l.once.Do(func() { l.list, l.err = listSection(ctx, r.e.Provider, sectionID) })
	if l.err != nil {
		return nil, l.err
	}
	title = strings.TrimSpace(title)
	r.mu.Lock()
	defer r.mu.Unlock()
	for i, a := range l.list { // oldest first
		if a.title == title && !r.claimed[a.id] && !slices.Contains(c.Create.Known, a.id) {
			r.claimed[a.id] = true
			return &l.list[i], nil
		}
	}
	return nil, nil
}

// adoptLate binds c's file to a, made by another run since the plan,
// and writes what the create would have: the source translation (its
// draft state included) and the metadata. The id is written into the
// file first, so a failure later leaves a re-run an update, not a
// duplicate.
func (r *run) adoptLate(ctx context.Context, c *plan.Change, in providers.ArticleInput, id, url string) (string, error) {
	r.bind(c.Article, id)
	r.mu.Lock()
	r.lateAdopted[c.Article] = true
	r.articleURL[c.Article] = url
	r.mu.Unlock()
	note := "adopted " + id + ", created in the help center since the plan (by another apply?), instead of creating a duplicate"
	r.writeID(c, plan.IDWrite{File: c.Article, ID: id})
	if in.ArticleMeta != (providers.ArticleMeta{}) {
		if _, err := r.e.Provider.UpdateArticle(ctx, id, in.ArticleMeta); err != nil {
			return note, err
		}
	}
	tr, err := r.e.Provider.UpdateTranslation(ctx, id, in.Source)
	if err != nil {
		return note, err
	}
	r.setURL(c.File, tr.URL, c.Article)
	return note, nil
}

func (r *run) adoptedLate(article string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.lateAdopted[article]
}

// writeTranslation writes a locale that may exist already: an update,
// or a create when the article has no such locale.
func (r *run) writeTranslation(ctx context.Context, c *plan.Change, id string, in providers.TranslationInput) (string, error) {
	p := r.e.Provider
	tr, err := p.UpdateTranslation(ctx, id, in)
	note := "updated: the article's other run had made this locale"
	if errors.Is(err, providers.ErrNotFound) {
		tr, err = p.CreateTranslation(ctx, id, in)
		note = ""
	}
	if err != nil {
		return "", err
	}
	r.setURL(c.File, tr.URL, c.Article)
	return note, nil
}
