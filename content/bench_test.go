package content

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// BenchmarkLoad loads a generated tree of 2,000 articles in 4 locales
// (8,000 files in 40 sections under 4 categories), the size of a large
// Zendesk help center.
func BenchmarkLoad(b *testing.B) {
	root := benchTree(b)
	b.ResetTimer()
	for b.Loop() {
		tree, err := Load(root, LoadOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if len(tree.Articles) != 2000 || len(tree.Articles[0].Translations) != 4 {
			b.Fatalf("loaded %d articles", len(tree.Articles))
		}
	}
	b.ReportMetric(8000*float64(b.N)/b.Elapsed().Seconds(), "files/s")
}

// BenchmarkLoadCached loads the same tree through a warm LoadCache, read
// from its file each time as a re-plan does: every file is stat'ed, none
// is read.
func BenchmarkLoadCached(b *testing.B) {
	root := benchTree(b)
	old := time.Now().Add(-time.Hour)
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			os.Chtimes(p, old, old)
		}
		return err
	})
	path := filepath.Join(b.TempDir(), "tree.bin")
	c := ReadLoadCache(path)
	if _, err := Load(root, LoadOptions{Cache: c}); err != nil {
		b.Fatal(err)
	}
	if err := c.Save(path); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		c := ReadLoadCache(path)
		if _, err := Load(root, LoadOptions{Cache: c}); err != nil {
			b.Fatal(err)
		}
		if c.Hits() != 8000 {
			b.Fatalf("%d of 8000 files from the cache", c.Hits())
		}
	}
	b.ReportMetric(8000*float64(b.N)/b.Elapsed().Seconds(), "files/s")
}

// benchTree writes the tree of BenchmarkLoad.
func benchTree(b *testing.B) string {
	root := b.TempDir()
	body := strings.Repeat("Some *Markdown* with a [link](../other.md) and `code`.\n\n", 40)
	for i := range 2000 {
		dir := filepath.Join(root, fmt.Sprintf("category-%d", i%4), fmt.Sprintf("section-%d", i%40))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			b.Fatal(err)
		}
		name := fmt.Sprintf("article-%d", i)
		files := map[string]string{
			name + ".md": fmt.Sprintf("---\ntitle: Article %d\nid: %d\nlabels: [a, b]\nposition: %d\ndraft: false\n---\n%s", i, 1000+i, i, body),
		}
		for _, loc := range []string{"fr", "de", "pt-br"} {
			files[name+"."+loc+".md"] = fmt.Sprintf("---\ntitle: Article %d (%s)\n---\n%s", i, loc, body)
		}
		for n, content := range files {
			if err := os.WriteFile(filepath.Join(dir, n), []byte(content), 0o644); err != nil {
				b.Fatal(err)
			}
		}
	}
	return root
}

// BenchmarkParseFrontMatter parses the front-matter of typical files:
// the per-file cost that Load pays 8,000 times above, without the disk.
func BenchmarkParseFrontMatter(b *testing.B) {
	body := strings.Repeat("Some *Markdown* with a [link](../other.md) and `code`.\n\n", 40)
	files := []struct {
		rel  string
		kind fileKind
		data []byte
	}{
		{"s/a.md", sourceFile, []byte("---\ntitle: Article 1 (en-us)\nid: 1221\nlabels: [topic-1, area-1]\nposition: 1\ndraft: true\n---\n" + body)},
		{"s/a.fr.md", translationFile, []byte("---\ntitle: Article 1 (fr)\n---\n" + body)},
		{"s/b.md", sourceFile, []byte("---\ntitle: \"Billing & payments: FAQ\"\nsection: billing\nsegments:\n  - staff\n  - agents\npromoted: false\n---\n" + body)},
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range files {
			if pf := parseFile(f.rel, f.kind, f.data); len(pf.problems) > 0 || pf.fm == nil {
				b.Fatalf("%q: %v", f.data, pf.problems)
			}
		}
	}
}
