package render

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// markdownLinks is the rewrite the golden files use: the two URLs of
// images.html become a relative image and a relative .md link.
var markdownLinks = MarkdownOptions{
	Link: func(href string) (string, bool) {
		if href == "https://help.example.com/en-us/articles/2" {
			return "../billing/invoices.md", true
		}
		return "", false
	},
	Image: func(src string) (string, bool) {
		if src == "https://help.example.com/images/screen.png" {
			return "images/screen.png", true
		}
		return "", false
	},
}

// TestMarkdownGolden converts each testdata/markdown/*.html to Markdown,
// compares it (with the counts) to the .md beside it, and checks the
// promise: the Markdown renders back to HTML that Equal calls the same.
func TestMarkdownGolden(t *testing.T) {
	t.Parallel()
	inputs, err := filepath.Glob("testdata/markdown/*.html")
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no inputs: %v", err)
	}
	for _, in := range inputs {
		t.Run(filepath.Base(in), func(t *testing.T) {
			t.Parallel()
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			res := Markdown(string(src), markdownLinks)
			if res.Lossy {
				t.Errorf("lossy: the body does not come back even as HTML")
			}
			got := fmt.Sprintf("<!-- blocks: %d, kept as HTML: %d, links: %d, images: %d -->\n%s",
				res.Blocks, res.RawBlocks, res.Links, res.Images, res.Markdown)
			goldenFile(t, strings.TrimSuffix(in, ".html")+".md", got)

			back := Render([]byte(res.Markdown), Options{
				Link:  func(dest string, _ int) (string, error) { return unrewrite(dest), nil },
				Image: func(dest string, _ int) (string, error) { return unrewrite(dest), nil },
			})
			if !Equal(back.HTML, string(src), nil) {
				t.Errorf("round trip differs:\n got %s\nwant %s", Normalize(back.HTML), Normalize(string(src)))
			}
		})
	}
}

func unrewrite(dest string) string {
	switch dest {
	case "../billing/invoices.md":
		return "https://help.example.com/en-us/articles/2"
	case "images/screen.png":
		return "https://help.example.com/images/screen.png"
	}
	return dest
}

func goldenFile(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./render -run TestMarkdownGolden -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs (run with -update to accept):\n--- got ---\n%s\n--- want ---\n%s", path, got, want)
	}
}

// TestMarkdownKeepsWhatMarkdownCannotSay checks, block by block, which
// constructs stay HTML and that every body still comes back unchanged
// for each profile the services use.
func TestMarkdownKeepsWhatMarkdownCannotSay(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		html    string
		wantRaw int
	}{
		{"paragraph", "<p>Plain <em>text</em>.</p>", 0},
		{"callout class", `<div class="note"><p>Note</p></div>`, 1},
		{"video", `<iframe src="https://player.vimeo.com/video/1"></iframe>`, 1},
		// Heading attributes say it: "## Title {#x1}".
		{"heading with foreign id", `<h2 id="x1">Title</h2>`, 0},
		{"heading with id and class", `<h2 id="x1" class="big">Title</h2>`, 0},
		{"heading with a style", `<h2 style="color:red">Title</h2>`, 1},
		{"heading with derived id", `<h2 id="title">Title</h2>`, 0},
		{"text outside blocks", `Hello <b>there</b>`, 1},
		{"pre with markup", "<pre>a <b>b</b></pre>", 1},
		{"relative link", `<p><a href="page.html">x</a></p>`, 1},
		{"site-rooted link", `<p><a href="/hc/en-us/articles/1">x</a></p>`, 0},
		{"two lists in a row", `<ul><li>a</li></ul><ul><li>b</li></ul>`, 0},
		{"pre starting with a blank line", "<pre>\n\nx</pre>", 1},
		{"empty body", "", 0},
	}
	for _, tt := range tests {
		for _, profile := range []string{"", "zendesk", "helpcenter"} {
			t.Run(tt.name+"/"+profile, func(t *testing.T) {
				t.Parallel()
				p := Lookup(profile)
				res := Markdown(tt.html, MarkdownOptions{Profile: p})
				if res.RawBlocks != tt.wantRaw {
					t.Errorf("RawBlocks = %d, want %d\n%s", res.RawBlocks, tt.wantRaw, res.Markdown)
				}
				back := Render([]byte(res.Markdown), Options{Profile: p})
				if !Equal(back.HTML, sanitized(p, tt.html), p) {
					t.Errorf("round trip differs:\n got %s\nwant %s\nmarkdown:\n%s", Normalize(back.HTML), Normalize(tt.html), res.Markdown)
				}
			})
		}
	}
}

