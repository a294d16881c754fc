package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	gosync "sync"
	"testing"

	"github.com/hcsync/hcsync/sync"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

var (
	cliOnce gosync.Once
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

// copyTree copies a folder (testdata/example) into a fresh temp dir and
// returns the copy's path, so tests never touch the repository's files.
func copyTree(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			if d.Name() == ".hcsync" {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// planJSON runs plan --format json and decodes it.
func planJSON(t *testing.T, dir string, env []string, args ...string) *sync.Plan {
	t.Helper()
	res := runCLI(t, dir, env, append([]string{"plan", "--format", "json"}, args...)...)
	if res.code != 0 {
		t.Fatalf("plan exited %d\nstderr: %s", res.code, res.stderr)
	}
	p, err := sync.ReadJSON(strings.NewReader(res.stdout))
	if err != nil {
		t.Fatalf("%v\n%s", err, res.stdout)
	}
	return p
}

func actionCounts(p *sync.Plan) map[sync.Action]int { return p.Counts() }

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
