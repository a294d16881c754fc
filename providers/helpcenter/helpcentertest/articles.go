package helpcentertest

import (
	"net/http"

	"github.com/hcsync/hcsync/render"
)

// sanitize is the service's HTML cleaning ("HTML content is automatically
// sanitized for security", helpcenter-articles.txt, "Creating
// Articles"), modelled once in package render so the planner predicts
// exactly what the fake stores.
func sanitize(html string) string { return render.HelpCenterSanitize(html) }

// GET /v0/centers/{c}: center info (SKILL.md, "Get Center Info").
func (s *Server) getCenter(q *request) {
	writeJSON(q.w, http.StatusOK, map[string]any{
		"id": s.center.ID, "object": "center", "name": s.center.Name,
		"domain": s.center.Domain, "default_language": s.center.DefaultLanguage,
		"additional_languages": s.center.AdditionalLanguages,
		"created_at":           timestamp(s.center.CreatedAt),
	})
}

// GET /articles: published articles only (SKILL.md, "List Articles").
func (s *Server) listArticles(q *request) {
	var picked []*Article
	for _, a := range s.articles {
		if a.Published != nil && q.matches(a, *a.Published) {
			picked = append(picked, a)
		}
	}
	ids := make([]string, len(picked))
	for i, a := range picked {
		ids[i] = a.ID
	}
	from, to, more, ok := q.page(ids)
	if !ok {
		return
	}
	data := []articleJSON{}
	for _, a := range picked[from:to] {
		data = append(data, s.publishedView(a, q.expandContent()))
	}
	writeJSON(q.w, http.StatusOK, listJSON{Object: "list", Data: data, HasMore: more, Count: len(data), URL: s.listURL("/articles")})
}

// GET /articles/drafts: every article's draft, filtered by status
// (SKILL.md, "List Drafts").
func (s *Server) listDrafts(q *request) {
	st := q.r.URL.Query().Get("status")
	switch st {
	case "", StatusUnpublished, StatusPublished, StatusPublishedWithChanges:
	default:
		writeError(q.w, http.StatusBadRequest, "invalid_parameter", "status must be unpublished, published or published_with_changes")
		return
	}
	var picked []*Article
	for _, a := range s.articles {
		if (st == "" || a.Status() == st) && q.matches(a, a.Draft) {
			picked = append(picked, a)
		}
	}
	ids := make([]string, len(picked))
	for i, a := range picked {
		ids[i] = a.ID
	}
	from, to, more, ok := q.page(ids)
	if !ok {
		return
	}
	data := []articleJSON{}
	for _, a := range picked[from:to] {
		data = append(data, s.draftView(a, q.expandContent()))
	}
	writeJSON(q.w, http.StatusOK, listJSON{Object: "list", Data: data, HasMore: more, Count: len(data), URL: s.listURL("/articles/drafts")})
}

// GET /articles/count (SKILL.md, "Count Articles").
func (s *Server) countArticles(q *request) {
	n := 0
	for _, a := range s.articles {
		if a.Published != nil && q.matches(a, *a.Published) {
			n++
		}
	}
	writeJSON(q.w, http.StatusOK, countJSON{Object: "count", Total: n, URL: s.listURL("/articles/count"),
		Filters: map[string]*string{"category": filterValue(q, "category"), "search": filterValue(q, "search"), "status": nil}})
}

// GET /articles/drafts/count (SKILL.md, "Count Drafts").
func (s *Server) countDrafts(q *request) {
	st := q.r.URL.Query().Get("status")
	n := 0
	for _, a := range s.articles {
		if (st == "" || a.Status() == st) && q.matches(a, a.Draft) {
			n++
		}
	}
	writeJSON(q.w, http.StatusOK, countJSON{Object: "count", Total: n, URL: s.listURL("/articles/drafts/count"),
		Filters: map[string]*string{"category": filterValue(q, "category"), "search": filterValue(q, "search"), "status": filterValue(q, "status")}})
}

