package content

import (
	"context"
	"strings"
	"testing"
)

// staleOf runs Staleness for one translation of a source at HEAD.
func staleOf(t *testing.T, g *testRepo, source, tr, sourceCommit string) []Stale {
	t.Helper()
	r := openTestRepo(t, g.dir)
	got, err := r.Staleness(context.Background(), []TranslationRef{{Source: source, Translation: tr, SourceCommit: sourceCommit}}, "")
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestStaleness(t *testing.T) {
	src := func(title, body string) string { return "---\ntitle: " + title + "\n---\n" + body }
	tests := []struct {
		name string
		// build makes the history and returns the source_commit to use.
		build     func(g *testRepo) string
		source    string
		tr        string
		wantStale bool
		wantLines int
	}{
		{
			name: "source body changed after the translation",
			build: func(g *testRepo) string {
				g.write("a.md", src("A", "one\ntwo\n"))
				g.write("a.fr.md", src("A fr", "un\ndeux\n"))
				g.commit(1, "Ann")
				g.write("a.md", src("A", "one\nTWO\nthree\n"))
				g.commit(2, "Ann")
				return ""
			},
			source: "a.md", tr: "a.fr.md", wantStale: true, wantLines: 3,
		},
		{
			name: "front-matter-only change of the source",
			build: func(g *testRepo) string {
				g.write("a.md", src("A", "one\n"))
				g.write("a.fr.md", src("A fr", "un\n"))
				g.commit(1, "Ann")
				g.write("a.md", "---\ntitle: A new title\nid: 42\n---\none\n")
				g.commit(2, "Ann")
				return ""
			},
			source: "a.md", tr: "a.fr.md",
		},
		{
			name: "translation edited after the source change",
			build: func(g *testRepo) string {
				g.write("a.md", src("A", "one\n"))
				g.write("a.fr.md", src("A fr", "un\n"))
				g.commit(1, "Ann")
				g.write("a.md", src("A", "one!\n"))
				g.commit(2, "Ann")
				g.write("a.fr.md", src("A fr", "un !\n"))
				g.commit(3, "Bea")
				return ""
			},
			source: "a.md", tr: "a.fr.md",
		},
		{
			name: "translation front-matter edit does not make it current",
			build: func(g *testRepo) string {
				g.write("a.md", src("A", "one\n"))
				g.write("a.fr.md", src("A fr", "un\n"))
				g.commit(1, "Ann")
				g.write("a.md", src("A", "one!\n"))
				g.commit(2, "Ann")
				g.write("a.fr.md", src("A fr corrigé", "un\n"))
				g.commit(3, "Bea")
				return ""
			},
			source: "a.md", tr: "a.fr.md", wantStale: true, wantLines: 2,
		},
		{
			name: "source_commit bumped to the source change",
			build: func(g *testRepo) string {
				g.write("a.md", src("A", "one\n"))
				g.write("a.fr.md", src("A fr", "un\n"))
				g.commit(1, "Ann")
				g.write("a.md", src("A", "one!\n"))
				h := g.commit(2, "Ann")
				g.write("a.fr.md", "---\ntitle: A fr\nsource_commit: "+h.String()[:10]+"\n---\nun\n")
				g.commit(3, "Bea")
				return h.String()[:10]
			},
			source: "a.md", tr: "a.fr.md",
		},
		{
			name: "source_commit older than a later source change",
			build: func(g *testRepo) string {
				g.write("a.md", src("A", "one\n"))
				g.write("a.fr.md", src("A fr", "un\n"))
				h := g.commit(1, "Ann")
				g.write("a.md", src("A", "one!\n"))
				g.commit(2, "Ann")
				return h.String()
			},
			source: "a.md", tr: "a.fr.md", wantStale: true, wantLines: 2,
		},
		{
			name: "rename of a stale source and its translation keeps it stale",
			build: func(g *testRepo) string {
				g.write("a.md", src("A", "one\n"))
				g.write("a.fr.md", src("A fr", "un\n"))
				g.commit(1, "Ann")
				g.write("a.md", src("A", "one!\n"))
				g.commit(2, "Ann")
				g.rename("a.md", "b.md")
				g.rename("a.fr.md", "b.fr.md")
				g.commit(3, "Ann")
				return ""
			},
			source: "b.md", tr: "b.fr.md", wantStale: true, wantLines: 2,
		},
		{
			name: "rename with a front-matter edit keeps a current translation current",
			build: func(g *testRepo) string {
				g.write("a.md", src("A", "one\n"))
				g.write("a.fr.md", src("A fr", "un\n"))
				g.commit(1, "Ann")
				g.write("a.fr.md", src("A fr", "un !\n"))
				g.commit(2, "Bea")
				g.rename("a.md", "b.md")
				g.write("b.md", "---\ntitle: A\nid: 7\n---\none\n")
				g.rename("a.fr.md", "b.fr.md")
				g.commit(3, "Ann")
				return ""
			},
			source: "b.md", tr: "b.fr.md",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newTestRepo(t)
			sc := tt.build(g)
			got := staleOf(t, g, tt.source, tt.tr, sc)
			if !tt.wantStale {
				if len(got) != 0 {
					t.Fatalf("stale: %+v, want current", got)
				}
				return
			}
			if len(got) != 1 {
				t.Fatalf("got %+v, want %s stale", got, tt.tr)
			}
			if got[0].Translation != tt.tr || got[0].Source != tt.source || got[0].Lines != tt.wantLines || got[0].Since == "" {
				t.Errorf("got %+v, want %s stale by %d lines of %s", got[0], tt.tr, tt.wantLines, tt.source)
			}
		})
	}
}

