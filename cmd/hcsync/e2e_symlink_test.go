//go:build unix

package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/providers/zendesk/zendesktest"
)

// fakeSecret stands for what /proc/self/environ or ~/.netrc holds.
const fakeSecret = "ZENDESK_API_TOKEN=leaked-7f3a9c"

// linkImageOut adds to dir's example tree an image that is a link to a
// file outside the tree holding fakeSecret, shown from line 38 of
// install-desktop.md, and returns that problem as the CLI prints it.
func linkImageOut(t *testing.T, dir string) string {
	t.Helper()
	secret := filepath.Join(t.TempDir(), "environ")
	writeFile(t, secret, fakeSecret)
	article := filepath.Join(dir, "docs/getting-started/installation/install-desktop.md")
	writeFile(t, article, readFile(t, article)+"![env](images/p.png)\n")
	if err := os.Symlink(secret, filepath.Join(dir, "docs/getting-started/installation/images/p.png")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	real, err := filepath.EvalSymlinks(secret)
	if err != nil {
		t.Fatal(err)
	}
	return `docs/getting-started/installation/install-desktop.md:38: image "images/p.png": points outside the content folder (-> ` + real + `): copy the file into the tree`
}

// TestImageLinkedOutOfTheTree: an image that is a link out of the
// content folder stops validate, plan and apply with the article's file
// and line, and nothing of what it points at reaches the help center.
func TestImageLinkedOutOfTheTree(t *testing.T) {
	t.Run("local", func(t *testing.T) {
		dir := copyTree(t, "../../testdata/example")
		want := linkImageOut(t, dir)
		refused(t, dir, nil, want)
		// Every problem in one run: a file linked out of the tree does
		// not hide the image.
		if err := os.Symlink(filepath.Join(dir, "hcsync.yaml"), filepath.Join(dir, "docs/getting-started/installation/leak.md")); err != nil {
			t.Fatal(err)
		}
		res := runCLI(t, dir, nil, "validate")
		if res.code != exitError || !strings.Contains(res.stderr, want) || !strings.Contains(res.stderr, "docs/getting-started/installation/leak.md: points outside the content folder") {
			t.Errorf("validate with a linked article too: exit %d, want %d and both problems\nstderr: %s", res.code, exitError, res.stderr)
		}
		store := filepath.Join(dir, ".hcsync/local")
		filepath.WalkDir(store, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				if data, _ := os.ReadFile(p); bytes.Contains(data, []byte(fakeSecret)) {
					t.Errorf("the local help center's %s holds the secret", p)
				}
				if strings.HasPrefix(filepath.Base(filepath.Dir(p)), "images") {
					t.Errorf("the local help center holds an upload: %s", p)
				}
			}
			return nil
		})
	})
	t.Run("zendesk", func(t *testing.T) {
		fake := zendesktest.New(zendesktest.Options{Email: "writer@example.com", APIToken: zdToken})
		defer fake.Close()
		dir := zendeskTree(t, fake.URL)
		want := linkImageOut(t, dir)
		refused(t, dir, []string{"ZENDESK_EMAIL=writer@example.com", "ZENDESK_API_TOKEN=" + zdToken}, want)
		for _, r := range fake.Requests() {
			if r.Method != "GET" {
				t.Errorf("the help center received %s %s", r.Method, r.Path)
			}
			if bytes.Contains(r.Body, []byte(fakeSecret)) {
				t.Errorf("%s %s carried the secret", r.Method, r.Path)
			}
		}
	})
}

// refused checks that validate, plan and apply each exit 1 with the
// problem want.
func refused(t *testing.T, dir string, env []string, want string) {
	t.Helper()
	for _, cmd := range []string{"validate", "plan", "apply"} {
		res := runCLI(t, dir, env, cmd)
		if res.code != exitError || !strings.Contains(res.stderr, want) {
			t.Errorf("%s: exit %d, want %d and\n%s\nstdout: %s\nstderr: %s", cmd, res.code, exitError, want, res.stdout, res.stderr)
		}
		if strings.Contains(res.stdout+res.stderr, fakeSecret) {
			t.Errorf("%s printed the secret", cmd)
		}
	}
}
