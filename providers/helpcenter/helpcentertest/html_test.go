package helpcentertest

import "testing"

func TestSanitize(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{"markup is stored as sent", "<h2 id=\"a\">T</h2>\n<p dir=\"ltr\" style=\"color: red\">x<!-- n --></p>", "<h2 id=\"a\">T</h2>\n<p dir=\"ltr\" style=\"color: red\">x<!-- n --></p>"},
		{"scripts and embeds go with their content", `<p>a</p><script>x()</script><iframe src="https://v/1"></iframe><p>b</p>`, `<p>a</p><p>b</p>`},
		{"nested forms go whole", `<form><form><p>x</p></form><p>y</p></form><p>z</p>`, `<p>z</p>`},
		{"inputs go", `<ul><li><input type="checkbox" checked> done</li></ul>`, `<ul><li> done</li></ul>`},
		{"handlers and script URLs go", `<a href="javascript:x()" onclick="y" title="t">l</a>`, `<a title="t">l</a>`},
	}
	for _, tt := range tests {
		if got := sanitize(tt.in); got != tt.want {
			t.Errorf("%s: sanitize(%q)\n got %q\nwant %q", tt.name, tt.in, got, tt.want)
		}
	}
}
