package zendesktest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// helpCenterResources are the first path segments after
// /api/v2/help_center/ that name a resource; anything else there is a
// locale, since every help_center path also exists with /{locale}/ in
// that place (doc: NOTES.md, Zendesk paths).
var helpCenterResources = map[string]bool{
	"articles": true, "sections": true, "categories": true, "locales": true,
	"translations": true, "user_segments": true, "incremental": true,
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	// Attachment content URLs are public, like the articles that show
	// them; the API needs credentials.
	if r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, "/hc/article_attachments/") {
		s.serveAttachment(w, r)
		return
	}
	// Article pages are public too: links between articles lead there.
	if r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, "/hc/") && s.servePage(w, r) {
		return
	}
	// Zendesk answers 401 to missing or wrong credentials (seen: NOTES.md);
	// the fake serves no anonymous reads, which hcsync never makes.
	who := s.authenticate(r)
	if who == anonymous {
		unauthorized(w)
		return
	}
	if r.Method != http.MethodGet && who != agent {
		forbidden(w)
		return
	}
	// A .json suffix is accepted on every path (doc: NOTES.md).
	p := strings.TrimSuffix(r.URL.Path, ".json")
	switch {
	case strings.HasPrefix(p, "/api/v2/help_center/"):
		parts := strings.Split(strings.Trim(strings.TrimPrefix(p, "/api/v2/help_center/"), "/"), "/")
		locale := ""
		if !helpCenterResources[parts[0]] {
			locale, parts = strings.ToLower(parts[0]), parts[1:]
		}
		s.helpCenter(w, r, locale, parts)
	case p == "/api/v2/users/me" && r.Method == http.MethodGet:
		s.showSelf(w, r, who)
	case strings.HasPrefix(p, "/api/v2/guide/"):
		s.guide(w, r, strings.Split(strings.Trim(strings.TrimPrefix(p, "/api/v2/guide/"), "/"), "/"))
	default:
		notFound(w)
	}
}

// match reports whether parts has the shape of pattern, where "*"
// matches any one segment.
func match(parts []string, pattern ...string) bool {
	if len(parts) != len(pattern) {
		return false
	}
	for i, p := range pattern {
		if p != "*" && p != parts[i] {
			return false
		}
	}
	return true
}

func (s *Server) helpCenter(w http.ResponseWriter, r *http.Request, locale string, parts []string) {
	m := r.Method
	switch {
	case match(parts, "locales") && m == http.MethodGet:
		s.listLocales(w)
	case match(parts, "articles") && m == http.MethodGet:
		s.listArticles(w, r, locale, 0)
	case match(parts, "articles", "attachments") && m == http.MethodPost:
		s.createAttachment(w, r, 0)
	case match(parts, "articles", "*"):
		id, ok := parseID(w, parts[1])
		if !ok {
			return
		}
		switch m {
		case http.MethodGet:
			s.showArticle(w, r, locale, id)
		case http.MethodPut:
			s.updateArticle(w, r, locale, id)
		case http.MethodDelete:
			s.archiveArticle(w, id)
		default:
			notFound(w)
		}
	case match(parts, "articles", "*", "source_locale") && m == http.MethodPut:
		if id, ok := parseID(w, parts[1]); ok {
			s.updateSourceLocale(w, r, id)
		}
	case match(parts, "articles", "*", "attachments") && m == http.MethodPost:
		if id, ok := parseID(w, parts[1]); ok {
			s.createAttachment(w, r, id)
		}
	case match(parts, "articles", "*", "attachments") && m == http.MethodGet:
		if id, ok := parseID(w, parts[1]); ok {
			s.listAttachments(w, r, id)
		}
	case match(parts, "articles", "*", "translations"):
		id, ok := parseID(w, parts[1])
		if !ok {
			return
		}
		switch m {
		case http.MethodGet:
			s.listTranslations(w, r, id)
		case http.MethodPost:
			s.createTranslation(w, r, id)
		default:
			notFound(w)
		}
	case match(parts, "articles", "*", "translations", "*"):
		id, ok := parseID(w, parts[1])
		if !ok {
			return
		}
		switch m {
		case http.MethodGet:
			s.showTranslation(w, r, id, strings.ToLower(parts[3]))
		case http.MethodPut:
			s.updateTranslation(w, r, id, strings.ToLower(parts[3]))
		default:
			notFound(w)
		}
	case match(parts, "translations", "*") && m == http.MethodDelete:
		if id, ok := parseID(w, parts[1]); ok {
			s.deleteTranslation(w, id)
		}
	case match(parts, "sections") && m == http.MethodGet:
		s.listSections(w, r, 0)
	case match(parts, "sections", "*") && m == http.MethodGet:
		if id, ok := parseID(w, parts[1]); ok {
			s.showSection(w, r, id)
		}
	case match(parts, "sections", "*") && m == http.MethodPut:
		if id, ok := parseID(w, parts[1]); ok {
			s.updateSection(w, r, id)
		}
	case (match(parts, "sections", "*", "translations", "*") || match(parts, "categories", "*", "translations", "*")) && m == http.MethodPut:
		if id, ok := parseID(w, parts[1]); ok {
			s.updateContainerTranslation(w, r, parts[0], id, strings.ToLower(parts[3]))
		}
	case match(parts, "sections", "*", "articles"):
		id, ok := parseID(w, parts[1])
		if !ok {
			return
		}
		switch m {
		case http.MethodGet:
			s.listArticles(w, r, locale, id)
		case http.MethodPost:
			s.createArticle(w, r, locale, id)
		default:
			notFound(w)
		}
	case match(parts, "categories"):
		switch m {
		case http.MethodGet:
			s.listCategories(w, r)
		case http.MethodPost:
			s.createCategory(w, r, locale)
		default:
			notFound(w)
		}
	case match(parts, "categories", "*") && m == http.MethodGet:
		if id, ok := parseID(w, parts[1]); ok {
			s.showCategory(w, r, id)
		}
	case match(parts, "categories", "*") && m == http.MethodPut:
		if id, ok := parseID(w, parts[1]); ok {
			s.updateCategory(w, r, id)
		}
	case match(parts, "categories", "*", "sections"):
		id, ok := parseID(w, parts[1])
		if !ok {
			return
		}
		switch m {
		case http.MethodGet:
			s.listSections(w, r, id)
		case http.MethodPost:
			s.createSection(w, r, locale, id)
		default:
			notFound(w)
		}
	case match(parts, "user_segments") && m == http.MethodGet:
		s.listSegments(w, r)
	default:
		notFound(w)
	}
}

