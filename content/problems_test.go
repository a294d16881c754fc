package content

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/diag"
)

// writeTree writes files (slash path -> content) under a fresh temp dir
// and returns it.
func writeTree(t testing.TB, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for rel, content := range files {
		path := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// problemStrings loads root and returns its problems as strings; it
// fails the test on any error that is not diag.Problems.
func problemStrings(t *testing.T, root string) []string {
	t.Helper()
	_, err := Load(root, LoadOptions{DefaultLocale: "en-us"})
	if err == nil {
		return nil
	}
	var ps diag.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("Load: %v, want diag.Problems", err)
	}
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.String()
	}
	return out
}

const okSource = "---\ntitle: Install\n---\nBody\n"

func TestLoadProblems(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{
			name:  "broken YAML reports the parser's line in the file",
			files: map[string]string{"s/a.md": "---\ntitle: A\nlabels: [x,\n---\nbody\n"},
			want:  []string{"s/a.md:4: invalid YAML: did not find expected node content"},
		},
		{
			name:  "broken YAML on the first key line",
			files: map[string]string{"s/a.md": "\n---\ntitle: a: b\n---\n"},
			want:  []string{"s/a.md:3: invalid YAML: mapping values are not allowed in this context"},
		},
		{
			name:  "unknown key with a suggestion",
			files: map[string]string{"getting-started/install.md": "---\ntitle: Install\nlabls: [a]\n---\n"},
			want:  []string{`getting-started/install.md:3: unknown key "labls" (did you mean "labels"?)`},
		},
		{
			name:  "unknown key without a close match",
			files: map[string]string{"s/a.md": "---\ntitle: A\nfavourite_colour: blue\n---\n"},
			want:  []string{`s/a.md:3: unknown key "favourite_colour": remove it, or list it under front_matter.ignore in hcsync.yaml`},
		},
		{
			name: "wrong value types",
			files: map[string]string{"s/a.md": "---\ntitle: A\nlabels: 3\ndraft: maybe\nposition: x\n" +
				"promoted: [true]\nsegments: [a, [b]]\nid: true\n---\n"},
			want: []string{
				"s/a.md:3: labels: want a list like [a, b], got 3",
				`s/a.md:4: draft: want true or false, got "maybe"`,
				`s/a.md:5: position: want a whole number, got "x"`,
				"s/a.md:6: promoted: want true or false, got a list",
				"s/a.md:7: segments: want a list of names, got an item that is a list",
				"s/a.md:8: id: want a number or text, got true",
			},
		},
		{
			name:  "missing title",
			files: map[string]string{"s/a.md": "---\nlabels: [a]\n---\nbody\n"},
			want:  []string{"s/a.md:1: missing title: add a title: line to the front-matter"},
		},
		{
			name: "empty title",
			files: map[string]string{
				"s/a.md": "---\ntitle:\n---\n",
				"s/b.md": "---\ntitle: \"  \"\n---\n",
			},
			want: []string{"s/a.md:2: title is empty", "s/b.md:2: title is empty"},
		},
		{
			name: "article-level keys in a translation",
			files: map[string]string{
				"s/a.md":    okSource,
				"s/a.fr.md": "---\ntitle: A\nlabels: [x]\nid: 4\nslug: a\n---\n",
			},
			want: []string{
				`s/a.fr.md:3: key "labels" belongs in the source file s/a.md: a translation may set only title, draft, description, slug, source_commit, source_hash`,
				`s/a.fr.md:4: key "id" belongs in the source file s/a.md: a translation may set only title, draft, description, slug, source_commit, source_hash`,
			},
		},
		{
			name:  "translation without a source",
			files: map[string]string{"s/setup.api.md": okSource},
			want:  []string{`s/setup.api.md: translation without a source file s/setup.md: add it, or rename this file if "api" is not a locale`},
		},
		{
			name: "two translation files for one locale",
			files: map[string]string{
				"s/a.md":       okSource,
				"s/a.pt-br.md": okSource,
				"s/a.pt_BR.md": okSource,
			},
			want: []string{"s/a.pt_BR.md: second pt-br translation of s/a.md (the first is s/a.pt-br.md): remove one"},
		},
		{
			name: "translation in the source's own locale",
			files: map[string]string{
				"s/a.md":       "---\ntitle: A\nlocale: de\n---\n",
				"s/a.DE.md":    okSource,
				"s/a.en-us.md": okSource,
			},
			want: []string{"s/a.DE.md: translation in the source's own locale de: merge it into s/a.md or change the suffix"},
		},
		{
			name: "two files claiming one id",
			files: map[string]string{
				"s/a.md":        "---\ntitle: A\nid: 42\n---\n",
				"t/b.md":        "---\ntitle: B\nid: \"42\"\n---\n",
				"s/_section.md": "---\nid: 7\n---\n",
				"t/_section.md": "---\nid: 7\n---\n",
			},
			want: []string{
				"t/_section.md:2: id 7 is also claimed by s/_section.md: one remote section can back only one folder; remove one of the two",
				"t/b.md:3: id 42 is also claimed by s/a.md: one remote article can back only one file; remove one of the two",
			},
		},
		{
			name:  "locale that is not a code",
			files: map[string]string{"s/a.md": "---\ntitle: A\nlocale: english\n---\n"},
			want:  []string{`s/a.md:3: locale "english" is not a locale code (like en-us, fr, pt-br)`},
		},
		{
			name:  "unterminated front-matter",
			files: map[string]string{"s/a.md": "\n---\ntitle: A\n\nbody without end\n"},
			want:  []string{"s/a.md:2: front-matter is never closed: add a --- line after its last key"},
		},
		{
			name:  "file without front-matter",
			files: map[string]string{"s/a.md": "# Just Markdown\n\n---\n"},
			want:  []string{"s/a.md:1: no front-matter: start the file with a --- line, a title: line and another --- line"},
		},
		{
			name:  "section file with unknown keys",
			files: map[string]string{"s/_section.md": "---\ntitle: S\ncategory: c\npositon: 2\n---\n", "s/a.md": okSource},
			want: []string{
				`s/_section.md:3: unknown key "category": remove it, or list it under front_matter.ignore in hcsync.yaml`,
				`s/_section.md:4: unknown key "positon" (did you mean "position"?)`,
			},
		},
		{
			name:  "non-UTF-8 file names the line of the bad byte",
			files: map[string]string{"s/a.md": "---\ntitle: Caf\xe9\n---\n"},
			want:  []string{"s/a.md:2: not valid UTF-8: save the file as UTF-8"},
		},
		{
			name:  "key written twice",
			files: map[string]string{"s/a.md": "---\ntitle: A\ndraft: true\ndraft: false\n---\n"},
			want:  []string{`s/a.md:4: key "draft" is written twice (first at line 3): keep one`},
		},
		{
			name: "a second YAML document in the front-matter",
			files: map[string]string{
				"s/a.md": "---\ntitle: A\n--- x\n---\n",
				"s/b.md": "---\ntitle: B\n...\nid: 1\n---\n",
			},
			want: []string{
				"s/a.md:3: front-matter holds a second YAML document: remove the ... or --- line before it",
				"s/b.md:4: invalid YAML: did not find expected <document start>",
			},
		},
		{
			name:  "stray carriage return",
			files: map[string]string{"s/a.md": "---\ntitle: A\rid: 3\n---\n"},
			want:  []string{"s/a.md:2: stray carriage return (CR) in the front-matter: save the file with LF or CRLF line endings"},
		},
		{
			name:  "front-matter that is not a mapping",
			files: map[string]string{"s/a.md": "---\n- title\n---\n"},
			want:  []string{"s/a.md:2: front-matter must be key: value lines, not a list"},
		},
		{
			name:  "article at the top of the tree without section:",
			files: map[string]string{"a.md": okSource, "b.md": "---\ntitle: B\nsection: Guides\n---\n"},
			want:  []string{"a.md: article is not in a section: move it into a folder or add section: to its front-matter"},
		},
		{
			name:  "both _section.md and _category.md",
			files: map[string]string{"s/_section.md": "---\ntitle: S\n---\n", "s/_category.md": "---\ntitle: C\n---\n", "s/a.md": okSource},
			want:  []string{"s/_section.md: folder has both _category.md and _section.md: keep one"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := problemStrings(t, writeTree(t, tt.files))
			if !slices.Equal(got, tt.want) {
				t.Errorf("problems:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}

// TestLoadReportsEveryProblem checks that one run finds the problems of
// every file, in file and line order, rather than stopping at the first.
func TestLoadReportsEveryProblem(t *testing.T) {
	t.Parallel()
	root := writeTree(t, map[string]string{
		"guides/a.md":        "---\ntitle: A\nlabls: [x]\nposition: x\n---\n",
		"guides/a.fr.md":     "---\ntitle: A\nsection: s\n---\n",
		"guides/b.md":        "---\ntitle: B\nid: 1\n---\n",
		"guides/c.md":        "---\ntitle: C\nid: 1\n---\n",
		"guides/d.md":        "no front-matter\n",
		"guides/e.md":        "---\ntitle: [x\n---\n",
		"guides/f.de.md":     okSource,
		"guides/_section.md": "---\ntitel: Guides\n---\n",
	})
	want := []string{
		`guides/_section.md:2: unknown key "titel" (did you mean "title"?)`,
		`guides/a.fr.md:3: key "section" belongs in the source file guides/a.md: a translation may set only title, draft, description, slug, source_commit, source_hash`,
		`guides/a.md:3: unknown key "labls" (did you mean "labels"?)`,
		`guides/a.md:4: position: want a whole number, got "x"`,
		`guides/c.md:3: id 1 is also claimed by guides/b.md: one remote article can back only one file; remove one of the two`,
		`guides/d.md:1: no front-matter: start the file with a --- line, a title: line and another --- line`,
		`guides/e.md:3: invalid YAML: did not find expected ',' or ']'`,
		`guides/f.de.md: translation without a source file guides/f.md: add it, or rename this file if "de" is not a locale`,
	}
	got := problemStrings(t, root)
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

// TestRootArticles: with RootArticles, a file at the top of the tree is
// an article in no section, and its translation belongs to it.
func TestRootArticles(t *testing.T) {
	t.Parallel()
	root := writeTree(t, map[string]string{
		"welcome.md":    "---\ntitle: Welcome\n---\nHi.\n",
		"welcome.fr.md": "---\ntitle: Bienvenue\n---\nSalut.\n",
		"s/a.md":        okSource,
	})
	tree, err := Load(root, LoadOptions{DefaultLocale: "en", RootArticles: true})
	if err != nil {
		t.Fatal(err)
	}
	var welcome *Article
	for _, a := range tree.Articles {
		if a.Path == "welcome.md" {
			welcome = a
		}
	}
	if welcome == nil || welcome.Dir != "" || welcome.Section != "" || len(welcome.Translations) != 2 {
		t.Fatalf("welcome.md = %+v", welcome)
	}
	if len(tree.Sections) != 1 || tree.Sections[0].Dir != "s" {
		t.Errorf("sections = %+v, want only s (the top is no section)", tree.Sections)
	}
}
