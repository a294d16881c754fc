package zendesk

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"reflect"
	"strconv"

	"github.com/hcsync/hcsync/locales"

	"github.com/hcsync/hcsync/providers"
)

// listAll fetches every page of a cursor-paginated list: page[size] of
// size, following meta.after_cursor while meta.has_more (doc: NOTES.md,
// Zendesk pagination). Items under key are decoded as T and passed to each.
func listAll[T any](ctx context.Context, p *Provider, path, key string, q url.Values, size int, each func(T)) error {
	return listPages(ctx, p, path, key, "", q, size, func(items []T, _ json.RawMessage) error {
		for _, it := range items {
			each(it)
		}
		return nil
	})
}

// listPages is listAll that hands over each page whole: its items under
// key, and the sideload named sideload ("" for none) as it came.
func listPages[T any](ctx context.Context, p *Provider, path, key, sideload string, q url.Values, size int, each func([]T, json.RawMessage) error) error {
	typ := pageType[T](key, sideload)
	next := url.Values{}
	for k, v := range q {
		next[k] = v
	}
	next.Set("page[size]", strconv.Itoa(size))
	for {
		page := reflect.New(typ)
		if _, err := p.c.Do(ctx, providers.Request{Path: path, Query: next}, page.Interface()); err != nil {
			return explain(err)
		}
		items := page.Elem().Field(0).Interface().([]T)
		meta := page.Elem().Field(1).Interface().(cursorMeta)
		var side json.RawMessage
		if sideload != "" {
			side = page.Elem().Field(2).Interface().(json.RawMessage)
		}
		if err := each(items, side); err != nil {
			return err
		}
		if !meta.HasMore || meta.AfterCursor == "" || len(items) == 0 {
			return nil
		}
		next = url.Values{}
		for k, v := range q {
			next[k] = v
		}
		next.Set("page[size]", strconv.Itoa(size))
		next.Set("page[after]", meta.AfterCursor)
	}
}

// pageType is the struct a page of a list decodes into: its items
// (under key), its cursor meta and, unless sideload is "", that sideload
// kept raw. A page is decoded in one pass this way: decoding it into a
// map of raw values and its items again from there validated and
// scanned a page of articles twice, 1.3 s of CPU of a warm plan of 10k
// articles × 4 locales (BENCHMARKS.md, "Whole runs in a git checkout").
func pageType[T any](key, sideload string) reflect.Type {
	fields := []reflect.StructField{
		{Name: "Items", Type: reflect.TypeFor[[]T](), Tag: reflect.StructTag(`json:"` + key + `"`)},
		{Name: "Meta", Type: reflect.TypeFor[cursorMeta](), Tag: `json:"meta"`},
	}
	if sideload != "" {
		fields = append(fields, reflect.StructField{Name: "Sideload", Type: reflect.TypeFor[json.RawMessage](), Tag: reflect.StructTag(`json:"` + sideload + `"`)})
	}
	return reflect.StructOf(fields)
}

// Locales returns the help center's default and enabled locales (GET
// /api/v2/help_center/locales), fetched once: the planner validates every
// locale of the tree against them before any write.
func (p *Provider) Locales(ctx context.Context) (providers.Locales, error) {
	p.locMu.Lock()
	defer p.locMu.Unlock()
	if p.locales != nil {
		return *p.locales, nil
	}
	var out struct {
		DefaultLocale string   `json:"default_locale"`
		Locales       []string `json:"locales"`
	}
	if _, err := p.c.Do(ctx, providers.Request{Path: "/api/v2/help_center/locales"}, &out); err != nil {
		return providers.Locales{}, explain(err)
	}
	l := providers.Locales{Default: out.DefaultLocale, Enabled: out.Locales}
	if l.Default != "" && !l.Has(l.Default) {
		l.Enabled = append(l.Enabled, l.Default)
	}
	p.locales = &l
	return l, nil
}

// ListSections returns every category and section. A section's ParentID
// is its parent section's id, or its category's.
func (p *Provider) ListSections(ctx context.Context) ([]providers.Section, error) {
	var cats []wireCategory
	if err := listAll(ctx, p, "/api/v2/help_center/categories", "categories", nil, 100, func(c wireCategory) { cats = append(cats, c) }); err != nil {
		return nil, err
	}
	var secs []wireSection
	if err := listAll(ctx, p, "/api/v2/help_center/sections", "sections", nil, 100, func(s wireSection) { secs = append(secs, s) }); err != nil {
		return nil, err
	}
	p.names.setContainers(cats, secs, false)
	return containers(cats, secs), nil
}

