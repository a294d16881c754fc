package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hcsync/hcsync/bench"
	"github.com/hcsync/hcsync/internal/lockfile"
	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/providers/fakeserver"
	"github.com/hcsync/hcsync/providers/zendesk"
	"github.com/hcsync/hcsync/providers/zendesk/zendesktest"
)

// TestTwoAppliesAtOnce starts two applies of one tree together. The
// fake holds the first write back until one of them has ended, so both
// are surely running at once: one applies, the other exits 1 naming the
// lock and who holds it, and the help center holds each article once.
func TestTwoAppliesAtOnce(t *testing.T) {
	fake := zendesktest.New(zendesktest.Options{Email: "writer@example.com", APIToken: zdToken})
	defer fake.Close()
	dir := zendeskTree(t, fake.URL)
	env := []string{"ZENDESK_EMAIL=writer@example.com", "ZENDESK_API_TOKEN=" + zdToken}

	oneEnded := make(chan struct{})
	var endOnce sync.Once
	fake.SetFaults(func(_ int, r *http.Request) fakeserver.Fault {
		if r.Method == http.MethodPost {
			select {
			case <-oneEnded:
			case <-time.After(15 * time.Second):
			}
		}
		return fakeserver.Fault{}
	})
	var runs [2]cliResult
	var wg sync.WaitGroup
	for i := range runs {
		wg.Go(func() {
			runs[i] = runCLI(t, dir, env, "apply")
			endOnce.Do(func() { close(oneEnded) })
		})
	}
	wg.Wait()
	fake.SetFaults(nil)

	ran, refused := runs[0], runs[1]
	if ran.code != 0 {
		ran, refused = refused, ran
	}
	lock := filepath.Join(dir, ".hcsync.lock")
	if ran.code != 0 || refused.code != 1 {
		t.Fatalf("exit codes %d and %d, want 0 and 1\nfirst stderr: %s\nsecond stderr: %s", runs[0].code, runs[1].code, runs[0].stderr, runs[1].stderr)
	}
	if !strings.Contains(refused.stderr, "another apply holds "+lock+" (pid ") || !strings.Contains(refused.stderr, "wait for it to finish") {
		t.Errorf("the refused apply said:\n%s\nwant it to name %s, its holder and what to do", refused.stderr, lock)
	}
	if n := len(fake.Articles()); n != 9 {
		t.Errorf("help center holds %d articles, want the tree's 9", n)
	}
	if _, err := os.Stat(lock); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("lock file left after the apply: %v", err)
	}
	assertConverged(t, dir, env)
}

// applyAfterPlan applies clone B, and when B's apply sends its first
// request after planning (trigger), applies clone A to the end before
// the fake answers it: B's plan predates everything A creates, the race
// of two clones applied at once, made certain.
func applyAfterPlan(t *testing.T, setFaults func(func(int, *http.Request) fakeserver.Fault), trigger func(*http.Request) bool, dirA, dirB string, env []string) (a, b cliResult) {
	t.Helper()
	var fired atomic.Bool
	setFaults(func(_ int, r *http.Request) fakeserver.Fault {
		if trigger(r) && fired.CompareAndSwap(false, true) {
			a = runCLI(t, dirA, env, "apply")
		}
		return fakeserver.Fault{}
	})
	b = runCLI(t, dirB, env, "apply")
	setFaults(nil)
	if !fired.Load() {
		t.Fatal("clone A never ran: the trigger request never came")
	}
	if a.code != 0 || b.code != 0 {
		t.Fatalf("apply exit codes: clone A %d, clone B %d, want 0\nA stderr: %s\nB stdout: %s\nB stderr: %s", a.code, b.code, a.stderr, b.stdout, b.stderr)
	}
	return a, b
}

// assertSameIDs checks that the two clones' files carry the same ids:
// B adopted A's articles rather than making its own.
func assertSameIDs(t *testing.T, dirA, dirB string, files ...string) {
	t.Helper()
	for _, f := range files {
		idA, idB := anyID(t, filepath.Join(dirA, "docs", f)), anyID(t, filepath.Join(dirB, "docs", f))
		if idA == "" || idA != idB {
			t.Errorf("%s: clone A has id %q, clone B %q: want one article", f, idA, idB)
		}
	}
}

// anyID is the id: of a file, numeric or not ("" without one).
func anyID(t *testing.T, path string) string {
	t.Helper()
	m := regexp.MustCompile(`(?m)^id: "?([^"\s]+)"?$`).FindStringSubmatch(readFile(t, path))
	if m == nil {
		return ""
	}
	return m[1]
}

