package main

import (
	"fmt"
	"net/http"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/hcsync/hcsync/providers/fakeserver"
	"github.com/hcsync/hcsync/providers/zendesk"
	"github.com/hcsync/hcsync/providers/zendesk/zendesktest"
)

const zdToken = "zd-e2e-token-3c9f1b"

// zendeskTree copies testdata/example for Zendesk: the example's
// front-matter (labels, content tags, segments, promoted, position) is
// all Zendesk can hold, so only hcsync.yaml changes.
func zendeskTree(t *testing.T, baseURL string) string {
	t.Helper()
	dir := copyTree(t, "../../testdata/example")
	writeFile(t, filepath.Join(dir, "hcsync.yaml"), fmt.Sprintf(`provider: zendesk
content: docs
default_locale: en-us
concurrency: 4
# Zendesk's own limit is 700 a minute; the fake is local.
rate_limit: 6000
zendesk:
  subdomain: acme
  base_url: %s
  permission_group: Admins
`, baseURL))
	return dir
}

// TestZendeskEndToEnd runs the built CLI against the Zendesk fake: a wrong
// token fails in one clear line, an end user's token writes nothing; the
// example tree applies, the next plan
// is empty, and the help center holds the right articles, translations,
// labels, tags, segments and draft states; an edit round converges too.
func TestZendeskEndToEnd(t *testing.T) {
	fake := zendesktest.New(zendesktest.Options{Email: "writer@example.com", APIToken: zdToken})
	defer fake.Close()
	dir := zendeskTree(t, fake.URL)
	docs := filepath.Join(dir, "docs")
	env := []string{"ZENDESK_EMAIL=writer@example.com", "ZENDESK_API_TOKEN=" + zdToken}

	// A wrong token: one line naming the request and the fix, no token.
	res := runCLI(t, dir, []string{"ZENDESK_EMAIL=writer@example.com", "ZENDESK_API_TOKEN=wrong-token-77"}, "plan")
	if res.code != 1 || !strings.Contains(res.stderr, "401 Unauthorized") || !strings.Contains(res.stderr, "ZENDESK_API_TOKEN") ||
		!strings.Contains(res.stderr, "GET http://") {
		t.Errorf("plan with a wrong token: exit %d, want 1 and a 401 naming the request and ZENDESK_API_TOKEN\nstderr: %s", res.code, res.stderr)
	}
	if strings.Contains(res.stdout+res.stderr, "wrong-token-77") {
		t.Error("the token appears in the output")
	}

	// An end user's token plans but cannot apply: apply stops before
	// the first write.
	fake.AddEndUser("reader@example.com", "reader-token-42")
	res = runCLI(t, dir, []string{"ZENDESK_EMAIL=reader@example.com", "ZENDESK_API_TOKEN=reader-token-42"}, "apply")
	if res.code != 1 || !strings.Contains(res.stderr+res.stdout, "(reader@example.com) is an end user") {
		t.Errorf("apply as an end user: exit %d, want 1 and a refusal naming the user\nstdout: %s\nstderr: %s", res.code, res.stdout, res.stderr)
	}
	for _, r := range fake.Requests() {
		if r.Method != "GET" {
			t.Errorf("apply as an end user sent %s %s", r.Method, r.Path)
		}
	}

	if res := runCLI(t, dir, env, "plan", "--detailed-exitcode"); res.code != 2 {
		t.Fatalf("first plan: exit %d, want 2 (changes)\nstdout: %s\nstderr: %s", res.code, res.stdout, res.stderr)
	}
	mustApply(t, dir, env)
	assertConverged(t, dir, env)
	zp, err := zendesk.New(zendesk.Options{BaseURL: fake.URL, Email: "writer@example.com", APIToken: zdToken})
	if err != nil {
		t.Fatal(err)
	}
	assertLinksResolve(t, zp)
	assertZendeskState(t, fake, []string{
		"Create your first workspace | First steps | en-us | labels onboarding,workspace | tags setup,workspaces | segments - | Admins | de fr",
		"Download invoices | Billing | en-us draft | labels billing | tags - | segments - | Admins | ",
		"Install Lumen on your computer | Installation | en-us promoted pos 1 | labels desktop,install | tags setup | segments - | Admins | de fr",
		"Install the mobile app | Installation | en-us pos 2 | labels install,mobile | tags - | segments - | Admins | fr",
		"Invite your team | First steps | en-us | labels onboarding,workspace | tags - | segments - | Admins | ",
		"Reset your password | Security | en-us | labels security,sign-in | tags - | segments - | Admins | ",
		"System requirements | Installation | en-us pos 3 | labels install | tags - | segments - | Admins | ",
		"Turn on two-factor authentication | Security | en-us promoted | labels security | tags - | segments - | Admins | fr",
		"Update your payment method | Billing | en-us | labels billing | tags - | segments Signed-in users | Admins | de",
	})
	var sections []string
	cats := map[int64]string{}
	for _, c := range fake.Categories() {
		cats[c.ID] = c.Name
	}
	for _, s := range fake.Sections() {
		sections = append(sections, cats[s.CategoryID]+" > "+s.Name)
	}
	sort.Strings(sections)
	if got, want := strings.Join(sections, "; "), "Account & Billing > Billing; Account & Billing > Security; Getting Started > First steps; Getting Started > Installation"; got != want {
		t.Errorf("sections = %s\nwant %s", got, want)
	}
	for _, f := range []string{"getting-started/installation/install-desktop.md", "account/billing/invoices.md"} {
		if !regexp.MustCompile(`(?m)^id: [0-9]+$`).MatchString(readFile(t, filepath.Join(docs, f))) {
			t.Errorf("%s: id not written back", f)
		}
	}
	// The tree's two images became attachments once, and bodies use them.
	if n := fake.Attachments(); n != 2 {
		t.Errorf("help center holds %d attachments, want the tree's 2 images", n)
	}
	var withImage int
	for _, a := range fake.Articles() {
		for _, tr := range a.Translations {
			if strings.Contains(tr.Body, `src="`+fake.URL+"/hc/article_attachments/") {
				withImage++
			}
		}
	}
	if withImage == 0 {
		t.Error("no body refers to an uploaded attachment")
	}
	for _, r := range fake.Requests() {
		if r.Method == "POST" && strings.HasSuffix(r.Path, "/articles") && !strings.Contains(string(r.Body), `"notify_subscribers":false`) {
			t.Errorf("article create without notify_subscribers false: %s", r.Body)
		}
	}

	// An edit round: a French body, a German translation set to draft,
	// new labels and segment, a published draft.
	replaceIn(t, filepath.Join(docs, "getting-started/installation/install-desktop.fr.md"), "environ deux minutes", "environ trois minutes")
	replaceIn(t, filepath.Join(docs, "account/billing/update-payment.de.md"), "title: Zahlungsmethode ändern\n", "title: Zahlungsmethode ändern\ndraft: true\n")
	replaceIn(t, filepath.Join(docs, "account/security/reset-password.md"), "labels: [security, sign-in]", "labels: [security]\nsegments: [Agents and admins]")
	replaceIn(t, filepath.Join(docs, "account/billing/invoices.md"), "draft: true\n", "")
	mustApply(t, dir, env)
	assertConverged(t, dir, env)
	state := zendeskSummary(fake)
	for _, want := range []string{
		"Download invoices | Billing | en-us | labels billing |",
		"Reset your password | Security | en-us | labels security | tags - | segments Agents and admins |",
		"Update your payment method | Billing | en-us | labels billing | tags - | segments Signed-in users | Admins | de(draft)",
	} {
		if !slices.ContainsFunc(state, func(s string) bool { return strings.HasPrefix(s, want) }) {
			t.Errorf("after the edit round no article is %q:\n%s", want, strings.Join(state, "\n"))
		}
	}
	for _, a := range fake.Articles() {
		if fr := a.Translations["fr"]; fr != nil && strings.HasPrefix(a.Translations["en-us"].Title, "Install Lumen") && !strings.Contains(fr.Body, "environ trois minutes") {
			t.Errorf("fr body not updated: %s", fr.Body)
		}
	}
}

