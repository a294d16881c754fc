package action

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/hcsync/hcsync/providers"
)

// fakeArtifacts serves the REST endpoints the saved-plan path reads, as
// documented at https://docs.github.com/en/rest: "List pull requests
// associated with a commit" (GET /repos/{owner}/{repo}/commits/{sha}/pulls,
// merged ones with merged_at and merge_commit_sha), "List artifacts for
// a repository" (GET /repos/{owner}/{repo}/actions/artifacts?name=, each
// with expired, archive_download_url and workflow_run.head_sha), and
// "Download an artifact" (GET …/actions/artifacts/{id}/zip: a 302 to
// storage that wants no token, which serves the zip).
type fakeArtifacts struct {
	mu sync.Mutex
	// url is the API's; storage the artifact store's, another host, as
	// on GitHub (curl sends no token across hosts).
	url, storage string
	pulls        map[string][]map[string]any // by commit
	artifacts    map[string][]byte           // zip by artifact name
	heads        map[string]string           // head sha of the run that uploaded each
	calls        []string
}

func (f *fakeArtifacts) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, r.Method+" "+r.URL.Path)
	if strings.HasPrefix(r.URL.Path, "/storage/") {
		if r.Header.Get("Authorization") != "" {
			w.WriteHeader(http.StatusBadRequest) // the store's URL is its credential
			return
		}
		w.Header().Set("Content-Type", "application/zip")
		w.Write(f.artifacts[strings.TrimPrefix(r.URL.Path, "/storage/")])
		return
	}
	if r.Header.Get("Authorization") != "Bearer "+token {
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprint(w, `{"message":"Bad credentials"}`)
		return
	}
	const repo = "/repos/acme/docs"
	switch p := r.URL.Path; {
	case strings.HasPrefix(p, repo+"/commits/") && strings.HasSuffix(p, "/pulls"):
		sha := strings.TrimSuffix(strings.TrimPrefix(p, repo+"/commits/"), "/pulls")
		list := f.pulls[sha]
		if list == nil {
			list = []map[string]any{}
		}
		json.NewEncoder(w).Encode(list)
	case p == repo+"/actions/artifacts":
		name := r.URL.Query().Get("name")
		list := []map[string]any{}
		if _, ok := f.artifacts[name]; ok {
			list = append(list, map[string]any{"id": 1, "name": name, "expired": false,
				"archive_download_url": f.url + repo + "/actions/artifacts/zip/" + name,
				"workflow_run":         map[string]any{"id": 4242, "head_sha": f.heads[name]}})
		}
		json.NewEncoder(w).Encode(map[string]any{"total_count": len(list), "artifacts": list})
	case strings.HasPrefix(p, repo+"/actions/artifacts/zip/"):
		http.Redirect(w, r, f.storage+"/storage/"+strings.TrimPrefix(p, repo+"/actions/artifacts/zip/"), http.StatusFound)
	default:
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `{"message":"Not Found"}`)
	}
}

// upload stores the file as the artifact upload-artifact makes of it: a
// zip holding it by its base name.
func (f *fakeArtifacts) upload(t *testing.T, name, head, file string) {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create(filepath.Base(file))
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(readText(t, file)))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.artifacts[name], f.heads[name] = buf.Bytes(), head
}

