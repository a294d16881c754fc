package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/providers/intercom/intercomtest"
	"github.com/hcsync/hcsync/providers/zendesk"
	"github.com/hcsync/hcsync/providers/zendesk/zendesktest"
)

// savedSetup applies the example tree to a Zendesk fake, then edits two
// articles' files: install-desktop.md, which plan --out then saves an
// update of, and invoices.md only after the plan is saved, so that apply
// FILE applying exactly the saved plan leaves it for the next plan.
type savedSetup struct {
	fake *zendesktest.Server
	dir  string
	env  []string
	// saved is the plan as plan --out printed it.
	saved *plan.Plan
}

const (
	desktopFile  = "getting-started/installation/install-desktop.md"
	invoicesFile = "account/billing/invoices.md"
)

func newSavedSetup(t *testing.T) *savedSetup {
	t.Helper()
	fake := zendesktest.New(zendesktest.Options{Email: "writer@example.com", APIToken: zdToken})
	t.Cleanup(fake.Close)
	s := &savedSetup{fake: fake, dir: zendeskTree(t, fake.URL), env: []string{"ZENDESK_EMAIL=writer@example.com", "ZENDESK_API_TOKEN=" + zdToken}}
	mustApply(t, s.dir, s.env)
	s.appendLine(t, desktopFile, "A line the reviewer saw.")
	res := runCLI(t, s.dir, s.env, "plan", "--format", "json", "--out", "plan.hcsync")
	if res.code != 0 {
		t.Fatalf("plan --out: exit %d\n%s", res.code, res.stderr)
	}
	p, err := plan.ReadJSON(strings.NewReader(res.stdout))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Changes) != 1 || p.Changes[0].Action != plan.ActionUpdateTranslation || p.Changes[0].File != desktopFile {
		t.Fatalf("the plan saved is %v, want one update-translation of %s", keys(p), desktopFile)
	}
	s.saved = p
	// Planned after the save: a re-plan would take it along.
	s.appendLine(t, invoicesFile, "A line nobody reviewed.")
	return s
}

func (s *savedSetup) appendLine(t *testing.T, file, line string) {
	t.Helper()
	path := filepath.Join(s.dir, "docs", filepath.FromSlash(file))
	writeFile(t, path, readFile(t, path)+"\n"+line+"\n")
}

func keys(p *plan.Plan) []string {
	var out []string
	for _, c := range p.Changes {
		out = append(out, c.Key)
	}
	return out
}

// articleID is the id apply wrote into a file of the tree.
func (s *savedSetup) articleID(t *testing.T, file string) string {
	t.Helper()
	m := regexp.MustCompile(`(?m)^id: ([0-9]+)$`).FindStringSubmatch(readFile(t, filepath.Join(s.dir, "docs", file)))
	if m == nil {
		t.Fatalf("%s has no id", file)
	}
	return m[1]
}

// writes are the requests of the fake's log that change something.
func (s *savedSetup) writes() []string {
	var out []string
	for _, r := range s.fake.Requests() {
		if r.Method != "GET" {
			out = append(out, r.Method+" "+r.Path)
		}
	}
	return out
}

