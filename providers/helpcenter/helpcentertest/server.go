// Package helpcentertest is a fake of the Help.Center API v0 for tests:
// an in-process HTTP server that behaves like the public documentation
// describes (/work/shared/api/helpcenter-articles.txt, the endpoint
// reference SKILL.md of microdotcompany/helpcenter-skill, and the
// Help.Center section of NOTES.md): bearer keys with scopes, the
// draft / published / published_with_changes lifecycle of articles and
// of each translation, categories with one level of subcategories,
// cursor pagination, HTML sanitising, image upload, the error envelope,
// and a rate limit with X-RateLimit-* headers and 429.
//
// The request log, the rate limiter and fault injection come from
// providers/fakeserver, so tests read Requests and set Faults the same
// way for every provider's fake.
//
// Where the documentation is silent the fake makes a choice and says so
// in a comment starting "Undocumented:".
package helpcentertest

import (
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"sort"
	"sync"
	"time"

	"github.com/hcsync/hcsync/providers/fakeserver"
)

// Options configure a Server. The zero value is a center "ctr_test" on
// help.center with default language "en", additional languages "fr" and
// "de", no keys, and the documented limit of 100 requests per minute
// with bursts up to 200.
type Options struct {
	CenterID            string
	Name                string
	Domain              string // default "support.help.center"
	DefaultLanguage     string
	AdditionalLanguages []string
	// Keys maps API keys to their scopes (see ScopeRead and friends).
	Keys map[string][]string
	// RateLimit is the number of requests allowed per RateWindow;
	// default 100 per minute ("100 requests per minute per API key
	// (burst up to 200)", helpcenter-articles.txt, "Rate Limiting").
	// Tests scale the window down.
	RateLimit  int
	RateWindow time.Duration
	// RateBurst is the most requests a key that has been idle may send
	// at once: the budget is a token bucket of RateBurst refilled at
	// RateLimit per RateWindow. Default twice RateLimit, the documented
	// "burst up to 200" of 100 a minute. Undocumented: that the burst is
	// a bucket rather than two windows' worth at any time; a bucket is
	// the common meaning of a rate with a burst, and the stricter one.
	RateBurst int
	// Now is the fake's clock; default time.Now.
	Now func() time.Time
}

// Server is a running fake Help.Center API.
type Server struct {
	// URL is the base URL to configure as helpcenter.base_url.
	URL string
	// CenterID is the id of the one center the fake holds.
	CenterID string

	http *httptest.Server
	mw   *fakeserver.Server
	now  func() time.Time

	mu         sync.Mutex
	center     center
	keys       map[string]map[string]bool
	categories []*Category // creation order; children after their parent
	articles   []*Article  // creation order
	images     map[string]int
	nextID     int
	nextSlugID int
}

type center struct {
	ID, Name, Domain    string
	DefaultLanguage     string
	AdditionalLanguages []string
	CreatedAt           time.Time
}