// TestSavedPlanFromPullRequest: the plan shown on a pull request is
// saved as an artifact of its head; the push that merges it applies that
// plan when a fresh one is the same, and otherwise (the help center
// edited since the review, no artifact) says why and applies a fresh
// plan.
func TestSavedPlanFromPullRequest(t *testing.T) {
	const mobile = "docs/getting-started/installation/install-mobile.md"
	for _, tc := range []struct {
		name   string
		before func(t *testing.T, o *origin, gh *fakeArtifacts)
		want   string
		saved  bool
	}{
		{"nothing moved", nil, "Applying the plan shown on pull request #7", true},
		{"edited in the help center since", func(t *testing.T, o *origin, gh *fakeArtifacts) {
			hc := o.helpCenter(t, nil)
			for _, a := range o.articles(t) {
				if a.Translations["en-us"].Title == "Install the mobile app" {
					if _, err := hc.UpdateTranslation(context.Background(), a.ID, providers.TranslationInput{Locale: "en-us", Title: "Install the mobile app", Body: "<p>Edited in the help center.</p>"}); err != nil {
						t.Fatal(err)
					}
				}
			}
		}, "differs from a fresh plan", false},
		{"no saved plan", func(t *testing.T, o *origin, gh *fakeArtifacts) {
			gh.artifacts = map[string][]byte{}
		}, "has no saved plan for", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			gh := &fakeArtifacts{pulls: map[string][]map[string]any{}, artifacts: map[string][]byte{}, heads: map[string]string{}}
			srv, store := httptest.NewServer(gh), httptest.NewServer(gh)
			defer srv.Close()
			defer store.Close()
			gh.url, gh.storage = srv.URL, store.URL
			o := newOrigin(t)
			first := o.firstApply(t)

			// A pull request edits one article.
			clone := o.clone(t)
			writeText(t, filepath.Join(clone, mobile), readText(t, filepath.Join(clone, mobile))+"\nA line the reviewer saw.\n")
			gitRun(t, clone, "commit", "--quiet", "-am", "one more line")
			head := gitRun(t, clone, "rev-parse", "HEAD")
			gitRun(t, clone, "push", "--quiet", "origin", "HEAD:refs/heads/feature")
			pr := map[string]any{"pull_request": map[string]any{"number": 7, "base": map[string]any{"sha": first}, "head": map[string]any{"sha": head}}}
			res := runAction(t, o.checkout(t, head), srv.URL, "pull_request", pr, map[string]string{"HCSYNC_COMMAND": "plan", "HCSYNC_COMMENT": "false"})
			name := "hcsync-saved-plan-default-" + head
			if res.code != 0 || res.outputs["saved-plan"] != name {
				t.Fatalf("plan on the pull request: exit %d, saved-plan %q, want 0 and %s\n%s", res.code, res.outputs["saved-plan"], name, res.stderr)
			}
			gh.upload(t, name, head, filepath.Join(res.outputs["dir"], "plan.hcsync"))

			// Merged (fast-forward), then the push's apply.
			gitRun(t, clone, "push", "--quiet", "origin", "HEAD:main")
			gh.pulls[head] = []map[string]any{{"number": 7, "merged_at": "2026-12-01T10:00:00Z", "merge_commit_sha": head, "head": map[string]any{"sha": head}}}
			if tc.before != nil {
				tc.before(t, o, gh)
			}
			w := o.checkout(t, head)
			res = runAction(t, w, srv.URL, "push", map[string]any{"before": first},
				map[string]string{"HCSYNC_COMMAND": "apply", "GITHUB_REF": "refs/heads/main", "GITHUB_SHA": head})
			if res.code != 0 {
				t.Fatalf("apply on the merge: exit %d\nstdout: %s\nstderr: %s", res.code, res.stdout, res.stderr)
			}
			if !strings.Contains(res.stdout, tc.want) {
				t.Errorf("apply on the merge does not say %q:\n%s", tc.want, res.stdout)
			}
			if got := strings.Contains(res.stdout, "Applying the plan saved in"); got != tc.saved {
				t.Errorf("apply used the saved plan: %v, want %v\n%s", got, tc.saved, res.stdout)
			}
			if !strings.Contains(res.stdout, "Applied 1 change(s).") {
				t.Errorf("apply on the merge did not apply the one change:\n%s", res.stdout)
			}
			for _, a := range o.articles(t) {
				if tr := a.Translations["en-us"]; tr.Title == "Install the mobile app" && !strings.Contains(tr.Body, "A line the reviewer saw.") {
					t.Errorf("the help center's body lacks the reviewed line:\n%s", tr.Body)
				}
			}
			if p := readPlan(t, res.outputs["plan-json"]); len(p.Changes) != 1 || !strings.HasPrefix(res.outputs["summary"], "1 change(s): 1 update-translation") {
				t.Errorf("outputs after the apply: %v", res.outputs)
			}
			if _, err := os.Stat(filepath.Join(res.outputs["dir"], "plan.hcsync")); tc.saved && err != nil {
				t.Errorf("no plan.hcsync left in the apply's folder")
			}
		})
	}
}
