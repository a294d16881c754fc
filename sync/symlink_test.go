//go:build unix

package sync

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/providers"
)

// secretBytes stand for what a file outside the content folder holds
// (/proc/self/environ, ~/.netrc): none of it may be uploaded.
const secretBytes = "API_TOKEN=s3cr3t-do-not-publish"

// outsideFiles writes a file and a folder beside (not in) tree's content
// folder and returns the folder they are in, links resolved.
func outsideFiles(t *testing.T) string {
	t.Helper()
	out, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"env.png", "shots/env.png"} {
		p := filepath.Join(out, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(secretBytes), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Skip("no symlinks here:", err)
	}
}

// TestImagesOutsideTheTree: an image that is a link out of the content
// folder, or reached through a folder that is one, or that is not a
// regular file, is a problem at the line that shows it, found by the
// plan and, offline, by CheckImages (validate); an image linked from
// inside the tree is an image.
func TestImagesOutsideTheTree(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, root, out string)
		body  string
		want  string // "" = no problem; OUT stands for the outside folder
	}{
		{"image linked out of the tree", func(t *testing.T, root, out string) {
			symlink(t, filepath.Join(out, "env.png"), filepath.Join(root, "Guides", "images", "p.png"))
		}, "Intro.\n\n![p](images/p.png)\n",
			`Guides/a.md:6: image "images/p.png": points outside the content folder (-> OUT/env.png): copy the file into the tree`},
		{"image in a folder linked out of the tree", func(t *testing.T, root, out string) {
			symlink(t, filepath.Join(out, "shots"), filepath.Join(root, "Guides", "shots"))
		}, "![p](shots/env.png)\n",
			`Guides/a.md:4: image "shots/env.png": points outside the content folder (-> OUT/shots/env.png): copy the file into the tree`},
		{"image that is a named pipe", func(t *testing.T, root, out string) {
			if err := os.MkdirAll(filepath.Join(root, "Guides", "images"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := syscall.Mkfifo(filepath.Join(root, "Guides", "images", "p.png"), 0o644); err != nil {
				t.Skip("no named pipes here:", err)
			}
		}, "![p](images/p.png)\n",
			`Guides/a.md:4: image "images/p.png": not a regular file (a named pipe): hcsync reads only files`},
		{"image linked inside the tree", func(t *testing.T, root, out string) {
			writeRaw(t, &content.Tree{Root: root}, ".assets/p.png", "png bytes")
			symlink(t, "../../.assets/p.png", filepath.Join(root, "Guides", "images", "p.png"))
		}, "![p](images/p.png)\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := outsideFiles(t)
			tree := loadTree(t, map[string]string{"Guides/a.md": "---\ntitle: A\n---\n" + tt.body})
			tt.setup(t, tree.Root, out)
			var want []string
			if tt.want != "" {
				want = []string{strings.ReplaceAll(tt.want, "OUT", out)}
			}
			caps := fullCaps
			caps.ImageUpload = true
			_, err := NewPlan(tree, baseRemote(), Options{Provider: "test", Caps: caps})
			if got := problemList(t, err); !slices.Equal(got, want) {
				t.Errorf("plan: %q, want %q", got, want)
			}
			// validate does not say an image is missing or which the
			// help center accepts: the plan does.
			want = slices.DeleteFunc(want, func(s string) bool { return !strings.Contains(s, "outside") && !strings.Contains(s, "regular") })
			if got := problemList(t, CheckImages(tree)); !slices.Equal(got, want) {
				t.Errorf("CheckImages: %q, want %q", got, want)
			}
		})
	}
}

func problemList(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	ps, ok := err.(content.Problems)
	if !ok {
		t.Fatalf("err = %v, want problems", err)
	}
	var out []string
	for _, p := range ps {
		out = append(out, p.String())
	}
	return out
}

// uploadLog records what a provider was asked to upload.
type uploadLog struct {
	providers.Provider
	data []string
}

func (u *uploadLog) UploadImage(ctx context.Context, img providers.Image) (string, error) {
	u.data = append(u.data, string(img.Data))
	return u.Provider.UploadImage(ctx, img)
}

