package local

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// BenchmarkListArticles lists a help center of 10,000 articles in 4
// locales, each translation with a 2.3 KB body of HTML as the renderer
// writes it (quoted attributes, a newline between block elements): a plan
// of a large help center reads all of it.
func BenchmarkListArticles(b *testing.B) {
	const articles = 10_000
	p, err := New(Options{Dir: b.TempDir()})
	if err != nil {
		b.Fatal(err)
	}
	body := benchBody()
	now := p.stamp()
	for i := range articles {
		a := &articleFile{
			ID: strconv.Itoa(i + 100), SectionID: "7", SourceLocale: "en-us",
			CreatedAt: now, UpdatedAt: now, Labels: []string{"a", "b"},
			Translations: map[string]*translationFile{},
		}
		for _, l := range []string{"en-us", "fr", "de", "ja"} {
			a.Translations[l] = &translationFile{Locale: l, Title: "Title " + a.ID, Body: body, CreatedAt: now, UpdatedAt: now}
		}
		if err := p.writeArticle(a); err != nil {
			b.Fatal(err)
		}
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		list, err := p.ListArticles(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if len(list) != articles {
			b.Fatalf("listed %d articles, want %d", len(list), articles)
		}
	}
}

// benchBody is a help center article of about 2.3 KB as the renderer
// writes it: what a JSON string has to escape is on every line.
func benchBody() string {
	var b strings.Builder
	b.WriteString(`<h2 id="overview">Overview</h2>` + "\n")
	for i := range 4 {
		fmt.Fprintf(&b, `<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit. See <a href="https://help.local/en-us/articles/%d">the setup guide</a> and <code>hcsync plan</code> before you apply.</p>`+"\n", 360000+i)
	}
	b.WriteString(`<h3 id="settings">Settings</h3>` + "\n" + `<table>` + "\n" + `<thead><tr><th scope="col">Setting</th><th scope="col">Default</th><th scope="col">Notes</th></tr></thead>` + "\n<tbody>\n")
	for i := range 9 {
		fmt.Fprintf(&b, `<tr><td><code>option_%d</code></td><td>"on"</td><td>Turns feature %d on &amp; off.</td></tr>`+"\n", i, i)
	}
	b.WriteString("</tbody>\n</table>\n<ul>\n")
	for i := range 4 {
		fmt.Fprintf(&b, `<li><a href="#step-%d" class="step">Step %d</a>: check the <em>status</em> bar.</li>`+"\n", i, i)
	}
	b.WriteString("</ul>\n" + `<p><img src="https://help.local/images/5f7d3ea1d5a4a4c6a7b5c4d0ac8e8f7e2f4a39f3c2b55fd4b8d28a8c1c2d3e4f.png" alt="The status bar" width="640" height="360"></p>` + "\n")
	return b.String()
}
