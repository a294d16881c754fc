package main

import (
	"bytes"
	"testing"

	"github.com/hcsync/hcsync/export"
)

// The export summary counts articles and translations with unpublished
// edits in plain English and says which version was exported.
func TestWritePending(t *testing.T) {
	t.Parallel()
	art := func(f string) export.PendingEdit { return export.PendingEdit{File: f, Source: true} }
	tr := func(f string) export.PendingEdit { return export.PendingEdit{File: f} }
	tests := []struct {
		pending []export.PendingEdit
		drafts  bool
		want    string
	}{
		{nil, false, ""},
		{[]export.PendingEdit{art("a.md")}, false,
			"\n1 article has unpublished edits in the help center; exported the published version (use --drafts to export the pending edits):\n  a.md\n"},
		{[]export.PendingEdit{art("a.md"), art("b.md")}, false,
			"\n2 articles have unpublished edits in the help center; exported the published version (use --drafts to export the pending edits):\n  a.md\n  b.md\n"},
		{[]export.PendingEdit{tr("a.fr.md"), tr("b.de.md")}, true,
			"\n2 translations have unpublished edits in the help center; exported the pending edits, which plan shows as changes and the next apply publishes:\n  a.fr.md\n  b.de.md\n"},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		writePending(&b, tt.pending, tt.drafts)
		if b.String() != tt.want {
			t.Errorf("writePending(%v, %v) =\n%q\nwant\n%q", tt.pending, tt.drafts, b.String(), tt.want)
		}
	}
}
