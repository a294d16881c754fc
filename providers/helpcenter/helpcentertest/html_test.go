package helpcentertest

import "testing"

func TestSanitize(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{"markup is stored as sent", "<h2 id=\"a\">T</h2>\n<p dir=\"ltr\" style=\"color: red\">x<!-- n --></p>", "<h2 id=\"a\">T</h2>\n<p dir=\"ltr\" style=\"color: red\">x<!-- n --></p>"},
		{"scripts and plug-ins go with their content", `<p>a</p><script>x()</script><object data="x.swf"><p>no flash</p></object><embed src="y.swf"><p>b</p>`, `<p>a</p><p>b</p>`},
		{"nested objects go whole", `<object><object><p>x</p></object><p>y</p></object><p>z</p>`, `<p>z</p>`},
		// Not documented as removed: kept.
		{"video embeds stay", `<iframe src="https://www.youtube.com/embed/1" allowfullscreen></iframe>`, `<iframe src="https://www.youtube.com/embed/1" allowfullscreen></iframe>`},
		{"forms and inputs stay", `<form action="/s"><input type="checkbox" checked> done</form>`, `<form action="/s"><input type="checkbox" checked> done</form>`},
		{"handlers and script URLs go", `<a href="javascript:x()" onclick="y" title="t">l</a>`, `<a title="t">l</a>`},
	}
	for _, tt := range tests {
		if got := sanitize(tt.in); got != tt.want {
			t.Errorf("%s: sanitize(%q)\n got %q\nwant %q", tt.name, tt.in, got, tt.want)
		}
	}
}
