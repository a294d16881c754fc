package render

import (
	"fmt"
	"testing"
)

// Constructs real documentation trees use (issue #18): each renders to
// what a reader of the help center expects, or is a problem by line.

func TestHeadingAttributes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src, want string
	}{
		{"explicit id", "## Setup {#setup-steps}\n", `<h2 id="setup-steps">Setup</h2>` + "\n"},
		{"class keeps the GitHub id", "## Setup {.important}\n", `<h2 class="important" id="setup">Setup</h2>` + "\n"},
		{"id and class", "### Run it {#run .step}\n", `<h3 id="run" class="step">Run it</h3>` + "\n"},
		// An explicit id is taken: a later heading of that text gets the
		// next free one, so both anchors stay distinct.
		{"explicit id is not given twice", "## A {#setup}\n\n## Setup\n", "<h2 id=\"setup\">A</h2>\n<h2 id=\"setup-1\">Setup</h2>\n"},
		{"braces in text stay text", "## Use {braces} here\n", `<h2 id="use-braces-here">Use {braces} here</h2>` + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := Render([]byte(tt.src), Options{}).HTML; got != tt.want {
				t.Errorf("Render(%q)\n got %q\nwant %q", tt.src, got, tt.want)
			}
		})
	}
}

var _ = fmt.Sprint
