package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestApplyIDNotWritten: when the help center took every change but an
// id could not be written back, apply exits 1 and says that, rather than
// "0 change(s) failed, 0 skipped".
func TestApplyIDNotWritten(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "hcsync.yaml"), "provider: local\ncontent: docs\ndefault_locale: en-us\nlocal:\n  dir: .hcsync/local\n  locales: [en-us]\n")
	// A one-line {...} front-matter loads, but the id cannot be added
	// to it without rewriting the mapping.
	writeFile(t, filepath.Join(dir, "docs/guides/setup/a.md"), "---\n{title: A}\n---\nHello.\n")
	res := runCLI(t, dir, nil, "apply")
	if res.code != exitError {
		t.Fatalf("apply: exit %d, want %d\nstderr: %s", res.code, exitError, res.stderr)
	}
	last := strings.TrimSpace(res.stderr[strings.LastIndex(strings.TrimSpace(res.stderr), "\n")+1:])
	if strings.Contains(last, "0 change(s) failed") || !strings.Contains(last, "id") {
		t.Errorf("apply's error: %q, want it to say an id was not written", last)
	}
}
