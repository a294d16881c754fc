package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/providers/helpcenter/helpcentertest"
	"github.com/hcsync/hcsync/providers/intercom/intercomtest"
	"github.com/hcsync/hcsync/providers/local"
	"github.com/hcsync/hcsync/providers/zendesk/zendesktest"
)

// redirectCenter is one help center the redirect scenario runs on.
type redirectCenter struct {
	name   string
	config func(t *testing.T) (yaml string, env []string, list func() []providers.Redirect)
}

var redirectCenters = []redirectCenter{
	{"local", func(t *testing.T) (string, []string, func() []providers.Redirect) {
		hc := filepath.Join(t.TempDir(), "center")
		list := func() []providers.Redirect {
			p, err := local.New(local.Options{Dir: hc})
			if err != nil {
				t.Fatal(err)
			}
			rs, err := p.ListRedirects(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			return rs
		}
		return "provider: local\nlocal:\n  dir: " + hc + "\n  locales: [en-us, fr]\n", nil, list
	}},
	{"zendesk", func(t *testing.T) (string, []string, func() []providers.Redirect) {
		fake := zendesktest.New(zendesktest.Options{Email: "writer@example.com", APIToken: zdToken})
		t.Cleanup(fake.Close)
		list := func() []providers.Redirect {
			var out []providers.Redirect
			for _, r := range fake.Redirects() {
				out = append(out, providers.Redirect{ID: r.ID, From: r.RedirectFrom, To: r.RedirectTo})
			}
			return out
		}
		return fmt.Sprintf("provider: zendesk\nrate_limit: 6000\nzendesk:\n  subdomain: acme\n  base_url: %s\n  permission_group: Admins\n", fake.URL),
			[]string{"ZENDESK_EMAIL=writer@example.com", "ZENDESK_API_TOKEN=" + zdToken}, list
	}},
}

// TestRedirectFromEndToEnd: delete a.md (id 1), add redirect_from: [1]
// to b.md, apply --prune --since: a is archived, then each of its
// locale URLs redirects to b's URL in that locale, and the next plan is
// empty; taking the entry out deletes the redirects.
func TestRedirectFromEndToEnd(t *testing.T) {
	for _, hc := range redirectCenters {
		t.Run(hc.name, func(t *testing.T) {
			cfg, env, list := hc.config(t)
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, "hcsync.yaml"), "content: docs\ndefault_locale: en-us\n"+cfg)
			doc := func(rel string) string { return filepath.Join(dir, "docs", "guides", "basics", rel) }
			writeFile(t, doc("a.md"), "---\ntitle: Old guide\n---\nOld.\n")
			writeFile(t, doc("a.fr.md"), "---\ntitle: Ancien guide\n---\nAncien.\n")
			writeFile(t, doc("b.md"), "---\ntitle: New guide\n---\nNew.\n")
			writeFile(t, doc("b.fr.md"), "---\ntitle: Nouveau guide\n---\nNouveau.\n")
			repo, err := git.PlainInit(dir, false)
			if err != nil {
				t.Fatal(err)
			}
			wt, err := repo.Worktree()
			if err != nil {
				t.Fatal(err)
			}
			at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
			commit := func(msg string) string {
				t.Helper()
				at = at.Add(time.Hour)
				if err := wt.AddWithOptions(&git.AddOptions{All: true}); err != nil {
					t.Fatal(err)
				}
				sig := &object.Signature{Name: "Writer", Email: "w@example.com", When: at}
				h, err := wt.Commit(msg, &git.CommitOptions{Author: sig, Committer: sig})
				if err != nil {
					t.Fatal(err)
				}
				return h.String()
			}
			commit("add")
			mustApply(t, dir, env)
			base := commit("ids")
			oldID, newID := fileID(t, doc("a.md")), fileID(t, doc("b.md"))

			// A redirect from a live article is refused at plan time.
			replaceIn(t, doc("b.md"), "title: New guide\n", "title: New guide\nredirect_from: ["+oldID+"]\n")
			res := runCLI(t, dir, env, "plan")
			if res.code != exitError || !strings.Contains(res.stderr, "b.md:3") || !strings.Contains(res.stderr, "still serves article "+oldID) {
				t.Fatalf("plan redirecting from a live article: exit %d, want 1 naming b.md:3\nstdout: %s\nstderr: %s", res.code, res.stdout, res.stderr)
			}

			for _, f := range []string{"a.md", "a.fr.md"} {
				if err := os.Remove(doc(f)); err != nil {
					t.Fatal(err)
				}
			}
			commit("move a into b")
			p := planJSON(t, dir, env, "--prune", "--since", base)
			counts := p.Counts()
			if counts[plan.ActionArchive] != 1 || counts[plan.ActionCreateRedirect] != 2 || len(p.Changes) != 3 {
				t.Fatalf("plan = %v, want 1 archive and 2 create-redirect", counts)
			}
			for _, c := range p.Changes {
				if c.Action == plan.ActionCreateRedirect && (len(c.Deps) != 1 || c.Deps[0] != "archive:"+oldID || c.File != "guides/basics/b.md") {
					t.Errorf("%s: deps %v file %s, want after archive:%s, from b.md", c.Key, c.Deps, c.File, oldID)
				}
			}
			for _, format := range []string{"text", "markdown"} {
				out := runCLI(t, dir, env, "plan", "--prune", "--since", base, "--format", format).stdout
				if os.Getenv("SHOW") != "" {
					t.Log(out)
				}
				if !strings.Contains(out, "create-redirect") || !strings.Contains(out, "/articles/"+oldID) {
					t.Errorf("%s plan does not show the redirects:\n%s", format, out)
				}
			}
			mustApply(t, dir, env, "--prune", "--since", base)

			got := map[string]string{}
			for _, r := range list() {
				got[r.From] = r.To
			}
			for _, l := range []string{"en-us", "fr"} {
				to, ok := "", false
				for from, t := range got {
					if strings.HasSuffix(from, "/"+l+"/articles/"+oldID) {
						to, ok = t, true
					}
				}
				if !ok || !strings.Contains(to, "/"+l+"/articles/"+newID) {
					t.Errorf("redirect from the %s URL of %s: %q (found %v), want one to b's %s URL", l, oldID, to, ok, l)
				}
			}
			if len(got) != 2 {
				t.Errorf("redirects = %v, want 2", got)
			}
			if got := actionCounts(planJSON(t, dir, env, "--prune", "--since", base)); len(got) != 0 {
				t.Fatalf("plan after apply = %v, want no changes", got)
			}

			// Taking the entry out deletes the redirects.
			moved := commit("apply record")
			replaceIn(t, doc("b.md"), "redirect_from: ["+oldID+"]\n", "")
			commit("drop the redirect")
			if got := planJSON(t, dir, env, "--prune", "--since", moved).Counts(); got[plan.ActionDeleteRedirect] != 2 || len(got) != 1 {
				t.Fatalf("plan after dropping the entry = %v, want 2 delete-redirect", got)
			}
			mustApply(t, dir, env, "--prune", "--since", moved)
			if rs := list(); len(rs) != 0 {
				t.Errorf("redirects after dropping the entry: %+v, want none", rs)
			}
			if got := actionCounts(planJSON(t, dir, env, "--prune", "--since", moved)); len(got) != 0 {
				t.Fatalf("plan after the delete = %v, want no changes", got)
			}
		})
	}
}

