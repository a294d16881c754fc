package zendesktest

import (
	"net/http"
	"strconv"
	"testing"
)

// TestRedirectRules replays the reference's examples (Redirect Rules:
// Set a redirect rule, Search, Show, Delete) and its rule that a
// redirect takes effect only where the page would answer 404.
func TestRedirectRules(t *testing.T) {
	t.Parallel()
	s := newFake(t, Options{})
	// The reference's example body: 204 No Content.
	st, _, body := call(t, s, "POST", "/api/v2/guide/redirect_rules", `{"redirect_rule":{"redirect_from":"/hc/en-us/articles/123","redirect_status":301,"redirect_to":"https://support.example.com/hc/en-us/456"}}`)
	if st != http.StatusNoContent || body != nil {
		t.Fatalf("set = %d %v, want 204 and no body", st, body)
	}
	// The same redirect_from again updates the rule rather than adding one.
	if st, _, _ := call(t, s, "POST", "/api/v2/guide/redirect_rules", `{"redirect_rule":{"redirect_from":"/hc/en-us/articles/123","redirect_status":"302","redirect_to":"/hc/en-us/articles/789"}}`); st != http.StatusNoContent {
		t.Fatalf("second set = %d, want 204", st)
	}
	s.AddRedirect("/hc/fr/articles/123", "/hc/fr/articles/789")
	_, _, body = call(t, s, "GET", "/api/v2/guide/redirect_rules?sort=redirect_from&page[size]=1", "")
	recs := body["records"].([]any)
	meta := body["meta"].(map[string]any)
	if len(recs) != 1 || meta["has_more"] != true {
		t.Fatalf("first page = %v, want one record and has_more", body)
	}
	r := recs[0].(map[string]any)
	if r["redirect_from"] != "/hc/en-us/articles/123" || r["redirect_to"] != "/hc/en-us/articles/789" || r["redirect_status"] != "302" || r["brand_id"] == nil {
		t.Errorf("rule = %v, want the updated en-us rule, status as a string", r)
	}
	id := r["id"].(string)
	if st, _, body := call(t, s, "GET", "/api/v2/guide/redirect_rules/"+id, ""); st != 200 || body["redirect_rule"].(map[string]any)["id"] != id {
		t.Errorf("show = %d %v", st, body)
	}

	bad := []string{
		`{"redirect_rule":{"redirect_from":"hc/x","redirect_status":301,"redirect_to":"/y"}}`,
		`{"redirect_rule":{"redirect_from":"/x","redirect_status":301,"redirect_to":"ftp://y"}}`,
		`{"redirect_rule":{"redirect_from":"/x","redirect_status":200,"redirect_to":"/y"}}`,
	}
	for _, b := range bad {
		if st, _, body := call(t, s, "POST", "/api/v2/guide/redirect_rules", b); st != http.StatusBadRequest || body["errors"] == nil {
			t.Errorf("%s = %d %v, want 400 in the guide error shape", b, st, body)
		}
	}
	if st, _, _ := call(t, s, "GET", "/api/v2/guide/redirect_rules?sort=title", ""); st != http.StatusBadRequest {
		t.Errorf("an unknown sort = %d, want 400", st)
	}

	// A page that is served is not redirected; once archived, it is.
	aid := strconv.FormatInt(s.AddArticle(s.AddSection(s.AddCategory("C"), 0, "S"), "en-us", "Old", "<p>x</p>"), 10)
	s.AddRedirect("/hc/en-us/articles/"+aid, "/hc/en-us/articles/789")
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	page := func() *http.Response {
		resp, err := noFollow.Get(s.URL + "/hc/en-us/articles/" + aid + "-old")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	if resp := page(); resp.StatusCode != 200 {
		t.Errorf("a live article's page = %d, want 200 despite the rule", resp.StatusCode)
	}
	if st, _, _ := call(t, s, "DELETE", "/api/v2/help_center/articles/"+aid, ""); st != http.StatusNoContent {
		t.Fatalf("archive = %d", st)
	}
	if resp := page(); resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/hc/en-us/articles/789" {
		t.Errorf("the archived article's page = %d to %q, want 301 to its rule's target", resp.StatusCode, resp.Header.Get("Location"))
	}

	if st, _, _ := call(t, s, "DELETE", "/api/v2/guide/redirect_rules/"+id, ""); st != http.StatusNoContent {
		t.Errorf("delete = %d, want 204", st)
	}
	if st, _, _ := call(t, s, "DELETE", "/api/v2/guide/redirect_rules/"+id, ""); st != http.StatusNotFound {
		t.Errorf("delete again = %d, want 404", st)
	}
	if n := len(s.Redirects()); n != 2 {
		t.Errorf("%d rules left, want 2", n)
	}
}
