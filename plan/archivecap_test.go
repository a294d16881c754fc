package plan

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestArchiveCap(t *testing.T) {
	t.Parallel()
	plan := func(n int) *Plan {
		p := &Plan{Changes: []*Change{{Action: ActionUpdateTranslation, File: "keep.md"}}}
		for i := range n {
			p.Changes = append(p.Changes, &Change{Action: ActionArchive, File: fmt.Sprintf("gone-%d.md", i), ArticleID: fmt.Sprint(100 + i)})
		}
		return p
	}
	tests := []struct {
		name     string
		archives int
		max      int
		refused  bool
	}{
		{"none", 0, 0, false},
		{"at the cap", 10, 10, false},
		{"one over", 11, 10, true},
		{"cap of 0 refuses any", 1, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := plan(tt.archives)
			WarnArchiveCap(p, tt.max)
			err := CheckArchiveCap(p, tt.max)
			var capErr *ArchiveCapError
			if got := errors.As(err, &capErr); got != tt.refused {
				t.Fatalf("CheckArchiveCap(%d archives, max %d) = %v, want refused %v", tt.archives, tt.max, err, tt.refused)
			}
			if (len(p.Warnings) == 1) != tt.refused {
				t.Fatalf("warnings = %+v, want one exactly when refused", p.Warnings)
			}
			if !tt.refused {
				return
			}
			msg := err.Error()
			for _, want := range []string{"gone-0.md #100", fmt.Sprintf("--max-archive %d", tt.archives)} {
				if !strings.Contains(msg, want) {
					t.Errorf("refusal does not say %q:\n%s", want, msg)
				}
			}
			// The PR comment shows the cap at the top, beside the
			// archives it counts.
			var b strings.Builder
			if err := WriteMarkdown(&b, p); err != nil {
				t.Fatal(err)
			}
			head, _, _ := strings.Cut(b.String(), "<details")
			if !strings.Contains(head, "max_archive") || !strings.Contains(head, "[!CAUTION]") {
				t.Errorf("PR comment does not call out the archives and the cap at the top:\n%s", b.String())
			}
		})
	}
}
