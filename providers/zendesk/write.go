package zendesk

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/hcsync/hcsync/locales"

	"github.com/hcsync/hcsync/providers"
)

// CreateSection creates a category (Kind category) or a section in a
// category or below a section (ParentID). Names are per locale in Zendesk:
// the new one is created in Locale, or the help center's default locale.
func (p *Provider) CreateSection(ctx context.Context, in providers.SectionInput) (providers.Section, error) {
	locale := in.Locale
	if locale == "" {
		l, err := p.Locales(ctx)
		if err != nil {
			return providers.Section{}, err
		}
		locale = l.Default
	}
	body := containerWrite{Name: in.Name, Description: in.Description, Position: in.Position, Locale: locale}
	if in.Kind == providers.KindCategory {
		var out struct {
			Category wireCategory `json:"category"`
		}
		req := providers.Request{Method: http.MethodPost, Path: "/api/v2/help_center/categories", JSON: map[string]any{"category": body}}
		if _, err := p.c.Do(ctx, req, &out); err != nil {
			return providers.Section{}, fmt.Errorf("creating category %q: %w", in.Name, explain(err))
		}
		p.names.addCategory(out.Category)
		return categorySection(out.Category), nil
	}

	parent, ok := parseID(in.ParentID)
	if !ok {
		return providers.Section{}, fmt.Errorf("creating section %q: Zendesk keeps sections in categories: its folder needs a parent category folder (parent id %q)", in.Name, in.ParentID)
	}
	category := parent
	cat, sec, loaded := p.names.container(parent)
	if !loaded {
		if _, err := p.ListSections(ctx); err != nil {
			return providers.Section{}, err
		}
		cat, sec, _ = p.names.container(parent)
	}
	switch {
	case sec != nil:
		// A sub-section: parent_section_id, in its parent's category.
		body.ParentSectionID = &sec.ID
		category = sec.CategoryID
	case cat == nil:
		return providers.Section{}, fmt.Errorf("creating section %q: parent %s is no category or section of this help center", in.Name, in.ParentID)
	}
	var out struct {
		Section wireSection `json:"section"`
	}
	req := providers.Request{
		Method: http.MethodPost,
		Path:   fmt.Sprintf("/api/v2/help_center/categories/%d/sections", category),
		JSON:   map[string]any{"section": body},
	}
	if _, err := p.c.Do(ctx, req, &out); err != nil {
		return providers.Section{}, fmt.Errorf("creating section %q: %w", in.Name, explain(err))
	}
	p.names.addSection(out.Section)
	return sectionSection(out.Section), nil
}

// UpdateSection changes a category's or section's name, description or
// position. Zendesk keeps the name and description per locale: its
// Update Section and Update Category endpoints "only update
// section-level metadata such as the sorting position. They don't update
// section translations", so name and description go to the translation
// in the locale the listing showed them in (the one the planner
// compared), and the position to the section itself.
func (p *Provider) UpdateSection(ctx context.Context, sid string, u providers.SectionUpdate) error {
	v, ok := parseID(sid)
	if !ok {
		return fmt.Errorf("updating %s %q: not a Zendesk id", u.Kind, sid)
	}
	kind, object := "sections", "section"
	if u.Kind == providers.KindCategory {
		kind, object = "categories", "category"
	}
	if u.Name != nil || u.Description != nil {
		locale, err := p.containerLocale(ctx, u, v)
		if err != nil {
			return err
		}
		t := translationWrite{Body: u.Description}
		if u.Name != nil {
			t.Title = *u.Name
		}
		req := providers.Request{
			Method: http.MethodPut,
			Path:   fmt.Sprintf("/api/v2/help_center/%s/%d/translations/%s", kind, v, url.PathEscape(locale)),
			JSON:   map[string]any{"translation": t},
		}
		if _, err := p.c.Do(ctx, req, nil); err != nil {
			return fmt.Errorf("updating the name of %s %d in %s: %w", object, v, locale, explain(err))
		}
	}
	if u.Position != nil {
		req := providers.Request{
			Method: http.MethodPut,
			Path:   fmt.Sprintf("/api/v2/help_center/%s/%d", kind, v),
			JSON:   map[string]any{object: map[string]int{"position": *u.Position}},
		}
		if _, err := p.c.Do(ctx, req, nil); err != nil {
			return fmt.Errorf("updating the position of %s %d: %w", object, v, explain(err))
		}
	}
	return nil
}

