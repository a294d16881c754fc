package main

import (
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers/intercom/intercomtest"
	"github.com/hcsync/hcsync/providers/zendesk/zendesktest"
)

// convergeTarget is one help center the convergence tests run against:
// its config, its environment, and (Zendesk) the fake behind it.
type convergeTarget struct {
	name string
	dir  string
	env  []string
	fake *zendesktest.Server
}

// convergeTargets returns a fresh local help center, Zendesk fake and
// Intercom fake, each with an empty tree (docs/Guides/Basics: a category
// and a section, or a collection and a section).
func convergeTargets(t *testing.T) []convergeTarget {
	t.Helper()
	localDir := t.TempDir()
	writeFile(t, filepath.Join(localDir, "hcsync.yaml"), "provider: local\ncontent: docs\ndefault_locale: en-us\nlocal:\n  dir: .hcsync/local\n")

	fake := zendesktest.New(zendesktest.Options{Email: "writer@example.com", APIToken: zdToken})
	t.Cleanup(fake.Close)
	zdDir := t.TempDir()
	writeFile(t, filepath.Join(zdDir, "hcsync.yaml"), fmt.Sprintf("provider: zendesk\ncontent: docs\ndefault_locale: en-us\nrate_limit: 6000\nzendesk:\n  subdomain: acme\n  base_url: %s\n  permission_group: Admins\n", fake.URL))
	// Intercom's url follows the title too, and its old forms redirect.
	ic := intercomtest.New(intercomtest.Options{Token: intercomToken})
	t.Cleanup(ic.Close)
	icDir := t.TempDir()
	writeFile(t, filepath.Join(icDir, "hcsync.yaml"), fmt.Sprintf("provider: intercom\ncontent: docs\ndefault_locale: en\nintercom:\n  author_id: %d\n  base_url: %s\n  locales: [en]\n", ic.AuthorID(), ic.URL))
	return []convergeTarget{
		{name: "local", dir: localDir},
		{name: "zendesk", dir: zdDir, env: []string{"ZENDESK_EMAIL=writer@example.com", "ZENDESK_API_TOKEN=" + zdToken}, fake: fake},
		{name: "intercom", dir: icDir, env: []string{"INTERCOM_TOKEN=" + intercomToken}},
	}
}

// TestRetitleChangesOneArticle: five articles link to a sixth; retitling
// the sixth plans one update, and one apply converges. Links use the
// form of the target's URL that does not follow its title.
func TestRetitleChangesOneArticle(t *testing.T) {
	for _, tg := range convergeTargets(t) {
		t.Run(tg.name, func(t *testing.T) {
			docs := filepath.Join(tg.dir, "docs", "Guides", "Basics")
			board := filepath.Join(docs, "board.md")
			writeFile(t, board, "---\ntitle: The board\n---\nWhere work is planned.\n\n## Columns\n")
			for i := 1; i <= 5; i++ {
				writeFile(t, filepath.Join(docs, fmt.Sprintf("linker-%d.md", i)),
					fmt.Sprintf("---\ntitle: Linker %d\n---\nSee [the board](board.md) and [its columns](board.md#columns).\n", i))
			}
			mustApply(t, tg.dir, tg.env)
			assertConverged(t, tg.dir, tg.env)

			replaceIn(t, board, "title: The board", "title: The planning board")
			p := planJSON(t, tg.dir, tg.env)
			if got := actionCounts(p); !equalCounts(got, map[plan.Action]int{plan.ActionUpdateTranslation: 1}) {
				t.Fatalf("plan after a retitle = %v, want 1 update-translation (the retitled article only)\n%s", got, jsonString(p.Changes))
			}
			if c := p.Changes[0]; !strings.HasSuffix(c.File, "board.md") {
				t.Errorf("the update is for %s, want board.md", c.File)
			}
			mustApply(t, tg.dir, tg.env)
			assertConverged(t, tg.dir, tg.env)

			if tg.fake != nil {
				assertLinksServeTitle(t, tg.fake, "The planning board")
			}
		})
	}
}

// assertLinksServeTitle follows every article link in the Zendesk fake's
// bodies as a reader would and checks that it lands on an article, and
// that the links to the retitled article show its new title.
func assertLinksServeTitle(t *testing.T, fake *zendesktest.Server, title string) {
	t.Helper()
	href := regexp.MustCompile(`href="([^"#]*)`)
	seen := 0
	for _, a := range fake.Articles() {
		for _, tr := range a.Translations {
			for _, m := range href.FindAllStringSubmatch(tr.Body, -1) {
				if !strings.Contains(m[1], "/hc/") {
					continue
				}
				if regexp.MustCompile(`/articles/\d+-`).MatchString(m[1]) {
					t.Errorf("article %d links %s, a form that changes with the title", a.ID, m[1])
				}
				res, err := http.Get(m[1])
				if err != nil {
					t.Fatal(err)
				}
				page, _ := io.ReadAll(res.Body)
				res.Body.Close()
				if res.StatusCode != http.StatusOK || !strings.Contains(string(page), title) {
					t.Errorf("GET %s: %d, want 200 and a page titled %q:\n%s", m[1], res.StatusCode, title, page)
				}
				seen++
			}
		}
	}
	if seen != 10 {
		t.Errorf("followed %d links, want 10", seen)
	}
}

// TestTitleWithSurroundingSpacesConverges: a title the help center trims
// (or keeps) as written converges in one apply.
func TestTitleWithSurroundingSpacesConverges(t *testing.T) {
	for _, tg := range convergeTargets(t) {
		t.Run(tg.name, func(t *testing.T) {
			docs := filepath.Join(tg.dir, "docs", "Guides", "Basics")
			writeFile(t, filepath.Join(docs, "board.md"), "---\ntitle: \"Board? \"\n---\nWhere work is planned.\n")
			mustApply(t, tg.dir, tg.env)
			assertConverged(t, tg.dir, tg.env)
			writeFile(t, filepath.Join(docs, "board.md"), stripID(readFile(t, filepath.Join(docs, "board.md"))))
			if p := planJSON(t, tg.dir, tg.env); len(p.Changes) != 1 || p.Changes[0].Action != plan.ActionAdopt {
				t.Errorf("without its id, the file should adopt its article: %s", jsonString(p.Changes))
			}
		})
	}
}