// zendeskSummary describes each live article of the fake on one line:
// title, section, source locale and its state, labels, tag names, segment
// names, permission group, other locales ("(draft)" when drafts).
// Labels are sorted: their order means nothing to Help Center.
func zendeskSummary(fake *zendesktest.Server) []string {
	sections := map[int64]string{}
	for _, s := range fake.Sections() {
		sections[s.ID] = s.Name
	}
	var out []string
	for _, a := range fake.Articles() {
		if a.Archived {
			continue
		}
		src := a.Translations[a.SourceLocale]
		state := a.SourceLocale
		if src.Draft {
			state += " draft"
		}
		if a.Promoted {
			state += " promoted"
		}
		if a.Position != 0 {
			state += fmt.Sprintf(" pos %d", a.Position)
		}
		var tags, segs, others []string
		for _, id := range a.ContentTagIDs {
			tags = append(tags, fake.ContentTagName(id))
		}
		for _, id := range a.UserSegmentIDs {
			segs = append(segs, fake.SegmentName(id))
		}
		for l, tr := range a.Translations {
			if l == a.SourceLocale {
				continue
			}
			if tr.Draft {
				l += "(draft)"
			}
			others = append(others, l)
		}
		sort.Strings(others)
		labels := slices.Sorted(slices.Values(a.LabelNames))
		out = append(out, fmt.Sprintf("%s | %s | %s | labels %s | tags %s | segments %s | %s | %s",
			src.Title, sections[a.SectionID], state, orDash(labels), orDash(tags), orDash(segs),
			fake.PermissionGroupName(a.PermissionGroupID), strings.Join(others, " ")))
	}
	sort.Strings(out)
	return out
}