// ListSectionsAndTheirCategories implements
// providers.PartialSectionLister: the sections with their categories
// sideloaded (include=categories, doc: Help Center OpenAPI, List
// Sections, Sideloads), one request per 100 sections instead of a list
// of categories beside. The sideload holds "the category" of each listed
// section, so a category without sections is missing: the planner calls
// ListSections when the tree has a category folder it cannot find here.
func (p *Provider) ListSectionsAndTheirCategories(ctx context.Context) ([]providers.Section, error) {
	var cats []wireCategory
	var secs []wireSection
	seen := map[int64]bool{}
	q := url.Values{"include": {"categories"}}
	err := listPages(ctx, p, "/api/v2/help_center/sections", "sections", "categories", q, 100, func(page []wireSection, raw json.RawMessage) error {
		secs = append(secs, page...)
		var side []wireCategory
		if len(raw) > 0 {
			if err := json.Unmarshal(raw, &side); err != nil {
				return fmt.Errorf("GET /api/v2/help_center/sections: decoding the categories sideload: %w", err)
			}
		}
		for _, c := range side {
			if !seen[c.ID] {
				seen[c.ID] = true
				cats = append(cats, c)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	p.names.setContainers(cats, secs, true)
	return containers(cats, secs), nil
}

func containers(cats []wireCategory, secs []wireSection) []providers.Section {
	out := make([]providers.Section, 0, len(cats)+len(secs))
	for _, c := range cats {
		out = append(out, categorySection(c))
	}
	for _, s := range secs {
		out = append(out, sectionSection(s))
	}
	return out
}

func categorySection(c wireCategory) providers.Section {
	return providers.Section{
		ID: id(c.ID), Kind: providers.KindCategory, Name: c.Name, Description: c.Description,
		Position: c.Position, URL: c.HTMLURL,
	}
}

func sectionSection(s wireSection) providers.Section {
	parent := s.CategoryID
	if s.ParentSectionID != nil && *s.ParentSectionID != 0 {
		parent = *s.ParentSectionID
	}
	return providers.Section{
		ID: id(s.ID), Kind: providers.KindSection, Name: s.Name, Description: s.Description,
		ParentID: id(parent), Position: s.Position, URL: s.HTMLURL,
	}
}

// ListArticles returns every non-archived article with all its
// translations: cursor pages of 100 with the translations sideload, so
// 1,000 articles cost 10 requests, plus one per taxonomy list the
// articles refer to (segments and content tags, when some article has
// them). Every article has a permission group, yet the group list is not
// read here: a plan needs it only when a file names a group or an
// article is new (TaxonomyOf reads it then), so an article's
// PermissionGroup is its group's name when the list was read before and
// the group's id otherwise, which the planner maps with the Taxonomy.
func (p *Provider) ListArticles(ctx context.Context) ([]providers.Article, error) {
	return p.listArticles(ctx, "/api/v2/help_center/articles")
}

// ListSectionArticles implements providers.Provider with the
// section-scoped list, GET /api/v2/help_center/sections/{id}/articles
// (zendesk-articles.txt, "List Articles"), translations sideloaded.
func (p *Provider) ListSectionArticles(ctx context.Context, sectionID string) ([]providers.Article, error) {
	return p.listArticles(ctx, "/api/v2/help_center/sections/"+url.PathEscape(sectionID)+"/articles")
}

// listArticles reads the articles of one list endpoint with their
// translations, and maps the taxonomy ids they name.
func (p *Provider) listArticles(ctx context.Context, path string) ([]providers.Article, error) {
	var list []wireArticle
	q := url.Values{"include": {"translations"}}
	if err := listAll(ctx, p, path, "articles", q, 100, func(a wireArticle) { list = append(list, a) }); err != nil {
		return nil, err
	}
	return p.articles(ctx, list)
}

// articles maps wire articles to the contract's, after reading the
// taxonomy lists that name what they carry.
func (p *Provider) articles(ctx context.Context, list []wireArticle) ([]providers.Article, error) {
	var needSegments, needTags bool
	for _, a := range list {
		needSegments = needSegments || len(a.UserSegmentIDs) > 0 || a.UserSegmentID != nil
		needTags = needTags || len(a.ContentTagIDs) > 0
	}
	if needSegments {
		if err := p.names.loadSegments(ctx, p); err != nil {
			return nil, err
		}
	}
	if needTags {
		if err := p.names.loadTags(ctx, p); err != nil {
			return nil, err
		}
	}
	out := make([]providers.Article, 0, len(list))
	for _, a := range list {
		out = append(out, p.article(a))
	}
	return out, nil
}

// article maps a wire article to the contract's, ids to names. Without
// embedded translations (create and update answers) it holds the
// displayed locale only.
func (p *Provider) article(a wireArticle) providers.Article {
	segIDs := a.UserSegmentIDs
	if len(segIDs) == 0 && a.UserSegmentID != nil {
		segIDs = []int64{*a.UserSegmentID}
	}
	out := providers.Article{
		ID:               id(a.ID),
		SectionID:        id(a.SectionID),
		SourceLocale:     a.SourceLocale,
		URL:              a.HTMLURL,
		CreatedAt:        a.CreatedAt,
		UpdatedAt:        a.UpdatedAt,
		Labels:           nonNil(a.LabelNames),
		ContentTags:      p.names.tagNames(a.ContentTagIDs),
		Segments:         p.names.segmentNames(segIDs),
		PermissionGroup:  p.names.groupName(a.PermissionGroupID),
		Promoted:         a.Promoted,
		Position:         a.Position,
		CommentsDisabled: a.CommentsDisabled,
		Translations:     map[string]*providers.Translation{},
	}
	if out.SourceLocale == "" {
		out.SourceLocale = a.Locale
	}
	for _, t := range a.Translations {
		out.Translations[t.Locale] = p.translation(a.ID, t)
	}
	if len(a.Translations) == 0 && a.Locale != "" {
		var body string
		// The answer was valid JSON: a body that is no string is empty.
		_ = json.Unmarshal(a.Body, &body)
		out.Translations[a.Locale] = &providers.Translation{
			Locale: a.Locale, Title: a.Title, Body: body, Draft: a.Draft,
			URL: a.HTMLURL, LinkURL: providers.Permalink(a.HTMLURL), Permalink: providers.Permalink(a.HTMLURL), UpdatedAt: a.EditedAt,
		}
	}
	return out
}

func (p *Provider) translation(articleID int64, t wireTranslation) *providers.Translation {
	p.rememberTranslation(articleID, t.Locale, t.ID)
	return &providers.Translation{
		Locale: t.Locale, Title: t.Title, Body: t.Body, Draft: t.Draft,
		URL: t.HTMLURL, LinkURL: providers.Permalink(t.HTMLURL), Permalink: providers.Permalink(t.HTMLURL),
		UpdatedAt: t.UpdatedAt, Outdated: t.Outdated,
	}
}

func (p *Provider) rememberTranslation(articleID int64, locale string, tid int64) {
	if tid == 0 {
		return
	}
	p.trMu.Lock()
	p.trIDs[id(articleID)+"/"+locales.Normalize(locale)] = tid
	p.trMu.Unlock()
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// TaxonomyOf returns the name lists need names, each fetched once and
// cached (with those fetched before): a plan whose files name no user
// segment or content tag reads neither list.
func (p *Provider) TaxonomyOf(ctx context.Context, need providers.TaxonomyNeed) (providers.Taxonomy, error) {
	if need.PermissionGroups {
		if err := p.names.loadGroups(ctx, p); err != nil {
			return providers.Taxonomy{}, err
		}
	}
	if need.Segments {
		if err := p.names.loadSegments(ctx, p); err != nil {
			return providers.Taxonomy{}, err
		}
	}
	if need.Tags {
		if err := p.names.loadTags(ctx, p); err != nil {
			return providers.Taxonomy{}, err
		}
	}
	return p.names.taxonomy(), nil
}

// Taxonomy returns the content tags, user segments and permission groups
// of the help center, each list fetched once and cached.
func (p *Provider) Taxonomy(ctx context.Context) (providers.Taxonomy, error) {
	if err := p.names.loadGroups(ctx, p); err != nil {
		return providers.Taxonomy{}, err
	}
	if err := p.names.loadSegments(ctx, p); err != nil {
		return providers.Taxonomy{}, err
	}
	if err := p.names.loadTags(ctx, p); err != nil {
		return providers.Taxonomy{}, err
	}
	return p.names.taxonomy(), nil
}
