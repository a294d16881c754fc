package content

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/diag"
)

// hugoProblems loads a tree of n pages with weight: and one broken
// file, as a tree moving in from Hugo reads before front_matter is set.
func hugoProblems(t *testing.T, n int) diag.Problems {
	t.Helper()
	files := map[string]string{"s/broken.md": "---\ntitle: B\nlabls: [x]\n---\n"}
	for i := range n {
		files[fmt.Sprintf("s/p%02d.md", i)] = "---\ntitle: P\nweight: 3\n---\n"
	}
	_, err := Load(writeTree(t, files), LoadOptions{})
	ps, ok := err.(diag.Problems)
	if !ok {
		t.Fatalf("Load: %v, want diag.Problems", err)
	}
	return ps
}

func TestProblemsFormat(t *testing.T) {
	t.Parallel()
	note := "\n  front-matter keys hcsync reads: title, id, locale, section, labels, content_tags, segments, permission_group, draft, promoted, position, comments_disabled, description, slug, redirect_from; in translations title, draft, description, slug, source_commit, source_hash; in _section.md and _category.md title, id, description, position"
	weight := func(i int) string {
		return fmt.Sprintf(`s/p%02d.md:3: unknown key "weight" (hcsync calls it position): rename it, or list it under front_matter.ignore in hcsync.yaml`, i)
	}
	tests := []struct {
		name   string
		n      int
		all    bool
		want   string
		folded int
	}{
		{
			name: "one problem is its line and the note",
			n:    0,
			want: `s/broken.md:3: unknown key "labls" (did you mean "labels"?)` + note,
		},
		{
			name: "up to five of a kind are listed",
			n:    5,
			want: "6 problems:\n  " + `s/broken.md:3: unknown key "labls" (did you mean "labels"?)` +
				"\n  " + strings.Join([]string{weight(0), weight(1), weight(2), weight(3), weight(4)}, "\n  ") + note,
		},
		{
			name: "more fold into one line naming the first five",
			n:    12,
			want: "13 problems:\n  " +
				`unknown key "weight" (hcsync calls it position): 12 files (s/p00.md:3, s/p01.md:3, s/p02.md:3, s/p03.md:3, s/p04.md:3, … and 7 more): rename it, or list it under front_matter.ignore in hcsync.yaml` +
				"\n  " + `s/broken.md:3: unknown key "labls" (did you mean "labels"?)` + note,
			folded: 12,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, folded := hugoProblems(t, tt.n).Format(tt.all)
			if got != tt.want || folded != tt.folded {
				t.Errorf("Format (folded %d, want %d):\n%s\nwant:\n%s", folded, tt.folded, got, tt.want)
			}
		})
	}
}

func TestProblemsFormatAll(t *testing.T) {
	t.Parallel()
	got, folded := hugoProblems(t, 12).Format(true)
	if folded != 0 || strings.Count(got, "\n  ") != 14 || !strings.Contains(got, "s/p11.md:3: unknown key \"weight\"") {
		t.Errorf("Format(all) folded %d, want every line:\n%s", folded, got)
	}
}
