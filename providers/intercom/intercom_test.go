package intercom

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/providers/fakeserver"
	"github.com/hcsync/hcsync/providers/intercom/intercomtest"
	"github.com/hcsync/hcsync/render"
)

func newPair(t *testing.T, fo intercomtest.Options, po Options) (*Provider, *intercomtest.Server) {
	t.Helper()
	srv := intercomtest.New(fo)
	t.Cleanup(srv.Close)
	if po.Token == "" {
		po.Token = srv.Token()
	}
	if po.AuthorID == "" {
		po.AuthorID = strconv.Itoa(srv.AuthorID())
	}
	po.BaseURL = srv.URL
	if po.DefaultLocale == "" {
		po.DefaultLocale = "en"
	}
	p, err := New(po)
	if err != nil {
		t.Fatal(err)
	}
	return p, srv
}

func ptr[T any](v T) *T { return &v }

// TestLifecycle drives the provider the way the executor does — create
// a section, an article, its translations, publish, list again — and
// checks that what is listed equals what was written, and that every
// request matches Intercom's OpenAPI description.
func TestLifecycle(t *testing.T) {
	t.Parallel()
	v := openAPI(t)
	p, srv := newPair(t, intercomtest.Options{}, Options{})
	ctx := context.Background()

	loc, err := p.Locales(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if loc.Default != "en" || !loc.Has("fr") {
		t.Fatalf("locales = %+v", loc)
	}
	col, err := p.CreateSection(ctx, providers.SectionInput{Kind: providers.KindCategory, Name: "Getting started", Description: "First steps"})
	if err != nil {
		t.Fatal(err)
	}
	sec, err := p.CreateSection(ctx, providers.SectionInput{Kind: providers.KindSection, Name: "Install", ParentID: col.ID})
	if err != nil {
		t.Fatal(err)
	}
	body := "<h1>Install</h1>\n<p>Run <code>make</code>.</p>\n<ul>\n<li>one</li>\n</ul>\n"
	a, err := p.CreateArticle(ctx, providers.ArticleInput{
		SectionID: sec.ID,
		Source:    providers.TranslationInput{Locale: "en", Title: "Installing", Body: body, Draft: true, Description: ptr("How to install")},
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.CreateTranslation(ctx, a.ID, providers.TranslationInput{Locale: "fr", Title: "Installer", Body: "<p>Lancez make.</p>", Draft: false}); err != nil {
		t.Fatal(err)
	}
	if _, err := p.CreateTranslation(ctx, a.ID, providers.TranslationInput{Locale: "de", Title: "Installieren", Body: "<p>make</p>", Draft: true}); err != nil {
		t.Fatal(err)
	}
	if err := p.Publish(ctx, a.ID, "en"); err != nil {
		t.Fatal(err)
	}
	if err := p.Publish(ctx, a.ID, "de"); err != nil {
		t.Fatal(err)
	}
	if err := p.Unpublish(ctx, a.ID, "fr"); err != nil {
		t.Fatal(err)
	}
	if _, err := p.UpdateTranslation(ctx, a.ID, providers.TranslationInput{Locale: "fr", Title: "Installer hcsync", Body: "<p>Lancez make.</p>", Draft: true}); err != nil {
		t.Fatal(err)
	}
	body += "<h3>More</h3>\n"
	tr, err := p.UpdateTranslation(ctx, a.ID, providers.TranslationInput{Locale: "en", Title: "Installing", Body: body, Description: ptr("How to install")})
	if err != nil {
		t.Fatal(err)
	}
	if tr.Draft || !strings.HasSuffix(tr.Body, "<h2>More</h2>\n") {
		t.Errorf("updated en = draft %v body %q", tr.Draft, tr.Body)
	}

	list, err := p.ListArticles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 {
		t.Fatalf("listed %d articles, want 1", len(list))
	}
	got := list[0]
	if got.ID != a.ID || got.SectionID != sec.ID || got.SourceLocale != "en" {
		t.Errorf("article = id %s section %s source %s, want %s %s en", got.ID, got.SectionID, got.SourceLocale, a.ID, sec.ID)
	}
	want := map[string]providers.Translation{
		"en": {Title: "Installing", Body: render.IntercomSanitize(body), Draft: false, Description: "How to install"},
		"fr": {Title: "Installer hcsync", Body: render.IntercomSanitize("<p>Lancez make.</p>"), Draft: true},
		"de": {Title: "Installieren", Body: render.IntercomSanitize("<p>make</p>"), Draft: false},
	}
	if len(got.Translations) != len(want) {
		t.Errorf("locales = %v, want en, fr, de", keys(got.Translations))
	}
	for loc, w := range want {
		tr := got.Translations[loc]
		if tr == nil {
			t.Errorf("locale %s missing", loc)
			continue
		}
		if tr.Title != w.Title || tr.Body != w.Body || tr.Draft != w.Draft || tr.Description != w.Description {
			t.Errorf("%s = %q %q draft=%v %q\nwant %q %q draft=%v %q", loc, tr.Title, tr.Body, tr.Draft, tr.Description, w.Title, w.Body, w.Draft, w.Description)
		}
	}

	secs, err := p.ListSections(ctx)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]providers.SectionKind{}
	for _, s := range secs {
		kinds[s.Name] = s.Kind
	}
	if kinds["Getting started"] != providers.KindCategory || kinds["Install"] != providers.KindSection {
		t.Errorf("section kinds = %v", kinds)
	}

	// Moving the article to the top-level collection.
	moved, err := p.UpdateArticle(ctx, a.ID, providers.ArticleMeta{SectionID: &col.ID})
	if err != nil || moved.SectionID != col.ID {
		t.Errorf("move: section %q, err %v", moved.SectionID, err)
	}

	for _, l := range srv.Requests() {
		if l.Header.Get("Intercom-Version") != "2.15" || l.Header.Get("Authorization") != "Bearer "+srv.Token() {
			t.Errorf("%s %s: Intercom-Version %q, auth set %v", l.Method, l.Path, l.Header.Get("Intercom-Version"), l.Header.Get("Authorization") != "")
		}
	}
	checkRequests(t, v, srv)
}

func keys[V any](m map[string]V) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

func TestArchive(t *testing.T) {
	t.Parallel()
	v := openAPI(t)
	tests := []struct {
		prune string
		check func(t *testing.T, srv *intercomtest.Server, id string)
	}{
		{"", func(t *testing.T, srv *intercomtest.Server, id string) {
			a, ok := srv.Article(id)
			if !ok {
				t.Fatal("article deleted, want kept as draft")
			}
			for loc, c := range a.Contents {
				if c.State != "draft" {
					t.Errorf("%s is %s, want draft", loc, c.State)
				}
			}
		}},
		{"delete", func(t *testing.T, srv *intercomtest.Server, id string) {
			if _, ok := srv.Article(id); ok {
				t.Error("article kept, want deleted")
			}
		}},
	}
	for _, tt := range tests {
		t.Run("prune="+tt.prune, func(t *testing.T) {
			t.Parallel()
			p, srv := newPair(t, intercomtest.Options{}, Options{Prune: tt.prune})
			id := srv.AddArticle(intercomtest.Article{Contents: map[string]*intercomtest.Content{
				"en": {Title: "Old", State: "published"},
				"fr": {Title: "Vieux", State: "published"},
			}})
			ctx := context.Background()
			if err := p.Archive(ctx, id); err != nil {
				t.Fatal(err)
			}
			tt.check(t, srv, id)
			// A second archive converges.
			if err := p.Archive(ctx, id); err != nil {
				t.Errorf("second archive: %v", err)
			}
			checkRequests(t, v, srv)
		})
	}
	p, _ := newPair(t, intercomtest.Options{}, Options{Prune: "delete"})
	if p.Capabilities().Archive != providers.ArchiveDelete {
		t.Errorf("prune: delete gives archive mode %s", p.Capabilities().Archive)
	}
}

func TestPaginationListsAll(t *testing.T) {
	t.Parallel()
	p, srv := newPair(t, intercomtest.Options{}, Options{})
	for i := range 120 {
		srv.AddArticle(intercomtest.Article{Contents: map[string]*intercomtest.Content{"en": {Title: fmt.Sprint("A", i)}}})
	}
	for i := range 60 {
		srv.AddCollection(intercomtest.Collection{Name: fmt.Sprint("C", i)})
	}
	list, err := p.ListArticles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, a := range list {
		seen[a.ID] = true
	}
	if len(seen) != 120 {
		t.Errorf("listed %d distinct articles, want 120", len(seen))
	}
	if n := srv.Count("GET", "/articles"); n != 3 {
		t.Errorf("%d list calls for 120 articles at 50 a page, want 3", n)
	}
	secs, err := p.ListSections(context.Background())
	if err != nil || len(secs) != 60 {
		t.Errorf("listed %d collections (%v), want 60", len(secs), err)
	}
}

func TestErrors(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("unauthorized", func(t *testing.T) {
		t.Parallel()
		p, _ := newPair(t, intercomtest.Options{}, Options{Token: "secret-wrong-token"})
		_, err := p.ListArticles(ctx)
		var apiErr *providers.APIError
		if !errors.As(err, &apiErr) || apiErr.StatusCode != 401 || apiErr.Code != "unauthorized" || apiErr.Message != "Access Token Invalid" {
			t.Fatalf("err = %v, want a 401 unauthorized APIError", err)
		}
		if strings.Contains(err.Error(), "secret-wrong-token") {
			t.Errorf("the token leaks into %q", err)
		}
		if !strings.Contains(err.Error(), "INTERCOM_TOKEN was refused") {
			t.Errorf("err = %v, want it to name INTERCOM_TOKEN", err)
		}
	})
	t.Run("rejected html", func(t *testing.T) {
		t.Parallel()
		p, _ := newPair(t, intercomtest.Options{}, Options{})
		_, err := p.CreateArticle(ctx, providers.ArticleInput{Source: providers.TranslationInput{Locale: "en", Title: "T", Body: "<dl><dt>x</dt></dl>"}})
		var apiErr *providers.APIError
		if !errors.As(err, &apiErr) || apiErr.StatusCode != 400 || apiErr.Code != "parameter_invalid" || !strings.Contains(apiErr.Message, "<dl>") {
			t.Fatalf("err = %v, want a 400 naming <dl>", err)
		}
		if !strings.Contains(err.Error(), "fix what Intercom names") {
			t.Errorf("err = %v, want it to say what to do", err)
		}
	})
	t.Run("not found", func(t *testing.T) {
		t.Parallel()
		p, _ := newPair(t, intercomtest.Options{}, Options{})
		_, err := p.UpdateTranslation(ctx, "424242", providers.TranslationInput{Locale: "en", Title: "x"})
		if !errors.Is(err, providers.ErrNotFound) || !strings.Contains(err.Error(), "run plan again") {
			t.Errorf("err = %v, want ErrNotFound saying what to do", err)
		}
	})
	t.Run("lost create answer", func(t *testing.T) {
		t.Parallel()
		p, srv := newPair(t, intercomtest.Options{}, Options{})
		srv.SetFaults(func(n int, r *http.Request) fakeserver.Fault {
			if r.Method == http.MethodPost {
				return fakeserver.Fault{DropAfter: true}
			}
			return fakeserver.Fault{}
		})
		_, err := p.CreateArticle(ctx, providers.ArticleInput{Source: providers.TranslationInput{Locale: "en", Title: "T", Body: "<p>x</p>"}})
		if !errors.Is(err, providers.ErrOutcomeUnknown) {
			t.Errorf("err = %v, want ErrOutcomeUnknown", err)
		}
		if n := srv.Count(http.MethodPost, "/articles"); n != 1 {
			t.Errorf("POST sent %d times, want once (no blind retry)", n)
		}
	})
	t.Run("server errors are retried", func(t *testing.T) {
		t.Parallel()
		p, srv := newPair(t, intercomtest.Options{}, Options{})
		srv.SetFaults(func(n int, r *http.Request) fakeserver.Fault {
			if n == 1 {
				return fakeserver.Fault{Status: 503, Header: http.Header{"Retry-After": {"0"}}}
			}
			return fakeserver.Fault{}
		})
		if _, err := p.ListArticles(ctx); err != nil {
			t.Errorf("list after one 503: %v", err)
		}
	})
	t.Run("unsupported", func(t *testing.T) {
		t.Parallel()
		p, _ := newPair(t, intercomtest.Options{}, Options{})
		if err := p.DeleteTranslation(ctx, "1", "fr"); err == nil || !strings.Contains(err.Error(), "cannot delete a translation") {
			t.Errorf("DeleteTranslation: %v", err)
		}
		if _, err := p.UploadImage(ctx, providers.Image{Name: "a.png"}); err == nil || !strings.Contains(err.Error(), "image_base_url") {
			t.Errorf("UploadImage: %v", err)
		}
		if _, err := p.UpdateArticle(ctx, "1", providers.ArticleMeta{Labels: &[]string{"x"}}); err == nil || !strings.Contains(err.Error(), "labels") {
			t.Errorf("labels: %v", err)
		}
	})
}

func TestNewOptions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		o    Options
		want string // substring of the error; "" = ok
	}{
		{"ok", Options{Token: "t", AuthorID: "12"}, ""},
		{"no token", Options{AuthorID: "12"}, "INTERCOM_TOKEN"},
		{"no author: export and plans that create nothing need none", Options{Token: "t"}, ""},
		{"bad author", Options{Token: "t", AuthorID: "bob"}, "numeric id"},
		{"eu", Options{Token: "t", AuthorID: "1", Region: "eu"}, ""},
		{"bad region", Options{Token: "t", AuthorID: "1", Region: "mars"}, "use us, eu or au"},
		{"bad prune", Options{Token: "t", AuthorID: "1", Prune: "archive"}, "draft (the default) or delete"},
		{"plain http", Options{Token: "t", AuthorID: "1", BaseURL: "http://api.example.com"}, "plain http"},
	}
	for _, tt := range tests {
		_, err := New(tt.o)
		if (err == nil) != (tt.want == "") || (err != nil && !strings.Contains(err.Error(), tt.want)) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
}

func TestCapabilities(t *testing.T) {
	t.Parallel()
	p, _ := newPair(t, intercomtest.Options{}, Options{})
	c := p.Capabilities()
	if c.Labels || c.ContentTags || c.Segments || c.PermissionGroups || c.Position || c.Promoted || c.CommentsDisabled || c.Slug || c.ImageUpload {
		t.Errorf("claims a capability Intercom lacks: %+v", c)
	}
	if !c.SourceLocaleFixed || !c.TranslationDrafts || !c.Description || c.Archive != providers.ArchiveUnpublish || c.HTMLProfile != "intercom" || c.RequestsPerMinute != 1000 {
		t.Errorf("capabilities = %+v", c)
	}
	if render.Lookup(c.HTMLProfile).Name != "intercom" {
		t.Errorf("profile %q is not registered", c.HTMLProfile)
	}
}

// TestRateLimited: when another client has used up the window, Intercom
// answers 429 and the adapter waits for the next window and carries on;
// nothing is lost.
func TestRateLimited(t *testing.T) {
	t.Parallel()
	// Two requests per one-second window.
	p, srv := newPair(t, intercomtest.Options{RequestsPerMinute: 120, RateWindow: time.Second}, Options{})
	for i := range 60 {
		srv.AddArticle(intercomtest.Article{Contents: map[string]*intercomtest.Content{"en": {Title: fmt.Sprint("A", i)}}})
	}
	// Another integration spends the window.
	for range 2 {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/articles", nil)
		req.Header.Set("Authorization", "Bearer "+srv.Token())
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	list, err := p.ListArticles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 60 {
		t.Errorf("listed %d articles, want 60", len(list))
	}
	if s := p.Client().Stats(); s.RateLimited == 0 {
		t.Error("the adapter met no 429: the test proves nothing")
	}
}

// Locale codes are matched the way help centers do, and written the way
// Intercom spells them: a file named .pt-br.md writes pt-BR.
func TestLocaleCodes(t *testing.T) {
	t.Parallel()
	p, srv := newPair(t, intercomtest.Options{Locales: []string{"en", "pt-BR"}}, Options{Locales: []string{"en", "pt-BR"}})
	ctx := context.Background()
	a, err := p.CreateArticle(ctx, providers.ArticleInput{Source: providers.TranslationInput{Locale: "en", Title: "Hi", Body: "<p>hi</p>"}})
	if err != nil {
		t.Fatal(err)
	}
	tr, err := p.CreateTranslation(ctx, a.ID, providers.TranslationInput{Locale: "pt-br", Title: "Olá", Body: "<p>olá</p>"})
	if err != nil {
		t.Fatal(err)
	}
	if stored, _ := srv.Article(a.ID); stored.Contents["pt-BR"] == nil || tr.Locale != "pt-BR" {
		t.Errorf("pt-br stored as %v, returned as %q; want pt-BR", keys(stored.Contents), tr.Locale)
	}
	loc, err := p.Locales(ctx)
	if err != nil || loc.Default != "en" || !loc.Has("pt-br") || loc.Has("fr") {
		t.Errorf("locales = %+v, %v; want en and pt-BR only", loc, err)
	}
	// Without intercom.locales, every locale Intercom supports is enabled.
	p2, _ := newPair(t, intercomtest.Options{}, Options{})
	if loc, _ := p2.Locales(ctx); !loc.Has("zh-TW") || loc.Has("en-us") {
		t.Errorf("default enabled locales = %v", loc.Enabled)
	}
}

// TestUpdateSection: a collection's name and description change in one
// PUT that Intercom's OpenAPI description accepts; a position (which the
// API has no field for) and the parent are not sent; a missing
// collection is not found.
func TestUpdateSection(t *testing.T) {
	t.Parallel()
	v := openAPI(t)
	p, srv := newPair(t, intercomtest.Options{}, Options{})
	ctx := context.Background()
	col, err := p.CreateSection(ctx, providers.SectionInput{Kind: providers.KindCategory, Name: "Guides", Description: "Old"})
	if err != nil {
		t.Fatal(err)
	}
	sec, err := p.CreateSection(ctx, providers.SectionInput{Kind: providers.KindSection, Name: "Setup", ParentID: col.ID})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.UpdateSection(ctx, sec.ID, providers.SectionUpdate{Kind: providers.KindSection, Name: ptr("Setting up"), Description: ptr("First day"), Position: ptr(3)}); err != nil {
		t.Fatal(err)
	}
	if err := p.UpdateSection(ctx, col.ID, providers.SectionUpdate{Kind: providers.KindCategory, Description: ptr("All guides")}); err != nil {
		t.Fatal(err)
	}
	err = p.UpdateSection(ctx, "999999", providers.SectionUpdate{Name: ptr("X")})
	if !errors.Is(err, providers.ErrNotFound) || !strings.Contains(err.Error(), "999999") {
		t.Errorf("update of a missing collection: %v, want not found naming it", err)
	}
	checkRequests(t, v, srv)
	var puts []string
	for _, r := range srv.Requests() {
		if r.Method == http.MethodPut {
			puts = append(puts, r.Path+" "+strings.TrimSpace(string(r.Body)))
		}
	}
	want := "/help_center/collections/" + sec.ID + ` {"name":"Setting up","description":"First day"}; /help_center/collections/` + col.ID + ` {"description":"All guides"}; /help_center/collections/999999 {"name":"X"}`
	if strings.Join(puts, "; ") != want {
		t.Errorf("PUTs: %s\nwant %s", strings.Join(puts, "; "), want)
	}
	got := map[string]intercomtest.Collection{}
	for _, c := range srv.Collections() {
		got[c.ID] = c
	}
	if c := got[sec.ID]; c.Name != "Setting up" || c.Description != "First day" || c.ParentID != col.ID {
		t.Errorf("section after update = %+v", c)
	}
	if c := got[col.ID]; c.Name != "Guides" || c.Description != "All guides" || c.ParentID != "" {
		t.Errorf("collection after update = %+v", c)
	}
}

// TestWithoutAuthor: without intercom.author_id the adapter reads, and
// says through Capabilities (for the planner) and CreateArticle that it
// cannot create; the create is refused without a request.
func TestWithoutAuthor(t *testing.T) {
	t.Parallel()
	srv := intercomtest.New(intercomtest.Options{})
	t.Cleanup(srv.Close)
	p, err := New(Options{Token: srv.Token(), BaseURL: srv.URL, DefaultLocale: "en"})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := p.ListArticles(ctx); err != nil {
		t.Errorf("ListArticles: %v", err)
	}
	if why := p.Capabilities().CannotCreate; !strings.Contains(why, "intercom.author_id") {
		t.Errorf("CannotCreate = %q, want it to name intercom.author_id", why)
	}
	_, err = p.CreateArticle(ctx, providers.ArticleInput{Source: providers.TranslationInput{Locale: "en", Title: "T", Body: "<p>x</p>"}})
	if err == nil || !strings.Contains(err.Error(), "intercom.author_id") {
		t.Errorf("CreateArticle: %v", err)
	}
	if n := srv.Count(http.MethodPost, "/articles"); n != 0 {
		t.Errorf("POST /articles sent %d times without an author", n)
	}
	withAuthor, _ := newPair(t, intercomtest.Options{}, Options{})
	if why := withAuthor.Capabilities().CannotCreate; why != "" {
		t.Errorf("CannotCreate with an author = %q", why)
	}
}

// TestLanguages: the workspace's answers say whether its help center
// has one language (no default_locale) or several; a single-language
// one enables only its default and takes no translation write.
func TestLanguages(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tests := []struct {
		name    string
		locales []string // the workspace's
		seed    bool     // the workspace holds a collection
		enabled int      // len(Locales().Enabled); -1 = every supported locale
	}{
		{"single language", []string{"en"}, true, 1},
		{"multilingual", []string{"en", "fr"}, true, -1},
		{"empty workspace tells nothing", []string{"en"}, false, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p, srv := newPair(t, intercomtest.Options{Locales: tt.locales}, Options{})
			if tt.seed {
				srv.AddCollection(intercomtest.Collection{Name: "Guides"})
			}
			l, err := p.Locales(ctx)
			if err != nil {
				t.Fatal(err)
			}
			want := tt.enabled
			if want < 0 {
				want = len(supportedLocales)
			}
			if len(l.Enabled) != want || l.Default != "en" {
				t.Errorf("Locales = %+v, want %d enabled", l, want)
			}
			if (tt.enabled == 1) != strings.Contains(l.EnableHint, "single language") {
				t.Errorf("EnableHint = %q", l.EnableHint)
			}
		})
	}

	t.Run("an empty single-language workspace is settled by the first write", func(t *testing.T) {
		t.Parallel()
		p, srv := newPair(t, intercomtest.Options{Locales: []string{"en"}}, Options{})
		if _, err := p.Locales(ctx); err != nil {
			t.Fatal(err)
		}
		a, err := p.CreateArticle(ctx, providers.ArticleInput{Source: providers.TranslationInput{Locale: "en", Title: "T", Body: "<p>x</p>"}})
		if err != nil {
			t.Fatal(err)
		}
		srv.Reset()
		_, err = p.CreateTranslation(ctx, a.ID, providers.TranslationInput{Locale: "fr", Title: "T fr", Body: "<p>x</p>"})
		if !errors.Is(err, errSingleLanguage) {
			t.Errorf("CreateTranslation: %v, want the single-language refusal", err)
		}
		if err := p.Publish(ctx, a.ID, "fr"); !errors.Is(err, errSingleLanguage) {
			t.Errorf("Publish fr: %v, want the single-language refusal", err)
		}
		if n := len(srv.Requests()); n != 0 {
			t.Errorf("%d requests sent for translations Intercom would refuse", n)
		}
	})
}
