package zendesktest

import (
	"encoding/json"
	"net/http"
	"strconv"
)

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// unauthorized answers a request without valid credentials: 401 with
// {"error": "Couldn't authenticate you"} (seen: NOTES.md, Zendesk errors).
func unauthorized(w http.ResponseWriter) {
	w.Header().Set("WWW-Authenticate", `Basic realm="Web Password"`)
	writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "Couldn't authenticate you"})
}

// forbidden answers a write by a user who may not make it (doc: "End
// users can neither create nor edit articles", zendesk-articles.txt; body
// seen from Zendesk's API for users lacking a role).
func forbidden(w http.ResponseWriter) {
	writeJSON(w, http.StatusForbidden, map[string]string{
		"error":       "Forbidden",
		"description": "You do not have access to this page. Please contact the account owner of this help desk for further help.",
	})
}

// notFound is Zendesk's 404 body (seen: NOTES.md, Zendesk errors).
func notFound(w http.ResponseWriter) {
	writeJSON(w, http.StatusNotFound, map[string]string{"error": "RecordNotFound", "description": "Not found"})
}

// badRequest is the 400 shape {"errors": {"field": ["message"]}} (doc:
// BadRequestErrorResponse in Zendesk's Help Center OpenAPI description).
func badRequest(w http.ResponseWriter, field, msg string) {
	writeJSON(w, http.StatusBadRequest, map[string]any{"errors": map[string][]string{field: {msg}}})
}

// invalid is the 422 RecordInvalid shape (seen: NOTES.md, Zendesk
// errors): details map a field to a list of {description, error}.
func invalid(w http.ResponseWriter, field, code, desc string) {
	writeJSON(w, http.StatusUnprocessableEntity, map[string]any{
		"error":       "RecordInvalid",
		"description": "Record validation errors",
		"details": map[string][]map[string]string{
			field: {{"description": desc, "error": code}},
		},
	})
}

// guideError is the error shape of the /api/v2/guide endpoints (doc:
// zendesk-content-tags.txt 400/403/404/422 examples).
func guideError(w http.ResponseWriter, status int, code, title string) {
	writeJSON(w, status, map[string]any{"errors": []map[string]any{{
		"code": code, "meta": map[string]any{}, "status": strconv.Itoa(status), "title": title,
	}}})
}
