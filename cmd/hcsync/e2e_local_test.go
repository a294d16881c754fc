package main

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hcsync/hcsync/internal/exampletree"
	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers/local"
)

// TestLocalEndToEnd walks the README's main job on the local provider:
// plan and apply testdata/example, then re-plan to no changes, then each
// kind of edit a writer makes gives exactly the change it should.
func TestLocalEndToEnd(t *testing.T) {
	dir := copyTree(t, "../../testdata/example")
	docs := filepath.Join(dir, "docs")

	first := runCLI(t, dir, nil, "plan")
	if first.code != 0 {
		t.Fatalf("plan: exit %d: %s", first.code, first.stderr)
	}
	golden(t, "example-first-plan.txt", first.stdout)

	firstPlan(t, dir, nil)

	mustApply(t, dir, nil)
	assertConverged(t, dir, nil)
	lp, err := local.New(local.Options{Dir: filepath.Join(dir, ".hcsync/local")})
	if err != nil {
		t.Fatal(err)
	}
	assertLinksResolve(t, lp)
	assertLocalImages(t, filepath.Join(dir, ".hcsync/local"))

	// Every created article has its id written back, and nothing else
	// in the file changed.
	install := filepath.Join(docs, "getting-started/installation/install-desktop.md")
	text := readFile(t, install)
	if !regexp.MustCompile(`(?m)^id: \d+$`).MatchString(text) {
		t.Fatalf("id not written into %s:\n%s", install, text)
	}
	orig := string(exampletree.StripIDs([]byte(readFile(t, "../../testdata/example/docs/getting-started/installation/install-desktop.md"))))
	if stripID(text) != orig {
		t.Errorf("write-back changed more than the id line:\n%s", text)
	}

	steps := []struct {
		name string
		edit func(t *testing.T)
		want map[plan.Action]int
	}{
		{"edit one body", func(t *testing.T) {
			replaceIn(t, install, "about two minutes", "about three minutes")
		}, map[plan.Action]int{plan.ActionUpdateTranslation: 1}},
		{"add a translation", func(t *testing.T) {
			writeFile(t, filepath.Join(docs, "getting-started/first-steps/invite-team.fr.md"), "---\ntitle: Inviter votre équipe\n---\nInvitez des personnes par e-mail. [Créer un espace](create-workspace.md).\n")
		}, map[plan.Action]int{plan.ActionCreateTranslation: 1}},
		{"unpublish", func(t *testing.T) {
			replaceIn(t, filepath.Join(docs, "account/security/reset-password.md"), "labels: [security, sign-in]", "labels: [security, sign-in]\ndraft: true")
		}, map[plan.Action]int{plan.ActionUnpublish: 1}},
		{"publish", func(t *testing.T) {
			replaceIn(t, filepath.Join(docs, "account/billing/invoices.md"), "draft: true", "draft: false")
		}, map[plan.Action]int{plan.ActionPublish: 1}},
		{"move to another folder", func(t *testing.T) {
			from := filepath.Join(docs, "getting-started/installation/install-mobile.md")
			to := filepath.Join(docs, "getting-started/first-steps/install-mobile.md")
			if err := os.Rename(from, to); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(strings.TrimSuffix(from, ".md")+".fr.md", strings.TrimSuffix(to, ".md")+".fr.md"); err != nil {
				t.Fatal(err)
			}
		}, map[plan.Action]int{plan.ActionUpdateMeta: 1}},
		{"lose the id", func(t *testing.T) {
			path := filepath.Join(docs, "account/security/two-factor.md")
			writeFile(t, path, stripID(readFile(t, path)))
		}, map[plan.Action]int{plan.ActionAdopt: 1}},
		// Without git and prune, deletion is never inferred: the remote
		// translation stays, listed as unmanaged (see
		// TestTranslationsNothingMadeIsLost for the deletion).
		{"remove a translation file", func(t *testing.T) {
			if err := os.Remove(filepath.Join(docs, "getting-started/first-steps/create-workspace.de.md")); err != nil {
				t.Fatal(err)
			}
		}, map[plan.Action]int{}},
		{"change labels", func(t *testing.T) {
			replaceIn(t, filepath.Join(docs, "account/billing/update-payment.md"), "labels: [billing]", "labels: [billing, payments]")
		}, map[plan.Action]int{plan.ActionUpdateMeta: 1}},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			st.edit(t)
			got := actionCounts(planJSON(t, dir, nil))
			if !equalCounts(got, st.want) {
				t.Fatalf("plan counts = %v, want %v", got, st.want)
			}
			wantCode := 2
			if len(st.want) == 0 {
				wantCode = 0
			}
			if res := runCLI(t, dir, nil, "plan", "--detailed-exitcode"); res.code != wantCode {
				t.Fatalf("plan --detailed-exitcode: exit %d, want %d", res.code, wantCode)
			}
			mustApply(t, dir, nil)
			assertConverged(t, dir, nil)
		})
	}
}

