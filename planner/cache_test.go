package planner

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"

	"github.com/hcsync/hcsync/render"
)

func sampleEntries() map[bodyKey]cacheEntry {
	return map[bodyKey]cacheEntry{
		{Name: 1, Body: 2}: {Remote: 3},
		{Name: 1<<63 + 5, Body: 0}: {Remote: 1<<64 - 1, Calls: []resolverCall{
			{Dest: "b.md", Target: "Guides/b.md", Result: "https://hc.example.com/hc/en-us/articles/2"},
			{Image: true, Dest: "images/%C3%A9 screen.png", Target: "Guides/images/é screen.png", Result: "https://hc.example.com/img/ab.png"},
			{Dest: "b.md", Target: "Guides/b.md", Result: "https://hc.example.com/hc/en-us/articles/2"},
			{Dest: "", Result: ""},
		}},
	}
}

func TestPlanCacheFileRoundTrip(t *testing.T) {
	want := sampleEntries()
	path := filepath.Join(t.TempDir(), "plan.bin")
	c := NewCache()
	for k, e := range want {
		c.keep(k, e)
	}
	if err := c.Save(path); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := decodeCache(data); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("read back %+v (%v), want %+v", got, err, want)
	}
	if n := LoadCache(path).bodies.ReadCount(); n != len(want) {
		t.Errorf("LoadCache read %d entries, want %d", n, len(want))
	}
	// Every truncation of a good file is refused, not half read.
	for n := range len(data) {
		if _, err := decodeCache(data[:n]); err == nil {
			t.Fatalf("a file cut to %d of %d bytes was read", n, len(data))
		}
	}
}

// FuzzDecodeCache feeds the cache reader damaged files: it must refuse
// them or read something that writes back to an equal cache, never
// panic.
func FuzzDecodeCache(f *testing.F) {
	f.Add(encodeCache(sampleEntries()))
	f.Add(encodeCache(map[bodyKey]cacheEntry{}))
	f.Add([]byte(cacheMagic + "\x05\xff\xff\xff\xff\x0f"))
	f.Add([]byte("not a cache"))
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, err := decodeCache(data)
		if err != nil {
			return
		}
		again, err := decodeCache(encodeCache(entries))
		if err != nil || !reflect.DeepEqual(again, entries) {
			t.Fatalf("re-encoded cache reads back as %v, %v", again, err)
		}
	})
}

// TestPlanCacheRefusesOtherRenderers: a cache written by a binary with
// another goldmark (or x/net, x/text) is not read: its verdicts are
// about HTML this binary may not make.
func TestPlanCacheRefusesOtherRenderers(t *testing.T) {
	// A test binary carries no module versions, so renderers is "" here;
	// TestPlanCacheAcrossRuns checks the real binary names goldmark's.
	ours := renderers
	renderers = "github.com/yuin/goldmark@v0.0.1 "
	data := encodeCache(sampleEntries())
	renderers = ours
	if _, err := decodeCache(data); err == nil {
		t.Error("a cache of another goldmark was read")
	}
	if _, err := decodeCache(encodeCache(sampleEntries())); err != nil {
		t.Errorf("our own cache: %v", err)
	}
}

// TestCacheVersionFollowsRendering: a cache's verdict "this body renders
// to what the help center holds" is only as good as the rendering that
// made it, so HTML that changes for the same Markdown (callouts for
// GitHub alerts, heading attributes, task list marks) must come with a
// new cacheVersion, or an upgraded hcsync would skip bodies that now
// render differently. The fingerprint is of the render package's test
// inputs, rendered for every profile; when it changes, bump cacheVersion
// and record the new fingerprint under it.
func TestCacheVersionFollowsRendering(t *testing.T) {
	fingerprints := map[int]string{
		9:  "ebf38b7d6fa4ad47",
		10: "bbeb1268f1e1e353",
		11: "bbeb1268f1e1e353", // checksums became truncated SHA-256; rendering is unchanged
	}
	files, err := filepath.Glob("../render/testdata/*/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no render inputs: %v", err)
	}
	sort.Strings(files)
	h := sha256.New()
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range append([]string{""}, render.Profiles()...) {
			h.Write([]byte(render.Render(src, render.Options{Profile: render.Lookup(name)}).HTML))
		}
	}
	got := hex.EncodeToString(h.Sum(nil))[:16]
	if want := fingerprints[cacheVersion]; got != want {
		t.Errorf("rendering fingerprint %s, recorded for cacheVersion %d: %q: if rendering changed, bump cacheVersion and record %s under it", got, cacheVersion, want, got)
	}
}