// TestApplyRechecksImages: an image swapped for a link out of the tree
// after the plan was made is not uploaded, even when the file it leads
// to has the bytes the plan saw.
func TestApplyRechecksImages(t *testing.T) {
	out := outsideFiles(t)
	tree := loadTree(t, map[string]string{"Guides/a.md": "---\ntitle: A\n---\n![p](images/p.png)\n"})
	writeRaw(t, tree, "Guides/images/p.png", secretBytes)
	prov := &uploadLog{Provider: newLocal(t)}
	plan := planAgainst(t, tree, prov)
	img := filepath.Join(tree.Root, "Guides", "images", "p.png")
	if err := os.Remove(img); err != nil {
		t.Fatal(err)
	}
	symlink(t, filepath.Join(out, "env.png"), img)
	rep := (&Executor{Provider: prov, Root: tree.Root, WriteID: (&recordIDs{}).write}).Apply(context.Background(), plan)
	if rep.OK() {
		t.Fatalf("apply succeeded, want the upload of the swapped image to fail")
	}
	if len(prov.data) != 0 {
		t.Errorf("uploaded %q", prov.data)
	}
	var msgs []string
	for _, r := range rep.Results {
		if r.Status == StatusFailed {
			msgs = append(msgs, r.Error)
		}
	}
	if !slices.ContainsFunc(msgs, func(m string) bool { return strings.Contains(m, "points outside the content folder") }) {
		t.Errorf("failures %q, want one saying the image points outside the content folder", msgs)
	}
}

// TestExportWritesInsideOnly: export --force into a folder that holds
// links never writes through one out of the folder: a linked folder is
// refused, a linked file is replaced by the exported file.
func TestExportWritesInsideOnly(t *testing.T) {
	const exported = "---\ntitle: A\n---\nBody.\n"
	tests := []struct {
		name    string
		link    string // in the export folder, to out/
		target  string // in out/
		wantErr string
	}{
		{"folder linked out", "guides", "folder", "guides/a.md: guides points outside the folder"},
		{"file linked out", "guides/a.md", "folder/a.md", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, out := t.TempDir(), t.TempDir()
			outFile := filepath.Join(out, "folder", "a.md")
			if err := os.MkdirAll(filepath.Dir(outFile), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(outFile, []byte(secretBytes), 0o644); err != nil {
				t.Fatal(err)
			}
			symlink(t, filepath.Join(out, filepath.FromSlash(tt.target)), filepath.Join(dir, filepath.FromSlash(tt.link)))
			res := &ExportResult{Files: []ExportFile{{Path: "guides/a.md", Data: []byte(exported)}}}
			err := res.Write(dir)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("Write: %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("Write: %v, want %q", err, tt.wantErr)
			}
			if data, _ := os.ReadFile(outFile); string(data) != secretBytes {
				t.Errorf("the file out of the folder now holds %q", data)
			}
			entries, _ := os.ReadDir(filepath.Dir(outFile))
			if len(entries) != 1 {
				t.Errorf("files were written out of the folder: %d entries beside a.md", len(entries)-1)
			}
			if tt.wantErr == "" {
				p := filepath.Join(dir, "guides", "a.md")
				if info, err := os.Lstat(p); err != nil || !info.Mode().IsRegular() {
					t.Errorf("guides/a.md is not a regular file: %v", err)
				}
				if data, _ := os.ReadFile(p); string(data) != exported {
					t.Errorf("guides/a.md holds %q", data)
				}
			}
		})
	}
}

// TestCheckImagesForms: validate finds an image linked out of the tree
// however the Markdown writes it, and nothing in code.
func TestCheckImagesForms(t *testing.T) {
	const want = `image "images/p.png": points outside the content folder`
	tests := []struct {
		name, body string
		line       int // 0: no problem
	}{
		{"plain", "![p](images/p.png)\n", 4},
		{"after a plain one", "![ok](images/ok.png)\n\n![p](images/p.png)\n", 6},
		{"with a title", "Text.\n\n![p](images/p.png \"The title\")\n", 6},
		{"with a query", "![p](images/p.png?v=2)\n", 4},
		{"in angle brackets", "![p](<images/p.png>)\n", 4},
		{"by reference", "![p][shot]\n\n[shot]: images/p.png\n", 6}, // where the path is written
		{"alt with brackets", "![a [b] c](images/p.png)\n", 4},
		{"in a link", "[![p](images/p.png)](https://example.com)\n", 4},
		{"in code", "```\n![p](images/p.png)\n```\n", 0},
		{"only a fine image", "![ok](images/ok.png)\n", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := outsideFiles(t)
			tree := loadTree(t, map[string]string{"Guides/a.md": "---\ntitle: A\n---\n" + tt.body})
			writeRaw(t, tree, "Guides/images/ok.png", "png")
			symlink(t, filepath.Join(out, "env.png"), filepath.Join(tree.Root, "Guides", "images", "p.png"))
			ps := CheckImages(tree)
			switch {
			case tt.line == 0 && len(ps) > 0:
				t.Errorf("%v, want no problem", ps)
			case tt.line > 0 && (len(ps) != 1 || ps[0].Line != tt.line || !strings.Contains(ps[0].Msg, want)):
				t.Errorf("%v, want one problem at line %d: %s", ps, tt.line, want)
			}
		})
	}
}
