// Package zendesktest is an in-process fake of the Zendesk Guide Help
// Center API v2, for tests of the zendesk adapter and of the hcsync CLI.
//
// It behaves the way Zendesk documents its API (and, where the docs are
// silent, the way public clients have seen it behave): it checks
// credentials, validates writes and answers in Zendesk's error shapes,
// paginates with cursors and offsets, sideloads, strips unsafe HTML,
// limits the request rate and can inject faults. Each behaviour carries a
// comment naming its source: "(doc)" for developer.zendesk.com,
// "(seen)" for behaviour observed by public clients, with the file under
// /work/shared/api where the reference is kept.
package zendesktest

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"

	"github.com/hcsync/hcsync/providers/fakeserver"
)

// Options configures a Server. The zero value gives a new Guide's
// defaults.
type Options struct {
	// Email and APIToken are the agent's API-token credentials, sent as
	// basic auth "{email}/token:{api_token}". Defaults: agent@example.com
	// and "zd-test-token".
	Email    string
	APIToken string
	// OAuthToken is accepted as "Authorization: Bearer ...". Default
	// "zd-test-oauth".
	OAuthToken string
	// RateLimit is the requests allowed per minute (default 700, the
	// Enterprise plan's limit).
	RateLimit int
	// Window is the rate-limit window (default one minute); tests shorten
	// it together with RateLimit.
	Window time.Duration
	// Clock gives the time stamped on created_at and updated_at (default
	// time.Now); timestamps have second resolution, like Zendesk's.
	Clock func() time.Time
}

// Server is a running fake Help Center. Its state is seedable and
// inspectable from tests; all methods are safe for concurrent use.
type Server struct {
	// URL is the base URL to configure the adapter with (zendesk.base_url).
	URL string

	opts Options
	http *httptest.Server
	mw   *fakeserver.Server

	// sanitize is applied to every body stored: storeBody, the fake's
	// own model of Help Center's cleaning (html.go).
	sanitize func(string) string

	mu            sync.Mutex
	now           func() time.Time
	nextID        int64
	nextTag       int64
	defaultLocale string
	locales       []string
	endUsers      map[string]string // basic-auth value -> end user email
	articles      map[int64]*Article
	categories    map[int64]*Category
	sections      map[int64]*Section
	segments      map[int64]*Segment
	groups        map[int64]*PermissionGroup
	tags          map[string]*ContentTag
	agentID       int64
	attachments   map[int64]*attachment
	redirects     map[string]*RedirectRule // by id
	nextRedirect  int
}

// New starts a fake seeded like a new Guide: locales en-us (default), fr
// and de; user segments "Signed-in users" and "Agents and admins";
// permission groups "Admins" and "Agents". Close it when done (or pass it
// to t.Cleanup).
func New(opts Options) *Server {
	if opts.Email == "" {
		opts.Email = "agent@example.com"
	}
	if opts.APIToken == "" {
		opts.APIToken = "zd-test-token"
	}
	if opts.OAuthToken == "" {
		opts.OAuthToken = "zd-test-oauth"
	}
	if opts.RateLimit <= 0 {
		opts.RateLimit = 700
	}
	if opts.Window <= 0 {
		opts.Window = time.Minute
	}
	if opts.Clock == nil {
		opts.Clock = time.Now
	}
	s := &Server{
		opts:          opts,
		sanitize:      storeBody,
		now:           func() time.Time { return opts.Clock().UTC().Truncate(time.Second) },
		nextID:        360000000000,
		defaultLocale: "en-us",
		locales:       []string{"en-us", "fr", "de"},
		endUsers:      map[string]string{},
		articles:      map[int64]*Article{},
		categories:    map[int64]*Category{},
		sections:      map[int64]*Section{},
		segments:      map[int64]*Segment{},
		groups:        map[int64]*PermissionGroup{},
		tags:          map[string]*ContentTag{},
	}
	s.agentID = s.id()
	s.addSegment("Signed-in users", "signed_in_users", true)
	s.addSegment("Agents and admins", "staff", true)
	s.addGroup("Admins", true)
	s.addGroup("Agents", true)

	s.mw = fakeserver.New(http.HandlerFunc(s.serve), fakeserver.Options{
		Limit:  opts.RateLimit,
		Window: opts.Window,
		// Zendesk sends X-Rate-Limit and X-Rate-Limit-Remaining, and over
		// the limit 429 with Retry-After in seconds (doc: NOTES.md, Zendesk
		// rate limits).
		Headers: fakeserver.RateHeaders{Limit: "X-Rate-Limit", Remaining: "X-Rate-Limit-Remaining"},
		// The 429 body is plain text, not JSON (seen: NOTES.md).
		Reject: func(w http.ResponseWriter, retryAfter time.Duration) {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.WriteHeader(http.StatusTooManyRequests)
			fmt.Fprintln(w, "Rate limit exceeded. Please wait and try again.")
		},
	})
	s.http = httptest.NewServer(s.mw)
	s.URL = s.http.URL
	return s
}

