package render

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Constructs real documentation trees use (issue #18): each renders to
// what a reader of the help center expects, or is a problem by line.

func TestHeadingAttributes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src, want string
	}{
		{"explicit id", "## Setup {#setup-steps}\n", `<h2 id="setup-steps">Setup</h2>` + "\n"},
		{"class keeps the GitHub id", "## Setup {.important}\n", `<h2 class="important" id="setup">Setup</h2>` + "\n"},
		{"id and class", "### Run it {#run .step}\n", `<h3 id="run" class="step">Run it</h3>` + "\n"},
		// An explicit id is taken: a later heading of that text gets the
		// next free one, so both anchors stay distinct.
		{"explicit id is not given twice", "## A {#setup}\n\n## Setup\n", "<h2 id=\"setup\">A</h2>\n<h2 id=\"setup-1\">Setup</h2>\n"},
		{"an empty id is no id", "## Title {#}\n", `<h2 id="title">Title</h2>` + "\n"},
		{"braces in text stay text", "## Use {braces} here\n", `<h2 id="use-braces-here">Use {braces} here</h2>` + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := Render([]byte(tt.src), Options{}).HTML; got != tt.want {
				t.Errorf("Render(%q)\n got %q\nwant %q", tt.src, got, tt.want)
			}
		})
	}
}

var _ = fmt.Sprint

func TestAlerts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src, want string
	}{
		{"note", "> [!NOTE]\n> Useful information.\n",
			"<blockquote class=\"callout callout-note\"><p><strong>Note</strong></p>\n<p>Useful information.</p>\n</blockquote>\n"},
		{"every kind, any case", "> [!tip]\n> a\n\n> [!IMPORTANT]\n> b\n\n> [!Warning]\n> c\n\n> [!CAUTION]\n> d\n",
			"<blockquote class=\"callout callout-tip\"><p><strong>Tip</strong></p>\n<p>a</p>\n</blockquote>\n" +
				"<blockquote class=\"callout callout-important\"><p><strong>Important</strong></p>\n<p>b</p>\n</blockquote>\n" +
				"<blockquote class=\"callout callout-warning\"><p><strong>Warning</strong></p>\n<p>c</p>\n</blockquote>\n" +
				"<blockquote class=\"callout callout-caution\"><p><strong>Caution</strong></p>\n<p>d</p>\n</blockquote>\n"},
		{"blocks after the marker", "> [!WARNING]\n> Back up first.\n>\n> - one\n> - two\n",
			"<blockquote class=\"callout callout-warning\"><p><strong>Warning</strong></p>\n<p>Back up first.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n</blockquote>\n"},
		{"marker alone", "> [!NOTE]\n", "<blockquote class=\"callout callout-note\"><p><strong>Note</strong></p>\n</blockquote>\n"},
		{"inside a list", "- step\n\n  > [!TIP]\n  > Shortcut.\n",
			"<ul>\n<li>\n<p>step</p>\n<blockquote class=\"callout callout-tip\"><p><strong>Tip</strong></p>\n<p>Shortcut.</p>\n</blockquote>\n</li>\n</ul>\n"},
		{"unknown kind is a quote", "> [!DANGER]\n> x\n", "<blockquote>\n<p>[!DANGER]\nx</p>\n</blockquote>\n"},
		// Text after the marker is the callout's title, as Hugo and
		// Obsidian read it.
		{"a title after the marker", "> [!NOTE] Modules are Go modules\n> Read on.\n",
			"<blockquote class=\"callout callout-note\"><p><strong>Modules are Go modules</strong></p>\n<p>Read on.</p>\n</blockquote>\n"},
		{"a title with markup", "> [!TIP] Use `go` *now*\n> x\n",
			"<blockquote class=\"callout callout-tip\"><p><strong>Use `go` *now*</strong></p>\n<p>x</p>\n</blockquote>\n"},
		{"no space before the title is a quote", "> [!NOTE]x\n", "<blockquote>\n<p>[!NOTE]x</p>\n</blockquote>\n"},
		{"plain quote", "> [link](https://x.test)\n", "<blockquote>\n<p><a href=\"https://x.test\">link</a></p>\n</blockquote>\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := Render([]byte(tt.src), Options{}).HTML; got != tt.want {
				t.Errorf("Render(%q)\n got %q\nwant %q", tt.src, got, tt.want)
			}
		})
	}
}

