package planner

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/diag"
	"github.com/hcsync/hcsync/internal/plantest"
	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/remote"
)

// foreignTree is a tree exported from another help center: n files whose
// ids this one does not have, and known more that it does.
func foreignTree(t *testing.T, n, known int) (*content.Tree, *remote.State) {
	t.Helper()
	files := map[string]string{}
	live := plantest.BaseRemote()
	for i := range n {
		files[fmt.Sprintf("Guides/f%d.md", i)] = fmt.Sprintf("---\ntitle: F%d\nid: %d\n---\nBody.\n", i, 9000+i)
	}
	for i := range known {
		files[fmt.Sprintf("Guides/k%d.md", i)] = fmt.Sprintf("---\ntitle: K%d\nid: %d\n---\nBody.\n", i, 10+i)
		live.Articles = append(live.Articles, plantest.RemoteArticle(fmt.Sprint(10+i), "100", fmt.Sprintf("K%d", i), plantest.HTML("Body.\n"), false))
	}
	return plantest.LoadTree(t, files), live
}

func planProblems(t *testing.T, tree *content.Tree, live *remote.State, opts Options) []string {
	t.Helper()
	opts.Provider, opts.Caps = "test", plantest.FullCaps
	_, err := NewPlan(tree, live, opts)
	ps, ok := err.(diag.Problems)
	if !ok {
		t.Fatalf("err = %v, want diag.Problems", err)
	}
	var got []string
	for _, p := range ps {
		got = append(got, p.String())
	}
	return got
}

