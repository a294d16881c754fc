package export

import (
	"context"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/providers/local"
)

// hostileHelpCenter is a help center whose names and locales were made
// to escape the export folder or overflow file names: the local
// provider's sections and articles replaced by these.
type hostileHelpCenter struct {
	*local.Provider
	sections []providers.Section
	articles []providers.Article
}

func (h *hostileHelpCenter) ListSections(context.Context) ([]providers.Section, error) {
	return h.sections, nil
}

func (h *hostileHelpCenter) ListArticles(context.Context) ([]providers.Article, error) {
	return h.articles, nil
}

// FetchImage serves every image, so their names come from the URLs.
func (h *hostileHelpCenter) FetchImage(context.Context, string) ([]byte, error) {
	return []byte("\x89PNG\r\n\x1a\n"), nil
}

func longTitle(prefix string) string {
	return prefix + strings.Repeat("Hardware support and troubleshooting, ", 8) // over 300 bytes
}

func newHostileHelpCenter(t *testing.T) *hostileHelpCenter {
	t.Helper()
	lp, err := local.New(local.Options{Dir: t.TempDir(), Locales: []string{"en-us", "fr", "de"}, DefaultLocale: "en-us"})
	if err != nil {
		t.Fatal(err)
	}
	art := func(id, title, body string, localeList ...string) providers.Article {
		a := providers.Article{ID: id, SectionID: "2", SourceLocale: "en-us", URL: "https://hc.example/a/" + id,
			Translations: map[string]*providers.Translation{}}
		for _, l := range append([]string{"en-us"}, localeList...) {
			a.Translations[l] = &providers.Translation{Locale: l, Title: title, Body: body, URL: "https://hc.example/" + l + "/a/" + id}
		}
		return a
	}
	longImage := `<p><img src="https://hc.example/img/` + strings.Repeat("screenshot-of-the-settings-", 12) + `.png" alt="x"></p>`
	evil := art("13", "Evil source", "<p>x</p>")
	evil.SourceLocale = "../evil"
	evil.Translations["../evil"] = evil.Translations["en-us"]
	delete(evil.Translations, "en-us")
	return &hostileHelpCenter{
		Provider: lp,
		sections: []providers.Section{
			{ID: "1", Kind: providers.KindCategory, Name: "../../" + longTitle("Category ")},
			{ID: "2", Kind: providers.KindSection, Name: "a/b/../c", ParentID: "1"},
		},
		articles: []providers.Article{
			art("10", longTitle("First: "), "<p>One.</p>"+longImage, "fr", "../../etc", "fr/x", "de\x00"),
			art("11", longTitle("Second: "), "<p>Two.</p>", "de"),
			art("12", "../../../etc/passwd", "<p>Three.</p>"),
			art("14", ".hidden\x07\x00", "<p>Four.</p>"),
			evil,
		},
	}
}

// TestExportRemoteNames: names and locales from the help center never
// take a file out of the export folder nor past a file system's name
// limit, the long ones are shortened the same way on every export, and
// what is skipped is said with the article's id and title.
func TestExportRemoteNames(t *testing.T) {
	t.Parallel()
	h := newHostileHelpCenter(t)
	opts := Options{LocalImages: true, RelativeLinks: true}
	res, err := Export(context.Background(), h, opts)
	if err != nil {
		t.Fatalf("export: %v", err)
	}
	out := filepath.Join(t.TempDir(), "out")
	if err := res.Write(out); err != nil {
		t.Fatalf("write: %v", err)
	}
	if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 1 {
		t.Errorf("the export wrote beside its folder: %v", entries)
	}

	names := map[string]bool{}
	for _, f := range res.Files {
		for _, seg := range strings.Split(f.Path, "/") {
			if len(seg) > 120 || !utf8.ValidString(seg) || seg == "." || seg == ".." || strings.ContainsAny(seg, "\\\x00\x07") ||
				(strings.HasPrefix(seg, ".") && seg != content.ImageSourcesFile) {
				t.Errorf("%s: segment %q (%d bytes) is no safe file name", f.Path, seg, len(seg))
			}
		}
		names[f.Path] = true
	}
	if res.Articles != 4 || res.Translations != 2 {
		t.Errorf("exported %d articles and %d translations, want 4 (all but the one of source locale ../evil) and 2 (fr of 10, de of 11)", res.Articles, res.Translations)
	}

	// Same help center, same names; two long titles alike for 100 bytes
	// still get two files.
	again, err := Export(context.Background(), h, opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range again.Files {
		if !names[f.Path] {
			t.Errorf("second export names a file %s the first did not", f.Path)
		}
	}
	if len(again.Files) != len(res.Files) {
		t.Errorf("second export has %d files, the first %d", len(again.Files), len(res.Files))
	}

	var warnings []string
	for _, w := range res.Warnings {
		warnings = append(warnings, w.Msg)
	}
	all := strings.Join(warnings, "\n")
	for _, want := range []string{
		`article 10 "First: Hardware`, `"../../etc"`, `"fr/x"`, `"de\x00"`,
		`article 13 "Evil source"`, `"../evil"`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("warnings do not mention %s:\n%s", want, all)
		}
	}

	// The tree loads back: every name is one the loader accepts.
	if _, err := content.Load(out, content.LoadOptions{DefaultLocale: res.DefaultLocale}); err != nil {
		t.Errorf("loading the exported tree: %v", err)
	}
}

// TestExportWriteErrorNamesArticle: a file that cannot be written names
// the article it holds and the path, so the user knows what was lost.
func TestExportWriteErrorNamesArticle(t *testing.T) {
	t.Parallel()
	h := newHostileHelpCenter(t)
	h.articles = h.articles[2:3] // 12 "../../../etc/passwd"
	res, err := Export(context.Background(), h, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var file string
	for _, f := range res.Files {
		if strings.HasSuffix(f.Path, ".md") && !strings.HasPrefix(path.Base(f.Path), "_") {
			file = f.Path
		}
	}
	out := t.TempDir()
	// A folder where the article's file goes: its rename fails.
	if err := os.MkdirAll(filepath.Join(out, filepath.FromSlash(file), "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	err = res.Write(out)
	if err == nil {
		t.Fatal("write over a folder succeeded")
	}
	want := `article 12 "../../../etc/passwd": write ` + filepath.Join(out, filepath.FromSlash(file)) + ": "
	if !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error %q, want it to start %q", err, want)
	}
}
