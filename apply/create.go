package apply

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers"
)

func (r *run) createSection(ctx context.Context, c *plan.Change) (string, error) {
	s := c.Section
	in := providers.SectionInput{Kind: s.Kind, Name: s.Name, Description: s.Description, Position: s.Position, ParentID: s.ParentID, Locale: s.Locale}
	if s.ParentDir != "" {
		id, err := r.sectionID(plan.SectionRef{Dir: s.ParentDir})
		if err != nil {
			return "", err
		}
		in.ParentID = id
	}
	late, err := r.sectionCreatedSincePlan(ctx, in)
	if err != nil {
		return "", fmt.Errorf("listing sections before creating %q, to adopt one another apply made since the plan: %w; run apply again", in.Name, err)
	}
	var created providers.Section
	note := ""
	switch {
	case late != nil:
		created = *late
		note = "adopted section " + late.ID + ", created in the help center since the plan (by another apply?), instead of creating a duplicate"
	default:
		created, err = r.e.Provider.CreateSection(ctx, in)
	}
	if errors.Is(err, providers.ErrOutcomeUnknown) {
		// Never create blindly twice: look for it first.
		sections, lerr := r.e.Provider.ListSections(ctx)
		if lerr != nil {
			return "", fmt.Errorf("%w (and re-listing sections failed: %v)", err, lerr)
		}
		found := false
		for _, rs := range sections {
			if rs.ParentID == in.ParentID && strings.EqualFold(rs.Name, in.Name) {
				created, err, found = rs, nil, true
				note = "recovered: found after a lost response"
				break
			}
		}
		if !found {
			created, err = r.e.Provider.CreateSection(ctx, in)
		}
	}
	if err != nil {
		return "", err
	}
	r.mu.Lock()
	r.sectionIDs[s.Dir] = created.ID
	r.mu.Unlock()
	// The id binds the folder: renamed later, it renames the remote
	// rather than making a second one. Plans made before id_file existed
	// have none.
	if s.IDFile != "" {
		r.writeID(c, plan.IDWrite{File: s.IDFile, ID: created.ID, Folder: true})
	}
	return note, nil
}

func (r *run) create(ctx context.Context, c *plan.Change) (string, error) {
	first := c.Create.Source
	waiting := len(r.pendingIn(first.Body)) > 0
	if waiting {
		// Its images become attachments of the article, which does not
		// exist yet: create it as a draft without them, then attach
		// them and write the body as planned (finishCreate).
		first.Draft = true
	}
	src, err := r.resolvedWith(c, first, waiting)
	if err != nil {
		return "", err
	}
	in := providers.ArticleInput{ArticleMeta: c.Create.Meta, Source: src}
	sid, err := r.sectionID(c.Create.Section)
	if err != nil {
		return "", err
	}
	in.SectionID = sid
	late, err := r.createdSincePlan(ctx, c, sid, in.Source.Title)
	if err != nil {
		return "", fmt.Errorf("re-listing section %s before the first create there, to adopt what another apply made since the plan: %w; run apply again", sid, err)
	}
	if late != nil {
		if waiting {
			// The article exists: its images go to it now, and it gets
			// the planned body and draft state at once, never the
			// imageless draft a create would have started with.
			if err := r.attachPending(ctx, late.id, c.Create.Source.Body); err != nil {
				return "", err
			}
			if in.Source, err = r.resolved(c, c.Create.Source); err != nil {
				return "", err
			}
		}
		return r.adoptLate(ctx, c, in, late.id, late.url)
	}
	created, err := r.e.Provider.CreateArticle(ctx, in)
	failed := time.Now()
	note := ""
	if errors.Is(err, providers.ErrOutcomeUnknown) {
		found, lerr := r.findCreated(ctx, sid, in.Source.Title, failed)
		switch {
		case lerr != nil:
			return "", fmt.Errorf("%w (and re-listing to check failed: %v; re-run hcsync plan: it adopts the article if it exists)", err, lerr)
		case found != nil:
			created, err = *found, nil
			note = "recovered: adopted after a lost response"
			// The lost create may have landed with a stale body or draft
			// state; make the source translation what the plan says.
			if _, uerr := r.e.Provider.UpdateTranslation(ctx, created.ID, in.Source); uerr != nil {
				err = uerr
			}
		case mayStillLand(err):
			return "", fmt.Errorf("%w: the article is not in its section yet, but the create may still land: run apply again, which adopts it if it did", err)
		default:
			created, err = r.e.Provider.CreateArticle(ctx, in)
		}
	}
	if err != nil {
		if created.ID != "" {
			// Created, but a later step of the create failed (a publish):
			// keep the id, so the re-run updates rather than duplicates.
			r.bind(c.Article, created.ID)
			r.writeID(c, plan.IDWrite{File: c.Article, ID: created.ID})
		}
		return note, err
	}
	r.bind(c.Article, created.ID)
	r.mu.Lock()
	r.articleURL[c.Article] = created.URL
	r.mu.Unlock()
	url := ""
	if t := providers.FindTranslation(&created, in.Source.Locale); t != nil {
		url = t.Link()
	}
	r.setURL(c.File, url, c.Article)
	r.writeID(c, plan.IDWrite{File: c.Article, ID: created.ID})
	if waiting {
		return note, r.finishCreate(ctx, c, created.ID)
	}
	return note, nil
}

// findCreated looks in the section for an unclaimed article with that
// source title: the article a create whose answer was lost (at failed)
// made. It reads the section alone where the provider can, in a lookup
// shared with the other recoveries of that section.
func (r *run) findCreated(ctx context.Context, sectionID, title string, failed time.Time) (*providers.Article, error) {
	list, err := r.lookups.get(ctx, r.e.Provider, sectionID, failed)
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	var best *providers.Article
	for i := range list {
		a := &list[i]
		if r.claimed[a.ID] || a.SectionID != sectionID {
			continue
		}
		src := a.Translations[a.SourceLocale]
		if src == nil || strings.TrimSpace(src.Title) != strings.TrimSpace(title) {
			continue
		}
		if best == nil || providers.IDLess(a.ID, best.ID) {
			best = a
		}
	}
	if best != nil {
		r.claimed[best.ID] = true
	}
	return best, nil
}

// setURL records the URL of a translation file once it exists: its own,
// or its article's when the service has one URL for every locale.
func (r *run) setURL(file, url, article string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if url == "" {
		url = r.articleURL[article]
	}
	r.urls[file] = url
}
