package content

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteID(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, id, want string
	}{
		{
			name: "replaces an existing id",
			in:   "---\ntitle: A\nid: 17\nlabels: [x]\n---\nbody\n",
			id:   "42",
			want: "---\ntitle: A\nid: 42\nlabels: [x]\n---\nbody\n",
		},
		{
			name: "keeps the comment after an existing id",
			in:   "---\ntitle: A\nid: \"17\"   # from export\n---\n",
			id:   "42",
			want: "---\ntitle: A\nid: 42   # from export\n---\n",
		},
		{
			name: "fills an empty id",
			in:   "---\ntitle: A\nid:\n---\n",
			id:   "42",
			want: "---\ntitle: A\nid: 42\n---\n",
		},
		{
			name: "inserts after a quoted title whose continuation line starts with #",
			in:   "---\ntitle: \"A\n#B\"\n---\n",
			id:   "42",
			want: "---\ntitle: \"A\n#B\"\nid: 42\n---\n",
		},
		{
			name: "inserts after the title",
			in:   "---\ntitle: A\n# about labels\nlabels: [x]\n---\nbody\n",
			id:   "42",
			want: "---\ntitle: A\nid: 42\n# about labels\nlabels: [x]\n---\nbody\n",
		},
		{
			name: "inserts after a title that spans lines",
			in:   "---\ntitle: >\n  A long\n  title\n\ndraft: true\n---\n",
			id:   "42",
			want: "---\ntitle: >\n  A long\n  title\n\nid: 42\ndraft: true\n---\n",
		},
		{
			name: "inserts as the first key without a title",
			in:   "---\ndraft: true\n---\n",
			id:   "42",
			want: "---\nid: 42\ndraft: true\n---\n",
		},
		{
			name: "keeps CRLF line endings",
			in:   "---\r\ntitle: A\r\ndraft: false\r\n---\r\nline one\r\nline two\r\n",
			id:   "42",
			want: "---\r\ntitle: A\r\nid: 42\r\ndraft: false\r\n---\r\nline one\r\nline two\r\n",
		},
		{
			name: "replaces under CRLF",
			in:   "---\r\nid: 1\r\ntitle: A\r\n---\r\n",
			id:   "42",
			want: "---\r\nid: 42\r\ntitle: A\r\n---\r\n",
		},
		{
			name: "a quoted title containing id: is not an id",
			in:   "---\ntitle: \"Where is my\n  id: card?\"\nlocale: en-us\n---\n",
			id:   "42",
			want: "---\ntitle: \"Where is my\n  id: card?\"\nid: 42\nlocale: en-us\n---\n",
		},
		{
			name: "id: lines in the body and in a block value are left alone",
			in:   "---\ntitle: A\ndescription: |\n  id: 5\n---\nid: 9\n\n```yaml\nid: 10\n```\n",
			id:   "42",
			want: "---\ntitle: A\nid: 42\ndescription: |\n  id: 5\n---\nid: 9\n\n```yaml\nid: 10\n```\n",
		},
		{
			name: "a non-numeric id is quoted",
			in:   "---\ntitle: A\n---\n",
			id:   "a1: b",
			want: "---\ntitle: A\nid: \"a1: b\"\n---\n",
		},
		{
			name: "front-matter closed at the end of the file",
			in:   "---\ntitle: A\n---",
			id:   "42",
			want: "---\ntitle: A\nid: 42\n---",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), "a.md")
			if err := os.WriteFile(path, []byte(tt.in), 0o640); err != nil {
				t.Fatal(err)
			}
			if err := WriteID(path, tt.id); err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("file after WriteID:\n%q\nwant:\n%q", got, tt.want)
			}
			info, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if info.Mode().Perm() != 0o640 {
				t.Errorf("mode %v, want -rw-r-----", info.Mode().Perm())
			}
			entries, _ := os.ReadDir(filepath.Dir(path))
			if len(entries) != 1 {
				t.Errorf("folder holds %d entries after WriteID, want only the file", len(entries))
			}
		})
	}
}

