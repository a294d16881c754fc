package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// docsDir is the committed command reference.
var docsDir = filepath.Join("..", "..", "docs", "cli")

// docs/cli/ is what hcsync docs writes from the commands: a flag added or
// reworded without regenerating it fails here. Regenerate with
// go run ./cmd/hcsync docs --out docs/cli (or go test -update).
func TestDocsAreCurrent(t *testing.T) {
	dir := docsDir
	if !*update {
		dir = t.TempDir()
	}
	if code, _, stderr := runApp(t, "docs", "--out", dir); code != exitOK {
		t.Fatalf("docs: exit %d: %s", code, stderr)
	}
	want, got := readDir(t, dir), readDir(t, docsDir)
	for name, page := range want {
		if got[name] != page {
			t.Errorf("docs/cli/%s is stale: run go run ./cmd/hcsync docs --out docs/cli", name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("docs/cli/%s documents no command: delete it", name)
		}
	}
}

// The reference covers every command a user can run, and not the hidden
// docs command itself.
func TestDocsCoverCommands(t *testing.T) {
	pages := readDir(t, docsDir)
	var names []string
	for name := range pages {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, want := range []string{"hcsync.md", "hcsync_plan.md", "hcsync_apply.md", "hcsync_validate.md", "hcsync_write-ids.md", "hcsync_completion_bash.md", "hcsync_version.md"} {
		if _, ok := pages[want]; !ok {
			t.Errorf("docs/cli has no %s: %v", want, names)
		}
	}
	if _, ok := pages["hcsync_docs.md"]; ok {
		t.Errorf("docs/cli documents the hidden docs command")
	}
	if !strings.Contains(pages["hcsync_plan.md"], "--detailed-exitcode") {
		t.Errorf("hcsync_plan.md does not list --detailed-exitcode")
	}
	// hcsync alone runs nothing: its page offers commands and --version.
	if root := pages["hcsync.md"]; strings.Contains(root, "hcsync [flags]") || !strings.Contains(root, "--version") {
		t.Errorf("hcsync.md shows a synopsis hcsync [flags] or lacks --version:\n%s", root)
	}
}

// The man pages are written too.
func TestDocsMan(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := runApp(t, "docs", "--man", "--out", dir); code != exitOK {
		t.Fatalf("docs --man: exit %d: %s", code, stderr)
	}
	page, err := os.ReadFile(filepath.Join(dir, "hcsync-plan.1"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), ".TH \"HCSYNC\" \"1\"") || !strings.Contains(string(page), "detailed-exitcode") {
		t.Errorf("hcsync-plan.1 is not plan's man page:\n%s", page)
	}
}

// readDir returns the files of dir by name; none when dir is missing.
func readDir(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = string(data)
	}
	return files
}