// Close shuts the server down.
func (s *Server) Close() { s.http.Close() }

// Client returns an HTTP client for the server.
func (s *Server) Client() *http.Client { return s.http.Client() }

// Email, APIToken and OAuthToken return the credentials the fake accepts.
func (s *Server) Email() string      { return s.opts.Email }
func (s *Server) APIToken() string   { return s.opts.APIToken }
func (s *Server) OAuthToken() string { return s.opts.OAuthToken }

// Requests returns the request log, oldest first.
func (s *Server) Requests() []fakeserver.Logged { return s.mw.Requests() }

// ResetLog empties the request log and the rate-limit window, so a test
// can count the requests of one step.
func (s *Server) ResetLog() { s.mw.Reset() }

// Count returns how many requests of method had a path starting with
// prefix ("" method = any).
func (s *Server) Count(method, prefix string) int { return s.mw.Count(method, prefix) }

// SetFaults installs a fault injector: f sees each request (n counts from
// 1) and returns the fault to apply, or the zero Fault for none.
func (s *Server) SetFaults(f func(n int, r *http.Request) fakeserver.Fault) { s.mw.SetFaults(f) }

// AddLocale enables a locale.
func (s *Server) AddLocale(locale string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	locale = strings.ToLower(locale)
	for _, l := range s.locales {
		if l == locale {
			return
		}
	}
	s.locales = append(s.locales, locale)
}

// SetDefaultLocale sets (and enables) the help center's default locale.
func (s *Server) SetDefaultLocale(locale string) {
	s.AddLocale(locale)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.defaultLocale = strings.ToLower(locale)
}

// AddSegment adds a user segment and returns its id.
func (s *Server) AddSegment(name, userType string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addSegment(name, userType, false)
}

// AddPermissionGroup adds a permission group and returns its id.
func (s *Server) AddPermissionGroup(name string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addGroup(name, false)
}

// AddContentTag adds a content tag and returns its id.
func (s *Server) AddContentTag(name string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addTag(name).ID
}

// AddCategory adds a category in the default locale and returns its id.
func (s *Server) AddCategory(name string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addCategory(name, "", 0, s.defaultLocale).ID
}

// AddSection adds a section to a category (parent 0) or below a section,
// and returns its id.
func (s *Server) AddSection(categoryID, parentSectionID int64, name string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addSection(categoryID, parentSectionID, name, "", 0, s.defaultLocale).ID
}

// AddEndUser adds credentials of an end user: they may read but every
// write answers 403 (doc: "End users can neither create nor edit
// articles", zendesk-articles.txt).
func (s *Server) AddEndUser(email, token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.endUsers[basicValue(email, token)] = email
}

// AddArticle adds a published article with one translation whose body
// is stored exactly as given: a body Help Center already returned (a
// recorded API response) is what it holds, so it is not cleaned again.
// It returns the article's id.
func (s *Server) AddArticle(sectionID int64, locale, title, body string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	a := &Article{
		ID: s.id(), SectionID: sectionID, AuthorID: s.agentID, PermissionGroupID: s.groupByName("Admins"),
		SourceLocale: locale, CreatedAt: now, UpdatedAt: now,
		Translations: map[string]*Translation{},
	}
	a.Translations[locale] = &Translation{
		ID: s.id(), ArticleID: a.ID, Locale: locale, Title: title, Body: body,
		CreatedAt: now, UpdatedAt: now,
	}
	s.articles[a.ID] = a
	return a.ID
}

