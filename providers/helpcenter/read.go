package helpcenter

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/hcsync/hcsync/providers"
)

// pageSize is the largest page the list endpoints serve ("limit ...
// Max: 100", SKILL.md, "Pagination").
const pageSize = 100

// translationReaders bounds the concurrent reads of ListArticles. The
// shared client paces them to the rate limit; within a burst, they are
// bound by the service's latency, which more readers in flight hide.
const translationReaders = 8

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

// ListArticles implements providers.Provider. The draft list gives
// every article, its draft and its status; the published versions are
// read only for articles with unpublished changes (liveVersions); each
// additional language is then read per article, concurrently with them.
func (p *Provider) ListArticles(ctx context.Context) ([]providers.Article, error) {
	info, err := p.centerInfo(ctx)
	if err != nil {
		return nil, err
	}
	drafts, err := p.listAll(ctx, p.path("articles", "drafts"), nil)
	if err != nil {
		return nil, fmt.Errorf("listing article drafts: %w", err)
	}
	for i := range drafts {
		p.rememberSlugID(drafts[i].ID, drafts[i].SlugID)
	}

	// One read per article and language: the API lists translations of
	// an article only once published ("translations" holds published
	// languages), so drafts of other languages must be asked for.
	var live map[string]*article
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(translationReaders)
	g.Go(func() (err error) {
		live, err = p.liveVersions(gctx, drafts)
		return err
	})
	results := make([][]*providers.Translation, len(drafts))
	for i := range drafts {
		results[i] = make([]*providers.Translation, len(info.AdditionalLanguages))
		for j, lang := range info.AdditionalLanguages {
			g.Go(func() (err error) {
				results[i][j], err = p.readTranslation(gctx, drafts[i].ID, lang)
				return err
			})
		}
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}

	out := make([]providers.Article, len(drafts))
	for i := range drafts {
		out[i] = p.articleOf(info, &drafts[i], live[drafts[i].ID])
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

// articleOf is the article of draft d in the center's default language,
// with pub its published version when it has unpublished changes.
func (p *Provider) articleOf(info *centerInfo, d *article, pub *article) providers.Article {
	url := d.URL
	if url == "" {
		url = articleURL(info, d.SlugID, d.Slug)
	}
	src, lv := merge(info.DefaultLanguage, d.Title, d.Content.html(), d.Status, url, pub)
	lv.slug, lv.seo = d.Slug, d.SEO
	if pub != nil {
		lv.slug, lv.seo = pub.Slug, pub.SEO
	}
	src.Slug, src.Description, src.UpdatedAt = lv.slug, lv.seo.desc(), d.UpdatedAt
	p.setLive(d.ID, info.DefaultLanguage, lv)
	return providers.Article{
		ID: d.ID, SectionID: d.CategoryID, SourceLocale: info.DefaultLanguage, URL: url,
		CreatedAt: d.CreatedAt, UpdatedAt: d.UpdatedAt,
		Translations: map[string]*providers.Translation{info.DefaultLanguage: src},
	}
}

// liveVersions reads the published version of every article whose draft
// has unpublished changes, by id. The published version of an article
// whose status is "published" is its draft ("published - In sync with
// the live version", helpcenter-articles.txt, "Draft Management"), and
// an unpublished one has none, so only those with changes need a read:
// each on its own when they are no more than the published list's
// pages, else the whole list, whichever costs fewer requests.
func (p *Provider) liveVersions(ctx context.Context, drafts []article) (map[string]*article, error) {
	var pending []string
	published := 0
	for i := range drafts {
		switch drafts[i].Status {
		case statusPublishedWithChanges:
			pending = append(pending, drafts[i].ID)
			published++
		case statusPublished:
			published++
		}
	}
	live := make(map[string]*article, len(pending))
	if len(pending) == 0 {
		return live, nil
	}
	if pages := (published + pageSize - 1) / pageSize; len(pending) > pages {
		list, err := p.listAll(ctx, p.path("articles"), nil)
		if err != nil {
			return nil, fmt.Errorf("listing published articles: %w", err)
		}
		for i := range list {
			live[list[i].ID] = &list[i]
		}
		return live, nil
	}
	var mu sync.Mutex
	g, gctx := errgroup.WithContext(ctx)
	for _, id := range pending {
		g.Go(func() error {
			var a article
			q := url.Values{"expand[]": {"content"}}
			if err := p.do(gctx, providers.Request{Method: "GET", Path: p.path("articles", id), Query: q}, &a); err != nil {
				return fmt.Errorf("reading the published version of article %s: %w", id, err)
			}
			mu.Lock()
			live[id] = &a
			mu.Unlock()
			return nil
		})
	}
	return live, g.Wait()
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
	lv.slug, lv.seo = d.Slug, d.SEO
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
	if status == statusPublishedWithChanges && pub != nil {
		t.Title, t.Body = pub.Title, pub.Content.html()
		if title != t.Title || html != t.Body {
			t.PendingTitle, t.PendingBody = title, html
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
