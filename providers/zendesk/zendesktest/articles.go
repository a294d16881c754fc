package zendesktest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strings"
	"time"
)

const timeFormat = time.RFC3339

func (s *Server) articleURL(base, locale string, id int64) string {
	return fmt.Sprintf("%s/api/v2/help_center/%s/articles/%d.json", base, locale, id)
}

// articleJSON renders an article as the API shows it in one locale (doc:
// article JSON format, zendesk-articles.txt): title, body, draft and
// locale are those of the displayed translation. The caller holds s.mu.
func (s *Server) articleJSON(base string, a *Article, locale string, withTranslations bool) map[string]any {
	t := a.Translations[locale]
	if t == nil {
		t = a.Translations[a.SourceLocale]
		locale = a.SourceLocale
	}
	segment := any(nil)
	if len(a.UserSegmentIDs) > 0 {
		segment = a.UserSegmentIDs[0]
	}
	var outdated []string
	for _, l := range a.locales() {
		if a.Translations[l].Outdated {
			outdated = append(outdated, l)
		}
	}
	m := map[string]any{
		"id":                  a.ID,
		"url":                 s.articleURL(base, locale, a.ID),
		"html_url":            pageURL(base, locale, a.ID, t.Title),
		"author_id":           a.AuthorID,
		"comments_disabled":   a.CommentsDisabled,
		"draft":               t.Draft,
		"promoted":            a.Promoted,
		"position":            a.Position,
		"vote_sum":            0,
		"vote_count":          0,
		"section_id":          a.SectionID,
		"created_at":          a.CreatedAt.Format(timeFormat),
		"updated_at":          a.UpdatedAt.Format(timeFormat),
		"edited_at":           t.UpdatedAt.Format(timeFormat),
		"title":               t.Title,
		"body":                t.Body,
		"source_locale":       a.SourceLocale,
		"locale":              locale,
		"outdated":            false, // deprecated, always false (doc)
		"outdated_locales":    nonNil(outdated),
		"permission_group_id": a.PermissionGroupID,
		"user_segment_id":     segment,
		"user_segment_ids":    nonNil(a.UserSegmentIDs),
		"label_names":         nonNil(a.LabelNames),
		"content_tag_ids":     nonNil(a.ContentTagIDs),
	}
	if withTranslations {
		// Translations sideload embedded in each article (doc: "Unlike other
		// sideloads, translations are embedded within the article").
		ts := make([]map[string]any, 0, len(a.Translations))
		for _, l := range a.locales() {
			ts = append(ts, translationJSON(base, a.Translations[l]))
		}
		m["translations"] = ts
	}
	return m
}