// containerLocale is the locale a category's or section's name was
// listed in, else u.Locale, else the help center's default.
func (p *Provider) containerLocale(ctx context.Context, u providers.SectionUpdate, v int64) (string, error) {
	cat, sec, _ := p.names.container(v)
	switch {
	case u.Kind == providers.KindCategory && cat != nil && cat.Locale != "":
		return cat.Locale, nil
	case u.Kind != providers.KindCategory && sec != nil && sec.Locale != "":
		return sec.Locale, nil
	case u.Locale != "":
		return u.Locale, nil
	}
	l, err := p.Locales(ctx)
	if err != nil {
		return "", err
	}
	return l.Default, nil
}

// sectionID resolves the section an article goes to: an id, or a name or
// slug the cached section list knows.
func (p *Provider) sectionID(ctx context.Context, ref string) (int64, error) {
	if v, ok := parseID(ref); ok {
		return v, nil
	}
	if v, ok := p.names.sectionRef(ref); ok {
		return v, nil
	}
	if _, err := p.ListSections(ctx); err != nil {
		return 0, err
	}
	if v, ok := p.names.sectionRef(ref); ok {
		return v, nil
	}
	return 0, fmt.Errorf("unknown section %q: name a section of this help center by id, name or slug, or add a _section.md to create it", ref)
}

// metaWrite fills the article-level fields of m that are set, mapping
// names to ids.
func (p *Provider) metaWrite(ctx context.Context, m providers.ArticleMeta, w *articleWrite) error {
	if m.SectionID != nil {
		v, err := p.sectionID(ctx, *m.SectionID)
		if err != nil {
			return err
		}
		w.SectionID = &v
	}
	if m.PermissionGroup != nil {
		v, err := p.names.resolveGroup(ctx, p, *m.PermissionGroup)
		if err != nil {
			return err
		}
		w.PermissionGroupID = &v
	}
	if m.Segments != nil {
		v, err := p.names.resolveSegments(ctx, p, *m.Segments)
		if err != nil {
			return err
		}
		w.UserSegmentIDs = &v
	}
	if m.ContentTags != nil {
		v, err := p.names.resolveTags(ctx, p, *m.ContentTags)
		if err != nil {
			return err
		}
		w.ContentTagIDs = &v
	}
	if m.Labels != nil {
		l := nonNil(*m.Labels)
		w.LabelNames = &l
	}
	w.Promoted, w.Position, w.CommentsDisabled = m.Promoted, m.Position, m.CommentsDisabled
	return nil
}

