package planner

import (
	"testing"
	"time"

	"github.com/hcsync/hcsync/internal/plantest"
	"github.com/hcsync/hcsync/providers"
)

// TestDriftFromLastApply: with a record of the last apply, an edit made
// in the help center after that apply is drift even when a writer
// committed the file later (the old rule hid it), and the apply's own
// writes are not; files the record does not hold keep the last-commit
// rule.
func TestDriftFromLastApply(t *testing.T) {
	applied := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name      string
		updated   time.Time // the help center's updated_at
		committed time.Time // the file's last commit
		inRecord  bool
		want      bool
	}{
		{"edited after the apply, committed later", applied.Add(time.Hour), applied.Add(2 * time.Hour), true, true},
		{"written by the apply, committed later", applied.Add(-time.Minute), applied.Add(2 * time.Hour), true, false},
		{"edited after the apply, not committed since", applied.Add(time.Hour), applied.Add(-time.Hour), true, true},
		{"added since the apply: last-commit rule, edited later", applied.Add(3 * time.Hour), applied.Add(2 * time.Hour), false, true},
		{"added since the apply: last-commit rule, committed later", applied.Add(time.Hour), applied.Add(2 * time.Hour), false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tree := plantest.LoadTree(t, map[string]string{"Guides/b.md": "---\ntitle: B\nid: 2\n---\nMine.\n"})
			live := plantest.BaseRemote()
			b := plantest.RemoteArticle("2", "100", "B", plantest.HTML("Theirs.\n"), false)
			b.Translations["en-us"].UpdatedAt = tt.updated
			live.Articles = []providers.Article{b}
			rec := &AppliedRecord{At: applied, Files: map[string]bool{}}
			if tt.inRecord {
				rec.Files["Guides/b.md"] = true
			}
			p := makePlan(t, tree, live, Options{LastCommit: map[string]time.Time{"Guides/b.md": tt.committed}, Applied: rec})
			got := len(p.Warnings) == 1 && p.Warnings[0].Kind == "drift"
			if got != tt.want || len(p.Warnings) > 1 {
				t.Errorf("warnings %+v, want drift = %v", p.Warnings, tt.want)
			}
		})
	}
}
