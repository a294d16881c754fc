package render

import (
	"strings"
	"testing"
)

// Each case is a construct the "Unsupported HTML" and "Supported HTML"
// tables of intercom-articles.txt say makes Intercom answer 400.
func TestIntercomCheck(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		md   string
		want []Problem // Msg holds a substring
	}{
		{"flat list is fine", "# T\n\n- a\n- b\n", nil},
		{"ordered list is fine", "1. a\n2. b\n", nil},
		{"nested list", "intro\n\n- a\n  - b\n", []Problem{{4, "nested lists"}}},
		{"nested ordered in unordered", "- a\n- b\n\n  1. c\n", []Problem{{4, "nested lists"}}},
		{"empty list", "text\n\n-\n", []Problem{{3, "empty list"}}},
		{"raw dl", "para\n\n<dl><dt>a</dt><dd>b</dd></dl>\n", []Problem{{3, "definition lists"}}},
		{"youtube iframe is fine", "<iframe src=\"https://www.youtube.com/embed/x\"></iframe>\n", nil},
		{"vimeo player is fine", "<iframe src=\"https://player.vimeo.com/video/1\"></iframe>\n", nil},
		{"loom iframe is fine", "<iframe src=\"https://www.loom.com/embed/1\"></iframe>\n", nil},
		{"unsupported iframe", "a\n\nb\n\n<iframe src=\"https://evil.example/x\"></iframe>\n", []Problem{{5, "not a supported video embed"}}},
		{"lookalike host", "<iframe src=\"https://notyoutube.com/embed/x\"></iframe>\n", []Problem{{1, "not a supported video embed"}}},
		{"inline iframe", "see <iframe src=\"https://evil.example/x\"></iframe> here\n", []Problem{{1, "not a supported video embed"}}},
		{"raw nested list", "<ul><li>a<ul><li>b</li></ul></li></ul>\n", []Problem{{1, "nested lists"}}},
		{"raw empty list", "x\n\n<ul></ul>\n", []Problem{{3, "empty list"}}},
		{"raw list of blank items", "<ol><li> </li></ol>\n", []Problem{{1, "empty list"}}},
		{"raw empty table", "<table></table>\n", []Problem{{1, "empty table"}}},
		{"raw table in table", "<table><tr><td><table><tr><td>x</td></tr></table></td></tr></table>\n", []Problem{{1, "inside a table"}}},
		{"table in list item", "- a\n\n  | h |\n  |---|\n  | c |\n", []Problem{{3, "table inside a list item"}}},
		{"markdown table is fine", "| h |\n|---|\n| c |\n", nil},
		{"two problems", "- a\n  - b\n\n<dl><dt>x</dt></dl>\n", []Problem{{2, "nested lists"}, {4, "definition lists"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := Render([]byte(tt.md), Options{Profile: Lookup("intercom")}).Problems
			if len(got) != len(tt.want) {
				t.Fatalf("problems = %v, want %v", got, tt.want)
			}
			for i, w := range tt.want {
				if got[i].Line != w.Line || !strings.Contains(got[i].Msg, w.Msg) {
					t.Errorf("problem %d = %d: %q, want %d: ...%q...", i, got[i].Line, got[i].Msg, w.Line, w.Msg)
				}
			}
		})
	}
}

