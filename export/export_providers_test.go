package export

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/planner"
	"github.com/hcsync/hcsync/providers"
)

// The promise, for each remote provider: seed its fake through the
// adapter, export, plan the tree against the same fake: no changes.
func TestExportRoundTripProviders(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		new  func(t *testing.T) providers.Provider
	}{
		{"zendesk", newExportZendesk},
		{"intercom", newExportIntercom},
		{"helpcenter", newExportHelpCenter},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := tt.new(t)
			seedHelpCenter(t, p)
			// Images stay URLs (--keep-urls); TestExportImagesRoundTrip
			// downloads them.
			res, pl, _ := roundTrip(t, p, Options{RelativeLinks: true}, planner.Options{})
			assertNoChanges(t, pl)
			if res.Articles != 52 {
				t.Errorf("exported %d articles, want 52", res.Articles)
			}
		})
	}
}

// TestExportLinksByAnySlug: on Zendesk a body may link an article by its
// html_url, by its URL without the slug, or by an older title's slug;
// export makes each a relative link, and the plan of the export is
// empty.
func TestExportLinksByAnySlug(t *testing.T) {
	t.Parallel()
	p := newExportZendesk(t)
	ctx := context.Background()
	cat, err := p.CreateSection(ctx, providers.SectionInput{Kind: providers.KindCategory, Name: "Guides", Locale: "en-us"})
	if err != nil {
		t.Fatal(err)
	}
	sec, err := p.CreateSection(ctx, providers.SectionInput{Kind: providers.KindSection, Name: "Basics", ParentID: cat.ID, Locale: "en-us"})
	if err != nil {
		t.Fatal(err)
	}
	board, err := p.CreateArticle(ctx, providers.ArticleInput{SectionID: sec.ID,
		Source: providers.TranslationInput{Locale: "en-us", Title: "The planning board", Body: "<p>Where work is planned.</p><h2>Columns</h2>"}})
	if err != nil {
		t.Fatal(err)
	}
	bt := board.Translations["en-us"]
	if bt == nil || bt.Permalink == "" || !strings.HasPrefix(bt.URL, bt.Permalink+"-") {
		t.Fatalf("the created article's translation: %+v", bt)
	}
	// One paragraph each: within one block, export gives a file one URL
	// (its check that the block comes back unchanged needs one), and
	// keeps other forms as they are, which plans as no change too.
	body := fmt.Sprintf(`<p><a href="%s">now</a></p><p><a href="%s#columns">no slug</a></p><p><a href="%s-The-board">old title</a>.</p>`, bt.URL, bt.Permalink, bt.Permalink)
	if _, err := p.CreateArticle(ctx, providers.ArticleInput{SectionID: sec.ID,
		Source: providers.TranslationInput{Locale: "en-us", Title: "Linker", Body: body}}); err != nil {
		t.Fatal(err)
	}
	_, pl, dir := roundTrip(t, p, Options{RelativeLinks: true}, planner.Options{})
	assertNoChanges(t, pl)
	md, err := os.ReadFile(filepath.Join(dir, "guides", "basics", "linker.md"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(md), "(the-planning-board.md"); n != 3 {
		t.Errorf("linker.md links the board %d times by its file, want 3:\n%s", n, md)
	}
}
