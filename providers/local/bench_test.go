package local

import (
	"context"
	"encoding/json"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

// BenchmarkListArticles lists a help center of 10,000 articles in 4
// locales, each translation with a 1.5 KB body: a plan of a large help
// center reads all of it.
func BenchmarkListArticles(b *testing.B) {
	const articles = 10_000
	p, err := New(Options{Dir: b.TempDir()})
	if err != nil {
		b.Fatal(err)
	}
	body := "<p>" + strings.Repeat("Lorem ipsum dolor sit amet, consectetur. ", 36) + "</p>"
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

// TestDecodeMatchesStdlib holds the fast decoder of article files to
// what encoding/json makes of them, on a file with every field set and
// bodies full of what needs escaping.
func TestDecodeMatchesStdlib(t *testing.T) {
	t.Parallel()
	p, err := New(Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	now := p.stamp()
	a := &articleFile{
		ID: "12", SectionID: "3", SourceLocale: "en-us", CreatedAt: now, UpdatedAt: now.Add(time.Hour),
		Labels: []string{"a", "ü"}, ContentTags: []string{"Beta"}, Segments: []string{"Staff"}, PermissionGroup: "Admins",
		Promoted: true, Position: -3, CommentsDisabled: true,
		Translations: map[string]*translationFile{
			"en-us": {Locale: "en-us", Title: `Quotes "and" \ backslash`, Body: "<p class=\"x\">a &amp; b\n\t<br>\u2028 😀 \x01</p>", Draft: true, Description: "d", Slug: "s", CreatedAt: now, UpdatedAt: now},
			"ja":    {Locale: "ja", Title: "日本語", Body: "", CreatedAt: now, UpdatedAt: now},
		},
	}
	if err := p.writeArticle(a); err != nil {
		t.Fatal(err)
	}
	got, err := decodeArticle(p.articlePath("12"))
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(p.articlePath("12"))
	if err != nil {
		t.Fatal(err)
	}
	want := &articleFile{}
	if err := json.Unmarshal(data, want); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("decoded\n%+v\nencoding/json\n%+v", got, want)
	}
	if !reflect.DeepEqual(got.Translations["en-us"], a.Translations["en-us"]) {
		t.Errorf("round trip changed the translation:\n%+v\n%+v", got.Translations["en-us"], a.Translations["en-us"])
	}
}
