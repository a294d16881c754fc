package local

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/hcsync/hcsync/providers"
)

// TestTwoWritersOfOneFolder: two Providers on one folder stand for two
// processes (two applies of different trees pointed at one local.dir).
// Every id they hand out is unique, no article overwrites another, and
// each sees the sections the other made.
func TestTwoWritersOfOneFolder(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	var writers [2]*Provider
	for i := range writers {
		p, err := New(Options{Dir: dir})
		if err != nil {
			t.Fatal(err)
		}
		writers[i] = p
	}
	sections := make([]providers.Section, len(writers))
	for i, p := range writers {
		s, err := p.CreateSection(ctx, providers.SectionInput{Kind: providers.KindCategory, Name: fmt.Sprintf("Writer %d", i)})
		if err != nil {
			t.Fatal(err)
		}
		sections[i] = s
	}
	const each = 40
	ids := make([][]string, len(writers))
	var wg sync.WaitGroup
	for i, p := range writers {
		wg.Go(func() {
			for n := range each {
				a, err := p.CreateArticle(ctx, providers.ArticleInput{SectionID: sections[i].ID,
					Source: providers.TranslationInput{Locale: "en-us", Title: fmt.Sprintf("Writer %d article %d", i, n), Body: "<p>x</p>"}})
				if err != nil {
					t.Error(err)
					return
				}
				ids[i] = append(ids[i], a.ID)
			}
		})
	}
	wg.Wait()

	seen := map[string]bool{sections[0].ID: true}
	if seen[sections[1].ID] {
		t.Errorf("both writers' sections have id %s", sections[1].ID)
	}
	seen[sections[1].ID] = true
	for i := range ids {
		for _, id := range ids[i] {
			if seen[id] {
				t.Errorf("id %s handed out twice", id)
			}
			seen[id] = true
		}
	}
	list, err := writers[0].ListArticles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2*each {
		t.Errorf("the folder holds %d articles, want %d", len(list), 2*each)
	}
	// Each lists the other's articles by section, as apply does right
	// before its first create there.
	for i, p := range writers {
		other := sections[1-i].ID
		got, err := p.ListSectionArticles(ctx, other)
		if err != nil || len(got) != each || got[0].SectionID != other || !strings.HasPrefix(got[0].Translations["en-us"].Title, fmt.Sprintf("Writer %d ", 1-i)) {
			t.Errorf("writer %d lists %d articles in the other's section (%v), want its %d", i, len(got), err, each)
		}
	}
	for i, p := range writers {
		got, err := p.ListSections(ctx)
		if err != nil || len(got) != 2 {
			t.Errorf("writer %d lists %d sections (%v), want both writers' 2", i, len(got), err)
		}
	}
}

// ListSectionArticles keeps what it read of each file between calls; a
// file written since, by this Provider or another, is read again.
func TestListSectionArticlesSeesWrites(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	p, err := New(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	cat, err := p.CreateSection(ctx, providers.SectionInput{Kind: providers.KindCategory, Name: "A"})
	if err != nil {
		t.Fatal(err)
	}
	other, err := p.CreateSection(ctx, providers.SectionInput{Kind: providers.KindCategory, Name: "B"})
	if err != nil {
		t.Fatal(err)
	}
	a, err := p.CreateArticle(ctx, providers.ArticleInput{SectionID: cat.ID, Source: providers.TranslationInput{Locale: "en-us", Title: "Old", Body: "<p>x</p>"}})
	if err != nil {
		t.Fatal(err)
	}
	titles := func(section string) string {
		t.Helper()
		list, err := p.ListSectionArticles(ctx, section)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, a := range list {
			out = append(out, a.Translations[a.SourceLocale].Title)
		}
		return strings.Join(out, ",")
	}
	if got := titles(cat.ID); got != "Old" {
		t.Fatalf("section A lists %q, want Old", got)
	}
	// Another process renames the article and moves it.
	q, err := New(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := q.UpdateTranslation(ctx, a.ID, providers.TranslationInput{Locale: "en-us", Title: "New title", Body: "<p>x</p>"}); err != nil {
		t.Fatal(err)
	}
	if _, err := q.UpdateArticle(ctx, a.ID, providers.ArticleMeta{SectionID: &other.ID}); err != nil {
		t.Fatal(err)
	}
	if got, got2 := titles(cat.ID), titles(other.ID); got != "" || got2 != "New title" {
		t.Errorf("after the move: A lists %q, B %q; want nothing and New title", got, got2)
	}
}