// TestRedirectsUnsupported: Intercom (redirects only in a preview API)
// and Help.Center (none) refuse redirect_from at plan time, naming the
// file, before anything is written.
func TestRedirectsUnsupported(t *testing.T) {
	t.Parallel()
	ic := intercomtest.New(intercomtest.Options{Token: intercomToken})
	defer ic.Close()
	hc := helpcentertest.NewServer(helpcentertest.Options{Keys: map[string][]string{hcFullKey: helpcentertest.AllScopes}})
	defer hc.Close()
	tests := []struct {
		name string
		dir  string
		env  []string
	}{
		{"intercom", intercomTree(t, ic), []string{"INTERCOM_TOKEN=" + intercomToken}},
		{"helpcenter", helpCenterTree(t, hc.URL, hc.CenterID), []string{"HELPCENTER_API_KEY=" + hcFullKey}},
	}
	for _, tt := range tests {
		file := filepath.Join(tt.dir, "docs", "getting-started", "first-steps", "invite-team.md")
		replaceIn(t, file, "title: Invite your team\n", "title: Invite your team\nredirect_from: [/old/invite]\n")
		res := runCLI(t, tt.dir, tt.env, "apply")
		want := "getting-started/first-steps/invite-team.md:3: redirects are not supported by " + tt.name + "'s public API"
		if res.code != exitError || !strings.Contains(res.stderr, want) {
			t.Errorf("%s: apply exited %d, want 1 and %q\nstdout: %s\nstderr: %s", tt.name, res.code, want, res.stdout, res.stderr)
		}
	}
	if n := len(ic.Articles()); n != 0 {
		t.Errorf("intercom: %d articles written, want none", n)
	}
}