func equalCounts(got, want map[plan.Action]int) bool {
	if len(got) != len(want) {
		return false
	}
	for k, v := range want {
		if got[k] != v {
			return false
		}
	}
	return true
}

var idLine = regexp.MustCompile(`(?m)^id: \d+\r?\n`)

func stripID(s string) string { return idLine.ReplaceAllString(s, "") }

func replaceIn(t *testing.T, path, old, new string) {
	t.Helper()
	s := readFile(t, path)
	if !strings.Contains(s, old) {
		t.Fatalf("%s does not contain %q", path, old)
	}
	writeFile(t, path, strings.Replace(s, old, new, 1))
}

// assertLocalImages checks that every image the local help center shows
// was uploaded into its folder.
func assertLocalImages(t *testing.T, dir string) {
	t.Helper()
	p, err := local.New(local.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	list, err := p.ListArticles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	src := regexp.MustCompile(`src="([^"]*)"`)
	for _, a := range list {
		for _, tr := range a.Translations {
			for _, m := range src.FindAllStringSubmatch(tr.Body, -1) {
				if _, err := os.Stat(filepath.Join(dir, "images", filepath.Base(m[1]))); err != nil {
					t.Errorf("article %s [%s] shows %s, which was not uploaded", a.ID, tr.Locale, m[1])
				}
			}
		}
	}
}

// TestPlanCacheAcrossRuns checks that the plan after an apply renders
// none of the bodies the apply wrote, that a later plan reads no file
// older than the racy window, and that an edit is still seen.
func TestPlanCacheAcrossRuns(t *testing.T) {
	dir := copyTree(t, "../../testdata/example")
	mustApply(t, dir, nil)
	type counts struct{ rendered, bodies, loaded int }
	pl := func(wantExit int) counts {
		t.Helper()
		r := runCLI(t, dir, nil, "plan", "--debug", "--detailed-exitcode")
		if r.code != wantExit {
			t.Fatalf("plan: exit %d, want %d: %s%s", r.code, wantExit, r.stdout, r.stderr)
		}
		m := regexp.MustCompile(`plan cache: (\d+) of (\d+) bodies`).FindStringSubmatch(r.stderr)
		l := regexp.MustCompile(`load cache: (\d+) files not read`).FindStringSubmatch(r.stderr)
		if m == nil || l == nil {
			t.Fatalf("no cache lines in:\n%s", r.stderr)
		}
		n, _ := strconv.Atoi(m[1])
		total, _ := strconv.Atoi(m[2])
		loaded, _ := strconv.Atoi(l[1])
		return counts{total - n, total, loaded}
	}
	// The example's bodies link to each other in cycles: most were
	// written with placeholders the apply resolved.
	if c := pl(0); c.rendered != 0 {
		t.Errorf("plan after apply rendered %d of %d bodies, want none: apply wrote them all", c.rendered, c.bodies)
	}
	// The cache names the goldmark that rendered: another one's verdicts
	// are not trusted.
	caches, _ := filepath.Glob(filepath.Join(dir, ".cache", "hcsync", "plan-*.bin"))
	if len(caches) != 1 || !strings.Contains(readFile(t, caches[0]), "github.com/yuin/goldmark@v") {
		t.Errorf("plan caches %v: want one, naming goldmark's version", caches)
	}

	// Files older than the racy window are not read at all.
	docs := filepath.Join(dir, "docs")
	age := func(p string) {
		old := time.Now().Add(-time.Hour)
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}
	var files []string
	filepath.WalkDir(docs, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") {
			files = append(files, p)
			age(p)
		}
		return err
	})
	pl(0) // learns them
	if c := pl(0); c.loaded != len(files) || c.rendered != 0 {
		t.Errorf("plan of an aged tree read %d of %d files and rendered %d bodies, want 0 and 0", len(files)-c.loaded, len(files), c.rendered)
	}
	install := filepath.Join(docs, "getting-started/installation/install-desktop.md")
	replaceIn(t, install, "about two minutes", "about three minutes")
	age(install)
	if c := pl(2); c.loaded != len(files)-1 || c.rendered != 1 {
		t.Errorf("after an edit: read %d files, rendered %d bodies; want 1 and 1", len(files)-c.loaded, c.rendered)
	}
}
