package render

import "testing"

func TestText(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{"empty", "", ""},
		{"paragraphs and headings",
			"<h2 id=\"a\">Install  on Linux</h2>\n<p>Run it\nnow.</p><p>Then&nbsp;stop.</p>",
			"## Install on Linux\nRun it now.\nThen stop.\n"},
		{"inline marks",
			`<p>A <em>b</em> <strong>c</strong> <del>d</del> <code>e  f</code> <a href="/x">g</a> <img src="i.png" alt="h"></p>`,
			"A _b_ **c** ~~d~~ `e f` [g](/x) ![h](i.png)\n"},
		{"nested lists",
			"<ol start=\"3\"><li>one<ul><li>a</li><li><p>b</p><p>b2</p></li></ul></li><li>two</li></ol>",
			"3. one\n   - a\n   - b\n     b2\n4. two\n"},
		{"task list",
			`<ul><li><input checked="" disabled="" type="checkbox"> done</li><li><input disabled type="checkbox"> todo</li></ul>`,
			"- [x] done\n- [ ] todo\n"},
		{"quote", "<blockquote><p>a</p><p>b</p></blockquote>", "> a\n> b\n"},
		{"code block keeps lines",
			"<pre><code class=\"language-go\">if x {\n\n\treturn\n}\n</code></pre>",
			"```\nif x {\n\n\treturn\n}\n```\n"},
		{"table", "<table><thead><tr><th>A</th><th>B</th></tr></thead><tbody><tr><td>1</td><td><em>2</em></td></tr></tbody></table>",
			"| A | B |\n| 1 | _2_ |\n"},
		{"autolinks read as the address",
			`<p><a href="https://x.test/a">https://x.test/a</a> <a href="mailto:h@x.test">h@x.test</a></p>`,
			"https://x.test/a h@x.test\n"},
		{"br and hr", "<p>a<br>b</p><hr><p>c</p>", "a\nb\n---\nc\n"},
		{"embeds", `<iframe src="https://v.test/1"></iframe><div class="callout"><p>Note</p></div>`,
			"<iframe https://v.test/1>\nNote\n"},
		{"empty list item", "<ul><li></li><li>x</li></ul>", "-\n- x\n"},
	}
	for _, tt := range tests {
		if got := Text(tt.in); got != tt.want {
			t.Errorf("%s: Text(%q)\n got %q\nwant %q", tt.name, tt.in, got, tt.want)
		}
	}
}

// TestTextOfRendered checks Text on Render's own output: the diff a plan
// shows must read like the Markdown the writer changed.
func TestTextOfRendered(t *testing.T) {
	t.Parallel()
	src := "# Title\n\nSome *text* with a [link](https://x.test).\n\n- a\n  - b\n\n```sh\nhcsync plan\n```\n"
	want := "# Title\nSome _text_ with a [link](https://x.test).\n- a\n  - b\n```\nhcsync plan\n```\n"
	if got := Text(Render([]byte(src), Options{}).HTML); got != want {
		t.Errorf("Text(Render(%q))\n got %q\nwant %q", src, got, want)
	}
}