// An alert published to a help center that keeps the callout comes back
// from export as the alert, and renders again to the same HTML.
func TestAlertsRoundTrip(t *testing.T) {
	t.Parallel()
	for _, profile := range []string{"default", "zendesk", "helpcenter"} {
		for _, src := range []string{
			"> [!NOTE]\n> Useful information.\n",
			"> [!CAUTION]\n> Back up first.\n>\n> - one\n> - two\n",
			"> [!TIP]\n",
			"> [!WARNING] Back up first\n> It takes a minute.\n",
		} {
			p := Lookup(profile)
			stored := storedBy(p, Render([]byte(src), Options{Profile: p}).HTML)
			md := Markdown(stored, MarkdownOptions{Profile: p})
			// html-to-markdown writes "> " on a blank quoted line.
			if strings.ReplaceAll(md.Markdown, "> \n", ">\n") != src || md.RawBlocks != 0 {
				t.Errorf("%s: export of %q gave %q (raw blocks %d), want the alert back", profile, stored, md.Markdown, md.RawBlocks)
			}
			if again := Render([]byte(md.Markdown), Options{Profile: p}).HTML; !Equal(again, stored, p) {
				t.Errorf("%s: %q renders to %q, stored %q", profile, md.Markdown, again, stored)
			}
		}
	}
}

// storedBy is html as the service of p stores it.
func storedBy(p *Profile, html string) string {
	if p.Sanitize == nil {
		return html
	}
	return p.Sanitize(html)
}

// <img src> and <a href> in raw HTML go through the same resolvers as
// Markdown images and links: rewritten when they resolve, a problem on
// their own line when they do not.
func TestRawHTMLReferences(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src, want string
		problems        []Problem
	}{
		{name: "image block",
			src:  "<img src=\"images/screen.png\" alt=\"Screen\" width=\"300\">\n",
			want: "<img src=\"https://cdn.example.com/screen.png\" alt=\"Screen\" width=\"300\">\n"},
		{name: "inline link keeps its fragment",
			src:  "See <a href=\"install.md#linux\" target=\"_blank\">the install</a> page.\n",
			want: "<p>See <a href=\"https://help.example.com/hc/en-us/articles/202#linux\" target=\"_blank\">the install</a> page.</p>\n"},
		{name: "unquoted and self-closed",
			src:  "<p align=center><img src=images/screen.png /></p>\n",
			want: "<p align=center><img src=\"https://cdn.example.com/screen.png\"/></p>\n"},
		{name: "missing image on its own line of a block",
			src:      "Intro\n\n<div>\n  <p>text</p>\n  <img src=\"gone.png\">\n</div>\n",
			want:     "<p>Intro</p>\n<div>\n  <p>text</p>\n  <img src=\"gone.png\">\n</div>\n",
			problems: []Problem{{5, `image "gone.png": no such file in the tree`}}},
		{name: "missing link inline",
			src:      "a\nb <a href=\"nope.md\">x</a>\n",
			want:     "<p>a\nb <a href=\"nope.md\">x</a></p>\n",
			problems: []Problem{{2, `link "nope.md": no such file in the tree`}}},
		{name: "URLs, fragments and other attributes are left alone",
			src:  "<a href=\"https://x.test/a.md\">a</a> <a href=\"#top\">b</a> <img src=\"data:image/png;base64,AA\"> <a name=\"gone.md\">c</a>\n",
			want: "<p><a href=\"https://x.test/a.md\">a</a> <a href=\"#top\">b</a> <img src=\"data:image/png;base64,AA\"> <a name=\"gone.md\">c</a></p>\n"},
		{name: "a block export kept verbatim is left alone",
			src: "<!-- hcsync:verbatim --><p>See <a href=\"other.html\">next door</a> <img src=\"gone.png\"></p>\n",
			// The marker is a comment, and comments are never published.
			want: "<p>See <a href=\"other.html\">next door</a> <img src=\"gone.png\"></p>\n"},
		{name: "code is not HTML",
			src:  "`<img src=\"gone.png\">`\n\n```html\n<a href=\"gone.md\">x</a>\n```\n",
			want: "<p><code>&lt;img src=&quot;gone.png&quot;&gt;</code></p>\n<pre><code class=\"language-html\">&lt;a href=&quot;gone.md&quot;&gt;x&lt;/a&gt;\n</code></pre>\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := Render([]byte(tt.src), testOptions)
			if got.HTML != tt.want {
				t.Errorf("Render(%q)\n got %q\nwant %q", tt.src, got.HTML, tt.want)
			}
			if fmt.Sprint(got.Problems) != fmt.Sprint(tt.problems) {
				t.Errorf("problems of %q:\n got %v\nwant %v", tt.src, got.Problems, tt.problems)
			}
		})
	}
}

