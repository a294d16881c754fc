//go:build unix

package planner

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/diag"
	"github.com/hcsync/hcsync/internal/plantest"
)

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
			plantest.Symlink(t, filepath.Join(out, "env.png"), filepath.Join(root, "Guides", "images", "p.png"))
		}, "Intro.\n\n![p](images/p.png)\n",
			`Guides/a.md:6: image "images/p.png": points outside the content folder (-> OUT/env.png): copy the file into the tree`},
		{"image in a folder linked out of the tree", func(t *testing.T, root, out string) {
			plantest.Symlink(t, filepath.Join(out, "shots"), filepath.Join(root, "Guides", "shots"))
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
			plantest.WriteRaw(t, &content.Tree{Root: root}, ".assets/p.png", "png bytes")
			plantest.Symlink(t, "../../.assets/p.png", filepath.Join(root, "Guides", "images", "p.png"))
		}, "![p](images/p.png)\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := plantest.OutsideFiles(t)
			tree := plantest.LoadTree(t, map[string]string{"Guides/a.md": "---\ntitle: A\n---\n" + tt.body})
			tt.setup(t, tree.Root, out)
			var want []string
			if tt.want != "" {
				want = []string{strings.ReplaceAll(tt.want, "OUT", out)}
			}
			caps := plantest.FullCaps
			caps.ImageUpload = true
			_, err := NewPlan(tree, plantest.BaseRemote(), Options{Provider: "test", Caps: caps})
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
	ps, ok := err.(diag.Problems)
	if !ok {
		t.Fatalf("err = %v, want problems", err)
	}
	var out []string
	for _, p := range ps {
		out = append(out, p.String())
	}
	return out
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
			out := plantest.OutsideFiles(t)
			tree := plantest.LoadTree(t, map[string]string{"Guides/a.md": "---\ntitle: A\n---\n" + tt.body})
			plantest.WriteRaw(t, tree, "Guides/images/ok.png", "png")
			plantest.Symlink(t, filepath.Join(out, "env.png"), filepath.Join(tree.Root, "Guides", "images", "p.png"))
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