// TestSavedPlanAppliesExactly: plan --out, then apply FILE applies the
// saved plan and nothing else (the edit made after the save is still
// planned afterwards), with one write for its one change and only the
// reads of the check, and does not ask even on a terminal.
func TestSavedPlanAppliesExactly(t *testing.T) {
	s := newSavedSetup(t)
	s.fake.ResetLog()
	res := runCLI(t, s.dir, s.env, "apply", "plan.hcsync")
	if res.code != 0 {
		t.Fatalf("apply plan.hcsync: exit %d\nstdout: %s\nstderr: %s", res.code, res.stdout, res.stderr)
	}
	if !strings.Contains(res.stdout, "Applied 1 change(s).") {
		t.Errorf("apply plan.hcsync said:\n%s", res.stdout)
	}
	if w := s.writes(); len(w) != 1 || !strings.HasPrefix(w[0], "PUT ") {
		t.Errorf("apply plan.hcsync wrote %v, want the one PUT of the saved update", w)
	}
	// The check reads the article list (with translations, one page
	// here, and the segment and tag lists that name what articles carry);
	// users/me is apply's own check that the token may write. The plan
	// touches no section: sections are not read.
	reads := map[string]bool{"/api/v2/help_center/articles": true, "/api/v2/help_center/user_segments": true,
		"/api/v2/guide/content_tags": true, "/api/v2/users/me": true}
	gets := 0
	for _, r := range s.fake.Requests() {
		if r.Method != "GET" {
			continue
		}
		gets++
		if !reads[r.Path] {
			t.Errorf("apply plan.hcsync read %s, beyond what the check needs", r.Path)
		}
	}
	if gets > len(reads) {
		t.Errorf("apply plan.hcsync sent %d GETs, want at most %d", gets, len(reads))
	}
	id, _ := strconv.ParseInt(s.articleID(t, desktopFile), 10, 64)
	a, _ := s.fake.Article(id)
	if body := a.Translations["en-us"].Body; !strings.Contains(body, "A line the reviewer saw.") {
		t.Errorf("the help center's body of %s lacks the saved change:\n%s", desktopFile, body)
	}
	// Exactly the saved plan: the later edit is what remains.
	after := planJSON(t, s.dir, s.env)
	if got := keys(after); len(got) != 1 || got[0] != "update-translation:"+invoicesFile {
		t.Errorf("plan after apply plan.hcsync = %v, want only the edit made after the save", got)
	}
	// The same file again is out of date (its update moved the
	// translation): refused, nothing written twice.
	s.fake.ResetLog()
	res = runCLI(t, s.dir, s.env, "apply", "plan.hcsync")
	if res.code != 1 || !strings.Contains(res.stderr, "the plan in plan.hcsync is out of date, nothing was written") || !strings.Contains(res.stderr, "a saved plan is applied once") {
		t.Errorf("a second apply of plan.hcsync: exit %d, want 1 and out of date\n%s%s", res.code, res.stdout, res.stderr)
	}
	if w := s.writes(); len(w) > 0 {
		t.Errorf("a second apply of plan.hcsync wrote %v", w)
	}
}

// TestSavedPlanRefusesWhatMoved: apply FILE writes nothing and names
// what changed since the plan: a file of the tree, an article edited in
// the help center, the config; and refuses a file that is no saved plan
// or comes from another format version.
func TestSavedPlanRefusesWhatMoved(t *testing.T) {
	for _, tc := range []struct {
		name string
		move func(t *testing.T, s *savedSetup)
		want []string
	}{
		{"a file of the plan edited", func(t *testing.T, s *savedSetup) {
			s.appendLine(t, desktopFile, "A line added after the review.")
		}, []string{"docs/" + desktopFile + " changed since the plan"}},
		{"the article edited in the help center", func(t *testing.T, s *savedSetup) {
			zp, err := zendesk.New(zendesk.Options{BaseURL: s.fake.URL, Email: "writer@example.com", APIToken: zdToken})
			if err != nil {
				t.Fatal(err)
			}
			id := s.articleID(t, desktopFile)
			if _, err := zp.UpdateTranslation(context.Background(), id, providers.TranslationInput{Locale: "en-us", Title: "Install Lumen on your computer", Body: "<p>Edited in Guide.</p>"}); err != nil {
				t.Fatal(err)
			}
		}, []string{"article ", " (en-us) was edited in the help center"}},
		{"hcsync.yaml changed", func(t *testing.T, s *savedSetup) {
			cfg := filepath.Join(s.dir, "hcsync.yaml")
			writeFile(t, cfg, strings.Replace(readFile(t, cfg), "concurrency: 4", "concurrency: 2", 1))
		}, []string{"hcsync.yaml changed since the plan in plan.hcsync was made", "re-run hcsync plan --out"}},
		{"another provider", func(t *testing.T, s *savedSetup) {
			cfg := filepath.Join(s.dir, "hcsync.yaml")
			writeFile(t, cfg, strings.Replace(readFile(t, cfg), "provider: zendesk", "provider: local", 1))
		}, []string{"plan.hcsync was made for provider zendesk, and hcsync.yaml says local"}},
		{"another format version", func(t *testing.T, s *savedSetup) {
			s.editSaved(t, func(m map[string]any) { m["format_version"] = 99 })
		}, []string{"plan.hcsync was saved by hcsync", "format 99", "re-run hcsync plan --out"}},
		{"a change without its desired state", func(t *testing.T, s *savedSetup) {
			s.editSaved(t, func(m map[string]any) {
				delete(m["plan"].(map[string]any)["changes"].([]any)[0].(map[string]any), "translation")
			})
		}, []string{"update-translation needs exactly \"translation\" set, but the change sets none"}},
		{"a JSON plan, not a saved one", func(t *testing.T, s *savedSetup) {
			res := runCLI(t, s.dir, s.env, "plan", "--format", "json")
			writeFile(t, filepath.Join(s.dir, "plan.hcsync"), res.stdout)
		}, []string{"plan.hcsync is not a saved plan", "hcsync plan --out plan.hcsync"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newSavedSetup(t)
			tc.move(t, s)
			s.fake.ResetLog()
			res := runCLI(t, s.dir, s.env, "apply", "plan.hcsync")
			if res.code != 1 {
				t.Errorf("apply plan.hcsync: exit %d, want 1\nstdout: %s\nstderr: %s", res.code, res.stdout, res.stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(res.stderr, w) {
					t.Errorf("apply plan.hcsync's error lacks %q:\n%s", w, res.stderr)
				}
			}
			if w := s.writes(); len(w) > 0 {
				t.Errorf("apply of a refused plan wrote %v", w)
			}
		})
	}
}

// editSaved rewrites plan.hcsync's JSON, as a hand edit or another
// hcsync would.
func (s *savedSetup) editSaved(t *testing.T, edit func(map[string]any)) {
	t.Helper()
	path := filepath.Join(s.dir, "plan.hcsync")
	var m map[string]any
	if err := json.Unmarshal([]byte(readFile(t, path)), &m); err != nil {
		t.Fatal(err)
	}
	edit(m)
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, path, string(b))
}