// Site-generator shortcodes mean nothing to a help center: each is a
// problem naming it, on its line; code shows them literally.
func TestShortcodes(t *testing.T) {
	t.Parallel()
	src := "Intro {{< figure src=\"x.png\" >}} and\n" +
		"{{% notice note %}}\ntext\n{{% /notice %}}\n\n" +
		"{{<youtube abc>}}\n\n" +
		"`{{< code >}}` and {{</* escaped */>}}\n\n" +
		"```\n{{< in-fence >}}\n```\n\n" +
		"## Title {{< param \"x\" >}}\n\n" +
		"Braces {{ .Title }} and {{x}} are text.\n\n" +
		"[RSS]({{% eturl rss %}}) ![x]({{< asset \"a.png\" >}}) [alias][]\n\n" +
		"[alias]: <{{% eturl alias %}}>\n"
	want := []Problem{
		{1, `Hugo shortcode "figure" is not supported: replace it with Markdown or HTML`},
		{2, `Hugo shortcode "notice" is not supported: replace it with Markdown or HTML`},
		{6, `Hugo shortcode "youtube" is not supported: replace it with Markdown or HTML`},
		{14, `Hugo shortcode "param" is not supported: replace it with Markdown or HTML`},
		{18, `Hugo shortcode "eturl" is not supported: replace it with Markdown or HTML`},
		{18, `Hugo shortcode "asset" is not supported: replace it with Markdown or HTML`},
		// A reference's destination is reported where it is written:
		// on its definition's line.
		{20, `Hugo shortcode "eturl" is not supported: replace it with Markdown or HTML`},
	}
	// In a link's destination it is the one problem: no dead link too.
	if got := Render([]byte(src), testOptions).Problems; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("problems:\n got %v\nwant %v", got, want)
	}
}

// Destinations rooted at the site go to Rooted, from Markdown and raw
// HTML alike, with their query and fragment kept; without Rooted they
// stay as written.
func TestRootedDestinations(t *testing.T) {
	t.Parallel()
	rooted := func(dest string, image bool, _ int) (string, error) {
		switch {
		case dest == "/functions/len" && !image:
			return "https://help.example.com/hc/en-us/articles/301", nil
		case dest == "/images/logo.png" && image:
			return "https://cdn.example.com/logo.png", nil
		case dest == "/hc/en-us/requests/new":
			return dest, nil
		}
		return "", errors.New("dead link")
	}
	src := "[len](/functions/len#syntax) ![logo](/images/logo.png) [form](/hc/en-us/requests/new)\n\n" +
		"<a href=\"/functions/len?x=1\">len</a> <img src=\"/images/logo.png\">\n\n" +
		"[gone](/nowhere) [cdn](//cdn.test/x) [abs](https://x.test/a)\n"
	got := Render([]byte(src), Options{Link: testResolve, Image: testResolve, Rooted: rooted})
	want := "<p><a href=\"https://help.example.com/hc/en-us/articles/301#syntax\">len</a> <img src=\"https://cdn.example.com/logo.png\" alt=\"logo\"> <a href=\"/hc/en-us/requests/new\">form</a></p>\n" +
		"<p><a href=\"https://help.example.com/hc/en-us/articles/301?x=1\">len</a> <img src=\"https://cdn.example.com/logo.png\"></p>\n" +
		"<p><a href=\"/nowhere\">gone</a> <a href=\"//cdn.test/x\">cdn</a> <a href=\"https://x.test/a\">abs</a></p>\n"
	if got.HTML != want {
		t.Errorf("HTML:\n got %q\nwant %q", got.HTML, want)
	}
	if wantP := []Problem{{5, `link "/nowhere": dead link`}}; fmt.Sprint(got.Problems) != fmt.Sprint(wantP) {
		t.Errorf("problems: got %v, want %v", got.Problems, wantP)
	}
	if plain := Render([]byte(src), testOptions); len(plain.Problems) != 0 || !strings.Contains(plain.HTML, `href="/functions/len#syntax"`) {
		t.Errorf("without Rooted, rooted destinations should stay as written: %q %v", plain.HTML, plain.Problems)
	}
}