func orDash(s []string) string {
	if len(s) == 0 {
		return "-"
	}
	return strings.Join(s, ",")
}

func assertZendeskState(t *testing.T, fake *zendesktest.Server, want []string) {
	t.Helper()
	got := zendeskSummary(fake)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("help center state:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestZendeskApplyUnderFaults applies the example while the fake answers
// 5xx, drops connections and loses answers to writes it made: whatever
// fails, a second apply finishes the job without duplicating anything,
// and the plan after it is empty.
func TestZendeskApplyUnderFaults(t *testing.T) {
	fake := zendesktest.New(zendesktest.Options{Email: "writer@example.com", APIToken: zdToken})
	defer fake.Close()
	dir := zendeskTree(t, fake.URL)
	env := []string{"ZENDESK_EMAIL=writer@example.com", "ZENDESK_API_TOKEN=" + zdToken}

	// Every third create loses its answer after the server made it; one
	// read answers 503 and one update loses its connection before the
	// server sees it.
	var mu sync.Mutex
	seen := map[string]int{}
	fake.SetFaults(func(_ int, r *http.Request) fakeserver.Fault {
		mu.Lock()
		defer mu.Unlock()
		seen[r.Method]++
		switch n := seen[r.Method]; {
		case r.Method == http.MethodPost && n%3 == 0:
			return fakeserver.Fault{DropAfter: true}
		case r.Method == http.MethodGet && n == 3:
			return fakeserver.Fault{Status: http.StatusServiceUnavailable}
		case r.Method == http.MethodPut && n == 2:
			return fakeserver.Fault{Drop: true}
		}
		return fakeserver.Fault{}
	})
	first := runCLI(t, dir, env, "apply")
	fake.SetFaults(nil)
	var faults, lostCreates int
	for _, r := range fake.Requests() {
		if r.Dropped || r.Status >= 500 {
			faults++
		}
		if r.Dropped && r.Method == "POST" && r.Status >= 200 && r.Status < 300 {
			lostCreates++ // the server created it, the client never heard
		}
	}
	t.Logf("first apply under faults: exit %d, %d of %d requests faulted, %d creates lost their answer", first.code, faults, len(fake.Requests()), lostCreates)
	if lostCreates == 0 {
		t.Fatal("no create lost its answer: the test proves nothing")
	}
	if first.code != 0 {
		mustApply(t, dir, env)
	}
	assertConverged(t, dir, env)
	titles := map[string]int{}
	for _, a := range fake.Articles() {
		titles[a.Translations[a.SourceLocale].Title]++
	}
	if len(fake.Articles()) != 9 || len(titles) != 9 {
		t.Errorf("help center holds %d articles with %d titles, want 9 distinct: %v", len(fake.Articles()), len(titles), titles)
	}
	if n := len(fake.Sections()) + len(fake.Categories()); n != 6 {
		t.Errorf("help center holds %d sections and categories, want 6", n)
	}
	if n := len(fake.ContentTags()); n != 2 {
		t.Errorf("help center holds %d content tags, want 2", n)
	}
}
