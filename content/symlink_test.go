//go:build unix

package content

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/hcsync/hcsync/diag"
)

// secret is what a file outside the content folder holds: nothing of it
// may reach the tree.
const secret = "API_TOKEN=s3cr3t-do-not-publish"

// linkTree writes files under dir (slash paths), makes the links (link
// -> target as written) and returns dir/docs, the content folder. Files
// outside docs/ stand for the rest of the machine.
func linkTree(t *testing.T, files, links map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Join(dir, "docs"), 0o755); err != nil {
		t.Fatal(err)
	}
	for link, target := range links {
		p := filepath.Join(dir, filepath.FromSlash(link))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(filepath.FromSlash(target), p); err != nil {
			t.Skip("no symlinks here:", err)
		}
	}
	return filepath.Join(dir, "docs")
}

// TestLoadRefusesLinksOutside: a link in the tree to a file or folder
// outside the content folder is a problem named after the link, and
// nothing behind it is read; links inside the tree load as their target.
func TestLoadRefusesLinksOutside(t *testing.T) {
	files := map[string]string{
		"docs/s/a.md":         "---\ntitle: A\n---\nBody.\n",
		"docs/.shared/in.md":  "---\ntitle: Inside\n---\nBody.\n",
		"outside/env.md":      "---\ntitle: Env\n---\n" + secret + "\n",
		"outside/_section.md": "---\ntitle: " + secret + "\n---\n",
		"outside/dir/b.md":    "---\ntitle: B\n---\n" + secret + "\n",
	}
	tests := []struct {
		name, link, target string
		want               string // the problem; "" = loads
	}{
		{"article out of the tree", "docs/s/env.md", "../../outside/env.md", "s/env.md: points outside the content folder (-> OUT/outside/env.md): copy the file into the tree"},
		{"absolute link out of the tree", "docs/s/env.md", "ABS/outside/env.md", "s/env.md: points outside the content folder (-> OUT/outside/env.md): copy the file into the tree"},
		{"section file out of the tree", "docs/s/_section.md", "../../outside/_section.md", "s/_section.md: points outside the content folder (-> OUT/outside/_section.md): copy the file into the tree"},
		{"folder out of the tree", "docs/linked", "../outside/dir", "linked: points outside the content folder (-> OUT/outside/dir): copy the folder into the tree"},
		{"dangling", "docs/s/gone.md", "nowhere.md", "s/gone.md: link to nowhere.md, which does not exist: remove the link or restore its target"},
		{"article inside the tree", "docs/s/in.md", "../.shared/in.md", ""},
		{"absolute link inside the tree", "docs/s/in.md", "ABS/docs/.shared/in.md", ""},
		{"folder inside the tree", "docs/t", ".shared", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := linkTree(t, files, nil)
			out, err := filepath.EvalSymlinks(filepath.Dir(root))
			if err != nil {
				t.Fatal(err)
			}
			target := strings.Replace(tt.target, "ABS", filepath.ToSlash(out), 1)
			if err := os.Symlink(filepath.FromSlash(target), filepath.Join(filepath.Dir(root), filepath.FromSlash(tt.link))); err != nil {
				t.Skip("no symlinks here:", err)
			}
			for _, run := range []string{"cold", "warm"} {
				c := ReadLoadCache(filepath.Join(filepath.Dir(root), "load.bin"))
				tree, err := Load(root, LoadOptions{Cache: c})
				if err := c.Save(filepath.Join(filepath.Dir(root), "load.bin")); err != nil {
					t.Fatal(err)
				}
				var got []string
				var ps diag.Problems
				if errors.As(err, &ps) {
					for _, p := range ps {
						got = append(got, strings.ReplaceAll(p.String(), filepath.ToSlash(out), "OUT"))
					}
				} else if err != nil {
					t.Fatal(err)
				}
				var want []string
				if tt.want != "" {
					want = []string{tt.want}
				}
				if !slices.Equal(got, want) {
					t.Errorf("%s: problems %q, want %q", run, got, want)
				}
				for _, a := range tree.Articles {
					for _, tr := range a.Translations {
						if strings.Contains(tr.Title+string(tr.Body), secret) {
							t.Errorf("%s: %s holds the secret of a file out of the tree", run, tr.Path)
						}
					}
				}
				for _, s := range tree.Sections {
					if strings.Contains(s.Name, secret) {
						t.Errorf("%s: section %s is named after a file out of the tree", run, s.Dir)
					}
				}
			}
		})
	}
}

