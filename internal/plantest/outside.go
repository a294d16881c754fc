package plantest

import (
	"os"
	"path/filepath"
	"testing"
)

// SecretBytes stand for what a file outside the content folder holds
// (/proc/self/environ, ~/.netrc): none of it may be uploaded.
const SecretBytes = "API_TOKEN=s3cr3t-do-not-publish"

// OutsideFiles writes a file and a folder beside (not in) a tree's
// content folder and returns the folder they are in, links resolved.
func OutsideFiles(t testing.TB) string {
	t.Helper()
	out, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"env.png", "shots/env.png"} {
		p := filepath.Join(out, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(SecretBytes), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// Symlink makes link point at target, skipping the test where the
// system has no symlinks.
func Symlink(t testing.TB, target, link string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Skip("no symlinks here:", err)
	}
}
