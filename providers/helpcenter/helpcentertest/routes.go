package helpcentertest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// request is one authorised call on the center, with the path segments
// after /v0/centers/{centerId}.
type request struct {
	w    http.ResponseWriter
	r    *http.Request
	segs []string
}

// route is one endpoint: the scope it needs and its handler.
type route struct {
	scope  string
	handle func(s *Server, q *request)
}

// routeFor finds the endpoint for method and the segments after the
// center id. The table is SKILL.md's "API Quick Reference"; the scopes
// are the ones it lists per endpoint.
func routeFor(method string, segs []string) (route, bool) {
	n := len(segs)
	at := func(i int, want string) bool { return i < n && segs[i] == want }
	switch {
	case n == 0:
		return on(method, "GET", ScopeRead, (*Server).getCenter)
	case segs[0] != "articles":
		return route{}, false
	case n == 1:
		switch method {
		case "GET":
			return route{ScopeRead, (*Server).listArticles}, true
		case "POST":
			return route{ScopeWrite, (*Server).createArticle}, true
		}
	case n == 2 && at(1, "count"):
		return on(method, "GET", ScopeRead, (*Server).countArticles)
	case n == 2 && at(1, "drafts"):
		return on(method, "GET", ScopeRead, (*Server).listDrafts)
	case n == 3 && at(1, "drafts") && at(2, "count"):
		return on(method, "GET", ScopeRead, (*Server).countDrafts)
	case n == 2 && at(1, "categories"):
		switch method {
		case "GET":
			return route{ScopeRead, (*Server).listCategories}, true
		case "POST":
			return route{ScopeWrite, (*Server).createCategory}, true
		}
	case n == 3 && at(1, "categories"):
		switch method {
		case "PATCH":
			return route{ScopeWrite, (*Server).updateCategory}, true
		case "DELETE":
			return route{ScopeDelete, (*Server).deleteCategory}, true
		}
	case n == 2 && at(1, "images"):
		return on(method, "POST", ScopeWrite, (*Server).uploadImage)
	case n == 2:
		switch method {
		case "GET":
			return route{ScopeRead, (*Server).getArticle}, true
		case "DELETE":
			return route{ScopeDelete, (*Server).deleteArticle}, true
		}
	case n == 3 && (at(2, "publish") || at(2, "unpublish")):
		return on(method, "POST", ScopePublish, (*Server).publishArticle)
	case n == 3 && at(2, "duplicate"):
		return on(method, "POST", ScopeWrite, (*Server).duplicateArticle)
	case n == 3 && at(2, "draft"):
		switch method {
		case "GET":
			return route{ScopeRead, (*Server).getDraft}, true
		case "PATCH":
			return route{ScopeWrite, (*Server).updateDraft}, true
		}
	case n == 4 && at(2, "draft") && at(3, "discard"):
		return on(method, "POST", ScopeWrite, (*Server).discardDraft)
	case n == 3 && at(2, "metadata"):
		return on(method, "PATCH", ScopeWrite, (*Server).updateMetadata)
	case n == 3 && at(2, "images"):
		return on(method, "POST", ScopeWrite, (*Server).uploadImage)
	case n == 4 && at(2, "translations"):
		switch method {
		case "GET":
			return route{ScopeRead, (*Server).getTranslation}, true
		case "DELETE":
			return route{ScopeDelete, (*Server).deleteTranslation}, true
		}
	case n == 5 && at(2, "translations") && at(4, "draft"):
		switch method {
		case "GET":
			return route{ScopeRead, (*Server).getTranslationDraft}, true
		case "PATCH":
			return route{ScopeWrite, (*Server).updateTranslationDraft}, true
		}
	case n == 5 && at(2, "translations") && at(4, "metadata"):
		return on(method, "PATCH", ScopeWrite, (*Server).updateTranslationMetadata)
	case n == 5 && at(2, "translations") && (at(4, "publish") || at(4, "unpublish")):
		return on(method, "POST", ScopePublish, (*Server).publishTranslation)
	}
	return route{}, false
}

func on(method, want, scope string, h func(*Server, *request)) (route, bool) {
	if method != want {
		return route{}, false
	}
	return route{scope, h}, true
}

// serve authenticates, finds the center and the endpoint, checks the
// key's scope, then runs the handler under the state lock.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	rest, ok := strings.CutPrefix(r.URL.Path, "/v0/centers/")
	if !ok {
		writeError(w, http.StatusNotFound, "endpoint_not_found", "The requested API endpoint does not exist")
		return
	}
	segs := strings.Split(strings.Trim(rest, "/"), "/")
	s.mu.Lock()
	defer s.mu.Unlock()

	// "401 - Invalid or missing API key" (helpcenter-articles.txt, "Error
	// Handling"); code invalid_api_key (SKILL.md, "Error Response").
	key, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	scopes, known := s.keys[key]
	if !ok || !known {
		writeError(w, http.StatusUnauthorized, "invalid_api_key", "API key is invalid or missing")
		return
	}
	if segs[0] != s.center.ID {
		writeError(w, http.StatusNotFound, "not_found", fmt.Sprintf("Center %s not found", segs[0]))
		return
	}
	rt, ok := routeFor(r.Method, segs[1:])
	if !ok {
		writeError(w, http.StatusNotFound, "endpoint_not_found", "The requested API endpoint does not exist")
		return
	}
	// Undocumented: the scope is checked before the resource is looked
	// up, as authorisation middleware does, so a key lacking a scope gets
	// 403 insufficient_scope even for an id that does not exist.
	if !scopes[rt.scope] {
		writeError(w, http.StatusForbidden, "insufficient_scope", fmt.Sprintf("You do not have the '%s' scope", rt.scope))
		return
	}
	rt.handle(s, &request{w: w, r: r, segs: segs[1:]})
}

// errorBody is the documented error envelope (SKILL.md, "Error Response").
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Type    string `json:"type"`
	Message string `json:"message"`
	Code    string `json:"code"`
	// ArticleIDs lists the articles blocking a category delete
	// ("The error response includes the IDs of articles blocking
	// deletion", SKILL.md, "Delete Category"). Undocumented: its name.
	ArticleIDs []string `json:"article_ids,omitempty"`
}

func writeError(w http.ResponseWriter, status int, code, msg string) {
	writeJSON(w, status, errorBody{Error: errorDetail{Type: "invalid_request_error", Message: msg, Code: code}})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// decode reads a JSON body into v, answering 400 when it is not JSON.
func (q *request) decode(v any) bool {
	if err := json.NewDecoder(q.r.Body).Decode(v); err != nil {
		writeError(q.w, http.StatusBadRequest, "invalid_json", "Request body must be valid JSON: "+err.Error())
		return false
	}
	return true
}

func (q *request) expandContent() bool {
	for _, v := range q.r.URL.Query()["expand[]"] {
		if v == "content" {
			return true
		}
	}
	return false
}

// timestamp formats times the way the API does: "2024-01-01T00:00:00.000Z".
func timestamp(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.UTC().Format("2006-01-02T15:04:05.000Z")
	return &s
}
