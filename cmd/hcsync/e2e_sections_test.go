package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers/fakeserver"
	"github.com/hcsync/hcsync/providers/helpcenter/helpcentertest"
	"github.com/hcsync/hcsync/providers/intercom/intercomtest"
	"github.com/hcsync/hcsync/providers/local"
	"github.com/hcsync/hcsync/providers/zendesk/zendesktest"
)

// container is a category or section as the help center holds it.
type container struct {
	ID, Name, Description string
	Position              int
}

// sectionsCase is a help center to run the section scenario against:
// its config, its secrets, and its categories and sections as the
// service (not the adapter) reports them.
type sectionsCase struct {
	name     string
	config   func(t *testing.T) (yaml string, env []string)
	list     func(t *testing.T, dir string) []container
	position bool // the service keeps a position for sections
	// faults installs a fault schedule on the fake (nil removes it);
	// nil for local, which has no network.
	faults func(f func(n int, r *http.Request) fakeserver.Fault)
	// isCreate reports whether a POST to path creates a category or
	// section.
	isCreate func(path string) bool
}

func sectionsCases() []sectionsCase {
	return []sectionsCase{
		{
			name: "local",
			config: func(t *testing.T) (string, []string) {
				return "provider: local\ncontent: docs\ndefault_locale: en-us\nlocal:\n  dir: .hcsync/local\n  locales: [en-us]\n", nil
			},
			list: func(t *testing.T, dir string) []container {
				p, err := local.New(local.Options{Dir: filepath.Join(dir, ".hcsync/local")})
				if err != nil {
					t.Fatal(err)
				}
				secs, err := p.ListSections(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				var out []container
				for _, s := range secs {
					c := container{ID: s.ID, Name: s.Name, Description: s.Description}
					if s.Position != nil {
						c.Position = *s.Position
					}
					out = append(out, c)
				}
				return out
			},
			position: true,
		},
		zendeskSectionsCase(),
		intercomSectionsCase(),
		helpCenterSectionsCase(),
	}
}

func helpCenterSectionsCase() sectionsCase {
	var srv *helpcentertest.Server
	return sectionsCase{
		name: "helpcenter",
		config: func(t *testing.T) (string, []string) {
			srv = helpcentertest.NewServer(helpcentertest.Options{Keys: map[string][]string{hcFullKey: helpcentertest.AllScopes}, RateLimit: 1000, RateWindow: time.Second})
			t.Cleanup(srv.Close)
			return fmt.Sprintf("provider: helpcenter\ncontent: docs\ndefault_locale: en\nrate_limit: 60000\nhelpcenter:\n  center_id: %s\n  base_url: %s\n", srv.CenterID, srv.URL),
				[]string{"HELPCENTER_API_KEY=" + hcFullKey}
		},
		list: func(t *testing.T, dir string) []container {
			var out []container
			for _, c := range srv.Categories() {
				out = append(out, container{ID: c.ID, Name: c.Name, Description: c.Description})
			}
			return out
		},
		faults:   func(f func(n int, r *http.Request) fakeserver.Fault) { srv.Middleware().SetFaults(f) },
		isCreate: func(path string) bool { return strings.HasSuffix(path, "/articles/categories") },
	}
}

func zendeskSectionsCase() sectionsCase {
	var fake *zendesktest.Server
	return sectionsCase{
		name: "zendesk",
		config: func(t *testing.T) (string, []string) {
			fake = zendesktest.New(zendesktest.Options{Email: "writer@example.com", APIToken: zdToken})
			t.Cleanup(fake.Close)
			return fmt.Sprintf("provider: zendesk\ncontent: docs\ndefault_locale: en-us\nrate_limit: 6000\nzendesk:\n  subdomain: acme\n  base_url: %s\n  permission_group: Admins\n", fake.URL),
				[]string{"ZENDESK_EMAIL=writer@example.com", "ZENDESK_API_TOKEN=" + zdToken}
		},
		list: func(t *testing.T, dir string) []container {
			var out []container
			for _, c := range fake.Categories() {
				out = append(out, container{ID: strconv.FormatInt(c.ID, 10), Name: c.Name, Description: c.Description, Position: c.Position})
			}
			for _, s := range fake.Sections() {
				out = append(out, container{ID: strconv.FormatInt(s.ID, 10), Name: s.Name, Description: s.Description, Position: s.Position})
			}
			return out
		},
		position: true,
		faults:   func(f func(n int, r *http.Request) fakeserver.Fault) { fake.SetFaults(f) },
		isCreate: func(path string) bool {
			return strings.HasSuffix(path, "/categories") || strings.HasSuffix(path, "/sections")
		},
	}
}

func intercomSectionsCase() sectionsCase {
	var srv *intercomtest.Server
	return sectionsCase{
		name: "intercom",
		config: func(t *testing.T) (string, []string) {
			srv = intercomtest.New(intercomtest.Options{Token: intercomToken})
			t.Cleanup(srv.Close)
			return fmt.Sprintf("provider: intercom\ncontent: docs\ndefault_locale: en\nintercom:\n  author_id: %d\n  base_url: %s\n  locales: [en]\n", srv.AuthorID(), srv.URL),
				[]string{"INTERCOM_TOKEN=" + intercomToken}
		},
		list: func(t *testing.T, dir string) []container {
			var out []container
			for _, c := range srv.Collections() {
				out = append(out, container{ID: c.ID, Name: c.Name, Description: c.Description, Position: c.Order})
			}
			return out
		},
		faults:   func(f func(n int, r *http.Request) fakeserver.Fault) { srv.SetFaults(f) },
		isCreate: func(path string) bool { return strings.HasSuffix(path, "/help_center/collections") },
	}
}

// TestSectionEditsEndToEnd: folders that apply creates get their id
// written into _category.md and _section.md; an edit of title,
// description or position there updates the remote section in one
// apply; and renaming the folders renames the remote ones rather than
// creating new ones beside them.
func TestSectionEditsEndToEnd(t *testing.T) {
	t.Parallel()
	idLine := regexp.MustCompile(`(?m)^id: "?([0-9A-Za-z_-]+)"?$`)
	for _, tc := range sectionsCases() {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			cfg, env := tc.config(t)
			writeFile(t, filepath.Join(dir, "hcsync.yaml"), cfg)
			docs := filepath.Join(dir, "docs")
			writeFile(t, filepath.Join(docs, "guides/setup/start.md"), "---\ntitle: Start here\n---\nHello.\n")

			mustApply(t, dir, env)
			assertConverged(t, dir, env)

			// The created category and section have their ids in the files
			// their kinds call for, which hold nothing else.
			ids := map[string]string{}
			for _, f := range []string{"guides/_category.md", "guides/setup/_section.md"} {
				text := readFile(t, filepath.Join(docs, f))
				m := idLine.FindStringSubmatch(text)
				if m == nil || text != "---\n"+m[0]+"\n---\n" {
					t.Fatalf("%s after apply:\n%s\nwant only an id in its front-matter", f, text)
				}
				ids[f] = m[1]
			}
			before := tc.list(t, dir)
			if len(before) != 2 {
				t.Fatalf("help center holds %d categories and sections, want 2: %+v", len(before), before)
			}

			// Edit the section's title, description (and position where
			// the service has one).
			sectionFile := filepath.Join(docs, "guides/setup/_section.md")
			edit := fmt.Sprintf("---\nid: %s\ntitle: Setting up\ndescription: Your first day\n", ids["guides/setup/_section.md"])
			if tc.position {
				edit += "position: 7\n"
			}
			writeFile(t, sectionFile, edit+"---\n")
			p := planJSON(t, dir, env)
			if len(p.Changes) != 1 || p.Changes[0].Action != plan.ActionUpdateSection {
				t.Fatalf("plan after editing _section.md: %s\nwant one update-section", jsonString(p.Changes))
			}
			mustApply(t, dir, env)
			assertConverged(t, dir, env)
			sec := find(t, tc.list(t, dir), ids["guides/setup/_section.md"])
			if sec.Name != "Setting up" || sec.Description != "Your first day" || (tc.position && sec.Position != 7) {
				t.Errorf("section after apply: %+v, want Setting up, Your first day (position 7)", sec)
			}

			// Rename both folders, and let the section's name come from its
			// folder again.
			writeFile(t, sectionFile, fmt.Sprintf("---\nid: %s\ndescription: Your first day\n---\n", ids["guides/setup/_section.md"]))
			if err := os.Rename(filepath.Join(docs, "guides/setup"), filepath.Join(docs, "guides/install")); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(filepath.Join(docs, "guides"), filepath.Join(docs, "handbook")); err != nil {
				t.Fatal(err)
			}
			p = planJSON(t, dir, env)
			if got := p.Counts(); len(p.Changes) != 2 || got[plan.ActionUpdateCategory] != 1 || got[plan.ActionUpdateSection] != 1 {
				t.Fatalf("plan after renaming the folders: %s\nwant one update-category and one update-section", jsonString(p.Changes))
			}
			res := runCLI(t, dir, env, "plan")
			if !regexp.MustCompile(`name: guides -> handbook`).MatchString(res.stdout) || !regexp.MustCompile(`name: "Setting up" -> install`).MatchString(res.stdout) {
				t.Errorf("text plan does not show the renames:\n%s", res.stdout)
			}
			mustApply(t, dir, env)
			assertConverged(t, dir, env)
			after := tc.list(t, dir)
			if len(after) != 2 {
				t.Errorf("help center holds %d categories and sections after the rename, want the same 2: %+v", len(after), after)
			}
			if c := find(t, after, ids["guides/_category.md"]); c.Name != "handbook" {
				t.Errorf("category after the rename: %+v, want it named handbook", c)
			}
			if s := find(t, after, ids["guides/setup/_section.md"]); s.Name != "install" || s.Description != "Your first day" {
				t.Errorf("section after the rename: %+v, want it named install", s)
			}
		})
	}
}

