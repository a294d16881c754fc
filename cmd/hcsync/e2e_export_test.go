package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
	if !strings.Contains(res.stdout, "Exported 9 articles, 7 translations") {
		t.Errorf("summary does not count 9 articles and 7 translations:\n%s", res.stdout)
	}
	out := filepath.Join(dir, "exported")
	if _, err := os.Stat(filepath.Join(out, "hcsync.yaml")); err != nil {
		t.Fatalf("no hcsync.yaml written beside the tree: %v", err)
	}
	// Links between articles became relative .md links, and images were
	// downloaded beside the articles that show them.
	tree := snapshot(t, out)
	if !strings.Contains(tree, ".md)") || !strings.Contains(tree, "](images/") {
		t.Errorf("no relative .md link or local image in the exported tree")
	}
	plan := runCLI(t, dir, nil, "plan", "-c", "exported/hcsync.yaml", "--detailed-exitcode")
	if plan.code != 0 || !strings.Contains(plan.stdout, "No changes") {
		t.Fatalf("plan of the exported tree: exit %d, want 0 and no changes\nstdout: %s\nstderr: %s", plan.code, plan.stdout, plan.stderr)
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
