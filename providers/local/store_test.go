package local

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hcsync/hcsync/providers"
)

// testArticle is the article of testdata/article-v1.json (plain JSON,
// the format) and article-v2.json (bodies after the JSON, a format of
// earlier versions now refused): every field set, bodies full of what
// JSON escapes and of the text of v2's line before a body.
func testArticle() *articleFile {
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	return &articleFile{
		ID: "12", SectionID: "6", SourceLocale: "en-us", CreatedAt: now, UpdatedAt: now.Add(time.Hour),
		Labels: []string{"a", "ü"}, ContentTags: []string{"Beta"}, Segments: []string{"Staff"}, PermissionGroup: "Admins",
		Promoted: true, Position: -3, CommentsDisabled: true,
		Translations: map[string]*translationFile{
			"en-us": {Locale: "en-us", Title: `Quotes "and" \ backslash`, Body: "<h2 id=\"x\">Setup</h2>\n<p class=\"x\">a &amp; b\n\t<br>\u2028 😀 \x01 \\ \x00</p>\n--- body ja ---\n", Draft: true, Description: "d", Slug: "s", CreatedAt: now, UpdatedAt: now},
			"ja":    {Locale: "ja", Title: "日本語", Body: "", CreatedAt: now, UpdatedAt: now},
		},
	}
}

// TestArticleRoundTrip: reading an article file gives exactly what was
// written, whatever the bodies hold, and the file is plain JSON that any
// JSON reader reads, bodies included.
func TestArticleRoundTrip(t *testing.T) {
	t.Parallel()
	bodies := []struct{ name, body string }{
		{"html", "<h2 id=\"x\">Title</h2>\n<p>See <a href=\"https://help.local/a?b=1&amp;c=2\">this</a>.</p>\n<table>\n<tr><td>1</td></tr>\n</table>\n"},
		{"empty", ""},
		{"one new line", "\n"},
		{"no new line at the end", "<p>x</p>"},
		{"new lines around", "\n\n<p>x</p>\n\n"},
		{"quotes and backslashes", `"\"\\ \u0041 \n '`},
		{"control characters", "\x00\x01\x1f\x7f\r\n\t\b\f"},
		{"line and paragraph separators", "a\u2028b\u2029c"},
		{"emoji and scripts", "😀 日本語 Ünïcödé"},
		{"what an earlier format took for a body", "<p>x</p>\n--- body fr ---\n<p>y</p>"},
		{"long", strings.Repeat("<p class=\"x\">Lorem ipsum</p>\n", 2000)},
	}
	p, err := New(Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	now := p.stamp()
	for i, tt := range bodies {
		t.Run(tt.name, func(t *testing.T) {
			a := testArticle()
			a.ID = strconv.Itoa(i + 100)
			a.CreatedAt, a.UpdatedAt = now, now
			a.Translations["en-us"].Body = tt.body
			a.Translations["fr"] = &translationFile{Locale: "fr", Title: "Français", Body: tt.body + "fr", CreatedAt: now, UpdatedAt: now}
			want := deepCopy(a)
			if err := p.writeArticle(a); err != nil {
				t.Fatal(err)
			}
			got, err := p.decodeArticle(p.articlePath(a.ID))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("decoded\n%s\nwrote\n%s", dumpFile(got), dumpFile(want))
			}

			data, err := os.ReadFile(p.articlePath(a.ID))
			if err != nil {
				t.Fatal(err)
			}
			var plain struct {
				Translations map[string]struct{ Body string }
			}
			if err := json.Unmarshal(data, &plain); err != nil {
				t.Fatalf("the file is not JSON: %v\n%s", err, data)
			}
			for l, tr := range want.Translations {
				if plain.Translations[l].Body != tr.Body {
					t.Errorf("the JSON's %s body = %q, want %q", l, plain.Translations[l].Body, tr.Body)
				}
			}
		})
	}
}

// TestArticleFileLayout pins the layout of an article file, which people
// read: indented JSON, HTML unescaped, bodies as JSON strings.
func TestArticleFileLayout(t *testing.T) {
	t.Parallel()
	got, err := encode(testArticle())
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("testdata/article-v1.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("encoded\n%s\nwant testdata/article-v1.json\n%s", got, want)
	}
}