// TestLoadRefusesSpecialFiles: a .md that is not a regular file (a named
// pipe would hang the load, a device would never end) is a problem.
func TestLoadRefusesSpecialFiles(t *testing.T) {
	root := linkTree(t, map[string]string{"docs/s/a.md": "---\ntitle: A\n---\nBody.\n"}, nil)
	if err := syscall.Mkfifo(filepath.Join(root, "s", "pipe.md"), 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	if err := os.Symlink("pipe.md", filepath.Join(root, "s", "to-pipe.md")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	_, err := Load(root, LoadOptions{})
	var got []string
	var ps diag.Problems
	if errors.As(err, &ps) {
		for _, p := range ps {
			got = append(got, p.String())
		}
	}
	want := []string{
		"s/pipe.md: not a regular file (a named pipe): hcsync reads only files",
		"s/to-pipe.md: not a regular file (a named pipe): hcsync reads only files",
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems %q, want %q", got, want)
	}
}

// TestReadFile: files the planner and the executor read from the tree
// (images, sidecars) are read only when their real path is inside the
// content folder, which may itself be a link, and only when they are
// regular files.
func TestReadFile(t *testing.T) {
	files := map[string]string{
		"docs/x/images/ok.png":   "png",
		"docs/.shared/logo.png":  "logo",
		"outside/env.png":        secret,
		"outside/images/big.png": secret,
	}
	links := map[string]string{
		"docs/x/images/env.png":    "../../../outside/env.png",
		"docs/x/images/logo.png":   "../../.shared/logo.png",
		"docs/x/images/gone.png":   "missing.png",
		"docs/y/images":            "../../outside/images",
		"docs/x/images/folder.png": "../../.shared",
		"linked-docs":              "docs",
	}
	root := linkTree(t, files, links)
	out, err := filepath.EvalSymlinks(filepath.Dir(root))
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(root, "x", "images", "pipe.png"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		rel      string
		want     string // the bytes read
		outside  string // the target named by an OutsideError
		notExist bool
		err      string // another error
	}{
		{rel: "x/images/ok.png", want: "png"},
		{rel: "x/images/logo.png", want: "logo"},
		{rel: "x/images/env.png", outside: "outside/env.png"},
		{rel: "y/images/big.png", outside: "outside/images/big.png"},
		{rel: "x/images/gone.png", notExist: true},
		{rel: "x/images/missing.png", notExist: true},
		{rel: "x/images/pipe.png", err: "not a regular file (a named pipe)"},
		{rel: "x/images/folder.png", err: "not a regular file (a folder)"},
	}
	for _, base := range []string{root, filepath.Join(filepath.Dir(root), "linked-docs")} {
		for _, tt := range tests {
			data, err := ReadFile(base, tt.rel)
			var oe *OutsideError
			switch {
			case tt.outside != "":
				if !errors.As(err, &oe) || oe.Target != filepath.Join(out, filepath.FromSlash(tt.outside)) {
					t.Errorf("%s: %q, %v, want it to point outside to %s", tt.rel, data, err, tt.outside)
				}
			case tt.notExist:
				if !errors.Is(err, fs.ErrNotExist) {
					t.Errorf("%s: %q, %v, want that it does not exist", tt.rel, data, err)
				}
			case tt.err != "":
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Errorf("%s: %q, %v, want %q", tt.rel, data, err, tt.err)
				}
			default:
				if err != nil || string(data) != tt.want {
					t.Errorf("%s: %q, %v, want %q", tt.rel, data, err, tt.want)
				}
			}
			if strings.Contains(string(data), secret) {
				t.Errorf("%s: read the secret of a file out of the tree", tt.rel)
			}
		}
	}
}

// TestWriteTreeIDLinks: the id write-back edits the file a link inside
// the tree leads to, and leaves the link a link; it never writes through
// a link out of the tree.
func TestWriteTreeIDLinks(t *testing.T) {
	const article = "---\ntitle: A\n---\nBody.\n"
	root := linkTree(t, map[string]string{
		"docs/.shared/in.md": article,
		"outside/out.md":     article,
	}, map[string]string{
		"docs/s/in.md":  "../.shared/in.md",
		"docs/s/out.md": "../../outside/out.md",
	})
	if err := WriteTreeID(root, "s/in.md", "42"); err != nil {
		t.Fatalf("link inside the tree: %v", err)
	}
	if got := readString(t, filepath.Join(root, ".shared", "in.md")); got != "---\ntitle: A\nid: 42\n---\nBody.\n" {
		t.Errorf("the link's target holds %q, want the id written", got)
	}
	if info, err := os.Lstat(filepath.Join(root, "s", "in.md")); err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("s/in.md is no longer a link: %v", err)
	}

	err := WriteTreeID(root, "s/out.md", "43")
	var oe *OutsideError
	if !errors.As(err, &oe) || !strings.HasPrefix(err.Error(), "write id to s/out.md: points outside the content folder") {
		t.Errorf("link out of the tree: %v, want a refusal naming s/out.md", err)
	}
	if got := readString(t, filepath.Join(filepath.Dir(root), "outside", "out.md")); got != article {
		t.Errorf("the file out of the tree was written: %q", got)
	}
}

// TestWriteTreeIDSectionFiles: a created section's id goes into its
// folder's _section.md, made when missing, but never into a folder that
// is a link out of the tree.
func TestWriteTreeIDSectionFiles(t *testing.T) {
	root := linkTree(t, map[string]string{
		"docs/s/a.md":      "---\ntitle: A\n---\nBody.\n",
		"outside/keep.txt": "x",
	}, map[string]string{
		"docs/out": "../outside",
	})
	if err := WriteTreeID(root, "s/_section.md", "7"); err != nil {
		t.Fatalf("missing _section.md: %v", err)
	}
	if got := readString(t, filepath.Join(root, "s", "_section.md")); got != "---\nid: 7\n---\n" {
		t.Errorf("_section.md = %q, want the id alone", got)
	}
	if err := WriteTreeID(root, "s/_section.md", "8"); err != nil {
		t.Fatalf("existing _section.md: %v", err)
	}
	if got := readString(t, filepath.Join(root, "s", "_section.md")); got != "---\nid: 8\n---\n" {
		t.Errorf("_section.md = %q, want the id replaced", got)
	}
	err := WriteTreeID(root, "out/_category.md", "9")
	var oe *OutsideError
	if !errors.As(err, &oe) {
		t.Errorf("folder linked out of the tree: %v, want a refusal", err)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(root), "outside", "_category.md")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a file was made out of the tree: %v", err)
	}
}
