package planner

import (
	"slices"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/internal/plantest"
	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers"
)

// TestPlanDiscardDraft: on a service that can discard an article's
// pending draft, a file equal to the published version plans the
// discard (with the draft's diff against what stays), not a write of
// the file over the draft. Anything else the file changes, a locale
// without a discard, or a service without one, stays an update.
func TestPlanDiscardDraft(t *testing.T) {
	caps := plantest.FullCaps
	caps.DiscardDraft = true
	pending := func(tr *providers.Translation, title, md string) {
		tr.PendingTitle, tr.PendingBody = title, plantest.HTML(md)
	}
	tests := []struct {
		name     string
		files    map[string]string
		caps     providers.Capabilities
		edit     func(a *providers.Article)
		want     string // keys
		wantDiff []string
	}{
		{
			name:  "file equals the published version",
			files: map[string]string{"Guides/a.md": "---\ntitle: A\nid: 1\n---\nLive.\n"},
			caps:  caps,
			edit:  func(a *providers.Article) { pending(a.Translations["en-us"], "A", "Someone's unpublished edit.\n") },
			want:  "discard-draft:Guides/a.md", wantDiff: []string{"-Someone's unpublished edit.", "+Live."},
		},
		{
			name:  "only the draft's title differs",
			files: map[string]string{"Guides/a.md": "---\ntitle: A\nid: 1\n---\nLive.\n"},
			caps:  caps,
			edit:  func(a *providers.Article) { pending(a.Translations["en-us"], "A draft title", "Live.\n") },
			want:  "discard-draft:Guides/a.md",
		},
		{
			name:  "the file changes the body too",
			files: map[string]string{"Guides/a.md": "---\ntitle: A\nid: 1\n---\nNew.\n"},
			caps:  caps,
			edit:  func(a *providers.Article) { pending(a.Translations["en-us"], "A", "Someone's unpublished edit.\n") },
			want:  "update-translation:Guides/a.md",
		},
		{
			name:  "a translation has no discard",
			files: map[string]string{"Guides/a.md": "---\ntitle: A\nid: 1\n---\nLive.\n", "Guides/a.fr.md": "---\ntitle: A fr\n---\nEn ligne.\n"},
			caps:  caps,
			edit: func(a *providers.Article) {
				a.Translations["fr"] = &providers.Translation{Locale: "fr", Title: "A fr", Body: plantest.HTML("En ligne.\n")}
				pending(a.Translations["fr"], "A fr", "Brouillon.\n")
			},
			want: "update-translation:Guides/a.fr.md",
		},
		{
			name:  "the service cannot discard",
			files: map[string]string{"Guides/a.md": "---\ntitle: A\nid: 1\n---\nLive.\n"},
			caps:  plantest.FullCaps,
			edit:  func(a *providers.Article) { pending(a.Translations["en-us"], "A", "Someone's unpublished edit.\n") },
			want:  "update-translation:Guides/a.md",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tree := plantest.LoadTree(t, tt.files)
			live := plantest.BaseRemote()
			a := plantest.RemoteArticle("1", "100", "A", plantest.HTML("Live.\n"), false)
			tt.edit(&a)
			live.Articles = []providers.Article{a}
			p := makePlan(t, tree, live, Options{Caps: tt.caps})
			if got := strings.Join(plantest.Keys(p), " "); got != tt.want {
				t.Fatalf("changes = %s, want %s", got, tt.want)
			}
			if len(p.Warnings) != 1 || p.Warnings[0].Kind != plan.WarningPendingDraft {
				t.Errorf("warnings = %+v, want one pending-draft", p.Warnings)
			}
			c := p.Changes[0]
			if err := c.Validate(); err != nil {
				t.Errorf("planned change is invalid: %v", err)
			}
			if c.Action != plan.ActionDiscardDraft {
				return
			}
			if c.ArticleID != "1" || c.Locale != "en-us" || c.File != "Guides/a.md" || c.Translation != nil {
				t.Errorf("discard = %+v, want article 1, en-us, Guides/a.md and no content to write", c)
			}
			if !strings.Contains(p.Warnings[0].Msg, "discards") {
				t.Errorf("warning %q does not say apply discards the edits", p.Warnings[0].Msg)
			}
			for _, line := range tt.wantDiff {
				if !strings.Contains(c.BodyDiff, line) {
					t.Errorf("body diff lacks %q:\n%s", line, c.BodyDiff)
				}
			}
		})
	}
}

// TestDiscardDraftBeforeUnpublish: a file that equals the published
// version but turns the article into a draft plans the discard and the
// unpublish, and the unpublish waits for the discard: Help.Center has
// no published version to restore once the article is unpublished
// (its discard answers 404), and the draft would keep the edits.
func TestDiscardDraftBeforeUnpublish(t *testing.T) {
	caps := plantest.FullCaps
	caps.DiscardDraft = true
	tree := plantest.LoadTree(t, map[string]string{"Guides/a.md": "---\ntitle: A\nid: 1\ndraft: true\n---\nLive.\n"})
	live := plantest.BaseRemote()
	a := plantest.RemoteArticle("1", "100", "A", plantest.HTML("Live.\n"), false)
	a.Translations["en-us"].PendingTitle, a.Translations["en-us"].PendingBody = "A", plantest.HTML("Someone's unpublished edit.\n")
	live.Articles = []providers.Article{a}
	p := makePlan(t, tree, live, Options{Caps: caps})
	if got, want := strings.Join(plantest.Keys(p), " "), "discard-draft:Guides/a.md unpublish:Guides/a.md"; got != want {
		t.Fatalf("changes = %s, want %s", got, want)
	}
	if deps := p.Changes[1].Deps; !slices.Contains(deps, p.Changes[0].Key) {
		t.Errorf("unpublish deps = %v, want the discard-draft among them", deps)
	}
}
