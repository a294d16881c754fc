package local

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hcsync/hcsync/providers"
)

// clock is a manual clock for time stamps.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

var t0 = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

// fixture is a local help center with a category and a section.
type fixture struct {
	p       *Provider
	dir     string
	clock   *clock
	section string
}

func newFixture(t *testing.T, o Options) *fixture {
	t.Helper()
	f := &fixture{dir: t.TempDir(), clock: &clock{t: t0}}
	if o.Dir == "" {
		o.Dir = f.dir
	}
	f.dir = o.Dir
	o.Now = f.clock.now
	p, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	f.p = p
	ctx := context.Background()
	cat, err := p.CreateSection(ctx, providers.SectionInput{Kind: providers.KindCategory, Name: "Guides"})
	if err != nil {
		t.Fatal(err)
	}
	sec, err := p.CreateSection(ctx, providers.SectionInput{Kind: providers.KindSection, Name: "Getting started", ParentID: cat.ID})
	if err != nil {
		t.Fatal(err)
	}
	f.section = sec.ID
	return f
}

func (f *fixture) create(t *testing.T, title string, localeList ...string) providers.Article {
	t.Helper()
	ctx := context.Background()
	a, err := f.p.CreateArticle(ctx, providers.ArticleInput{SectionID: f.section, Source: providers.TranslationInput{Locale: "en-us", Title: title, Body: "<p>" + title + "</p>"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range localeList {
		if _, err := f.p.CreateTranslation(ctx, a.ID, providers.TranslationInput{Locale: l, Title: title + " " + l, Body: "<p>" + l + "</p>"}); err != nil {
			t.Fatal(err)
		}
	}
	return a
}

func ptr[T any](v T) *T { return &v }

func TestNewCenterIsSeeded(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "not-yet")
	p, err := New(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	tax, err := p.Taxonomy(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := providers.Taxonomy{
		Tags:             map[string]string{},
		Segments:         map[string]string{"1": "Signed-in users", "2": "Staff"},
		PermissionGroups: map[string]string{"3": "Admins", "4": "Agents"},
	}
	if fmt.Sprint(tax) != fmt.Sprint(want) {
		t.Errorf("taxonomy = %v, want %v", tax, want)
	}
	loc, _ := p.Locales(ctx)
	if loc.Default != "en-us" || len(loc.Enabled) != 0 {
		t.Errorf("locales = %+v, want en-us and no restriction", loc)
	}
	list, err := p.ListArticles(ctx)
	if err != nil || len(list) != 0 {
		t.Errorf("ListArticles = %v, %v; want none", list, err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("reading created the folder (%v): a plan must not write", err)
	}
}

func TestNewOptions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		o           Options
		wantDefault string
		wantEnabled []string
		wantErr     string
	}{
		{"defaults", Options{}, "en-us", nil, ""},
		{"default locale normalised", Options{DefaultLocale: "en_GB"}, "en-gb", nil, ""},
		{"enabled includes default", Options{DefaultLocale: "de", Locales: []string{"fr", "FR", "pt-BR"}}, "de", []string{"de", "fr", "pt-br"}, ""},
		{"bad locale", Options{Locales: []string{"french"}}, "", nil, `"french" is not a locale code`},
		{"bad default", Options{DefaultLocale: "en us"}, "", nil, "not a locale code"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tt.o.Dir = t.TempDir()
			p, err := New(tt.o)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			loc, _ := p.Locales(context.Background())
			if loc.Default != tt.wantDefault || fmt.Sprint(loc.Enabled) != fmt.Sprint(tt.wantEnabled) {
				t.Errorf("locales = %+v, want %s %v", loc, tt.wantDefault, tt.wantEnabled)
			}
		})
	}
	if _, err := New(Options{}); err == nil {
		t.Error("New without a folder succeeded")
	}
}

func TestCreateSection(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{})
	ctx := context.Background()
	secs, _ := f.p.ListSections(ctx)
	cat, sec := secs[0], secs[1]
	sub, err := f.p.CreateSection(ctx, providers.SectionInput{Kind: providers.KindSection, Name: "Deeper", ParentID: sec.ID, Position: ptr(3), Description: "d"})
	if err != nil {
		t.Fatalf("third level: %v", err)
	}
	if sub.ParentID != sec.ID || *sub.Position != 3 || sub.Description != "d" || sub.URL != "https://help.local/en-us/sections/"+sub.ID {
		t.Errorf("section = %+v", sub)
	}
	tests := []struct {
		name     string
		in       providers.SectionInput
		wantErr  string
		notFound bool
	}{
		{"fourth level", providers.SectionInput{Kind: providers.KindSection, Name: "Too deep", ParentID: sub.ID}, "3 levels deep", false},
		{"unknown parent", providers.SectionInput{Kind: providers.KindSection, Name: "X", ParentID: "999"}, "parent 999", true},
		{"section without parent", providers.SectionInput{Kind: providers.KindSection, Name: "X"}, "needs a parent", false},
		{"category with parent", providers.SectionInput{Kind: providers.KindCategory, Name: "X", ParentID: cat.ID}, "has no parent", false},
		{"no name", providers.SectionInput{Kind: providers.KindCategory, Name: " "}, "name is empty", false},
		{"bad kind", providers.SectionInput{Kind: "shelf", Name: "X"}, `kind "shelf"`, false},
	}
	for _, tt := range tests {
		_, err := f.p.CreateSection(ctx, tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.wantErr)
		}
		if errors.Is(err, providers.ErrNotFound) != tt.notFound {
			t.Errorf("%s: errors.Is(ErrNotFound) = %v, want %v", tt.name, !tt.notFound, tt.notFound)
		}
	}
	if secs, _ := f.p.ListSections(ctx); len(secs) != 3 {
		t.Errorf("%d sections after failed creates, want 3", len(secs))
	}
}

