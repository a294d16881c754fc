package main

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/providers/fakeserver"
	"github.com/hcsync/hcsync/providers/zendesk/zendesktest"
)

// TestZendeskPermissionGroupCheckedAtPlan: Zendesk refuses an article
// without a permission group, so a config that names none (or one the
// help center lacks) is a plan problem, reported once, and apply writes
// nothing: no section, category or image before it fails.
func TestZendeskPermissionGroupCheckedAtPlan(t *testing.T) {
	for _, tc := range []struct {
		name, group string
		want        []string
	}{
		{"missing", "", []string{"hcsync.yaml", "zendesk.permission_group", `"Admins"`, `"Agents"`}},
		{"unknown", "Managers", []string{"hcsync.yaml", `zendesk.permission_group "Managers" not found`, `"Admins"`, `"Agents"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fake := zendesktest.New(zendesktest.Options{Email: "writer@example.com", APIToken: zdToken})
			defer fake.Close()
			dir := zendeskTree(t, fake.URL)
			cfg := filepath.Join(dir, "hcsync.yaml")
			replaceIn(t, cfg, "  permission_group: Admins\n", "")
			if tc.group != "" {
				replaceIn(t, cfg, "zendesk:\n", "zendesk:\n  permission_group: "+tc.group+"\n")
			}
			env := []string{"ZENDESK_EMAIL=writer@example.com", "ZENDESK_API_TOKEN=" + zdToken}
			for _, cmd := range []string{"plan", "apply"} {
				res := runCLI(t, dir, env, cmd)
				out := res.stdout + res.stderr
				if res.code != 1 {
					t.Errorf("%s: exit %d, want 1\n%s", cmd, res.code, out)
				}
				for _, w := range tc.want {
					if !strings.Contains(out, w) {
						t.Errorf("%s: output lacks %q:\n%s", cmd, w, out)
					}
				}
				if n := strings.Count(out, "zendesk.permission_group"); n != 1 {
					t.Errorf("%s: the permission group problem is told %d times, want once:\n%s", cmd, n, out)
				}
			}
			for _, r := range fake.Requests() {
				if r.Method != "GET" {
					t.Errorf("a write was sent: %s %s", r.Method, r.Path)
				}
			}
		})
	}
}

// TestZendeskNoChangePlanRequests counts the requests of a plan that
// finds nothing to do on 1,000 articles in three locales whose files
// name no user segment and no content tag: those two name lists are
// not fetched. What is left is locales, the sections with their
// categories sideloaded (every category folder holds a section, so the
// full category list is not needed), ten pages of 100 articles with
// their translations (page[size] is at most 100), and the permission
// groups only when a file names one, to compare it by name: the config's
// default group is for new articles, and there is none.
func TestZendeskNoChangePlanRequests(t *testing.T) {
	for _, tc := range []struct {
		name       string
		namesGroup bool // the files keep the permission_group: export wrote
		max        int
	}{
		{"files name their group", true, 13},
		{"as exported: the default group is not named", false, 12},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fake := zendesktest.New(zendesktest.Options{Email: "writer@example.com", APIToken: zdToken})
			defer fake.Close()
			fake.SeedArticles(1000, []string{"en-us", "fr", "de"})
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, "hcsync.yaml"), fmt.Sprintf(`provider: zendesk
content: docs
default_locale: en-us
rate_limit: 60000
zendesk:
  subdomain: acme
  base_url: %s
  permission_group: Admins
`, fake.URL))
			env := []string{"ZENDESK_EMAIL=writer@example.com", "ZENDESK_API_TOKEN=" + zdToken}
			if res := runCLI(t, dir, env, "export", "--out", "docs"); res.code != 0 {
				t.Fatalf("export: exit %d\n%s%s", res.code, res.stdout, res.stderr)
			}
			// The exported config replaces ours; keep ours, which names the fake.
			if err := os.Remove(filepath.Join(dir, "docs", "hcsync.yaml")); err != nil {
				t.Fatal(err)
			}
			// Export leaves out the group the config gives new articles:
			// absent, the key leaves each article's group as it is.
			if tc.namesGroup {
				addKey(t, filepath.Join(dir, "docs"), "permission_group: Admins\n")
			}
			fake.ResetLog()
			res := runCLI(t, dir, env, "plan", "--detailed-exitcode", "--no-cache")
			if res.code != 0 {
				t.Fatalf("plan: exit %d, want 0 (no changes)\n%s%s", res.code, res.stdout, res.stderr)
			}
			var paths []string
			groups := 0
			for _, r := range fake.Requests() {
				paths = append(paths, r.Method+" "+r.Path)
				if strings.Contains(r.Path, "user_segments") || strings.Contains(r.Path, "content_tags") {
					t.Errorf("no file names a segment or tag, yet the plan sent %s %s", r.Method, r.Path)
				}
				if strings.Contains(r.Path, "permission_groups") {
					groups++
				}
			}
			t.Logf("%d requests:\n%s", len(paths), strings.Join(paths, "\n"))
			if !tc.namesGroup && groups != 0 {
				t.Errorf("no file names a permission group and no article is new, yet the plan listed the groups %d times", groups)
			}
			if len(paths) > tc.max {
				t.Errorf("a no-change plan of 1,000 articles sent %d requests, want at most %d", len(paths), tc.max)
			}
		})
	}
}

// addKey puts the front-matter line after the title of every source
// file under dir (translations cannot carry article-level keys). A file
// that has it already is an error: export names no default group.
func addKey(t *testing.T, dir, line string) {
	t.Helper()
	n := 0
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") || strings.Count(d.Name(), ".") > 1 || strings.HasPrefix(d.Name(), "_") {
			return err
		}
		s := readFile(t, path)
		if strings.Contains(s, line) {
			t.Errorf("%s: export named the default %q", path, strings.TrimSpace(line))
			return nil
		}
		i := strings.Index(s, "\ntitle:")
		if i < 0 {
			return nil
		}
		end := i + 1 + strings.IndexByte(s[i+1:], '\n') + 1
		writeFile(t, path, s[:end]+line+s[end:])
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatalf("no source file under %s to add %q to", dir, line)
	}
}

// TestZendeskLostCreateLooksInItsSection: when every article create
// loses its answer, apply recovers each by looking in the article's own
// section (concurrent recoveries in one section share a lookup), never
// by listing every article of the help center, which on a large help
// center costs a page per hundred articles per recovery.
func TestZendeskLostCreateLooksInItsSection(t *testing.T) {
	fake := zendesktest.New(zendesktest.Options{Email: "writer@example.com", APIToken: zdToken})
	defer fake.Close()
	fake.SeedArticles(500, []string{"en-us"})
	dir := zendeskTree(t, fake.URL)
	env := []string{"ZENDESK_EMAIL=writer@example.com", "ZENDESK_API_TOKEN=" + zdToken}
	createPath := regexp.MustCompile(`^/api/v2/help_center/sections/[0-9]+/articles$`)
	fake.SetFaults(func(_ int, r *http.Request) fakeserver.Fault {
		if r.Method == http.MethodPost && createPath.MatchString(r.URL.Path) {
			return fakeserver.Fault{DropAfter: true}
		}
		return fakeserver.Fault{}
	})
	fullListings := func() int {
		n := 0
		for _, r := range fake.Requests() {
			if r.Method == "GET" && r.Path == "/api/v2/help_center/articles" {
				n++
			}
		}
		return n
	}
	fake.ResetLog()
	if res := runCLI(t, dir, env, "plan"); res.code != 0 {
		t.Fatalf("plan: exit %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	planListings := fullListings()
	fake.ResetLog()
	res := runCLI(t, dir, env, "apply")
	if res.code != 0 {
		t.Fatalf("apply: exit %d, want 0: every lost create is recovered\n%s%s", res.code, res.stdout, res.stderr)
	}
	full := fullListings() - planListings // apply's own plan lists them once
	var lost, inSection int
	for _, r := range fake.Requests() {
		switch {
		case r.Method == "POST" && createPath.MatchString(r.Path):
			lost++
		case r.Method == "GET" && createPath.MatchString(r.Path):
			inSection++
		}
	}
	t.Logf("%d creates lost their answer; %d full listings, %d section listings", lost, full, inSection)
	if lost != 9 {
		t.Fatalf("%d creates sent, want the example's 9", lost)
	}
	if full != 0 {
		t.Errorf("recovery listed every article of the help center %d times, want 0: only the section's", full)
	}
	// Apply lists each of the example's 4 sections once right before
	// its first create (to adopt what another apply made since the
	// plan); recoveries add at most one listing per lost create.
	const sections = 4
	if inSection <= sections || inSection > sections+lost {
		t.Errorf("%d section listings for %d lost creates in %d sections, want between %d and %d", inSection, lost, sections, sections+1, sections+lost)
	}
	fake.SetFaults(nil)
	assertConverged(t, dir, env)
	titles := map[string]int{}
	for _, a := range fake.Articles() {
		titles[a.Translations[a.SourceLocale].Title]++
	}
	if len(titles) != 509 || len(fake.Articles()) != 509 {
		t.Errorf("help center holds %d articles with %d titles, want 509 distinct", len(fake.Articles()), len(titles))
	}
}

// TestZendeskFailureLines: each failed change is one line of the
// summary, "file [locale]: action: ...", that names the HTTP status
// once, the request's URL once, and what to do; a lost connection names
// its URL once too.
func TestZendeskFailureLines(t *testing.T) {
	fake := zendesktest.New(zendesktest.Options{Email: "writer@example.com", APIToken: zdToken})
	defer fake.Close()
	dir := zendeskTree(t, fake.URL)
	env := []string{"ZENDESK_EMAIL=writer@example.com", "ZENDESK_API_TOKEN=" + zdToken}
	invalid := []byte(`{"error":"RecordInvalid","description":"Record validation errors","details":{"locale":[{"description":"Locale is invalid","error":"InvalidValue"}]}}`)
	fake.SetFaults(func(_ int, r *http.Request) fakeserver.Fault {
		switch {
		case r.Method == "POST" && strings.HasSuffix(r.URL.Path, "/translations"):
			// 422 RecordInvalid with details (seen: NOTES.md, Zendesk errors).
			return fakeserver.Fault{Status: 422, Header: http.Header{"Content-Type": {"application/json"}}, Body: invalid}
		case r.Method == "POST" && strings.HasSuffix(r.URL.Path, "/attachments"):
			return fakeserver.Fault{Drop: true}
		}
		return fakeserver.Fault{}
	})
	res := runCLI(t, dir, env, "apply")
	if res.code != 1 {
		t.Fatalf("apply: exit %d, want 1\n%s%s", res.code, res.stdout, res.stderr)
	}
	_, summary, ok := strings.Cut(res.stdout, "\nApplied ")
	if !ok {
		t.Fatalf("no summary:\n%s", res.stdout)
	}
	var lines []string
	for _, l := range strings.Split(summary, "\n") {
		if strings.HasPrefix(l, "  failed  ") {
			lines = append(lines, strings.TrimPrefix(l, "  failed  "))
		}
	}
	if len(lines) == 0 {
		t.Fatalf("no failure line in the summary:\n%s", summary)
	}
	var saw422, sawDrop bool
	for _, l := range lines {
		if strings.Count(l, "http://") != 1 {
			t.Errorf("failure line names %d URLs, want the request's once:\n%s", strings.Count(l, "http://"), l)
		}
		switch {
		case strings.Contains(l, ": create-translation: "):
			saw422 = true
			if !regexp.MustCompile(`^[a-z/-]+\.[a-z]+\.md \[[a-z-]+\]: create-translation: .*HTTP 422 Unprocessable Entity \(RecordInvalid\): Record validation errors; locale: Locale is invalid \(POST http://[^ ]+/translations\): fix `).MatchString(l) {
				t.Errorf("a 422 failure line is not \"file [locale]: action: HTTP 422 …: what to do\":\n%s", l)
			}
			// "422" alone may be part of an article id in the URL.
			if n := strings.Count(l, " 422 ") + strings.Count(l, "(422)") + strings.Count(l, ": 422"); n != 1 {
				t.Errorf("the status is told %d times, want once:\n%s", n, l)
			}
		case strings.HasSuffix(l, ": EOF"):
			sawDrop = true // an image upload whose connection was lost
		}
	}
	if !saw422 || !sawDrop {
		t.Errorf("want failures of both kinds (422 and a lost connection):\n%s", strings.Join(lines, "\n"))
	}
}

// TestZendeskImagesAttachedToTheirArticles: every image becomes an
// attachment of an article that shows it, none is left unassociated,
// and an apply interrupted after the uploads (every translation write
// refused) and then resumed uploads nothing a second time.
func TestZendeskImagesAttachedToTheirArticles(t *testing.T) {
	fake := zendesktest.New(zendesktest.Options{Email: "writer@example.com", APIToken: zdToken})
	defer fake.Close()
	dir := zendeskTree(t, fake.URL)
	env := []string{"ZENDESK_EMAIL=writer@example.com", "ZENDESK_API_TOKEN=" + zdToken}
	invalid := []byte(`{"error":"RecordInvalid","description":"Record validation errors","details":{"body":[{"description":"Body is invalid","error":"InvalidValue"}]}}`)
	createPath := regexp.MustCompile(`^/api/v2/help_center/sections/[0-9]+/articles$`)
	// First every article create is refused, then every translation
	// write: two interrupted applies, each after some uploads could have
	// been made.
	for _, refuse := range []func(*http.Request) bool{
		func(r *http.Request) bool { return r.Method == "POST" && createPath.MatchString(r.URL.Path) },
		func(r *http.Request) bool { return r.Method == "PUT" && strings.Contains(r.URL.Path, "/translations/") },
	} {
		fake.SetFaults(func(_ int, r *http.Request) fakeserver.Fault {
			if refuse(r) {
				return fakeserver.Fault{Status: 422, Header: http.Header{"Content-Type": {"application/json"}}, Body: invalid}
			}
			return fakeserver.Fault{}
		})
		if res := runCLI(t, dir, env, "apply"); res.code != 1 {
			t.Fatalf("interrupted apply: exit %d, want 1\n%s%s", res.code, res.stdout, res.stderr)
		}
		t.Logf("after an interrupted apply: %d attachments, %d unassociated", fake.Attachments(), fake.UnassociatedAttachments())
	}
	fake.SetFaults(nil)
	mustApply(t, dir, env)
	assertConverged(t, dir, env)
	if n := fake.UnassociatedAttachments(); n != 0 {
		t.Errorf("%d uploads are attached to no article, want 0", n)
	}
	if n := fake.Attachments(); n != 2 {
		t.Errorf("help center holds %d attachments, want the tree's 2 images, each uploaded once", n)
	}
	// Each attachment belongs to an article whose body shows it.
	shown := map[int64]string{}
	for _, a := range fake.Articles() {
		for _, tr := range a.Translations {
			shown[a.ID] += tr.Body
		}
	}
	for _, att := range fake.AttachmentList() {
		if !strings.Contains(shown[att.ArticleID], att.ContentURL) {
			t.Errorf("attachment %s belongs to article %d, whose bodies do not show it", att.FileName, att.ArticleID)
		}
	}
}

// TestZendeskEmptyCategoryFound: a plan lists the sections with only the
// categories that hold one; a category folder of the tree whose category
// has no section yet is still found (the plan then lists every
// category), never planned for creation a second time.
func TestZendeskEmptyCategoryFound(t *testing.T) {
	fake := zendesktest.New(zendesktest.Options{Email: "writer@example.com", APIToken: zdToken})
	defer fake.Close()
	dir := zendeskTree(t, fake.URL)
	env := []string{"ZENDESK_EMAIL=writer@example.com", "ZENDESK_API_TOKEN=" + zdToken}
	mustApply(t, dir, env)
	fake.AddCategory("Empty Shelf")
	writeFile(t, filepath.Join(dir, "docs", "empty-shelf", "_category.md"), "---\ntitle: Empty Shelf\n---\n")
	writeFile(t, filepath.Join(dir, "docs", "empty-shelf", "tips", "_section.md"), "---\ntitle: Tips\n---\n")
	writeFile(t, filepath.Join(dir, "docs", "empty-shelf", "tips", "first.md"), "---\ntitle: First tip\n---\nKeep it short.\n")
	res := runCLI(t, dir, env, "plan")
	if res.code != 0 {
		t.Fatalf("plan: exit %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	if regexp.MustCompile(`create-section +empty-shelf/_category\.md`).MatchString(res.stdout) {
		t.Errorf("the plan creates the category Empty Shelf, which the help center has:\n%s", res.stdout)
	}
	if !regexp.MustCompile(`create-section +empty-shelf/tips/_section\.md`).MatchString(res.stdout) {
		t.Errorf("the plan does not create the new section Tips:\n%s", res.stdout)
	}
	mustApply(t, dir, env)
	assertConverged(t, dir, env)
	n := 0
	for _, c := range fake.Categories() {
		if c.Name == "Empty Shelf" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("help center holds %d categories named Empty Shelf, want the one it had", n)
	}
}
