package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const localConfig = "provider: local\ncontent: docs\ndefault_locale: en-us\nlocal:\n  dir: .hcsync/local\n  locales: [en-us]\n"

// TestWriteIDsOntoNewerCommit: apply --result-file records the ids it
// wrote, and write-ids puts them into another checkout of the tree,
// where a writer has meanwhile retitled the article (the line next to
// id:), which a rebase of the id commit would conflict on. A file gone
// there is named, not fatal.
func TestWriteIDsOntoNewerCommit(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "hcsync.yaml"), localConfig)
	writeFile(t, filepath.Join(dir, "docs/guides/setup/a.md"), "---\ntitle: Keyboard shortcuts\n---\nPress ?.\n")
	writeFile(t, filepath.Join(dir, "docs/guides/setup/b.md"), "---\ntitle: Gone soon\n---\nBye.\n")
	result := filepath.Join(t.TempDir(), "result.json")
	mustApply(t, dir, nil, "--result-file", result)
	var rec applyResult
	data, err := os.ReadFile(result)
	if err != nil || json.Unmarshal(data, &rec) != nil {
		t.Fatalf("--result-file: %v\n%s", err, data)
	}
	files := map[string]string{}
	for _, w := range rec.IDs {
		files[w.File] = w.ID
	}
	aID := files["guides/setup/a.md"]
	if rec.Applied == 0 || aID == "" || files["guides/setup/b.md"] == "" || files["guides/setup/_section.md"] == "" {
		t.Fatalf("result file %+v: want the applied count and the ids of both articles and the new section", rec)
	}

	newer := t.TempDir()
	writeFile(t, filepath.Join(newer, "hcsync.yaml"), localConfig)
	writeFile(t, filepath.Join(newer, "docs/guides/setup/a.md"), "---\ntitle: Shortcuts\n---\nPress ?.\n")
	res := runCLI(t, newer, nil, "write-ids", "--from", result)
	if res.code != 0 {
		t.Fatalf("write-ids: exit %d\n%s", res.code, res.stderr)
	}
	if got, want := readFile(t, filepath.Join(newer, "docs/guides/setup/a.md")), "---\ntitle: Shortcuts\nid: "+aID+"\n---\nPress ?.\n"; got != want {
		t.Errorf("a.md after write-ids:\n%s\nwant:\n%s", got, want)
	}
	if !strings.Contains(res.stderr, "guides/setup/b.md: gone in this checkout") {
		t.Errorf("write-ids does not name the file that is gone: %q", res.stderr)
	}
	if !strings.Contains(readFile(t, filepath.Join(newer, "docs/guides/setup/_section.md")), "id: "+files["guides/setup/_section.md"]) {
		t.Errorf("the section's id was not written")
	}
}

// TestPruneWithoutSinceWarns: prune with no --since can archive nothing;
// the plan says so rather than look like "nothing was deleted".
func TestPruneWithoutSinceWarns(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "hcsync.yaml"), localConfig)
	writeFile(t, filepath.Join(dir, "docs/guides/setup/a.md"), "---\ntitle: A\n---\nA.\n")
	for _, tt := range []struct {
		args []string
		want bool
	}{{[]string{"--prune"}, true}, {nil, false}} {
		p := planJSON(t, dir, nil, tt.args...)
		got := false
		for _, w := range p.Warnings {
			got = got || w.Kind == "prune-without-since"
		}
		if got != tt.want {
			t.Errorf("plan %v: prune-without-since warning %v, want %v (%+v)", tt.args, got, tt.want, p.Warnings)
		}
	}
}
