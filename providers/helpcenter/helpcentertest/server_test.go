package helpcentertest

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"
)

const (
	fullKey = "key-full"
	readKey = "key-read"
)

func newTestServer(t *testing.T, o Options) *Server {
	t.Helper()
	if o.Keys == nil {
		o.Keys = map[string][]string{fullKey: AllScopes, readKey: {ScopeRead}}
	}
	s := NewServer(o)
	t.Cleanup(s.Close)
	return s
}

// call sends one request and decodes the JSON answer into a generic map.
func call(t *testing.T, s *Server, key, method, path string, body any) (int, map[string]any) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, s.URL+"/v0/centers/"+s.CenterID+path, rd)
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var m map[string]any
	data, _ := io.ReadAll(resp.Body)
	if len(data) > 0 {
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatalf("%s %s: answer is not JSON: %s", method, path, data)
		}
	}
	return resp.StatusCode, m
}

func errCode(m map[string]any) string {
	e, _ := m["error"].(map[string]any)
	code, _ := e["code"].(string)
	return code
}

func htmlOf(m map[string]any) string {
	c, _ := m["content"].(map[string]any)
	h, _ := c["html"].(string)
	return h
}

// The draft lifecycle of SKILL.md's "Draft Model": unpublished →
// published → published_with_changes → (discard) published.
func TestArticleLifecycle(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{})
	cat := s.AddCategory("Guides", "")

	code, a := call(t, s, fullKey, "POST", "/articles", map[string]any{"title": "Install", "content": map[string]string{"html": "<p>v1</p>"}, "category_id": cat})
	if code != 200 || a["status"] != StatusUnpublished || a["object"] != "draft" || htmlOf(a) != "<p>v1</p>" {
		t.Fatalf("create: %d %v", code, a)
	}
	id := a["id"].(string)
	if code, m := call(t, s, fullKey, "GET", "/articles/"+id, nil); code != 404 || errCode(m) != "not_found" {
		t.Errorf("GET unpublished article: %d %v, want 404 not_found", code, m)
	}
	if code, m := call(t, s, fullKey, "POST", "/articles/"+id+"/draft/discard", nil); code != 404 {
		t.Errorf("discard before first publish: %d %v, want 404", code, m)
	}
	if code, m := call(t, s, fullKey, "POST", "/articles/"+id+"/publish", nil); code != 200 || m["status"] != StatusPublished || m["slug"] != "install" {
		t.Fatalf("publish: %d %v", code, m)
	}
	if code, m := call(t, s, fullKey, "PATCH", "/articles/"+id+"/draft", map[string]string{"html": "<p>v2</p>"}); code != 200 || m["status"] != StatusPublishedWithChanges {
		t.Fatalf("draft update: %d %v", code, m)
	}
	_, live := call(t, s, fullKey, "GET", "/articles/"+id+"?expand[]=content", nil)
	if htmlOf(live) != "<p>v1</p>" {
		t.Errorf("published content after draft edit = %q, want v1 still live", htmlOf(live))
	}
	_, l := call(t, s, fullKey, "GET", "/articles/drafts?status=published_with_changes", nil)
	if l["count"].(float64) != 1 {
		t.Errorf("drafts?status=published_with_changes count = %v, want 1", l["count"])
	}
	if code, m := call(t, s, fullKey, "POST", "/articles/"+id+"/draft/discard", nil); code != 200 || m["status"] != StatusPublished || htmlOf(m) != "<p>v1</p>" {
		t.Errorf("discard: %d %v", code, m)
	}
}