// findArticle answers 404 not_found when the article in the path does
// not exist.
func (s *Server) findArticle(q *request) *Article {
	a := s.article(q.segs[1])
	if a == nil {
		writeError(q.w, http.StatusNotFound, "not_found", "Article "+q.segs[1]+" not found")
	}
	return a
}

// GET /articles/{a}: 404 while unpublished (SKILL.md, "Get Article").
func (s *Server) getArticle(q *request) {
	a := s.findArticle(q)
	if a == nil {
		return
	}
	if a.Published == nil {
		writeError(q.w, http.StatusNotFound, "not_found", "Article "+a.ID+" is not published")
		return
	}
	writeJSON(q.w, http.StatusOK, s.publishedView(a, q.expandContent()))
}

// POST /articles: always creates a draft; title required; category
// defaults to the first category (SKILL.md, "Create Article").
func (s *Server) createArticle(q *request) {
	var in struct {
		Title   *string `json:"title"`
		Content *struct {
			HTML string `json:"html"`
		} `json:"content"`
		CategoryID *string `json:"category_id"`
		Metadata   *struct {
			SEO *seoInput `json:"seo"`
		} `json:"metadata"`
	}
	if !q.decode(&in) {
		return
	}
	if in.Title == nil || *in.Title == "" {
		writeError(q.w, http.StatusBadRequest, "missing_required_field", "title is required")
		return
	}
	now := s.now().UTC()
	a := &Article{ID: s.newID(), SlugID: s.newSlugID(), CreatedAt: now, UpdatedAt: now,
		Translations: map[string]*Translation{}}
	a.Draft.Title = *in.Title
	if in.Content != nil {
		a.Draft.HTML = sanitize(in.Content.HTML)
	}
	switch {
	case in.CategoryID != nil && *in.CategoryID != "":
		if s.category(*in.CategoryID) == nil {
			writeError(q.w, http.StatusNotFound, "not_found", "Category "+*in.CategoryID+" not found")
			return
		}
		a.CategoryID = *in.CategoryID
	case len(s.categories) > 0:
		a.CategoryID = s.categories[0].ID
	}
	if in.Metadata != nil {
		in.Metadata.SEO.apply(&a.SEO)
	}
	s.articles = append(s.articles, a)
	// "The response returns the draft object with expand: ['content']."
	writeJSON(q.w, http.StatusOK, s.draftView(a, true))
}

// DELETE /articles/{a}: removes the article, its draft and all
// translations; 204 (SKILL.md, "Delete Article").
func (s *Server) deleteArticle(q *request) {
	a := s.findArticle(q)
	if a == nil {
		return
	}
	for i, x := range s.articles {
		if x == a {
			s.articles = append(s.articles[:i], s.articles[i+1:]...)
			break
		}
	}
	q.w.WriteHeader(http.StatusNoContent)
}

// POST /articles/{a}/publish and /unpublish (SKILL.md, "Publish
// Article", "Unpublish Article"). Publishing makes the draft live and
// generates a slug from the title when there is none; unpublishing keeps
// the draft and unpublishes every translation.
func (s *Server) publishArticle(q *request) {
	a := s.findArticle(q)
	if a == nil {
		return
	}
	now := s.now().UTC()
	if q.segs[2] == "publish" {
		live := Version{Title: a.Draft.Title, HTML: sanitize(a.Draft.HTML)}
		a.Draft = live
		a.Published = &live
		if a.Slug == "" {
			a.Slug = slugify(a.Draft.Title)
		}
		a.PublishedAt, a.UpdatedAt = now, now
		writeJSON(q.w, http.StatusOK, s.publishedView(a, false))
		return
	}
	a.Published = nil
	a.PublishedAt, a.UpdatedAt = never, now
	for _, t := range a.Translations {
		t.Published, t.PublishedAt = nil, never
	}
	writeJSON(q.w, http.StatusOK, s.draftView(a, false))
}

