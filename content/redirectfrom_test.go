package content

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/diag"
)

func TestRedirectFrom(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		value   string
		want    []string
		problem string // part of the one problem expected, "" for none
	}{
		{"ids and paths", "[360001234567, /hc/en-us/articles/42, /old/page]", []string{"360001234567", "/hc/en-us/articles/42", "/old/page"}, ""},
		{"block list", "\n  - 7\n  - 8", []string{"7", "8"}, ""},
		{"a word", "[old-page]", nil, `a.md:3: redirect_from: "old-page" is neither an article id nor a path starting with /`},
		{"a full URL", "[https://old.example.com/x]", nil, "neither an article id nor a path"},
		{"not a list", "42", nil, "want a list like [a, b]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			root := writeTree(t, map[string]string{"s/a.md": "---\ntitle: A\nredirect_from: " + tt.value + "\n---\nBody\n"})
			tree, err := Load(root, LoadOptions{DefaultLocale: "en-us"})
			var ps diag.Problems
			if tt.problem == "" {
				if err != nil {
					t.Fatal(err)
				}
				if got := tree.Articles[0].RedirectFrom; !slices.Equal(got, tt.want) {
					t.Errorf("RedirectFrom = %q, want %q", got, tt.want)
				}
				return
			}
			if !errors.As(err, &ps) || len(ps) != 1 || !strings.Contains(ps[0].String(), tt.problem) {
				t.Fatalf("Load = %v, want one problem containing %q", err, tt.problem)
			}
		})
	}
	// An article-level key: a translation file may not carry it.
	root := writeTree(t, map[string]string{"s/a.md": "---\ntitle: A\n---\nBody\n", "s/a.fr.md": "---\ntitle: A\nredirect_from: [1]\n---\nCorps\n"})
	if _, err := Load(root, LoadOptions{DefaultLocale: "en-us"}); err == nil || !strings.Contains(err.Error(), "redirect_from") {
		t.Errorf("redirect_from in a translation: %v, want a problem naming it", err)
	}
}
