package render

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// testTree stands for the files a content tree holds: relative link
// destinations that resolve, and the URLs they publish under.
var testTree = map[string]string{
	"../a/b.md":         "https://help.example.com/hc/en-us/articles/201",
	"install.md":        "https://help.example.com/hc/en-us/articles/202",
	"sub/setup.md":      "https://help.example.com/hc/en-us/articles/203?lang=en",
	"images/screen.png": "https://cdn.example.com/screen.png",
}

func testResolve(dest string, _ int) (string, error) {
	if u, ok := testTree[dest]; ok {
		return u, nil
	}
	return "", errors.New("no such file in the tree")
}

var testOptions = Options{Link: testResolve, Image: testResolve}

// TestRenderGolden renders each testdata/golden/*.md and compares the HTML
// with the .html beside it. Run with -update after an intended change and
// review the diff.
func TestRenderGolden(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob(filepath.Join("testdata", "golden", "*.md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden inputs: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			t.Parallel()
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			got := Render(src, testOptions).HTML
			golden := strings.TrimSuffix(file, ".md") + ".html"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./render -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("%s: rendered HTML differs from %s\n--- got\n%s\n--- want\n%s", file, golden, got, want)
			}
		})
	}
}

func TestRenderProblemLines(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		src  string
		want []Problem
	}{
		{
			name: "link in paragraph",
			src:  "Title line\n\nSee [x](gone.md) here.\n",
			want: []Problem{{3, `link "gone.md": no such file in the tree`}},
		},
		{
			name: "fragment is not passed to the resolver",
			src:  "[x](gone.md#linux)\n",
			want: []Problem{{1, `link "gone.md": no such file in the tree`}},
		},
		{
			name: "second line of a paragraph",
			src:  "First line\nand [x](gone.md) on the second\n",
			want: []Problem{{2, `link "gone.md": no such file in the tree`}},
		},
		{
			// The destination is written on the definition's line, so
			// that is where the writer fixes it.
			name: "reference link reported where it is defined",
			src:  "Intro\n\n\n[x][r]\n\n[r]: gone.md\n",
			want: []Problem{{6, `link "gone.md": no such file in the tree`}},
		},
		{
			// One definition, one fix: it is reported once.
			name: "a reference used twice is reported once",
			src:  "[a][r] and [b][r]\n\n[r]: gone.md\n",
			want: []Problem{{3, `link "gone.md": no such file in the tree`}},
		},
		{
			name: "collapsed and shortcut references, image reference, label case",
			src:  "[Gone][] and ![pic][P]\n\n[GONE]: gone.md\n   [p]: gone.png\n",
			want: []Problem{
				{3, `link "gone.md": no such file in the tree`},
				{4, `image "gone.png": no such file in the tree`},
			},
		},
		{
			name: "nested list item, table cell, quote",
			src:  "- a\n  - [one](one.md)\n\n| h |\n|---|\n| [y](two.md) |\n\n> quote\n> ![img](three.png)\n",
			want: []Problem{
				{2, `link "one.md": no such file in the tree`},
				{6, `link "two.md": no such file in the tree`},
				{9, `image "three.png": no such file in the tree`},
			},
		},
		{
			name: "link whose text is an image",
			src:  "\n[![alt](pic.png)](page.md)\n",
			want: []Problem{
				{2, `link "page.md": no such file in the tree`},
				{2, `image "pic.png": no such file in the tree`},
			},
		},
		{
			name: "absolute, fragment, mailto and site links are left alone",
			src:  "[a](https://x.test/a.md) [b](#top) [c](mailto:a@b.test) [d](/hc/x) [e](//cdn.test/x)\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := Render([]byte(tt.src), testOptions).Problems
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("problems of %q:\n got %v\nwant %v", tt.src, got, tt.want)
			}
		})
	}
}

