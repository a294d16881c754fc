package export

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/internal/plantest"
)

// TestExportWritesInsideOnly: export --force into a folder that holds
// links never writes through one out of the folder: a linked folder is
// refused, a linked file is replaced by the exported file.
func TestExportWritesInsideOnly(t *testing.T) {
	const exported = "---\ntitle: A\n---\nBody.\n"
	tests := []struct {
		name    string
		link    string // in the export folder, to out/
		target  string // in out/
		wantErr string
	}{
		{"folder linked out", "guides", "folder", "guides/a.md: guides points outside the folder"},
		{"file linked out", "guides/a.md", "folder/a.md", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, out := t.TempDir(), t.TempDir()
			outFile := filepath.Join(out, "folder", "a.md")
			if err := os.MkdirAll(filepath.Dir(outFile), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(outFile, []byte(plantest.SecretBytes), 0o644); err != nil {
				t.Fatal(err)
			}
			plantest.Symlink(t, filepath.Join(out, filepath.FromSlash(tt.target)), filepath.Join(dir, filepath.FromSlash(tt.link)))
			res := &Result{Files: []File{{Path: "guides/a.md", Data: []byte(exported)}}}
			err := res.Write(dir)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("Write: %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("Write: %v, want %q", err, tt.wantErr)
			}
			if data, _ := os.ReadFile(outFile); string(data) != plantest.SecretBytes {
				t.Errorf("the file out of the folder now holds %q", data)
			}
			entries, _ := os.ReadDir(filepath.Dir(outFile))
			if len(entries) != 1 {
				t.Errorf("files were written out of the folder: %d entries beside a.md", len(entries)-1)
			}
			if tt.wantErr == "" {
				p := filepath.Join(dir, "guides", "a.md")
				if info, err := os.Lstat(p); err != nil || !info.Mode().IsRegular() {
					t.Errorf("guides/a.md is not a regular file: %v", err)
				}
				if data, _ := os.ReadFile(p); string(data) != exported {
					t.Errorf("guides/a.md holds %q", data)
				}
			}
		})
	}
}
