package intercom

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"

	"github.com/hcsync/hcsync/locales"

	"github.com/hcsync/hcsync/providers"
)

// perPage is the page size hcsync asks for when listing.
const perPage = 50

// ListArticles implements providers.Provider: every article with all its
// locales, from the pages of GET /articles (translated_content comes
// with each article, so there is no call per article).
func (p *Provider) ListArticles(ctx context.Context) ([]providers.Article, error) {
	var out []providers.Article
	err := eachPage(ctx, p, "/articles", p.takeFirst(), func(a article) error {
		p.learn(a.DefaultLocale)
		pa, err := p.convert(a)
		if err != nil {
			return err
		}
		out = append(out, pa)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("intercom: listing articles: %w", err)
	}
	return out, nil
}

// ListSectionArticles implements providers.Provider. GET /articles has
// no filter by collection or section in version 2.15 (its only
// parameters are the page ones, intercom-openapi-2.15.yaml,
// listArticles), and search matches words, not a parent: so it lists
// every article and keeps the section's.
func (p *Provider) ListSectionArticles(ctx context.Context, sectionID string) ([]providers.Article, error) {
	all, err := p.ListArticles(ctx)
	if err != nil {
		return nil, err
	}
	var out []providers.Article
	for _, a := range all {
		if a.SectionID == sectionID {
			out = append(out, a)
		}
	}
	return out, nil
}

// eachPage calls f for every item of a paginated list, page by page up
// to total_pages. first, when set, answers for page 1.
func eachPage[T any](ctx context.Context, p *Provider, path string, first func(context.Context) (list[T], error), f func(T) error) error {
	for page := 1; ; page++ {
		var l list[T]
		var err error
		if page == 1 && first != nil {
			l, err = first(ctx)
		} else {
			q := url.Values{"page": {strconv.Itoa(page)}, "per_page": {strconv.Itoa(perPage)}}
			err = p.do(ctx, providers.Request{Method: http.MethodGet, Path: path, Query: q}, &l)
		}
		if err != nil {
			return err
		}
		for _, it := range l.Data {
			if err := f(it); err != nil {
				return err
			}
		}
		if page >= l.Pages.TotalPages || len(l.Data) == 0 {
			return nil
		}
	}
}

// firstPage is page 1 of GET /articles, read once and shared by the
// locale probe and the first listing, which a plan runs at the same
// time: the probe costs no request of its own.
type firstPage struct {
	once  sync.Once
	page  list[article]
	err   error
	taken bool // by a listing, or stale after a write: listings read afresh
}

// firstArticles returns the shared page 1 of GET /articles, reading it
// on the first call.
func (p *Provider) firstArticles(ctx context.Context) (list[article], error) {
	p.first.once.Do(func() {
		q := url.Values{"page": {"1"}, "per_page": {strconv.Itoa(perPage)}}
		p.first.err = p.do(ctx, providers.Request{Method: http.MethodGet, Path: "/articles", Query: q}, &p.first.page)
	})
	return p.first.page, p.first.err
}

// takeFirst returns firstArticles to the first listing, unless a write
// came first, and nil to the others, which must see what was written
// since (apply re-lists to adopt what another run created).
func (p *Provider) takeFirst() func(context.Context) (list[article], error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.first.taken {
		return nil
	}
	p.first.taken = true
	return p.firstArticles
}

// CreateArticle implements providers.Provider. The source translation is
// the article's main content, in the workspace default locale.
func (p *Provider) CreateArticle(ctx context.Context, in providers.ArticleInput) (providers.Article, error) {
	title := in.Source.Title
	if err := p.checkMeta(in.ArticleMeta); err != nil {
		return providers.Article{}, fmt.Errorf("intercom: create article %q: %w", title, err)
	}
	if why := p.cannotCreate(); why != "" {
		return providers.Article{}, fmt.Errorf("intercom: create article %q: %s", title, why)
	}
	def := p.knownDefault()
	if in.Source.Locale != "" && !locales.Equal(in.Source.Locale, def) {
		return providers.Article{}, fmt.Errorf("intercom: create article %q: source locale %s is not the workspace default %s: Intercom articles are written in the default locale first; set default_locale: %s", title, in.Source.Locale, def, def)
	}
	section := in.SectionID
	if section == "" && in.ArticleMeta.SectionID != nil {
		section = *in.ArticleMeta.SectionID
	}
	parent, err := parentInt(section)
	if err != nil {
		return providers.Article{}, fmt.Errorf("intercom: create article %q: %w", title, err)
	}
	body := createArticleInput{
		Title:       title,
		Description: in.Source.Description,
		Body:        in.Source.Body,
		AuthorID:    p.authorID,
		State:       state(in.Source.Draft),
		ParentID:    parent,
	}
	if parent != nil {
		body.ParentType = "collection"
	}
	var a article
	if err := p.do(ctx, providers.Request{Method: http.MethodPost, Path: "/articles", JSON: body}, &a); err != nil {
		return providers.Article{}, fmt.Errorf("intercom: create article %q: %w", title, err)
	}
	p.learn(a.DefaultLocale)
	return p.convert(a)
}

// UpdateArticle implements providers.Provider. Of the article-level
// metadata, Intercom holds only the parent collection.
func (p *Provider) UpdateArticle(ctx context.Context, id string, m providers.ArticleMeta) (providers.Article, error) {
	if err := p.checkMeta(m); err != nil {
		return providers.Article{}, fmt.Errorf("intercom: update article %s: %w", id, err)
	}
	if m.SourceLocale != nil {
		if def := p.knownDefault(); !locales.Equal(*m.SourceLocale, def) {
			return providers.Article{}, fmt.Errorf("intercom: update article %s: the source locale is the workspace default %s and cannot become %s", id, def, *m.SourceLocale)
		}
	}
	if m.SectionID == nil {
		return p.get(ctx, id)
	}
	if *m.SectionID == "" {
		return providers.Article{}, fmt.Errorf("intercom: update article %s: Intercom's API cannot take an article out of its collection: give it a section", id)
	}
	return p.put(ctx, id, updateArticleInput{ParentID: *m.SectionID, ParentType: "collection"})
}

// CreateTranslation implements providers.Provider: the locale is added
// through translated_content.
func (p *Provider) CreateTranslation(ctx context.Context, articleID string, t providers.TranslationInput) (providers.Translation, error) {
	return p.writeTranslation(ctx, articleID, t, true)
}

// UpdateTranslation implements providers.Provider. Title, body, state
// and (when set) description are sent; Intercom leaves the rest.
func (p *Provider) UpdateTranslation(ctx context.Context, articleID string, t providers.TranslationInput) (providers.Translation, error) {
	return p.writeTranslation(ctx, articleID, t, false)
}

// writeTranslation writes one locale. A new locale gets the configured
// author, as the documented create example does; an update keeps the
// author the locale has.
func (p *Provider) writeTranslation(ctx context.Context, articleID string, t providers.TranslationInput, create bool) (providers.Translation, error) {
	if t.Slug != nil && *t.Slug != "" {
		return providers.Translation{}, fmt.Errorf("intercom: article %s locale %s: Intercom has no slugs: remove slug: from the front-matter", articleID, t.Locale)
	}
	if err := p.checkTranslatable(t.Locale); err != nil {
		return providers.Translation{}, fmt.Errorf("intercom: article %s locale %s %q: %w", articleID, t.Locale, t.Title, err)
	}
	body := t.Body
	in := updateArticleInput{}
	def := p.knownDefault()
	if t.Locale == "" || locales.Equal(t.Locale, def) {
		in.Title, in.Body, in.Description, in.State = t.Title, &body, t.Description, state(t.Draft)
	} else {
		c := &contentInput{
			Type:        "article_content",
			Title:       t.Title,
			Description: t.Description,
			Body:        &body,
			State:       state(t.Draft),
		}
		if create {
			c.AuthorID = p.authorID
		}
		in.TranslatedContent = map[string]*contentInput{p.wireLocale(t.Locale): c}
	}
	a, err := p.put(ctx, articleID, in)
	if err != nil {
		return providers.Translation{}, err
	}
	tr, ok := a.Translations[p.wireLocale(t.Locale)]
	if t.Locale == "" {
		tr, ok = a.Translations[a.SourceLocale]
	}
	if !ok {
		return providers.Translation{}, fmt.Errorf("intercom: article %s: the answer lacks locale %s: is it enabled in the workspace's Help Center settings?", articleID, t.Locale)
	}
	return *tr, nil
}

// DeleteTranslation implements providers.Provider. Intercom's Articles
// API has no way to remove one locale of an article (translated_content
// writes and merges locales, it never removes one), so this fails.
func (p *Provider) DeleteTranslation(ctx context.Context, articleID, locale string) error {
	return fmt.Errorf("intercom: article %s locale %s: Intercom's API cannot delete a translation: delete it in Intercom's article editor, or restore its file", articleID, locale)
}

// Publish implements providers.Provider.
func (p *Provider) Publish(ctx context.Context, articleID, locale string) error {
	return p.setState(ctx, articleID, locale, "published")
}

// Unpublish implements providers.Provider.
func (p *Provider) Unpublish(ctx context.Context, articleID, locale string) error {
	return p.setState(ctx, articleID, locale, "draft")
}

func (p *Provider) setState(ctx context.Context, articleID, locale, st string) error {
	if err := p.checkTranslatable(locale); err != nil {
		return fmt.Errorf("intercom: article %s locale %s: %w", articleID, locale, err)
	}
	var in updateArticleInput
	if locale == "" || locales.Equal(locale, p.knownDefault()) {
		in.State = st
	} else {
		in.TranslatedContent = map[string]*contentInput{p.wireLocale(locale): {State: st}}
	}
	_, err := p.put(ctx, articleID, in)
	return err
}

// Archive implements providers.Provider. Intercom has no archive: the
// article's every locale goes back to draft, or with intercom.prune:
// delete the article is deleted. An article already deleted counts as
// done, so a re-run converges.
func (p *Provider) Archive(ctx context.Context, articleID string) error {
	if p.prune == providers.ArchiveDelete {
		err := p.do(ctx, providers.Request{Method: http.MethodDelete, Path: "/articles/" + url.PathEscape(articleID)}, nil)
		if err != nil && !errors.Is(err, providers.ErrNotFound) {
			return fmt.Errorf("intercom: delete article %s: %w", articleID, err)
		}
		return nil
	}
	a, err := p.get(ctx, articleID)
	if err != nil {
		return err
	}
	in := updateArticleInput{State: "draft"}
	for loc := range a.Translations {
		if loc == a.SourceLocale {
			continue
		}
		if in.TranslatedContent == nil {
			in.TranslatedContent = map[string]*contentInput{}
		}
		in.TranslatedContent[loc] = &contentInput{State: "draft"}
	}
	_, err = p.put(ctx, articleID, in)
	return err
}

func (p *Provider) get(ctx context.Context, id string) (providers.Article, error) {
	var a article
	if err := p.do(ctx, providers.Request{Method: http.MethodGet, Path: "/articles/" + url.PathEscape(id)}, &a); err != nil {
		return providers.Article{}, fmt.Errorf("intercom: get article %s: %w", id, err)
	}
	p.learn(a.DefaultLocale)
	return p.convert(a)
}

func (p *Provider) put(ctx context.Context, id string, in updateArticleInput) (providers.Article, error) {
	var a article
	if err := p.do(ctx, providers.Request{Method: http.MethodPut, Path: "/articles/" + url.PathEscape(id), JSON: in}, &a); err != nil {
		return providers.Article{}, fmt.Errorf("intercom: update article %s: %w", id, err)
	}
	p.learn(a.DefaultLocale)
	return p.convert(a)
}

// convert maps an Intercom article to the provider-neutral model.
func (p *Provider) convert(a article) (providers.Article, error) {
	src := a.DefaultLocale
	if src == "" {
		src = p.knownDefault()
	}
	out := providers.Article{
		ID:           string(a.ID),
		SectionID:    string(a.ParentID),
		SourceLocale: src,
		URL:          a.URL,
		CreatedAt:    unix(a.CreatedAt),
		UpdatedAt:    unix(a.UpdatedAt),
		Translations: map[string]*providers.Translation{
			src: {
				Locale:      src,
				Title:       a.Title,
				Body:        a.Body,
				Draft:       a.State != "published",
				Description: a.Description,
				URL:         a.URL,
				Permalink:   providers.Permalink(a.URL),
				UpdatedAt:   unix(a.UpdatedAt),
			},
		},
	}
	for loc, raw := range a.TranslatedContent {
		if loc == "type" || string(raw) == "null" || locales.Equal(loc, src) {
			continue
		}
		var c content
		if err := json.Unmarshal(raw, &c); err != nil {
			return providers.Article{}, fmt.Errorf("intercom: article %s: translated_content.%s: %w", a.ID, loc, err)
		}
		out.Translations[loc] = &providers.Translation{
			Locale:      loc,
			Title:       c.Title,
			Body:        c.Body,
			Draft:       c.State != "published",
			Description: c.Description,
			URL:         c.URL,
			Permalink:   providers.Permalink(c.URL),
			UpdatedAt:   unix(c.UpdatedAt),
		}
	}
	return out, nil
}

// checkMeta refuses article-level metadata Intercom cannot hold. Zero
// values pass: they ask for nothing.
func (p *Provider) checkMeta(m providers.ArticleMeta) error {
	switch {
	case m.Labels != nil && len(*m.Labels) > 0:
		return errors.New("Intercom has no labels: remove labels: from the front-matter")
	case m.ContentTags != nil && len(*m.ContentTags) > 0:
		return errors.New("Intercom's API cannot set article tags: remove content_tags: from the front-matter")
	case m.Segments != nil && len(*m.Segments) > 0:
		return errors.New("Intercom articles have no user segments: remove segments: from the front-matter")
	case m.PermissionGroup != nil && *m.PermissionGroup != "":
		return errors.New("Intercom has no permission groups: remove permission_group: from the front-matter")
	case m.Promoted != nil && *m.Promoted:
		return errors.New("Intercom cannot promote articles: remove promoted: from the front-matter")
	case m.Position != nil && *m.Position != 0:
		return errors.New("Intercom's API cannot position articles: remove position: from the front-matter")
	case m.CommentsDisabled != nil && *m.CommentsDisabled:
		return errors.New("Intercom articles have no comments to disable: remove comments_disabled: from the front-matter")
	}
	return nil
}

func state(draft bool) string {
	if draft {
		return "draft"
	}
	return "published"
}

func unix(s int64) time.Time {
	if s == 0 {
		return time.Time{}
	}
	return time.Unix(s, 0).UTC()
}
