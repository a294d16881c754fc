package zendesktest

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hcsync/hcsync/providers/fakeserver"
)

// call sends one request to the fake as the agent and decodes the JSON
// answer (nil for empty bodies).
func call(t *testing.T, s *Server, method, path, body string) (int, http.Header, map[string]any) {
	t.Helper()
	return callAs(t, s, "Basic "+base64.StdEncoding.EncodeToString([]byte(s.Email()+"/token:"+s.APIToken())), method, path, body)
}

func callAs(t *testing.T, s *Server, auth, method, path, body string) (int, http.Header, map[string]any) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, s.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := s.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	var out map[string]any
	if len(bytes.TrimSpace(data)) > 0 && strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		if err := json.Unmarshal(data, &out); err != nil {
			t.Fatalf("%s %s: body %q: %v", method, path, data, err)
		}
	} else if len(data) > 0 {
		out = map[string]any{"text": string(data)}
	}
	return resp.StatusCode, resp.Header, out
}

func newFake(t *testing.T, o Options) *Server {
	t.Helper()
	s := New(o)
	t.Cleanup(s.Close)
	return s
}

func jsonString(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// The statuses and bodies below are Zendesk's, as cited on the handlers.
func TestErrorShapes(t *testing.T) {
	t.Parallel()
	s := newFake(t, Options{})
	sec := s.AddSection(s.AddCategory("C"), 0, "S")
	art := s.SeedArticles(1, []string{"en-us"})[0]
	secPath := "/api/v2/help_center/sections/" + itoa(sec) + "/articles"
	tests := []struct {
		name, auth, method, path, body string
		status                         int
		want                           string
	}{
		{"no credentials", "-", "GET", "/api/v2/help_center/articles", "", 401, `{"error":"Couldn't authenticate you"}`},
		{"wrong token", "Basic " + base64.StdEncoding.EncodeToString([]byte("agent@example.com/token:nope")), "GET", "/api/v2/help_center/locales", "", 401, `{"error":"Couldn't authenticate you"}`},
		{"unknown article", "", "GET", "/api/v2/help_center/articles/1", "", 404, `{"description":"Not found","error":"RecordNotFound"}`},
		{"articles of an unknown section", "", "GET", "/api/v2/help_center/sections/1/articles", "", 404, `{"description":"Not found","error":"RecordNotFound"}`},
		{"sections of an unknown category", "", "GET", "/api/v2/help_center/categories/1/sections", "", 404, `{"description":"Not found","error":"RecordNotFound"}`},
		{"title missing", "", "POST", secPath, `{"article":{"locale":"en-us","permission_group_id":1,"user_segment_id":null}}`, 400, `{"errors":{"title":["can't be blank"]}}`},
		{"locale not enabled", "", "POST", secPath, `{"article":{"title":"T","locale":"ja","user_segment_id":null}}`, 422,
			`{"description":"Record validation errors","details":{"locale":[{"description":"Locale ja is not enabled for this Help Center","error":"InvalidValue"}]},"error":"RecordInvalid"}`},
		{"no segment given", "", "POST", secPath, `{"article":{"title":"T","locale":"en-us","permission_group_id":` + itoa(s.groupID("Admins")) + `}}`, 400,
			`{"errors":{"user_segment_id":["either user_segment_id or user_segment_ids must be specified"]}}`},
		{"duplicate translation", "", "POST", "/api/v2/help_center/articles/" + itoa(art) + "/translations", `{"translation":{"locale":"en-us","title":"T"}}`, 422,
			`{"description":"Record validation errors","details":{"locale":[{"description":"Locale en-us has already been taken","error":"DuplicateValue"}]},"error":"RecordInvalid"}`},
		{"page size over 100", "", "GET", "/api/v2/help_center/articles?page[size]=101", "", 400, `{"description":"page[size] is limited to 100","error":"InvalidPaginationParameter"}`},
		{"content tag page over 30", "", "GET", "/api/v2/guide/content_tags?page[size]=31", "", 400, `{"description":"page[size] is limited to 30","error":"InvalidPaginationParameter"}`},
		{"content tag without name", "", "POST", "/api/v2/guide/content_tags", `{"content_tag":{"name":""}}`, 400,
			`{"errors":[{"code":"BadRequest","meta":{},"status":"400","title":"Invalid property"}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var status int
			var body map[string]any
			switch tt.auth {
			case "":
				status, _, body = call(t, s, tt.method, tt.path, tt.body)
			case "-":
				status, _, body = callAs(t, s, "", tt.method, tt.path, tt.body)
			default:
				status, _, body = callAs(t, s, tt.auth, tt.method, tt.path, tt.body)
			}
			if status != tt.status || jsonString(body) != tt.want {
				t.Errorf("%s %s = %d %s\nwant %d %s", tt.method, tt.path, status, jsonString(body), tt.status, tt.want)
			}
		})
	}
}

func (s *Server) groupID(name string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.groupByName(name)
}

func itoa(v int64) string { return jsonString(v) }

func TestEndUserCannotWrite(t *testing.T) {
	t.Parallel()
	s := newFake(t, Options{})
	s.AddEndUser("reader@example.com", "r")
	auth := "Basic " + base64.StdEncoding.EncodeToString([]byte("reader@example.com/token:r"))
	if st, _, _ := callAs(t, s, auth, "GET", "/api/v2/help_center/locales", ""); st != 200 {
		t.Errorf("end user read = %d, want 200", st)
	}
	st, _, body := callAs(t, s, auth, "POST", "/api/v2/help_center/categories", `{"category":{"name":"x"}}`)
	if st != 403 || body["error"] != "Forbidden" {
		t.Errorf("end user write = %d %v, want 403 Forbidden", st, body)
	}
}

// Cursor pagination: meta.has_more/after_cursor and links.next lead
// through every article once; sideloaded translations sit in each
// article (doc: NOTES.md, pagination and sideloads).
func TestCursorPagination(t *testing.T) {
	t.Parallel()
	s := newFake(t, Options{})
	s.SeedArticles(5, []string{"en-us", "fr"})
	seen := map[float64]bool{}
	path := "/api/v2/help_center/articles?include=translations,sections,categories&page[size]=2"
	pages := 0
	for {
		pages++
		st, _, body := call(t, s, "GET", path, "")
		if st != 200 {
			t.Fatalf("GET %s = %d %v", path, st, body)
		}
		for _, a := range body["articles"].([]any) {
			art := a.(map[string]any)
			seen[art["id"].(float64)] = true
			if ts := art["translations"].([]any); len(ts) != 2 {
				t.Errorf("article %v has %d translations embedded, want 2", art["id"], len(ts))
			}
		}
		if len(body["sections"].([]any)) != 1 || len(body["categories"].([]any)) != 1 {
			t.Errorf("sideloads: sections %v categories %v, want one of each", body["sections"], body["categories"])
		}
		meta := body["meta"].(map[string]any)
		if meta["has_more"] != true {
			if next := body["links"].(map[string]any)["next"]; next != nil {
				t.Errorf("links.next = %v on the last page", next)
			}
			break
		}
		path = "/api/v2/help_center/articles?include=translations,sections,categories&page[size]=2&page[after]=" + meta["after_cursor"].(string)
	}
	if len(seen) != 5 || pages != 3 {
		t.Errorf("saw %d articles in %d pages, want 5 in 3", len(seen), pages)
	}
}

// Offset pagination: 30 a page by default, next_page and count.
func TestOffsetPagination(t *testing.T) {
	t.Parallel()
	s := newFake(t, Options{})
	s.SeedArticles(31, []string{"en-us"})
	_, _, body := call(t, s, "GET", "/api/v2/help_center/articles", "")
	if n := len(body["articles"].([]any)); n != 30 || body["count"] != float64(31) || body["next_page"] == nil {
		t.Fatalf("first page: %d articles, count %v, next_page %v; want 30, 31, a URL", n, body["count"], body["next_page"])
	}
	next := body["next_page"].(string)
	_, _, body = call(t, s, "GET", strings.TrimPrefix(next, s.URL), "")
	if n := len(body["articles"].([]any)); n != 1 || body["next_page"] != nil || body["previous_page"] == nil {
		t.Errorf("second page: %d articles, next %v, previous %v", n, body["next_page"], body["previous_page"])
	}
}

// A locale in the path and a .json suffix are accepted (doc: NOTES.md).
func TestLocalePathAndJSONSuffix(t *testing.T) {
	t.Parallel()
	s := newFake(t, Options{})
	id := s.SeedArticles(1, []string{"en-us", "fr"})[0]
	st, _, body := call(t, s, "GET", "/api/v2/help_center/fr/articles/"+itoa(id)+".json", "")
	if st != 200 {
		t.Fatalf("status %d", st)
	}
	a := body["article"].(map[string]any)
	if a["locale"] != "fr" || !strings.Contains(a["title"].(string), "(fr)") || a["source_locale"] != "en-us" {
		t.Errorf("article in fr = %v", a)
	}
}

func TestTranslationRules(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	s := newFake(t, Options{Clock: func() time.Time { mu.Lock(); defer mu.Unlock(); return now }})
	id := s.SeedArticles(1, []string{"en-us", "fr"})[0]
	a, _ := s.Article(id)
	base := "/api/v2/help_center/articles/" + itoa(id)

	// A PUT that changes nothing leaves updated_at alone (doc: NOTES.md).
	before := a.Translations["fr"].UpdatedAt
	mu.Lock()
	now = now.Add(time.Hour)
	mu.Unlock()
	call(t, s, "PUT", base+"/translations/fr", `{"translation":{"title":"`+a.Translations["fr"].Title+`"}}`)
	if got, _ := s.Article(id); !got.Translations["fr"].UpdatedAt.Equal(before) {
		t.Errorf("a no-op PUT moved updated_at")
	}

	// Unsafe HTML is stripped on store.
	call(t, s, "PUT", base+"/translations/fr", `{"translation":{"body":"<p onclick=\"x()\">ok</p><script>bad()</script>","draft":true}}`)
	got, _ := s.Article(id)
	if got.Translations["fr"].Body != "<p>ok</p>" || !got.Translations["fr"].Draft {
		t.Errorf("stored fr = %+v, want <p>ok</p> as a draft", got.Translations["fr"])
	}

	// The source translation and an only translation cannot be deleted.
	st, _, _ := call(t, s, "DELETE", "/api/v2/help_center/translations/"+itoa(a.Translations["en-us"].ID), "")
	if st != 422 {
		t.Errorf("deleting the source translation = %d, want 422", st)
	}
	if st, _, _ := call(t, s, "DELETE", "/api/v2/help_center/translations/"+itoa(a.Translations["fr"].ID), ""); st != 204 {
		t.Errorf("deleting fr = %d, want 204", st)
	}
	if st, _, _ := call(t, s, "DELETE", "/api/v2/help_center/translations/"+itoa(a.Translations["en-us"].ID), ""); st != 422 {
		t.Errorf("deleting the only translation = %d, want 422", st)
	}

	// Archive: DELETE 204, then gone from list and show.
	if st, _, _ := call(t, s, "DELETE", base, ""); st != 204 {
		t.Errorf("archive = %d", st)
	}
	if st, _, _ := call(t, s, "GET", base, ""); st != 404 {
		t.Errorf("show archived = %d, want 404", st)
	}
	_, _, body := call(t, s, "GET", "/api/v2/help_center/articles", "")
	if n := len(body["articles"].([]any)); n != 0 {
		t.Errorf("list after archive = %d articles", n)
	}
}

func TestContentTagSearch(t *testing.T) {
	t.Parallel()
	s := newFake(t, Options{})
	s.AddContentTag("feature request")
	s.AddContentTag("feature flag")
	s.AddContentTag("billing")
	_, _, body := call(t, s, "GET", "/api/v2/guide/content_tags?filter[name_prefix]=Feature&sort=name", "")
	recs := body["records"].([]any)
	if len(recs) != 2 || recs[0].(map[string]any)["name"] != "feature flag" {
		t.Errorf("prefix search = %v, want the two feature tags by name", recs)
	}
	st, _, body := call(t, s, "POST", "/api/v2/guide/content_tags", `{"content_tag":{"name":"Billing"}}`)
	if st != 422 {
		t.Errorf("duplicate tag = %d %v, want 422", st, body)
	}
}

// Over the limit: 429, Retry-After in seconds, a plain-text body (doc and
// seen: NOTES.md, rate limits).
func TestRateLimit(t *testing.T) {
	t.Parallel()
	s := newFake(t, Options{RateLimit: 2})
	for range 2 {
		st, h, _ := call(t, s, "GET", "/api/v2/help_center/locales", "")
		if st != 200 || h.Get("X-Rate-Limit") != "2" {
			t.Fatalf("status %d, X-Rate-Limit %q", st, h.Get("X-Rate-Limit"))
		}
	}
	st, h, body := call(t, s, "GET", "/api/v2/help_center/locales", "")
	if st != 429 || h.Get("Retry-After") == "" || !strings.HasPrefix(h.Get("Content-Type"), "text/plain") || body["text"] == nil {
		t.Errorf("over the limit: %d, Retry-After %q, %s, %v", st, h.Get("Retry-After"), h.Get("Content-Type"), body)
	}
}

func TestFaultsAndLog(t *testing.T) {
	t.Parallel()
	s := newFake(t, Options{})
	s.SetFaults(func(n int, r *http.Request) fakeserver.Fault {
		if n == 1 {
			return fakeserver.Fault{Status: 503}
		}
		return fakeserver.Fault{}
	})
	if st, _, _ := call(t, s, "GET", "/api/v2/help_center/locales", ""); st != 503 {
		t.Errorf("first = %d, want the injected 503", st)
	}
	if st, _, _ := call(t, s, "GET", "/api/v2/help_center/locales", ""); st != 200 {
		t.Errorf("second = %d", st)
	}
	if n := s.Count("GET", "/api/v2/help_center/locales"); n != 2 {
		t.Errorf("Count = %d, want 2", n)
	}
}

// TestSectionUpdates: Update Section and Update Category change the
// position and ignore a name (they "don't update section translations");
// the name and description are the source-locale translation's title and
// body; a locale the section has no translation in, and a section that
// does not exist, are 404.
func TestSectionUpdates(t *testing.T) {
	t.Parallel()
	s := newFake(t, Options{})
	code, _, out := call(t, s, "POST", "/api/v2/help_center/categories", `{"category":{"name":"Guides","locale":"en-us"}}`)
	if code != http.StatusCreated {
		t.Fatalf("create category: %d %v", code, out)
	}
	cat := itoa(int64(out["category"].(map[string]any)["id"].(float64)))
	code, _, out = call(t, s, "POST", "/api/v2/help_center/categories/"+cat+"/sections", `{"section":{"name":"Setup","description":"Old"}}`)
	if code != http.StatusCreated {
		t.Fatalf("create section: %d %v", code, out)
	}
	sec := itoa(int64(out["section"].(map[string]any)["id"].(float64)))

	code, _, out = call(t, s, "PUT", "/api/v2/help_center/sections/"+sec, `{"section":{"name":"Ignored","position":3}}`)
	if got := out["section"].(map[string]any); code != http.StatusOK || got["name"] != "Setup" || got["position"] != 3.0 {
		t.Errorf("PUT section: %d %v, want the position changed and the name kept", code, out)
	}
	code, _, out = call(t, s, "PUT", "/api/v2/help_center/sections/"+sec+"/translations/en-us", `{"translation":{"title":"Setting up","body":"New"}}`)
	if got, _ := out["translation"].(map[string]any); code != http.StatusOK || got["title"] != "Setting up" || got["source_type"] != "Section" {
		t.Errorf("PUT section translation: %d %v", code, out)
	}
	code, _, out = call(t, s, "PUT", "/api/v2/help_center/categories/"+cat, `{"category":{"position":2}}`)
	if code != http.StatusOK || out["category"].(map[string]any)["position"] != 2.0 {
		t.Errorf("PUT category: %d %v", code, out)
	}
	code, _, _ = call(t, s, "PUT", "/api/v2/help_center/categories/"+cat+"/translations/en-us", `{"translation":{"title":"Handbook"}}`)
	if code != http.StatusOK {
		t.Errorf("PUT category translation: %d", code)
	}
	for _, path := range []string{"/api/v2/help_center/sections/" + sec + "/translations/fr", "/api/v2/help_center/sections/999/translations/en-us", "/api/v2/help_center/sections/999"} {
		if code, _, _ := call(t, s, "PUT", path, `{"translation":{"title":"X"},"section":{"position":1}}`); code != http.StatusNotFound {
			t.Errorf("PUT %s: %d, want 404", path, code)
		}
	}
	if code, _, _ := call(t, s, "PUT", "/api/v2/help_center/sections/"+sec+"/translations/en-us", `{"translation":{"title":" "}}`); code != http.StatusBadRequest {
		t.Errorf("blank title: %d, want 400", code)
	}
	secs, cats := s.Sections(), s.Categories()
	if len(secs) != 1 || secs[0].Name != "Setting up" || secs[0].Description != "New" || secs[0].Position != 3 {
		t.Errorf("sections = %+v", secs)
	}
	if len(cats) != 1 || cats[0].Name != "Handbook" || cats[0].Position != 2 {
		t.Errorf("categories = %+v", cats)
	}
}

// TestArticlePages: html_url carries the title as a slug, and the page
// is served to anyone with that slug, another one, or none (doc: the
// article URL pattern of Zendesk's SDK help center guidelines).
func TestArticlePages(t *testing.T) {
	t.Parallel()
	s := newFake(t, Options{})
	id := s.SeedArticles(1, []string{"en-us", "fr"})[0]
	st, _, body := call(t, s, "GET", "/api/v2/help_center/articles/"+itoa(id)+".json", "")
	if st != 200 {
		t.Fatalf("status %d", st)
	}
	want := s.URL + "/hc/en-us/articles/" + itoa(id) + "-Seeded-article-1-en-us"
	if got := body["article"].(map[string]any)["html_url"]; got != want {
		t.Errorf("html_url = %v, want %s", got, want)
	}
	for _, tc := range []struct {
		path   string
		status int
		title  string
	}{
		{"/hc/en-us/articles/" + itoa(id), 200, "Seeded article 1 (en-us)"},
		{"/hc/en-us/articles/" + itoa(id) + "-Seeded-article-1-en-us", 200, "Seeded article 1 (en-us)"},
		{"/hc/en-us/articles/" + itoa(id) + "-An-old-title", 200, "Seeded article 1 (en-us)"},
		{"/hc/fr/articles/" + itoa(id) + "/", 200, "Seeded article 1 (fr)"},
		{"/hc/de/articles/" + itoa(id), 404, ""},
		{"/hc/en-us/articles/999", 404, ""},
	} {
		res, err := http.Get(s.URL + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		page, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != tc.status || !strings.Contains(string(page), tc.title) {
			t.Errorf("GET %s: %d %q, want %d and %q", tc.path, res.StatusCode, page, tc.status, tc.title)
		}
	}
}

// TestSectionsSideloadCategories: List Sections with include=categories
// answers each listed section's category beside the sections, and only
// those: a category without sections is not sideloaded (doc: Help Center
// OpenAPI, List Sections, Sideloads).
func TestSectionsSideloadCategories(t *testing.T) {
	t.Parallel()
	s := newFake(t, Options{})
	full := s.AddCategory("Guides")
	s.AddCategory("Empty")
	s.AddSection(full, 0, "Setup")
	code, _, out := call(t, s, "GET", "/api/v2/help_center/sections?include=categories&page[size]=100", "")
	cats, _ := out["categories"].([]any)
	if code != http.StatusOK || len(out["sections"].([]any)) != 1 || len(cats) != 1 || cats[0].(map[string]any)["name"] != "Guides" {
		t.Errorf("sections with categories: %d %v, want the one section and its category Guides", code, out)
	}
	if _, _, out := call(t, s, "GET", "/api/v2/help_center/sections", ""); out["categories"] != nil {
		t.Errorf("sections without include: %v, want no categories", out)
	}
}
