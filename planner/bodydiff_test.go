package planner

import (
	"bytes"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/internal/golden"
	"github.com/hcsync/hcsync/internal/plantest"
	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers"
)

// diffPlan plans three edited articles against a help center: one whose
// Markdown changed, one whose HTML differs only in attributes a writer
// never sees, one whose HTML differs only in markup.
func diffPlan(t *testing.T) *plan.Plan {
	t.Helper()
	tree := plantest.LoadTree(t, map[string]string{
		"Guides/install.md": "---\ntitle: Install\nid: 1\n---\n## Before you start\n\nYou need a Mac or a PC.\n\n" +
			"1. Download the installer.\n2. Open it.\n3. Follow the steps.\n\nIt takes **two** minutes. See [the board](board.md).\n",
		"Guides/board.md": "---\ntitle: The board\nid: 2\n---\nWhere work is planned.\n\nEach column is a stage.\n",
		"Guides/faq.md":   "---\ntitle: FAQ\nid: 3\n---\nAsk us anything.\n",
	})
	live := plantest.BaseRemote()
	install := plantest.RemoteArticle("1", "100", "Install", plantest.HTML("## Before you start\n\nYou need a Mac or a PC.\n\n"+
		"1. Download the installer.\n2. Follow the steps.\n\nIt takes a minute. See [the board](https://hc/en-us/articles/2-The-board).\n"), false)
	board := plantest.RemoteArticle("2", "100", "The board",
		`<p dir="ltr" lang="en">Where work is planned.</p><p dir="ltr">Each column is a stage.</p>`, false)
	board.Translations["en-us"].URL = "https://hc/en-us/articles/2-The-board"
	board.Translations["en-us"].LinkURL = "https://hc/en-us/articles/2"
	board.Translations["en-us"].Permalink = "https://hc/en-us/articles/2"
	faq := plantest.RemoteArticle("3", "100", "FAQ", `<p><span>Ask us anything.</span></p>`, false)
	live.Articles = []providers.Article{install, board, faq}
	return makePlan(t, tree, live, Options{})
}

// TestPlanBodyDiffGolden: every update-translation whose body changed
// shows, in text and Markdown plans, a diff of the Markdown (old lines
// before new), or what differs in the markup when the Markdown reads
// the same.
func TestPlanBodyDiffGolden(t *testing.T) {
	p := diffPlan(t)
	for _, c := range p.Changes {
		if c.Action == plan.ActionUpdateTranslation && c.BodyDiff == "" && c.BodyNote == "" {
			t.Errorf("%s changes the body and shows no diff", c.Key)
		}
	}
	var txt, md bytes.Buffer
	if err := plan.WriteText(&txt, p); err != nil {
		t.Fatal(err)
	}
	if err := plan.WriteMarkdown(&md, p); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "plan-diff.txt", txt.String())
	golden.Check(t, "plan-diff.md", md.String())
}

func TestBodyDiffNotes(t *testing.T) {
	t.Parallel()
	p := diffPlan(t)
	got := map[string]*plan.Change{}
	for _, c := range p.Changes {
		got[c.File] = c
	}
	for _, tc := range []struct {
		file, note, diff string
	}{
		{"Guides/install.md", "", "-2. Follow the steps.\n+2. Open it.\n+3. Follow the steps.\n \n-It takes a minute. See [the board](https://hc/en-us/articles/2).\n+It takes **two** minutes. See [the board](https://hc/en-us/articles/2).\n"},
		{"Guides/board.md", "attributes only: dir, lang on 2 elements", ""},
		{"Guides/faq.md", "markup only: the Markdown reads the same", " <p>\n-<span>\n Ask us anything.\n-</span>\n </p>\n"},
	} {
		c := got[tc.file]
		if c == nil {
			t.Errorf("%s: no change", tc.file)
			continue
		}
		if c.BodyNote != tc.note || !strings.Contains(c.BodyDiff, tc.diff) || (tc.diff == "") != (c.BodyDiff == "") {
			t.Errorf("%s: note %q, diff\n%s\nwant note %q, diff with\n%s", tc.file, c.BodyNote, c.BodyDiff, tc.note, tc.diff)
		}
	}
}

// TestBodyDiffShowsNewTargetsAsFiles: a link to an article, or an image,
// that the apply creates shows in the diff as the file it points at,
// relative to the body's file, not as the placeholder the body holds
// until then.
func TestBodyDiffShowsNewTargetsAsFiles(t *testing.T) {
	t.Parallel()
	tree := plantest.LoadTree(t, map[string]string{
		"Guides/a.md":              "---\ntitle: A\nid: 1\n---\nSee [C](../More/c.md) and ![the screen](images/screen.png).\n",
		"More/c.md":                "---\ntitle: C\n---\nNew.\n",
		"Guides/images/screen.png": "not really a png",
	})
	live := plantest.BaseRemote()
	live.Articles = []providers.Article{plantest.RemoteArticle("1", "100", "A", plantest.HTML("See nothing.\n"), false)}
	caps := plantest.FullCaps
	caps.ImageUpload = true
	p := makePlan(t, tree, live, Options{Caps: caps})
	for _, c := range p.Changes {
		if c.Action != plan.ActionUpdateTranslation {
			continue
		}
		if want := "+See [C](../More/c.md) and ![the screen](images/screen.png)."; !strings.Contains(c.BodyDiff, want) {
			t.Errorf("diff:\n%s\nwant a line %s", c.BodyDiff, want)
		}
		return
	}
	t.Fatalf("no update-translation in %v", plantest.Keys(p))
}