// TestTwoClonesZendesk: clone B plans the example against an empty
// help center, clone A applies all of it, then B applies its plan. B
// adopts A's categories, sections and articles: the help center holds
// each once, both clones carry the same ids, and both plans are empty.
func TestTwoClonesZendesk(t *testing.T) {
	fake := zendesktest.New(zendesktest.Options{Email: "writer@example.com", APIToken: zdToken})
	defer fake.Close()
	dirA, dirB := zendeskTree(t, fake.URL), zendeskTree(t, fake.URL)
	env := []string{"ZENDESK_EMAIL=writer@example.com", "ZENDESK_API_TOKEN=" + zdToken}

	// Apply checks the token (users/me) after planning, before writing.
	_, b := applyAfterPlan(t, fake.SetFaults, func(r *http.Request) bool { return r.URL.Path == "/api/v2/users/me" }, dirA, dirB, env)
	if !strings.Contains(b.stderr, "created in the help center since the plan") {
		t.Errorf("clone B's progress does not say it adopted what A made:\n%s", b.stderr)
	}
	if n := len(fake.Articles()); n != 9 {
		t.Errorf("help center holds %d articles, want the tree's 9", n)
	}
	if c, s := len(fake.Categories()), len(fake.Sections()); c != 2 || s != 4 {
		t.Errorf("help center holds %d categories and %d sections, want 2 and 4", c, s)
	}
	assertSameIDs(t, dirA, dirB, "getting-started/installation/install-desktop.md", "account/billing/invoices.md", "account/security/two-factor.md", "account/_category.md", "account/billing/_section.md")
	assertConverged(t, dirB, env)
	assertConverged(t, dirA, env)

	// A duplicate made anyway (by hand, or by a version without the
	// re-list) is named by the plan, both ids, in text and JSON.
	zp, err := zendesk.New(zendesk.Options{BaseURL: fake.URL, Email: "writer@example.com", APIToken: zdToken})
	if err != nil {
		t.Fatal(err)
	}
	orig := anyID(t, filepath.Join(dirA, "docs", "account/billing/invoices.md"))
	var section string
	for _, a := range fake.Articles() {
		if fmt.Sprint(a.ID) == orig {
			section = fmt.Sprint(a.SectionID)
		}
	}
	admins := "Admins"
	dup, err := zp.CreateArticle(context.Background(), providers.ArticleInput{SectionID: section, ArticleMeta: providers.ArticleMeta{PermissionGroup: &admins},
		Source: providers.TranslationInput{Locale: "en-us", Title: "Download invoices", Body: "<p>A copy.</p>"}})
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf(`remote articles %s and %s in section "Billing" are all titled "Download invoices"`, orig, dup.ID)
	if res := runCLI(t, dirA, env, "plan"); res.code != 0 || !strings.Contains(res.stdout, "! account/billing/invoices.md: "+want) {
		t.Errorf("plan: exit %d, want 0 and a warning on invoices.md: %s\nstdout: %s\nstderr: %s", res.code, want, res.stdout, res.stderr)
	}
	p := planJSON(t, dirA, env)
	if len(p.Warnings) != 1 || p.Warnings[0].Kind != "duplicate-title" || !strings.Contains(p.Warnings[0].Msg, want) {
		t.Errorf("JSON plan warnings = %+v, want one duplicate-title naming %s and %s", p.Warnings, orig, dup.ID)
	}
}

// TestTwoClonesHelpCenter is TestTwoClonesZendesk on Help.Center, whose
// categories are listed with their children and whose articles are
// listed by category from two lists, drafts and published ones.
func TestTwoClonesHelpCenter(t *testing.T) {
	srv := newHelpCenterFake(t)
	dirA, dirB := helpCenterTree(t, srv.URL, srv.CenterID), helpCenterTree(t, srv.URL, srv.CenterID)
	env := []string{"HELPCENTER_API_KEY=" + hcFullKey}

	// B's plan lists the categories once; its apply lists them again
	// right before its first create-section, which is where A's whole
	// apply must land to test the adoption (B's first write would be too
	// late: its listing may already have gone out beside an upload).
	var categoryLists atomic.Int32
	_, b := applyAfterPlan(t, srv.Middleware().SetFaults, func(r *http.Request) bool {
		return r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/articles/categories") && categoryLists.Add(1) == 2
	}, dirA, dirB, env)
	if !strings.Contains(b.stderr, "created in the help center since the plan") {
		t.Errorf("clone B's progress does not say it adopted what A made:\n%s", b.stderr)
	}
	assertHelpCenterState(t, srv) // one line per article, six categories
	assertSameIDs(t, dirA, dirB, "getting-started/installation/install-desktop.md", "account/billing/invoices.md", "account/security/two-factor.md", "account/_category.md", "account/billing/_section.md")
	assertConverged(t, dirB, env)
	assertConverged(t, dirA, env)
}

