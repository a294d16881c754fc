package main

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hcsync/hcsync/bench"
	"github.com/hcsync/hcsync/providers/fakeserver"
	"github.com/hcsync/hcsync/providers/zendesk/zendesktest"
)

// generatedZendeskTree writes a generated tree of n articles × 2 locales
// and a config pointing at the Zendesk fake.
func generatedZendeskTree(t *testing.T, baseURL string, n int) string {
	t.Helper()
	dir := t.TempDir()
	if _, err := bench.Generate(filepath.Join(dir, "docs"), bench.Tree{Articles: n, Locales: 2, PerSection: 20}); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "hcsync.yaml"), fmt.Sprintf("provider: zendesk\ncontent: docs\nconcurrency: 2\nrate_limit: 60000\nzendesk:\n  base_url: %s\n  permission_group: Admins\n", baseURL))
	return dir
}

// TestApplySIGINT interrupts an apply with Ctrl-C: it stops starting
// changes, lets those in flight finish, says what it applied, exits 1,
// and the next plan shows exactly what remains.
func TestApplySIGINT(t *testing.T) {
	t.Parallel()
	fake := zendesktest.New(zendesktest.Options{})
	defer fake.Close()
	// Slow writes, so the interrupt lands mid-run.
	fake.SetFaults(func(n int, r *http.Request) fakeserver.Fault {
		if r.Method != http.MethodGet {
			return fakeserver.Fault{Delay: 40 * time.Millisecond}
		}
		return fakeserver.Fault{}
	})
	dir := generatedZendeskTree(t, fake.URL, 30)
	env := []string{"ZENDESK_EMAIL=" + fake.Email(), "ZENDESK_API_TOKEN=" + fake.APIToken()}

	cmd := exec.Command(buildCLI(t), "apply")
	cmd.Dir = dir
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "CI=true"}, env...)
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var log strings.Builder
	sc := bufio.NewScanner(stderr)
	lines := 0
	for sc.Scan() {
		log.WriteString(sc.Text() + "\n")
		if strings.HasPrefix(sc.Text(), "[") {
			lines++
			if lines == 10 {
				cmd.Process.Signal(syscall.SIGINT)
			}
		}
	}
	err = cmd.Wait()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	}
	m := regexp.MustCompile(`interrupted: (\d+) change\(s\) applied, (\d+) not started`).FindStringSubmatch(log.String())
	if code != 1 || m == nil {
		t.Fatalf("apply after SIGINT: exit %d, want 1 and a report of what was done\nstderr:\n%s", code, log.String())
	}
	applied, _ := strconv.Atoi(m[1])
	left, _ := strconv.Atoi(m[2])
	if applied < 10 || left == 0 {
		t.Fatalf("applied %d, not started %d: the interrupt did not stop the run mid-way", applied, left)
	}
	fake.SetFaults(nil)
	if p := planJSON(t, dir, env); len(p.Changes) != left {
		t.Fatalf("the next plan has %d changes, want the %d that were not started", len(p.Changes), left)
	}
	mustApply(t, dir, env)
	assertConverged(t, dir, env)
}

// TestSecretsNeverPrinted runs failing plans and applies with --debug
// against the fakes and greps every byte of output for the secrets, in
// the forms a client might leak them.
func TestSecretsNeverPrinted(t *testing.T) {
	t.Parallel()
	const token = "zd-secret-token-e5a1f"
	fake := zendesktest.New(zendesktest.Options{APIToken: token})
	defer fake.Close()
	dir := generatedZendeskTree(t, fake.URL, 6)
	env := []string{"ZENDESK_EMAIL=" + fake.Email(), "ZENDESK_API_TOKEN=" + token}
	// Every write fails: 500s with the Authorization header echoed back,
	// as a misbehaving proxy might.
	fake.SetFaults(func(n int, r *http.Request) fakeserver.Fault {
		if r.Method == http.MethodGet {
			return fakeserver.Fault{}
		}
		return fakeserver.Fault{Status: 500, Body: []byte("upstream failed for " + r.Header.Get("Authorization") + " token " + token)}
	})
	forms := []string{
		token,
		base64.StdEncoding.EncodeToString([]byte(fake.Email() + "/token:" + token)),
	}
	var all strings.Builder
	for _, args := range [][]string{{"plan", "--debug"}, {"apply", "--debug"}, {"apply", "--format", "json"}} {
		res := runCLI(t, dir, env, args...)
		all.WriteString(res.stdout + res.stderr)
		if args[0] == "apply" && res.code != 1 {
			t.Errorf("%v: exit %d, want 1", args, res.code)
		}
	}
	res := runCLI(t, dir, []string{"ZENDESK_EMAIL=" + fake.Email(), "ZENDESK_API_TOKEN=" + token + "-wrong"}, "plan", "--debug")
	all.WriteString(res.stdout + res.stderr)
	out := all.String()
	if !strings.Contains(out, "500") {
		t.Fatalf("the runs did not fail as planned:\n%s", out)
	}
	for _, f := range forms {
		if strings.Contains(out, f) {
			t.Errorf("output contains a secret (%q)", f)
		}
	}
}
