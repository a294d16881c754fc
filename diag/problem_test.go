package diag

import "testing"

// TestGroupLineCountsFiles checks that a message found several times in
// one file is counted in times and files, each place named once.
func TestGroupLineCountsFiles(t *testing.T) {
	t.Parallel()
	var g []Problem
	for _, w := range []struct {
		file string
		line int
	}{{"a.md", 5}, {"a.md", 5}, {"a.md", 9}, {"b.md", 2}, {"c.md", 1}, {"d.md", 1}, {"e.md", 1}} {
		g = append(g, Problem{File: w.file, Line: w.line, Msg: `link "g": dead link: g does not exist`})
	}
	want := `link "g": 7 times in 5 files (a.md:5, a.md:9, b.md:2, c.md:1, d.md:1, … and 2 more): dead link: g does not exist`
	if got := groupLine(g); got != want {
		t.Errorf("groupLine:\n%s\nwant:\n%s", got, want)
	}
}

func TestSplitMsg(t *testing.T) {
	t.Parallel()
	tests := []struct{ msg, head, tail string }{
		{"title is empty", "title is empty", ""},
		{"missing title: add a title: line", "missing title", "add a title: line"},
		{`unknown key "a: b" (x: y): fix it`, `unknown key "a: b" (x: y)`, "fix it"},
	}
	for _, tt := range tests {
		if h, tl := splitMsg(tt.msg); h != tt.head || tl != tt.tail {
			t.Errorf("splitMsg(%q) = %q, %q; want %q, %q", tt.msg, h, tl, tt.head, tt.tail)
		}
	}
}