// TestTwoTreesOneLocalFolder applies two different trees pointed at one
// local.dir at once (two processes, each with its own lock beside its
// hcsync.yaml): the folder's own lock keeps them from handing out one
// id twice, so every file ends with its own article and both plans are
// empty after.
func TestTwoTreesOneLocalFolder(t *testing.T) {
	store := filepath.Join(t.TempDir(), "center")
	var dirs [2]string
	for i := range dirs {
		dirs[i] = t.TempDir()
		docs := filepath.Join(dirs[i], "docs")
		if _, err := bench.Generate(docs, bench.Tree{Articles: 60, Locales: 2, PerSection: 20}); err != nil {
			t.Fatal(err)
		}
		prefixTitles(t, docs, fmt.Sprintf("Tree %d ", i))
		// Folders of their own too: two processes that make a folder's
		// section in the same instant both make it, a race the re-list
		// narrows but cannot close, and not the one under test.
		tops, err := os.ReadDir(docs)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range tops {
			if e.IsDir() {
				if err := os.Rename(filepath.Join(docs, e.Name()), filepath.Join(docs, fmt.Sprintf("tree-%d-%s", i, e.Name()))); err != nil {
					t.Fatal(err)
				}
			}
		}
		writeFile(t, filepath.Join(dirs[i], "hcsync.yaml"), "provider: local\ncontent: docs\nlocal:\n  dir: "+store+"\n")
	}
	var runs [2]cliResult
	var wg sync.WaitGroup
	for i := range dirs {
		wg.Go(func() { runs[i] = runCLI(t, dirs[i], nil, "apply") })
	}
	wg.Wait()
	for i, r := range runs {
		if r.code != 0 {
			t.Fatalf("tree %d: apply exit %d\nstdout: %s\nstderr: %s", i, r.code, r.stdout, r.stderr)
		}
	}
	owner := map[string]string{}
	for _, dir := range dirs {
		filepath.WalkDir(filepath.Join(dir, "docs"), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") || strings.Count(filepath.Base(path), ".") > 1 || strings.HasPrefix(filepath.Base(path), "_") {
				return err
			}
			id := anyID(t, path)
			if prev, ok := owner[id]; ok || id == "" {
				t.Errorf("%s has id %q, as %s has", path, id, prev)
			}
			owner[id] = path
			return nil
		})
	}
	if len(owner) != 120 {
		t.Errorf("%d distinct ids in the two trees, want 120", len(owner))
	}
	for _, dir := range dirs {
		assertConverged(t, dir, nil)
	}
}

// prefixTitles puts prefix before every title in the tree, so two
// generated trees hold different articles.
func prefixTitles(t *testing.T, dir, prefix string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(path, regexp.MustCompile(`(?m)^title: `).ReplaceAll(data, []byte("title: "+prefix)), 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// While another process holds the lock, apply refuses and names the
// holder; plan and apply --dry-run, which write nothing, run.
func TestApplyLockedOut(t *testing.T) {
	dir := copyTree(t, "../../testdata/example")
	lock, err := lockfile.TryAcquire(filepath.Join(dir, ".hcsync.lock"))
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	for _, args := range [][]string{{"plan"}, {"apply", "--dry-run"}} {
		if res := runCLI(t, dir, nil, args...); res.code != 0 {
			t.Errorf("%v while locked: exit %d, want 0\nstderr: %s", args, res.code, res.stderr)
		}
	}
	res := runCLI(t, dir, nil, "apply")
	want := fmt.Sprintf("hcsync apply: another apply holds %s (pid %d on host ", filepath.Join(dir, ".hcsync.lock"), os.Getpid())
	if res.code != 1 || !strings.HasPrefix(res.stderr, want) || !strings.HasSuffix(res.stderr, "UTC): wait for it to finish\n") {
		t.Errorf("apply while locked: exit %d, stderr %q; want 1 and %q…", res.code, res.stderr, want)
	}
	if _, err := os.Stat(filepath.Join(dir, ".hcsync/local")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the locked-out apply wrote to the help center: %v", err)
	}
}
