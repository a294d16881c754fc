package bench

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/apply"
	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/providers/local"
)

// TestGenerateLinksAndImages checks that a tree generated with links
// and images is one hcsync accepts: every link and image points at a file
// of the tree, link cycles included, and after an apply to the local
// provider the next plan is empty.
func TestGenerateLinksAndImages(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	root := filepath.Join(dir, "docs")
	files, err := Generate(root, Tree{Articles: 30, Locales: 2, PerSection: 10, Links: true, Images: true})
	if err != nil {
		t.Fatal(err)
	}
	// 30 articles × 2 locales and one image for each of 3 sections.
	if files != 63 {
		t.Errorf("Generate wrote %d files, want 63", files)
	}
	ref := regexp.MustCompile(`\]\(([^)]+\.(?:md|png))\)`)
	refs := 0
	err = filepath.Walk(root, func(path string, info os.FileInfo, err error) error {
		if err != nil || !strings.HasSuffix(path, ".md") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range ref.FindAllStringSubmatch(string(data), -1) {
			refs++
			if _, err := os.Stat(filepath.Join(filepath.Dir(path), filepath.FromSlash(m[1]))); err != nil {
				t.Errorf("%s: %s points at no file", path, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Each file shows one image and links to two articles.
	if refs != 60*3 {
		t.Errorf("found %d links and images, want %d", refs, 60*3)
	}

	prov, err := local.New(local.Options{Dir: filepath.Join(dir, "hc"), DefaultLocale: "en-us"})
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{root: root, prov: prov}
	ex := &apply.Executor{Provider: prov, Concurrency: 4, Root: root, WriteID: func(file, id string) error {
		return content.WriteID(filepath.Join(root, filepath.FromSlash(file)), id)
	}}
	if rep := ex.Apply(context.Background(), f.plan(t)); !rep.OK() {
		t.Fatalf("apply: %d failed", rep.Failed)
	}
	if p := f.plan(t); !p.Empty() {
		t.Errorf("plan after apply has %d changes, want none", len(p.Changes))
	}
}

// TestGenerateDefaultsUnchanged pins the bodies existing callers get
// without Links or Images: no related links, no image, no images folder.
func TestGenerateDefaultsUnchanged(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	files, err := Generate(root, Tree{Articles: 2, Locales: 2})
	if err != nil {
		t.Fatal(err)
	}
	if files != 4 {
		t.Errorf("Generate wrote %d files, want 4", files)
	}
	data, err := os.ReadFile(filepath.Join(root, "category-000", "section-0000", "article-00001.md"))
	if err != nil {
		t.Fatal(err)
	}
	body := string(data)
	if !strings.HasPrefix(body, "---\ntitle: Article 1 (en-us)\nlabels: [topic-1, area-1]\nposition: 1\n---\n") {
		t.Errorf("front-matter changed:\n%s", body)
	}
	if strings.Contains(body, "## Related") || strings.Contains(body, "![") {
		t.Errorf("default body has links or images:\n%s", body)
	}
	if _, err := os.Stat(filepath.Join(root, "category-000", "section-0000", "images")); !os.IsNotExist(err) {
		t.Errorf("default tree has an images folder (stat: %v)", err)
	}
}
