package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"

	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/providers/intercom/intercomtest"
	"github.com/hcsync/hcsync/providers/local"
	"github.com/hcsync/hcsync/providers/zendesk/zendesktest"
)

// translationSite is one help center as the translation-ownership tests
// need it: the example tree synced to it from a git repository, a way to
// add a translation as a person in the help center's UI would (straight
// to the service, not through hcsync), and a way to see which locales
// an article has there.
type translationSite struct {
	g         *gitTree
	env       []string
	canDelete bool // the service's API can delete one locale of an article
	// add gives the article whose source title is article a translation.
	add func(t *testing.T, article, locale, title string)
	// locales lists the non-source locales of that article, sorted.
	locales func(t *testing.T, article string) []string
}

// gitInit makes dir (a tree with hcsync.yaml at its root) a git
// repository.
func gitInit(t *testing.T, dir string) *gitTree {
	t.Helper()
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, err := repo.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	return &gitTree{t: t, dir: dir, repo: repo, wt: wt}
}

// siteRequest sends one JSON request to a fake, as the help center's UI
// would, and fails the test unless it succeeds (waiting out a 429).
func siteRequest(t *testing.T, method, url string, header map[string]string, body any) {
	t.Helper()
	data, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	for {
		req, err := http.NewRequest(method, url, strings.NewReader(string(data)))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		for k, v := range header {
			req.Header.Set(k, v)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusTooManyRequests {
			time.Sleep(200 * time.Millisecond)
			continue
		}
		if resp.StatusCode >= 300 {
			t.Fatalf("%s %s: %s", method, url, resp.Status)
		}
		return
	}
}

func zendeskSite(t *testing.T) translationSite {
	fake := zendesktest.New(zendesktest.Options{Email: "writer@example.com", APIToken: zdToken})
	t.Cleanup(fake.Close)
	find := func(t *testing.T, title string) zendesktest.Article {
		t.Helper()
		for _, a := range fake.Articles() {
			if !a.Archived && a.Translations[a.SourceLocale].Title == title {
				return a
			}
		}
		t.Fatalf("no article titled %q on the fake", title)
		return zendesktest.Article{}
	}
	auth := "Basic " + base64.StdEncoding.EncodeToString([]byte("writer@example.com/token:"+zdToken))
	return translationSite{
		g:         gitInit(t, zendeskTree(t, fake.URL)),
		env:       []string{"ZENDESK_EMAIL=writer@example.com", "ZENDESK_API_TOKEN=" + zdToken},
		canDelete: true,
		add: func(t *testing.T, article, locale, title string) {
			a := find(t, article)
			siteRequest(t, "POST", fmt.Sprintf("%s/api/v2/help_center/articles/%d/translations", fake.URL, a.ID), map[string]string{"Authorization": auth},
				map[string]any{"translation": map[string]any{"locale": locale, "title": title, "body": "<p>" + title + "</p>"}})
		},
		locales: func(t *testing.T, article string) []string {
			a := find(t, article)
			var out []string
			for l := range a.Translations {
				if l != a.SourceLocale {
					out = append(out, l)
				}
			}
			return sortedCopy(out)
		},
	}
}

func helpCenterSite(t *testing.T) translationSite {
	srv := newHelpCenterFake(t)
	return translationSite{
		g:         gitInit(t, helpCenterTree(t, srv.URL, srv.CenterID)),
		env:       []string{"HELPCENTER_API_KEY=" + hcFullKey},
		canDelete: true,
		add: func(t *testing.T, article, locale, title string) {
			id := articleIDByTitle(t, srv, article)
			hcRequest(t, srv, "PATCH", "/articles/"+id+"/translations/"+locale+"/draft", fmt.Sprintf(`{"title": %q, "html": "<p>%s</p>"}`, title, title))
			hcRequest(t, srv, "POST", "/articles/"+id+"/translations/"+locale+"/publish", "")
		},
		locales: func(t *testing.T, article string) []string {
			a, _ := srv.Article(articleIDByTitle(t, srv, article))
			var out []string
			for l := range a.Translations {
				out = append(out, l)
			}
			return sortedCopy(out)
		},
	}
}

func intercomSite(t *testing.T) translationSite {
	srv := intercomtest.New(intercomtest.Options{Token: intercomToken})
	t.Cleanup(srv.Close)
	find := func(t *testing.T, title string) intercomtest.Article {
		t.Helper()
		for _, a := range srv.Articles() {
			if c := a.Contents["en"]; c != nil && c.Title == title {
				return a
			}
		}
		t.Fatalf("no article titled %q on the fake", title)
		return intercomtest.Article{}
	}
	return translationSite{
		g:   gitInit(t, intercomTree(t, srv)),
		env: []string{"INTERCOM_TOKEN=" + intercomToken},
		add: func(t *testing.T, article, locale, title string) {
			a := find(t, article)
			siteRequest(t, "PUT", srv.URL+"/articles/"+a.ID, map[string]string{"Authorization": "Bearer " + intercomToken, "Intercom-Version": "2.15"},
				map[string]any{"translated_content": map[string]any{locale: map[string]any{
					"type": "article_content", "title": title, "body": "<p>" + title + "</p>", "author_id": srv.AuthorID(), "state": "published"}}})
		},
		locales: func(t *testing.T, article string) []string {
			var out []string
			for l := range find(t, article).Contents {
				if l != "en" {
					out = append(out, l)
				}
			}
			return sortedCopy(out)
		},
	}
}

func localSite(t *testing.T) translationSite {
	g := newGitTree(t)
	center := func(t *testing.T) *local.Provider {
		t.Helper()
		p, err := local.New(local.Options{Dir: g.hc})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	find := func(t *testing.T, title string) providers.Article {
		t.Helper()
		list, err := center(t).ListArticles(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range list {
			if src := a.Translations[a.SourceLocale]; src != nil && src.Title == title {
				return a
			}
		}
		t.Fatalf("no article titled %q in %s", title, g.hc)
		return providers.Article{}
	}
	return translationSite{
		g:         g,
		canDelete: true,
		add: func(t *testing.T, article, locale, title string) {
			in := providers.TranslationInput{Locale: locale, Title: title, Body: "<p>" + title + "</p>"}
			if _, err := center(t).CreateTranslation(context.Background(), find(t, article).ID, in); err != nil {
				t.Fatal(err)
			}
		},
		locales: func(t *testing.T, article string) []string {
			a := find(t, article)
			var out []string
			for l := range a.Translations {
				if l != a.SourceLocale {
					out = append(out, l)
				}
			}
			return sortedCopy(out)
		},
	}
}

// TestTranslationsNothingMadeIsLost runs the CLI against each provider:
// a translation added in the help center, with no file, is listed as
// unmanaged and survives plain applies and prune applies alike; a
// translation file deleted in git is deleted from the help center only
// with --prune --since a commit before the deletion (Intercom, which
// cannot delete one locale, warns instead).
func TestTranslationsNothingMadeIsLost(t *testing.T) {
	t.Parallel()
	sites := []struct {
		name string
		site func(*testing.T) translationSite
	}{
		{"zendesk", zendeskSite},
		{"helpcenter", helpCenterSite},
		{"intercom", intercomSite},
		{"local", localSite},
	}
	const (
		made      = "Reset your password" // gets a German translation in the help center
		madeFile  = "account/security/reset-password.md"
		dropped   = "Install the mobile app" // loses its French file in git
		droppedFr = "getting-started/installation/install-mobile.fr.md"
	)
	for _, tt := range sites {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := tt.site(t)
			g, env := s.g, s.env
			at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
			g.commit("add the example tree", at)
			mustApply(t, g.dir, env)
			ids := g.commit("hcsync: write ids [skip ci]", at.Add(time.Hour))
			assertConverged(t, g.dir, env)

			s.add(t, made, "de", "Passwort zurücksetzen")
			p := planJSON(t, g.dir, env)
			if !p.Empty() {
				t.Fatalf("plan after a translation was added in the help center = %v, want no changes", actionCounts(p))
			}
			want := plan.UnmanagedTranslation{ArticleID: mustID(t, g.doc(madeFile)), Article: madeFile, Locale: "de", Title: "Passwort zurücksetzen"}
			if !hasUnmanaged(p, want) {
				t.Errorf("unmanaged translations = %+v, want %+v among them", p.UnmanagedTranslations, want)
			}
			res := runCLI(t, g.dir, env, "plan")
			if !strings.Contains(res.stdout, madeFile+" [de] #"+want.ArticleID) {
				t.Errorf("text plan does not name the unmanaged translation:\n%s", res.stdout)
			}
			mustApply(t, g.dir, env)
			mustApply(t, g.dir, env, "--prune", "--since", ids)
			if got := s.locales(t, made); !slices.Contains(got, "de") {
				t.Fatalf("after apply and apply --prune, %q has locales %v: the German translation made in the help center is gone", made, got)
			}

			if err := os.Remove(g.doc(droppedFr)); err != nil {
				t.Fatal(err)
			}
			head := g.commit("drop the French mobile article", at.Add(2*time.Hour))
			// Without prune the translation is only unmanaged.
			p = planJSON(t, g.dir, env, "--since", ids)
			if !p.Empty() || !slices.ContainsFunc(p.UnmanagedTranslations, func(u plan.UnmanagedTranslation) bool { return u.Locale == "fr" }) {
				t.Errorf("plan --since without prune = %v, unmanaged %+v; want no changes and fr unmanaged", actionCounts(p), p.UnmanagedTranslations)
			}
			// With prune, but since the deleting commit itself, nothing
			// was deleted.
			if p := planJSON(t, g.dir, env, "--prune", "--since", head); !p.Empty() {
				t.Errorf("plan --prune --since HEAD = %v, want no changes", actionCounts(p))
			}
			p = planJSON(t, g.dir, env, "--prune", "--since", ids)
			if s.canDelete {
				if len(p.Changes) != 1 || p.Changes[0].Action != plan.ActionDeleteTranslation || p.Changes[0].File != droppedFr || p.Changes[0].Locale != "fr" {
					t.Fatalf("plan --prune --since %s = %+v, want one delete-translation of %s", ids, p.Changes, droppedFr)
				}
			} else if !p.Empty() || len(p.Warnings) != 1 || p.Warnings[0].Kind != "orphan-translation" || p.Warnings[0].File != droppedFr {
				t.Fatalf("plan --prune --since %s = %v, warnings %+v; want no changes and one orphan-translation warning on %s", ids, actionCounts(p), p.Warnings, droppedFr)
			}
			mustApply(t, g.dir, env, "--prune", "--since", ids)
			wantFr := []string{}
			if !s.canDelete {
				wantFr = []string{"fr"}
			}
			if got := s.locales(t, dropped); strings.Join(got, ",") != strings.Join(wantFr, ",") {
				t.Errorf("after apply --prune, %q has locales %v, want %v", dropped, got, wantFr)
			}
			if got := s.locales(t, made); !slices.Contains(got, "de") {
				t.Errorf("apply --prune deleted the German translation made in the help center: %q has %v", made, got)
			}
			assertConverged(t, g.dir, env)
		})
	}
}

// anyID is the id: of the file at path, numeric or not (Help.Center's
// ids are hexadecimal).
func mustID(t *testing.T, path string) string {
	t.Helper()
	m := regexp.MustCompile(`(?m)^id: "?([^"\s]+)"?$`).FindStringSubmatch(readFile(t, path))
	if m == nil {
		t.Fatalf("%s has no id", path)
	}
	return m[1]
}

func hasUnmanaged(p *plan.Plan, want plan.UnmanagedTranslation) bool {
	return slices.ContainsFunc(p.UnmanagedTranslations, func(u plan.UnmanagedTranslation) bool {
		return u.ArticleID == want.ArticleID && u.Article == want.Article && u.Locale == want.Locale && u.Title == want.Title
	})
}
