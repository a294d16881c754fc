package zendesktest

import (
	"fmt"
	"net/http"
	"strings"
)

func (s *Server) liveArticle(w http.ResponseWriter, id int64) *Article {
	a := s.articles[id]
	if a == nil || a.Archived {
		notFound(w)
		return nil
	}
	return a
}

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
	pg, ok := paginate(w, r, len(list), pageOpts{maxSize: 100, defaultSize: 30})
	if !ok {
		return
	}
	ts := make([]map[string]any, 0, pg.end-pg.start)
	for _, t := range list[pg.start:pg.end] {
		ts = append(ts, translationJSON(s.base(r), t))
	}
	out := pg.fields
	out["translations"] = ts
	writeJSON(w, http.StatusOK, out)
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
	if !s.enabled(l) {
		invalid(w, "locale", "InvalidValue", fmt.Sprintf("Locale %s is not enabled for this Help Center", l))
		return
	}
	if a.Translations[l] != nil {
		invalid(w, "locale", "DuplicateValue", fmt.Sprintf("Locale %s has already been taken", l))
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
		l := strings.ToLower(*in.Locale)
		if !s.enabled(l) {
			invalid(w, "locale", "InvalidValue", fmt.Sprintf("Locale %s is not enabled for this Help Center", l))
			return
		}
		if a.Translations[l] != nil {
			invalid(w, "locale", "DuplicateValue", fmt.Sprintf("Locale %s has already been taken", l))
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
