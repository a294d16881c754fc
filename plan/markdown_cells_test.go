package plan

import (
	"regexp"
	"strings"
	"testing"
)

// unescapedPipe is a cell separator in a GFM table row.
var unescapedPipe = regexp.MustCompile(`(^|[^\\])\|`)

// TestMarkdownTableCells: a | in a file name, a tag or a title stays in
// its cell: every row of the table has four cells.
func TestMarkdownTableCells(t *testing.T) {
	t.Parallel()
	p := &Plan{SchemaVersion: SchemaVersion, Provider: "zendesk", Changes: []*Change{
		{Key: "create:a|b.md", Action: ActionCreate, File: "guides/a|b.md", Locale: "en-us", Title: "A | B"},
		{Key: "create-tag:x|y", Action: ActionCreateTag, Tag: "x|y"},
		{Key: "update-translation:c.md", Action: ActionUpdateTranslation, File: "guides/`c|d`.md", ArticleID: "7", Locale: "en-us", Title: "C"},
	}, UnmanagedTranslations: []UnmanagedTranslation{{ArticleID: "8", Article: "e|f.md", Locale: "de", Title: "E"}}}
	var b strings.Builder
	if err := WriteMarkdown(&b, p); err != nil {
		t.Fatal(err)
	}
	rows := 0
	for _, line := range strings.Split(b.String(), "\n") {
		if !strings.HasPrefix(line, "| ") || strings.HasPrefix(line, "| change ") || strings.HasPrefix(line, "| translation ") {
			continue
		}
		rows++
		want := 5 // four cells
		if strings.HasSuffix(line, "| de |") {
			want = 4 // the unmanaged table has three
		}
		if got := len(unescapedPipe.FindAllString(line, -1)); got != want {
			t.Errorf("row %q has %d cell separators, want %d", line, got, want)
		}
	}
	if rows != 4 {
		t.Errorf("%d rows, want 4:\n%s", rows, b.String())
	}
}

// TestMarkdownArchivesOnTop: what an apply would archive is called out
// in its own block above the warnings and the table, where a reviewer
// cannot miss it.
func TestMarkdownArchivesOnTop(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	if err := WriteMarkdown(&b, reviewPlan()); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	block := strings.Index(out, "> [!CAUTION]")
	if block < 0 || block > strings.Index(out, "> [!WARNING]") || block > strings.Index(out, "| change |") {
		t.Fatalf("no archive block above the warnings and the table:\n%s", out)
	}
	if !strings.Contains(out[block:], "> - archive [Old article](https://acme.zendesk.com/hc/en-us/articles/103) #103, whose file `old.md` was deleted") {
		t.Errorf("the archive block does not name the article and its file:\n%s", out[block:])
	}
}