func TestIntercomSanitize(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		// The examples of the OpenAPI description store "Body of the
		// Article" as <p class="no-margin">Body of the Article</p>.
		{"bare text becomes a paragraph", "Body of the Article", `<p class="no-margin">Body of the Article</p>`},
		{"paragraph gets no-margin", "<p>x</p>", `<p class="no-margin">x</p>`},
		{"intercom classes stay", `<p class="intercom-align-center lead">x</p>`, `<p class="intercom-align-center">x</p>`},
		{"h3 to h6 become h2", "<h3>a</h3><h6>b</h6>", "<h2>a</h2><h2>b</h2>"},
		{"heading ids go", `<h2 id="x">a</h2>`, "<h2>a</h2>"},
		{"div and span become p", "<div>a</div><span>b</span>", `<p class="no-margin">a</p><p class="no-margin">b</p>`},
		{"span inside text is unwrapped", "<p>a <span>b</span></p>", `<p class="no-margin">a b</p>`},
		{"div of blocks is unwrapped", "<div><p>a</p><p>b</p></div>", `<p class="no-margin">a</p><p class="no-margin">b</p>`},
		{"intercom image wrapper stays", `<div class="intercom-container"><img src="https://x.test/a.png"/></div>`, `<div class="intercom-container"><img src="https://x.test/a.png"/></div>`},
		{"script and form go with content", "<p>a</p><script>x()</script><form><input/>y</form>", `<p class="no-margin">a</p>`},
		{"unknown tags keep their content", "<blockquote><p>q</p></blockquote><p>a <del>b</del></p>", `<p class="no-margin">q</p><p class="no-margin">a b</p>`},
		{"comments go", "<p>a<!-- c --></p>", `<p class="no-margin">a</p>`},
		{"code class goes", `<pre><code class="language-go">x := 1</code></pre>`, "<pre><code>x := 1</code></pre>"},
		{"links keep href and target", `<p><a href="https://x.test" target="_blank" onclick="y">l</a></p>`, `<p class="no-margin"><a href="https://x.test" target="_blank">l</a></p>`},
		{"table cells lose alignment", `<table><thead><tr><th style="text-align:left">h</th></tr></thead><tbody><tr><td>c</td></tr></tbody></table>`, "<table><thead><tr><th>h</th></tr></thead><tbody><tr><td>c</td></tr></tbody></table>"},
		{"task list checkbox goes", `<ul><li><input type="checkbox" disabled=""/> a</li></ul>`, "<ul><li> a</li></ul>"},
		{"supported tags stay", "<ol><li><b>b</b> <i>i</i> <strong>s</strong> <em>e</em> <code>c</code><br/></li></ol><hr/>", "<ol><li><b>b</b> <i>i</i> <strong>s</strong> <em>e</em> <code>c</code><br/></li></ol><hr/>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := IntercomSanitize(tt.in)
			if got != tt.want {
				t.Errorf("IntercomSanitize(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
			if again := IntercomSanitize(got); again != got {
				t.Errorf("not idempotent: %q -> %q", got, again)
			}
		})
	}
}

// What the renderer emits for the Intercom profile must already be in
// the stored form apart from the paragraph class, so a plan compares
// like with like.
func TestIntercomRenderHeadings(t *testing.T) {
	t.Parallel()
	res := Render([]byte("# A\n\n### C\n\n###### F\n"), Options{Profile: Lookup("intercom")})
	got := IntercomSanitize(res.HTML)
	if strings.Contains(got, "<h3") || strings.Contains(got, "<h6") || strings.Count(got, "<h2") != 2 {
		t.Errorf("headings of %q not capped at h2: %q", res.HTML, got)
	}
}

func FuzzIntercomSanitize(f *testing.F) {
	for _, s := range []string{"<p>a</p>", "<div><span>x</span><p>y</p></div>", "text <b>b</b>", "<table><tr><td>x</td></tr></table>", "<ul><li>a</li></ul>",
		// Inputs fuzzing once found not idempotent.
		"<A><p >", "<div>000000</spAn><A>0<p>0", "<li >"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		once := IntercomSanitize(s)
		if twice := IntercomSanitize(once); twice != once {
			t.Errorf("not idempotent for %q:\n once %q\ntwice %q", s, once, twice)
		}
	})
}

// BenchmarkIntercomSanitize measures the cleaning the planner applies to
// every desired body, on a body of typical size and shape.
func BenchmarkIntercomSanitize(b *testing.B) {
	src := []byte(strings.Repeat("## Step\n\nRun `make` and **wait**, then see [docs](https://x.test).\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```sh\nmake\n```\n\n", 10))
	html := Render(src, Options{Profile: Lookup("intercom")}).HTML
	b.SetBytes(int64(len(html)))
	b.ReportAllocs()
	for b.Loop() {
		IntercomSanitize(html)
	}
}

// FuzzIntercomStartTags checks the shortcut checkIntercom takes: raw HTML
// without a start tag of intercomBlockTags (blocks) or intercomSingleTags
// (inline tags) must be HTML the full checks have nothing to say about.
func FuzzIntercomStartTags(f *testing.F) {
	for _, s := range []string{
		`<div class="callout"><p>x</p></div>`, `<br>`, `<DL><dt>a</dl>`,
		`<Iframe src="https://evil.example/x">`, `<ul></ul>`, `<OL><li> </li></OL>`,
		`<table></table>`, `<li><table><tr><td>x</td></tr></table></li>`,
		`<ul><li>a<ul><li>b</li></ul></li></ul>`, `<svg><table></table></svg>`,
		`<td>x</td>`, `<tr><td>x</td></tr>`, `<caption>c</caption>`, "<u\x00l></ul>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if msgs := IntercomHTMLProblems(s); len(msgs) > 0 && !hasStartTag([]byte(s), intercomBlockTags) {
			t.Errorf("hasStartTag(%q, intercomBlockTags) = false, but Intercom rejects it: %q", s, msgs)
		}
		if msgs := intercomTagProblems(parseIntercomFragment(s)); len(msgs) > 0 && !hasStartTag([]byte(s), intercomSingleTags) {
			t.Errorf("hasStartTag(%q, intercomSingleTags) = false, but Intercom rejects it: %q", s, msgs)
		}
	})
}