// CreateArticle creates an article with its source translation in a
// section (POST /api/v2/help_center/sections/{id}/articles) with
// notify_subscribers false: a sync is no news to subscribers. Zendesk
// requires a permission group and a user segment: those of the input,
// else zendesk.permission_group and zendesk.user_segment from the config
// (no segment = everyone).
func (p *Provider) CreateArticle(ctx context.Context, in providers.ArticleInput) (providers.Article, error) {
	title := in.Source.Title
	fail := func(err error) (providers.Article, error) {
		return providers.Article{}, fmt.Errorf("creating article %q: %w", title, err)
	}
	meta := in.ArticleMeta
	if in.SectionID != "" {
		meta.SectionID = &in.SectionID
	}
	if meta.SectionID == nil {
		return fail(errors.New("no section: Zendesk keeps every article in a section"))
	}
	if meta.PermissionGroup == nil {
		if p.opts.PermissionGroup == "" {
			if err := p.names.loadGroups(ctx, p); err != nil {
				return fail(err)
			}
			p.names.groupMu.Lock()
			valid := validNames(p.names.groups)
			p.names.groupMu.Unlock()
			return fail(fmt.Errorf("zendesk requires a permission group: set zendesk.permission_group in hcsync.yaml or permission_group: in the front-matter to one of %s", valid))
		}
		meta.PermissionGroup = &p.opts.PermissionGroup
	}
	if meta.Segments == nil {
		var segs []string
		if p.opts.UserSegment != "" {
			segs = []string{p.opts.UserSegment}
		}
		meta.Segments = &segs
	}
	var w articleWrite
	if err := p.metaWrite(ctx, meta, &w); err != nil {
		return fail(err)
	}
	locale := in.Source.Locale
	if meta.SourceLocale != nil && *meta.SourceLocale != "" {
		locale = *meta.SourceLocale
	}
	if locale == "" {
		l, err := p.Locales(ctx)
		if err != nil {
			return fail(err)
		}
		locale = l.Default
	}
	w.Title, w.Body, w.Locale, w.Draft = in.Source.Title, &in.Source.Body, locale, &in.Source.Draft
	section := *w.SectionID
	w.SectionID = nil // it is in the path
	var out struct {
		Article wireArticle `json:"article"`
	}
	req := providers.Request{
		Method: http.MethodPost,
		Path:   fmt.Sprintf("/api/v2/help_center/sections/%d/articles", section),
		// notify_subscribers sits at the root, not in "article" (doc:
		// Create Article).
		JSON: map[string]any{"article": w, "notify_subscribers": false},
	}
	if _, err := p.c.Do(ctx, req, &out); err != nil {
		return fail(explain(err))
	}
	// A new article has no attachments: its images need no look first.
	p.attMu.Lock()
	p.attachments[out.Article.ID] = []wireAttachment{}
	p.attMu.Unlock()
	return p.article(out.Article), nil
}

// UpdateArticle changes article-level metadata (PUT
// /api/v2/help_center/articles/{id}); a new source locale goes first
// through PUT .../source_locale. The answer holds the source translation
// only.
func (p *Provider) UpdateArticle(ctx context.Context, articleID string, m providers.ArticleMeta) (providers.Article, error) {
	fail := func(err error) (providers.Article, error) {
		return providers.Article{}, fmt.Errorf("updating article %s: %w", articleID, err)
	}
	aid, ok := parseID(articleID)
	if !ok {
		return fail(fmt.Errorf("article id %q is not a Zendesk id (a number)", articleID))
	}
	if m.SourceLocale != nil {
		req := providers.Request{
			Method: http.MethodPut,
			Path:   fmt.Sprintf("/api/v2/help_center/articles/%d/source_locale", aid),
			JSON:   map[string]string{"article_locale": *m.SourceLocale},
		}
		if _, err := p.c.Do(ctx, req, nil); err != nil {
			return fail(explain(err))
		}
	}
	var w articleWrite
	if err := p.metaWrite(ctx, m, &w); err != nil {
		return fail(err)
	}
	var out struct {
		Article wireArticle `json:"article"`
	}
	path := fmt.Sprintf("/api/v2/help_center/articles/%d", aid)
	req := providers.Request{Method: http.MethodPut, Path: path, JSON: map[string]any{"article": w}}
	if w == (articleWrite{}) {
		req = providers.Request{Path: path}
	}
	if _, err := p.c.Do(ctx, req, &out); err != nil {
		return fail(explain(err))
	}
	return p.article(out.Article), nil
}

func translationPath(aid int64, locale string) string {
	return fmt.Sprintf("/api/v2/help_center/articles/%d/translations/%s", aid, url.PathEscape(strings.ToLower(locale)))
}

// CreateTranslation adds a locale to an article (POST
// .../articles/{id}/translations).
func (p *Provider) CreateTranslation(ctx context.Context, articleID string, t providers.TranslationInput) (providers.Translation, error) {
	aid, ok := parseID(articleID)
	if !ok {
		return providers.Translation{}, fmt.Errorf("creating the %s translation of article %q: not a Zendesk id", t.Locale, articleID)
	}
	body := translationWrite{Locale: t.Locale, Title: t.Title, Body: &t.Body, Draft: &t.Draft, Outdated: t.Outdated}
	var out struct {
		Translation wireTranslation `json:"translation"`
	}
	req := providers.Request{
		Method: http.MethodPost,
		Path:   fmt.Sprintf("/api/v2/help_center/articles/%d/translations", aid),
		JSON:   map[string]any{"translation": body},
	}
	if _, err := p.c.Do(ctx, req, &out); err != nil {
		return providers.Translation{}, fmt.Errorf("creating the %s translation of article %d: %w", t.Locale, aid, explain(err))
	}
	return *p.translation(aid, out.Translation), nil
}

