package apply_test

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hcsync/hcsync/apply"
	"github.com/hcsync/hcsync/internal/plantest"
	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers"
)

// slowWrites is a provider whose uploads and creates take a while, and
// that counts the writes started.
type slowWrites struct {
	providers.Provider
	started atomic.Int32
}

func (p *slowWrites) UploadImage(ctx context.Context, img providers.Image) (string, error) {
	p.started.Add(1)
	time.Sleep(5 * time.Millisecond)
	return p.Provider.UploadImage(ctx, img)
}

func (p *slowWrites) CreateArticle(ctx context.Context, in providers.ArticleInput) (providers.Article, error) {
	p.started.Add(1)
	time.Sleep(5 * time.Millisecond)
	return p.Provider.CreateArticle(ctx, in)
}

// TestApplyProgressAndImageOrder: with many images, results are reported
// as they end, not after the first wave is dispatched, and an article's
// create runs soon after its own image rather than after every image:
// an interrupted run has made article progress.
func TestApplyProgressAndImageOrder(t *testing.T) {
	t.Parallel()
	const n = 30
	files := map[string]string{}
	for i := range n {
		files[fmt.Sprintf("Guides/Sec/a%02d.md", i)] = fmt.Sprintf("---\ntitle: Article %d\n---\n![shot](shot%02d.png)\n", i, i)
	}
	tree := plantest.LoadTree(t, files)
	for i := range n {
		plantest.WriteRaw(t, tree, fmt.Sprintf("Guides/Sec/shot%02d.png", i), fmt.Sprintf("\x89PNG\r\n\x1a\nimage %d", i))
	}
	prov := &slowWrites{Provider: plantest.NewLocal(t)}
	pl := planAgainst(t, tree, prov)
	var order []plan.Action
	firstAt := int32(-1)
	const limit = 2
	ex := &apply.Executor{Provider: prov, Root: tree.Root, Concurrency: limit, OnResult: func(r plan.Result, done, total int) {
		if firstAt < 0 {
			firstAt = prov.started.Load()
		}
		order = append(order, r.Action)
	}}
	rep := ex.Apply(context.Background(), pl)
	if !rep.OK() {
		t.Fatalf("apply failed: %+v", rep)
	}
	if firstAt > limit+1 {
		t.Errorf("the first result was reported after %d writes had started, want at most %d: results wait for the first wave", firstAt, limit+1)
	}
	firstCreate, lastUpload := -1, -1
	for i, a := range order {
		if a == plan.ActionCreate && firstCreate < 0 {
			firstCreate = i
		}
		if a == plan.ActionUploadImage {
			lastUpload = i
		}
	}
	if firstCreate < 0 || firstCreate > lastUpload || firstCreate > 2*limit+2 {
		var s []string
		for _, a := range order {
			s = append(s, string(a))
		}
		t.Errorf("the first article was created after %d results (the last image at %d): %s", firstCreate, lastUpload, strings.Join(s, " "))
	}
}
