package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// writeHugoTree writes a tree as Hugo's documentation lays it out: every
// page carries the site generator's keys (weight, keywords, aliases,
// categories), one misspells a key of hcsync's, and one lacks a title.
func writeHugoTree(t *testing.T, frontMatter string) string {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "hcsync.yaml"), "provider: local\ncontent: docs\n"+frontMatter)
	for i := range 8 {
		writeFile(t, filepath.Join(dir, "docs", "functions", fmt.Sprintf("f%d.md", i)), fmt.Sprintf(
			"---\ntitle: Function %d\ndescription: Does %d things.\ncategories: []\nkeywords: []\nweight: %d\naliases: [/functions/f%d]\n---\nBody %d\n", i, i, i*10, i, i))
	}
	writeFile(t, filepath.Join(dir, "docs", "functions", "odd.md"), "---\ntitle: Odd\nlabls: [x]\n---\nBody\n")
	writeFile(t, filepath.Join(dir, "docs", "guides", "g.md"), "---\nlinkTitle: G\n---\nBody\n")
	return dir
}

// TestMigrateSiteGeneratorTree follows the README's how-to for moving a
// Hugo tree in: the first validate says each kind of problem once, with
// its count and first files; --all lists every line; front_matter.ignore
// silences the site's keys; unknown: warn lets the rest through.
func TestMigrateSiteGeneratorTree(t *testing.T) {
	dir := writeHugoTree(t, "")

	res := runCLI(t, dir, nil, "validate")
	if res.code != 1 {
		t.Fatalf("validate: exit %d, want 1\n%s", res.code, res.stderr)
	}
	golden(t, "migrate-validate.txt", res.stderr)

	all := runCLI(t, dir, nil, "validate", "--all")
	if all.code != 1 || strings.Count(all.stderr, "\n  docs/") != 35 || strings.Contains(all.stderr, "more)") {
		t.Errorf("validate --all: exit %d, want 1 and 35 lines, one per problem:\n%s", all.code, all.stderr)
	}

	// plan and apply fail alike, before contacting the help center.
	for _, cmd := range []string{"plan", "apply"} {
		res := runCLI(t, dir, nil, cmd)
		if res.code != 1 || !strings.Contains(res.stderr, `unknown key "weight" (hcsync calls it position): 8 files (docs/functions/f0.md:6,`) {
			t.Errorf("%s: exit %d, want 1 and the grouped lines:\n%s", cmd, res.code, res.stderr)
		}
	}

	ignore := "front_matter:\n  ignore: [categories, keywords, weight, aliases, linkTitle]\n"
	writeFile(t, filepath.Join(dir, "hcsync.yaml"), "provider: local\ncontent: docs\n"+ignore)
	res = runCLI(t, dir, nil, "validate")
	if res.code != 1 || strings.Contains(res.stderr, "weight") || !strings.Contains(res.stderr, `labls`) || !strings.Contains(res.stderr, "missing title") {
		t.Errorf("validate with the site's keys ignored: exit %d, want 1 for labls and the missing title only:\n%s", res.code, res.stderr)
	}

	writeFile(t, filepath.Join(dir, "hcsync.yaml"), "provider: local\ncontent: docs\n"+ignore+"  unknown: warn\n")
	res = runCLI(t, dir, nil, "validate")
	if res.code != 1 || !strings.Contains(res.stderr, `warning: docs/functions/odd.md:3: unknown key "labls"`) || !strings.Contains(res.stderr, "missing title") {
		t.Errorf("validate with unknown: warn and a problem: exit %d, want 1 with the warning said too:\n%s", res.code, res.stderr)
	}

	writeFile(t, filepath.Join(dir, "docs", "functions", "odd.md"), "---\ntitle: Odd\nlabels: [x]\n---\nBody\n")
	writeFile(t, filepath.Join(dir, "docs", "guides", "g.md"), "---\ntitle: G\nlinkTitle: G\nsidebar: true\n---\nBody\n")
	writeFile(t, filepath.Join(dir, "hcsync.yaml"), "provider: local\ncontent: docs\n"+ignore+"  unknown: warn\n")
	res = runCLI(t, dir, nil, "validate")
	if res.code != 0 || !strings.Contains(res.stderr, `warning: docs/guides/g.md:4: unknown key "sidebar"`) || !strings.Contains(res.stdout, "no problems found") {
		t.Errorf("validate with unknown: warn: exit %d, want 0 and a warning\nstdout: %s\nstderr: %s", res.code, res.stdout, res.stderr)
	}
	mustApply(t, dir, nil)
	assertConverged(t, dir, nil)
}
