package atomicfile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteReplacesWholeWithMode(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "a.json")
	if err := Write(path, []byte("one"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Write(path, []byte("two"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil || string(got) != "two" {
		t.Fatalf("read %q, %v; want two", got, err)
	}
	info, _ := os.Stat(path)
	if info.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", info.Mode().Perm())
	}
	left, _ := os.ReadDir(filepath.Dir(path))
	if len(left) != 1 {
		t.Errorf("the folder holds %d files, want the file alone (no temporary file left)", len(left))
	}
}

func TestWriteInStaysInside(t *testing.T) {
	dir, out := t.TempDir(), t.TempDir()
	if err := os.Symlink(out, filepath.Join(dir, "link")); err != nil {
		t.Skip("no symlinks:", err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	if err := WriteIn(root, "link/a.md", []byte("x"), 0o644); err == nil {
		t.Fatal("wrote through a link out of the root")
	}
	if err := WriteIn(root, "../a.md", []byte("x"), 0o644); err == nil {
		t.Fatal(`wrote to ".."`)
	}
	if left, _ := os.ReadDir(out); len(left) != 0 {
		t.Errorf("%d files outside the root", len(left))
	}
}

func TestWriteErrorNamesThePathNotTheTemporaryFile(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "a.md"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "a.md", "keep"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	err := Write(filepath.Join(dir, "a.md"), []byte("x"), 0o644) // a folder is in the way
	if err == nil {
		t.Fatal("replaced a folder that holds files")
	}
	if msg := err.Error(); !strings.Contains(msg, "a.md") || strings.Contains(msg, ".tmp") {
		t.Errorf("error %q: want the path named and no temporary file", msg)
	}
}
