package zendesktest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"time"
)

// Redirect rules, modelled on the Help Center API reference "Redirect
// Rules" (https://developer.zendesk.com/api-reference/help_center/help-center-api/redirect_rules/;
// not among the references in shared/api, so this file cites that page
// as read, and says where it is silent):
//
//   - JSON format: brand_id, created_at, id (a string, "Automatically
//     assigned", a ULID in the examples), redirect_from ("Must begin
//     with '/'. Omit any slug"), redirect_status (a string: "301",
//     "302", "303", "307" or "308"), redirect_to ("Must begin with
//     'https://', 'http://', or '/'"), updated_at.
//   - GET /api/v2/guide/redirect_rules: "Cursor pagination only", list
//     key records with meta {after_cursor, before_cursor, has_more};
//     sort one of id, -id, redirect_from, -redirect_from;
//     filter[redirect_from_prefix] (the curl sample).
//   - GET /api/v2/guide/redirect_rules/{id}: {"redirect_rule": {...}}.
//   - POST /api/v2/guide/redirect_rules: "Creates or updates a redirect
//     rule for the URL specified in redirect_from"; 204 No Content.
//   - DELETE /api/v2/guide/redirect_rules/{id}: 204 No Content.
//   - Errors: the 403 sample is the guide error shape; the reference
//     shows no validation error, so a bad field is a 400 in that shape
//     (assumed).
//   - "to redirect an article URL, the article must be archived or
//     deleted": the fake's article pages follow a rule only when they
//     would answer 404.
//
// The page size limit is not stated for this endpoint; 100, the Help
// Center API's cursor limit (NOTES.md), is assumed, with 30 by default
// ("By default, returns 30 redirect rules per page").

// RedirectRule is a stored redirect rule.
type RedirectRule struct {
	ID             string
	BrandID        string
	RedirectFrom   string
	RedirectTo     string
	RedirectStatus string
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// redirectStatuses are the allowed redirect_status values.
var redirectStatuses = map[string]bool{"301": true, "302": true, "303": true, "307": true, "308": true}

// fakeBrandID is the one brand the fake's help center belongs to.
const fakeBrandID = "360000000001"

// Redirects returns the stored rules sorted by redirect_from, for tests.
func (s *Server) Redirects() []RedirectRule {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]RedirectRule, 0, len(s.redirects))
	for _, r := range s.redirects {
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].RedirectFrom < out[j].RedirectFrom })
	return out
}

// AddRedirect stores a rule as an admin would in Guide, for tests.
func (s *Server) AddRedirect(from, to string) RedirectRule {
	s.mu.Lock()
	defer s.mu.Unlock()
	return *s.setRedirect(from, to, "301")
}

// setRedirect creates the rule of from or updates it. The caller holds mu.
func (s *Server) setRedirect(from, to, status string) *RedirectRule {
	if s.redirects == nil {
		s.redirects = map[string]*RedirectRule{}
	}
	now := s.now().UTC()
	for _, r := range s.redirects {
		if r.RedirectFrom == from {
			r.RedirectTo, r.RedirectStatus, r.UpdatedAt = to, status, now
			return r
		}
	}
	s.nextRedirect++
	// A ULID's shape: 26 Crockford base-32 characters.
	id := fmt.Sprintf("01GFXGBX7Y%016d", s.nextRedirect)
	r := &RedirectRule{ID: id, BrandID: fakeBrandID, RedirectFrom: from, RedirectTo: to, RedirectStatus: status, CreatedAt: now, UpdatedAt: now}
	s.redirects[id] = r
	return r
}

func redirectJSON(r *RedirectRule) map[string]any {
	return map[string]any{
		"brand_id": r.BrandID, "id": r.ID, "redirect_from": r.RedirectFrom, "redirect_to": r.RedirectTo,
		"redirect_status": r.RedirectStatus,
		"created_at":      r.CreatedAt.Format("2006-01-02T15:04:05.000Z"), "updated_at": r.UpdatedAt.Format("2006-01-02T15:04:05.000Z"),
	}
}

func (s *Server) listRedirects(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q := r.URL.Query()
	prefix := q.Get("filter[redirect_from_prefix]")
	var list []*RedirectRule
	for _, rr := range s.redirects {
		if strings.HasPrefix(rr.RedirectFrom, prefix) {
			list = append(list, rr)
		}
	}
	sortBy := q.Get("sort")
	desc := strings.HasPrefix(sortBy, "-")
	switch strings.TrimPrefix(sortBy, "-") {
	case "", "id":
		sort.Slice(list, func(i, j int) bool { return (list[i].ID < list[j].ID) != desc })
	case "redirect_from":
		sort.Slice(list, func(i, j int) bool { return (list[i].RedirectFrom < list[j].RedirectFrom) != desc })
	default:
		guideError(w, http.StatusBadRequest, "BadRequest", "Invalid sort")
		return
	}
	writePage(w, r, list, pageOpts{cursorOnly: true, maxSize: 100, defaultSize: 30}, "records", redirectJSON)
}

func (s *Server) showRedirect(w http.ResponseWriter, id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rr := s.redirects[id]
	if rr == nil {
		guideError(w, http.StatusNotFound, "NotFound", "The Resource could not be found")
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"redirect_rule": redirectJSON(rr)})
}

func (s *Server) postRedirect(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Rule *struct {
			From   string          `json:"redirect_from"`
			To     string          `json:"redirect_to"`
			Status json.RawMessage `json:"redirect_status"`
		} `json:"redirect_rule"`
	}
	if !decode(w, r, &req) {
		return
	}
	if req.Rule == nil {
		guideError(w, http.StatusBadRequest, "BadRequest", "redirect_rule is required")
		return
	}
	status := strings.Trim(string(req.Rule.Status), `"`)
	switch {
	case !strings.HasPrefix(req.Rule.From, "/"):
		guideError(w, http.StatusBadRequest, "BadRequest", "redirect_from must begin with '/'")
		return
	case !strings.HasPrefix(req.Rule.To, "https://") && !strings.HasPrefix(req.Rule.To, "http://") && !strings.HasPrefix(req.Rule.To, "/"):
		guideError(w, http.StatusBadRequest, "BadRequest", "redirect_to must begin with 'https://', 'http://', or '/'")
		return
	case !redirectStatuses[status]:
		guideError(w, http.StatusBadRequest, "BadRequest", "redirect_status must be one of 301, 302, 303, 307, 308")
		return
	}
	s.mu.Lock()
	s.setRedirect(req.Rule.From, req.Rule.To, status)
	s.mu.Unlock()
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) deleteRedirect(w http.ResponseWriter, id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.redirects[id] == nil {
		guideError(w, http.StatusNotFound, "NotFound", "The Resource could not be found")
		return
	}
	delete(s.redirects, id)
	w.WriteHeader(http.StatusNoContent)
}

// followRedirect answers a page request that would be a 404 with the
// rule of its path, if any (the reference: rules apply to "URLs that
// return an HTTP 404 response"; redirect_from omits the slug). The
// caller holds mu.
func (s *Server) followRedirect(w http.ResponseWriter, r *http.Request, path string) bool {
	for _, rr := range s.redirects {
		if rr.RedirectFrom == path {
			code := http.StatusMovedPermanently
			fmt.Sscan(rr.RedirectStatus, &code)
			http.Redirect(w, r, rr.RedirectTo, code)
			return true
		}
	}
	return false
}
