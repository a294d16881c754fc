// Package action tests the GitHub Action's script (run.sh), which
// action.yml runs after building hcsync, in a simulated GitHub
// environment: event payload, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and a
// fake GitHub REST API for the pull-request comment.
package action

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/hcsync/hcsync/internal/exampletree"
	"github.com/hcsync/hcsync/plan"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

const token = "ghs_test-token-never-printed"

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// hcsyncBin builds the CLI once, as the action's build step does.
func hcsyncBin(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "hcsync-action-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "hcsync")
		if out, err := exec.Command("go", "build", "-o", binPath, "../cmd/hcsync").CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

// comment is an issue comment as the REST API returns it.
type comment struct {
	ID   int64  `json:"id"`
	Body string `json:"body"`
}

// fakeGitHub serves the three issue-comment endpoints run.sh uses, as
// documented at https://docs.github.com/en/rest/issues/comments.
type fakeGitHub struct {
	mu       sync.Mutex
	comments []comment
	nextID   int64
	calls    []string // "METHOD path"
}

func (f *fakeGitHub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, r.Method+" "+r.URL.Path)
	// "Authentication": a token in the Authorization header; a bad one
	// gets 401 {"message": "Bad credentials"}.
	if r.Header.Get("Authorization") != "Bearer "+token {
		w.WriteHeader(http.StatusUnauthorized)
		io.WriteString(w, `{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest","status":"401"}`)
		return
	}
	list := regexp.MustCompile(`^/repos/acme/docs/issues/(\d+)/comments$`)
	one := regexp.MustCompile(`^/repos/acme/docs/issues/comments/(\d+)$`)
	switch {
	case r.Method == http.MethodGet && list.MatchString(r.URL.Path):
		// "List issue comments": per_page (max 100) and page (from 1),
		// oldest first.
		var perPage, page int
		fmt.Sscan(r.URL.Query().Get("per_page"), &perPage)
		fmt.Sscan(r.URL.Query().Get("page"), &page)
		if perPage <= 0 || perPage > 100 {
			perPage = 30
		}
		page = max(page, 1)
		lo, hi := min((page-1)*perPage, len(f.comments)), min(page*perPage, len(f.comments))
		json.NewEncoder(w).Encode(f.comments[lo:hi])
	case r.Method == http.MethodPost && list.MatchString(r.URL.Path):
		// "Create an issue comment": {"body"} in, 201 with the comment.
		var in comment
		json.NewDecoder(r.Body).Decode(&in)
		if tooLong(w, in.Body) {
			return
		}
		f.nextID++
		c := comment{ID: f.nextID, Body: in.Body}
		f.comments = append(f.comments, c)
		w.WriteHeader(http.StatusCreated)
		json.NewEncoder(w).Encode(c)
	case r.Method == http.MethodPatch && one.MatchString(r.URL.Path):
		// "Update an issue comment": {"body"} in, 200 with the comment.
		var in comment
		json.NewDecoder(r.Body).Decode(&in)
		if tooLong(w, in.Body) {
			return
		}
		var id int64
		fmt.Sscan(one.FindStringSubmatch(r.URL.Path)[1], &id)
		for i := range f.comments {
			if f.comments[i].ID == id {
				f.comments[i].Body = in.Body
				json.NewEncoder(w).Encode(f.comments[i])
				return
			}
		}
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, `{"message":"Not Found"}`)
	default:
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, `{"message":"Not Found"}`)
	}
}

// maxCommentChars is GitHub's limit on a comment body, in characters.
const maxCommentChars = 65536

// tooLong answers 422 for a body over the limit, as GitHub does ("body
// is too long (maximum is 65536 characters)"): the documented
// validation-failed shape, https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api.
func tooLong(w http.ResponseWriter, body string) bool {
	if utf8.RuneCountInString(body) <= maxCommentChars {
		return false
	}
	w.WriteHeader(http.StatusUnprocessableEntity)
	io.WriteString(w, `{"message":"Validation Failed","errors":[{"resource":"IssueComment","code":"custom","field":"body","message":"body is too long (maximum is 65536 characters)"}],"documentation_url":"https://docs.github.com/rest/issues/comments#create-an-issue-comment","status":"422"}`)
	return true
}

// workspace is a git clone of testdata/example with a local help center
// outside it.
type workspace struct {
	dir string
	wt  *git.Worktree
}

