package local

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hcsync/hcsync/providers"
)

// testArticle is the article of testdata/article-v1.json and
// article-v2.json: every field set, bodies full of what JSON escapes and
// of the text of the line before a body.
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
// written, whatever the bodies hold, and the JSON of the file decodes
// with encoding/json to what goccy/go-json makes of it.
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
		{"invalid UTF-8", "\xff\xfe<p>\xc3</p>"},
		{"the line before a body", "--- body en-us ---\n"},
		{"the line before the next body", "<p>x</p>\n--- body fr ---\n<p>y</p>"},
		{"what ends the JSON", "\n}\n--- body ja ---\n\"body_bytes\": 99\n"},
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
			got, err := decodeArticle(p.articlePath(a.ID))
			if err != nil {
				t.Fatal(err)
			}
			for l, tr := range got.Translations {
				if tr.Body != want.Translations[l].Body {
					t.Errorf("%s body = %q, want %q", l, tr.Body, want.Translations[l].Body)
				}
				if tr.BodyBytes != len(tr.Body) {
					t.Errorf("%s body_bytes = %d, want %d", l, tr.BodyBytes, len(tr.Body))
				}
				tr.BodyBytes = 0
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("decoded\n%s\nwrote\n%s", dumpFile(got), dumpFile(want))
			}

			data, err := os.ReadFile(p.articlePath(a.ID))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(data, []byte("\n--- body en-us ---\n"+tt.body+"\n--- body fr ---\n")) {
				t.Errorf("the file does not hold the en-us body as it is:\n%s", data)
			}
			head, _, _ := bytes.Cut(data, []byte("\n--- body "))
			if bytes.Contains(head, []byte(`"body"`)) {
				t.Errorf("the JSON holds a body:\n%s", head)
			}
			std := &articleFile{}
			if err := json.Unmarshal(head, std); err != nil {
				t.Fatalf("encoding/json cannot read the JSON of the file: %v", err)
			}
			for l, tr := range std.Translations {
				tr.Body = got.Translations[l].Body
				got.Translations[l].BodyBytes, tr.BodyBytes = 0, 0
			}
			if !reflect.DeepEqual(got, std) {
				t.Errorf("goccy/go-json decoded\n%s\nencoding/json\n%s", dumpFile(got), dumpFile(std))
			}
		})
	}
}

// TestArticleFileLayout pins the layout of an article file, which people
// read and which every later version must read: the JSON, each body's
// length in place of the body, then the bodies as they are.
func TestArticleFileLayout(t *testing.T) {
	t.Parallel()
	got, err := encodeArticle(testArticle())
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("testdata/article-v2.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("encoded\n%s\nwant testdata/article-v2.json\n%s", got, want)
	}
}