// TestPlanForeignIDs checks that a tree whose ids mostly belong to
// another help center is said to be so once, not file by file.
func TestPlanForeignIDs(t *testing.T) {
	tests := []struct {
		name           string
		unknown, known int
		want           []string
	}{
		{
			name: "most ids unknown: one problem", unknown: 6, known: 2,
			want: []string{"6 of 8 files carry ids this help center does not have (first: Guides/f0.md id 9000, Guides/f1.md id 9001, Guides/f2.md id 9002, …): they belong to another help center; point hcsync.yaml at the right one, or run plan and apply with --forget-ids to adopt those files by title or create them, and apply writes the new ids"},
		},
		{
			name: "a few unknown among many: one line each", unknown: 2, known: 3,
			want: []string{
				"Guides/f0.md:3: id 9000 does not exist in the help center (deleted there, or another help center): remove the id: line to create the article anew, or point hcsync.yaml at the right help center",
				"Guides/f1.md:3: id 9001 does not exist in the help center (deleted there, or another help center): remove the id: line to create the article anew, or point hcsync.yaml at the right help center",
			},
		},
		{
			name: "fewer than five unknown: one line each", unknown: 4, known: 0,
			want: []string{
				"Guides/f0.md:3: id 9000 does not exist in the help center (deleted there, or another help center): remove the id: line to create the article anew, or point hcsync.yaml at the right help center",
				"Guides/f1.md:3: id 9001 does not exist in the help center (deleted there, or another help center): remove the id: line to create the article anew, or point hcsync.yaml at the right help center",
				"Guides/f2.md:3: id 9002 does not exist in the help center (deleted there, or another help center): remove the id: line to create the article anew, or point hcsync.yaml at the right help center",
				"Guides/f3.md:3: id 9003 does not exist in the help center (deleted there, or another help center): remove the id: line to create the article anew, or point hcsync.yaml at the right help center",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tree, live := foreignTree(t, tt.unknown, tt.known)
			got := planProblems(t, tree, live, Options{})
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestPlanForgetIDs checks that --forget-ids treats ids the help center
// lacks as absent: a file adopts the article of its section and title,
// else it is created; ids the help center has still bind.
func TestPlanForgetIDs(t *testing.T) {
	tree, live := foreignTree(t, 2, 1)
	live.Articles = append(live.Articles,
		plantest.RemoteArticle("20", "100", "F0", plantest.HTML("Body.\n"), false),
		plantest.RemoteArticle("9001", "100", "Elsewhere", plantest.HTML("Other.\n"), false)) // not this file's: its id is taken as it is
	p := makePlan(t, tree, live, Options{ForgetIDs: true})

	got := strings.Join(plantest.Keys(p), " ")
	if want := "adopt:Guides/f0.md update-translation:Guides/f1.md"; got != want {
		t.Fatalf("changes = %s, want %s", got, want)
	}
	adopt := p.Changes[0]
	if adopt.ArticleID != "20" || len(adopt.Fields) != 1 || adopt.Fields[0] != (plan.FieldChange{Field: "id", Old: "9000", New: "20"}) {
		t.Errorf("adopt = %s %+v, want article 20 and id 9000 -> 20", adopt.ArticleID, adopt.Fields)
	}
	if len(p.Warnings) != 1 || p.Warnings[0].Kind != "forgotten-ids" || !strings.Contains(p.Warnings[0].Msg, "Guides/f0.md id 9000") {
		t.Errorf("warnings = %+v, want one forgotten-ids", p.Warnings)
	}
}

// TestPlanForgetIDsCreates checks that a file whose forgotten id has no
// article of its title is created, and that two files never bind one
// remote article.
func TestPlanForgetIDsCreates(t *testing.T) {
	tree := plantest.LoadTree(t, map[string]string{
		"Guides/a.md": "---\ntitle: Same\nid: 9000\n---\nBody.\n",
		"Guides/b.md": "---\ntitle: Same\nid: 9001\n---\nBody.\n",
		"Guides/c.md": "---\ntitle: New\nid: 9002\n---\nBody.\n",
	})
	live := plantest.BaseRemote()
	live.Articles = []providers.Article{plantest.RemoteArticle("20", "100", "Same", plantest.HTML("Body.\n"), false)}
	p := makePlan(t, tree, live, Options{ForgetIDs: true})
	got := strings.Join(plantest.Keys(p), " ")
	if want := "adopt:Guides/a.md create:Guides/b.md create:Guides/c.md"; got != want {
		t.Fatalf("changes = %s, want %s", got, want)
	}
}

// TestPlanForgetSectionIDs checks that a folder's id the help center
// lacks counts among the tree's ids, and that with --forget-ids the
// folder is bound by name and apply writes the id it found, or the
// section is created.
func TestPlanForgetSectionIDs(t *testing.T) {
	files := map[string]string{
		"Guides/_section.md": "---\nid: 9999\n---\n",
		"Guides/a.md":        "---\ntitle: A\n---\nBody.\n",
		"Other/_section.md":  "---\nid: 9998\n---\n",
		"Other/b.md":         "---\ntitle: B\n---\nBody.\n",
	}
	want := []string{
		"Guides/_section.md: section id 9999 does not exist in the help center: remove the id: line to create the section, or point hcsync.yaml at the right help center",
		"Other/_section.md: section id 9998 does not exist in the help center: remove the id: line to create the section, or point hcsync.yaml at the right help center",
	}
	if got := planProblems(t, plantest.LoadTree(t, files), plantest.BaseRemote(), Options{}); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	p := makePlan(t, plantest.LoadTree(t, files), plantest.BaseRemote(), Options{ForgetIDs: true})
	got := strings.Join(plantest.Keys(p), " ")
	if want := "adopt-section:Guides create-section:Other create:Guides/a.md create:Other/b.md"; got != want {
		t.Fatalf("changes = %s, want %s", got, want)
	}
	adopt := p.Changes[0]
	if adopt.File != "Guides/_section.md" || adopt.SectionUpdate.ID != "100" || adopt.Fields[0] != (plan.FieldChange{Field: "id", Old: "9999", New: "100"}) {
		t.Errorf("adopt-section = %s %+v %+v, want Guides/_section.md, id 9999 -> 100", adopt.File, adopt.SectionUpdate, adopt.Fields)
	}
	if create := p.Changes[1]; create.Section.IDFile != "Other/_section.md" {
		t.Errorf("create-section writes its id into %q, want Other/_section.md", create.Section.IDFile)
	}
}

// TestWriteTextWarningWithoutFile checks that a warning about the whole
// tree (forgotten ids) reads as a sentence, not after an empty file name.
func TestWriteTextWarningWithoutFile(t *testing.T) {
	p := &plan.Plan{Warnings: []plan.Warning{{Kind: "forgotten-ids", Msg: "2 of 2 files carry ids"}, {File: "a.md", Kind: "drift", Msg: "edited"}}}
	var b strings.Builder
	if err := plan.WriteText(&b, p); err != nil {
		t.Fatal(err)
	}
	if want := "! 2 of 2 files carry ids\n! a.md: edited\n"; !strings.HasPrefix(b.String(), want) {
		t.Errorf("WriteText:\n%s\nwant it to start with:\n%s", b.String(), want)
	}
}
