// Package intercomtest is a fake of Intercom's Articles and Help Center
// collections API (version 2.15), for adapter and end-to-end tests.
//
// It behaves like the documented API (intercom-articles.txt and
// intercom-openapi-2.15.yaml in ../shared/api, and the Intercom section of
// NOTES.md there): bearer auth answering 401 with Intercom's error list,
// required fields, the supported-HTML rules with their 400s,
// translated_content merge semantics, page/per_page pagination, rate
// limit headers with 429, fault injection and a request log. Where the
// documentation is silent the fake makes a choice and says so in a
// comment marked "decided".
//
// The fake is seedable (AddCollection, AddArticle) and exposes its state
// (Articles, Collections) for assertions.
package intercomtest

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/hcsync/hcsync/providers/fakeserver"
)

// Options configures a Server. The zero value is a multilingual
// workspace with default locale en, additional fr and de, one teammate
// and the documented rate limit.
type Options struct {
	Token         string // the valid access token; default "intercom-test-token"
	Admins        []int  // teammate ids accepted as author_id; default {991267497}
	DefaultLocale string // workspace default; default "en"
	// Locales are the help center's languages, the default included;
	// default en, fr, de. A single one makes a single-language help
	// center, whose articles and collections come without
	// default_locale ("This field is only returned for multilingual
	// help centers", the article and collection models of
	// intercom-articles.txt and intercom-openapi-2.15.yaml) and without
	// translated_content, and which refuses a translated_content locale
	// with 400 as any locale it has not enabled (decided: the reference
	// gives no error for it).
	Locales []string
	// RequestsPerMinute is the app's limit; Intercom enforces it in
	// 10-second windows of a sixth each (NOTES.md). Default 1,000; -1 =
	// unlimited.
	RequestsPerMinute int
	// RateWindow is the length of the windows the limit is enforced in;
	// default 10 seconds. Tests shorten it to meet the limit quickly.
	RateWindow time.Duration
	// MaxPerPage caps per_page (decided: 50; the reference gives no cap).
	MaxPerPage int
	// Clock returns the current time; nil = time.Now.
	Clock func() time.Time
}

// Content is one locale of an article as the fake stores it.
type Content struct {
	Title       string
	Description string
	Body        string // as stored: sanitised the way Intercom does
	AuthorID    int
	State       string // published | draft
	CreatedAt   int64
	UpdatedAt   int64
}

// Article is an article as the fake stores it.
type Article struct {
	ID       string
	ParentID string // "" = stands alone
	// Contents by locale; always holds the workspace default.
	Contents  map[string]*Content
	CreatedAt int64
}

// Collection is a collection or (with ParentID) a section.
type Collection struct {
	ID          string
	Name        string
	Description string
	ParentID    string
	Order       int
	CreatedAt   int64
	UpdatedAt   int64
}

// Server is a running fake. Its methods are safe for concurrent use.
type Server struct {
	// Server gives the request log (Requests, Count), fault injection
	// (SetFaults) and Reset, which clears the log and the rate window
	// but not the workspace's articles and collections.
	*fakeserver.Server
	// URL is the base URL to configure the adapter with.
	URL string

	ts   *httptest.Server
	opts Options

	mu          sync.Mutex
	nextID      int
	articles    map[string]*Article
	collections map[string]*Collection
}

// New starts a fake on loopback. Close it when done.
func New(o Options) *Server {
	if o.Token == "" {
		o.Token = "intercom-test-token"
	}
	if len(o.Admins) == 0 {
		o.Admins = []int{991267497}
	}
	if o.DefaultLocale == "" {
		o.DefaultLocale = "en"
	}
	if len(o.Locales) == 0 {
		o.Locales = []string{"en", "fr", "de"}
	}
	if !slices.Contains(o.Locales, o.DefaultLocale) {
		o.Locales = append([]string{o.DefaultLocale}, o.Locales...)
	}
	if o.RequestsPerMinute == 0 {
		o.RequestsPerMinute = 1000
	}
	if o.MaxPerPage <= 0 {
		o.MaxPerPage = 50
	}
	if o.Clock == nil {
		o.Clock = time.Now
	}
	s := &Server{
		opts:        o,
		nextID:      100,
		articles:    map[string]*Article{},
		collections: map[string]*Collection{},
	}
	if o.RateWindow <= 0 {
		o.RateWindow = 10 * time.Second
	}
	limit := 0
	if o.RequestsPerMinute > 0 {
		// "limits are per minute split into 10-second windows (e.g.
		// 1,000/min → 167 per 10 s)" (NOTES.md, Intercom): each window
		// holds its share of the minute's budget, rounded up.
		limit = int((int64(o.RequestsPerMinute)*int64(o.RateWindow) + int64(time.Minute) - 1) / int64(time.Minute))
	}
	s.Server = fakeserver.New(s.routes(), fakeserver.Options{
		Limit:  limit,
		Window: o.RateWindow,
		// X-RateLimit-Limit, -Remaining, and -Reset as a Unix time (NOTES.md).
		Headers: fakeserver.RateHeaders{
			Limit:     "X-RateLimit-Limit",
			Remaining: "X-RateLimit-Remaining",
			Reset:     "X-RateLimit-Reset",
			ResetUnix: true,
		},
		// Over the limit: 429 with an error list of code
		// rate_limit_exceeded (NOTES.md).
		Reject: func(w http.ResponseWriter, _ time.Duration) {
			writeError(w, http.StatusTooManyRequests, "rate_limit_exceeded", "You have exceeded the rate limit. Please try again later.")
		},
		Clock: o.Clock,
	})
	s.ts = httptest.NewServer(s.Server)
	s.URL = s.ts.URL
	return s
}