// TestUpdateSection: only the fields given change, they survive a
// reload of the store, and a wrong id or kind changes nothing.
func TestUpdateSection(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{})
	ctx := context.Background()
	if err := f.p.UpdateSection(ctx, f.section, providers.SectionUpdate{Kind: providers.KindSection, Name: ptr("Setting up"), Position: ptr(4)}); err != nil {
		t.Fatal(err)
	}
	if err := f.p.UpdateSection(ctx, f.section, providers.SectionUpdate{Description: ptr("First day")}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name     string
		id       string
		u        providers.SectionUpdate
		wantErr  string
		notFound bool
	}{
		{"unknown id", "999", providers.SectionUpdate{Name: ptr("X")}, "update section 999", true},
		{"wrong kind", f.section, providers.SectionUpdate{Kind: providers.KindCategory, Name: ptr("X")}, "not a category", false},
		{"empty name", f.section, providers.SectionUpdate{Name: ptr(" ")}, "name is empty", false},
	} {
		err := f.p.UpdateSection(ctx, tt.id, tt.u)
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) || errors.Is(err, providers.ErrNotFound) != tt.notFound {
			t.Errorf("%s: err = %v, want %q (not found: %v)", tt.name, err, tt.wantErr, tt.notFound)
		}
	}
	reopened, err := New(Options{Dir: f.dir})
	if err != nil {
		t.Fatal(err)
	}
	secs, _ := reopened.ListSections(ctx)
	s := secs[1]
	if s.ID != f.section || s.Name != "Setting up" || s.Description != "First day" || s.Position == nil || *s.Position != 4 || s.ParentID != secs[0].ID {
		t.Errorf("section after updates = %+v", s)
	}
}

