package helpcenter

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strconv"

	"golang.org/x/sync/errgroup"

	"github.com/hcsync/hcsync/providers"
)

// pageSize is the largest page the list endpoints serve ("limit ...
// Max: 100", SKILL.md, "Pagination").
const pageSize = 100

// translationReaders bounds the concurrent translation reads of
// ListArticles; the shared client paces them to the rate limit anyway.
const translationReaders = 4

// centerInfo returns the center's info, read once. Concurrent first
// callers wait for one request rather than each sending their own.
func (p *Provider) centerInfo(ctx context.Context) (*centerInfo, error) {
	p.infoMu.Lock()
	defer p.infoMu.Unlock()
	if p.info != nil {
		return p.info, nil
	}
	var c centerInfo
	if err := p.do(ctx, providers.Request{Method: "GET", Path: p.base}, &c); err != nil {
		if errors.Is(err, providers.ErrNotFound) {
			return nil, fmt.Errorf("center %s not found: check helpcenter.center_id against Settings > General > API: %w", p.center, err)
		}
		return nil, fmt.Errorf("reading center %s: %w", p.center, err)
	}
	p.info = &c
	return &c, nil
}

// Locales implements providers.Provider: the default language and the
// additional languages translations may use.
func (p *Provider) Locales(ctx context.Context) (providers.Locales, error) {
	c, err := p.centerInfo(ctx)
	if err != nil {
		return providers.Locales{}, err
	}
	enabled := append([]string{c.DefaultLanguage}, c.AdditionalLanguages...)
	return providers.Locales{Default: c.DefaultLanguage, Enabled: enabled}, nil
}

// Taxonomy implements providers.Provider: Help.Center has no tags,
// segments or permission groups.
func (p *Provider) Taxonomy(ctx context.Context) (providers.Taxonomy, error) {
	return providers.Taxonomy{Tags: map[string]string{}, Segments: map[string]string{}, PermissionGroups: map[string]string{}}, nil
}

// ListSections implements providers.Provider: top-level categories are
// KindCategory, their subcategories KindSection.
func (p *Provider) ListSections(ctx context.Context) ([]providers.Section, error) {
	cats, err := p.categories(ctx)
	if err != nil {
		return nil, err
	}
	var out []providers.Section
	for _, c := range cats {
		out = append(out, providers.Section{ID: c.ID, Kind: providers.KindCategory, Name: c.Name, Description: c.Description})
		for _, k := range c.Children {
			out = append(out, providers.Section{ID: k.ID, Kind: providers.KindSection, Name: k.Name, Description: k.Description, ParentID: c.ID})
		}
	}
	return out, nil
}

func (p *Provider) categories(ctx context.Context) ([]category, error) {
	var l list[category]
	if err := p.do(ctx, providers.Request{Method: "GET", Path: p.path("articles", "categories")}, &l); err != nil {
		return nil, fmt.Errorf("listing categories: %w", err)
	}
	p.remember(l.Data)
	return l.Data, nil
}

// remember records category ids as known.
func (p *Provider) remember(cats []category) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range cats {
		p.knownCategories[c.ID] = true
		for _, k := range c.Children {
			p.knownCategories[k.ID] = true
		}
	}
}

// listAll reads every page of a list endpoint with content expanded,
// narrowed by filter (category=) when it is not nil.
func (p *Provider) listAll(ctx context.Context, path string, filter url.Values) ([]article, error) {
	var all []article
	after := ""
	for {
		q := url.Values{"limit": {strconv.Itoa(pageSize)}, "expand[]": {"content"}}
		for k, v := range filter {
			q[k] = v
		}
		if after != "" {
			q.Set("starting_after", after)
		}
		var page list[article]
		if err := p.do(ctx, providers.Request{Method: "GET", Path: path, Query: q}, &page); err != nil {
			return nil, err
		}
		all = append(all, page.Data...)
		if !page.HasMore || len(page.Data) == 0 {
			return all, nil
		}
		after = page.Data[len(page.Data)-1].ID
	}
}

