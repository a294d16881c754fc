package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/hcsync/hcsync/internal/exampletree"
	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

var (
	cliOnce sync.Once
	cliDir  string
	cliPath string
	cliErr  error
)

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if cliDir != "" {
		os.RemoveAll(cliDir)
	}
	os.Exit(code)
}

// buildCLI builds the hcsync binary once per test run and returns its
// path: end-to-end tests run the real CLI, as a user does.
func buildCLI(t *testing.T) string {
	t.Helper()
	cliOnce.Do(func() {
		cliDir, cliErr = os.MkdirTemp("", "hcsync-cli-")
		if cliErr != nil {
			return
		}
		cliPath = filepath.Join(cliDir, "hcsync")
		out, err := exec.Command("go", "build", "-o", cliPath, ".").CombinedOutput()
		if err != nil {
			cliErr = errors.New("go build: " + err.Error() + "\n" + string(out))
		}
	})
	if cliErr != nil {
		t.Fatal(cliErr)
	}
	return cliPath
}

// cliResult is what one run of the CLI printed and how it exited.
type cliResult struct {
	stdout, stderr string
	code           int
}

// runCLI runs the built CLI in dir with env (added to a minimal
// environment: no secrets leak in from the developer's shell).
func runCLI(t *testing.T, dir string, env []string, args ...string) cliResult {
	t.Helper()
	cmd := exec.Command(buildCLI(t), args...)
	cmd.Dir = dir
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "CI=true"}, env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			t.Fatalf("running hcsync %v: %v", args, err)
		}
		code = ee.ExitCode()
	}
	return cliResult{stdout: out.String(), stderr: errb.String(), code: code}
}

// copyTree copies testdata/example into a fresh temp dir and returns
// the copy's path, so tests never touch the repository's files. The copy
// is the example as committed, whether or not the README's main job has
// applied it in this working copy (see internal/exampletree).
func copyTree(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	exampletree.Copy(t, src, dst)
	return dst
}

// dropKeys removes front-matter keys from every Markdown file below dir,
// as a writer targeting a help center that cannot hold them would.
func dropKeys(t *testing.T, dir string, keys ...string) {
	t.Helper()
	line := regexp.MustCompile(`(?m)^(` + strings.Join(keys, "|") + `):.*\n`)
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(path, line.ReplaceAll(data, nil), 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// planJSON runs plan --format json and decodes it.
func planJSON(t *testing.T, dir string, env []string, args ...string) *plan.Plan {
	t.Helper()
	res := runCLI(t, dir, env, append([]string{"plan", "--format", "json"}, args...)...)
	if res.code != 0 {
		t.Fatalf("plan exited %d\nstderr: %s", res.code, res.stderr)
	}
	p, err := plan.ReadJSON(strings.NewReader(res.stdout))
	if err != nil {
		t.Fatalf("%v\n%s", err, res.stdout)
	}
	return p
}

func actionCounts(p *plan.Plan) map[plan.Action]int { return p.Counts() }

// firstPlan runs plan --format json on the example tree against an empty
// help center and checks that it creates everything: 9 articles, 6
// sections and 7 translations.
func firstPlan(t *testing.T, dir string, env []string) *plan.Plan {
	t.Helper()
	p := planJSON(t, dir, env)
	counts := actionCounts(p)
	if counts[plan.ActionCreate] != 9 || counts[plan.ActionCreateSection] != 6 || counts[plan.ActionCreateTranslation] != 7 {
		t.Fatalf("first plan counts = %v, want 9 create, 6 create-section, 7 create-translation", counts)
	}
	return p
}

func mustApply(t *testing.T, dir string, env []string, args ...string) cliResult {
	t.Helper()
	res := runCLI(t, dir, env, append([]string{"apply"}, args...)...)
	if res.code != 0 {
		t.Fatalf("apply exited %d\nstdout: %s\nstderr: %s", res.code, res.stdout, res.stderr)
	}
	return res
}

// assertConverged checks that a plan after apply is empty and that
// --detailed-exitcode says so.
func assertConverged(t *testing.T, dir string, env []string) {
	t.Helper()
	res := runCLI(t, dir, env, "plan", "--detailed-exitcode")
	if res.code != 0 || !strings.Contains(res.stdout, "No changes") {
		t.Fatalf("plan after apply: exit %d, want 0 and no changes\nstdout: %s\nstderr: %s", res.code, res.stdout, res.stderr)
	}
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// golden compares got with testdata/<name>, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		writeFile(t, path, got)
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from golden file (run go test ./cmd/hcsync -update to accept):\n--- got ---\n%s\n--- want ---\n%s", name, got, want)
	}
}

func jsonString(v any) string {
	b, _ := json.MarshalIndent(v, "", "  ")
	return string(b)
}

// assertLinksResolve reads the help center back through its adapter and
// checks every published body: no placeholder was ever sent, every link
// that is not to the example's external site names an article or
// translation URL the help center reports, and the example's 7
// cross-links and 3 images are there.
func assertLinksResolve(t *testing.T, p providers.Provider) {
	t.Helper()
	list, err := p.ListArticles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	urls := map[string]bool{}
	for _, a := range list {
		urls[a.URL] = true
		for _, tr := range a.Translations {
			urls[tr.URL] = true
			urls[tr.Link()] = true
		}
	}
	attr := regexp.MustCompile(`(href|src)="([^"#]*)`)
	links, images := 0, 0
	for _, a := range list {
		for _, tr := range a.Translations {
			if strings.Contains(tr.Body, "hcsync-link:") || strings.Contains(tr.Body, "hcsync-image:") {
				t.Errorf("article %s [%s] holds a placeholder: %s", a.ID, tr.Locale, tr.Body)
			}
			for _, m := range attr.FindAllStringSubmatch(tr.Body, -1) {
				switch {
				case m[1] == "src":
					images++
				case m[2] == "" || strings.HasPrefix(m[2], "https://example.com/"):
				default:
					links++
					if !urls[m[2]] {
						t.Errorf("article %s [%s] links to %s, which is no article of the help center", a.ID, tr.Locale, m[2])
					}
				}
			}
		}
	}
	if links < 7 || images < 3 {
		t.Errorf("found %d links and %d images in published bodies, want the example's 7 and 3", links, images)
	}
}
