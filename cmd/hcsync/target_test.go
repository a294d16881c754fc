package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestResolveTarget: --target is read from the working directory when
// the path exists there inside the content folder, and from the content
// folder otherwise; a path out of the content folder is a usage error.
func TestResolveTarget(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "docs/guides/a.md"), "---\ntitle: A\n---\n")
	writeFile(t, filepath.Join(root, "README.md"), "readme\n")
	content := filepath.Join(root, "docs")
	t.Chdir(root)
	tests := []struct {
		given, want string
		usage       bool
	}{
		{given: "docs/guides/a.md", want: "guides/a.md"},
		{given: "guides/a.md", want: "guides/a.md"},
		{given: "./guides/", want: "guides"},
		{given: "docs", want: "."},
		{given: filepath.Join(root, "docs/guides"), want: "guides"},
		{given: "guides/new.md", want: "guides/new.md"}, // matched against the tree later
		{given: "README.md", want: "README.md"},         // outside: read from the content folder
		{given: "../x.md", usage: true},
		{given: filepath.Join(root, "README.md"), usage: true},
		{given: filepath.Join(os.TempDir(), "nowhere-hcsync.md"), usage: true},
	}
	for _, tt := range tests {
		got, err := resolveTarget(content, tt.given)
		if tt.usage {
			if ec, ok := err.(*exitCodeError); !ok || ec.code != exitUsage {
				t.Errorf("resolveTarget(%q) = %q, %v; want a usage error", tt.given, got, err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("resolveTarget(%q) = %q, %v; want %q", tt.given, got, err, tt.want)
		}
	}
}