// sanitized is html as a service with profile p would have stored it.
func sanitized(p *Profile, html string) string {
	if p.Sanitize != nil {
		return p.Sanitize(html)
	}
	return html
}

// TestMarkdownWritesNoComments is issue #17, cause 6: export wrote
// "<!-- -->" into Markdown to keep blocks apart or raw HTML whole, and
// Markdown's comments were published. Each case must come back as
// Markdown (or raw HTML) that renders to the same body, without one.
func TestMarkdownWritesNoComments(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, html string
		want       []string // substrings of the Markdown
	}{
		{"two lists in a row", "<ul><li>a</li></ul><ul><li>b</li></ul>", []string{"- a", "* b"}},
		{"three ordered lists", "<ol><li>a</li></ol><ol><li>b</li></ol><ol><li>c</li></ol>", []string{"1. a", "1) b", "1. c"}},
		{"inline markup with attributes at the top", `<span style="color: red">red</span> text<br><p>x</p>`, []string{`<span style="color: red">`}},
		{"a link with a class", `<a class="btn" href="https://x.test/">Go</a>`, []string{`<a class="btn"`}},
		{"task lists", "<ul><li>☑ done</li><li>☐ todo</li></ul>", []string{"- [x] done", "- [ ] todo"}},
	}
	for _, p := range allProfiles() {
		for _, tt := range tests {
			if p.Name == "intercom" && strings.Contains(tt.name, "inline") {
				continue // Intercom wraps top-level text in <p>
			}
			res := Markdown(tt.html, MarkdownOptions{Profile: p})
			if strings.Contains(res.Markdown, "<!--") {
				t.Errorf("%s, %s: Markdown holds a comment:\n%s", p.Name, tt.name, res.Markdown)
			}
			if res.Lossy {
				t.Errorf("%s, %s: lossy:\n%s", p.Name, tt.name, res.Markdown)
			}
			for _, w := range tt.want {
				if p.Name == "intercom" && strings.Contains(w, "class") {
					continue // Intercom keeps no class but its own: plain Markdown is right
				}
				if !strings.Contains(res.Markdown, w) {
					t.Errorf("%s, %s: want %q in\n%s", p.Name, tt.name, w, res.Markdown)
				}
			}
			back := Render([]byte(res.Markdown), Options{Profile: p}).HTML
			if !Equal(back, tt.html, p) {
				t.Errorf("%s, %s: round trip differs:\n got %s\nwant %s", p.Name, tt.name, Normalize(back), Normalize(tt.html))
			}
		}
	}
}

// TestMarkdownDropsComments: a comment the service stored is not
// written into the tree either.
func TestMarkdownDropsComments(t *testing.T) {
	t.Parallel()
	for _, body := range []string{"<p>a</p>\n<p><!--more--></p>\n<p>b</p>", "<p>a<!-- x --> b</p>", "<!-- top --><p>a</p>"} {
		for _, p := range allProfiles() {
			res := Markdown(body, MarkdownOptions{Profile: p})
			if strings.Contains(res.Markdown, "<!--") || res.Lossy {
				t.Errorf("%s: Markdown(%q) = %q (lossy %v), want no comment", p.Name, body, res.Markdown, res.Lossy)
			}
		}
	}
}
