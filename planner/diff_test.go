package planner

import (
	"strings"
	"testing"
)

func TestLineDiff(t *testing.T) {
	t.Parallel()
	lines := func(n int, f func(i int) string) string {
		var b strings.Builder
		for i := 1; i <= n; i++ {
			b.WriteString(f(i) + "\n")
		}
		return b.String()
	}
	numbered := func(i int) string { return "line " + string(rune('a'+i-1)) }
	for _, tc := range []struct {
		name, old, new, want string
	}{
		{"a replaced line: old first", "one\ntwo\nthree\n", "one\nTWO\nthree\n",
			"@@ -1,3 +1,3 @@\n one\n-two\n+TWO\n three\n"},
		{"an added line", "one\nthree\n", "one\ntwo\nthree\n",
			"@@ -1,2 +1,3 @@\n one\n+two\n three\n"},
		{"from nothing", "", "one\n", "@@ -0,0 +1,1 @@\n+one\n"},
		{"changes far apart: two hunks",
			lines(12, numbered),
			strings.Replace(strings.Replace(lines(12, numbered), "line a\n", "line A\n", 1), "line l\n", "line L\n", 1),
			"@@ -1,4 +1,4 @@\n-line a\n+line A\n line b\n line c\n line d\n" +
				"@@ -9,4 +9,4 @@\n line i\n line j\n line k\n-line l\n+line L\n"},
		{"changes close together: one hunk",
			lines(6, numbered),
			strings.Replace(strings.Replace(lines(6, numbered), "line a\n", "line A\n", 1), "line f\n", "line F\n", 1),
			"@@ -1,6 +1,6 @@\n-line a\n+line A\n line b\n line c\n line d\n line e\n-line f\n+line F\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := lineDiff(tc.old, tc.new); got != tc.want {
				t.Errorf("lineDiff =\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

func TestLineDiffIsBounded(t *testing.T) {
	t.Parallel()
	old := strings.Repeat("same\n", 1000)
	got := lineDiff(old, old+"more\n")
	if strings.Count(got, "\n") > 10 || !strings.Contains(got, "diff cut at 400 lines") {
		t.Errorf("diff of a long body:\n%s", got)
	}
}