func TestCreateArticle(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{Locales: []string{"en-us", "fr"}})
	ctx := context.Background()
	tag, err := f.p.CreateTag(ctx, "Feature request")
	if err != nil {
		t.Fatal(err)
	}
	a, err := f.p.CreateArticle(ctx, providers.ArticleInput{
		SectionID: f.section,
		ArticleMeta: providers.ArticleMeta{
			Labels:          ptr([]string{"photo", "tripod"}),
			ContentTags:     ptr([]string{"feature request"}),
			Segments:        ptr([]string{"Staff"}),
			PermissionGroup: ptr("3"),
			Promoted:        ptr(true),
			Position:        ptr(42),
		},
		Source: providers.TranslationInput{Locale: "EN_us", Title: " Low light ", Body: "<p>x</p>", Draft: true, Description: ptr("short"), Slug: ptr("low-light")},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := providers.Article{
		ID: a.ID, SectionID: f.section, SourceLocale: "en-us", URL: "https://help.local/en-us/articles/" + a.ID,
		CreatedAt: t0, UpdatedAt: t0,
		Labels: []string{"photo", "tripod"}, ContentTags: []string{tag.Name}, Segments: []string{"Staff"},
		PermissionGroup: "Admins", Promoted: true, Position: 42,
		Translations: map[string]*providers.Translation{"en-us": {
			Locale: "en-us", Title: "Low light", Body: "<p>x</p>", Draft: true, Description: "short", Slug: "low-light",
			URL: "https://help.local/en-us/articles/" + a.ID, UpdatedAt: t0,
		}},
	}
	if got, w := dump(a), dump(want); got != w {
		t.Errorf("created\n%s\nwant\n%s", got, w)
	}
	list, _ := f.p.ListArticles(ctx)
	if len(list) != 1 || dump(list[0]) != dump(want) {
		t.Errorf("listed %v, want the created article", list)
	}

	tests := []struct {
		name     string
		in       providers.ArticleInput
		wantErr  string
		notFound bool
	}{
		{"no title", providers.ArticleInput{SectionID: f.section, Source: providers.TranslationInput{Title: " "}}, "title is empty", false},
		{"unknown section", providers.ArticleInput{SectionID: "999", Source: providers.TranslationInput{Title: "T"}}, "section 999", true},
		{"no section", providers.ArticleInput{Source: providers.TranslationInput{Title: "T"}}, "no section", false},
		{"locale not enabled", providers.ArticleInput{SectionID: f.section, Source: providers.TranslationInput{Title: "T", Locale: "de"}}, "locale de is not enabled", false},
		{"unknown tag", providers.ArticleInput{SectionID: f.section, ArticleMeta: providers.ArticleMeta{ContentTags: ptr([]string{"nope"})}, Source: providers.TranslationInput{Title: "T"}}, `unknown content tag "nope"`, false},
		{"unknown segment", providers.ArticleInput{SectionID: f.section, ArticleMeta: providers.ArticleMeta{Segments: ptr([]string{"VIPs"})}, Source: providers.TranslationInput{Title: "T"}}, `unknown user segment "VIPs" (known: Signed-in users, Staff)`, false},
		{"unknown group", providers.ArticleInput{SectionID: f.section, ArticleMeta: providers.ArticleMeta{PermissionGroup: ptr("Owners")}, Source: providers.TranslationInput{Title: "T"}}, `unknown permission group "Owners"`, false},
	}
	for _, tt := range tests {
		_, err := f.p.CreateArticle(ctx, tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.wantErr)
		}
		if errors.Is(err, providers.ErrNotFound) != tt.notFound {
			t.Errorf("%s: errors.Is(ErrNotFound) = %v", tt.name, !tt.notFound)
		}
	}
	if list, _ := f.p.ListArticles(ctx); len(list) != 1 {
		t.Errorf("%d articles after failed creates, want 1", len(list))
	}
}

// dump renders v with pointers followed, for comparing nested values.
func dump(a providers.Article) string {
	s := fmt.Sprintf("%+v", a)
	for l, t := range a.Translations {
		s = strings.Replace(s, fmt.Sprintf("%p", t), fmt.Sprintf("%s:%+v", l, *t), 1)
	}
	return s
}

