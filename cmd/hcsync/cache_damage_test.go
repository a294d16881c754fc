package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// planInProcess runs hcsync plan --format json in this process, for
// tests that plan thousands of times.
func planInProcess(t *testing.T, config string, args ...string) (stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	a := &app{stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	code := a.run(context.Background(), append([]string{"plan", "--format", "json", "--config", config}, args...))
	if code != exitOK {
		t.Fatalf("plan %v: exit %d\n%s", args, code, errb.String())
	}
	return out.String(), errb.String()
}

// TestDamagedCachesNeverChangeThePlan flips a bit of every byte of each
// cache file in turn (the load cache and the plan cache): every plan
// equals the plan made with --no-cache, and damage is reported with
// --debug once, the file being written anew.
func TestDamagedCachesNeverChangeThePlan(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	dir := smallAppliedTree(t)
	config := filepath.Join(dir, "hcsync.yaml")
	// An edit not yet applied, so the plan holds an update beside bodies
	// that match; then old times, so the load cache keeps every file.
	docs := filepath.Join(dir, "docs")
	replaceIn(t, filepath.Join(docs, "getting-started/installation/install-desktop.md"), "about two minutes", "about three minutes")
	ageTree(t, docs)

	want, _ := planInProcess(t, config, "--no-cache")
	planInProcess(t, config) // writes the caches
	planInProcess(t, config) // confirms them
	caches, _ := filepath.Glob(filepath.Join(os.Getenv("XDG_CACHE_HOME"), "hcsync", "*.bin"))
	if len(caches) != 2 {
		t.Fatalf("caches %v: want a load cache and a plan cache", caches)
	}
	good := map[string][]byte{}
	for _, c := range caches {
		good[c] = []byte(readFile(t, c))
	}
	restore := func() {
		for c, data := range good {
			if err := os.WriteFile(c, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if got, _ := planInProcess(t, config); got != want {
		t.Fatalf("plan with good caches differs from the plan with --no-cache:\n%s\nwant:\n%s", got, want)
	}
	for _, c := range caches {
		kind := "load cache"
		if strings.HasPrefix(filepath.Base(c), "plan-") {
			kind = "plan cache"
		}
		for i := range good[c] {
			data := bytes.Clone(good[c])
			data[i] ^= 1 << (i % 8)
			if err := os.WriteFile(c, data, 0o644); err != nil {
				t.Fatal(err)
			}
			got, stderr := planInProcess(t, config, "--debug")
			if got != want {
				t.Fatalf("%s with byte %d flipped: the plan differs from the plan with --no-cache:\n%s\nwant:\n%s", kind, i, got, want)
			}
			if !strings.Contains(stderr, kind+" damaged") && !strings.Contains(stderr, kind+" of another version") {
				t.Fatalf("%s with byte %d flipped: --debug does not report it:\n%s", kind, i, stderr)
			}
			// That the damaged file was written anew, checked on a sample
			// of the bytes to keep the test quick.
			if i%50 != 0 {
				restore()
				continue
			}
			if _, stderr := planInProcess(t, config, "--debug"); strings.Contains(stderr, kind+" damaged") || strings.Contains(stderr, kind+" of another") {
				t.Fatalf("%s with byte %d flipped: still reported on the run after, the file was not rebuilt:\n%s", kind, i, stderr)
			}
			restore()
		}
	}
}

// smallAppliedTree is the example's "installation" section alone (its
// links, images and translations), applied to its local help center.
func smallAppliedTree(t *testing.T) string {
	t.Helper()
	dir := copyTree(t, "../../testdata/example")
	docs := filepath.Join(dir, "docs")
	for _, drop := range []string{"account", "getting-started/first-steps"} {
		if err := os.RemoveAll(filepath.Join(docs, drop)); err != nil {
			t.Fatal(err)
		}
	}
	replaceIn(t, filepath.Join(docs, "getting-started/installation/install-desktop.md"), "](../first-steps/create-workspace.md)", "](install-mobile.md)")
	var out, errb bytes.Buffer
	a := &app{stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	if code := a.run(context.Background(), []string{"apply", "--no-cache", "--config", filepath.Join(dir, "hcsync.yaml")}); code != exitOK {
		t.Fatalf("apply: exit %d\n%s%s", code, out.String(), errb.String())
	}
	return dir
}

// ageTree gives every file below root a modification time an hour old,
// past the load cache's racy window.
func ageTree(t *testing.T, root string) {
	t.Helper()
	old := time.Now().Add(-time.Hour)
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		return os.Chtimes(p, old, old)
	})
	if err != nil {
		t.Fatal(err)
	}
}
