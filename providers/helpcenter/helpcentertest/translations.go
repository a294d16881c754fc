package helpcentertest

import (
	"net/http"
	"strings"
)

// translationTarget finds the article and checks the language of a
// translation path (/articles/{a}/translations/{lang}/...). "The
// language must be in the center's additional_languages array, or you'll
// get an error" (helpcenter-articles.txt, "Creating/Updating
// Translations"). Undocumented: the code of that error.
func (s *Server) translationTarget(q *request) (*Article, string) {
	a := s.findArticle(q)
	if a == nil {
		return nil, ""
	}
	lang := q.segs[3]
	if !s.checkLanguage(q, lang) {
		return nil, ""
	}
	return a, lang
}

// checkLanguage answers 400 invalid_language unless lang is one of the
// center's additional languages. Undocumented: the code.
func (s *Server) checkLanguage(q *request, lang string) bool {
	if s.languageEnabled(lang) {
		return true
	}
	writeError(q.w, http.StatusBadRequest, "invalid_language",
		"Language "+lang+" is not one of the center's additional_languages ("+strings.Join(s.center.AdditionalLanguages, ", ")+")")
	return false
}

// findTranslation also answers 404 when the translation does not exist.
func (s *Server) findTranslation(q *request) (*Article, *Translation) {
	a, lang := s.translationTarget(q)
	if a == nil {
		return nil, nil
	}
	t := a.Translations[lang]
	if t == nil {
		writeError(q.w, http.StatusNotFound, "not_found", "Article "+a.ID+" has no "+lang+" translation")
	}
	return a, t
}

// GET /translations/{lang}: the published translation; 404 unless both
// the article and the translation are published (SKILL.md, "Get
// Published Translation").
func (s *Server) getTranslation(q *request) {
	a, t := s.findTranslation(q)
	if t == nil {
		return
	}
	if a.Published == nil || t.Published == nil {
		writeError(q.w, http.StatusNotFound, "not_found", "Translation "+t.Language+" of article "+a.ID+" is not published")
		return
	}
	writeJSON(q.w, http.StatusOK, s.translationView(a, t, false, q.expandContent()))
}

// GET /translations/{lang}/draft (SKILL.md, "Get Draft Translation").
func (s *Server) getTranslationDraft(q *request) {
	a, t := s.findTranslation(q)
	if t == nil {
		return
	}
	writeJSON(q.w, http.StatusOK, s.translationView(a, t, true, q.expandContent()))
}

// PATCH /translations/{lang}/draft creates or updates the translation's
// draft; at least one of title and html (SKILL.md, "Update Translation
// Draft").
func (s *Server) updateTranslationDraft(q *request) {
	a, lang := s.translationTarget(q)
	if a == nil {
		return
	}
	var in draftPatch
	if !in.decode(q) {
		return
	}
	t := a.Translations[lang]
	if t == nil {
		t = &Translation{Language: lang}
		a.Translations[lang] = t
	}
	in.apply(&t.Draft)
	now := s.now().UTC()
	t.UpdatedAt, a.UpdatedAt = now, now
	writeJSON(q.w, http.StatusOK, s.translationView(a, t, true, true))
}

// PATCH /translations/{lang}/metadata: slug and seo (SKILL.md, "Update
// Translation Metadata").
func (s *Server) updateTranslationMetadata(q *request) {
	a, t := s.findTranslation(q)
	if t == nil {
		return
	}
	var in struct {
		Slug *string   `json:"slug"`
		SEO  *seoInput `json:"seo"`
	}
	if !q.decode(&in) {
		return
	}
	if in.Slug == nil && in.SEO == nil {
		writeError(q.w, http.StatusBadRequest, "missing_required_field", "slug or seo is required")
		return
	}
	if !in.SEO.replace(q, &t.SEO) {
		return
	}
	if in.Slug != nil {
		t.Slug = *in.Slug
	}
	t.UpdatedAt = s.now().UTC()
	writeJSON(q.w, http.StatusOK, s.translationView(a, t, true, false))
}

// POST /translations/{lang}/publish and /unpublish. Publishing needs the
// root article published (400 root_not_published) and a title or
// content, and generates a slug from the title when there is none
// (SKILL.md, "Publish Translation", "Unpublish Translation").
func (s *Server) publishTranslation(q *request) {
	a, t := s.findTranslation(q)
	if t == nil {
		return
	}
	now := s.now().UTC()
	if q.segs[4] == "unpublish" {
		t.Published, t.PublishedAt, t.UpdatedAt = nil, never, now
		writeJSON(q.w, http.StatusOK, s.translationView(a, t, true, false))
		return
	}
	if a.Published == nil {
		writeError(q.w, http.StatusBadRequest, "root_not_published", "Cannot publish translation when root article is not published")
		return
	}
	if t.Draft.Title == "" && t.Draft.HTML == "" {
		writeError(q.w, http.StatusBadRequest, "missing_required_field", "The translation needs a title or content to be published")
		return
	}
	t.Published = publish(&t.Draft, &t.Slug)
	t.PublishedAt, t.UpdatedAt = now, now
	writeJSON(q.w, http.StatusOK, s.translationView(a, t, false, false))
}

// DELETE /translations/{lang}: removes draft and published content;
// 204 (SKILL.md, "Delete Translation").
func (s *Server) deleteTranslation(q *request) {
	a, t := s.findTranslation(q)
	if t == nil {
		return
	}
	delete(a.Translations, t.Language)
	a.UpdatedAt = s.now().UTC()
	q.w.WriteHeader(http.StatusNoContent)
}