// SeedArticles adds n published articles, each translated into every one
// of locales (the first is the source locale), in a section of their own
// category, readable by everyone, editable by Admins. It returns their ids.
func (s *Server) SeedArticles(n int, localeList []string) []int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(localeList) == 0 {
		localeList = []string{s.defaultLocale}
	}
	cat := s.addCategory("Seeded", "", 0, s.defaultLocale)
	sec := s.addSection(cat.ID, 0, "Seeded articles", "", 0, s.defaultLocale)
	group := s.groupByName("Admins")
	ids := make([]int64, 0, n)
	for i := range n {
		now := s.now()
		a := &Article{
			ID: s.id(), SectionID: sec.ID, AuthorID: s.agentID, PermissionGroupID: group,
			SourceLocale: localeList[0], Position: i, CreatedAt: now, UpdatedAt: now,
			Translations: map[string]*Translation{},
		}
		for _, l := range localeList {
			a.Translations[l] = &Translation{
				ID: s.id(), ArticleID: a.ID, Locale: l,
				Title:     fmt.Sprintf("Seeded article %d (%s)", i+1, l),
				Body:      fmt.Sprintf("<p>Body of seeded article %d in %s.</p>", i+1, l),
				CreatedAt: now, UpdatedAt: now,
			}
		}
		s.articles[a.ID] = a
		ids = append(ids, a.ID)
	}
	return ids
}

func (s *Server) id() int64 {
	s.nextID++
	return s.nextID
}

func (s *Server) addSegment(name, userType string, builtIn bool) int64 {
	g := &Segment{ID: s.id(), Name: name, UserType: userType, BuiltIn: builtIn}
	s.segments[g.ID] = g
	return g.ID
}

func (s *Server) addGroup(name string, builtIn bool) int64 {
	g := &PermissionGroup{ID: s.id(), Name: name, BuiltIn: builtIn}
	s.groups[g.ID] = g
	return g.ID
}

func (s *Server) groupByName(name string) int64 {
	for _, g := range s.groups {
		if g.Name == name {
			return g.ID
		}
	}
	return 0
}

// Content tag ids are 26-character ULIDs (doc: zendesk-content-tags.txt
// example "01GFXGBX7YZ9ASWTCVMASTK8ZS"); the fake counts in Crockford
// base32 after a fixed prefix.
func (s *Server) addTag(name string) *ContentTag {
	const digits = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
	s.nextTag++
	n := s.nextTag
	var suffix [10]byte
	for i := len(suffix) - 1; i >= 0; i-- {
		suffix[i] = digits[n%32]
		n /= 32
	}
	now := s.now()
	t := &ContentTag{ID: "01HCSYNCFAKE0000" + string(suffix[:]), Name: name, CreatedAt: now, UpdatedAt: now}
	s.tags[t.ID] = t
	return t
}

func (s *Server) addCategory(name, desc string, pos int, locale string) *Category {
	now := s.now()
	c := &Category{ID: s.id(), Name: name, Description: desc, Position: pos, Locale: locale, CreatedAt: now, UpdatedAt: now}
	s.categories[c.ID] = c
	return c
}

func (s *Server) addSection(cat, parent int64, name, desc string, pos int, locale string) *Section {
	now := s.now()
	x := &Section{ID: s.id(), CategoryID: cat, ParentSectionID: parent, Name: name, Description: desc, Position: pos, Locale: locale, CreatedAt: now, UpdatedAt: now}
	s.sections[x.ID] = x
	return x
}

func basicValue(email, token string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(email+"/token:"+token))
}

// role is who a request authenticates as.
type role int

const (
	anonymous role = iota
	endUser
	agent
)

// authenticate checks the Authorization header: basic
// "{email}/token:{api_token}" or "Bearer {oauth_token}" (doc: NOTES.md,
// Zendesk auth).
func (s *Server) authenticate(r *http.Request) role {
	h := r.Header.Get("Authorization")
	switch {
	case h == "":
		return anonymous
	case h == basicValue(s.opts.Email, s.opts.APIToken), h == "Bearer "+s.opts.OAuthToken:
		return agent
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.endUsers[h]; ok {
		return endUser
	}
	return anonymous
}