// pageURL is the html_url of one locale of an article: the id, then the
// title as a slug, so it changes when the title does (seen: a recorded
// List Articles response, prismatic.io/docs/example-payloads/zendesk/
// actions/listArticles.json, has title "Acme Testing" and html_url
// ".../hc/en-us/articles/28523513715859-Acme-Testing"; the slug is spelt
// as urlSlug spells names). servePage serves the same page without it.
func pageURL(base, locale string, id int64, title string) string {
	u := fmt.Sprintf("%s/hc/%s/articles/%d", base, locale, id)
	if slug := urlSlug(title); slug != "" {
		u += "-" + slug
	}
	return u
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func translationJSON(base string, t *Translation) map[string]any {
	return map[string]any{
		"id":            t.ID,
		"url":           fmt.Sprintf("%s/api/v2/help_center/articles/%d/translations/%d.json", base, t.ArticleID, t.ID),
		"html_url":      pageURL(base, t.Locale, t.ArticleID, t.Title),
		"source_id":     t.ArticleID,
		"source_type":   "Article",
		"locale":        t.Locale,
		"title":         t.Title,
		"body":          t.Body,
		"draft":         t.Draft,
		"outdated":      t.Outdated,
		"created_at":    t.CreatedAt.Format(timeFormat),
		"updated_at":    t.UpdatedAt.Format(timeFormat),
		"created_by_id": 0,
		"updated_by_id": 0,
	}
}

// includes parses the include= sideload list.
func includes(r *http.Request) map[string]bool {
	m := map[string]bool{}
	for _, v := range strings.Split(r.URL.Query().Get("include"), ",") {
		if v = strings.TrimSpace(v); v != "" {
			m[v] = true
		}
	}
	return m
}

// listArticles lists non-archived articles (archived ones leave the list,
// doc: Archive Article), all or those of one section (a section that does
// not exist is a 404 RecordNotFound, seen: NOTES.md, Zendesk errors), in a
// locale when the path names one, sorted by sort_by (position by default)
// and sort_order (doc: List Articles).
func (s *Server) listArticles(w http.ResponseWriter, r *http.Request, locale string, section int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if section != 0 && s.sections[section] == nil {
		notFound(w)
		return
	}
	if locale != "" && !s.enabled(locale) {
		notFound(w)
		return
	}
	var list []*Article
	for _, a := range s.articleList() {
		if a.Archived || (section != 0 && a.SectionID != section) {
			continue
		}
		if locale != "" && a.Translations[locale] == nil {
			continue
		}
		list = append(list, a)
	}
	q := r.URL.Query()
	key := func(a *Article) string { return fmt.Sprintf("%012d", a.Position) }
	switch q.Get("sort_by") {
	case "", "position":
	case "title":
		key = func(a *Article) string { return strings.ToLower(a.Translations[cmpLocale(a, locale)].Title) }
	case "created_at":
		key = func(a *Article) string { return a.CreatedAt.Format(timeFormat) }
	case "updated_at":
		key = func(a *Article) string { return a.UpdatedAt.Format(timeFormat) }
	case "edited_at":
		key = func(a *Article) string { return a.Translations[cmpLocale(a, locale)].UpdatedAt.Format(timeFormat) }
	default:
		badRequest(w, "sort_by", "must be one of position, title, created_at, updated_at, edited_at")
		return
	}
	desc := q.Get("sort_order") == "desc"
	sort.SliceStable(list, func(i, j int) bool {
		ki, kj := key(list[i]), key(list[j])
		if ki == kj {
			return list[i].ID < list[j].ID
		}
		return (ki < kj) != desc
	})
	inc := includes(r)
	base := s.base(r)
	sections, categories := map[int64]bool{}, map[int64]bool{}
	// Page sizes: page[size] at most 100, 30 by default (doc: NOTES.md).
	out, ok := pageJSON(w, r, list, pageOpts{maxSize: 100, defaultSize: 30}, "articles", func(a *Article) map[string]any {
		sections[a.SectionID] = true
		if sec := s.sections[a.SectionID]; sec != nil {
			categories[sec.CategoryID] = true
		}
		display := locale
		if display == "" {
			display = a.SourceLocale
		}
		return s.articleJSON(base, a, display, inc["translations"])
	})
	if !ok {
		return
	}
	s.sideload(out, base, inc, sections, categories)
	writeJSON(w, http.StatusOK, out)
}

func cmpLocale(a *Article, locale string) string {
	if a.Translations[locale] != nil {
		return locale
	}
	return a.SourceLocale
}

// sideload adds the users, sections and categories the page refers to as
// top-level arrays (doc: NOTES.md, sideloads). The caller holds s.mu.
func (s *Server) sideload(out map[string]any, base string, inc map[string]bool, sections, categories map[int64]bool) {
	if inc["users"] {
		out["users"] = []map[string]any{{"id": s.agentID, "name": "Fake Agent", "role": "agent"}}
	}
	if inc["sections"] {
		list := []map[string]any{}
		for _, x := range s.sortedSections() {
			if sections[x.ID] {
				list = append(list, s.sectionJSON(base, x))
			}
		}
		out["sections"] = list
	}
	if inc["categories"] {
		list := []map[string]any{}
		for _, c := range s.sortedCategories() {
			if categories[c.ID] {
				list = append(list, s.categoryJSON(base, c))
			}
		}
		out["categories"] = list
	}
}

// liveArticle finds an article that is not archived, and answers 404
// when there is none: archived articles are gone from the API (doc:
// Archive Article; seen as 404 on show). The caller holds s.mu.
func (s *Server) liveArticle(w http.ResponseWriter, id int64) *Article {
	a := s.articles[id]
	if a == nil || a.Archived {
		notFound(w)
		return nil
	}
	return a
}

func (s *Server) showArticle(w http.ResponseWriter, r *http.Request, locale string, id int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.liveArticle(w, id)
	if a == nil {
		return
	}
	inc := includes(r)
	base := s.base(r)
	out := map[string]any{"article": s.articleJSON(base, a, cmpLocale(a, locale), inc["translations"])}
	cat := int64(0)
	if sec := s.sections[a.SectionID]; sec != nil {
		cat = sec.CategoryID
	}
	s.sideload(out, base, inc, map[int64]bool{a.SectionID: true}, map[int64]bool{cat: true})
	writeJSON(w, http.StatusOK, out)
}

// articleFields are the article properties a create or update may carry.
// user_segment_id is raw so that an explicit null (everyone) differs from
// an absent key.
type articleFields struct {
	Title             *string            `json:"title"`
	Body              *string            `json:"body"`
	Locale            *string            `json:"locale"`
	Draft             *bool              `json:"draft"`
	SectionID         *int64             `json:"section_id"`
	PermissionGroupID *int64             `json:"permission_group_id"`
	UserSegmentID     json.RawMessage    `json:"user_segment_id"`
	UserSegmentIDs    *[]int64           `json:"user_segment_ids"`
	LabelNames        *[]string          `json:"label_names"`
	ContentTagIDs     *[]string          `json:"content_tag_ids"`
	Promoted          *bool              `json:"promoted"`
	Position          *int               `json:"position"`
	CommentsDisabled  *bool              `json:"comments_disabled"`
	Translations      []translationInput `json:"translations"`
}

type translationInput struct {
	Locale   *string `json:"locale"`
	Title    *string `json:"title"`
	Body     *string `json:"body"`
	Draft    *bool   `json:"draft"`
	Outdated *bool   `json:"outdated"`
}

// setFlags sets the article properties that need no checking: labels,
// promoted, position and comments_disabled, those the write carries.
func (f *articleFields) setFlags(a *Article) {
	if f.LabelNames != nil {
		a.LabelNames = append([]string{}, *f.LabelNames...)
	}
	if f.Promoted != nil {
		a.Promoted = *f.Promoted
	}
	if f.Position != nil {
		a.Position = *f.Position
	}
	if f.CommentsDisabled != nil {
		a.CommentsDisabled = *f.CommentsDisabled
	}
}

// segmentsOf resolves the user segment fields of a write: user_segment_ids
// wins over user_segment_id; null or [] means everyone (doc: article JSON
// format). It reports whether either was present. The caller holds s.mu.
func (s *Server) segmentsOf(w http.ResponseWriter, f *articleFields) (ids []int64, present, ok bool) {
	switch {
	case f.UserSegmentIDs != nil:
		ids, present = *f.UserSegmentIDs, true
	case len(f.UserSegmentID) > 0:
		present = true
		if string(f.UserSegmentID) != "null" {
			var id int64
			if err := json.Unmarshal(f.UserSegmentID, &id); err != nil {
				badRequest(w, "user_segment_id", "must be an integer or null")
				return nil, true, false
			}
			ids = []int64{id}
		}
	}
	for _, id := range ids {
		if s.segments[id] == nil {
			invalid(w, "user_segment_id", "InvalidValue", fmt.Sprintf("User segment %d does not exist", id))
			return nil, present, false
		}
	}
	return append([]int64{}, ids...), present, true
}

// checkTags refuses content tag ids the help center does not have:
// articles take existing content tags by id (doc: Create Article,
// "attach existing content tags by their ids"). The caller holds s.mu.
func (s *Server) checkTags(w http.ResponseWriter, ids []string) bool {
	for _, id := range ids {
		if s.tags[id] == nil {
			invalid(w, "content_tag_ids", "InvalidValue", fmt.Sprintf("Content tag %s does not exist", id))
			return false
		}
	}
	return true
}

// createArticle implements Create Article (doc: zendesk-articles.txt): a
// title, a permission_group_id and user_segment_id or user_segment_ids
// are required; the locale (body or URL) must be enabled; the section must
// exist; notify_subscribers sits at the root of the body.
func (s *Server) createArticle(w http.ResponseWriter, r *http.Request, urlLocale string, sectionID int64) {
	var req struct {
		Article           *articleFields `json:"article"`
		NotifySubscribers *bool          `json:"notify_subscribers"`
	}
	if !decode(w, r, &req) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.sections[sectionID] == nil {
		notFound(w)
		return
	}
	f := req.Article
	if f == nil {
		badRequest(w, "article", "is required")
		return
	}
	locale := urlLocale
	if f.Locale != nil {
		locale = strings.ToLower(*f.Locale)
	}
	if locale == "" {
		badRequest(w, "locale", "can't be blank")
		return
	}
	if !s.checkEnabled(w, "locale", locale) {
		return
	}
	// The translations array may carry the source translation instead of
	// title and body (doc: "specify multiple translations").
	type tr struct {
		title, body string
		draft       bool
	}
	want := map[string]tr{}
	for _, t := range f.Translations {
		if t.Locale == nil || t.Title == nil || strings.TrimSpace(*t.Title) == "" {
			badRequest(w, "translations", "each translation needs a locale and a title")
			return
		}
		l := strings.ToLower(*t.Locale)
		if !s.checkEnabled(w, "locale", l) {
			return
		}
		want[l] = tr{*t.Title, deref(t.Body), t.Draft != nil && *t.Draft}
	}
	src := want[locale]
	if f.Title != nil {
		src.title = *f.Title
	}
	if f.Body != nil {
		src.body = *f.Body
	}
	if f.Draft != nil {
		src.draft = *f.Draft
	}
	if strings.TrimSpace(src.title) == "" {
		badRequest(w, "title", "can't be blank")
		return
	}
	want[locale] = src
	if f.PermissionGroupID == nil {
		badRequest(w, "permission_group_id", "can't be blank")
		return
	}
	if s.groups[*f.PermissionGroupID] == nil {
		invalid(w, "permission_group_id", "InvalidValue", fmt.Sprintf("Permission group %d does not exist", *f.PermissionGroupID))
		return
	}
	segs, present, ok := s.segmentsOf(w, f)
	if !ok {
		return
	}
	if !present {
		badRequest(w, "user_segment_id", "either user_segment_id or user_segment_ids must be specified")
		return
	}
	var tags []string
	if f.ContentTagIDs != nil {
		tags = append(tags, *f.ContentTagIDs...)
		if !s.checkTags(w, tags) {
			return
		}
	}
	now := s.now()
	a := &Article{
		ID: s.id(), SectionID: sectionID, AuthorID: s.agentID, PermissionGroupID: *f.PermissionGroupID,
		UserSegmentIDs: segs, ContentTagIDs: tags, SourceLocale: locale,
		NotifySubscribers: req.NotifySubscribers, CreatedAt: now, UpdatedAt: now,
		Translations: map[string]*Translation{},
	}
	f.setFlags(a)
	for l, t := range want {
		a.Translations[l] = &Translation{
			ID: s.id(), ArticleID: a.ID, Locale: l, Title: t.title, Body: s.sanitize(t.body),
			Draft: t.draft, CreatedAt: now, UpdatedAt: now,
		}
	}
	s.articles[a.ID] = a
	base := s.base(r)
	w.Header().Set("Location", s.articleURL(base, locale, a.ID))
	writeJSON(w, http.StatusCreated, map[string]any{"article": s.articleJSON(base, a, locale, false)})
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// updateArticle implements Update Article (doc: zendesk-articles.txt):
// only article-level metadata changes; title, body, locale and draft in
// the body are ignored ("do not update translation properties").
func (s *Server) updateArticle(w http.ResponseWriter, r *http.Request, urlLocale string, id int64) {
	var req struct {
		Article *articleFields `json:"article"`
	}
	if !decode(w, r, &req) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.liveArticle(w, id)
	if a == nil {
		return
	}
	f := req.Article
	if f == nil {
		badRequest(w, "article", "is required")
		return
	}
	if f.SectionID != nil && s.sections[*f.SectionID] == nil {
		invalid(w, "section_id", "InvalidValue", fmt.Sprintf("Section %d does not exist", *f.SectionID))
		return
	}
	if f.PermissionGroupID != nil && s.groups[*f.PermissionGroupID] == nil {
		invalid(w, "permission_group_id", "InvalidValue", fmt.Sprintf("Permission group %d does not exist", *f.PermissionGroupID))
		return
	}
	segs, present, ok := s.segmentsOf(w, f)
	if !ok {
		return
	}
	if f.ContentTagIDs != nil && !s.checkTags(w, *f.ContentTagIDs) {
		return
	}
	before := a.clone()
	if f.SectionID != nil {
		a.SectionID = *f.SectionID
	}
	if f.PermissionGroupID != nil {
		a.PermissionGroupID = *f.PermissionGroupID
	}
	if present {
		a.UserSegmentIDs = segs
	}
	if f.ContentTagIDs != nil {
		a.ContentTagIDs = append([]string{}, *f.ContentTagIDs...)
	}
	f.setFlags(a)
	if !sameMeta(&before, a) {
		a.UpdatedAt = s.now()
	}
	writeJSON(w, http.StatusOK, map[string]any{"article": s.articleJSON(s.base(r), a, cmpLocale(a, urlLocale), false)})
}

func sameMeta(x, y *Article) bool {
	return x.SectionID == y.SectionID && x.PermissionGroupID == y.PermissionGroupID &&
		slices.Equal(x.UserSegmentIDs, y.UserSegmentIDs) && slices.Equal(x.ContentTagIDs, y.ContentTagIDs) &&
		slices.Equal(x.LabelNames, y.LabelNames) && x.Promoted == y.Promoted &&
		x.Position == y.Position && x.CommentsDisabled == y.CommentsDisabled
}

// archiveArticle implements Archive Article: DELETE answers 204 and the
// article leaves the API (doc: zendesk-articles.txt).
func (s *Server) archiveArticle(w http.ResponseWriter, id int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.liveArticle(w, id)
	if a == nil {
		return
	}
	a.Archived = true
	a.UpdatedAt = s.now()
	w.WriteHeader(http.StatusNoContent)
}

// updateSourceLocale implements Update Article Source Locale (doc:
// zendesk-articles.txt): the new source locale must be enabled and be one
// of the article's translations.
func (s *Server) updateSourceLocale(w http.ResponseWriter, r *http.Request, id int64) {
	var req struct {
		ArticleLocale string `json:"article_locale"`
	}
	if !decode(w, r, &req) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.liveArticle(w, id)
	if a == nil {
		return
	}
	l := strings.ToLower(req.ArticleLocale)
	switch {
	case l == "":
		badRequest(w, "article_locale", "can't be blank")
		return
	case !s.checkEnabled(w, "article_locale", l):
		return
	case a.Translations[l] == nil:
		invalid(w, "article_locale", "InvalidValue", fmt.Sprintf("Article has no %s translation", l))
		return
	}
	if a.SourceLocale != l {
		a.SourceLocale = l
		a.UpdatedAt = s.now()
	}
	w.WriteHeader(http.StatusOK)
}
