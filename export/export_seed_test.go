package export

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"sort"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/locales"

	"github.com/hcsync/hcsync/providers"
)

// seedHelpCenter fills a help center, through the Provider contract only,
// with the variety an export must carry across: 52 articles in nested
// sections, three locales, tables, code, images, links between articles,
// callouts and videos kept as HTML, drafts, labels, content tags, user
// segments and permission groups, each as far as the provider can hold
// them. It works for every provider, so each fake gets the same test.
func seedHelpCenter(t *testing.T, p providers.Provider) {
	t.Helper()
	ctx := context.Background()
	caps := p.Capabilities()
	locs, err := p.Locales(ctx)
	if err != nil {
		t.Fatal(err)
	}
	source := locs.Default
	var others []string
	for _, l := range locs.Enabled {
		if !locales.Equal(l, source) && len(others) < 2 {
			others = append(others, l)
		}
	}
	if len(others) < 2 {
		t.Fatalf("seed needs 3 enabled locales, the help center has %v", locs.Enabled)
	}

	var sections []string // ids of sections articles go into
	for c := 0; c < 2; c++ {
		cat, err := p.CreateSection(ctx, providers.SectionInput{Kind: providers.KindCategory, Name: fmt.Sprintf("Category %d: %s", c+1, []string{"Getting started", "Billing & plans"}[c]), Locale: source})
		if err != nil {
			t.Fatalf("create category: %v", err)
		}
		if caps.TopLevelArticles && c == 1 {
			sections = append(sections, cat.ID)
		}
		for s := 0; s < 2; s++ {
			sec, err := p.CreateSection(ctx, providers.SectionInput{Kind: providers.KindSection, Name: fmt.Sprintf("Section %d.%d", c+1, s+1), Description: "About section " + fmt.Sprint(s), ParentID: cat.ID, Locale: source})
			if err != nil {
				t.Fatalf("create section: %v", err)
			}
			sections = append(sections, sec.ID)
		}
	}
	// Two sections of the same name in one category must get two folders.
	if dup, err := p.CreateSection(ctx, providers.SectionInput{Kind: providers.KindSection, Name: "Section 1.1", ParentID: sectionsParent(t, p, sections[0]), Locale: source}); err == nil {
		sections = append(sections, dup.ID)
	}

	var tags []string
	if caps.ContentTags {
		for _, name := range []string{"setup", "feature request"} {
			tag, err := p.CreateTag(ctx, name)
			if err != nil {
				t.Fatalf("create tag: %v", err)
			}
			tags = append(tags, tag.Name)
		}
	}
	tax, err := p.Taxonomy(ctx)
	if err != nil {
		t.Fatal(err)
	}
	segments := sortedValues(tax.Segments)
	groups := sortedValues(tax.PermissionGroups)

	imageURL := ""
	if caps.ImageUpload {
		imageURL, err = p.UploadImage(ctx, providers.Image{Name: "screen.png", ContentType: "image/png", Data: tinyPNG(t)})
		if err != nil {
			t.Fatalf("upload image: %v", err)
		}
	}

	// Intercom refuses nested lists (intercom-articles.txt).
	nested := caps.HTMLProfile != "intercom"
	var prev providers.Article
	for i := 0; i < 52; i++ {
		title := fmt.Sprintf("Article %d: %s", i, []string{"Install the app", "Reset a password", "Read an invoice", "Use the API", "Invite a team", "Export data"}[i%6])
		if i == 7 {
			title = "Article 1: Reset a password" // article 1's title, in the same section
		}
		in := providers.ArticleInput{SectionID: sections[i%len(sections)], Source: providers.TranslationInput{
			Locale: source, Title: title, Body: seedBody(i, imageURL, prev, nested), Draft: i%7 == 3,
		}}
		if caps.Labels {
			in.Labels = &[]string{fmt.Sprintf("label-%d", i%3), "common"}
		}
		if caps.ContentTags && i%2 == 0 {
			in.ContentTags = &[]string{tags[i%len(tags)]}
		}
		if caps.Segments && len(segments) > 0 && i%4 == 0 {
			in.Segments = &[]string{segments[i%len(segments)]}
		}
		if caps.PermissionGroups && len(groups) > 0 {
			in.PermissionGroup = &groups[i%len(groups)]
		}
		if caps.Promoted && i%5 == 0 {
			in.Promoted = new(true)
		}
		if caps.Position {
			in.Position = new(i % 9)
		}
		if caps.Description && i%3 == 0 {
			in.Source.Description = new("Short description of article " + fmt.Sprint(i))
		}
		a, err := p.CreateArticle(ctx, in)
		if err != nil {
			t.Fatalf("create article %d: %v", i, err)
		}
		for k, l := range others {
			if (i+k)%2 != 0 {
				continue
			}
			tr := providers.TranslationInput{Locale: l, Title: fmt.Sprintf("%s (%s)", title, l), Body: seedBody(i+k+1, imageURL, prev, nested), Draft: i%5 == 1 || i%7 == 3} // Help.Center publishes no translation of a draft
			if _, err := p.CreateTranslation(ctx, a.ID, tr); err != nil {
				t.Fatalf("create translation %s of article %d: %v", l, i, err)
			}
		}
		prev = a
	}
}