func TestStalenessSinceNamesTheCommitAndNew(t *testing.T) {
	g := newTestRepo(t)
	g.write("a.md", "---\ntitle: A\n---\none\n")
	g.write("a.fr.md", "---\ntitle: A fr\n---\nun\n")
	base := g.commit(1, "Ann")
	g.write("a.md", "---\ntitle: A\n---\none!\n")
	first := g.commit(2, "Ann")
	g.write("a.md", "---\ntitle: A\n---\none!!\n")
	g.commit(3, "Ann")
	r := openTestRepo(t, g.dir)
	got, err := r.Staleness(context.Background(), []TranslationRef{{Source: "a.md", Translation: "a.fr.md"}}, base.String())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Since != first.String() || got[0].Commits != 2 || !got[0].New {
		t.Fatalf("got %+v, want stale since %s by 2 commits, new since the base", got, first)
	}
	got, err = r.Staleness(context.Background(), []TranslationRef{{Source: "a.md", Translation: "a.fr.md"}}, first.String())
	if err != nil || len(got) != 1 || got[0].New {
		t.Fatalf("got %+v, %v: a translation stale before --since is not new", got, err)
	}
}

// translated_from: is read as source_commit:, and only source_commit:
// is offered in messages.
func TestSourceCommitKeys(t *testing.T) {
	for _, key := range []string{"source_commit", "translated_from"} {
		pf := parseFile("a.fr.md", translationFile, []byte("---\ntitle: A\n"+key+": abc123\n---\nun\n"))
		if len(pf.problems) > 0 || pf.fm.SourceCommit == nil || *pf.fm.SourceCommit != "abc123" {
			t.Errorf("%s: problems %v, source commit %v", key, pf.problems, pf.fm.SourceCommit)
		}
	}
	pf := parseFile("a.fr.md", translationFile, []byte("---\ntitle: A\nsource_commit: abc\ntranslated_from: def\n---\nun\n"))
	if len(pf.problems) != 1 || !strings.Contains(pf.problems[0].Msg, "written twice") {
		t.Errorf("both keys: problems %v, want one saying it is written twice", pf.problems)
	}
}

// In a shallow clone a source_commit: older than the history fetched
// does not fail the plan: what the clone holds decides.
func TestStalenessShallow(t *testing.T) {
	g := newTestRepo(t)
	g.write("a.md", "---\ntitle: A\n---\none\n")
	g.write("a.fr.md", "---\ntitle: A fr\n---\nun\n")
	old := g.commit(1, "Ann")
	g.write("a.fr.md", "---\ntitle: A fr\nsource_commit: "+old.String()+"\n---\nun\n")
	keep := g.commit(2, "Bea")
	g.write("a.md", "---\ntitle: A\n---\none!\n")
	g.commit(3, "Ann")
	shallowClone(t, g, keep, old)
	got := staleOf(t, g, "a.md", "a.fr.md", old.String())
	if len(got) != 1 || got[0].Lines != 2 {
		t.Fatalf("got %+v, want a.fr.md stale by the source change the clone holds", got)
	}
}

// A translation not yet committed is current, and a source change
// committed before it does not make it stale.
func TestStalenessUncommittedTranslation(t *testing.T) {
	g := newTestRepo(t)
	g.write("a.md", "---\ntitle: A\n---\none\n")
	g.commit(1, "Ann")
	g.write("a.md", "---\ntitle: A\n---\none!\n")
	g.commit(2, "Ann")
	g.write("a.fr.md", "---\ntitle: A fr\n---\nun !\n")
	if got := staleOf(t, g, "a.md", "a.fr.md", ""); len(got) != 0 {
		t.Fatalf("got %+v, want the uncommitted translation current", got)
	}
}
