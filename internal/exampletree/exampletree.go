// Package exampletree gives tests a pristine copy of testdata/example.
//
// The README's main job applies the example to the local provider in
// place: it writes ids into the files, section ids into _section.md and
// _category.md, and the help center into .hcsync/. Tests must pass
// before and after that, any number of times, so they never read the
// working copy as it is: they copy it and take back what apply wrote.
// The committed example carries no id: (a test holds it to that), so
// every id: in a copy's front-matter is one apply wrote.
package exampletree

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Copy copies the example folder src into dst (made if missing) as it
// was committed: without the local help center and lock an apply leaves
// beside the config, and without the id: lines apply wrote into
// front-matter.
func Copy(t testing.TB, src, dst string) {
	t.Helper()
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{".hcsync", ".hcsync.lock"} {
		if err := os.RemoveAll(filepath.Join(dst, name)); err != nil {
			t.Fatal(err)
		}
	}
	err := filepath.WalkDir(dst, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if out := StripIDs(data); !bytes.Equal(out, data) {
			return os.WriteFile(path, out, 0o644)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// idLine is a top-level id: key with its value on its own line.
var idLine = regexp.MustCompile(`(?m)^id:[^\n]*\n`)

// StripIDs returns data without the id: lines of its front-matter (the
// block between the first two --- lines); the body is left alone.
func StripIDs(data []byte) []byte {
	if !bytes.HasPrefix(data, []byte("---\n")) {
		return data
	}
	end := bytes.Index(data[4:], []byte("\n---\n"))
	if end < 0 {
		return data
	}
	end += 4 + 1 // through the newline before the closing ---
	fm := idLine.ReplaceAll(data[:end], nil)
	return append(fm, data[end:]...)
}
