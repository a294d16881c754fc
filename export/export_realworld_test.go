package export

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/planner"
	"github.com/hcsync/hcsync/providers"
)

// TestExportRealWorld puts HTML no one here wrote (the Go project's
// documentation pages, testdata/export/realworld/SOURCES.md) into a help
// center, one article per page, and checks the promise on it: export
// then plan shows no changes. It logs how many bodies Markdown expressed
// whole and which kept blocks as HTML (run with -v to see them).
func TestExportRealWorld(t *testing.T) {
	t.Parallel()
	dir := "../testdata/export/realworld"
	files, err := filepath.Glob(filepath.Join(dir, "*.html"))
	if err != nil || len(files) < 20 {
		t.Fatalf("want at least 20 real-world bodies in %s, found %d (%v)", dir, len(files), err)
	}
	sort.Strings(files)
	ctx := context.Background()
	p := newExportLocal(t)
	cat, err := p.CreateSection(ctx, providers.SectionInput{Kind: providers.KindCategory, Name: "Go"})
	if err != nil {
		t.Fatal(err)
	}
	sec, err := p.CreateSection(ctx, providers.SectionInput{Kind: providers.KindSection, Name: "Docs", ParentID: cat.ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		title := strings.TrimSuffix(filepath.Base(f), ".html")
		if _, err := p.CreateArticle(ctx, providers.ArticleInput{SectionID: sec.ID, Source: providers.TranslationInput{Locale: "en-us", Title: title, Body: string(body)}}); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
	}
	res, pl, _ := roundTrip(t, p, Options{}, planner.Options{})
	assertNoChanges(t, pl)

	whole := len(files) - len(res.Bodies)
	t.Logf("%d of %d real-world bodies are Markdown throughout; the rest keep some blocks as HTML:", whole, len(files))
	for _, b := range res.Bodies {
		t.Logf("  %s: %d of %d blocks kept as HTML (lossy: %v)", b.File, b.RawBlocks, b.Blocks, b.Lossy)
	}
}
