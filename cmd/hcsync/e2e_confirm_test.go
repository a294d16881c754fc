//go:build !windows

package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/hcsync/hcsync/providers/zendesk/zendesktest"
)

const question = "Do you want to apply these changes? Only 'yes' will be accepted:"

// ttyRun is the built CLI on a pseudo-terminal, as a person runs it:
// stdin, stdout and stderr are the terminal, and CI is unset.
type ttyRun struct {
	cmd  *exec.Cmd
	tty  *os.File
	mu   sync.Mutex
	out  bytes.Buffer
	done chan struct{}
}

func startTTY(t *testing.T, dir string, env []string, args ...string) *ttyRun {
	t.Helper()
	cmd := exec.Command(buildCLI(t), args...)
	cmd.Dir = dir
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "TERM=xterm"}, env...)
	tty, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 50, Cols: 200})
	if err != nil {
		t.Fatalf("starting hcsync on a pseudo-terminal: %v", err)
	}
	r := &ttyRun{cmd: cmd, tty: tty, done: make(chan struct{})}
	go func() {
		defer close(r.done)
		buf := make([]byte, 4096)
		for {
			n, err := tty.Read(buf)
			r.mu.Lock()
			r.out.Write(buf[:n])
			r.mu.Unlock()
			if err != nil {
				return // EIO once the CLI exits
			}
		}
	}()
	t.Cleanup(func() { tty.Close(); cmd.Process.Kill() })
	return r
}

func (r *ttyRun) output() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.out.String()
}

// waitFor waits until the terminal shows s.
func (r *ttyRun) waitFor(t *testing.T, s string) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for !strings.Contains(r.output(), s) {
		if time.Now().After(deadline) {
			t.Fatalf("the terminal never showed %q:\n%s", s, r.output())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// exit waits for the CLI to end and returns its exit code.
func (r *ttyRun) exit(t *testing.T) int {
	t.Helper()
	err := r.cmd.Wait()
	select {
	case <-r.done:
	case <-time.After(5 * time.Second):
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0
}

func (r *ttyRun) answer(t *testing.T, line string) {
	t.Helper()
	if _, err := io.WriteString(r.tty, line+"\n"); err != nil {
		t.Fatal(err)
	}
}

// TestInteractiveApplyAsks: on a terminal, apply shows the plan, asks,
// and waits: after no it writes nothing and exits 1, after yes it
// applies. --auto-approve does not ask.
func TestInteractiveApplyAsks(t *testing.T) {
	fake := zendesktest.New(zendesktest.Options{Email: "writer@example.com", APIToken: zdToken})
	defer fake.Close()
	dir := zendeskTree(t, fake.URL)
	env := []string{"ZENDESK_EMAIL=writer@example.com", "ZENDESK_API_TOKEN=" + zdToken}
	writes := func() int {
		n := 0
		for _, r := range fake.Requests() {
			if r.Method != "GET" {
				n++
			}
		}
		return n
	}

	r := startTTY(t, dir, env, "apply")
	r.waitFor(t, question)
	if !strings.Contains(r.output(), "+ create") {
		t.Errorf("the plan was not shown before the question:\n%s", r.output())
	}
	// It waits: nothing is written while the question stands.
	time.Sleep(300 * time.Millisecond)
	if n := writes(); n != 0 {
		t.Fatalf("apply wrote %d times before the answer", n)
	}
	r.answer(t, "no")
	if code := r.exit(t); code != 1 {
		t.Errorf("apply answered no: exit %d, want 1\n%s", code, r.output())
	}
	if !strings.Contains(r.output(), "apply cancelled: nothing was written") {
		t.Errorf("apply answered no does not say so:\n%s", r.output())
	}
	if n := writes(); n != 0 {
		t.Errorf("apply answered no wrote %d times", n)
	}

	r = startTTY(t, dir, env, "apply")
	r.waitFor(t, question)
	r.answer(t, "yes")
	if code := r.exit(t); code != 0 {
		t.Fatalf("apply answered yes: exit %d, want 0\n%s", code, r.output())
	}
	if n := len(fake.Articles()); n != 9 {
		t.Errorf("after yes the help center holds %d articles, want the tree's 9", n)
	}

	// The next change, approved in advance.
	edit := func(line string) {
		path := dir + "/docs/" + desktopFile
		writeFile(t, path, readFile(t, path)+"\n"+line+"\n")
	}
	edit("Approved in advance.")
	r = startTTY(t, dir, env, "apply", "--auto-approve")
	if code := r.exit(t); code != 0 {
		t.Fatalf("apply --auto-approve: exit %d\n%s", code, r.output())
	}
	if strings.Contains(r.output(), question) || !strings.Contains(r.output(), "Applied 1 change(s).") {
		t.Errorf("apply --auto-approve asked, or did not apply the edit:\n%s", r.output())
	}

	// A saved plan was reviewed: apply FILE does not ask either.
	edit("Reviewed on the pull request.")
	if res := runCLI(t, dir, env, "plan", "--out", "plan.hcsync"); res.code != 0 {
		t.Fatalf("plan --out: exit %d\n%s", res.code, res.stderr)
	}
	r = startTTY(t, dir, env, "apply", "plan.hcsync")
	if code := r.exit(t); code != 0 {
		t.Fatalf("apply plan.hcsync: exit %d\n%s", code, r.output())
	}
	if strings.Contains(r.output(), question) || !strings.Contains(r.output(), "Applied 1 change(s).") {
		t.Errorf("apply plan.hcsync asked, or did not apply the saved edit:\n%s", r.output())
	}
	assertConverged(t, dir, env)
}
