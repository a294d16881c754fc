package planner

import (
	"testing"

	"github.com/hcsync/hcsync/internal/plantest"
	"github.com/hcsync/hcsync/providers"
)

// TestPlanSaysWhichContentIsSame: an update's translation says which of
// title and body the help center already holds, so an adapter that
// writes them in parts sends only what changed without comparing bodies
// itself.
func TestPlanSaysWhichContentIsSame(t *testing.T) {
	tests := []struct {
		name                string
		file                string
		titleSame, bodySame bool
	}{
		{"description only", "---\ntitle: A\nid: 1\ndescription: New.\n---\nLive.\n", true, true},
		{"body", "---\ntitle: A\nid: 1\n---\nEdited.\n", true, false},
		{"title", "---\ntitle: B\nid: 1\n---\nLive.\n", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tree := plantest.LoadTree(t, map[string]string{"Guides/a.md": tt.file})
			live := plantest.BaseRemote()
			live.Articles = []providers.Article{plantest.RemoteArticle("1", "100", "A", plantest.HTML("Live.\n"), false)}
			p := makePlan(t, tree, live, Options{})
			if len(p.Changes) != 1 || p.Changes[0].Translation == nil {
				t.Fatalf("changes = %v, want one update-translation", plantest.Keys(p))
			}
			in := p.Changes[0].Translation.TranslationInput
			if in.TitleSame != tt.titleSame || in.BodySame != tt.bodySame {
				t.Errorf("title same %v, body same %v; want %v, %v", in.TitleSame, in.BodySame, tt.titleSame, tt.bodySame)
			}
		})
	}
}
