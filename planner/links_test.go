package planner

import (
	"fmt"
	"maps"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"

	htmlstd "html"

	"github.com/hcsync/hcsync/diag"
	"github.com/hcsync/hcsync/internal/plantest"
	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/remote"
	"github.com/hcsync/hcsync/render"
)

func TestLinkAndImageProblems(t *testing.T) {
	big := strings.Repeat("x", 2048)
	tests := []struct {
		name string
		body string
		caps func(*providers.Capabilities)
		want string
	}{
		{"dead link", "Intro.\n\nSee [the guide](guide.md).\n", nil,
			`Guides/a.md:6: link "guide.md": dead link: Guides/guide.md does not exist (did you mean "gide.md"?)`},
		{"link outside the tree", "[up](../../etc/passwd.md)\n", nil,
			`Guides/a.md:4: link "../../etc/passwd.md": "../../etc/passwd.md" points outside the content folder: link to a file of the tree or to a full URL`},
		{"link to a file that is not an article", "[notes](notes.txt)\n", nil,
			`Guides/a.md:4: link "notes.txt": link to Guides/notes.txt, which is not an article: host the file elsewhere and link its full URL`},
		{"missing image", "Text\n\n![shot](images/missing.png)\n", nil,
			`Guides/a.md:6: image "images/missing.png": image Guides/images/missing.png does not exist`},
		{"oversized image", "![big](images/big.png)\n", func(c *providers.Capabilities) { c.MaxImageBytes = 1024 },
			`Guides/a.md:4: image "images/big.png": image Guides/images/big.png is 2.0 KB, and test accepts at most 1.0 KB: shrink it`},
		{"image type the provider refuses", "![big](images/big.png)\n", func(c *providers.Capabilities) { c.ImageTypes = []string{"image/jpeg"} },
			`Guides/a.md:4: image "images/big.png": image Guides/images/big.png is image/png, and test accepts only image/jpeg: convert it`},
		{"provider without uploads and no image base URL", "![big](images/big.png)\n", func(c *providers.Capabilities) { c.ImageUpload = false },
			`Guides/a.md:4: image "images/big.png": test takes images by URL only: set image_base_url for test in hcsync.yaml to where the repository's images are served, or use a full URL`},
		{"missing image in raw HTML", "Text\n\n<p align=\"center\">\n<img src=\"images/missing.png\" width=\"300\">\n</p>\n", nil,
			`Guides/a.md:7: image "images/missing.png": image Guides/images/missing.png does not exist`},
		{"dead link in raw HTML", "Go <a href=\"guide.md\">there</a>.\n", nil,
			`Guides/a.md:4: link "guide.md": dead link: Guides/guide.md does not exist (did you mean "gide.md"?)`},
		{"root-relative link without links.root", "Intro.\n\n[len](/functions/len)\n", nil,
			`Guides/a.md:6: link "/functions/len": dead link: /functions/len is a path on a site hcsync does not know: set links.root in hcsync.yaml to the folder of the tree or the site URL it is relative to ("/" if it is the help center's own), or write a relative link`},
		{"Hugo shortcode", "Intro.\n\n{{< figure src=\"x.png\" >}}\n", nil,
			`Guides/a.md:6: Hugo shortcode "figure" is not supported: replace it with Markdown or HTML`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tree := plantest.LoadTree(t, map[string]string{
				"Guides/a.md":    "---\ntitle: A\n---\n" + tt.body,
				"Guides/gide.md": "---\ntitle: Gide\n---\nx\n",
			})
			plantest.WriteRaw(t, tree, "Guides/notes.txt", "notes")
			plantest.WriteRaw(t, tree, "Guides/images/big.png", big)
			caps := plantest.FullCaps
			caps.ImageUpload = true
			if tt.caps != nil {
				tt.caps(&caps)
			}
			_, err := NewPlan(tree, plantest.BaseRemote(), Options{Provider: "test", Caps: caps})
			ps, ok := err.(diag.Problems)
			if !ok || len(ps) != 1 {
				t.Fatalf("err = %v, want one problem", err)
			}
			if got := ps[0].String(); got != tt.want {
				t.Errorf("problem:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestLinksResolvePerLocale(t *testing.T) {
	tree := plantest.LoadTree(t, map[string]string{
		"Guides/a.md":    "---\ntitle: A\nid: 1\n---\n[b](b.md#setup) [c](c.md)\n",
		"Guides/a.fr.md": "---\ntitle: A fr\n---\n[b](b.md) [c](c.md) [b en](b.md)\n",
		"Guides/b.md":    "---\ntitle: B\nid: 2\n---\n## Setup\n",
		"Guides/b.fr.md": "---\ntitle: B fr\n---\nx\n",
		"Guides/c.md":    "---\ntitle: C\n---\nnew\n",
	})
	live := plantest.BaseRemote()
	b := plantest.RemoteArticle("2", "100", "B", plantest.HTML("## Setup\n"), false, &providers.Translation{Locale: "fr", Title: "B fr", Body: plantest.HTML("x\n"), URL: "https://hc/fr/2"})
	b.Translations["en-us"].URL = "https://hc/en-us/2"
	live.Articles = []providers.Article{plantest.RemoteArticle("1", "100", "A", "", false, &providers.Translation{Locale: "fr", Title: "A fr"}), b}
	p := makePlan(t, tree, live, Options{})
	bodies := map[string]*plan.Change{}
	for _, c := range p.Changes {
		bodies[c.Key] = c
	}
	en := bodies["update-translation:Guides/a.md"]
	fr := bodies["update-translation:Guides/a.fr.md"]
	if en == nil || fr == nil {
		t.Fatalf("changes: %v", plantest.Keys(p))
	}
	if !strings.Contains(en.Translation.Body, `href="https://hc/en-us/2#setup"`) {
		t.Errorf("en body: %s", en.Translation.Body)
	}
	if !strings.Contains(fr.Translation.Body, `href="https://hc/fr/2"`) {
		t.Errorf("a link from French goes to B's French version: %s", fr.Translation.Body)
	}
	// c is new: a placeholder, resolved at apply time after its create.
	if !strings.Contains(en.Translation.Body, `href="hcsync-link:`) || strings.Join(en.Deps, ",") != "create:Guides/c.md" {
		t.Errorf("en body %s deps %v", en.Translation.Body, en.Deps)
	}
}

// Links rooted at the site resolve against links.root: a folder of the
// tree makes them links to its articles (and images), a site URL full
// URLs; paths into the help center itself stay as written.
func TestRootedLinks(t *testing.T) {
	body := "[g](/Guides/gide) [h](/Guides/gide.md#x) [i](/Guides/) ![b](/Guides/images/big.png) [form](/hc/en-us/requests/new) [lower](/guides/gide/)\n"
	tests := []struct {
		root string
		want []string
	}{
		{"/", []string{`href="/Guides/gide"`, `src="/Guides/images/big.png"`, `href="/hc/en-us/requests/new"`}},
		// A site path lower-cased, as site generators serve it, finds
		// its file too.
		{".", []string{`href="https://hc/2"`, `href="https://hc/2#x"`, `href="https://hc/3"`, `src="hcsync-image:`, `href="/hc/en-us/requests/new"`, `<a href="https://hc/2">lower</a>`}},
		{"https://site.test/docs/", []string{`href="https://site.test/docs/Guides/gide"`, `href="https://site.test/docs/Guides/gide.md#x"`,
			`href="https://site.test/docs/Guides/"`, `src="https://site.test/docs/Guides/images/big.png"`, `href="/hc/en-us/requests/new"`, `href="https://site.test/docs/guides/gide/"`}},
	}
	for _, tt := range tests {
		t.Run(tt.root, func(t *testing.T) {
			tree := plantest.LoadTree(t, map[string]string{
				"Guides/a.md":      "---\ntitle: A\nid: 1\n---\n" + body,
				"Guides/gide.md":   "---\ntitle: Gide\nid: 2\n---\nx\n",
				"Guides/_index.md": "---\ntitle: Index\nid: 3\n---\nx\n",
			})
			plantest.WriteRaw(t, tree, "Guides/images/big.png", "png")
			live := plantest.BaseRemote()
			live.Articles = []providers.Article{
				plantest.RemoteArticle("1", "100", "A", "", false),
				plantest.RemoteArticle("2", "100", "Gide", plantest.HTML("x\n"), false),
				plantest.RemoteArticle("3", "100", "Index", plantest.HTML("x\n"), false),
			}
			live.Articles[0].URL = "https://hc/hc/en-us/articles/1"
			caps := plantest.FullCaps
			caps.ImageUpload = true
			p := makePlan(t, tree, live, Options{Caps: caps, LinksRoot: tt.root})
			var got string
			for _, c := range p.Changes {
				if c.Key == "update-translation:Guides/a.md" {
					got = c.Translation.Body
				}
			}
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("body lacks %s:\n%s", w, got)
				}
			}
		})
	}
}

func TestHexRuns(t *testing.T) {
	h := "0123456789abcdef"
	tests := []struct {
		in   string
		want []string
	}{
		{h + "-installer.png", []string{h}},
		{"installer.png", nil},
		{"0123456789abcde-x.png", nil}, // 15 digits
		{strings.Repeat("a", 64) + ".png", []string{strings.Repeat("a", 16)}},
		{strings.Repeat("b", 80) + ".png", []string{strings.Repeat("b", 16), strings.Repeat("b", 16)}},
		{"x" + h + "Z" + h, []string{h, h}},
		{"0123456789ABCDEF.png", nil}, // upper case is not ours
	}
	for _, tt := range tests {
		if got := hexRuns(tt.in); strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("hexRuns(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// TestPlaceholderTextInProse: an article about hcsync may show the text
// of a placeholder; only attribute values are placeholders.
func TestPlaceholderTextInProse(t *testing.T) {
	body := `<p>A body waits for <code>hcsync-link:abc123</code> to resolve.</p><p><a href="hcsync-link:0a1b">x</a></p>`
	got, err := plan.ResolvePlaceholders(body, func(kind, key string) (string, bool) {
		return "https://hc/" + key, key == "0a1b"
	})
	if err != nil {
		t.Fatal(err)
	}
	want := `<p>A body waits for <code>hcsync-link:abc123</code> to resolve.</p><p><a href="https://hc/0a1b">x</a></p>`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if plan.HasPlaceholder(`<p>hcsync-link:abc123</p>`) {
		t.Error("prose counted as a plan.Placeholder")
	}
}

func TestLinkToArticleWithoutURL(t *testing.T) {
	tree := plantest.LoadTree(t, map[string]string{
		"Guides/a.md": "---\ntitle: A\nid: 1\n---\nSee [b](b.md).\n",
		"Guides/b.md": "---\ntitle: B\nid: 2\n---\nx\n",
	})
	live := plantest.BaseRemote()
	a := plantest.RemoteArticle("1", "100", "A", "", false)
	b := plantest.RemoteArticle("2", "100", "B", plantest.HTML("x\n"), false)
	b.URL = ""
	live.Articles = []providers.Article{a, b}
	_, err := NewPlan(tree, live, Options{Provider: "test", Caps: plantest.FullCaps})
	ps, ok := err.(diag.Problems)
	if !ok || len(ps) != 1 || !strings.Contains(ps[0].String(), "Guides/a.md:5:") || !strings.Contains(ps[0].String(), "reports no URL for Guides/b.md") {
		t.Fatalf("err = %v, want one problem at Guides/a.md:5 naming b's missing URL", err)
	}
}

// TestResolvePlaceholders: a body rendered with placeholders and then
// resolved is the body rendered with the URLs in the first place, for
// URLs that need escaping, carry a query or a fragment of their own.
func TestResolvePlaceholders(t *testing.T) {
	urls := []string{
		"https://hc.example/a",
		`https://hc.example/a?x=1&y="2"`,
		"https://hilfe.example/zentrum-für-kunden/artikel 2",
		"https://help.example/view?hc=acme&p=",
		"https://help.example/a#own-heading",
		"https://help.example/100%25-sure",
	}
	const md = "See [b](b.md), [b's setup](b.md?tab=2#setup), [top](b.md#top) and ![shot](img.png?v=2).\n"
	for _, u := range urls {
		render1 := func(link, image string) string {
			t.Helper()
			res := render.Render([]byte(md), render.Options{
				Link:  func(string, int) (string, error) { return link, nil },
				Image: func(string, int) (string, error) { return image, nil },
			})
			if len(res.Problems) > 0 {
				t.Fatal(res.Problems)
			}
			return res.HTML
		}
		want := render1(u, u+"/img")
		planned := render1(plan.LinkPrefix+"0a", plan.ImagePrefix+"ff")
		got, err := plan.ResolvePlaceholders(planned, func(kind, key string) (string, bool) {
			if kind == "image" {
				return u + "/img", key == "ff"
			}
			return u, key == "0a"
		})
		if err != nil || got != want {
			t.Errorf("%s:\ngot  %s (%v)\nwant %s", u, got, err, want)
		}
	}
	_, err := plan.ResolvePlaceholders(`<a href="hcsync-link:0a">a</a><a href="hcsync-link:0b">b</a><img src="hcsync-image:ee">`, func(kind, key string) (string, bool) {
		return "https://hc/a", key == "0a"
	})
	if err == nil || !strings.Contains(err.Error(), "no URL for hcsync-link:0b, hcsync-image:ee:") {
		t.Errorf("err = %v, want both unresolved placeholders named", err)
	}
}

func TestScanSources(t *testing.T) {
	l := uploads{byHash: map[string]string{}, shown: map[string]bool{}}
	l.scan(`<p><img src="https://hc/img/0123456789abcdef-a.png"><img` + "\n" +
		`src="https://hc/b.png?x=1&amp;y=2"><img data-src="https://hc/lazy.png"><img src=""></p>src="https://hc/start.png"`)
	want := []string{"https://hc/b.png?x=1&y=2", "https://hc/img/0123456789abcdef-a.png"}
	var got []string
	for u := range l.shown {
		got = append(got, u)
	}
	sort.Strings(got)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("shown = %v, want %v (data-src, and src= outside a tag, are not image sources)", got, want)
	}
	if l.byHash["0123456789abcdef"] != want[1] {
		t.Errorf("byHash = %v", l.byHash)
	}
}

// TestFindUploadsOrder: the scan is split across cores, and of two
// uploads of the same bytes the later article's URL must still win, as
// it did when one core scanned every body in order.
func TestFindUploadsOrder(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	const n = 4000
	live := &remote.State{}
	for i := range n {
		body := fmt.Sprintf(`<p><img src="https://hc/img/%016x-own.png"></p>`, i+1)
		if i == 10 || i == n-10 {
			body += fmt.Sprintf(`<img src="https://hc/%d/0123456789abcdef-same.png">`, i)
		}
		live.Articles = append(live.Articles, providers.Article{ID: strconv.Itoa(i + 1), Translations: map[string]*providers.Translation{"en-us": {Body: body}}})
	}
	l := &linker{pl: &planner{remote: live}}
	l.findUploads()
	if got, want := l.uploaded["0123456789abcdef"], fmt.Sprintf("https://hc/%d/0123456789abcdef-same.png", n-10); got != want {
		t.Errorf("uploaded[same] = %q, want the later article's %q", got, want)
	}
	for i := range n {
		if u := fmt.Sprintf("https://hc/img/%016x-own.png", i+1); !l.shown[u] || l.uploaded[fmt.Sprintf("%016x", i+1)] != u {
			t.Fatalf("article %d's image %s not found", i+1, u)
		}
	}
	if len(l.shown) != n+2 {
		t.Errorf("%d URLs shown, want %d", len(l.shown), n+2)
	}
}

// FuzzScanSources holds uploads.scan to the plain search it replaced:
// every `src="` preceded by an HTML space, each value read to its quote.
func FuzzScanSources(f *testing.F) {
	f.Add(`<p><img src="https://hc/img/0123456789abcdef-a.png"><img` + "\n" + `src="b?x=1&amp;y=2">`)
	f.Add(`<img data-src=" src="x"> src="=" src="" src="a" src=`)
	f.Add(`=src="a" src= "b" ` + "\t" + `src="c`)
	f.Fuzz(func(t *testing.T, body string) {
		got := uploads{byHash: map[string]string{}, shown: map[string]bool{}}
		got.scan(body)
		want := map[string]bool{}
		for rest := body; ; {
			i := strings.Index(rest, `src="`)
			if i < 0 {
				break
			}
			spaced := i > 0 && isHTMLSpace(rest[i-1])
			rest = rest[i+len(`src="`):]
			if !spaced {
				continue
			}
			j := strings.IndexByte(rest, '"')
			if j < 0 {
				break
			}
			if v := rest[:j]; v != "" {
				want[htmlstd.UnescapeString(v)] = true
			}
			rest = rest[j:]
		}
		if !maps.Equal(got.shown, want) {
			t.Fatalf("scan(%q) found %v, want %v", body, got.shown, want)
		}
	})
}

// TestLinksByPermalink: links go to a translation's link URL, the form
// that does not follow its title; a remote body that links the same
// article with its current or an old title slug is no change, and one
// that links another article is.
func TestLinksByPermalink(t *testing.T) {
	const zd = "https://acme.zendesk.com/hc/en-us/articles/"
	target := plantest.RemoteArticle("2", "100", "The planning board", plantest.HTML("## Columns\n"), false)
	target.Translations["en-us"].URL = zd + "2-The-planning-board"
	target.Translations["en-us"].LinkURL = zd + "2"
	target.Translations["en-us"].Permalink = zd + "2"
	other := plantest.RemoteArticle("3", "100", "Other", plantest.HTML("y\n"), false)
	other.Translations["en-us"].URL = zd + "3-Other"
	other.Translations["en-us"].Permalink = zd + "3"
	for _, tc := range []struct {
		name, remoteHref string
		change           bool
	}{
		{"link URL", zd + "2#columns", false},
		{"current title slug", zd + "2-The-planning-board#columns", false},
		{"old title slug", zd + "2-The-board#columns", false},
		{"another article", zd + "3-Other#columns", true},
		{"another site", "https://example.com/articles/2#columns", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tree := plantest.LoadTree(t, map[string]string{
				"Guides/a.md":     "---\ntitle: A\nid: 1\n---\nSee [the board](board.md#columns).\n",
				"Guides/board.md": "---\ntitle: The planning board\nid: 2\n---\n## Columns\n",
				"Guides/other.md": "---\ntitle: Other\nid: 3\n---\ny\n",
			})
			live := plantest.BaseRemote()
			live.Articles = []providers.Article{
				plantest.RemoteArticle("1", "100", "A", `<p>See <a href="`+tc.remoteHref+`">the board</a>.</p>`, false), target, other}
			p := makePlan(t, tree, live, Options{})
			if got := len(p.Changes) > 0; got != tc.change {
				t.Fatalf("changes = %v, want a change: %v", plantest.Keys(p), tc.change)
			}
			if tc.change && !strings.Contains(p.Changes[0].Translation.Body, `href="`+zd+`2#columns"`) {
				t.Errorf("the update links %s", p.Changes[0].Translation.Body)
			}
		})
	}
}