func TestUpdateArticle(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{})
	ctx := context.Background()
	a := f.create(t, "A", "fr")
	other, _ := f.p.CreateSection(ctx, providers.SectionInput{Kind: providers.KindCategory, Name: "Other"})
	tests := []struct {
		name    string
		meta    providers.ArticleMeta
		check   func(providers.Article) bool
		bumped  bool
		wantErr string
	}{
		{"nothing set", providers.ArticleMeta{}, nil, false, ""},
		{"same labels (nil vs empty)", providers.ArticleMeta{Labels: ptr([]string{})}, nil, false, ""},
		{"labels", providers.ArticleMeta{Labels: ptr([]string{"x"})}, func(a providers.Article) bool { return fmt.Sprint(a.Labels) == "[x]" }, true, ""},
		{"same labels again", providers.ArticleMeta{Labels: ptr([]string{"x"})}, nil, false, ""},
		{"section", providers.ArticleMeta{SectionID: &other.ID}, func(a providers.Article) bool { return a.SectionID == other.ID }, true, ""},
		{"unknown section", providers.ArticleMeta{SectionID: ptr("999")}, nil, false, "section 999"},
		{"segments by id", providers.ArticleMeta{Segments: ptr([]string{"1"})}, func(a providers.Article) bool { return fmt.Sprint(a.Segments) == "[Signed-in users]" }, true, ""},
		{"everyone", providers.ArticleMeta{Segments: ptr([]string{})}, func(a providers.Article) bool { return a.Segments == nil }, true, ""},
		{"source locale", providers.ArticleMeta{SourceLocale: ptr("FR")}, func(a providers.Article) bool {
			return a.SourceLocale == "fr" && a.URL == "https://help.local/fr/articles/"+a.ID
		}, true, ""},
		{"source locale without translation", providers.ArticleMeta{SourceLocale: ptr("de")}, nil, false, "has no de translation"},
		{"flags", providers.ArticleMeta{Promoted: ptr(true), CommentsDisabled: ptr(true), Position: ptr(2), PermissionGroup: ptr("agents")},
			func(a providers.Article) bool {
				return a.Promoted && a.CommentsDisabled && a.Position == 2 && a.PermissionGroup == "Agents"
			}, true, ""},
		{"clear group", providers.ArticleMeta{PermissionGroup: ptr("")}, func(a providers.Article) bool { return a.PermissionGroup == "" }, true, ""},
	}
	for _, tt := range tests {
		f.clock.advance(time.Minute)
		before, _ := f.p.ListArticles(ctx)
		got, err := f.p.UpdateArticle(ctx, a.ID, tt.meta)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%s: err = %v, want %q", tt.name, err, tt.wantErr)
			}
			if after, _ := f.p.ListArticles(ctx); dump(after[0]) != dump(before[0]) {
				t.Errorf("%s: a failed update changed the article", tt.name)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if tt.check != nil && !tt.check(got) {
			t.Errorf("%s: got %+v", tt.name, got)
		}
		if bumped := got.UpdatedAt.Equal(f.clock.now()); bumped != tt.bumped {
			t.Errorf("%s: updated_at %v moved = %v, want %v", tt.name, got.UpdatedAt, bumped, tt.bumped)
		}
		if after, _ := f.p.ListArticles(ctx); dump(after[0]) != dump(got) {
			t.Errorf("%s: stored %s, returned %s", tt.name, dump(after[0]), dump(got))
		}
	}
}

