package render

import (
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/text"
)

func TestHelpCenterSanitize(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{"plain content unchanged", `<h2>Install</h2><p>Run <code>x</code> and <a href="https://e.com/a">go</a>.</p>`,
			`<h2>Install</h2><p>Run <code>x</code> and <a href="https://e.com/a">go</a>.</p>`},
		{"script dropped with content", `<p>a</p><script>alert(1)</script><p>b</p>`, `<p>a</p><p>b</p>`},
		{"video embeds kept", `<iframe src="https://youtube.com/embed/x"></iframe><p>x</p>`, `<iframe src="https://youtube.com/embed/x"></iframe><p>x</p>`},
		{"forms kept", `<form action="/s"><input name="q"/><button>Go</button></form>`, `<form action="/s"><input name="q"/><button>Go</button></form>`},
		{"plug-ins dropped with content", `<object data="x.swf"><embed src="x.swf"/></object><p>x</p>`, `<p>x</p>`},
		{"event handlers dropped", `<img src="a.png" onerror="x()" alt="a">`, `<img src="a.png" alt="a"/>`},
		{"script URL dropped", `<a href=" JavaScript:alert(1)">x</a>`, `<a>x</a>`},
		{"comments dropped", `<p>a<!-- note --></p>`, `<p>a</p>`},
		{"serialised like an HTML5 parser", `<p>a<br>b &amp; c`, `<p>a<br/>b &amp; c</p>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := HelpCenterSanitize(tt.in)
			if got != tt.want {
				t.Errorf("HelpCenterSanitize(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
			if again := HelpCenterSanitize(got); again != got {
				t.Errorf("not idempotent: %q -> %q", got, again)
			}
		})
	}
}

func TestHelpCenterCheck(t *testing.T) {
	t.Parallel()
	src := []byte("# Title\n\nText with <span onclick=\"x()\">inline</span>.\n\n<script>\nalert(1)\n</script>\n\nEnd.\n")
	doc := goldmark.New().Parser().Parse(text.NewReader(src))
	got := Lookup("helpcenter").Check(doc, src)
	if len(got) != 2 {
		t.Fatalf("problems = %+v, want 2", got)
	}
	if got[0].Line != 3 || !strings.Contains(got[0].Msg, "onclick") {
		t.Errorf("first problem = %+v, want line 3 about onclick", got[0])
	}
	if got[1].Line != 5 || !strings.Contains(got[1].Msg, "<script>") {
		t.Errorf("second problem = %+v, want line 5 about <script>", got[1])
	}
}

func FuzzHelpCenterSanitize(f *testing.F) {
	f.Add(`<p onclick="x">a<script>b</script></p>`)
	f.Add(`<table><tr><td>x</td></tr></table>`)
	f.Fuzz(func(t *testing.T, in string) {
		once := HelpCenterSanitize(in)
		if HelpCenterSanitize(once) != once {
			t.Errorf("not idempotent on %q", in)
		}
	})
}

// FuzzHelpCenterMayReject checks the shortcut checkHelpCenter takes: raw
// HTML that helpCenterMayReject passes must be HTML helpCenterRejects
// has nothing to say about, or a problem would go unreported.
func FuzzHelpCenterMayReject(f *testing.F) {
	for _, s := range []string{
		`<br>`, `<kbd>`, `</kbd>`, `<div class="note">on time</div>`,
		`<SCRIPT>x</SCRIPT>`, `<ScRiPt>`, `<frameset>`, `<p onclick="x">`,
		`<p ONLOAD=x>`, `<a href="x"onclick="y">`, `<a/onmouseover=x>`,
		"<a\tonfocus>", `<a =onclick>`, `<a href=" java	script:x">`,
		`<a HREF="JavaScript:x">`, `<a href="javascript&#58;x">`,
		`<img src="vbscript:x">`, `<img srcset="javascript:x">`,
		`<form><button formaction="javascript:x">`, `<a xlink:href="javascript:x">`,
		"<a xlin\u212a:href=\"javascript:x\">", "<form act\u0130on=\"javascript:x\">",
		`<a data-on="1" title='x'>`, `<!-- <script> -->`, `<a title="a>b" onclick=x>`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		if msgs := helpCenterRejects(raw); len(msgs) > 0 && !helpCenterMayReject(raw) {
			t.Errorf("helpCenterMayReject(%q) = false, but Help.Center rejects it: %q", raw, msgs)
		}
	})
}