// NewServer starts a fake configured by o. Close it when done.
func NewServer(o Options) *Server {
	if o.CenterID == "" {
		o.CenterID = "ctr_test"
	}
	if o.Name == "" {
		o.Name = "Support Center"
	}
	if o.Domain == "" {
		o.Domain = "support.help.center"
	}
	if o.DefaultLanguage == "" {
		o.DefaultLanguage = "en"
	}
	if o.AdditionalLanguages == nil {
		o.AdditionalLanguages = []string{"fr", "de"}
	}
	if o.RateLimit <= 0 {
		o.RateLimit = 100
	}
	if o.RateWindow <= 0 {
		o.RateWindow = time.Minute
	}
	if o.RateBurst <= 0 {
		o.RateBurst = 2 * o.RateLimit
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	s := &Server{
		CenterID: o.CenterID,
		now:      o.Now,
		center: center{
			ID: o.CenterID, Name: o.Name, Domain: o.Domain,
			DefaultLanguage:     o.DefaultLanguage,
			AdditionalLanguages: append([]string(nil), o.AdditionalLanguages...),
			CreatedAt:           o.Now().UTC(),
		},
		keys:       map[string]map[string]bool{},
		images:     map[string]int{},
		nextSlugID: 1000,
	}
	for k, scopes := range o.Keys {
		s.SetKey(k, scopes...)
	}
	s.mw = fakeserver.New(http.HandlerFunc(s.serve), fakeserver.Options{
		Limit:  o.RateLimit,
		Window: o.RateWindow,
		Burst:  o.RateBurst,
		// "Check response headers: X-RateLimit-Limit, X-RateLimit-Remaining,
		// X-RateLimit-Reset" (helpcenter-articles.txt, "Rate Limiting").
		// Undocumented: the unit of X-RateLimit-Reset; Unix seconds here,
		// as the other services hcsync talks to use.
		Headers: fakeserver.RateHeaders{
			Limit:     "X-RateLimit-Limit",
			Remaining: "X-RateLimit-Remaining",
			Reset:     "X-RateLimit-Reset",
			ResetUnix: true,
		},
		// 429 with code rate_limited in the error envelope (SKILL.md,
		// "Error Response"). The documentation names no Retry-After
		// header ("wait until the reset time before retrying"), so the
		// one fakeserver sets is removed: clients must use the reset.
		Reject: func(w http.ResponseWriter, _ time.Duration) {
			w.Header().Del("Retry-After")
			writeError(w, http.StatusTooManyRequests, "rate_limited", "Too many requests, wait and retry")
		},
	})
	s.http = httptest.NewServer(s.mw)
	s.URL = s.http.URL
	return s
}

// Close shuts the server down.
func (s *Server) Close() { s.http.Close() }

// Middleware returns the request log, rate limiter and fault hooks
// wrapped around the fake: Requests, Count and SetFaults live there.
func (s *Server) Middleware() *fakeserver.Server { return s.mw }

// SetKey creates or replaces an API key with the given scopes.
func (s *Server) SetKey(key string, scopes ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	set := map[string]bool{}
	for _, sc := range scopes {
		set[sc] = true
	}
	s.keys[key] = set
}

// AddCategory seeds a category (parentID "" for a top-level one) and
// returns its id.
func (s *Server) AddCategory(name, parentID string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addCategory(name, "", parentID).ID
}

// AddArticle seeds an article as given (ID, SlugID and times are filled
// in when zero; HTML is stored as given, unsanitised) and returns its id.
func (s *Server) AddArticle(a Article) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := a.clone()
	now := s.now().UTC()
	if c.ID == "" {
		c.ID = s.newID()
	}
	if c.SlugID == 0 {
		c.SlugID = s.newSlugID()
	}
	if c.CreatedAt.IsZero() {
		c.CreatedAt = now
	}
	if c.UpdatedAt.IsZero() {
		c.UpdatedAt = now
	}
	if c.Published != nil && c.PublishedAt.IsZero() {
		c.PublishedAt = now
	}
	for l, t := range c.Translations {
		t.Language = l
		if t.UpdatedAt.IsZero() {
			t.UpdatedAt = now
		}
	}
	s.articles = append(s.articles, c)
	return c.ID
}

// Articles returns a copy of every article, in creation order.
func (s *Server) Articles() []Article {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Article, len(s.articles))
	for i, a := range s.articles {
		out[i] = *a.clone()
	}
	return out
}

// Article returns a copy of one article.
func (s *Server) Article(id string) (Article, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if a := s.article(id); a != nil {
		return *a.clone(), true
	}
	return Article{}, false
}

// Categories returns a copy of every category, parents before children.
func (s *Server) Categories() []Category {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Category, len(s.categories))
	for i, c := range s.categories {
		out[i] = *c
		out[i].Translations = maps.Clone(c.Translations)
	}
	return out
}

// Images returns the size of every uploaded image by URL.
func (s *Server) Images() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]int, len(s.images))
	for k, v := range s.images {
		out[k] = v
	}
	return out
}

// newID returns a 24-hex-digit id like the service's (SKILL.md shows
// Mongo-style ids); increasing, so creation order is id order.
func (s *Server) newID() string {
	s.nextID++
	return fmt.Sprintf("65f1a2b3%016x", s.nextID)
}

func (s *Server) newSlugID() int {
	s.nextSlugID++
	return s.nextSlugID
}

func (s *Server) article(id string) *Article {
	for _, a := range s.articles {
		if a.ID == id {
			return a
		}
	}
	return nil
}

func (s *Server) category(id string) *Category {
	for _, c := range s.categories {
		if c.ID == id {
			return c
		}
	}
	return nil
}

func (s *Server) addCategory(name, description, parentID string) *Category {
	c := &Category{
		ID: s.newID(), Name: name, Description: description,
		Slug: slugify(name), SlugID: s.newSlugID(), ParentID: parentID,
	}
	s.categories = append(s.categories, c)
	return c
}

func (s *Server) languageEnabled(lang string) bool {
	for _, l := range s.center.AdditionalLanguages {
		if l == lang {
			return true
		}
	}
	return false
}

func sortStrings(s []string) { sort.Strings(s) }
