package content

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// golden compares got with the file testdata/content/name, or rewrites
// it with -update.
func golden(t *testing.T, name string, got string) {
	t.Helper()
	path := filepath.Join("..", "testdata", "content", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("tree differs from %s (go test -update rewrites it):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// dump prints a tree in a stable, readable form for golden files.
func dump(tree *Tree) string {
	var b strings.Builder
	for _, s := range tree.Sections {
		pos := "-"
		if s.Position != nil {
			pos = fmt.Sprint(*s.Position)
		}
		kind := "section"
		if s.Category {
			kind = "category"
		}
		fmt.Fprintf(&b, "%s %q parent=%q name=%q id=%q description=%q position=%s file=%q\n",
			kind, s.Dir, s.Parent, s.Name, s.ID, s.Description, pos, s.File)
	}
	for _, a := range tree.Articles {
		fmt.Fprintf(&b, "article %q dir=%q id=%q@%d locale=%q section=%q@%d\n", a.Path, a.Dir, a.ID, a.IDLine, a.Locale, a.Section, a.SectionLine)
		fmt.Fprintf(&b, "  labels=%s content_tags=%s segments=%s permission_group=%s promoted=%s position=%s comments_disabled=%s\n",
			show(a.Labels), show(a.ContentTags), show(a.Segments), show(a.PermissionGroup), show(a.Promoted), show(a.Position), show(a.CommentsDisabled))
		fmt.Fprintf(&b, "  keys=%s\n", showLines(a.KeyLines))
		for _, tr := range a.Translations {
			fmt.Fprintf(&b, "  %s %q title=%q draft=%t description=%s slug=%s keys=%s\n", tr.Locale, tr.Path, tr.Title, tr.Draft, show(tr.Description), show(tr.Slug), showLines(tr.KeyLines))
			fmt.Fprintf(&b, "    body@%d=%q\n", tr.BodyLine, tr.Body)
		}
	}
	return b.String()
}

func show[T any](p *T) string {
	if p == nil {
		return "-"
	}
	return fmt.Sprintf("%v", *p)
}

func showLines(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k, l := range m {
		keys = append(keys, fmt.Sprintf("%s:%d", k, l))
	}
	slices.Sort(keys)
	return strings.Join(keys, ",")
}

func TestLoadGoodTree(t *testing.T) {
	t.Parallel()
	tree, err := Load(filepath.Join("..", "testdata", "content", "basic"), LoadOptions{DefaultLocale: "en-us"})
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "basic.golden", dump(tree))
}

func TestLoadDraftInheritance(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, source, translation string
		want                      bool
	}{
		{"translation without draft: inherits a draft source", "draft: true\n", "", true},
		{"translation without draft: inherits a published source", "draft: false\n", "", false},
		{"translation's own draft: wins", "draft: true\n", "draft: false\n", false},
		{"neither says: published", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			root := writeTree(t, map[string]string{
				"s/a.md":    "---\ntitle: A\n" + tt.source + "---\n",
				"s/a.fr.md": "---\ntitle: B\n" + tt.translation + "---\n",
			})
			tree, err := Load(root, LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if got := tree.Articles[0].Translation("fr").Draft; got != tt.want {
				t.Errorf("fr draft = %t, want %t", got, tt.want)
			}
		})
	}
}

func TestLoadLocales(t *testing.T) {
	t.Parallel()
	root := writeTree(t, map[string]string{
		"s/a.md":       "---\ntitle: A\n---\n",
		"s/a.en-us.md": "---\ntitle: A (US)\n---\n",
		"s/b.md":       "---\ntitle: B\nlocale: pt-br\n---\n",
		"s/b.fr.md":    "---\ntitle: B (fr)\n---\n",
	})
	tree, err := Load(root, LoadOptions{DefaultLocale: "en-gb"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range tree.Articles {
		for _, tr := range a.Translations {
			got = append(got, tr.Path+"="+tr.Locale)
		}
	}
	want := []string{"s/a.md=en-gb", "s/a.en-us.md=en-us", "s/b.md=pt-br", "s/b.fr.md=fr"}
	if !slices.Equal(got, want) {
		t.Errorf("locales %v, want %v", got, want)
	}

	// Without a default, files without locale: are en-us, the config's
	// default; en-us is then the source's own locale.
	_, err = Load(root, LoadOptions{})
	if err == nil || !strings.Contains(err.Error(), "s/a.en-us.md: translation in the source's own locale en-us") {
		t.Errorf("Load without DefaultLocale: %v, want the en-us file reported", err)
	}
}

func TestLoadBodyAfterBOMAndBlankLines(t *testing.T) {
	t.Parallel()
	root := writeTree(t, map[string]string{
		"s/a.md": "\xef\xbb\xbf\n\n---\ntitle: A\n---\n\nText\n",
	})
	tree, err := Load(root, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	src := tree.Articles[0].Source()
	if string(src.Body) != "\nText\n" || src.BodyLine != 6 || src.KeyLines["title"] != 4 {
		t.Errorf("body %q at line %d, title at line %d; want %q at 6, title at 4", src.Body, src.BodyLine, src.KeyLines["title"], "\nText\n")
	}
}

func TestLoadRootErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	file := filepath.Join(dir, "file.md")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ root, want string }{
		{filepath.Join(dir, "missing"), "does not exist: create it or set content: in hcsync.yaml"},
		{file, "is a file, not a folder"},
	} {
		if _, err := Load(tt.root, LoadOptions{}); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Load(%s) = %v, want an error containing %q", tt.root, err, tt.want)
		}
	}
}
