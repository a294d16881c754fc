package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFind(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		files []string // created empty, relative to the start folder
		want  string   // relative to the start folder; "" = not found
	}{
		{"at the top", []string{"hcsync.yaml", "docs/hcsync.yaml"}, "hcsync.yaml"},
		{"in docs", []string{"docs/hcsync.yaml"}, "docs/hcsync.yaml"},
		{"none", []string{"docs/other.yaml", "sub/hcsync.yaml"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			start := t.TempDir()
			for _, f := range tt.files {
				p := filepath.Join(start, filepath.FromSlash(f))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, nil, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			got, err := Find(start)
			if tt.want == "" {
				if !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "create "+filepath.Join(start, FileName)) {
					t.Fatalf("Find = %q, %v; want ErrNotFound saying what to create", got, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if want := filepath.Join(start, filepath.FromSlash(tt.want)); got != want {
				t.Errorf("Find = %s, want %s", got, want)
			}
		})
	}
}
