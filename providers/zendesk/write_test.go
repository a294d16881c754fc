package zendesk

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/providers/fakeserver"
	"github.com/hcsync/hcsync/providers/zendesk/zendesktest"
)

func ptr[T any](v T) *T { return &v }

// TestLifecycle drives the adapter the way the executor does: sections,
// then an article, its translations, publishing, metadata, and reads the
// result back through ListArticles.
func TestLifecycle(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	fake, p := setup(t, zendesktest.Options{}, Options{})
	fake.AddContentTag("setup")

	cat, err := p.CreateSection(ctx, providers.SectionInput{Kind: providers.KindCategory, Name: "Getting Started", Description: "Start here"})
	if err != nil {
		t.Fatal(err)
	}
	sec, err := p.CreateSection(ctx, providers.SectionInput{Kind: providers.KindSection, Name: "Installation", ParentID: cat.ID, Position: ptr(1)})
	if err != nil {
		t.Fatal(err)
	}
	sub, err := p.CreateSection(ctx, providers.SectionInput{Kind: providers.KindSection, Name: "Desktop", ParentID: sec.ID})
	if err != nil {
		t.Fatal(err)
	}
	if sub.ParentID != sec.ID {
		t.Errorf("sub-section parent = %s, want section %s", sub.ParentID, sec.ID)
	}
	secs := fake.Sections()
	if len(secs) != 2 || secs[1].ParentSectionID != secs[0].ID || secs[1].CategoryID != secs[0].CategoryID {
		t.Errorf("fake sections = %+v, want Desktop inside Installation, same category", secs)
	}

	a, err := p.CreateArticle(ctx, providers.ArticleInput{
		SectionID: sec.ID,
		ArticleMeta: providers.ArticleMeta{
			Labels:      ptr([]string{"install", "desktop"}),
			ContentTags: ptr([]string{"setup", "workspaces"}), // "workspaces" is new
			Segments:    ptr([]string{"Signed-in users"}),
			Promoted:    ptr(true),
			Position:    ptr(3),
		},
		Source: providers.TranslationInput{Locale: "en-us", Title: "Install Lumen", Body: "<p>Run it.</p><script>x()</script>", Draft: true},
	})
	if err != nil {
		t.Fatal(err)
	}
	// The create answer has no translations: the article's own body is
	// the source translation's.
	if tr := a.Translations["en-us"]; tr == nil || !strings.HasPrefix(tr.Body, "<p>Run it.</p>") {
		t.Errorf("created article's en-us translation = %+v, want the body Zendesk answered", tr)
	}
	if _, err := p.CreateTranslation(ctx, a.ID, providers.TranslationInput{Locale: "fr", Title: "Installer Lumen", Body: "<p>Lancez-le.</p>", Draft: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := p.CreateTranslation(ctx, a.ID, providers.TranslationInput{Locale: "de", Title: "Lumen installieren", Body: "<p>Starten.</p>"}); err != nil {
		t.Fatal(err)
	}
	if err := p.Publish(ctx, a.ID, "en-us"); err != nil {
		t.Fatal(err)
	}
	if _, err := p.UpdateTranslation(ctx, a.ID, providers.TranslationInput{Locale: "fr", Title: "Installer Lumen", Body: "<p>Lancez-le vite.</p>", Draft: false}); err != nil {
		t.Fatal(err)
	}
	if _, err := p.UpdateArticle(ctx, a.ID, providers.ArticleMeta{
		SectionID:        &sub.ID,
		Labels:           ptr([]string{"install"}),
		CommentsDisabled: ptr(true),
		PermissionGroup:  ptr("Agents"),
	}); err != nil {
		t.Fatal(err)
	}
	if err := p.DeleteTranslation(ctx, a.ID, "de"); err != nil {
		t.Fatal(err)
	}

	list, err := p.ListArticles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 {
		t.Fatalf("ListArticles = %d articles, want 1", len(list))
	}
	got := list[0]
	want := providers.Article{
		ID: a.ID, SectionID: sub.ID, SourceLocale: "en-us",
		Labels: []string{"install"}, ContentTags: []string{"setup", "workspaces"},
		Segments: []string{"Signed-in users"}, PermissionGroup: "Agents",
		Promoted: true, Position: 3, CommentsDisabled: true,
	}
	if got.ID != want.ID || got.SectionID != want.SectionID || got.SourceLocale != want.SourceLocale ||
		!slices.Equal(got.Labels, want.Labels) || !slices.Equal(got.ContentTags, want.ContentTags) ||
		!slices.Equal(got.Segments, want.Segments) || got.PermissionGroup != want.PermissionGroup ||
		got.Promoted != want.Promoted || got.Position != want.Position || got.CommentsDisabled != want.CommentsDisabled {
		t.Errorf("article metadata\n got %+v\nwant %+v", got, want)
	}
	type tr struct {
		title, body string
		draft       bool
	}
	gotTr := map[string]tr{}
	for l, x := range got.Translations {
		gotTr[l] = tr{x.Title, x.Body, x.Draft}
	}
	wantTr := map[string]tr{
		"en-us": {"Install Lumen", "<p>Run it.</p>", false}, // the script was stripped
		"fr":    {"Installer Lumen", "<p>Lancez-le vite.</p>", false},
	}
	if len(gotTr) != len(wantTr) || gotTr["en-us"] != wantTr["en-us"] || gotTr["fr"] != wantTr["fr"] {
		t.Errorf("translations\n got %+v\nwant %+v", gotTr, wantTr)
	}

	// What the help center holds: notify_subscribers went at the root as
	// false, the missing tag was created once.
	fa, _ := fake.Article(mustID(t, a.ID))
	if fa.NotifySubscribers == nil || *fa.NotifySubscribers {
		t.Errorf("notify_subscribers = %v, want false at the root of the create body", fa.NotifySubscribers)
	}
	var tagNames []string
	for _, tg := range fake.ContentTags() {
		tagNames = append(tagNames, tg.Name)
	}
	if !slices.Equal(tagNames, []string{"setup", "workspaces"}) {
		t.Errorf("content tags = %v, want setup and the created workspaces", tagNames)
	}

	// The source locale follows the front-matter: fr becomes the source,
	// then en-us can go.
	if _, err := p.UpdateArticle(ctx, a.ID, providers.ArticleMeta{SourceLocale: ptr("fr")}); err != nil {
		t.Fatal(err)
	}
	if err := p.DeleteTranslation(ctx, a.ID, "en-us"); err != nil {
		t.Fatal(err)
	}
	fa, _ = fake.Article(mustID(t, a.ID))
	if fa.SourceLocale != "fr" || len(fa.Translations) != 1 {
		t.Errorf("after the source change: source %s, %d translations; want fr alone", fa.SourceLocale, len(fa.Translations))
	}

	if err := p.Archive(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if list, err := p.ListArticles(ctx); err != nil || len(list) != 0 {
		t.Errorf("after archive ListArticles = %d, %v; want none", len(list), err)
	}
}

func mustID(t *testing.T, s string) int64 {
	t.Helper()
	v, ok := parseID(s)
	if !ok {
		t.Fatalf("id %q is not numeric", s)
	}
	return v
}

// TestUnknownNames checks that a name the help center lacks is an error
// listing the names it has, and that nothing is written.
func TestUnknownNames(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tests := []struct {
		name string
		meta providers.ArticleMeta
		want []string
	}{
		{"segment", providers.ArticleMeta{Segments: ptr([]string{"VIP"})},
			[]string{`unknown user segment "VIP"`, `"Agents and admins", "Signed-in users"`}},
		{"permission group", providers.ArticleMeta{PermissionGroup: ptr("Writers")},
			[]string{`unknown permission group "Writers"`, `"Admins", "Agents"`}},
		{"section", providers.ArticleMeta{SectionID: ptr("No such section")},
			[]string{`unknown section "No such section"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fake, p := setup(t, zendesktest.Options{}, Options{})
			ids := fake.SeedArticles(1, []string{"en-us"})
			_, err := p.UpdateArticle(ctx, id(ids[0]), tt.meta)
			if err == nil {
				t.Fatal("UpdateArticle succeeded, want an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
			if n := fake.Count("PUT", ""); n != 0 {
				t.Errorf("%d PUT requests were sent, want none", n)
			}
		})
	}
}

func TestCreateArticleNeedsPermissionGroup(t *testing.T) {
	t.Parallel()
	fake := zendesktest.New(zendesktest.Options{})
	t.Cleanup(fake.Close)
	p, err := New(Options{BaseURL: fake.URL, Email: fake.Email(), APIToken: fake.APIToken(), HTTPClient: fake.Client()})
	if err != nil {
		t.Fatal(err)
	}
	sec := fake.AddSection(fake.AddCategory("C"), 0, "S")
	_, err = p.CreateArticle(context.Background(), providers.ArticleInput{SectionID: id(sec), Source: providers.TranslationInput{Locale: "en-us", Title: "T"}})
	if err == nil || !strings.Contains(err.Error(), "set zendesk.permission_group") || !strings.Contains(err.Error(), `"Admins", "Agents"`) {
		t.Fatalf("err = %v, want advice to set zendesk.permission_group listing the groups", err)
	}
}

// A create whose connection drops after the server acted must not be
// repeated: the error says the outcome is unknown.
func TestCreateNotRetriedBlindly(t *testing.T) {
	t.Parallel()
	fake, p := setup(t, zendesktest.Options{}, Options{MaxRetries: 3})
	sec := fake.AddSection(fake.AddCategory("C"), 0, "S")
	fake.SetFaults(func(n int, r *http.Request) fakeserver.Fault {
		if r.Method == http.MethodPost {
			return fakeserver.Fault{DropAfter: true}
		}
		return fakeserver.Fault{}
	})
	_, err := p.CreateArticle(context.Background(), providers.ArticleInput{SectionID: id(sec), Source: providers.TranslationInput{Locale: "en-us", Title: "T"}})
	if !errors.Is(err, providers.ErrOutcomeUnknown) {
		t.Fatalf("err = %v, want ErrOutcomeUnknown", err)
	}
	if n := fake.Count("POST", "/api/v2/help_center/sections/"); n != 1 {
		t.Errorf("%d create requests, want exactly 1", n)
	}
	if n := len(fake.Articles()); n != 1 {
		t.Errorf("fake holds %d articles, want the 1 the dropped answer created", n)
	}
}

func TestCreateTagFindsExisting(t *testing.T) {
	t.Parallel()
	fake, p := setup(t, zendesktest.Options{}, Options{})
	want := fake.AddContentTag("Feature request")
	got, err := p.CreateTag(context.Background(), "feature request")
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != want {
		t.Errorf("CreateTag = %+v, want the existing tag %s", got, want)
	}
	if n := fake.Count("POST", ""); n != 0 {
		t.Errorf("%d POSTs, want none: the tag existed", n)
	}
	if q := fake.Requests()[0].Query.Get("filter[name_prefix]"); q != "feature request" {
		t.Errorf("search used filter[name_prefix]=%q", q)
	}
}

func TestUploadImage(t *testing.T) {
	t.Parallel()
	fake, p := setup(t, zendesktest.Options{}, Options{})
	png := []byte("\x89PNG\r\n\x1a\n0000")
	u, err := p.UploadImage(context.Background(), providers.Image{Name: "shot.png", ContentType: "image/png", Data: png})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(u, fake.URL+"/hc/article_attachments/") || !strings.HasSuffix(u, "/shot.png") {
		t.Errorf("UploadImage = %q, want the attachment's content_url", u)
	}
	resp, err := fake.Client().Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.Header.Get("Content-Type") != "image/png" {
		t.Errorf("content_url serves %s", resp.Header.Get("Content-Type"))
	}
}

// An image uploaded for an article is attached to it, once: the same
// upload again, from a new Provider (a re-run), reuses the attachment of
// that name and size, and one whose answer was lost is found the same
// way rather than uploaded twice.
func TestUploadImageAttachesOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	fake, p := setup(t, zendesktest.Options{}, Options{})
	aid := id(fake.SeedArticles(1, []string{"en-us"})[0])
	img := providers.Image{Name: "108e16c5a9c451fd-shot.png", ContentType: "image/png", Data: []byte("\x89PNG\r\n\x1a\n0000"), ArticleID: aid}
	fake.SetFaults(func(_ int, r *http.Request) fakeserver.Fault {
		if r.Method == http.MethodPost {
			return fakeserver.Fault{DropAfter: true}
		}
		return fakeserver.Fault{}
	})
	u, err := p.UploadImage(ctx, img)
	if err != nil {
		t.Fatalf("an upload whose answer was lost: %v, want it found on the article", err)
	}
	fake.SetFaults(nil)
	p2, err := New(Options{BaseURL: fake.URL, Email: fake.Email(), APIToken: fake.APIToken(), HTTPClient: fake.Client()})
	if err != nil {
		t.Fatal(err)
	}
	u2, err := p2.UploadImage(ctx, img)
	if err != nil {
		t.Fatal(err)
	}
	if u2 != u {
		t.Errorf("second upload = %q, want the first's %q", u2, u)
	}
	if n := fake.Count("POST", ""); n != 1 {
		t.Errorf("%d uploads sent, want 1", n)
	}
	atts := fake.AttachmentList()
	if len(atts) != 1 || id(atts[0].ArticleID) != aid || fake.UnassociatedAttachments() != 0 {
		t.Errorf("attachments = %+v, want one, of article %s", atts, aid)
	}
}

// TestUpdateSection: names and descriptions go through the source
// locale's translation (Update Section leaves them alone), positions
// through Update Section; fields left nil are not sent; a category is
// reached at its own path; and the listing shows the result.
func TestUpdateSection(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	fake, p := setup(t, zendesktest.Options{}, Options{})
	cat, err := p.CreateSection(ctx, providers.SectionInput{Kind: providers.KindCategory, Name: "Guides"})
	if err != nil {
		t.Fatal(err)
	}
	sec, err := p.CreateSection(ctx, providers.SectionInput{Kind: providers.KindSection, Name: "Setup", Description: "Old", ParentID: cat.ID, Position: ptr(1)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.ListSections(ctx); err != nil {
		t.Fatal(err)
	}
	before := len(fake.Requests())
	if err := p.UpdateSection(ctx, sec.ID, providers.SectionUpdate{Kind: providers.KindSection, Name: ptr("Setting up"), Position: ptr(4), Locale: "en-us"}); err != nil {
		t.Fatal(err)
	}
	if err := p.UpdateSection(ctx, cat.ID, providers.SectionUpdate{Kind: providers.KindCategory, Description: ptr("All guides"), Locale: "en-us"}); err != nil {
		t.Fatal(err)
	}
	var sent []string
	for _, r := range fake.Requests()[before:] {
		sent = append(sent, r.Method+" "+r.Path+" "+string(r.Body))
	}
	want := []string{
		`PUT /api/v2/help_center/sections/` + sec.ID + `/translations/en-us {"translation":{"title":"Setting up"}}`,
		`PUT /api/v2/help_center/sections/` + sec.ID + ` {"section":{"position":4}}`,
		`PUT /api/v2/help_center/categories/` + cat.ID + `/translations/en-us {"translation":{"body":"All guides"}}`,
	}
	if strings.Join(sent, "\n") != strings.Join(want, "\n") {
		t.Errorf("requests:\n%s\nwant\n%s", strings.Join(sent, "\n"), strings.Join(want, "\n"))
	}
	secs, err := p.ListSections(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]providers.Section{}
	for _, s := range secs {
		got[s.ID] = s
	}
	if s := got[sec.ID]; s.Name != "Setting up" || s.Description != "Old" || s.Position == nil || *s.Position != 4 {
		t.Errorf("section after update = %+v", s)
	}
	if c := got[cat.ID]; c.Name != "Guides" || c.Description != "All guides" {
		t.Errorf("category after update = %+v", c)
	}

	err = p.UpdateSection(ctx, "999", providers.SectionUpdate{Kind: providers.KindSection, Name: ptr("X"), Locale: "en-us"})
	if !errors.Is(err, providers.ErrNotFound) || !strings.Contains(err.Error(), "section 999") {
		t.Errorf("update of a missing section: %v, want not found naming it", err)
	}
}

// The outdated flag of a translation is written only when set: true
// marks it, false clears it, nil leaves an editor's flag as it is.
func TestOutdatedFlag(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	_, p := setup(t, zendesktest.Options{}, Options{})
	cat, err := p.CreateSection(ctx, providers.SectionInput{Kind: providers.KindCategory, Name: "C"})
	if err != nil {
		t.Fatal(err)
	}
	sec, err := p.CreateSection(ctx, providers.SectionInput{Kind: providers.KindSection, Name: "S", ParentID: cat.ID})
	if err != nil {
		t.Fatal(err)
	}
	a, err := p.CreateArticle(ctx, providers.ArticleInput{SectionID: sec.ID, ArticleMeta: providers.ArticleMeta{PermissionGroup: ptr("Admins")},
		Source: providers.TranslationInput{Locale: "en-us", Title: "A", Body: "<p>a</p>"}})
	if err != nil {
		t.Fatal(err)
	}
	fr := providers.TranslationInput{Locale: "fr", Title: "A fr", Body: "<p>un</p>", Outdated: ptr(true)}
	if _, err := p.CreateTranslation(ctx, a.ID, fr); err != nil {
		t.Fatal(err)
	}
	outdated := func() bool {
		t.Helper()
		list, err := p.ListArticles(ctx)
		if err != nil || len(list) != 1 || list[0].Translations["fr"] == nil {
			t.Fatalf("ListArticles = %+v, %v", list, err)
		}
		return list[0].Translations["fr"].Outdated
	}
	for _, step := range []struct {
		set  *bool
		want bool
	}{{nil, true}, {ptr(false), false}, {ptr(true), true}} {
		if step.set != nil || step.want {
			fr.Outdated = step.set
			if _, err := p.UpdateTranslation(ctx, a.ID, fr); err != nil {
				t.Fatal(err)
			}
		}
		if got := outdated(); got != step.want {
			t.Errorf("after an update with outdated %v: outdated = %v, want %v", step.set, got, step.want)
		}
	}
}
