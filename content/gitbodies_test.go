package content

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
)

// staleness runs Staleness for refs with cache (nil for none) and
// returns what it found and the blobs it read.
func staleness(t *testing.T, dir string, refs []TranslationRef, cache *BodyCache) ([]Stale, map[plumbing.Hash]int) {
	t.Helper()
	r := openTestRepo(t, dir)
	if cache != nil {
		r.UseBodyCache(cache)
	}
	s := countBlobs(t, r)
	got, err := r.Staleness(context.Background(), refs, "")
	if err != nil {
		t.Fatal(err)
	}
	return got, s.reads
}

// saved writes c to a file and reads it back, as the next run would.
func saved(t *testing.T, c *BodyCache) *BodyCache {
	t.Helper()
	path := filepath.Join(t.TempDir(), "bodies.bin")
	if err := c.Save(path); err != nil {
		t.Fatal(err)
	}
	back := ReadBodyCache(path)
	if err := back.Damage(); err != nil {
		t.Fatalf("the cache just saved reads as damaged: %v", err)
	}
	return back
}

// twoArticles: the root commit adds a.md and b.md with a translation
// each; then a.md's body changes and b.md's front-matter only.
func twoArticles(t *testing.T) (*testRepo, []TranslationRef) {
	g := newTestRepo(t)
	g.write("a.md", article("A", "1"))
	g.write("a.fr.md", translation("A fr"))
	g.write("b.md", article("B", "2"))
	g.write("b.fr.md", translation("B fr"))
	g.commit(1, "Ann")
	g.write("a.md", "---\ntitle: A\nid: 1\n---\nA new body.\n")
	g.write("b.md", "---\ntitle: B renamed\nid: 2\n---\nBody of B.\n")
	g.commit(2, "Bob")
	return g, []TranslationRef{{Source: "a.md", Translation: "a.fr.md"}, {Source: "b.md", Translation: "b.fr.md"}}
}

// The staleness check reads only the blobs of commits that changed a
// file: a file the root commit added (where nothing was removed, so
// nothing was renamed) is not read, and with the digests of an earlier
// run it reads nothing but the source a stale translation's line count
// needs.
func TestStalenessReadsOnlyChangedBlobs(t *testing.T) {
	t.Parallel()
	g, refs := twoArticles(t)
	a1, a2 := blobHash(article("A", "1")), blobHash("---\ntitle: A\nid: 1\n---\nA new body.\n")
	b1, b2 := blobHash(article("B", "2")), blobHash("---\ntitle: B renamed\nid: 2\n---\nBody of B.\n")

	cache := NewBodyCache()
	got, reads := staleness(t, g.dir, refs, cache)
	if len(got) != 1 || got[0].Translation != "a.fr.md" {
		t.Fatalf("Staleness = %+v, want a.fr.md stale", got)
	}
	for h := range reads {
		if h != a1 && h != a2 && h != b1 && h != b2 {
			t.Errorf("cold: read blob %s, which no commit after the root changed", h)
		}
	}

	warm, reads := staleness(t, g.dir, refs, saved(t, cache))
	if !reflect.DeepEqual(warm, got) {
		t.Errorf("with the cache: %+v, want %+v as without", warm, got)
	}
	for h, n := range reads {
		if (h != a1 && h != a2) || n > 1 {
			t.Errorf("warm: read blob %s %d time(s); only a.md's two versions, once, count its lines", h, n)
		}
	}
}

// A damaged or foreign cache file is ignored, said so, and the check
// gives what it gives without one.
func TestBodyCacheDamageIgnored(t *testing.T) {
	t.Parallel()
	g, refs := twoArticles(t)
	want, _ := staleness(t, g.dir, refs, nil)
	good := NewBodyCache()
	staleness(t, g.dir, refs, good)
	dir := t.TempDir()
	path := filepath.Join(dir, "bodies.bin")
	if err := good.Save(path); err != nil {
		t.Fatal(err)
	}
	whole, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	flipped := append([]byte{}, whole...)
	flipped[len(flipped)/2] ^= 0xff
	for name, data := range map[string][]byte{
		"truncated":    whole[:len(whole)-5],
		"a bit flip":   flipped,
		"another kind": []byte("hcsync-load-cache\n7\n"),
		"empty":        {},
	} {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(dir, name)
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
			c := ReadBodyCache(p)
			if c.Damage() == nil {
				t.Error("Damage() = nil, want why the file was ignored")
			}
			if got, _ := staleness(t, g.dir, refs, c); !reflect.DeepEqual(got, want) {
				t.Errorf("with a damaged cache: %+v, want %+v", got, want)
			}
			if c.Hits() != 0 {
				t.Errorf("Hits() = %d from a damaged file, want 0", c.Hits())
			}
		})
	}
}

