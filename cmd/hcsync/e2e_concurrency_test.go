package main

import (
	"errors"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	gosync "sync"
	"testing"
	"time"

	"github.com/hcsync/hcsync/providers/fakeserver"
	"github.com/hcsync/hcsync/providers/zendesk/zendesktest"
)

// TestTwoAppliesAtOnce starts two applies of one tree together. The
// fake holds the first write back until one of them has ended, so both
// are surely running at once: one applies, the other exits 1 naming the
// lock and who holds it, and the help center holds each article once.
func TestTwoAppliesAtOnce(t *testing.T) {
	fake := zendesktest.New(zendesktest.Options{Email: "writer@example.com", APIToken: zdToken})
	defer fake.Close()
	dir := zendeskTree(t, fake.URL)
	env := []string{"ZENDESK_EMAIL=writer@example.com", "ZENDESK_API_TOKEN=" + zdToken}

	oneEnded := make(chan struct{})
	var endOnce gosync.Once
	fake.SetFaults(func(_ int, r *http.Request) fakeserver.Fault {
		if r.Method == http.MethodPost {
			select {
			case <-oneEnded:
			case <-time.After(15 * time.Second):
			}
		}
		return fakeserver.Fault{}
	})
	var runs [2]cliResult
	var wg gosync.WaitGroup
	for i := range runs {
		wg.Go(func() {
			runs[i] = runCLI(t, dir, env, "apply")
			endOnce.Do(func() { close(oneEnded) })
		})
	}
	wg.Wait()
	fake.SetFaults(nil)

	ran, refused := runs[0], runs[1]
	if ran.code != 0 {
		ran, refused = refused, ran
	}
	lock := filepath.Join(dir, ".hcsync.lock")
	if ran.code != 0 || refused.code != 1 {
		t.Fatalf("exit codes %d and %d, want 0 and 1\nfirst stderr: %s\nsecond stderr: %s", runs[0].code, runs[1].code, runs[0].stderr, runs[1].stderr)
	}
	if !strings.Contains(refused.stderr, "another apply holds "+lock+" (pid ") || !strings.Contains(refused.stderr, "wait for it to finish") {
		t.Errorf("the refused apply said:\n%s\nwant it to name %s, its holder and what to do", refused.stderr, lock)
	}
	if n := len(fake.Articles()); n != 9 {
		t.Errorf("help center holds %d articles, want the tree's 9", n)
	}
	if _, err := os.Stat(lock); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("lock file left after the apply: %v", err)
	}
	assertConverged(t, dir, env)
}
