package main

import (
	"strings"
	"testing"

	"github.com/hcsync/hcsync/export"
	"github.com/hcsync/hcsync/plan"
)

// TestExportSummaryCounts: one of a thing is said in the singular, and
// categories are counted apart from sections.
func TestExportSummaryCounts(t *testing.T) {
	t.Parallel()
	res := &export.Result{Articles: 1, Translations: 1, Images: 1, Sections: 1, Categories: 1,
		Bodies:   []export.BodyReport{{File: "a/b.md", Blocks: 2, RawBlocks: 1, Lossy: true}},
		Warnings: []plan.Warning{{File: "a/b.md", Msg: "lossy"}}}
	var b strings.Builder
	writeExportSummary(&b, res, "docs", "", false)
	for _, want := range []string{
		"Exported 1 article, 1 translation, 1 image, 1 section and 1 category into docs.\n",
		"\n1 body keeps HTML that Markdown cannot express",
		"\n1 warning:\n",
		"\n1 body will show as changed in plan",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("summary lacks %q:\n%s", want, b.String())
		}
	}
}
