package export

import (
	"context"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/providers/helpcenter"
	"github.com/hcsync/hcsync/providers/helpcenter/helpcentertest"
)

// Articles and translations with unpublished edits are listed, and their
// published version is exported, or with Drafts their edits.
func TestExportPendingEdits(t *testing.T) {
	t.Parallel()
	const key = "hc-export-drafts-key-0123456789"
	fake := helpcentertest.NewServer(helpcentertest.Options{
		Keys: map[string][]string{key: helpcentertest.AllScopes}, RateLimit: noPacing,
	})
	t.Cleanup(fake.Close)
	cat := fake.AddCategory("Guides", "")
	live := func(title, html string) *helpcentertest.Version {
		return &helpcentertest.Version{Title: title, HTML: html}
	}
	fake.AddArticle(helpcentertest.Article{CategoryID: cat, Slug: "install",
		Published: live("Install", "<p>Old.</p>"), Draft: *live("Install it", "<p>New.</p>"),
		Translations: map[string]*helpcentertest.Translation{
			"fr": {Slug: "installer", Published: live("Installer", "<p>Ancien.</p>"), Draft: *live("Installer", "<p>Nouveau.</p>")},
			"de": {Slug: "installieren", Published: live("Installieren", "<p>Gleich.</p>"), Draft: *live("Installieren", "<p>Gleich.</p>")},
		}})
	fake.AddArticle(helpcentertest.Article{CategoryID: cat, Slug: "plain",
		Published: live("Plain", "<p>Same.</p>"), Draft: *live("Plain", "<p>Same.</p>")})
	p, err := helpcenter.New(helpcenter.Options{CenterID: fake.CenterID, APIKey: key, BaseURL: fake.URL, RequestsPerMinute: noPacing})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		drafts bool
		want   map[string][]string // file -> what it must hold
	}{
		{false, map[string][]string{
			"guides/install.md":    {"title: Install\n", "Old."},
			"guides/install.fr.md": {"Ancien."},
			"guides/install.de.md": {"Gleich."},
		}},
		{true, map[string][]string{
			"guides/install.md":    {"title: Install it\n", "New."},
			"guides/install.fr.md": {"Nouveau."},
			"guides/install.de.md": {"Gleich."},
		}},
	}
	for _, tt := range tests {
		res, err := Export(context.Background(), p, Options{Drafts: tt.drafts})
		if err != nil {
			t.Fatal(err)
		}
		wantPending := []PendingEdit{{File: "guides/install.fr.md"}, {File: "guides/install.md", Source: true}}
		if len(res.Pending) != 2 || res.Pending[0] != wantPending[0] || res.Pending[1] != wantPending[1] {
			t.Errorf("drafts %v: pending = %+v, want %+v", tt.drafts, res.Pending, wantPending)
		}
		files := map[string]string{}
		for _, f := range res.Files {
			files[f.Path] = string(f.Data)
		}
		for file, parts := range tt.want {
			for _, part := range parts {
				if !strings.Contains(files[file], part) {
					t.Errorf("drafts %v: %s =\n%s\nwant it to hold %q", tt.drafts, file, files[file], part)
				}
			}
		}
	}
}
