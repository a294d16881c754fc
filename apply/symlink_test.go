package apply_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/apply"
	"github.com/hcsync/hcsync/internal/plantest"
	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers"
)

// TestApplyRechecksImages: an image swapped for a link out of the tree
// after the plan was made is not uploaded, even when the file it leads
// to has the bytes the plan saw.
func TestApplyRechecksImages(t *testing.T) {
	out := plantest.OutsideFiles(t)
	tree := plantest.LoadTree(t, map[string]string{"Guides/a.md": "---\ntitle: A\n---\n![p](images/p.png)\n"})
	plantest.WriteRaw(t, tree, "Guides/images/p.png", plantest.SecretBytes)
	prov := &uploadLog{Provider: plantest.NewLocal(t)}
	pl := planAgainst(t, tree, prov)
	img := filepath.Join(tree.Root, "Guides", "images", "p.png")
	if err := os.Remove(img); err != nil {
		t.Fatal(err)
	}
	plantest.Symlink(t, filepath.Join(out, "env.png"), img)
	rep := (&apply.Executor{Provider: prov, Root: tree.Root, WriteID: (&plantest.RecordIDs{}).Write}).Apply(context.Background(), pl)
	if rep.OK() {
		t.Fatalf("apply succeeded, want the upload of the swapped image to fail")
	}
	if len(prov.data) != 0 {
		t.Errorf("uploaded %q", prov.data)
	}
	var msgs []string
	for _, r := range rep.Results {
		if r.Status == plan.StatusFailed {
			msgs = append(msgs, r.Error)
		}
	}
	if !slices.ContainsFunc(msgs, func(m string) bool { return strings.Contains(m, "points outside the content folder") }) {
		t.Errorf("failures %q, want one saying the image points outside the content folder", msgs)
	}
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
