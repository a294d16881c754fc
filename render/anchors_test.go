package render

import (
	"fmt"
	"slices"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

func TestRenderAnchors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		src       string
		ids       []string
		fragments []Fragment
	}{
		{
			name: "heading ids as the HTML has them, repeats numbered",
			src:  "# Getting started\n\n## Setup\n\n## Setup\n\n### `make` it *work*\n",
			ids:  []string{"getting-started", "setup", "setup-1", "make-it-work"},
		},
		{
			name: "raw HTML anchors count",
			src:  "<a name=\"old-anchor\"></a>\n\nText <span id='inline'>x</span>.\n\n<div ID=bare>\n</div>\n",
			ids:  []string{"old-anchor", "inline", "bare"},
		},
		{
			name: "footnotes have the ids goldmark writes",
			src:  "Text.[^note] More.[^note]\n\n[^note]: The note.\n",
			ids:  []string{"fnref:1", "fnref1:1", "fn:1"},
		},
		{
			name: "in-page and cross-file fragments with their lines",
			src:  "# A\n\nSee [below](#setup), [there](install.md#linux-1) and\n[esc](#caf%C3%A9).\n",
			ids:  []string{"a"},
			fragments: []Fragment{
				{Frag: "setup", Line: 3},
				{Dest: "install.md", Frag: "linux-1", Line: 3},
				{Frag: "café", Line: 4},
			},
		},
		{
			name: "a dead link's fragment is not reported again; external ones are not checked",
			src:  "[x](gone.md#a) [y](https://x.test/#b) [z](/hc/x#c)\n",
		},
		{
			name: "a reference link's fragment is on the definition's line",
			src:  "[x][r]\n\n[r]: install.md#setup\n",
			fragments: []Fragment{
				{Dest: "install.md", Frag: "setup", Line: 3},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res := Render([]byte(tt.src), testOptions)
			if !slices.Equal(res.IDs, tt.ids) {
				t.Errorf("IDs = %q, want %q", res.IDs, tt.ids)
			}
			if fmt.Sprint(res.Fragments) != fmt.Sprint(tt.fragments) {
				t.Errorf("Fragments = %v, want %v", res.Fragments, tt.fragments)
			}
			if got := Anchors([]byte(tt.src)); !slices.Equal(got, tt.ids) {
				t.Errorf("Anchors = %q, want %q (what Render gives)", got, tt.ids)
			}
		})
	}
}

// TestAnchorsExplicitID checks that an id set on the heading by the
// parser ({#id} heading attributes) is the one a link names, not one
// derived from the text.
func TestAnchorsExplicitID(t *testing.T) {
	t.Parallel()
	md := goldmark.New(goldmark.WithParserOptions(
		parser.WithHeadingAttribute(),
		parser.WithASTTransformers(util.Prioritized(&bodyTransformer{}, 1000)),
	))
	src := []byte("# Install on Linux {#linux}\n\n## Other\n")
	st := &renderState{src: src}
	pc := parser.NewContext()
	pc.Set(stateKey, st)
	md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	if want := []string{"linux", "other"}; !slices.Equal(st.ids, want) {
		t.Errorf("ids = %q, want %q", st.ids, want)
	}
}