func TestTranslations(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{Locales: []string{"en-us", "fr", "de"}})
	ctx := context.Background()
	a := f.create(t, "A")
	type step struct {
		name     string
		do       func() error
		wantErr  string
		notFound bool
		bumped   bool // the translation's and article's updated_at moved
		locale   string
		check    func(*providers.Translation) bool
	}
	in := func(l, title, body string, draft bool) providers.TranslationInput {
		return providers.TranslationInput{Locale: l, Title: title, Body: body, Draft: draft}
	}
	create := func(i providers.TranslationInput) func() error {
		return func() error { _, err := f.p.CreateTranslation(ctx, a.ID, i); return err }
	}
	update := func(i providers.TranslationInput) func() error {
		return func() error { _, err := f.p.UpdateTranslation(ctx, a.ID, i); return err }
	}
	steps := []step{
		{name: "create fr", do: create(in("fr", "Bonjour", "<p>b</p>", true)), bumped: true, locale: "fr",
			check: func(t *providers.Translation) bool {
				return t.Title == "Bonjour" && t.Draft && t.URL == "https://help.local/fr/articles/"+a.ID
			}},
		{name: "create fr again", do: create(in("FR", "X", "", false)), wantErr: "already has a fr translation"},
		{name: "create not enabled", do: create(in("ja", "X", "", false)), wantErr: "locale ja is not enabled"},
		{name: "create invalid", do: create(in("french", "X", "", false)), wantErr: "not a locale code"},
		{name: "create untitled", do: create(in("de", "", "", false)), wantErr: "title is empty"},
		{name: "create on unknown article", do: func() error { _, err := f.p.CreateTranslation(ctx, "999", in("de", "X", "", false)); return err }, wantErr: "article 999", notFound: true},
		{name: "update unchanged", do: update(in("fr", "Bonjour", "<p>b</p>", true)), bumped: false, locale: "fr"},
		{name: "update body", do: update(in("fr", "Bonjour", "<p>c</p>", true)), bumped: true, locale: "fr",
			check: func(t *providers.Translation) bool { return t.Body == "<p>c</p>" }},
		{name: "update description only when given", do: update(providers.TranslationInput{Locale: "fr", Title: "Bonjour", Body: "<p>c</p>", Draft: true, Description: ptr("d"), Slug: ptr("s")}), bumped: true, locale: "fr",
			check: func(t *providers.Translation) bool { return t.Description == "d" && t.Slug == "s" }},
		{name: "update keeps description when nil", do: update(in("fr", "Bonjour", "<p>c</p>", true)), bumped: false, locale: "fr",
			check: func(t *providers.Translation) bool { return t.Description == "d" }},
		{name: "update missing locale", do: update(in("de", "X", "", false)), wantErr: "no de translation", notFound: true},
		{name: "publish", do: func() error { return f.p.Publish(ctx, a.ID, "fr") }, bumped: true, locale: "fr",
			check: func(t *providers.Translation) bool { return !t.Draft }},
		{name: "publish again", do: func() error { return f.p.Publish(ctx, a.ID, "fr") }, bumped: false, locale: "fr"},
		{name: "unpublish source", do: func() error { return f.p.Unpublish(ctx, a.ID, "en-us") }, bumped: true, locale: "en-us",
			check: func(t *providers.Translation) bool { return t.Draft }},
		{name: "publish unknown article", do: func() error { return f.p.Publish(ctx, "77", "fr") }, wantErr: "article 77", notFound: true},
		{name: "delete source", do: func() error { return f.p.DeleteTranslation(ctx, a.ID, "en-us") }, wantErr: "source translation"},
		{name: "delete missing", do: func() error { return f.p.DeleteTranslation(ctx, a.ID, "de") }, wantErr: "delete de translation", notFound: true},
		{name: "delete fr", do: func() error { return f.p.DeleteTranslation(ctx, a.ID, "fr") }, bumped: true},
	}
	for _, st := range steps {
		f.clock.advance(time.Minute)
		before, _ := f.p.ListArticles(ctx)
		err := st.do()
		if st.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), st.wantErr) {
				t.Errorf("%s: err = %v, want %q", st.name, err, st.wantErr)
			}
			if errors.Is(err, providers.ErrNotFound) != st.notFound {
				t.Errorf("%s: errors.Is(ErrNotFound) = %v", st.name, !st.notFound)
			}
			if after, _ := f.p.ListArticles(ctx); dump(after[0]) != dump(before[0]) {
				t.Errorf("%s: a failed call changed the article", st.name)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", st.name, err)
			continue
		}
		after, _ := f.p.ListArticles(ctx)
		art := after[0]
		if art.UpdatedAt.Equal(f.clock.now()) != st.bumped {
			t.Errorf("%s: article updated_at %v, bumped want %v", st.name, art.UpdatedAt, st.bumped)
		}
		if st.locale != "" {
			tr := art.Translations[st.locale]
			if tr == nil {
				t.Errorf("%s: no %s translation", st.name, st.locale)
				continue
			}
			if tr.UpdatedAt.Equal(f.clock.now()) != st.bumped {
				t.Errorf("%s: translation updated_at %v, bumped want %v", st.name, tr.UpdatedAt, st.bumped)
			}
			if st.check != nil && !st.check(tr) {
				t.Errorf("%s: translation %+v", st.name, *tr)
			}
		}
	}
	if art, _ := f.p.ListArticles(ctx); len(art[0].Translations) != 1 {
		t.Errorf("translations after delete: %v", art[0].Translations)
	}
}

func TestArchive(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{})
	ctx := context.Background()
	a, b := f.create(t, "A"), f.create(t, "B")
	if err := f.p.Archive(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	list, _ := f.p.ListArticles(ctx)
	if len(list) != 1 || list[0].ID != b.ID {
		t.Errorf("after archive listed %v, want only %s", list, b.ID)
	}
	if _, err := os.Stat(filepath.Join(f.dir, "archive", a.ID+".json")); err != nil {
		t.Errorf("archived file not kept: %v", err)
	}
	for name, call := range map[string]func() error{
		"archive again":        func() error { return f.p.Archive(ctx, a.ID) },
		"update archived":      func() error { _, err := f.p.UpdateArticle(ctx, a.ID, providers.ArticleMeta{}); return err },
		"archive unknown":      func() error { return f.p.Archive(ctx, "12345") },
		"archive path outside": func() error { return f.p.Archive(ctx, "../center") },
	} {
		err := call()
		if !errors.Is(err, providers.ErrNotFound) {
			t.Errorf("%s: err = %v, want ErrNotFound", name, err)
		}
	}
	if c := f.create(t, "C"); c.ID == a.ID {
		t.Errorf("archived id %s reused", a.ID)
	}
}