// TestEarlierFormatRefused: a help center written by the versions that
// kept bodies after the JSON is refused, naming the file and saying what
// to do, not read as damaged or with bodies missing.
func TestEarlierFormatRefused(t *testing.T) {
	t.Parallel()
	old, err := os.ReadFile("testdata/article-v2.json")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	p, err := New(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	file := p.articlePath("12")
	if err := writeFileAtomic(file, old); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	_, listErr := p.ListArticles(ctx)
	_, getErr := p.UpdateArticle(ctx, "12", providers.ArticleMeta{Labels: ptr([]string{"b"})})
	for _, err := range []error{listErr, getErr} {
		if err == nil {
			t.Fatal("an article file of the earlier format was read")
		}
		for _, want := range []string{file, "earlier", "delete the folder " + dir, "--forget-ids"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("err = %v, want it to hold %q", err, want)
			}
		}
	}
}

// TestDamagedArticleFiles: a file that cannot be read is an error that
// names it, says what is wrong and what to do.
func TestDamagedArticleFiles(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		data    string
		wantErr string
	}{
		{"not JSON", "{not json", "invalid character"},
		{"empty", "", "unexpected end of JSON input"},
		{"cut", `{"id": "1", "source_locale": "en-us", "translations": {"en-us": {"body": "<p>`, "unexpected end of JSON input"},
		{"null translation", `{"id": "1", "source_locale": "en-us", "translations": {"en-us": null}}`, `translation "en-us" is null`},
		{"no source translation", `{"id": "1", "source_locale": "fr", "translations": {"en-us": {"body": ""}}}`, `no translation for the source locale "fr"`},
	}
	p, err := New(Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	file := p.articlePath("12")
	for _, tt := range tests {
		if err := writeFileAtomic(file, []byte(tt.data)); err != nil {
			t.Fatal(err)
		}
		_, err := p.ListArticles(context.Background())
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), file) || !strings.Contains(err.Error(), "delete") {
			t.Errorf("%s: err = %v, want %q naming %s and what to do", tt.name, err, tt.wantErr, file)
		}
	}
}

// FuzzParseArticle: no content of a file makes the decoder panic, and
// what it decodes, encoded, decodes to the same article and encodes to
// the same bytes again.
func FuzzParseArticle(f *testing.F) {
	for _, name := range []string{"testdata/article-v1.json", "testdata/article-v2.json"} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
		f.Add(data[:len(data)/2])
	}
	f.Add([]byte(`{"source_locale": "en-us", "translations": {"en-us": null}}`))
	f.Add([]byte("{}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := parseArticle(data)
		if err != nil {
			return
		}
		first, err := encode(a)
		if err != nil {
			t.Fatalf("a decoded article does not encode: %v", err)
		}
		b, err := parseArticle(first)
		if err != nil {
			t.Fatalf("a re-encoded article does not decode: %v\n%s", err, first)
		}
		for l, tr := range a.Translations {
			if b.Translations[l] == nil || b.Translations[l].Body != tr.Body {
				t.Fatalf("the %q body changed when re-encoded:\n%s", l, first)
			}
		}
		second, err := encode(b)
		if err != nil || !bytes.Equal(first, second) {
			t.Fatalf("encoded twice differently (%v):\n%s\n%s", err, first, second)
		}
	})
}

// deepCopy returns a copy of a that shares nothing with it.
func deepCopy(a *articleFile) *articleFile {
	c := *a
	c.Translations = make(map[string]*translationFile, len(a.Translations))
	for l, t := range a.Translations {
		tc := *t
		c.Translations[l] = &tc
	}
	return &c
}

// dumpFile shows a with its translations, bodies included.
func dumpFile(a *articleFile) string {
	s := fmt.Sprintf("%+v", *a)
	for _, l := range slices.Sorted(maps.Keys(a.Translations)) {
		s += fmt.Sprintf("\n%s: %+v", l, a.Translations[l])
	}
	return s
}
