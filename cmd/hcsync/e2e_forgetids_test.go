package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers/local"
	"github.com/hcsync/hcsync/providers/zendesk/zendesktest"
)

var fileIDLine = regexp.MustCompile(`(?m)^id: (\d+)\r?$`)

// treeIDs returns the id: of every file under docs, by slash path.
func treeIDs(t *testing.T, docs string) map[string]string {
	t.Helper()
	ids := map[string]string{}
	err := filepath.WalkDir(docs, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		if m := fileIDLine.FindStringSubmatch(readFile(t, p)); m != nil {
			rel, _ := filepath.Rel(docs, p)
			ids[filepath.ToSlash(rel)] = m[1]
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// migrateTree moves dir's tree, applied to help center A so that its
// files carry A's ids, to help center B, which configB points a folder
// at. B already holds the tree's articles but three, written there from
// a copy that kept no ids. It checks that plan names the situation once,
// that --forget-ids adopts the six by title and the folders by name and
// creates the three, that apply writes B's ids over A's, and that the
// next plan, without the flag, is empty.
func migrateTree(t *testing.T, dir string, env []string, configB func(dir string)) {
	t.Helper()
	docs := filepath.Join(dir, "docs")
	mustApply(t, dir, env)
	before := treeIDs(t, docs)
	if len(before) != 15 {
		t.Fatalf("after the first apply %d files carry ids, want the 9 articles and 6 folders: %v", len(before), before)
	}

	seed := copyTree(t, "../../testdata/example")
	configB(seed)
	for _, f := range []string{"account/billing/invoices.md", "account/security/reset-password.md",
		"getting-started/installation/install-mobile.md", "getting-started/installation/install-mobile.fr.md"} {
		if err := os.Remove(filepath.Join(seed, "docs", filepath.FromSlash(f))); err != nil {
			t.Fatal(err)
		}
	}
	mustApply(t, seed, env, "--no-write-ids")

	configB(dir)
	res := runCLI(t, dir, env, "plan")
	if res.code != 1 || !strings.Contains(res.stderr, "15 of 15 files carry ids this help center does not have (first: account/_category.md id ") ||
		!strings.Contains(res.stderr, "run plan and apply with --forget-ids") || strings.Contains(res.stderr, "does not exist") {
		t.Fatalf("plan against the other help center: exit %d, want 1 and one line saying the ids are another help center's\nstderr: %s", res.code, res.stderr)
	}

	p := planJSON(t, dir, env, "--forget-ids")
	counts := actionCounts(p)
	if counts[plan.ActionAdopt] != 6 || counts[plan.ActionCreate] != 3 || counts[plan.ActionAdoptSection] != 6 || counts[plan.ActionCreateSection] != 0 {
		t.Errorf("plan --forget-ids = %v, want 6 adopt, 3 create, 6 adopt-section", counts)
	}
	if len(p.Warnings) != 1 || p.Warnings[0].Kind != "forgotten-ids" {
		t.Errorf("warnings = %+v, want one forgotten-ids", p.Warnings)
	}

	mustApply(t, dir, env, "--forget-ids")
	after := treeIDs(t, docs)
	if len(after) != 15 {
		t.Errorf("after apply --forget-ids %d files carry ids, want 15: %v", len(after), after)
	}
	seen := map[string]string{}
	for f, id := range after {
		if id == before[f] {
			t.Errorf("%s keeps id %s of the other help center", f, id)
		}
		if other, dup := seen[id]; dup {
			t.Errorf("%s and %s both carry id %s", f, other, id)
		}
		seen[id] = f
	}
	assertConverged(t, dir, env)
}

func TestForgetIDsLocal(t *testing.T) {
	dir := copyTree(t, "../../testdata/example")
	// Help center A has been in use a while: its ids are not B's.
	writeFile(t, filepath.Join(dir, ".hcsync", "local", "center.json"),
		`{"default_locale": "en-us", "next_id": 5000, "sections": [], "tags": [], "segments": [{"id": "1", "name": "Signed-in users"}, {"id": "2", "name": "Staff"}], "permission_groups": [{"id": "3", "name": "Admins"}, {"id": "4", "name": "Agents"}]}`)
	b := filepath.Join(t.TempDir(), "b")
	migrateTree(t, dir, nil, func(d string) {
		writeFile(t, filepath.Join(d, "hcsync.yaml"), fmt.Sprintf("provider: local\ncontent: docs\nlocal:\n  dir: %s\n  locales: [en-us, fr, de]\n", b))
	})
	lp, err := local.New(local.Options{Dir: b})
	if err != nil {
		t.Fatal(err)
	}
	list, err := lp.ListArticles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	titles := map[string]int{}
	for _, art := range list {
		titles[art.Translations[art.SourceLocale].Title]++
	}
	if len(list) != 9 || len(titles) != 9 {
		t.Errorf("help center B holds %d articles with %d titles, want the tree's 9: %v", len(list), len(titles), titles)
	}
}

func TestForgetIDsZendesk(t *testing.T) {
	a := zendesktest.New(zendesktest.Options{Email: "writer@example.com", APIToken: zdToken})
	defer a.Close()
	a.SeedArticles(300, nil) // help center A's ids are past B's
	b := zendesktest.New(zendesktest.Options{Email: "writer@example.com", APIToken: zdToken})
	defer b.Close()
	env := []string{"ZENDESK_EMAIL=writer@example.com", "ZENDESK_API_TOKEN=" + zdToken}

	dir := zendeskTree(t, a.URL)
	migrateTree(t, dir, env, func(d string) {
		src := zendeskTree(t, b.URL)
		writeFile(t, filepath.Join(d, "hcsync.yaml"), readFile(t, filepath.Join(src, "hcsync.yaml")))
	})
	titles := map[string]int{}
	for _, art := range b.Articles() {
		titles[art.Translations[art.SourceLocale].Title]++
	}
	if len(b.Articles()) != 9 {
		t.Errorf("help center B holds %d articles, want the tree's 9: %v", len(b.Articles()), titles)
	}
	for title, n := range titles {
		if n > 1 {
			t.Errorf("help center B holds %d articles titled %q", n, title)
		}
	}
}