// A source whose body changes after the cache was written is seen: the
// cache holds blobs, and the new version is a new blob.
func TestBodyCacheSeesAChangedSource(t *testing.T) {
	t.Parallel()
	g, refs := twoArticles(t)
	cache := NewBodyCache()
	staleness(t, g.dir, refs, cache)
	cache = saved(t, cache)
	g.write("b.md", "---\ntitle: B\nid: 2\n---\nB, rewritten.\n")
	g.commit(3, "Cid")
	got, _ := staleness(t, g.dir, refs, cache)
	if len(got) != 2 || got[1].Translation != "b.fr.md" || got[1].Commits != 1 {
		t.Errorf("after b.md's body changed: %+v, want a.fr.md and b.fr.md stale (b by one commit)", got)
	}
}

// Property: over generated histories (body and front-matter edits of
// sources and translations, renames, deletions, source_commit: marks),
// the check gives the same answer without a cache, with a cold one and
// with the one the previous run saved, commit after commit.
func TestBodyCacheSameAsNone(t *testing.T) {
	t.Parallel()
	for seed := range uint64(6) {
		t.Run(fmt.Sprint("seed=", seed), func(t *testing.T) {
			t.Parallel()
			rng := rand.New(rand.NewPCG(seed, 21))
			h := newHistory(t, rng)
			cache, hits := NewBodyCache(), 0
			for step := range 12 {
				h.step(step + 2)
				refs := h.refs()
				want, _ := staleness(t, h.g.dir, refs, nil)
				got, _ := staleness(t, h.g.dir, refs, cache)
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("commit %d: with the cache %+v, want %+v", step, got, want)
				}
				hits += cache.Hits()
				cache = saved(t, cache)
			}
			if hits == 0 {
				t.Error("the cache was never used")
			}
		})
	}
}

// history is a generated repository of articles with translations.
type history struct {
	g    *testRepo
	rng  *rand.Rand
	name []string // the current path of article i, without ".md"
	// commits made so far, for source_commit: marks
	commits []plumbing.Hash
	marks   map[int]string // article -> source_commit: of its translation
}

const historyArticles = 5

func newHistory(t *testing.T, rng *rand.Rand) *history {
	h := &history{g: newTestRepo(t), rng: rng, marks: map[int]string{}}
	for i := range historyArticles {
		h.name = append(h.name, fmt.Sprintf("s/a%d", i))
		h.g.write(h.name[i]+".md", article(fmt.Sprint("A", i), fmt.Sprint(i)))
		h.g.write(h.name[i]+".fr.md", translation(fmt.Sprint("A fr", i)))
	}
	h.commits = append(h.commits, h.g.commit(1, "Ann"))
	return h
}

// step makes one commit of a few random edits at hour.
func (h *history) step(hour int) {
	for range 1 + h.rng.IntN(3) {
		i := h.rng.IntN(historyArticles)
		src, tr := h.name[i]+".md", h.name[i]+".fr.md"
		words := fmt.Sprint("version ", hour, " ", h.rng.IntN(3))
		switch h.rng.IntN(6) {
		case 0: // the source's body
			h.g.write(src, fmt.Sprintf("---\ntitle: A%d\nid: %d\n---\nBody %s.\n", i, i, words))
		case 1: // the source's front-matter only
			h.g.write(src, fmt.Sprintf("---\ntitle: A%d %s\nid: %d\n---\n%s", i, words, i, h.body(src)))
		case 2: // the translation's body
			h.g.write(tr, fmt.Sprintf("---\ntitle: A fr%d\n---\nCorps %s.\n", i, words))
		case 3: // a rename of both, bodies kept
			to := fmt.Sprintf("s/r%d-%d", i, hour)
			h.g.rename(src, to+".md")
			h.g.rename(tr, to+".fr.md")
			h.name[i] = to
		case 4: // a source_commit: mark
			h.marks[i] = h.commits[h.rng.IntN(len(h.commits))].String()
		case 5: // the source deleted and written afresh
			h.g.remove(src)
			h.g.write(src, fmt.Sprintf("---\ntitle: A%d\nid: %d\n---\nAfresh %s.\n", i, i, words))
		}
	}
	// Some commit every step, so that marks have commits to name.
	h.g.write("log.txt", fmt.Sprint(hour))
	h.commits = append(h.commits, h.g.commit(hour, "Ann"))
}