// TestSavedPlanRefusesPlanningFlags: a saved plan was made with its own
// planning flags; apply FILE with one is a usage error.
func TestSavedPlanRefusesPlanningFlags(t *testing.T) {
	s := newSavedSetup(t)
	res := runCLI(t, s.dir, s.env, "apply", "plan.hcsync", "--prune")
	if res.code != exitUsage || !strings.Contains(res.stderr, "--prune: a saved plan is applied as it was made") {
		t.Errorf("apply plan.hcsync --prune: exit %d, want %d and why\n%s", res.code, exitUsage, res.stderr)
	}
}

// TestSavedFirstApplyEveryProvider: the first apply of the example tree
// (sections, categories, images, articles, translations, links between
// new articles) from a saved plan converges on every provider: what the
// adapters learn from the listings a plan makes, apply FILE learns too.
func TestSavedFirstApplyEveryProvider(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T) (dir string, env []string)
	}{
		{"zendesk", func(t *testing.T) (string, []string) {
			fake := zendesktest.New(zendesktest.Options{Email: "writer@example.com", APIToken: zdToken})
			t.Cleanup(fake.Close)
			return zendeskTree(t, fake.URL), []string{"ZENDESK_EMAIL=writer@example.com", "ZENDESK_API_TOKEN=" + zdToken}
		}},
		{"helpcenter", func(t *testing.T) (string, []string) {
			srv := newHelpCenterFake(t)
			return helpCenterTree(t, srv.URL, srv.CenterID), []string{"HELPCENTER_API_KEY=" + hcFullKey}
		}},
		{"intercom", func(t *testing.T) (string, []string) {
			srv := intercomtest.New(intercomtest.Options{Token: intercomToken})
			t.Cleanup(srv.Close)
			return intercomTree(t, srv), []string{"INTERCOM_TOKEN=" + intercomToken}
		}},
		{"local", func(t *testing.T) (string, []string) {
			return copyTree(t, "../../testdata/example"), nil
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir, env := tc.setup(t)
			if res := runCLI(t, dir, env, "plan", "--out", "first.hcsync"); res.code != 0 {
				t.Fatalf("plan --out: exit %d\n%s", res.code, res.stderr)
			}
			res := runCLI(t, dir, env, "apply", "first.hcsync")
			if res.code != 0 {
				t.Fatalf("apply first.hcsync: exit %d\nstdout: %s\nstderr: %s", res.code, res.stdout, res.stderr)
			}
			assertConverged(t, dir, env)
			// Applied: the same file again finds its creates made.
			if res := runCLI(t, dir, env, "apply", "first.hcsync"); res.code != 1 || !strings.Contains(res.stderr, "changed since the plan") {
				t.Errorf("a second apply of first.hcsync: exit %d, want 1 and the files the ids went into\n%s", res.code, res.stderr)
			}
		})
	}
}

