package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hcsync/hcsync/plan"
)

// TestArchiveCap: a prune that would archive more articles than
// max_archive (default 10) is refused by apply before anything is
// written, with the list and the way to allow it; --max-archive lets it
// through. A mistaken `git rm -r docs/` must never empty a help center.
func TestArchiveCap(t *testing.T) {
	g := newGitTree(t)
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	for i := range 12 {
		writeFile(t, g.doc(fmt.Sprintf("account/old/note-%02d.md", i)), fmt.Sprintf("---\ntitle: Old note %d\n---\nNote %d.\n", i, i))
	}
	g.commit("add notes", at)
	mustApply(t, g.dir, nil)
	before := g.commit("hcsync: write ids [skip ci]", at.Add(time.Hour))
	for i := range 11 {
		if err := os.Remove(g.doc(fmt.Sprintf("account/old/note-%02d.md", i))); err != nil {
			t.Fatal(err)
		}
	}
	g.commit("remove 11 notes", at.Add(2*time.Hour))

	p := planJSON(t, g.dir, nil, "--prune", "--since", before)
	if n := p.Counts()[plan.ActionArchive]; n != 11 {
		t.Fatalf("plan archives %d articles, want 11", n)
	}
	if !hasWarning(p, "archive-cap") {
		t.Errorf("plan over the cap has no archive-cap warning: %+v", p.Warnings)
	}

	res := runCLI(t, g.dir, nil, "apply", "--prune", "--since", before)
	if res.code != exitError {
		t.Fatalf("apply archiving 11 > 10: exit %d, want %d\nstdout: %s\nstderr: %s", res.code, exitError, res.stdout, res.stderr)
	}
	for _, want := range []string{"11 articles", "max_archive", "--max-archive 11", "account/old/note-00.md", "account/old/note-10.md"} {
		if !strings.Contains(res.stderr, want) {
			t.Errorf("refusal does not say %q:\n%s", want, res.stderr)
		}
	}
	if strings.Contains(res.stdout, "Applied") {
		t.Errorf("a refused apply printed a summary:\n%s", res.stdout)
	}
	// Nothing was archived: the plan is unchanged.
	if n := planJSON(t, g.dir, nil, "--prune", "--since", before).Counts()[plan.ActionArchive]; n != 11 {
		t.Fatalf("after the refused apply the plan archives %d, want still 11", n)
	}

	// The config raises the cap as the flag does; a flag below it wins.
	cfgPath := filepath.Join(g.dir, "hcsync.yaml")
	writeFile(t, cfgPath, readFile(t, cfgPath)+"max_archive: 11\n")
	if res := runCLI(t, g.dir, nil, "apply", "--prune", "--since", before, "--max-archive", "3"); res.code != exitError || !strings.Contains(res.stderr, "--max-archive 11") {
		t.Fatalf("apply --max-archive 3 with 11 archives: exit %d, want refusal\nstderr: %s", res.code, res.stderr)
	}
	if p := planJSON(t, g.dir, nil, "--prune", "--since", before); hasWarning(p, "archive-cap") {
		t.Errorf("plan within max_archive: 11 warns: %+v", p.Warnings)
	}
	mustApply(t, g.dir, nil, "--prune", "--since", before, "--max-archive", "11")
	if got := actionCounts(planJSON(t, g.dir, nil, "--prune", "--since", before)); len(got) != 0 {
		t.Fatalf("plan after the allowed apply = %v, want no changes", got)
	}
}

func hasWarning(p *plan.Plan, kind plan.WarningKind) bool {
	for _, w := range p.Warnings {
		if w.Kind == kind {
			return true
		}
	}
	return false
}
