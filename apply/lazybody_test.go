package apply_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hcsync/hcsync/apply"
	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/diag"
	"github.com/hcsync/hcsync/internal/plantest"
	"github.com/hcsync/hcsync/planner"
	"github.com/hcsync/hcsync/remote"
)

// TestRerenderAfterCacheHitKeepsBodyError: a body the plan cache shows
// unchanged is rendered again by diffTranslation when another field (the
// title) changes. With a tree from the load cache the body is read from
// the file only then; a file edited (or deleted) since Load makes
// Tree.Body fail, which must be a problem naming the file, not an
// update-translation with an empty body that would blank the article.
func TestRerenderAfterCacheHitKeepsBodyError(t *testing.T) {
	root := t.TempDir()
	file := filepath.Join(root, "Guides", "Sec", "a.md")
	old := time.Now().Add(-time.Hour)
	write := func(text string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		old = old.Add(time.Second)
		if err := os.Chtimes(file, old, old); err != nil {
			t.Fatal(err)
		}
	}
	cachePath := filepath.Join(t.TempDir(), "tree.bin")
	load := func() *content.Tree {
		t.Helper()
		lc := content.ReadLoadCache(cachePath)
		tree, err := content.Load(root, content.LoadOptions{DefaultLocale: "en-us", Cache: lc})
		if err != nil {
			t.Fatal(err)
		}
		if err := lc.Save(cachePath); err != nil {
			t.Fatal(err)
		}
		return tree
	}

	write("---\ntitle: A\n---\nHello.\n")
	prov := plantest.NewLocal(t)
	ids := &plantest.RecordIDs{}
	if rep := (&apply.Executor{Provider: prov, WriteID: ids.Write}).Apply(context.Background(), planAgainst(t, load(), prov)); !rep.OK() {
		t.Fatalf("apply: %+v", rep)
	}

	// A new title, the same body; the second load takes it from the cache.
	write("---\ntitle: A renamed\n---\nHello.\n")
	load()
	tree := load()
	ids.ApplyTo(tree)
	pc := planner.NewCache()
	p := planCached(t, tree, prov, pc)
	if len(p.Changes) != 1 || p.Changes[0].Translation == nil || p.Changes[0].Translation.Body == "" {
		t.Fatalf("first plan: %v", plantest.Keys(p))
	}

	// The file is edited after Load: its body can no longer be read as
	// Load saw it.
	write("---\ntitle: A renamed\n---\nHello, edited.\n")
	live, err := remote.Fetch(context.Background(), prov)
	if err != nil {
		t.Fatal(err)
	}
	p, err = planner.NewPlan(tree, live, planner.Options{Provider: prov.Name(), Caps: prov.Capabilities(), DefaultLocale: "en-us", Cache: pc})
	if err == nil {
		t.Fatalf("plan of a file changed since Load: %v, want a problem", plantest.Keys(p))
	}
	if ps, ok := err.(diag.Problems); !ok || len(ps) != 1 || !strings.Contains(ps[0].String(), "Guides/Sec/a.md") || !strings.Contains(ps[0].String(), "run hcsync again") {
		t.Errorf("err = %v, want one problem naming the file", err)
	}
}