func TestTranslationRules(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{})
	id := s.AddArticle(Article{Draft: Version{Title: "Install", HTML: "<p>x</p>"}})
	base := "/articles/" + id + "/translations/"

	tests := []struct {
		name, method, path string
		body               any
		status             int
		code               string
	}{
		// "The language must be in the center's additional_languages array."
		{"language not enabled", "PATCH", base + "es/draft", map[string]string{"title": "Instalar"}, 400, "invalid_language"},
		{"default language is not a translation", "PATCH", base + "en/draft", map[string]string{"title": "x"}, 400, "invalid_language"},
		{"empty draft update", "PATCH", base + "fr/draft", map[string]string{}, 400, "missing_required_field"},
		{"create translation draft", "PATCH", base + "fr/draft", map[string]string{"title": "Installer", "html": "<p>fr</p>"}, 200, ""},
		// "The main article must be published before you can publish any translations."
		{"publish before root", "POST", base + "fr/publish", nil, 400, "root_not_published"},
		{"publish root", "POST", "/articles/" + id + "/publish", nil, 200, ""},
		{"publish translation", "POST", base + "fr/publish", nil, 200, ""},
		{"published translation readable", "GET", base + "fr", nil, 200, ""},
		{"missing translation", "GET", base + "de/draft", nil, 404, "not_found"},
		// "When unpublishing the main article, all translations are also unpublished."
		{"unpublish root", "POST", "/articles/" + id + "/unpublish", nil, 200, ""},
		{"translation unpublished with root", "GET", base + "fr", nil, 404, "not_found"},
		{"delete translation", "DELETE", base + "fr", nil, 204, ""},
		{"deleted translation", "GET", base + "fr/draft", nil, 404, "not_found"},
	}
	for _, tt := range tests { // sequential: each step builds on the last
		code, m := call(t, s, fullKey, tt.method, tt.path, tt.body)
		if code != tt.status || errCode(m) != tt.code {
			t.Fatalf("%s: %d %q, want %d %q (%v)", tt.name, code, errCode(m), tt.status, tt.code, m)
		}
	}
	a, _ := s.Article(id)
	if a.Published != nil || len(a.Translations) != 0 {
		t.Errorf("final state: published %v, translations %v", a.Published, a.Translations)
	}
}

func TestAuthAndScopes(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{})
	tests := []struct {
		name, key, method, path string
		status                  int
		code                    string
	}{
		{"no key", "", "GET", "", 401, "invalid_api_key"},
		{"unknown key", "nope", "GET", "", 401, "invalid_api_key"},
		{"read key reads", readKey, "GET", "/articles", 200, ""},
		{"read key cannot create", readKey, "POST", "/articles", 403, "insufficient_scope"},
		// Scopes are checked before lookup: a missing id still says 403.
		{"read key cannot publish", readKey, "POST", "/articles/nope/publish", 403, "insufficient_scope"},
		{"read key cannot delete", readKey, "DELETE", "/articles/nope", 403, "insufficient_scope"},
		{"full key publishing a missing article", fullKey, "POST", "/articles/nope/publish", 404, "not_found"},
		{"unknown endpoint", fullKey, "GET", "/nothing", 404, "endpoint_not_found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, m := call(t, s, tt.key, tt.method, tt.path, map[string]string{})
			if code != tt.status || errCode(m) != tt.code {
				t.Errorf("%d %q, want %d %q (%v)", code, errCode(m), tt.status, tt.code, m)
			}
		})
	}
	_, m := call(t, s, readKey, "POST", "/articles/x/publish", nil)
	if msg := m["error"].(map[string]any)["message"]; msg != "You do not have the 'content.publish' scope" {
		t.Errorf("scope message = %q", msg)
	}
}

func TestCategories(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{})
	code, m := call(t, s, fullKey, "POST", "/articles/categories", map[string]string{"name": "Getting Started"})
	if code != 201 {
		t.Fatalf("create: %d %v", code, m)
	}
	parent := m["data"].([]any)[0].(map[string]any)["id"].(string)
	code, m = call(t, s, fullKey, "POST", "/articles/categories", map[string]string{"name": "Install", "parent_id": parent})
	if code != 201 {
		t.Fatalf("create child: %d %v", code, m)
	}
	child := m["data"].([]any)[0].(map[string]any)["children"].([]any)[0].(map[string]any)["id"].(string)
	if code, m := call(t, s, fullKey, "POST", "/articles/categories", map[string]string{"name": "Deep", "parent_id": child}); code != 400 {
		t.Errorf("grandchild: %d %v, want 400 (one level of subcategories)", code, m)
	}
	if code, m := call(t, s, fullKey, "PATCH", "/articles/categories/"+child, map[string]any{"translations": map[string]any{"es": map[string]string{"name": "Instalar"}}}); code != 400 || errCode(m) != "invalid_language" {
		t.Errorf("translation in a language not configured: %d %v, want 400", code, m)
	}
	if code, _ := call(t, s, fullKey, "PATCH", "/articles/categories/"+child, map[string]any{"translations": map[string]any{"de": map[string]string{"name": "Installation"}}}); code != 200 {
		t.Errorf("translation in de: %d", code)
	}
	if got := s.Categories()[1].Translations["de"].Name; got != "Installation" {
		t.Errorf("de name of the subcategory = %q", got)
	}
	s.AddArticle(Article{CategoryID: child, Draft: Version{Title: "A"}})
	code, m = call(t, s, fullKey, "DELETE", "/articles/categories/"+parent, nil)
	if code != 400 || errCode(m) != "category_has_articles" {
		t.Errorf("delete with articles in a subcategory: %d %v, want 400 category_has_articles", code, m)
	}
	if code, _ := call(t, s, fullKey, "PATCH", "/articles/categories/"+parent, map[string]string{"name": "Start"}); code != 200 {
		t.Errorf("rename: %d", code)
	}
	if got := s.Categories()[0].Name; got != "Start" {
		t.Errorf("renamed category = %q", got)
	}
}