// ListArticles implements providers.Provider. Drafts give every article
// and its draft; the published list gives the live versions; each
// additional language is then read per article.
func (p *Provider) ListArticles(ctx context.Context) ([]providers.Article, error) {
	info, err := p.centerInfo(ctx)
	if err != nil {
		return nil, err
	}
	var drafts, published []article
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) {
		if drafts, err = p.listAll(gctx, p.path("articles", "drafts"), nil); err != nil {
			return fmt.Errorf("listing article drafts: %w", err)
		}
		return nil
	})
	g.Go(func() (err error) {
		if published, err = p.listAll(gctx, p.path("articles"), nil); err != nil {
			return fmt.Errorf("listing published articles: %w", err)
		}
		return nil
	})
	if err := g.Wait(); err != nil {
		return nil, err
	}
	live := make(map[string]*article, len(published))
	for i := range published {
		live[published[i].ID] = &published[i]
	}

	out := make([]providers.Article, len(drafts))
	for i := range drafts {
		d := &drafts[i]
		url := d.URL
		if url == "" {
			url = articleURL(info, d.SlugID, d.Slug)
		}
		p.rememberSlugID(d.ID, d.SlugID)
		src, lv := merge(info.DefaultLanguage, d.Title, d.Content.html(), d.Status, url, live[d.ID])
		src.Slug = d.Slug
		src.Description = d.SEO.desc()
		src.UpdatedAt = d.UpdatedAt
		if pub := live[d.ID]; pub != nil {
			src.Slug, src.Description = pub.Slug, pub.SEO.desc()
		}
		p.setLive(d.ID, info.DefaultLanguage, lv)
		out[i] = providers.Article{
			ID: d.ID, SectionID: d.CategoryID, SourceLocale: info.DefaultLanguage, URL: url,
			CreatedAt: d.CreatedAt, UpdatedAt: d.UpdatedAt,
			Translations: map[string]*providers.Translation{info.DefaultLanguage: src},
		}
	}

	// One read per article and language: the API lists translations of
	// an article only once published ("translations" holds published
	// languages), so drafts of other languages must be asked for.
	g, gctx = errgroup.WithContext(ctx)
	g.SetLimit(translationReaders)
	results := make([][]*providers.Translation, len(out))
	for i := range out {
		results[i] = make([]*providers.Translation, len(info.AdditionalLanguages))
		for j, lang := range info.AdditionalLanguages {
			g.Go(func() (err error) {
				results[i][j], err = p.readTranslation(gctx, out[i].ID, lang)
				return err
			})
		}
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	for i := range out {
		for _, t := range results[i] {
			if t != nil {
				out[i].Translations[t.Locale] = t
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// ListSectionArticles implements providers.Provider with one list: the
// drafts of the category (GET /articles/drafts?category=, which "supports
// the same ... category ... parameters" as the published list,
// helpcenter-articles.txt, "List all drafts"), which hold every article,
// published or not, in the source language. Titles are the drafts':
// for an article with unpublished changes, the pending title; apply looks
// for articles made since its plan, whose draft is what was published.
// Other languages would cost a request per article and language, and
// apply needs only the source titles.
func (p *Provider) ListSectionArticles(ctx context.Context, sectionID string) ([]providers.Article, error) {
	info, err := p.centerInfo(ctx)
	if err != nil {
		return nil, err
	}
	drafts, err := p.listAll(ctx, p.path("articles", "drafts"), url.Values{"category": {sectionID}})
	if err != nil {
		return nil, fmt.Errorf("listing the article drafts of category %s: %w", sectionID, err)
	}
	out := make([]providers.Article, len(drafts))
	for i := range drafts {
		d := &drafts[i]
		url := d.URL
		if url == "" {
			url = articleURL(info, d.SlugID, d.Slug)
		}
		p.rememberSlugID(d.ID, d.SlugID)
		src := &providers.Translation{Locale: info.DefaultLanguage, Title: d.Title, Body: d.Content.html(), Draft: d.Status == statusUnpublished,
			URL: url, Slug: d.Slug, Description: d.SEO.desc(), UpdatedAt: d.UpdatedAt}
		out[i] = providers.Article{
			ID: d.ID, SectionID: d.CategoryID, SourceLocale: info.DefaultLanguage, URL: url,
			CreatedAt: d.CreatedAt, UpdatedAt: d.UpdatedAt,
			Translations: map[string]*providers.Translation{info.DefaultLanguage: src},
		}
	}
	return out, nil
}

// readTranslation reads one language of an article: its draft, and its
// published version when the draft has unpublished changes. It returns
// nil when the article has no such translation.
func (p *Provider) readTranslation(ctx context.Context, articleID, lang string) (*providers.Translation, error) {
	q := url.Values{"expand[]": {"content"}}
	var d translation
	err := p.do(ctx, providers.Request{Method: "GET", Path: p.path("articles", articleID, "translations", lang, "draft"), Query: q}, &d)
	if errors.Is(err, providers.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading the %s translation of article %s: %w", lang, articleID, err)
	}
	var pub *article
	if d.Status == statusPublishedWithChanges {
		var t translation
		err := p.do(ctx, providers.Request{Method: "GET", Path: p.path("articles", articleID, "translations", lang), Query: q}, &t)
		if err != nil {
			return nil, fmt.Errorf("reading the published %s translation of article %s: %w", lang, articleID, err)
		}
		pub = &article{Title: t.Title, Content: t.Content}
	}
	u := d.URL
	if u == "" {
		// Unpublished: the URL it will have, so links to it match what
		// apply wrote.
		info, err := p.centerInfo(ctx)
		if err != nil {
			return nil, err
		}
		u = translationURL(info, lang, p.slugID(articleID), d.Slug)
	}
	tr, lv := merge(lang, d.Title, d.Content.html(), d.Status, u, pub)
	tr.Slug, tr.Description, tr.UpdatedAt = d.Slug, d.SEO.desc(), d.UpdatedAt
	p.setLive(articleID, lang, lv)
	return tr, nil
}

// merge builds one locale from its draft and, when published with
// changes, its live version: Body is what readers see (the live version,
// or the draft while unpublished), Draft means unpublished, and a
// differing draft becomes PendingTitle/PendingBody.
func merge(locale, title, html, status, url string, pub *article) (*providers.Translation, liveVersion) {
	t := &providers.Translation{Locale: locale, Title: title, Body: html, URL: url, Draft: status == statusUnpublished}
	lv := liveVersion{status: status}
	switch status {
	case statusPublished:
		lv.title, lv.html = title, html
	case statusPublishedWithChanges:
		if pub != nil {
			t.Title, t.Body = pub.Title, pub.Content.html()
			lv.title, lv.html = t.Title, t.Body
			if title != t.Title || html != t.Body {
				t.PendingTitle, t.PendingBody = title, html
			}
		}
	}
	return t, lv
}

func (p *Provider) setLive(articleID, locale string, lv liveVersion) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.live[articleID+"/"+locale] = lv
}

func (p *Provider) getLive(articleID, locale string) (liveVersion, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	lv, ok := p.live[articleID+"/"+locale]
	return lv, ok
}

func (p *Provider) forgetLive(articleID, locale string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.live, articleID+"/"+locale)
}