// Close shuts the fake down.
func (s *Server) Close() { s.ts.Close() }

// Token returns the access token the fake accepts.
func (s *Server) Token() string { return s.opts.Token }

// AuthorID returns a teammate id the fake accepts as author_id.
func (s *Server) AuthorID() int { return s.opts.Admins[0] }

// AddCollection seeds a collection (a section when ParentID is set) and
// returns its id. Zero timestamps are set to now.
func (s *Server) AddCollection(c Collection) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.opts.Clock().Unix()
	if c.ID == "" {
		c.ID = s.newID()
	}
	if c.CreatedAt == 0 {
		c.CreatedAt = now
	}
	if c.UpdatedAt == 0 {
		c.UpdatedAt = c.CreatedAt
	}
	s.collections[c.ID] = &c
	return c.ID
}

// AddArticle seeds an article and returns its id. Zero timestamps are
// set to now, empty states to draft, zero authors to the first admin;
// bodies are stored as given.
func (s *Server) AddArticle(a Article) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.opts.Clock().Unix()
	if a.ID == "" {
		a.ID = s.newID()
	}
	if a.CreatedAt == 0 {
		a.CreatedAt = now
	}
	contents := map[string]*Content{}
	for loc, c := range a.Contents {
		c := *c
		if c.State == "" {
			c.State = "draft"
		}
		if c.AuthorID == 0 {
			c.AuthorID = s.opts.Admins[0]
		}
		if c.CreatedAt == 0 {
			c.CreatedAt = a.CreatedAt
		}
		if c.UpdatedAt == 0 {
			c.UpdatedAt = c.CreatedAt
		}
		contents[loc] = &c
	}
	a.Contents = contents
	s.articles[a.ID] = &a
	return a.ID
}

// Articles returns a copy of every stored article, sorted by id.
func (s *Server) Articles() []Article {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Article, 0, len(s.articles))
	for _, a := range s.articles {
		out = append(out, copyArticle(a))
	}
	slices.SortFunc(out, func(a, b Article) int { return compareIDs(a.ID, b.ID) })
	return out
}

// Article returns a copy of one stored article.
func (s *Server) Article(id string) (Article, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.articles[id]
	if !ok {
		return Article{}, false
	}
	return copyArticle(a), true
}

// Collections returns a copy of every stored collection, sorted by id.
func (s *Server) Collections() []Collection {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Collection, 0, len(s.collections))
	for _, c := range s.collections {
		out = append(out, *c)
	}
	slices.SortFunc(out, func(a, b Collection) int { return compareIDs(a.ID, b.ID) })
	return out
}

func copyArticle(a *Article) Article {
	c := *a
	c.Contents = make(map[string]*Content, len(a.Contents))
	for loc, ct := range a.Contents {
		ct := *ct
		c.Contents[loc] = &ct
	}
	return c
}

// compareIDs orders numeric ids numerically.
func compareIDs(a, b string) int {
	x, errA := strconv.Atoi(a)
	y, errB := strconv.Atoi(b)
	if errA == nil && errB == nil {
		return x - y
	}
	if a < b {
		return -1
	}
	if a > b {
		return 1
	}
	return 0
}

// newID returns the next id; Intercom's ids are numeric strings (NOTES.md).
// Callers hold s.mu.
func (s *Server) newID() string {
	s.nextID++
	return strconv.Itoa(s.nextID)
}

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /articles", s.listArticles)
	mux.HandleFunc("POST /articles", s.createArticle)
	mux.HandleFunc("GET /articles/{id}", s.getArticle)
	mux.HandleFunc("PUT /articles/{id}", s.updateArticle)
	mux.HandleFunc("DELETE /articles/{id}", s.deleteArticle)
	mux.HandleFunc("GET /help_center/collections", s.listCollections)
	mux.HandleFunc("POST /help_center/collections", s.createCollection)
	mux.HandleFunc("GET /help_center/collections/{id}", s.getCollection)
	mux.HandleFunc("PUT /help_center/collections/{id}", s.updateCollection)
	mux.HandleFunc("DELETE /help_center/collections/{id}", s.deleteCollection)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { notFound(w) })
	return s.auth(mux)
}

// auth answers requests without the bearer token with the documented
// 401: {"type": "error.list", "errors": [{"code": "unauthorized",
// "message": "Access Token Invalid"}]} (the 401 examples of every
// operation in intercom-openapi-2.15.yaml).
func (s *Server) auth(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+s.opts.Token {
			writeError(w, http.StatusUnauthorized, "unauthorized", "Access Token Invalid")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// apiError is one entry of Intercom's error list.
type apiError struct {
	Code    string `json:"code"`
	Message string `json:"message,omitempty"`
	Field   string `json:"field,omitempty"`
}

// writeError answers with Intercom's error list body (the error schema
// of intercom-openapi-2.15.yaml and NOTES.md).
func writeError(w http.ResponseWriter, status int, code, msg string) {
	writeJSON(w, status, map[string]any{
		"type":       "error.list",
		"request_id": requestID(),
		"errors":     []apiError{{Code: code, Message: msg}},
	})
}

// notFound is the 404 of an id or path the workspace does not have (the
// 404 examples of retrieveArticle and retrieveCollection in
// intercom-openapi-2.15.yaml).
func notFound(w http.ResponseWriter) {
	writeError(w, http.StatusNotFound, "not_found", "Resource Not Found")
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func requestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}