func TestPagination(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{})
	for i := 0; i < 5; i++ {
		s.AddArticle(Article{Draft: Version{Title: "A"}})
	}
	var seen []string
	after := ""
	for pages := 0; ; pages++ {
		path := "/articles/drafts?limit=2"
		if after != "" {
			path += "&starting_after=" + after
		}
		code, m := call(t, s, fullKey, "GET", path, nil)
		if code != 200 {
			t.Fatalf("page %d: %d %v", pages, code, m)
		}
		for _, a := range m["data"].([]any) {
			seen = append(seen, a.(map[string]any)["id"].(string))
		}
		if m["has_more"] != true {
			break
		}
		after = seen[len(seen)-1]
	}
	if len(seen) != 5 {
		t.Errorf("paged through %d articles, want 5", len(seen))
	}
	if code, _ := call(t, s, fullKey, "GET", "/articles?limit=101", nil); code != 400 {
		t.Errorf("limit=101: %d, want 400", code)
	}
}

func TestSanitizesHTML(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{})
	_, a := call(t, s, fullKey, "POST", "/articles", map[string]any{"title": "X",
		"content": map[string]string{"html": `<p onclick="x()">Hi<script>alert(1)</script> <a href="javascript:x()">l</a></p>`}})
	if got, want := htmlOf(a), `<p>Hi <a>l</a></p>`; got != want {
		t.Errorf("stored html = %q, want %q", got, want)
	}
}

// TestRateLimit: "100 requests per minute per API key (burst up to
// 200)": a key idle for long may send twice the limit at once, and the
// request after that burst is refused.
func TestRateLimit(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{RateLimit: 2, RateWindow: time.Hour})
	for i := 0; i < 4; i++ {
		call(t, s, fullKey, "GET", "", nil)
	}
	req, _ := http.NewRequest("GET", s.URL+"/v0/centers/"+s.CenterID, nil)
	req.Header.Set("Authorization", "Bearer "+fullKey)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var m map[string]any
	json.NewDecoder(resp.Body).Decode(&m)
	if resp.StatusCode != 429 || errCode(m) != "rate_limited" {
		t.Errorf("fifth request: %d %v, want 429 rate_limited", resp.StatusCode, m)
	}
	if resp.Header.Get("X-RateLimit-Limit") != "2" || resp.Header.Get("X-RateLimit-Remaining") != "0" || resp.Header.Get("X-RateLimit-Reset") == "" {
		t.Errorf("rate headers = %v", resp.Header)
	}
}

func TestImageUpload(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{})
	upload := func(name, ctype string, data []byte) (int, map[string]any) {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		h := make(map[string][]string)
		h["Content-Disposition"] = []string{`form-data; name="image"; filename="` + name + `"`}
		h["Content-Type"] = []string{ctype}
		w, _ := mw.CreatePart(h)
		w.Write(data)
		mw.Close()
		req, _ := http.NewRequest("POST", s.URL+"/v0/centers/"+s.CenterID+"/articles/images", &buf)
		req.Header.Set("Authorization", "Bearer "+fullKey)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var m map[string]any
		json.NewDecoder(resp.Body).Decode(&m)
		return resp.StatusCode, m
	}
	code, m := upload("shot.png", "image/png", []byte("\x89PNG fake"))
	data, _ := m["data"].(map[string]any)
	if code != 200 || m["success"] != true || !strings.HasPrefix(data["url"].(string), "https://cdn.help.center/images/") {
		t.Errorf("png upload: %d %v", code, m)
	}
	if code, _ := upload("notes.txt", "text/plain", []byte("x")); code != 400 {
		t.Errorf("text upload: %d, want 400", code)
	}
}