func TestRenderLinkRewrite(t *testing.T) {
	t.Parallel()
	tests := []struct {
		dest, want string
	}{
		{"../a/b.md#linux", "https://help.example.com/hc/en-us/articles/201#linux"},
		{"install.md?tab=1", "https://help.example.com/hc/en-us/articles/202?tab=1"},
		// The service URL keeps its query; the writer's joins it.
		{"sub/setup.md?tab=2#step", "https://help.example.com/hc/en-us/articles/203?lang=en&amp;tab=2#step"},
		{"#frag", "#frag"},
		{"https://example.com/b.md", "https://example.com/b.md"},
	}
	for _, tt := range tests {
		got := Render([]byte("[x]("+tt.dest+")"), testOptions).HTML
		want := `<p><a href="` + tt.want + `">x</a></p>` + "\n"
		if got != want {
			t.Errorf("link %s: got %q, want %q", tt.dest, got, want)
		}
	}
}

func TestRenderWithoutResolvers(t *testing.T) {
	t.Parallel()
	got := Render([]byte("[x](gone.md#a) ![i](p.png)"), Options{})
	want := `<p><a href="gone.md#a">x</a> <img src="p.png" alt="i"></p>` + "\n"
	if got.HTML != want || len(got.Problems) != 0 {
		t.Errorf("got %q %v, want %q and no problems", got.HTML, got.Problems, want)
	}
}

func TestRenderProfile(t *testing.T) {
	t.Parallel()
	p := &Profile{
		Name:       "test-capped",
		MaxHeading: 2,
		Check: func(doc ast.Node, src []byte) []Problem {
			var ps []Problem
			_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
				if l, ok := n.(*ast.List); ok && entering && l.Parent().Kind() == ast.KindListItem {
					ps = append(ps, Problem{Line(n, src), "nested list"})
				}
				if _, ok := n.(*ast.Emphasis); ok && entering {
					ps = append(ps, Problem{Line(n, src), "emphasis"})
				}
				return ast.WalkContinue, nil
			})
			return ps
		},
	}
	src := "# One\n\n### Three\n\n- a\n- b\n  - *c*\n\n[x](gone.md)\n"
	got := Render([]byte(src), Options{Profile: p, Link: testResolve})
	wantHTML := "<h1 id=\"one\">One</h1>\n<h2 id=\"three\">Three</h2>\n"
	if !strings.HasPrefix(got.HTML, wantHTML) {
		t.Errorf("headings deeper than MaxHeading: got %q, want prefix %q", got.HTML, wantHTML)
	}
	want := []Problem{{7, "nested list"}, {7, "emphasis"}, {9, `link "gone.md": no such file in the tree`}}
	if fmt.Sprint(got.Problems) != fmt.Sprint(want) {
		t.Errorf("problems: got %v, want %v", got.Problems, want)
	}
}

func TestRenderConcurrent(t *testing.T) {
	t.Parallel()
	src := []byte("## Same\n\n## Same\n\n[x](gone.md) [y](install.md)\n")
	want := Render(src, testOptions)
	done := make(chan Result)
	for range 8 {
		go func() { done <- Render(src, testOptions) }()
	}
	for range 8 {
		if got := <-done; got.HTML != want.HTML || fmt.Sprint(got.Problems) != fmt.Sprint(want.Problems) {
			t.Errorf("concurrent render differs:\n%q %v\n%q %v", got.HTML, got.Problems, want.HTML, want.Problems)
		}
	}
}

func TestSlugify(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"Install on Linux", "install-on-linux"},
		{"What's new in v2.0?", "whats-new-in-v20"},
		{"A - B", "a---b"}, // GitHub keeps every hyphen
		{"snake_case and kebab-case", "snake_case-and-kebab-case"},
		{"Café & crème brûlée", "cafe--creme-brulee"},
		{"Straße", "strasse"},
		{"🎉", "heading"},
		{"  padded  ", "padded"},
	}
	for _, tt := range tests {
		if got := slugify(tt.in); got != tt.want {
			t.Errorf("slugify(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