func newWorkspace(t *testing.T, prune bool) *workspace {
	t.Helper()
	dir := t.TempDir()
	// The example as committed, whether or not the README's main job
	// applied it in this working copy.
	exampletree.Copy(t, "../testdata/example", dir)
	cfg, err := os.ReadFile(filepath.Join(dir, "hcsync.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(cfg), "dir: .hcsync/local", "dir: "+filepath.Join(t.TempDir(), "center"), 1)
	if prune {
		s += "prune: true\n"
	}
	if err := os.WriteFile(filepath.Join(dir, "hcsync.yaml"), []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, err := repo.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	return &workspace{dir: dir, wt: wt}
}

func (w *workspace) commit(t *testing.T, msg string) string {
	t.Helper()
	if err := w.wt.AddWithOptions(&git.AddOptions{All: true}); err != nil {
		t.Fatal(err)
	}
	sig := &object.Signature{Name: "Writer", Email: "writer@example.com", When: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	h, err := w.wt.Commit(msg, &git.CommitOptions{Author: sig, Committer: sig})
	if err != nil {
		t.Fatal(err)
	}
	return h.String()
}

// result is one run of run.sh.
type result struct {
	code           int
	stdout, stderr string
	outputs        map[string]string
	summary        string
}

// runAction runs action/run.sh as action.yml does, for event with the
// given payload and inputs.
func runAction(t *testing.T, w *workspace, api string, event string, payload any, inputs map[string]string) result {
	t.Helper()
	tmp := t.TempDir()
	eventFile := filepath.Join(tmp, "event.json")
	data, _ := json.Marshal(payload)
	if err := os.WriteFile(eventFile, data, 0o644); err != nil {
		t.Fatal(err)
	}
	outFile, summaryFile := filepath.Join(tmp, "output"), filepath.Join(tmp, "summary.md")
	for _, f := range []string{outFile, summaryFile} {
		if err := os.WriteFile(f, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	script, _ := filepath.Abs("run.sh")
	cmd := exec.Command("bash", script)
	cmd.Dir = w.dir
	cmd.Env = []string{
		"PATH=" + os.Getenv("PATH"), "HOME=" + tmp, "CI=true", "GITHUB_ACTIONS=true",
		"GITHUB_EVENT_NAME=" + event, "GITHUB_EVENT_PATH=" + eventFile,
		"GITHUB_OUTPUT=" + outFile, "GITHUB_STEP_SUMMARY=" + summaryFile,
		"GITHUB_API_URL=" + api, "GITHUB_REPOSITORY=acme/docs", "GITHUB_TOKEN=" + token,
		"RUNNER_TEMP=" + tmp, "HCSYNC_BIN=" + hcsyncBin(t),
		"GITHUB_SERVER_URL=https://github.com", "GITHUB_RUN_ID=4242",
	}
	for k, v := range inputs {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	code := 0
	if err := cmd.Run(); err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatal(err)
		}
		code = ee.ExitCode()
	}
	res := result{code: code, stdout: out.String(), stderr: errb.String(), outputs: map[string]string{}}
	outputs, _ := os.ReadFile(outFile)
	for _, line := range strings.Split(strings.TrimSpace(string(outputs)), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			res.outputs[k] = v
		}
	}
	summary, _ := os.ReadFile(summaryFile)
	res.summary = string(summary)
	if strings.Contains(res.stdout+res.stderr+res.summary, token) {
		t.Errorf("the token appears in the action's output")
	}
	return res
}

func readPlan(t *testing.T, path string) *plan.Plan {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("plan-json output: %v", err)
	}
	defer f.Close()
	p, err := plan.ReadJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./action -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs (run go test ./action -update to accept):\n--- got ---\n%s\n--- want ---\n%s", name, got, want)
	}
}

const marker = "<!-- hcsync-plan: default -->"

// TestPullRequestPlan: a pull request gets the plan in one comment,
// edited in place on the next push, in the job summary and as outputs;
// apply refuses to run.
func TestPullRequestPlan(t *testing.T) {
	t.Parallel()
	gh := &fakeGitHub{comments: []comment{{ID: 1, Body: "Looks good to me"}}, nextID: 100}
	srv := httptest.NewServer(gh)
	defer srv.Close()
	w := newWorkspace(t, false)
	base := w.commit(t, "add the example tree")
	// The head is what the plan is of: the comment names it.
	pr := map[string]any{"pull_request": map[string]any{"number": 7, "base": map[string]any{"sha": base}, "head": map[string]any{"sha": "c0ffee1234567890c0ffee1234567890c0ffee12"}}}
	inputs := map[string]string{"HCSYNC_COMMAND": "plan", "HCSYNC_COMMENT": "true"}

	res := runAction(t, w, srv.URL, "pull_request", pr, inputs)
	if res.code != 0 {
		t.Fatalf("plan on pull_request: exit %d\nstdout: %s\nstderr: %s", res.code, res.stdout, res.stderr)
	}
	if got := res.outputs["has-changes"]; got != "true" {
		t.Errorf("has-changes = %q, want true", got)
	}
	p := readPlan(t, res.outputs["plan-json"])
	if want := fmt.Sprintf("%d change(s): ", len(p.Changes)); !strings.HasPrefix(res.outputs["summary"], want) || !strings.Contains(res.outputs["summary"], "9 create,") {
		t.Errorf("summary = %q, want it to start with %q and count 9 create", res.outputs["summary"], want)
	}
	if len(gh.comments) != 2 || !strings.HasPrefix(gh.comments[1].Body, marker+"\n") {
		t.Fatalf("comments after the first run: %+v; want the plan posted once, with the marker", gh.comments)
	}
	body := strings.TrimPrefix(gh.comments[1].Body, marker+"\n")
	golden(t, "pr-comment.md", body)
	if res.summary != body {
		t.Errorf("job summary differs from the comment:\n%s", res.summary)
	}

	// The next push edits the same comment.
	readme := filepath.Join(w.dir, "docs/getting-started/installation/install-mobile.md")
	data, _ := os.ReadFile(readme)
	os.WriteFile(readme, append(data, "One more line.\n"...), 0o644)
	w.commit(t, "edit")
	res = runAction(t, w, srv.URL, "pull_request", pr, inputs)
	if res.code != 0 {
		t.Fatalf("second plan: exit %d: %s", res.code, res.stderr)
	}
	if len(gh.comments) != 2 || gh.comments[0].Body != "Looks good to me" {
		t.Errorf("comments after the second run: %d, want still 2 with the reviewer's untouched", len(gh.comments))
	}
	if last := gh.calls[len(gh.calls)-1]; last != "PATCH /repos/acme/docs/issues/comments/101" {
		t.Errorf("last API call %q, want PATCH of comment 101", last)
	}

	// A pull request from a fork gets a token that cannot comment: the
	// plan still succeeds, in the job summary, with a warning that
	// quotes what GitHub answered.
	fork := map[string]string{"HCSYNC_COMMAND": "plan", "HCSYNC_COMMENT": "true", "GITHUB_TOKEN": "read-only"}
	res = runAction(t, w, srv.URL, "pull_request", pr, fork)
	if res.code != 0 || !strings.Contains(res.stderr, "could not post the plan comment: GET "+srv.URL+"/repos/acme/docs/issues/7/comments: HTTP 401: Bad credentials") || !strings.Contains(res.summary, "### hcsync plan") {
		t.Errorf("plan with a token that cannot comment: exit %d, stderr %q; want 0, a warning and the job summary", res.code, res.stderr)
	}
	if len(gh.comments) != 2 {
		t.Errorf("%d comments after the fork's run, want still 2", len(gh.comments))
	}

	res = runAction(t, w, srv.URL, "pull_request", pr, map[string]string{"HCSYNC_COMMAND": "apply"})
	if res.code == 0 || !strings.Contains(res.stderr, "apply does not run on pull_request events") {
		t.Errorf("apply on pull_request: exit %d, stderr %q; want a refusal", res.code, res.stderr)
	}
}

// TestPushApply: apply on push writes the help center, reports in the
// job summary, and archives an article whose file a later push deleted,
// reading the push's before commit from the event.
func TestPushApply(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t, true)
	w.commit(t, "add the example tree")
	apply := map[string]string{"HCSYNC_COMMAND": "apply"}

	// A push that creates the branch: before is all zeros.
	res := runAction(t, w, "http://127.0.0.1:1", "push", map[string]any{"before": strings.Repeat("0", 40)}, apply)
	if res.code != 0 {
		t.Fatalf("apply on push: exit %d\nstdout: %s\nstderr: %s", res.code, res.stdout, res.stderr)
	}
	applied := fmt.Sprintf("Applied %d change(s).", len(readPlan(t, res.outputs["plan-json"]).Changes))
	if res.outputs["has-changes"] != "true" || !strings.Contains(res.summary, "### hcsync apply") || !strings.Contains(res.summary, applied) {
		t.Errorf("outputs %v, summary:\n%s\nwant has-changes and the apply report", res.outputs, res.summary)
	}
	ids := w.commit(t, "hcsync: write ids [skip ci]")

	gone := filepath.Join(w.dir, "docs/account/security/reset-password.md")
	data, _ := os.ReadFile(gone)
	id := regexp.MustCompile(`(?m)^id: (\d+)$`).FindStringSubmatch(string(data))
	if id == nil {
		t.Fatalf("apply wrote no id into %s", gone)
	}
	os.Remove(gone)
	w.commit(t, "remove an article")
	res = runAction(t, w, "http://127.0.0.1:1", "push", map[string]any{"before": ids}, apply)
	if res.code != 0 {
		t.Fatalf("apply after a deletion: exit %d\nstderr: %s", res.code, res.stderr)
	}
	p := readPlan(t, res.outputs["plan-json"])
	if len(p.Changes) != 1 || p.Changes[0].Action != plan.ActionArchive || p.Changes[0].ArticleID != id[1] {
		t.Errorf("plan applied after deleting %s: %+v, want archive #%s only", gone, p.Changes, id[1])
	}
	if res.outputs["summary"] != "1 change(s): 1 archive" {
		t.Errorf("summary = %q", res.outputs["summary"])
	}
}