// UpdateTranslation writes the title, body and draft state of one locale
// (PUT .../articles/{id}/translations/{locale}).
func (p *Provider) UpdateTranslation(ctx context.Context, articleID string, t providers.TranslationInput) (providers.Translation, error) {
	return p.putTranslation(ctx, articleID, t.Locale, translationWrite{Title: t.Title, Body: &t.Body, Draft: &t.Draft, Outdated: t.Outdated}, "updating")
}

// Publish sets draft false on one locale.
func (p *Provider) Publish(ctx context.Context, articleID, locale string) error {
	f := false
	_, err := p.putTranslation(ctx, articleID, locale, translationWrite{Draft: &f}, "publishing")
	return err
}

// Unpublish sets draft true on one locale.
func (p *Provider) Unpublish(ctx context.Context, articleID, locale string) error {
	t := true
	_, err := p.putTranslation(ctx, articleID, locale, translationWrite{Draft: &t}, "unpublishing")
	return err
}

func (p *Provider) putTranslation(ctx context.Context, articleID, locale string, body translationWrite, verb string) (providers.Translation, error) {
	aid, ok := parseID(articleID)
	if !ok {
		return providers.Translation{}, fmt.Errorf("%s the %s translation of article %q: not a Zendesk id", verb, locale, articleID)
	}
	var out struct {
		Translation wireTranslation `json:"translation"`
	}
	req := providers.Request{Method: http.MethodPut, Path: translationPath(aid, locale), JSON: map[string]any{"translation": body}}
	if _, err := p.c.Do(ctx, req, &out); err != nil {
		return providers.Translation{}, fmt.Errorf("%s the %s translation of article %d: %w", verb, locale, aid, explain(err))
	}
	return *p.translation(aid, out.Translation), nil
}

// DeleteTranslation removes one non-source locale: DELETE
// /api/v2/help_center/translations/{id}, with the id from the last
// listing or a GET of the translation.
func (p *Provider) DeleteTranslation(ctx context.Context, articleID, locale string) error {
	fail := func(err error) error {
		return fmt.Errorf("deleting the %s translation of article %s: %w", locale, articleID, err)
	}
	aid, ok := parseID(articleID)
	if !ok {
		return fail(errors.New("not a Zendesk id"))
	}
	key := id(aid) + "/" + locales.Normalize(locale)
	p.trMu.Lock()
	tid := p.trIDs[key]
	p.trMu.Unlock()
	if tid == 0 {
		var out struct {
			Translation wireTranslation `json:"translation"`
		}
		if _, err := p.c.Do(ctx, providers.Request{Path: translationPath(aid, locale)}, &out); err != nil {
			return fail(explain(err))
		}
		tid = out.Translation.ID
	}
	req := providers.Request{Method: http.MethodDelete, Path: fmt.Sprintf("/api/v2/help_center/translations/%d", tid)}
	if _, err := p.c.Do(ctx, req, nil); err != nil {
		return fail(explain(err))
	}
	p.trMu.Lock()
	delete(p.trIDs, key)
	p.trMu.Unlock()
	return nil
}

// Archive archives an article (DELETE /api/v2/help_center/articles/{id}):
// Help Center keeps it, hidden, and admins can restore it.
func (p *Provider) Archive(ctx context.Context, articleID string) error {
	aid, ok := parseID(articleID)
	if !ok {
		return fmt.Errorf("archiving article %q: not a Zendesk id", articleID)
	}
	req := providers.Request{Method: http.MethodDelete, Path: fmt.Sprintf("/api/v2/help_center/articles/%d", aid)}
	if _, err := p.c.Do(ctx, req, nil); err != nil {
		return fmt.Errorf("archiving article %d: %w", aid, explain(err))
	}
	return nil
}

// CreateTag creates a content tag, or returns the one of that name the
// help center already has.
func (p *Provider) CreateTag(ctx context.Context, name string) (providers.Tag, error) {
	return p.names.tag(ctx, p, name, true)
}