func find(t *testing.T, list []container, id string) container {
	t.Helper()
	for _, c := range list {
		if c.ID == id {
			return c
		}
	}
	t.Fatalf("no category or section %s in the help center: %+v", id, list)
	return container{}
}

// TestSectionIDsNotWritten: with --no-write-ids apply creates no
// _section.md or _category.md, and the next plan binds the folders by
// their names (and adopts the article, whose id was not written either).
func TestSectionIDsNotWritten(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	cfg, env := sectionsCases()[0].config(t)
	writeFile(t, filepath.Join(dir, "hcsync.yaml"), cfg)
	docs := filepath.Join(dir, "docs")
	writeFile(t, filepath.Join(docs, "guides/setup/start.md"), "---\ntitle: Start here\n---\nHello.\n")
	mustApply(t, dir, env, "--no-write-ids")
	for _, f := range []string{"guides/_category.md", "guides/setup/_section.md"} {
		if _, err := os.Stat(filepath.Join(docs, f)); !os.IsNotExist(err) {
			t.Errorf("%s exists after apply --no-write-ids (%v)", f, err)
		}
	}
	if p := planJSON(t, dir, env); len(p.Changes) != 1 || p.Changes[0].Action != plan.ActionAdopt {
		t.Errorf("plan after apply --no-write-ids: %s\nwant only the article's adopt", jsonString(p.Changes))
	}
}