func TestNotFoundNamesID(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{})
	_, err := f.p.UpdateArticle(context.Background(), "4242", providers.ArticleMeta{})
	if !errors.Is(err, providers.ErrNotFound) || !strings.Contains(err.Error(), "4242") {
		t.Errorf("err = %v, want ErrNotFound naming 4242", err)
	}
}

func TestTags(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{})
	ctx := context.Background()
	a, err := f.p.CreateTag(ctx, "Beta")
	if err != nil {
		t.Fatal(err)
	}
	b, err := f.p.CreateTag(ctx, "beta ")
	if err != nil || b != a {
		t.Errorf("creating an existing tag: %v, %v; want %v", b, err, a)
	}
	if _, err := f.p.CreateTag(ctx, " "); err == nil {
		t.Error("empty tag name accepted")
	}
	tax, _ := f.p.Taxonomy(ctx)
	if len(tax.Tags) != 1 || tax.Tags[a.ID] != "Beta" {
		t.Errorf("tags = %v", tax.Tags)
	}
}

func TestUploadImage(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{BaseURL: "http://docs.test/"})
	ctx := context.Background()
	png := append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 100)...)
	const pngHash = "5f7d3ea1d5a4a4c6a7b5c4d0ac8e8f7e2f4a39f3c2b55fd4b8d28a8c1c2d3e4f"
	tests := []struct {
		name    string
		img     providers.Image
		wantExt string
		wantErr string
	}{
		{"png by name", providers.Image{Name: "screen.PNG", Data: png}, ".png", ""},
		{"sniffed, no extension", providers.Image{Name: "screen", Data: png}, ".png", ""},
		{"jpeg by type", providers.Image{Name: "photo", ContentType: "image/jpeg", Data: []byte("jpegdata")}, ".jpg", ""},
		{"not an image", providers.Image{Name: "notes.txt", Data: []byte("hello")}, "", "not an image"},
		{"empty", providers.Image{Name: "x.png"}, "", "empty"},
		{"wrong hash", providers.Image{Name: "x.png", Data: png, Hash: pngHash}, "", "content hash"},
		{"too big", providers.Image{Name: "x.png", Data: make([]byte, maxImageBytes+1)}, "", "limit"},
	}
	for _, tt := range tests {
		url, err := f.p.UploadImage(ctx, tt.img)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), tt.img.Name) {
				t.Errorf("%s: err = %v, want %q naming the file", tt.name, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		name := strings.TrimPrefix(url, "http://docs.test/images/")
		if name == url || filepath.Ext(name) != tt.wantExt || len(name) != 64+len(tt.wantExt) {
			t.Errorf("%s: url %s, want http://docs.test/images/<sha256>%s", tt.name, url, tt.wantExt)
			continue
		}
		data, err := os.ReadFile(filepath.Join(f.dir, "images", name))
		if err != nil || string(data) != string(tt.img.Data) {
			t.Errorf("%s: stored copy differs (%v)", tt.name, err)
		}
	}
	entries, _ := os.ReadDir(filepath.Join(f.dir, "images"))
	if len(entries) != 2 {
		t.Errorf("%d files in images/, want 2: the same content is stored once", len(entries))
	}
}

