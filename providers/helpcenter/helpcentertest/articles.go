package helpcentertest

import (
	"net/http"
)

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
	s.writeList(q, q.published, s.publishedView, "/articles")
}

// GET /articles/drafts: every article's draft, filtered by status
// (SKILL.md, "List Drafts").
func (s *Server) listDrafts(q *request) {
	switch q.r.URL.Query().Get("status") {
	case "", StatusUnpublished, StatusPublished, StatusPublishedWithChanges:
	default:
		writeError(q.w, http.StatusBadRequest, "invalid_parameter", "status must be unpublished, published or published_with_changes")
		return
	}
	s.writeList(q, q.drafted, s.draftView, "/articles/drafts")
}

// GET /articles/count (SKILL.md, "Count Articles").
func (s *Server) countArticles(q *request) {
	s.writeCount(q, q.published, "/articles/count", nil)
}

// GET /articles/drafts/count (SKILL.md, "Count Drafts").
func (s *Server) countDrafts(q *request) {
	s.writeCount(q, q.drafted, "/articles/drafts/count", filterValue(q, "status"))
}

// published picks, for the published endpoints, the articles that are
// published and whose published version matches the filters.
func (q *request) published(a *Article) bool {
	return a.Published != nil && q.matches(a, *a.Published)
}

// drafted picks, for the draft endpoints, the articles of the status
// asked for (any without one) whose draft matches the filters.
func (q *request) drafted(a *Article) bool {
	st := q.r.URL.Query().Get("status")
	return (st == "" || a.Status() == st) && q.matches(a, a.Draft)
}

// writeList answers a list endpoint with the page of the articles keep
// picks, each shown by view, in the list envelope (SKILL.md, "Response
// Shapes").
func (s *Server) writeList(q *request, keep func(*Article) bool, view func(*Article, bool) articleJSON, path string) {
	var picked []*Article
	var ids []string
	for _, a := range s.articles {
		if keep(a) {
			picked = append(picked, a)
			ids = append(ids, a.ID)
		}
	}
	from, to, more, ok := q.page(ids)
	if !ok {
		return
	}
	data := []articleJSON{}
	for _, a := range picked[from:to] {
		data = append(data, view(a, q.expandContent()))
	}
	writeJSON(q.w, http.StatusOK, listJSON{Object: "list", Data: data, HasMore: more, Count: len(data), URL: s.listURL(path)})
}

// writeCount answers a count endpoint with how many articles keep picks,
// in the count envelope, which echoes the filters (SKILL.md, "Response
// Shapes"); status is nil where the endpoint takes none.
func (s *Server) writeCount(q *request, keep func(*Article) bool, path string, status *string) {
	n := 0
	for _, a := range s.articles {
		if keep(a) {
			n++
		}
	}
	writeJSON(q.w, http.StatusOK, countJSON{Object: "count", Total: n, URL: s.listURL(path),
		Filters: map[string]*string{"category": filterValue(q, "category"), "search": filterValue(q, "search"), "status": status}})
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
		if s.findCategory(q, *in.CategoryID) == nil {
			return
		}
		a.CategoryID = *in.CategoryID
	case len(s.categories) > 0:
		a.CategoryID = s.categories[0].ID
	}
	if in.Metadata != nil && !in.Metadata.SEO.replace(q, &a.SEO) {
		return
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
		a.Published = publish(&a.Draft, &a.Slug)
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

// publish makes the draft the live version, and generates the slug from
// the title when there is none (SKILL.md, "Publish Article", "Publish
// Translation"). It returns the live version.
func publish(draft *Version, slug *string) *Version {
	live := Version{Title: draft.Title, HTML: sanitize(draft.HTML)}
	*draft = live
	if *slug == "" {
		*slug = slugify(live.Title)
	}
	return &live
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

// draftPatch is the body of the two draft PATCH endpoints: title, html
// or both (SKILL.md, "Update Draft", "Update Translation Draft").
type draftPatch struct {
	Title *string `json:"title"`
	HTML  *string `json:"html"`
}

// decode reads the body, which must carry at least one of the two.
func (in *draftPatch) decode(q *request) bool {
	if !q.decode(in) {
		return false
	}
	if in.Title == nil && in.HTML == nil {
		writeError(q.w, http.StatusBadRequest, "missing_required_field", "title or html is required")
		return false
	}
	return true
}

// apply writes what the patch carries into a draft, sanitising the HTML.
func (in *draftPatch) apply(draft *Version) {
	if in.Title != nil {
		draft.Title = *in.Title
	}
	if in.HTML != nil {
		draft.HTML = sanitize(*in.HTML)
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
	var in draftPatch
	if !in.decode(q) {
		return
	}
	in.apply(&a.Draft)
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
	if in.Category != nil && s.findCategory(q, *in.Category) == nil {
		return
	}
	if !in.SEO.replace(q, &a.SEO) {
		return
	}
	if in.Category != nil {
		a.CategoryID = *in.Category
	}
	if in.Subtitle != nil {
		a.Subtitle = *in.Subtitle
	}
	if in.Slug != nil {
		a.Slug = *in.Slug
	}
	a.UpdatedAt = s.now().UTC()
	writeJSON(q.w, http.StatusOK, s.draftView(a, false))
}
