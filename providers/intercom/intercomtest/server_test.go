package intercomtest

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// call sends a request to s and decodes the JSON answer.
func call(t *testing.T, s *Server, token, method, path, body string) (int, http.Header, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(method, s.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%s %s: answer is not JSON: %s", method, path, b)
	}
	return resp.StatusCode, resp.Header, m
}

func errorCode(m map[string]any) string {
	if m["type"] != "error.list" {
		return ""
	}
	errs, _ := m["errors"].([]any)
	if len(errs) == 0 {
		return ""
	}
	e, _ := errs[0].(map[string]any)
	code, _ := e["code"].(string)
	return code
}

func TestAuth(t *testing.T) {
	t.Parallel()
	s := New(Options{})
	defer s.Close()
	for _, token := range []string{"", "wrong"} {
		status, _, m := call(t, s, token, "GET", "/articles", "")
		if status != http.StatusUnauthorized || errorCode(m) != "unauthorized" {
			t.Errorf("token %q: got %d %v, want 401 unauthorized error list", token, status, m)
		}
	}
	if status, _, _ := call(t, s, s.Token(), "GET", "/articles", ""); status != http.StatusOK {
		t.Errorf("valid token: got %d, want 200", status)
	}
}

func TestCreateArticleValidation(t *testing.T) {
	t.Parallel()
	s := New(Options{})
	defer s.Close()
	col := s.AddCollection(Collection{Name: "Getting started"})
	author := strconv.Itoa(s.AuthorID())
	tests := []struct {
		name   string
		body   string
		status int
		code   string
	}{
		// The bad_request example of createArticle: no author_id.
		{"no author", `{"title":"Thanks for everything","body":"Body of the Article","state":"published"}`, 400, "parameter_not_found"},
		{"no title", `{"body":"b","author_id":` + author + `}`, 400, "parameter_not_found"},
		{"unknown author", `{"title":"t","author_id":1}`, 400, "parameter_invalid"},
		{"bad state", `{"title":"t","author_id":` + author + `,"state":"live"}`, 400, "parameter_invalid"},
		{"unknown parent", `{"title":"t","author_id":` + author + `,"parent_id":999999,"parent_type":"collection"}`, 400, "parameter_invalid"},
		{"locale not enabled", `{"title":"t","author_id":` + author + `,"translated_content":{"ja":{"title":"x"}}}`, 400, "parameter_invalid"},
		{"definition list", `{"title":"t","author_id":` + author + `,"body":"<dl><dt>a</dt></dl>"}`, 400, "parameter_invalid"},
		{"nested list", `{"title":"t","author_id":` + author + `,"body":"<ul><li>a<ul><li>b</li></ul></li></ul>"}`, 400, "parameter_invalid"},
		{"empty list", `{"title":"t","author_id":` + author + `,"body":"<ol></ol>"}`, 400, "parameter_invalid"},
		{"empty table", `{"title":"t","author_id":` + author + `,"body":"<table></table>"}`, 400, "parameter_invalid"},
		{"unsupported iframe", `{"title":"t","author_id":` + author + `,"body":"<iframe src=\"https://evil.example/v\"></iframe>"}`, 400, "parameter_invalid"},
		{"relative image", `{"title":"t","author_id":` + author + `,"body":"<p><img src=\"images/a.png\"></p>"}`, 400, "parameter_invalid"},
		{"bad translation body", `{"title":"t","author_id":` + author + `,"translated_content":{"fr":{"title":"f","body":"<dl></dl>"}}}`, 400, "parameter_invalid"},
		// The article_created example of createArticle.
		{"documented example", `{"title":"Thanks for everything","description":"Description of the Article","body":"Body of the Article","author_id":` + author + `,"state":"published","parent_id":` + col + `,"parent_type":"collection","translated_content":{"fr":{"title":"Merci pour tout","description":"Description de l'article","body":"Corps de l'article","author_id":` + author + `,"state":"published"}}}`, 200, ""},
		{"youtube iframe", `{"title":"v","author_id":"` + author + `","body":"<iframe src=\"https://www.youtube.com/embed/x\"></iframe>"}`, 200, ""},
	}
	for _, tt := range tests {
		before := len(s.Articles())
		status, _, m := call(t, s, s.Token(), "POST", "/articles", tt.body)
		if status != tt.status || errorCode(m) != tt.code {
			t.Errorf("%s: got %d %v, want %d %q", tt.name, status, m, tt.status, tt.code)
		}
		if tt.status != 200 && len(s.Articles()) != before {
			t.Errorf("%s: a rejected create stored an article", tt.name)
		}
	}
}

