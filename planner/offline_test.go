package planner

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/hcsync/hcsync/internal/plantest"
)

// OfflineLinks answers as a plan does, with no help center: the file a
// link reaches (the reader's locale when the target has it) or the
// plan's problem for it.
func TestOfflineLinks(t *testing.T) {
	tree := plantest.LoadTree(t, map[string]string{
		"Guides/a.md":    "---\ntitle: A\n---\nx\n",
		"Guides/a.fr.md": "---\ntitle: A fr\n---\nx\n",
		"Guides/b.md":    "---\ntitle: B\n---\nx\n",
		"Guides/b.fr.md": "---\ntitle: B fr\n---\nx\n",
		"Guides/c.md":    "---\ntitle: C\n---\nx\n",
	})
	plantest.WriteRaw(t, tree, "Guides/notes.txt", "notes")
	plantest.WriteRaw(t, tree, "Guides/images/shot.png", "png")
	outside := filepath.Join(t.TempDir(), "secret.png")
	if err := os.WriteFile(outside, []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(tree.Root, "Guides", "images", "leak.png")); err != nil {
		t.Fatal(err)
	}
	a, afr := tree.Articles[0].Source(), tree.Articles[0].Translation("fr")
	links := NewOfflineLinks(tree)

	linkTests := []struct {
		name    string
		from    string
		dest    string
		want    string
		wantErr string
	}{
		{name: "source to source", from: "en", dest: "b.md", want: "Guides/b.md"},
		{name: "follows the reader's locale", from: "fr", dest: "b.md", want: "Guides/b.fr.md"},
		{name: "falls back to the source", from: "fr", dest: "c.md", want: "Guides/c.md"},
		{name: "explicit translation", from: "en", dest: "b.fr.md", want: "Guides/b.fr.md"},
		{name: "dead link", from: "en", dest: "bb.md", wantErr: `dead link: Guides/bb.md does not exist (did you mean "b.md"?)`},
		{name: "not an article", from: "en", dest: "notes.txt", wantErr: "link to Guides/notes.txt, which is not an article: host the file elsewhere and link its full URL"},
		{name: "outside the tree", from: "en", dest: "../../x.md", wantErr: `"../../x.md" points outside the content folder: link to a file of the tree or to a full URL`},
	}
	for _, tt := range linkTests {
		t.Run(tt.name, func(t *testing.T) {
			from := a
			if tt.from == "fr" {
				from = afr
			}
			got, err := links.Link(from, tt.dest)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("Link(%q) = %q, %v; want error %q", tt.dest, got, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("Link(%q) = %q, %v; want %q", tt.dest, got, err, tt.want)
			}
		})
	}

	if got, err := links.Image(a, "images/shot.png"); err != nil || got != "Guides/images/shot.png" {
		t.Errorf("Image(images/shot.png) = %q, %v", got, err)
	}
	if _, err := links.Image(a, "images/missing.png"); err == nil || err.Error() != "image Guides/images/missing.png does not exist" {
		t.Errorf("Image(images/missing.png) error = %v", err)
	}
	if _, err := links.Image(a, "images/leak.png"); err == nil {
		t.Errorf("Image(images/leak.png), a link out of the tree: no error")
	}
	if _, err := links.Image(a, "../../secret.png"); err == nil {
		t.Errorf("Image(../../secret.png): no error")
	}
}