// Task lists, footnotes and tables read the same on every help center:
// each service drops <input>, so a checkbox is a character where it
// would be lost; Intercom drops ids and <sup>, so a footnote mark is
// "[1]" there, without links to anchors it would not keep.
func TestTaskListsFootnotesTablesSurvive(t *testing.T) {
	t.Parallel()
	src := "- [x] Battery charged\n- [ ] Card formatted\n\nNeeds a tripod[^t].\n\n[^t]: Or a steady surface.\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n"
	tests := []struct {
		profile   string
		want, not []string
	}{
		{"default", []string{"<li>☑ Battery charged</li>", `<a href="#fn:1" class="footnote-ref"`, "<td>1</td>"}, []string{"<input"}},
		{"zendesk", []string{"<li>☑ Battery charged</li>", "<li>☐ Card formatted</li>", `<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>`, `<li id="fn:1">`, "<td>1</td>"}, nil},
		{"helpcenter", []string{"<li>☑ Battery charged</li>", "<li>☐ Card formatted</li>", `<sup id="fnref:1">`, `<li id="fn:1">`, "<td>1</td>"}, nil},
		{"intercom", []string{"<li>☑ Battery charged</li>", "<li>☐ Card formatted</li>", "tripod[1].", "Or a steady surface.", "<td>1</td>"}, []string{`href="#fn`, `href="#fnref`}},
	}
	for _, tt := range tests {
		t.Run(tt.profile, func(t *testing.T) {
			t.Parallel()
			p := Lookup(tt.profile)
			stored := storedBy(p, Render([]byte(src), Options{Profile: p}).HTML)
			for _, w := range tt.want {
				if !strings.Contains(stored, w) {
					t.Errorf("stored body lacks %s:\n%s", w, stored)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(stored, w) {
					t.Errorf("stored body has %s:\n%s", w, stored)
				}
			}
		})
	}
}

// TestProvidersGolden renders testdata/providers/*.md, a body using
// every construct real trees brought (issue #18), for each profile, and
// compares what the service stores (the profile's Sanitize of the
// HTML) and the problems with constructs.<profile>.html. Run with
// -update after an intended change and review the diff. It also checks
// that export brings the stored body back: its Markdown renders to HTML
// equal to what the service stored.
func TestProvidersGolden(t *testing.T) {
	t.Parallel()
	inputs, err := filepath.Glob(filepath.Join("testdata", "providers", "*.md"))
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no inputs: %v", err)
	}
	for _, in := range inputs {
		src, err := os.ReadFile(in)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range append([]string{"default"}, Profiles()...) {
			t.Run(filepath.Base(in)+"/"+name, func(t *testing.T) {
				t.Parallel()
				p := Lookup(name)
				res := Render(src, Options{Profile: p, Link: testResolve, Image: testResolve})
				stored := storedBy(p, res.HTML)
				got := fmt.Sprintf("<!-- problems: %v -->\n%s", res.Problems, stored)
				goldenFile(t, strings.TrimSuffix(in, ".md")+"."+name+".html", got)

				md := Markdown(stored, MarkdownOptions{Profile: p, Link: unresolveURL, Image: unresolveURL})
				back := Render([]byte(md.Markdown), Options{Profile: p, Link: testResolve, Image: testResolve})
				if md.Lossy || !Equal(back.HTML, stored, p) {
					t.Errorf("export does not bring the body back (lossy %v):\n%s\n--- renders to\n%s", md.Lossy, md.Markdown, Normalize(back.HTML))
				}
			})
		}
	}
}

// unresolveURL is export's view of testTree: a URL it came from maps
// back to the relative destination.
func unresolveURL(u string) (string, bool) {
	for dest, v := range testTree {
		if v == u {
			return dest, true
		}
	}
	return "", false
}
