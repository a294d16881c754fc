package main

import (
	"testing"

	"github.com/hcsync/hcsync/providers/fakeserver"
)

func TestKind(t *testing.T) {
	t.Parallel()
	tests := []struct {
		method, path, want string
	}{
		{"GET", "/api/v2/help_center/articles.json", "GET /api/v2/help_center/articles.json"},
		{"GET", "/api/v2/help_center/en-us/articles.json", "GET /api/v2/help_center/{locale}/articles.json"},
		{"POST", "/api/v2/help_center/sections/360001/articles.json", "POST /api/v2/help_center/sections/{id}/articles.json"},
		{"PUT", "/api/v2/help_center/articles/42/translations/fr.json", "PUT /api/v2/help_center/articles/{id}/translations/{locale}.json"},
		{"GET", "/api/v2/help_center/articles/42/translations/pt-BR.json", "GET /api/v2/help_center/articles/{id}/translations/{locale}.json"},
		{"PATCH", "/v0/centers/ctr_test/articles/65f1a2b30000000000000012/translations/fr/draft", "PATCH /v0/centers/{id}/articles/{id}/translations/{locale}/draft"},
		{"GET", "/v0/centers/ctr_test/articles/drafts/count", "GET /v0/centers/{id}/articles/drafts/count"},
		{"PUT", "/articles/7", "PUT /articles/{id}"},
		{"GET", "/help_center/collections", "GET /help_center/collections"},
		// Words are not locales, even two-letter ones outside a locale's place.
		{"GET", "/hc/article_attachments/9/screen.png", "GET /hc/article_attachments/{id}/screen.png"},
	}
	for _, tt := range tests {
		if got := kind(tt.method, tt.path); got != tt.want {
			t.Errorf("kind(%s %s) = %q, want %q", tt.method, tt.path, got, tt.want)
		}
	}
}

func TestCount(t *testing.T) {
	t.Parallel()
	log := []fakeserver.Logged{
		{Method: "GET", Path: "/articles", Status: 200},
		{Method: "GET", Path: "/articles", Status: 200},
		{Method: "POST", Path: "/articles", Status: 429},
		{Method: "POST", Path: "/articles", Status: 200},
		{Method: "PUT", Path: "/articles/12", Status: 200},
	}
	c := count(log)
	if c.Reads != 2 || c.Writes != 3 || c.Throttled != 1 || c.Total() != 5 {
		t.Errorf("count = %d reads, %d writes, %d throttled; want 2, 3, 1", c.Reads, c.Writes, c.Throttled)
	}
	want := []string{"GET /articles", "POST /articles", "PUT /articles/{id}"}
	got := c.kinds()
	if len(got) != len(want) {
		t.Fatalf("kinds = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("kinds = %v, want %v (most requests first, then by name)", got, want)
		}
	}
	if c.ByKind["GET /articles"] != 2 {
		t.Errorf("GET /articles counted %d times, want 2", c.ByKind["GET /articles"])
	}
}
