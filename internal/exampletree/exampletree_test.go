package exampletree

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCopyIsAsCommitted: a copy holds nothing an apply of the example
// writes, whether or not the README's main job ran in this working copy.
func TestCopyIsAsCommitted(t *testing.T) {
	dst := t.TempDir()
	Copy(t, filepath.Join("..", "..", "testdata", "example"), dst)
	err := filepath.WalkDir(dst, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if strings.HasPrefix(d.Name(), ".hcsync") {
			t.Errorf("%s: copied what apply leaves", path)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if strings.Contains(string(StripIDs(data)), "\nid:") && strings.HasSuffix(path, ".md") {
			t.Errorf("%s: an id: survived the copy", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestStripIDs(t *testing.T) {
	tests := []struct{ in, want string }{
		{"---\ntitle: A\nid: 12\n---\nBody\nid: kept\n", "---\ntitle: A\n---\nBody\nid: kept\n"},
		{"---\nid: 7\n---\n", "---\n---\n"},
		{"no front-matter\nid: 1\n", "no front-matter\nid: 1\n"},
		{"---\ntitle: A\n  id: nested\n---\n", "---\ntitle: A\n  id: nested\n---\n"},
	}
	for _, tt := range tests {
		if got := string(StripIDs([]byte(tt.in))); got != tt.want {
			t.Errorf("StripIDs(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
