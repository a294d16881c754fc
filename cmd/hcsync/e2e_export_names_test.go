package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestExportKeepsTheTreesNames: a help center filled from a tree by
// apply exports, with --like that tree, into files and folders of the
// tree's own names; export --force into an exported tree keeps the
// names a team gave its files since. Files spell out no defaults unless
// --explicit, images are named as the tree named them, and the plan of
// every export is empty.
func TestExportKeepsTheTreesNames(t *testing.T) {
	dir := copyTree(t, "../../testdata/example")
	mustApply(t, dir, nil)
	docs := filepath.Join(dir, "docs")

	like, stdout := exportOK(t, dir, "--out", "like", "--like", "docs")
	if !strings.Contains(stdout, "9 articles and 6 folders keep the names they have in docs (their ids match).") {
		t.Errorf("export --like does not say what kept its name:\n%s", stdout)
	}
	if got, want := mdFiles(t, like), mdFiles(t, docs); !slices.Equal(got, want) {
		t.Errorf("export --like docs wrote\n%v\nwant the tree's own files\n%v", got, want)
	}
	for _, f := range mdFiles(t, like) {
		text := readFile(t, filepath.Join(like, filepath.FromSlash(f)))
		for _, def := range []string{"promoted: false", "comments_disabled: false", "position: 0", "draft: false", "segments: []", "labels: []", "content_tags: []"} {
			if strings.Contains(text, "\n"+def+"\n") {
				t.Errorf("%s spells out the default %s\n%s", f, def, text)
			}
		}
	}

	// A team renames an exported file; the next export over the tree
	// keeps the new name and leaves no copy under the old one.
	out, _ := exportOK(t, dir, "--out", "exported")
	// Images keep the tree's names too (found by their bytes); without
	// a tree, the local provider's (named by content) are named after
	// their alt text.
	for _, img := range []string{"like/getting-started/installation/images/installer.png", "like/account/security/images/qr-code.png",
		"exported/getting-started/installation/images/the-lumen-installer.png", "exported/account-billing/security/images/a-qr-code-on-the-security-page.png"} {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(img))); err != nil {
			t.Errorf("image not named as the tree or its alt text names it: %v", err)
		}
	}
	installation := filepath.Join(out, "getting-started", "installation")
	for _, suffix := range []string{".md", ".fr.md", ".de.md"} {
		if err := os.Rename(filepath.Join(installation, "install-lumen-on-your-computer"+suffix), filepath.Join(installation, "desktop"+suffix)); err != nil {
			t.Fatal(err)
		}
	}
	renamed := filepath.Join(installation, "desktop.md")
	before := mdFiles(t, out)
	exportOK(t, dir, "--out", "exported", "--force", "--explicit")
	if after := mdFiles(t, out); !slices.Equal(after, before) {
		t.Errorf("export --force over a renamed tree wrote\n%v\nwant the names it had\n%v", after, before)
	}
	if text := readFile(t, renamed); !strings.Contains(text, "\ncomments_disabled: false\n") || !strings.Contains(text, "\ndraft: false\n") {
		t.Errorf("--explicit does not spell out the defaults:\n%s", text)
	}
}

// exportOK runs export with args in dir, then plans the exported tree:
// both must succeed, the plan with no changes. It returns the tree and
// what export printed.
func exportOK(t *testing.T, dir string, args ...string) (string, string) {
	t.Helper()
	res := runCLI(t, dir, nil, append([]string{"export"}, args...)...)
	if res.code != 0 {
		t.Fatalf("export %v: exit %d\nstdout: %s\nstderr: %s", args, res.code, res.stdout, res.stderr)
	}
	out := args[slices.Index(args, "--out")+1]
	pl := runCLI(t, dir, nil, "plan", "-c", filepath.Join(out, "hcsync.yaml"), "--detailed-exitcode")
	if pl.code != 0 || !strings.Contains(pl.stdout, "No changes") {
		t.Fatalf("plan of export %v: exit %d, want 0 and no changes\nstdout: %s\nstderr: %s", args, pl.code, pl.stdout, pl.stderr)
	}
	return filepath.Join(dir, out), res.stdout
}

// mdFiles lists the articles and translations under root, slash paths.
func mdFiles(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") || strings.HasPrefix(d.Name(), "_") {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}
