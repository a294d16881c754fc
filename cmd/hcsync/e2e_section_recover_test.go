package main

import (
	"net/http"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/hcsync/hcsync/providers/fakeserver"
)

// sectionFaults are the ways the answer to a create can be lost: the
// service failed before acting or after, or the connection dropped
// before it acted or after.
var sectionFaults = []struct {
	name  string
	fault fakeserver.Fault
}{
	{"500 before acting", fakeserver.Fault{Status: http.StatusInternalServerError}},
	{"500 after acting", fakeserver.Fault{StatusAfter: http.StatusInternalServerError}},
	{"dropped before acting", fakeserver.Fault{Drop: true}},
	{"dropped after acting", fakeserver.Fault{DropAfter: true}},
}

// TestSectionCreateLostAnswer: when the answer to a category or section
// create is lost (a 500, a dropped connection, before or after the
// service acted), apply recovers on every provider as it does for
// articles: it re-lists, adopts the one the lost create made, or
// creates it when there is none. The run succeeds, the help center
// holds each folder once, and the next plan is empty.
func TestSectionCreateLostAnswer(t *testing.T) {
	t.Parallel()
	for k, c := range sectionsCases() {
		if c.faults == nil {
			continue // local: no network, no lost answers
		}
		for i, target := range []string{"category", "section"} {
			for _, f := range sectionFaults {
				t.Run(c.name+"/"+target+"/"+f.name, func(t *testing.T) {
					t.Parallel()
					// A case of its own: a case's functions share its fake.
					c := sectionsCases()[k]
					yaml, env := c.config(t)
					dir := t.TempDir()
					writeFile(t, filepath.Join(dir, "hcsync.yaml"), yaml)
					writeFile(t, filepath.Join(dir, "docs", "Guides", "Setup", "install.md"), "---\ntitle: Install\n---\nRun the installer.\n")
					// The category is created first, then the section:
					// the (i+1)-th create is the one whose answer is lost.
					var creates atomic.Int32
					c.faults(func(n int, r *http.Request) fakeserver.Fault {
						if r.Method == http.MethodPost && c.isCreate(r.URL.Path) && int(creates.Add(1)) == i+1 {
							return f.fault
						}
						return fakeserver.Fault{}
					})
					res := runCLI(t, dir, env, "apply")
					c.faults(nil)
					if res.code != 0 {
						t.Fatalf("apply exited %d\nstdout: %s\nstderr: %s", res.code, res.stdout, res.stderr)
					}
					if creates.Load() < int32(i+1) {
						t.Fatalf("only %d creates were sent: the fault was never injected", creates.Load())
					}
					names := map[string]int{}
					for _, s := range c.list(t, dir) {
						names[s.Name]++
					}
					if names["Guides"] != 1 || names["Setup"] != 1 || len(names) != 2 {
						t.Errorf("after apply the help center holds %v; want Guides and Setup once each", names)
					}
					if _, err := os.Stat(filepath.Join(dir, "docs", "Guides", "Setup", "_section.md")); err != nil {
						t.Errorf("the section's id was not written: %v", err)
					}
					assertConverged(t, dir, env)
				})
			}
		}
	}
}