// TestSavedPlanArchiveCap: a saved plan archiving more than allowed is
// refused by apply FILE before any write, as apply refuses it, and
// --max-archive lets it through; the deleted files the archives come
// from must still be absent.
func TestSavedPlanArchiveCap(t *testing.T) {
	g := newGitTree(t)
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	notes := []string{"account/old/note-1.md", "account/old/note-2.md"}
	for i, n := range notes {
		writeFile(t, g.doc(n), fmt.Sprintf("---\ntitle: Old note %d\n---\nNote %d.\n", i, i))
	}
	g.commit("add notes", at)
	mustApply(t, g.dir, nil)
	before := g.commit("hcsync: write ids [skip ci]", at.Add(time.Hour))
	saved := map[string]string{}
	for _, n := range notes {
		saved[n] = readFile(t, g.doc(n))
		if err := os.Remove(g.doc(n)); err != nil {
			t.Fatal(err)
		}
	}
	g.commit("remove the notes", at.Add(2*time.Hour))
	if res := runCLI(t, g.dir, nil, "plan", "--prune", "--since", before, "--max-archive", "1", "--out", "archive.hcsync"); res.code != 0 {
		t.Fatalf("plan --out: exit %d\n%s", res.code, res.stderr)
	}

	res := runCLI(t, g.dir, nil, "apply", "archive.hcsync", "--max-archive", "1")
	if res.code != exitError || !strings.Contains(res.stderr, "--max-archive 2") || strings.Contains(res.stdout, "Applied") {
		t.Errorf("apply archive.hcsync over the cap: exit %d, want 1 and the way to allow it\nstdout: %s\nstderr: %s", res.code, res.stdout, res.stderr)
	}
	// A deleted file back since the plan: its archive is no longer what
	// was reviewed.
	writeFile(t, g.doc(notes[0]), saved[notes[0]])
	res = runCLI(t, g.dir, nil, "apply", "archive.hcsync", "--max-archive", "2")
	if res.code != exitError || !strings.Contains(res.stderr, "docs/"+notes[0]+" appeared since the plan") {
		t.Errorf("apply archive.hcsync with a deleted file back: exit %d, want 1 naming it\n%s", res.code, res.stderr)
	}
	os.Remove(g.doc(notes[0]))
	res = runCLI(t, g.dir, nil, "apply", "archive.hcsync", "--max-archive", "2")
	if res.code != 0 || !strings.Contains(res.stdout, "Applied 2 change(s).") {
		t.Errorf("apply archive.hcsync --max-archive 2: exit %d\nstdout: %s\nstderr: %s", res.code, res.stdout, res.stderr)
	}
}

