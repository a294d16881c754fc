package apply_test

import (
	"context"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/apply"
	"github.com/hcsync/hcsync/internal/plantest"
	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers"
)

// noURLs is a provider whose writes succeed but answer without URLs.
type noURLs struct{ providers.Provider }

func (p noURLs) UploadImage(ctx context.Context, img providers.Image) (string, error) {
	_, err := p.Provider.UploadImage(ctx, img)
	return "", err
}

func (p noURLs) CreateArticle(ctx context.Context, in providers.ArticleInput) (providers.Article, error) {
	a, err := p.Provider.CreateArticle(ctx, in)
	a.URL = ""
	for _, t := range a.Translations {
		t.URL = ""
	}
	return a, err
}

// A provider that answers a write without a URL must not make apply
// publish an empty link or image source: the body that needs the URL
// fails instead, naming what is missing.
func TestApplyWithoutURLsPublishesNoEmptyLink(t *testing.T) {
	t.Parallel()
	tree := plantest.LoadTree(t, map[string]string{
		"Guides/Sec/a.md": "---\ntitle: A\n---\n![shot](shot.png)\n",
		"Guides/Sec/b.md": "---\ntitle: B\n---\nSee [c](c.md).\n",
		"Guides/Sec/c.md": "---\ntitle: C\n---\nC.\n",
	})
	plantest.WriteRaw(t, tree, "Guides/Sec/shot.png", "\x89PNG\r\n\x1a\nfake")
	prov := noURLs{plantest.NewLocal(t)}
	ex := &apply.Executor{Provider: prov, Root: tree.Root}
	rep := ex.Apply(context.Background(), planAgainst(t, tree, prov))
	failed := map[string]string{}
	for _, r := range rep.Results {
		switch {
		case r.Status == plan.StatusFailed:
			failed[r.Key] = r.Error
		case r.Status == plan.StatusApplied && (r.Key == "create:Guides/Sec/a.md" || r.Key == "create:Guides/Sec/b.md"):
			t.Errorf("%s applied: its body was published with an empty URL", r.Key)
		}
	}
	if len(failed) == 0 {
		t.Fatal("no change failed")
	}
	for key, msg := range failed {
		if !strings.Contains(msg, "no URL") {
			t.Errorf("%s: %q, want it to say the URL is missing", key, msg)
		}
	}
}