func (s *Server) guide(w http.ResponseWriter, r *http.Request, parts []string) {
	m := r.Method
	switch {
	case match(parts, "permission_groups") && m == http.MethodGet:
		s.listGroups(w, r)
	case match(parts, "content_tags") && m == http.MethodGet:
		s.listTags(w, r)
	case match(parts, "content_tags") && m == http.MethodPost:
		s.createTag(w, r)
	case match(parts, "content_tags", "*") && m == http.MethodGet:
		s.showTag(w, parts[1])
	case match(parts, "redirect_rules") && m == http.MethodGet:
		s.listRedirects(w, r)
	case match(parts, "redirect_rules") && m == http.MethodPost:
		s.postRedirect(w, r)
	case match(parts, "redirect_rules", "*") && m == http.MethodGet:
		s.showRedirect(w, parts[1])
	case match(parts, "redirect_rules", "*") && m == http.MethodDelete:
		s.deleteRedirect(w, parts[1])
	default:
		guideError(w, http.StatusNotFound, "NotFound", "The Resource could not be found")
	}
}

// parseID reads a numeric id from the path; Zendesk answers 404 for ids
// that are not numbers (seen).
func parseID(w http.ResponseWriter, v string) (int64, bool) {
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		notFound(w)
		return 0, false
	}
	return id, true
}

// decode reads a JSON request body; a body that is not JSON is a 400
// (seen).
func decode(w http.ResponseWriter, r *http.Request, v any) bool {
	if err := json.NewDecoder(r.Body).Decode(v); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "InvalidJSON", "description": "The request body is not valid JSON: " + err.Error()})
		return false
	}
	return true
}

// enabled reports whether locale is enabled; the caller holds s.mu.
func (s *Server) enabled(locale string) bool {
	for _, l := range s.locales {
		if l == locale {
			return true
		}
	}
	return false
}

// checkEnabled answers 422 unless locale is enabled: every write that
// names a locale needs an enabled one (doc: zendesk-translations.txt,
// zendesk-articles.txt). The caller holds s.mu.
func (s *Server) checkEnabled(w http.ResponseWriter, field, locale string) bool {
	if s.enabled(locale) {
		return true
	}
	invalid(w, field, "InvalidValue", fmt.Sprintf("Locale %s is not enabled for this Help Center", locale))
	return false
}

func (s *Server) listLocales(w http.ResponseWriter) {
	s.mu.Lock()
	defer s.mu.Unlock()
	// Shape (doc: zendesk-translations.txt, List Enabled Locales and
	// Default Locale).
	writeJSON(w, http.StatusOK, map[string]any{
		"default_locale": s.defaultLocale,
		"locales":        append([]string(nil), s.locales...),
	})
}

func (s *Server) base(r *http.Request) string { return "http://" + r.Host }

// showSelf implements Show Self, GET /api/v2/users/me (doc: Zendesk
// Support API, Users): the authenticated user with its role, end-user,
// agent or admin.
func (s *Server) showSelf(w http.ResponseWriter, r *http.Request, who role) {
	user := map[string]any{"id": s.agentID, "email": s.opts.Email, "name": "Fake Agent", "role": "admin"}
	if who == endUser {
		s.mu.Lock()
		email := s.endUsers[r.Header.Get("Authorization")]
		s.mu.Unlock()
		user = map[string]any{"id": s.agentID + 1, "email": email, "name": "Fake End User", "role": "end-user"}
	}
	writeJSON(w, http.StatusOK, map[string]any{"user": user})
}