// A metadata write's seo is the full SEO object (SKILL.md, "Update
// Article Metadata"): it replaces what the article or translation had,
// fields it leaves out included, and keeps fields the documentation does
// not name.
func TestSEOIsReplaced(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{})
	seo := SEO{MetaTitle: "Set in the dashboard", MetaDesc: "old", Other: map[string]json.RawMessage{"ogImage": json.RawMessage(`"https://x/og.png"`)}}
	id := s.AddArticle(Article{Draft: Version{Title: "Install"}, SEO: seo,
		Translations: map[string]*Translation{"fr": {Draft: Version{Title: "Installer"}, SEO: seo}}})
	tests := []struct {
		name, path string
		body       any
		want       map[string]any
	}{
		{"article, one field", "/articles/" + id, map[string]any{"seo": map[string]string{"metaDesc": "new"}},
			map[string]any{"metaTitle": "", "metaDesc": "new"}},
		{"article, whole object", "/articles/" + id, map[string]any{"seo": map[string]string{"metaTitle": "T", "metaDesc": "D", "canonical": "c"}},
			map[string]any{"metaTitle": "T", "metaDesc": "D", "canonical": "c"}},
		{"article, the other spelling", "/articles/" + id, map[string]any{"seo": map[string]string{"title": "T2"}},
			map[string]any{"metaTitle": "T2", "metaDesc": ""}},
		{"translation, one field", "/articles/" + id + "/translations/fr", map[string]any{"seo": map[string]string{"metaDesc": "nouveau"}},
			map[string]any{"metaTitle": "", "metaDesc": "nouveau"}},
	}
	for _, tt := range tests {
		if code, m := call(t, s, fullKey, "PATCH", tt.path+"/metadata", tt.body); code != 200 {
			t.Fatalf("%s: %d %v", tt.name, code, m)
		}
		_, m := call(t, s, fullKey, "GET", tt.path+"/draft", nil)
		got, _ := json.Marshal(m["seo"])
		want, _ := json.Marshal(tt.want)
		if string(got) != string(want) {
			t.Errorf("%s: seo = %s, want %s", tt.name, got, want)
		}
	}
	// A write without seo leaves it.
	s2 := newTestServer(t, Options{})
	id = s2.AddArticle(Article{Draft: Version{Title: "Install"}, SEO: seo})
	if code, m := call(t, s2, fullKey, "PATCH", "/articles/"+id+"/metadata", map[string]string{"slug": "install"}); code != 200 {
		t.Fatalf("slug write: %d %v", code, m)
	}
	if a, _ := s2.Article(id); a.SEO.MetaTitle != seo.MetaTitle || a.SEO.MetaDesc != seo.MetaDesc || string(a.SEO.Other["ogImage"]) != `"https://x/og.png"` {
		t.Errorf("a write without seo changed it: %+v", a.SEO)
	}
	if code, m := call(t, s2, fullKey, "PATCH", "/articles/"+id+"/metadata", map[string]any{"seo": map[string]int{"metaTitle": 3}}); code != 400 || errCode(m) != "invalid_parameter" {
		t.Errorf("seo.metaTitle a number: %d %v, want 400 invalid_parameter", code, m)
	}
}

// TestSlugify: slugs are URL-friendly ASCII, "Título del artículo"
// giving "articulo" in the documentation's example.
func TestSlugify(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"Título del artículo":               "titulo-del-articulo",
		"Getting Started":                   "getting-started",
		"Réinitialiser — étape 2":           "reinitialiser-etape-2",
		"Café & Crème brûlée: Straße Œuvre": "cafe-creme-brulee-strasse-oeuvre",
		"  --Ünïcödé!!  ":                   "unicode",
		"v2.0 (beta)":                       "v2-0-beta",
		"日本語":                               "",
	}
	for title, want := range tests {
		if got := slugify(title); got != want {
			t.Errorf("slugify(%q) = %q, want %q", title, got, want)
		}
	}
}
