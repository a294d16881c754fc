package planner

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/diag"
	"github.com/hcsync/hcsync/internal/plantest"
	"github.com/hcsync/hcsync/providers"
)

// TestAnchorProblems: a link to a heading its page does not have is a
// dead link, found by plan and by the offline Check alike.
func TestAnchorProblems(t *testing.T) {
	const b = "---\ntitle: B\n---\n# Install\n\n## Set up on Linux\n\n<a name=\"legacy\"></a>\n"
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{
			name: "in-page fragment with a typo",
			files: map[string]string{
				"Guides/a.md": "---\ntitle: A\n---\n# Overview\n\n## Next steps\n\nSee [below](#next-step).\n",
			},
			want: []string{`Guides/a.md:8: link "#next-step": no heading "next-step" in Guides/a.md (did you mean "next-steps"?)`},
		},
		{
			name: "cross-file fragment with a typo",
			files: map[string]string{
				"Guides/a.md": "---\ntitle: A\n---\nIntro.\n\n[Linux](b.md#set-up-on-linx)\n",
				"Guides/b.md": b,
			},
			want: []string{`Guides/a.md:6: link "b.md#set-up-on-linx": no heading "set-up-on-linx" in Guides/b.md (did you mean "set-up-on-linux"?)`},
		},
		{
			name: "no near heading, no suggestion; reference link on its definition's line, once",
			files: map[string]string{
				"Guides/a.md": "---\ntitle: A\n---\n[x][ref] and [y][ref]\n\n[ref]: b.md#pricing\n",
				"Guides/b.md": b,
			},
			want: []string{`Guides/a.md:6: link "b.md#pricing": no heading "pricing" in Guides/b.md`},
		},
		{
			name: "headings, raw HTML anchors, #top and in-page links that resolve",
			files: map[string]string{
				"Guides/a.md": "---\ntitle: A\n---\n## Steps\n\n[1](#steps) [2](b.md#install) [3](b.md#set-up-on-linux) [4](b.md#legacy) [5](#top) [6](b.md#) [7](b.md)\n",
				"Guides/b.md": b,
			},
		},
		{
			name: "a link to the source file lands on the reader's translation, with its headings",
			files: map[string]string{
				"Guides/a.md":    "---\ntitle: A\n---\n[b](b.md#install)\n",
				"Guides/a.fr.md": "---\ntitle: A fr\n---\n[b](b.md#install)\n",
				"Guides/b.md":    b,
				"Guides/b.fr.md": "---\ntitle: B fr\n---\n# Installer\n",
			},
			want: []string{`Guides/a.fr.md:4: link "b.md#install": no heading "install" in Guides/b.fr.md (did you mean "installer"?)`},
		},
		{
			name: "fragments of dead links and URLs are not checked",
			files: map[string]string{
				"Guides/a.md": "---\ntitle: A\n---\n[x](gone.md#a) [z](https://example.com/#c)\n",
				// Paths on a site (/hc/x#d) are TestRootedLinks': plan
				// knows the help center's own paths, Check does not.
			},
			want: []string{`Guides/a.md:4: link "gone.md": dead link: Guides/gone.md does not exist`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tree := plantest.LoadTree(t, tt.files)
			plantest.WriteRaw(t, tree, "Guides/notes.txt", "notes")
			var planned []string
			if _, err := NewPlan(tree, plantest.BaseRemote(), Options{Provider: "test", Caps: plantest.FullCaps}); err != nil {
				ps, ok := err.(diag.Problems)
				if !ok {
					t.Fatalf("NewPlan: %v", err)
				}
				planned = problemLines(ps)
			}
			checked := problemLines(Check(tree, CheckOptions{}))
			want := strings.Join(tt.want, "\n")
			if got := strings.Join(planned, "\n"); got != want {
				t.Errorf("plan problems:\n%s\nwant:\n%s", got, want)
			}
			if got := strings.Join(checked, "\n"); got != want {
				t.Errorf("Check problems:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

func problemLines(ps diag.Problems) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.String())
	}
	return out
}

// TestAnchorCache: a body that links a heading of another file is
// right only while that file keeps the heading. The plan cache spares
// its render while it does, and a re-plan still finds the link dead once
// the heading is renamed, though the linking file did not change.
func TestAnchorCache(t *testing.T) {
	tree := plantest.LoadTree(t, map[string]string{
		"Guides/a.md": "---\ntitle: A\nid: 1\n---\n[b](b.md#setup)\n",
		"Guides/b.md": "---\ntitle: B\nid: 2\n---\n## Setup\n",
	})
	live := plantest.BaseRemote()
	b := plantest.RemoteArticle("2", "100", "B", plantest.HTML("## Setup\n"), false)
	b.Translations["en-us"].URL = "https://hc/en-us/2"
	live.Articles = []providers.Article{
		plantest.RemoteArticle("1", "100", "A", `<p><a href="https://hc/en-us/2#setup">b</a></p>`+"\n", false), b}
	cache := NewCache()
	if p := makePlan(t, tree, live, Options{Cache: cache}); len(p.Changes) != 0 {
		t.Fatalf("first plan: %v", plantest.Keys(p))
	}
	if p := makePlan(t, tree, live, Options{Cache: cache}); len(p.Changes) != 0 || cache.Hits() != 2 {
		t.Fatalf("second plan: %v, %d bodies spared by the cache, want none and 2", plantest.Keys(p), cache.Hits())
	}
	// The heading is renamed in b.md only; a.md is unchanged.
	path := filepath.Join(tree.Root, "Guides", "b.md")
	if err := os.WriteFile(path, []byte("---\ntitle: B\nid: 2\n---\n## Set up\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tree2, err := content.Load(tree.Root, content.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = NewPlan(tree2, live, Options{Provider: "test", Caps: plantest.FullCaps, Cache: cache})
	want := `Guides/a.md:5: link "b.md#setup": no heading "setup" in Guides/b.md (did you mean "set-up"?)`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("third plan: %v\nwant the problem %s", err, want)
	}
}