// TestDecodeOldFormat: files that earlier versions wrote, bodies inline
// as JSON strings, still read, as encoding/json reads them, and the next
// write of the article turns them into the new format.
func TestDecodeOldFormat(t *testing.T) {
	t.Parallel()
	old, err := os.ReadFile("testdata/article-v1.json")
	if err != nil {
		t.Fatal(err)
	}
	got, err := parseArticle(old)
	if err != nil {
		t.Fatal(err)
	}
	want := testArticle()
	for _, tr := range want.Translations {
		tr.BodyBytes = len(tr.Body)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("decoded\n%s\nwant\n%s", dumpFile(got), dumpFile(want))
	}
	std := &articleFile{}
	if err := json.Unmarshal(old, std); err != nil {
		t.Fatal(err)
	}
	for _, tr := range std.Translations {
		tr.Body, tr.BodyBytes, tr.InlineBody = *tr.InlineBody, len(*tr.InlineBody), nil
	}
	if !reflect.DeepEqual(got, std) {
		t.Errorf("goccy/go-json decoded\n%s\nencoding/json\n%s", dumpFile(got), dumpFile(std))
	}

	dir := t.TempDir()
	file := filepath.Join(dir, "articles", "12.json")
	if err := writeFileAtomic(file, old); err != nil {
		t.Fatal(err)
	}
	p, err := New(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	list, err := p.ListArticles(ctx)
	if err != nil || len(list) != 1 || list[0].Translations["en-us"].Body != want.Translations["en-us"].Body {
		t.Fatalf("listing a help center of the old format: %v, %v", list, err)
	}
	if _, err := p.UpdateArticle(ctx, "12", providers.ArticleMeta{Labels: ptr([]string{"a", "ü"})}); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(file); !bytes.Equal(data, old) {
		t.Errorf("an update that changes nothing rewrote the file")
	}
	if _, err := p.UpdateArticle(ctx, "12", providers.ArticleMeta{Labels: ptr([]string{"b"})}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte("\n--- body en-us ---\n"+want.Translations["en-us"].Body+"\n--- body ja ---\n\n")) {
		t.Errorf("the next write kept the old format:\n%s", data)
	}
	after, err := p.ListArticles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want2 := list[0]
	want2.Labels, want2.UpdatedAt = []string{"b"}, after[0].UpdatedAt
	if dump(after[0]) != dump(want2) {
		t.Errorf("after rewriting\n%s\nwant\n%s", dump(after[0]), dump(want2))
	}
}

// TestDamagedArticleFiles: a file that cannot be read whole is an error
// that names it, says what is wrong and what to do; no part of it is
// taken for a body.
func TestDamagedArticleFiles(t *testing.T) {
	t.Parallel()
	a := testArticle()
	a.Translations["en-us"].Body = "<p>one</p>\n"
	a.Translations["ja"].Body = "<p>two</p>"
	good, err := encodeArticle(a)
	if err != nil {
		t.Fatal(err)
	}
	head, _, _ := bytes.Cut(good, []byte("\n--- body "))
	replace := func(old, new string) []byte {
		if !bytes.Contains(good, []byte(old)) {
			t.Fatalf("the file has no %q", old)
		}
		return bytes.Replace(good, []byte(old), []byte(new), 1)
	}
	tests := []struct {
		name    string
		data    []byte
		wantErr string
	}{
		{"not JSON", []byte("{not json"), "invalid character"},
		{"empty", nil, "damaged"},
		{"cut in a body", good[:len(good)-4], "ja body does not end with a new line after body_bytes (10)"},
		{"cut after the JSON", append(head, '\n'), "en-us translation has no body"},
		{"cut in the line before a body", good[:len(head)+10], `no line "--- body en-us ---"`},
		{"body longer than body_bytes", replace("<p>one</p>", "<p>one!</p>"), `no line "--- body ja ---" where the ja body starts, after the en-us body of body_bytes (11) bytes`},
		{"body shorter than body_bytes", replace("<p>two</p>", "<p>two/p>"), "ja body does not end with a new line after body_bytes (10) bytes"},
		{"body_bytes too small", replace(`"body_bytes": 11`, `"body_bytes": 9`), "en-us body does not end with a new line after body_bytes (9) bytes"},
		{"no new line after the last body", append(bytes.Clone(good[:len(good)-1]), 'x'), "ja body does not end with a new line after body_bytes (10) bytes"},
		{"negative body_bytes", replace(`"body_bytes": 11`, `"body_bytes": -1`), "en-us body does not end with a new line after body_bytes (-1)"},
		{"huge body_bytes", replace(`"body_bytes": 11`, `"body_bytes": 9223372036854775807`), "after body_bytes (9223372036854775807)"},
		{"line of another locale", replace("--- body ja ---", "--- body jp ---"), `no line "--- body ja ---"`},
		{"bodies out of order", replace("--- body en-us ---\n<p>one</p>\n\n--- body ja ---\n<p>two</p>\n", "--- body ja ---\n<p>two</p>\n--- body en-us ---\n<p>one</p>\n\n"), `no line "--- body en-us ---"`},
		{"text after the last body", append(bytes.Clone(good), "more\n"...), "5 bytes after the last body, after the ja body of body_bytes (10) bytes"},
		{"a body in the JSON too", replace(`"body_bytes": 10`, `"body": "<p>two</p>", "body_bytes": 10`), "ja translation has a body in the JSON and one after it"},
		{"null translation", []byte(`{"id": "1", "source_locale": "en-us", "translations": {"en-us": null}}`), `translation "en-us" is null`},
		{"text between the JSON and the bodies", replace("}\n--- body en-us", "} x\n--- body en-us"), "invalid character"},
		{"no source translation", []byte(`{"id": "1", "source_locale": "fr", "translations": {"en-us": {"body": ""}}}`), `no translation for the source locale "fr"`},
	}
	dir := t.TempDir()
	p, err := New(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	file := p.articlePath("12")
	for _, tt := range tests {
		if err := writeFileAtomic(file, tt.data); err != nil {
			t.Fatal(err)
		}
		_, err := p.ListArticles(context.Background())
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), file) || !strings.Contains(err.Error(), "delete") {
			t.Errorf("%s: err = %v, want %q naming %s and what to do", tt.name, err, tt.wantErr, file)
		}
	}
	if err := writeFileAtomic(file, good); err != nil {
		t.Fatal(err)
	}
	if _, err := p.ListArticles(context.Background()); err != nil {
		t.Errorf("the undamaged file: %v", err)
	}
}

// FuzzParseArticle: no content of a file makes the decoder panic, and
// what it decodes, encoded, decodes to the same article and encodes to
// the same bytes again (TestArticleFileLayout and TestArticleRoundTrip
// check that an encoded file is read back exactly).
func FuzzParseArticle(f *testing.F) {
	for _, name := range []string{"testdata/article-v1.json", "testdata/article-v2.json"} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
		f.Add(data[:len(data)/2])
	}
	a := testArticle()
	a.Translations["fr"] = &translationFile{Locale: "fr", Title: "x", Body: "--- body fr ---\n"}
	data, err := encodeArticle(a)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add(bytes.Replace(data, []byte(`"body_bytes": 16`), []byte(`"body_bytes": 17`), 1))
	f.Add([]byte(`{"source_locale": "en-us", "translations": {"en-us": {"body_bytes": 0}}}` + "\n--- body en-us ---\n\n"))
	f.Add([]byte(`{"source_locale": "en-us", "translations": {"en-us": null}}`))
	f.Add([]byte("\n--- body "))
	f.Add([]byte("{}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := parseArticle(data)
		if err != nil {
			return
		}
		first, err := encodeArticle(a)
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
		second, err := encodeArticle(b)
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