// sectionsParent returns the parent id of section id.
func sectionsParent(t *testing.T, p providers.Provider, id string) string {
	t.Helper()
	secs, err := p.ListSections(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range secs {
		if s.ID == id {
			return s.ParentID
		}
	}
	t.Fatalf("section %s not listed", id)
	return ""
}

// seedBody is article i's HTML, written the way help-center editors and
// their WYSIWYG tools write it rather than the way goldmark would.
func seedBody(i int, imageURL string, prev providers.Article, nested bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<p>This is article <strong>%d</strong>. It explains <em>one</em> thing &amp; links to <a href=\"https://example.com/docs?x=1&amp;y=2\">the docs</a>.</p>\n", i)
	switch i % 6 {
	case 0:
		b.WriteString("<h2>Steps</h2>\n<ol>\n<li>Open <b>Settings</b>.</li>\n<li>Choose <code>Advanced</code>.</li>\n<li>Click <i>Save</i>.</li>\n</ol>\n")
		if nested {
			b.WriteString("<ul><li>First</li><li>Second<ul><li>Nested</li></ul></li></ul>")
		}
	case 1:
		b.WriteString("<table><thead><tr><th>Plan</th><th>Price</th></tr></thead><tbody><tr><td>Basic</td><td>$10</td></tr><tr><td>Pro</td><td><s>$30</s> $25</td></tr></tbody></table>")
	case 2:
		b.WriteString("<pre><code class=\"language-bash\">curl -X POST https://api.example.com/v1/items \\\n  -d '{\"name\": \"x\"}'\n</code></pre>\n<pre><code>plain block\n\n  indented after a blank line</code></pre>")
	case 3:
		b.WriteString("<div class=\"callout callout-warning\"><p><strong>Warning:</strong> this deletes data.</p></div>\n<blockquote><p>Quoted advice.</p></blockquote>")
	case 4:
		b.WriteString("<p><iframe src=\"https://www.youtube.com/embed/dQw4w9WgXcQ\" width=\"560\" height=\"315\" frameborder=\"0\" allowfullscreen></iframe></p>\n<h3>Notes</h3><p>Line one<br>line two</p><hr>")
	case 5:
		b.WriteString("<p>Special characters: 1. not a list, * not emphasis *, _under_, [brackets], `ticks`, &lt;tag&gt;, 50% off, a\u00a0non-breaking space.</p>")
	}
	if imageURL != "" && i%4 == 1 {
		fmt.Fprintf(&b, "\n<p><img src=\"%s\" alt=\"The settings screen\"></p>", imageURL)
	}
	if prev.ID != "" {
		fmt.Fprintf(&b, "\n<p>See also <a href=\"%s\">the previous article</a>.</p>", prev.URL)
	}
	return b.String()
}

func tinyPNG(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 2, 2))
	img.Set(0, 0, color.RGBA{R: 255, A: 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func sortedValues(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	sort.Strings(out)
	return out
}