func TestWriteIDRefuses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, id, want string
	}{
		{"no front-matter", "# Title\n", "1", "a.md: the file has no front-matter"},
		{"unterminated", "---\ntitle: A\n", "1", "a.md:1: front-matter is never closed"},
		{"broken YAML", "---\ntitle: [A\n---\n", "1", "a.md:3: invalid YAML"},
		{"empty id", "---\ntitle: A\n---\n", " ", "the id is empty"},
		{"id over several lines", "---\nid: >\n  12\n---\n", "1", "a.md:2: the id value spans several lines"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), "a.md")
			if err := os.WriteFile(path, []byte(tt.in), 0o644); err != nil {
				t.Fatal(err)
			}
			err := WriteID(path, tt.id)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("WriteID error = %v, want one containing %q", err, tt.want)
			}
			got, _ := os.ReadFile(path)
			if string(got) != tt.in {
				t.Errorf("file changed on error: %q", got)
			}
		})
	}
}

// TestWriteIDThenLoad checks the promise apply relies on: after WriteID
// the loader sees the id and the very same body.
func TestWriteIDThenLoad(t *testing.T) {
	t.Parallel()
	root := writeTree(t, map[string]string{
		"s/a.md": "---\r\ntitle: A\r\n---\r\n\r\nid: not this\r\n",
	})
	before, err := Load(root, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteID(filepath.Join(root, "s", "a.md"), "9001"); err != nil {
		t.Fatal(err)
	}
	after, err := Load(root, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	a, b := before.Articles[0], after.Articles[0]
	if b.ID != "9001" || b.IDLine != 3 {
		t.Errorf("id %q at line %d, want 9001 at line 3", b.ID, b.IDLine)
	}
	if string(a.Source().Body) != string(b.Source().Body) || b.Source().BodyLine != a.Source().BodyLine+1 {
		t.Errorf("body %q@%d after WriteID, was %q@%d", b.Source().Body, b.Source().BodyLine, a.Source().Body, a.Source().BodyLine)
	}
}

// TestWriteSectionID: a folder's _section.md or _category.md takes its
// id like an article does, and is created (or given a front-matter)
// when it has none, so that the folder stays bound to the remote one
// after a rename; the loader then reads the id on the right folder.
func TestWriteSectionID(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, file, in, want string
		exists               bool
	}{
		{name: "creates a missing _section.md", file: "guides/setup/_section.md", want: "---\nid: 42\n---\n"},
		{name: "creates a missing _category.md", file: "guides/_category.md", want: "---\nid: 42\n---\n"},
		{name: "adds a front-matter to a file with only text", file: "guides/setup/_section.md", exists: true,
			in: "Notes for writers.\n", want: "---\nid: 42\n---\nNotes for writers.\n"},
		{name: "edits an existing front-matter minimally", file: "guides/setup/_section.md", exists: true,
			in: "---\ntitle: Setting up # shown to readers\nposition: 2\n---\n", want: "---\ntitle: Setting up # shown to readers\nid: 42\nposition: 2\n---\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			root := writeTree(t, map[string]string{"guides/setup/a.md": "---\ntitle: A\n---\n"})
			path := filepath.Join(root, filepath.FromSlash(tt.file))
			if tt.exists {
				if err := os.WriteFile(path, []byte(tt.in), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if err := WriteID(path, "42"); err != nil {
				t.Fatal(err)
			}
			if got := readString(t, path); got != tt.want {
				t.Errorf("%s after WriteID:\n%q\nwant\n%q", tt.file, got, tt.want)
			}
			tree, err := Load(root, LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			dir := filepath.ToSlash(filepath.Dir(tt.file))
			for _, s := range tree.Sections {
				if s.Dir == dir && (s.ID != "42" || s.File != tt.file) {
					t.Errorf("folder %s loads with id %q from %q, want 42 from %s", dir, s.ID, s.File, tt.file)
				}
			}
		})
	}
}

func readString(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