func TestCreateDefaultsAndStoredBody(t *testing.T) {
	t.Parallel()
	s := New(Options{})
	defer s.Close()
	status, _, m := call(t, s, s.Token(), "POST", "/articles", `{"title":"T","author_id":`+strconv.Itoa(s.AuthorID())+`,"body":"Body of the Article"}`)
	if status != 200 {
		t.Fatalf("create: %d %v", status, m)
	}
	// "Defaults to draft" (create_article_request.state); the stored
	// body is wrapped as in the examples.
	if m["state"] != "draft" || m["body"] != `<p class="no-margin">Body of the Article</p>` {
		t.Errorf("created = state %v body %v", m["state"], m["body"])
	}
	// An article that stands alone has no help-center URL (searchArticles example).
	if m["url"] != nil {
		t.Errorf("an article without a parent has url %v, want null", m["url"])
	}
	if m["default_locale"] != "en" {
		t.Errorf("default_locale = %v, want en for a multilingual workspace", m["default_locale"])
	}
}

// translated_content writes merge per locale and per field; omitting
// state keeps it (NOTES.md; update_article_request.state).
func TestTranslatedContentMerge(t *testing.T) {
	t.Parallel()
	s := New(Options{})
	defer s.Close()
	id := s.AddArticle(Article{Contents: map[string]*Content{
		"en": {Title: "Hello", Body: `<p class="no-margin">en</p>`, State: "published"},
		"fr": {Title: "Bonjour", Body: `<p class="no-margin">fr</p>`, State: "published"},
		"de": {Title: "Hallo", Body: `<p class="no-margin">de</p>`, State: "draft"},
	}})
	status, _, m := call(t, s, s.Token(), "PUT", "/articles/"+id, `{"translated_content":{"fr":{"body":"<p>fr 2</p>"}}}`)
	if status != 200 {
		t.Fatalf("put: %d %v", status, m)
	}
	a, _ := s.Article(id)
	if got := a.Contents["fr"]; got.Title != "Bonjour" || got.Body != `<p class="no-margin">fr 2</p>` || got.State != "published" {
		t.Errorf("fr after partial PUT = %+v", got)
	}
	if a.Contents["de"].Body != `<p class="no-margin">de</p>` || a.Contents["en"].Title != "Hello" {
		t.Errorf("other locales changed: %+v %+v", a.Contents["de"], a.Contents["en"])
	}
	// A new locale needs a title; with one, it starts as a draft.
	if status, _, _ := call(t, s, s.Token(), "PUT", "/articles/"+id, `{"translated_content":{"de":{"state":"published"},"fr":{"state":"draft"}}}`); status != 200 {
		t.Fatalf("state put: %d", status)
	}
	a, _ = s.Article(id)
	if a.Contents["de"].State != "published" || a.Contents["fr"].State != "draft" || a.Contents["en"].State != "published" {
		t.Errorf("states = en %s fr %s de %s", a.Contents["en"].State, a.Contents["fr"].State, a.Contents["de"].State)
	}
	// A rejected PUT changes nothing.
	if status, _, _ := call(t, s, s.Token(), "PUT", "/articles/"+id, `{"title":"New","body":"<dl></dl>"}`); status != 400 {
		t.Errorf("bad body: got %d, want 400", status)
	}
	if a, _ := s.Article(id); a.Contents["en"].Title != "Hello" {
		t.Errorf("a rejected PUT changed the title to %q", a.Contents["en"].Title)
	}
}

func TestPagination(t *testing.T) {
	t.Parallel()
	s := New(Options{})
	defer s.Close()
	for i := range 7 {
		s.AddArticle(Article{CreatedAt: int64(1000 + i), Contents: map[string]*Content{"en": {Title: "A" + strconv.Itoa(i)}}})
	}
	seen := map[any]bool{}
	for page := 1; page <= 3; page++ {
		status, _, m := call(t, s, s.Token(), "GET", "/articles?per_page=3&page="+strconv.Itoa(page), "")
		if status != 200 {
			t.Fatalf("page %d: %d", page, status)
		}
		pages := m["pages"].(map[string]any)
		if pages["total_pages"] != 3.0 || m["total_count"] != 7.0 {
			t.Errorf("page %d: pages %v total %v", page, pages, m["total_count"])
		}
		if _, hasNext := pages["next"]; hasNext != (page < 3) {
			t.Errorf("page %d: next = %v", page, pages["next"])
		}
		for _, d := range m["data"].([]any) {
			seen[d.(map[string]any)["id"]] = true
		}
	}
	if len(seen) != 7 {
		t.Errorf("saw %d distinct articles over 3 pages, want 7", len(seen))
	}
}