// POST /articles/{a}/duplicate: an unpublished copy titled "Copy of …"
// with metadata and translation drafts (SKILL.md, "Duplicate Article").
func (s *Server) duplicateArticle(q *request) {
	a := s.findArticle(q)
	if a == nil {
		return
	}
	now := s.now().UTC()
	c := a.clone()
	c.ID, c.SlugID, c.Slug = s.newID(), s.newSlugID(), ""
	c.CreatedAt, c.UpdatedAt, c.PublishedAt = now, now, never
	c.Published = nil
	c.Draft.Title = "Copy of " + a.Draft.Title
	for _, t := range c.Translations {
		t.Published, t.PublishedAt, t.Slug = nil, never, ""
		t.Draft.Title = "Copy of " + t.Draft.Title
	}
	s.articles = append(s.articles, c)
	writeJSON(q.w, http.StatusOK, s.draftView(c, true))
}

// GET /articles/{a}/draft (SKILL.md, "Get Draft").
func (s *Server) getDraft(q *request) {
	if a := s.findArticle(q); a != nil {
		writeJSON(q.w, http.StatusOK, s.draftView(a, q.expandContent()))
	}
}

// PATCH /articles/{a}/draft: only title and html; the status becomes
// published_with_changes on a published article (SKILL.md, "Update
// Draft").
func (s *Server) updateDraft(q *request) {
	a := s.findArticle(q)
	if a == nil {
		return
	}
	var in struct {
		Title *string `json:"title"`
		HTML  *string `json:"html"`
	}
	if !q.decode(&in) {
		return
	}
	if in.Title == nil && in.HTML == nil {
		writeError(q.w, http.StatusBadRequest, "missing_required_field", "title or html is required")
		return
	}
	if in.Title != nil {
		a.Draft.Title = *in.Title
	}
	if in.HTML != nil {
		a.Draft.HTML = sanitize(*in.HTML)
	}
	a.UpdatedAt = s.now().UTC()
	writeJSON(q.w, http.StatusOK, s.draftView(a, true))
}

// POST /articles/{a}/draft/discard: restores the published version; 404
// if never published (SKILL.md, "Discard Draft Changes").
func (s *Server) discardDraft(q *request) {
	a := s.findArticle(q)
	if a == nil {
		return
	}
	if a.Published == nil {
		writeError(q.w, http.StatusNotFound, "not_found", "Article "+a.ID+" has never been published: there is no published version to restore")
		return
	}
	a.Draft = *a.Published
	a.UpdatedAt = s.now().UTC()
	writeJSON(q.w, http.StatusOK, s.draftView(a, true))
}

// PATCH /articles/{a}/metadata: category, subtitle, slug, seo; live at
// once; at least one field (SKILL.md, "Update Article Metadata").
func (s *Server) updateMetadata(q *request) {
	a := s.findArticle(q)
	if a == nil {
		return
	}
	var in struct {
		Category *string   `json:"category"`
		Subtitle *string   `json:"subtitle"`
		Slug     *string   `json:"slug"`
		SEO      *seoInput `json:"seo"`
	}
	if !q.decode(&in) {
		return
	}
	if in.Category == nil && in.Subtitle == nil && in.Slug == nil && in.SEO == nil {
		writeError(q.w, http.StatusBadRequest, "missing_required_field", "at least one of category, subtitle, slug or seo is required")
		return
	}
	if in.Category != nil {
		if s.category(*in.Category) == nil {
			writeError(q.w, http.StatusNotFound, "not_found", "Category "+*in.Category+" not found")
			return
		}
		a.CategoryID = *in.Category
	}
	if in.Subtitle != nil {
		a.Subtitle = *in.Subtitle
	}
	if in.Slug != nil {
		a.Slug = *in.Slug
	}
	in.SEO.apply(&a.SEO)
	a.UpdatedAt = s.now().UTC()
	writeJSON(q.w, http.StatusOK, s.draftView(a, false))
}