// body is the body of the file at rel in the work tree.
func (h *history) body(rel string) string {
	data, err := os.ReadFile(filepath.Join(h.g.dir, filepath.FromSlash(rel)))
	if err != nil {
		h.g.t.Fatal(err)
	}
	return string(bodyOf(data))
}

func (h *history) refs() []TranslationRef {
	var out []TranslationRef
	for i, n := range h.name {
		out = append(out, TranslationRef{Source: n + ".md", Translation: n + ".fr.md", SourceCommit: h.marks[i]})
	}
	return out
}

// FuzzDecodeBodyCache: damaged cache files are refused or read to
// something that writes back the same, never a panic.
func FuzzDecodeBodyCache(f *testing.F) {
	f.Add(encodeBodyCache(map[plumbing.Hash]bodyDigest{blobHash("a"): {1, 2, 3}}))
	f.Add(encodeBodyCache(map[plumbing.Hash]bodyDigest{}))
	f.Add([]byte(bodyCacheMagic + "\x01\xff\xff\xff\x0f"))
	f.Fuzz(func(t *testing.T, data []byte) {
		blobs, err := decodeBodyCache(data)
		if err != nil {
			return
		}
		again, err := decodeBodyCache(encodeBodyCache(blobs))
		if err != nil || !reflect.DeepEqual(again, blobs) {
			t.Fatalf("re-encoded cache reads back as %v, %v", again, err)
		}
	})
}

// The cache is keyed by blob, so one saved on a branch gives the right
// answer on another that shares some of its blobs and not others, and
// back again.
func TestBodyCacheAcrossBranches(t *testing.T) {
	t.Parallel()
	g := newTestRepo(t)
	g.write("a.md", article("A", "1"))
	g.write("a.fr.md", translation("A fr"))
	g.write("b.md", article("B", "2"))
	g.write("b.fr.md", translation("B fr"))
	root := g.commit(1, "Ann")
	g.write("a.md", "---\ntitle: A\nid: 1\n---\nA new body.\n")
	g.commit(2, "Bob")
	refs := []TranslationRef{{Source: "a.md", Translation: "a.fr.md"}, {Source: "b.md", Translation: "b.fr.md"}}
	cache := NewBodyCache()
	onMain, _ := staleness(t, g.dir, refs, cache)
	if len(onMain) != 1 || onMain[0].Translation != "a.fr.md" {
		t.Fatalf("on the main branch: %+v, want a.fr.md stale", onMain)
	}
	cache = saved(t, cache)

	// Another branch from the root: b.md's body changes, and a.md's
	// takes the body it has on the main branch, after a.fr.md did.
	if err := g.wt.Checkout(&git.CheckoutOptions{Hash: root, Branch: "refs/heads/other", Create: true}); err != nil {
		t.Fatal(err)
	}
	g.write("a.fr.md", "---\ntitle: A fr\n---\nCorps neuf.\n")
	g.commit(3, "Cid")
	g.write("a.md", "---\ntitle: A again\nid: 1\n---\nA new body.\n")
	g.write("b.md", "---\ntitle: B\nid: 2\n---\nB, rewritten.\n")
	g.commit(4, "Cid")
	for _, branch := range []string{"other", "master", "other"} {
		if err := g.wt.Checkout(&git.CheckoutOptions{Branch: plumbing.NewBranchReferenceName(branch)}); err != nil {
			t.Fatal(err)
		}
		want, _ := staleness(t, g.dir, refs, nil)
		got, _ := staleness(t, g.dir, refs, cache)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("on %s: with the cache %+v, want %+v as without", branch, got, want)
		}
		if branch == "other" && len(got) != 2 {
			t.Fatalf("on other: %+v, want both stale", got)
		}
		cache = saved(t, cache)
	}
}