func TestPersistence(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{DefaultLocale: "en-us", Locales: []string{"en-us", "fr"}})
	ctx := context.Background()
	a := f.create(t, "A", "fr")
	tag, _ := f.p.CreateTag(ctx, "Beta")
	if _, err := f.p.UpdateArticle(ctx, a.ID, providers.ArticleMeta{ContentTags: ptr([]string{"beta"})}); err != nil {
		t.Fatal(err)
	}
	wantList, _ := f.p.ListArticles(ctx)
	wantSecs, _ := f.p.ListSections(ctx)
	wantTax, _ := f.p.Taxonomy(ctx)

	// A second process: no options but the folder.
	p2, err := New(Options{Dir: f.dir})
	if err != nil {
		t.Fatal(err)
	}
	list, _ := p2.ListArticles(ctx)
	secs, _ := p2.ListSections(ctx)
	tax, _ := p2.Taxonomy(ctx)
	loc, _ := p2.Locales(ctx)
	if len(list) != 1 || dump(list[0]) != dump(wantList[0]) {
		t.Errorf("articles after reopening:\n%v\nwant\n%v", list, wantList)
	}
	if fmt.Sprint(secs) != fmt.Sprint(wantSecs) || fmt.Sprint(tax) != fmt.Sprint(wantTax) || tax.Tags[tag.ID] != "Beta" {
		t.Errorf("center after reopening: %v %v, want %v %v", secs, tax, wantSecs, wantTax)
	}
	if loc.Default != "en-us" || fmt.Sprint(loc.Enabled) != "[en-us fr]" {
		t.Errorf("locales after reopening: %+v", loc)
	}
	// The counter survives: no id is handed out twice.
	b, err := p2.CreateArticle(ctx, providers.ArticleInput{SectionID: f.section, Source: providers.TranslationInput{Title: "B"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{a.ID, tag.ID, f.section} {
		if b.ID == id {
			t.Errorf("reopened center reused id %s", id)
		}
	}
}

func TestDamagedFiles(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{})
	a := f.create(t, "A")
	file := filepath.Join(f.dir, "articles", a.ID+".json")
	if err := os.WriteFile(file, []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := f.p.ListArticles(context.Background())
	if err == nil || !strings.Contains(err.Error(), file) {
		t.Errorf("damaged article: err = %v, want it to name %s", err, file)
	}
	if err := os.WriteFile(filepath.Join(f.dir, "center.json"), []byte("[]"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := New(Options{Dir: f.dir}); err == nil || !strings.Contains(err.Error(), "center.json") {
		t.Errorf("damaged center: err = %v, want it to name center.json", err)
	}
}

// TestConcurrentWrites runs the executor's pattern: many goroutines
// creating articles and editing them at once. Run with -race.
func TestConcurrentWrites(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{})
	ctx := context.Background()
	const n = 40
	ids := make([]string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			a, err := f.p.CreateArticle(ctx, providers.ArticleInput{SectionID: f.section, Source: providers.TranslationInput{Title: fmt.Sprint("T", i)}})
			if err != nil {
				t.Error(err)
				return
			}
			ids[i] = a.ID
			if _, err := f.p.CreateTag(ctx, fmt.Sprint("tag", i%5)); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	// Eight writers per article on different locales and fields: every
	// write must survive (no lost update between read and rename).
	localeList := []string{"fr", "de", "it", "es", "ja", "ko", "nl", "pt"}
	for _, id := range ids {
		for _, l := range localeList {
			wg.Go(func() {
				if _, err := f.p.CreateTranslation(ctx, id, providers.TranslationInput{Locale: l, Title: l}); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Go(func() {
			if _, err := f.p.UpdateArticle(ctx, id, providers.ArticleMeta{Labels: ptr([]string{"x"})}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Go(func() {
		if _, err := f.p.ListArticles(ctx); err != nil {
			t.Error(err)
		}
	})
	wg.Wait()
	list, err := f.p.ListArticles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, a := range list {
		if seen[a.ID] {
			t.Errorf("id %s handed out twice", a.ID)
		}
		seen[a.ID] = true
		if len(a.Translations) != 1+len(localeList) || len(a.Labels) != 1 {
			t.Errorf("article %s: %d translations, labels %v; a concurrent write was lost", a.ID, len(a.Translations), a.Labels)
		}
	}
	if len(list) != n {
		t.Errorf("%d articles, want %d", len(list), n)
	}
	tax, _ := f.p.Taxonomy(ctx)
	if len(tax.Tags) != 5 {
		t.Errorf("%d tags, want 5 (no duplicates under concurrency)", len(tax.Tags))
	}
	leftovers, _ := filepath.Glob(filepath.Join(f.dir, "*", ".*.tmp"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left behind: %v", leftovers)
	}
}
