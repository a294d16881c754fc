package intercomtest

import "testing"

// Each case is a row of the reference's Supported or Unsupported HTML
// table (intercom-articles.txt).
func TestStoreBody(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{"paragraphs get no-margin", "<p>a</p>", `<p class="no-margin">a</p>`},
		{"h3 to h6 become h2", "<h3>a</h3><h6>b</h6>", "<h2>a</h2><h2>b</h2>"},
		{"div and span become p", "<div>a</div><span>b</span>", `<p class="no-margin">a</p><p class="no-margin">b</p>`},
		{"a span in text goes", "<p>a <span>b</span></p>", `<p class="no-margin">a b</p>`},
		{"forms, inputs and scripts go with their content", "<p>a<input type=checkbox></p><form><p>x</p></form><script>y</script>",
			`<p class="no-margin">a</p>`},
		{"other tags go, their content stays", "<blockquote><p>q <sup>1</sup></p></blockquote>", `<p class="no-margin">q 1</p>`},
		{"only intercom classes stay", `<p class="intercom-align-center x">a</p><a class="intercom-h2b-button y" href="/z">b</a>`,
			`<p class="intercom-align-center">a</p><p class="no-margin"><a class="intercom-h2b-button" href="/z">b</a></p>`},
		{"loose text goes in a paragraph", "just text", `<p class="no-margin">just text</p>`},
		{"comments go", "<p>a<!-- x --></p>", `<p class="no-margin">a</p>`},
	}
	for _, tt := range tests {
		if got := storeBody(tt.in); got != tt.want {
			t.Errorf("%s: storeBody(%q)\n got %q\nwant %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestBodyProblem(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		in   string
		fail bool
	}{
		{"<dl><dt>a</dt></dl>", true},
		{"<ul><li>a<ul><li>b</li></ul></li></ul>", true},
		{"<ul><li> </li></ul>", true},
		{"<table></table>", true},
		{"<ul><li><table><tr><td>a</td></tr></table></li></ul>", true},
		{`<iframe src="https://evil.example/x"></iframe>`, true},
		{`<iframe src="https://www.youtube.com/embed/x"></iframe>`, false},
		{"<ul><li>a</li></ul><table><tr><td>b</td></tr></table>", false},
	} {
		if got := bodyProblem(tt.in) != ""; got != tt.fail {
			t.Errorf("bodyProblem(%q) = %q, want failure %v", tt.in, bodyProblem(tt.in), tt.fail)
		}
	}
}
