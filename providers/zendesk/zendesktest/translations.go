package zendesktest

import (
	"fmt"
	"net/http"
	"strings"
)

// listTranslations implements List Translations with its locales, draft
// and outdated filters (doc: zendesk-translations.txt).
func (s *Server) listTranslations(w http.ResponseWriter, r *http.Request, id int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.liveArticle(w, id)
	if a == nil {
		return
	}
	q := r.URL.Query()
	var only map[string]bool
	if v := q.Get("locales"); v != "" {
		only = map[string]bool{}
		for _, l := range strings.Split(v, ",") {
			only[strings.ToLower(strings.TrimSpace(l))] = true
		}
	}
	var list []*Translation
	for _, l := range a.locales() {
		t := a.Translations[l]
		if only != nil && !only[l] {
			continue
		}
		if v := q.Get("draft"); v != "" && (v == "true") != t.Draft {
			continue
		}
		if v := q.Get("outdated"); v != "" && (v == "true") != t.Outdated {
			continue
		}
		list = append(list, t)
	}
	writePage(w, r, list, pageOpts{maxSize: 100, defaultSize: 30}, "translations", func(t *Translation) map[string]any {
		return translationJSON(s.base(r), t)
	})
}

func (s *Server) showTranslation(w http.ResponseWriter, r *http.Request, id int64, locale string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.liveArticle(w, id)
	if a == nil {
		return
	}
	t := a.Translations[locale]
	if t == nil {
		notFound(w)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"translation": translationJSON(s.base(r), t)})
}

// createTranslation implements Create Translation (doc:
// zendesk-translations.txt): the locale must be enabled and differ from
// every existing translation's; a title is required. Bodies are stored
// after Help Center's unsafe-HTML stripping.
func (s *Server) createTranslation(w http.ResponseWriter, r *http.Request, id int64) {
	var req struct {
		Translation *translationInput `json:"translation"`
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
	in := req.Translation
	switch {
	case in == nil:
		badRequest(w, "translation", "is required")
		return
	case in.Locale == nil || *in.Locale == "":
		badRequest(w, "locale", "can't be blank")
		return
	case in.Title == nil || strings.TrimSpace(*in.Title) == "":
		badRequest(w, "title", "can't be blank")
		return
	}
	l := strings.ToLower(*in.Locale)
	if !s.checkNewLocale(w, a, l) {
		return
	}
	now := s.now()
	t := &Translation{
		ID: s.id(), ArticleID: a.ID, Locale: l, Title: *in.Title, Body: s.sanitize(deref(in.Body)),
		Draft: in.Draft != nil && *in.Draft, Outdated: in.Outdated != nil && *in.Outdated,
		CreatedAt: now, UpdatedAt: now,
	}
	a.Translations[l] = t
	writeJSON(w, http.StatusCreated, map[string]any{"translation": translationJSON(s.base(r), t)})
}

// updateTranslation implements Update Translation (doc:
// zendesk-translations.txt). A PUT that changes nothing leaves updated_at
// alone (doc: NOTES.md).
func (s *Server) updateTranslation(w http.ResponseWriter, r *http.Request, id int64, locale string) {
	var req struct {
		Translation *translationInput `json:"translation"`
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
	t := a.Translations[locale]
	if t == nil {
		notFound(w)
		return
	}
	in := req.Translation
	if in == nil {
		badRequest(w, "translation", "is required")
		return
	}
	if in.Title != nil && strings.TrimSpace(*in.Title) == "" {
		badRequest(w, "title", "can't be blank")
		return
	}
	if in.Locale != nil && !strings.EqualFold(*in.Locale, locale) {
		if !s.checkNewLocale(w, a, strings.ToLower(*in.Locale)) {
			return
		}
	}
	before := *t
	if in.Title != nil {
		t.Title = *in.Title
	}
	if in.Body != nil {
		t.Body = s.sanitize(*in.Body)
	}
	if in.Draft != nil {
		t.Draft = *in.Draft
	}
	// outdated is a writable property of a translation, stored as sent
	// (zendesk-translations.txt: "outdated boolean", read-only false).
	if in.Outdated != nil {
		t.Outdated = *in.Outdated
	}
	if in.Locale != nil && !strings.EqualFold(*in.Locale, locale) {
		l := strings.ToLower(*in.Locale)
		delete(a.Translations, locale)
		t.Locale = l
		a.Translations[l] = t
		if a.SourceLocale == locale {
			a.SourceLocale = l
		}
	}
	if *t != before {
		t.UpdatedAt = s.now()
		a.UpdatedAt = t.UpdatedAt
	}
	writeJSON(w, http.StatusOK, map[string]any{"translation": translationJSON(s.base(r), t)})
}

// checkNewLocale refuses to give article a a translation in locale l
// unless l is enabled and a has no l translation yet (doc:
// zendesk-translations.txt, Create Translation). The caller holds s.mu.
func (s *Server) checkNewLocale(w http.ResponseWriter, a *Article, l string) bool {
	if !s.checkEnabled(w, "locale", l) {
		return false
	}
	if a.Translations[l] != nil {
		invalid(w, "locale", "DuplicateValue", fmt.Sprintf("Locale %s has already been taken", l))
		return false
	}
	return true
}

// deleteTranslation implements Delete Translation: 204, unless it is the
// only translation of the article (doc: zendesk-translations.txt). The
// source translation cannot go either: the article in its source locale
// is the article (doc: Update Article Source Locale, "the article in the
// previous source locale becomes a translation, which you can delete").
func (s *Server) deleteTranslation(w http.ResponseWriter, tid int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, a := range s.articles {
		if a.Archived {
			continue
		}
		for l, t := range a.Translations {
			if t.ID != tid {
				continue
			}
			switch {
			case len(a.Translations) == 1:
				invalid(w, "base", "InvalidValue", "Cannot delete the only translation of an article")
				return
			case l == a.SourceLocale:
				invalid(w, "base", "InvalidValue", "Cannot delete the source translation of an article; change the source locale first")
				return
			}
			delete(a.Translations, l)
			a.UpdatedAt = s.now()
			w.WriteHeader(http.StatusNoContent)
			return
		}
	}
	notFound(w)
}
