package render

import "testing"

func TestReadable(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want string }{
		{"<h2>Install</h2><p>Run <strong>setup</strong>, see <a href=\"https://hc/2\">B</a>.</p><ul><li>one</li><li>two</li></ul>",
			"## Install\n\nRun **setup**, see [B](https://hc/2).\n\n- one\n- two\n"},
		{`<p dir="ltr" lang="en">Same words.</p>`, "Same words.\n"},
	} {
		if got := Readable(tc.in); got != tc.want {
			t.Errorf("Readable(%q) =\n%q\nwant\n%q", tc.in, got, tc.want)
		}
	}
}
