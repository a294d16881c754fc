package sync

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/providers/local"
)

// roundTrip exports p into a temp folder, loads the tree back and plans
// it against p. It returns the export and the plan, which the promise
// says is empty.
func roundTrip(t *testing.T, p providers.Provider, opts ExportOptions, planOpts Options) (*ExportResult, *Plan, string) {
	t.Helper()
	ctx := context.Background()
	res, err := Export(ctx, p, opts)
	if err != nil {
		t.Fatalf("export: %v", err)
	}
	dir := t.TempDir()
	if err := res.Write(dir); err != nil {
		t.Fatalf("write: %v", err)
	}
	tree, err := content.Load(dir, content.LoadOptions{DefaultLocale: res.DefaultLocale})
	if err != nil {
		t.Fatalf("loading the exported tree: %v", err)
	}
	remote, err := Fetch(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	planOpts.Provider, planOpts.Caps, planOpts.DefaultLocale = p.Name(), p.Capabilities(), res.DefaultLocale
	plan, err := NewPlan(tree, remote, planOpts)
	if err != nil {
		t.Fatalf("plan of the exported tree: %v", err)
	}
	return res, plan, dir
}

// assertNoChanges fails with the plan's text when it has changes.
func assertNoChanges(t *testing.T, plan *Plan) {
	t.Helper()
	if plan.Empty() && len(plan.Unmanaged) == 0 {
		return
	}
	var buf bytes.Buffer
	_ = WriteText(&buf, plan)
	t.Fatalf("export then plan: %d changes, %d unmanaged, want none:\n%s", len(plan.Changes), len(plan.Unmanaged), buf.String())
}

func newExportLocal(t *testing.T) *local.Provider {
	t.Helper()
	p, err := local.New(local.Options{Dir: t.TempDir(), Locales: []string{"en-us", "fr", "de"}, DefaultLocale: "en-us"})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestExportRoundTripLocal(t *testing.T) {
	t.Parallel()
	p := newExportLocal(t)
	seedHelpCenter(t, p)
	res, plan, dir := roundTrip(t, p, ExportOptions{RelativeLinks: true, LocalImages: true}, Options{})
	assertNoChanges(t, plan)
	if res.Articles != 52 || res.Translations != 52 {
		t.Errorf("exported %d articles and %d translations, want 52 and 52", res.Articles, res.Translations)
	}
	// Callouts and videos are kept as HTML, and counted.
	raw := 0
	for _, b := range res.Bodies {
		raw += b.RawBlocks
		if b.Lossy {
			t.Errorf("%s: lossy", b.File)
		}
	}
	if raw == 0 {
		t.Errorf("no body reported raw HTML blocks; the seed has callouts and videos")
	}
	// Two sections named alike get two folders.
	if _, err := os.Stat(filepath.Join(dir, "category-1-getting-started", "section-1-1-2", "_section.md")); err != nil {
		t.Errorf("second section of the same name: %v", err)
	}
}

func TestExportFrontMatter(t *testing.T) {
	t.Parallel()
	p := newExportLocal(t)
	ctx := context.Background()
	cat, _ := p.CreateSection(ctx, providers.SectionInput{Kind: providers.KindCategory, Name: "Guides"})
	sec, _ := p.CreateSection(ctx, providers.SectionInput{Kind: providers.KindSection, Name: "First steps", ParentID: cat.ID})
	a, err := p.CreateArticle(ctx, providers.ArticleInput{SectionID: sec.ID,
		ArticleMeta: providers.ArticleMeta{Labels: &[]string{"b", "a"}, Segments: &[]string{"Staff"}, PermissionGroup: ptr("Admins"), Position: ptr(3)},
		Source:      providers.TranslationInput{Locale: "en-us", Title: "true", Body: "<p>Hi <strong>there</strong></p>", Draft: true}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.CreateTranslation(ctx, a.ID, providers.TranslationInput{Locale: "fr", Title: "Salut: le monde", Body: "<p>Salut</p>"}); err != nil {
		t.Fatal(err)
	}
	res, err := Export(ctx, p, ExportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, f := range res.Files {
		files[f.Path] = string(f.Data)
	}
	want := map[string]string{
		"guides/_category.md":            "---\ntitle: Guides\nid: " + cat.ID + "\n---\n",
		"guides/first-steps/_section.md": "---\ntitle: First steps\nid: " + sec.ID + "\n---\n",
		"guides/first-steps/true.md":     "---\ntitle: \"true\"\nid: " + a.ID + "\nlabels: [a, b]\ncontent_tags: []\nsegments: [Staff]\npermission_group: Admins\ndraft: true\npromoted: false\nposition: 3\ncomments_disabled: false\n---\n\nHi **there**\n",
		"guides/first-steps/true.fr.md":  "---\ntitle: 'Salut: le monde'\ndraft: false\n---\n\nSalut\n",
	}
	for name, text := range want {
		if files[name] != text {
			t.Errorf("%s =\n%s\nwant\n%s", name, files[name], text)
		}
	}
	if len(files) != len(want) {
		t.Errorf("files = %v, want %d", fileNames(files), len(want))
	}
}

func fileNames(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestExportWriteRefusesEscape(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	res := &ExportResult{Files: []ExportFile{{Path: "ok.md", Data: []byte("x")}, {Path: "../evil.md", Data: []byte("x")}}}
	err := res.Write(filepath.Join(dir, "out"))
	if err == nil || !strings.Contains(err.Error(), "outside") {
		t.Fatalf("Write with ../ path: err = %v, want refusal", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "out", "ok.md")); !os.IsNotExist(err) {
		t.Errorf("a refused export wrote files: %v", err)
	}
}
