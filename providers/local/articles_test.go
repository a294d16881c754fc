package local

import (
	"cmp"
	"context"
	"os"
	"reflect"
	"slices"
	"strconv"
	"testing"

	"github.com/hcsync/hcsync/providers"
)

// TestListArticlesOrder: ListArticles gives the articles in the order
// of sorting the files' articles, in the order of their names, by id,
// as it always has, ties and ids that are not numbers included.
func TestListArticlesOrder(t *testing.T) {
	t.Parallel()
	p, err := New(Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	now := p.stamp()
	// The id in a file is that of its name, except for a few files
	// edited by hand: ids twice, out of order, not numbers.
	ids := map[int]string{7: "300", 8: "5", 9: "5", 10: "x", 11: "y", 12: "99999999999999999999999", 13: "1"}
	for n := 1; n <= 150; n++ {
		id := ids[n]
		if id == "" {
			id = strconv.Itoa(n)
		}
		a := &articleFile{
			ID: id, SectionID: "1", SourceLocale: "en-us", CreatedAt: now, UpdatedAt: now,
			Translations: map[string]*translationFile{"en-us": {Locale: "en-us", Title: "file " + strconv.Itoa(n), Body: "<p>b</p>"}},
		}
		data, err := encode(a)
		if err != nil {
			t.Fatal(err)
		}
		if err := writeFileAtomic(p.articlePath(strconv.Itoa(n)), data); err != nil {
			t.Fatal(err)
		}
	}
	got, err := p.ListArticles(context.Background())
	if err != nil {
		t.Fatal(err)
	}

	entries, err := os.ReadDir(p.path("articles"))
	if err != nil {
		t.Fatal(err)
	}
	var want []providers.Article
	for _, e := range entries {
		a, err := p.decodeArticle(p.path("articles", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, p.toArticle(a))
	}
	slices.SortFunc(want, func(a, b providers.Article) int {
		x, _ := strconv.ParseUint(a.ID, 10, 64)
		y, _ := strconv.ParseUint(b.ID, 10, 64)
		return cmp.Compare(x, y)
	})
	if !reflect.DeepEqual(got, want) {
		for i := range min(len(got), len(want)) {
			if got[i].ID != want[i].ID || got[i].Translations["en-us"].Title != want[i].Translations["en-us"].Title {
				t.Fatalf("article %d is %s (%s), want %s (%s)", i, got[i].ID, got[i].Translations["en-us"].Title, want[i].ID, want[i].Translations["en-us"].Title)
			}
		}
		t.Fatalf("listed %d articles, want %d:\n%+v\nwant\n%+v", len(got), len(want), got, want)
	}
}
