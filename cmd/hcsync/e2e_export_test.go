package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/providers/zendesk"
	"github.com/hcsync/hcsync/providers/zendesk/zendesktest"
)

// TestExportEndToEnd exports the example help center (after applying the
// example tree to the local provider) and plans the exported tree with
// the hcsync.yaml export wrote: the promise is no changes.
func TestExportEndToEnd(t *testing.T) {
	dir := copyTree(t, "../../testdata/example")
	mustApply(t, dir, nil)

	res := runCLI(t, dir, nil, "export", "--out", "exported")
	if res.code != 0 {
		t.Fatalf("export: exit %d\nstdout: %s\nstderr: %s", res.code, res.stdout, res.stderr)
	}
	if !strings.Contains(res.stdout, "Exported 9 articles, 7 translations, 2 images, 4 sections and 2 categories into exported.") {
		t.Errorf("summary does not count 9 articles, 7 translations, 2 images, 4 sections and 2 categories:\n%s", res.stdout)
	}
	out := filepath.Join(dir, "exported")
	if _, err := os.Stat(filepath.Join(out, "hcsync.yaml")); err != nil {
		t.Fatalf("no hcsync.yaml written beside the tree: %v", err)
	}
	// Links between articles became relative .md links, and images were
	// downloaded beside the articles that show them.
	tree := snapshot(t, out)
	if !strings.Contains(tree, ".md)") || !strings.Contains(tree, "](images/") || !strings.Contains(tree, "/images/.hcsync-sources.json\n") {
		t.Errorf("no relative .md link, local image or images sidecar in the exported tree")
	}
	pl := runCLI(t, dir, nil, "plan", "-c", "exported/hcsync.yaml", "--detailed-exitcode")
	if pl.code != 0 || !strings.Contains(pl.stdout, "No changes") {
		t.Fatalf("plan of the exported tree: exit %d, want 0 and no changes\nstdout: %s\nstderr: %s", pl.code, pl.stdout, pl.stderr)
	}
}

// TestExportRefusesNonEmpty: without --force, a folder with anything in
// it is left exactly as it was and the exit code says so.
func TestExportRefusesNonEmpty(t *testing.T) {
	dir := copyTree(t, "../../testdata/example")
	mustApply(t, dir, nil)
	out := filepath.Join(dir, "docs")
	before := snapshot(t, out)

	res := runCLI(t, dir, nil, "export", "--out", "docs")
	if res.code == 0 {
		t.Fatalf("export into a non-empty folder exited 0\nstdout: %s", res.stdout)
	}
	if !strings.Contains(res.stderr, "not empty") || !strings.Contains(res.stderr, "--force") {
		t.Errorf("error does not say the folder is not empty and how to go on:\n%s", res.stderr)
	}
	if after := snapshot(t, out); after != before {
		t.Errorf("a refused export changed the folder:\nbefore:\n%s\nafter:\n%s", before, after)
	}

	forced := runCLI(t, dir, nil, "export", "--out", "docs", "--force")
	if forced.code != 0 {
		t.Fatalf("export --force: exit %d\nstderr: %s", forced.code, forced.stderr)
	}
}

// snapshot lists every file under dir with its content.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		b.WriteString(path + "\n" + string(data) + "\n")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestExportEndToEndZendesk exports a Zendesk help center whose image was
// uploaded by its editors, under a name without a content hash: by
// default the image is downloaded into images/ with a sidecar recording
// its URL, and the plan of the exported tree is empty all the same; with
// --keep-urls the image stays a URL.
func TestExportEndToEndZendesk(t *testing.T) {
	fake := zendesktest.New(zendesktest.Options{Email: "writer@example.com", APIToken: zdToken})
	defer fake.Close()
	p, err := zendesk.New(zendesk.Options{BaseURL: fake.URL, Email: fake.Email(), APIToken: fake.APIToken(), PermissionGroup: "Admins", HTTPClient: fake.Client()})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	cat, err := p.CreateSection(ctx, providers.SectionInput{Kind: providers.KindCategory, Name: "Guides"})
	if err != nil {
		t.Fatal(err)
	}
	sec, err := p.CreateSection(ctx, providers.SectionInput{Kind: providers.KindSection, Name: "Setup", ParentID: cat.ID})
	if err != nil {
		t.Fatal(err)
	}
	png := []byte("\x89PNG\r\n\x1a\n a screenshot")
	imgURL, err := p.UploadImage(ctx, providers.Image{Name: "settings.png", ContentType: "image/png", Data: png})
	if err != nil {
		t.Fatal(err)
	}
	for _, title := range []string{"Open the settings", "Change the plan"} {
		body := `<p>` + title + `.</p><p><img src="` + imgURL + `" alt="The settings screen"></p>`
		if _, err := p.CreateArticle(ctx, providers.ArticleInput{SectionID: sec.ID, Source: providers.TranslationInput{Locale: "en-us", Title: title, Body: body}}); err != nil {
			t.Fatal(err)
		}
	}
	dir := zendeskTree(t, fake.URL)
	env := []string{"ZENDESK_EMAIL=writer@example.com", "ZENDESK_API_TOKEN=" + zdToken}

	res := runCLI(t, dir, env, "export", "--out", "exported")
	if res.code != 0 || !strings.Contains(res.stdout, "2 articles, 0 translations, 1 image,") {
		t.Fatalf("export: exit %d, want 0 and 2 articles with 1 image\nstdout: %s\nstderr: %s", res.code, res.stdout, res.stderr)
	}
	images := filepath.Join(dir, "exported", "guides", "setup", "images")
	if got, err := os.ReadFile(filepath.Join(images, "settings.png")); err != nil || string(got) != string(png) {
		t.Fatalf("images/settings.png = %q, %v; want the uploaded bytes", got, err)
	}
	var sources map[string]struct{ SHA256, URL string }
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(images, ".hcsync-sources.json"))), &sources); err != nil {
		t.Fatal(err)
	}
	if s := sources["settings.png"]; s.URL != imgURL || len(s.SHA256) != 64 {
		t.Errorf("sidecar entry for settings.png = %+v, want its URL %s and sha256", s, imgURL)
	}
	pl := runCLI(t, dir, env, "plan", "-c", "exported/hcsync.yaml", "--detailed-exitcode")
	if pl.code != 0 || !strings.Contains(pl.stdout, "No changes") {
		t.Fatalf("plan of the exported tree: exit %d, want 0 and no changes\nstdout: %s\nstderr: %s", pl.code, pl.stdout, pl.stderr)
	}

	kept := runCLI(t, dir, env, "export", "--out", "kept", "--keep-urls")
	if kept.code != 0 || !strings.Contains(kept.stdout, "0 images") {
		t.Fatalf("export --keep-urls: exit %d, want 0 and no image\nstdout: %s\nstderr: %s", kept.code, kept.stdout, kept.stderr)
	}
	if tree := snapshot(t, filepath.Join(dir, "kept")); !strings.Contains(tree, "]("+imgURL+")") {
		t.Errorf("export --keep-urls does not keep the image URL %s", imgURL)
	}
}