// TestSavedPlanReadsFewArticles: on a help center of hundreds of
// articles, apply FILE re-reads the one article its plan touches and
// the two its body links (which must still exist), one request each,
// instead of listing them all again (4 pages).
func TestSavedPlanReadsFewArticles(t *testing.T) {
	fake := zendesktest.New(zendesktest.Options{Email: "writer@example.com", APIToken: zdToken})
	defer fake.Close()
	fake.SeedArticles(300, []string{"en-us"})
	dir := zendeskTree(t, fake.URL)
	env := []string{"ZENDESK_EMAIL=writer@example.com", "ZENDESK_API_TOKEN=" + zdToken}
	mustApply(t, dir, env)
	path := filepath.Join(dir, "docs", filepath.FromSlash(desktopFile))
	writeFile(t, path, readFile(t, path)+"\nOne more line.\n")
	if res := runCLI(t, dir, env, "plan", "--out", "plan.hcsync"); res.code != 0 {
		t.Fatalf("plan --out: exit %d\n%s", res.code, res.stderr)
	}
	fake.ResetLog()
	res := runCLI(t, dir, env, "apply", "plan.hcsync")
	if res.code != 0 {
		t.Fatalf("apply plan.hcsync: exit %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	var reads []string
	for _, r := range fake.Requests() {
		if r.Method == "GET" && strings.HasPrefix(r.Path, "/api/v2/help_center/articles") {
			reads = append(reads, r.Path)
		}
	}
	s := &savedSetup{dir: dir}
	var want []string
	for _, f := range []string{desktopFile, "getting-started/installation/system-requirements.md", "getting-started/first-steps/create-workspace.md"} {
		want = append(want, "/api/v2/help_center/articles/"+s.articleID(t, f))
	}
	slices.Sort(want)
	slices.Sort(reads)
	if !slices.Equal(reads, want) {
		t.Errorf("apply plan.hcsync read the articles with %v, want the GETs %v of the article and its two link targets", reads, want)
	}
}

// TestSavedPlanDiscardDraftMoved: a saved plan that discards a
// translation's unpublished edits is refused, and discards nothing, when
// the writer edited the draft further in the help center since the plan
// (edits nobody reviewed), and when it was applied already.
func TestSavedPlanDiscardDraftMoved(t *testing.T) {
	srv := newHelpCenterFake(t)
	dir := helpCenterTree(t, srv.URL, srv.CenterID)
	env := []string{"HELPCENTER_API_KEY=" + hcFullKey}
	mustApply(t, dir, env)
	id := articleIDByTitle(t, srv, "Install the mobile app")
	hcRequest(t, srv, "PATCH", "/articles/"+id+"/draft", `{"html": "<p>edited in the dashboard</p>"}`)
	if res := runCLI(t, dir, env, "plan", "--out", "plan.hcsync"); res.code != 0 || !strings.Contains(res.stdout, "discard") {
		t.Fatalf("plan --out: exit %d, want a discard-draft\n%s%s", res.code, res.stdout, res.stderr)
	}
	discards := "/v0/centers/" + srv.CenterID + "/articles/" + id + "/draft/discard"

	hcRequest(t, srv, "PATCH", "/articles/"+id+"/draft", `{"html": "<p>edited in the dashboard, then more nobody reviewed</p>"}`)
	srv.Middleware().Reset()
	res := runCLI(t, dir, env, "apply", "plan.hcsync")
	if want := "article " + id + " (en) was edited in the help center"; res.code != 1 || !strings.Contains(res.stderr, want) {
		t.Errorf("apply plan.hcsync after a further draft edit: exit %d, want 1 and %q\n%s", res.code, want, res.stderr)
	}
	if n := srv.Middleware().Count("POST", discards); n != 0 {
		t.Errorf("apply of a refused plan discarded the draft %d time(s)", n)
	}

	// Saved again and applied: a second apply of the same file discards
	// nothing more.
	if res := runCLI(t, dir, env, "plan", "--out", "plan.hcsync"); res.code != 0 {
		t.Fatalf("plan --out: exit %d\n%s", res.code, res.stderr)
	}
	mustApply(t, dir, env, "plan.hcsync")
	srv.Middleware().Reset()
	if res := runCLI(t, dir, env, "apply", "plan.hcsync"); res.code != 1 {
		t.Errorf("a second apply of plan.hcsync: exit %d, want 1 (the plan is out of date)\n%s%s", res.code, res.stdout, res.stderr)
	}
	if n := srv.Middleware().Count("POST", discards); n != 0 {
		t.Errorf("a second apply of plan.hcsync discarded %d time(s)", n)
	}
}

// TestSavedPlanLinkTargetArchived: a saved body that links an article
// archived in the help center since the plan is refused, naming the
// article, as a fresh plan refuses the link to an id the help center no
// longer has; nothing is written.
func TestSavedPlanLinkTargetArchived(t *testing.T) {
	fake := zendesktest.New(zendesktest.Options{Email: "writer@example.com", APIToken: zdToken})
	defer fake.Close()
	dir := zendeskTree(t, fake.URL)
	env := []string{"ZENDESK_EMAIL=writer@example.com", "ZENDESK_API_TOKEN=" + zdToken}
	mustApply(t, dir, env)
	s := &savedSetup{fake: fake, dir: dir, env: env}
	// create-workspace.md links install-desktop.md.
	s.appendLine(t, "getting-started/first-steps/create-workspace.md", "A line the reviewer saw.")
	if res := runCLI(t, dir, env, "plan", "--out", "plan.hcsync"); res.code != 0 {
		t.Fatalf("plan --out: exit %d\n%s", res.code, res.stderr)
	}
	zp, err := zendesk.New(zendesk.Options{BaseURL: fake.URL, Email: "writer@example.com", APIToken: zdToken})
	if err != nil {
		t.Fatal(err)
	}
	id := s.articleID(t, desktopFile)
	if err := zp.Archive(context.Background(), id); err != nil {
		t.Fatal(err)
	}
	fake.ResetLog()
	res := runCLI(t, dir, env, "apply", "plan.hcsync")
	if want := "article " + id + ", which the plan links to, was deleted or archived in the help center since the plan"; res.code != 1 || !strings.Contains(res.stderr, want) {
		t.Errorf("apply plan.hcsync: exit %d, want 1 and %q\n%s%s", res.code, want, res.stdout, res.stderr)
	}
	if w := s.writes(); len(w) > 0 {
		t.Errorf("apply of a refused plan wrote %v", w)
	}
}