func TestRateLimit(t *testing.T) {
	t.Parallel()
	now := time.Unix(1_700_000_000, 0)
	// 12 per minute is 2 per 10-second window.
	s := New(Options{RequestsPerMinute: 12, Clock: func() time.Time { return now }})
	defer s.Close()
	for i := range 2 {
		status, h, _ := call(t, s, s.Token(), "GET", "/articles", "")
		if status != 200 || h.Get("X-RateLimit-Limit") != "2" || h.Get("X-RateLimit-Remaining") != strconv.Itoa(1-i) {
			t.Errorf("request %d: %d limit %s remaining %s", i, status, h.Get("X-RateLimit-Limit"), h.Get("X-RateLimit-Remaining"))
		}
		if reset, _ := strconv.ParseInt(h.Get("X-RateLimit-Reset"), 10, 64); reset != now.Unix()+10 {
			t.Errorf("reset = %s, want the window's end as Unix time %d", h.Get("X-RateLimit-Reset"), now.Unix()+10)
		}
	}
	status, h, m := call(t, s, s.Token(), "GET", "/articles", "")
	if status != http.StatusTooManyRequests || errorCode(m) != "rate_limit_exceeded" || h.Get("Retry-After") == "" {
		t.Errorf("third request: %d %v retry-after %q, want 429 rate_limit_exceeded", status, m, h.Get("Retry-After"))
	}
}

func TestCollections(t *testing.T) {
	t.Parallel()
	s := New(Options{})
	defer s.Close()
	// The bad_request example of createCollection.
	status, _, m := call(t, s, s.Token(), "POST", "/help_center/collections", `{"description":"Missing required parameter"}`)
	if status != 400 || errorCode(m) != "parameter_not_found" {
		t.Errorf("no name: %d %v", status, m)
	}
	parent := ""
	for depth := 1; depth <= 4; depth++ {
		body := `{"name":"level ` + strconv.Itoa(depth) + `"`
		if parent != "" {
			body += `,"parent_id":"` + parent + `"`
		}
		status, _, m := call(t, s, s.Token(), "POST", "/help_center/collections", body+"}")
		if want := map[bool]int{true: 200, false: 400}[depth <= 3]; status != want {
			t.Errorf("depth %d: got %d, want %d (collections nest 3 deep)", depth, status, want)
		}
		if status == 200 {
			parent = m["id"].(string)
			if depth > 1 && m["parent_id"] == nil {
				t.Errorf("depth %d: parent_id missing", depth)
			}
		}
	}
}

// TestUpdateCollection: a PUT changes only the fields it holds; an
// explicit parent_id null moves the collection to the top level
// (update_collection_request: "If `null` then it will be updated as the
// first level collection"), while a PUT without parent_id keeps it.
func TestUpdateCollection(t *testing.T) {
	t.Parallel()
	s := New(Options{})
	defer s.Close()
	_, _, top := call(t, s, s.Token(), "POST", "/help_center/collections", `{"name":"Top","description":"Old"}`)
	_, _, sub := call(t, s, s.Token(), "POST", "/help_center/collections", `{"name":"Sub","parent_id":"`+top["id"].(string)+`"}`)
	path := "/help_center/collections/" + sub["id"].(string)
	status, _, m := call(t, s, s.Token(), "PUT", path, `{"name":"Renamed"}`)
	if status != 200 || m["name"] != "Renamed" || m["parent_id"] != top["id"] {
		t.Errorf("PUT name: %d %v, want renamed under %v", status, m, top["id"])
	}
	status, _, m = call(t, s, s.Token(), "PUT", path, `{"parent_id":null}`)
	if status != 200 || m["parent_id"] != nil || m["name"] != "Renamed" {
		t.Errorf("PUT parent_id null: %d %v, want a top-level collection", status, m)
	}
}

// TestSingleLanguage: a help center with one language answers without
// default_locale and translated_content, on articles and collections,
// and refuses a translation; a multilingual one answers with both. An
// article without a parent stands alone.
func TestSingleLanguage(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		locales      []string
		multilingual bool
	}{{[]string{"en"}, false}, {nil, true}} {
		s := New(Options{Locales: tt.locales})
		defer s.Close()
		s.AddCollection(Collection{Name: "Guides"})
		id := s.AddArticle(Article{Contents: map[string]*Content{"en": {Title: "Alone", Body: "<p>x</p>"}}})
		_, _, cols := call(t, s, s.Token(), "GET", "/help_center/collections", "")
		col := cols["data"].([]any)[0].(map[string]any)
		status, _, a := call(t, s, s.Token(), "GET", "/articles/"+id, "")
		if status != 200 || a["parent_id"] != nil {
			t.Errorf("standalone article: %d parent_id %v", status, a["parent_id"])
		}
		for what, m := range map[string]map[string]any{"collection": col, "article": a} {
			if _, has := m["default_locale"]; has != tt.multilingual {
				t.Errorf("locales %v: %s has default_locale = %v, want %v", tt.locales, what, has, tt.multilingual)
			}
		}
		if _, has := a["translated_content"]; has != tt.multilingual {
			t.Errorf("locales %v: article has translated_content = %v", tt.locales, has)
		}
		status, _, m := call(t, s, s.Token(), "PUT", "/articles/"+id, `{"translated_content":{"fr":{"title":"Seul","body":"<p>x</p>"}}}`)
		if want := map[bool]int{false: 400, true: 200}[tt.multilingual]; status != want {
			t.Errorf("locales %v: a French translation got %d %v, want %d", tt.locales, status, m, want)
		}
	}
}
