package helpcenter_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/providers/fakeserver"
	"github.com/hcsync/hcsync/providers/helpcenter"
	"github.com/hcsync/hcsync/providers/helpcenter/helpcentertest"
)

const (
	fullKey    = "hc-secret-full-0123456789"
	readKey    = "hc-secret-read-0123456789"
	noPubKey   = "hc-secret-nopub-012345678"
	unusedRate = 1 << 20 // requests per minute: no pacing in tests that are not about it
)

func setup(t *testing.T, o helpcentertest.Options) *helpcentertest.Server {
	t.Helper()
	if o.Keys == nil {
		o.Keys = map[string][]string{
			fullKey:  helpcentertest.AllScopes,
			readKey:  {helpcentertest.ScopeRead},
			noPubKey: {helpcentertest.ScopeRead, helpcentertest.ScopeWrite, helpcentertest.ScopeDelete},
		}
	}
	if o.RateLimit == 0 {
		o.RateLimit = unusedRate
	}
	s := helpcentertest.NewServer(o)
	t.Cleanup(s.Close)
	return s
}

func helpcenterNew(s *helpcentertest.Server) (*helpcenter.Provider, error) {
	return helpcenter.New(helpcenter.Options{CenterID: s.CenterID, APIKey: fullKey, BaseURL: s.URL, RequestsPerMinute: unusedRate})
}

func newProvider(t *testing.T, s *helpcentertest.Server, key string, rpm int) *helpcenter.Provider {
	t.Helper()
	if rpm == 0 {
		rpm = unusedRate
	}
	p, err := helpcenter.New(helpcenter.Options{CenterID: s.CenterID, APIKey: key, BaseURL: s.URL, RequestsPerMinute: rpm})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func ptr[T any](v T) *T { return &v }

// The sequence the executor runs for a new tree: category, subcategory,
// article, translation, publish; then a fresh read equals what was
// written, with the right draft states on the service.
func TestExecutorFlow(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := setup(t, helpcentertest.Options{})
	p := newProvider(t, s, fullKey, 0)

	cat, err := p.CreateSection(ctx, providers.SectionInput{Kind: providers.KindCategory, Name: "Guides"})
	if err != nil {
		t.Fatal(err)
	}
	sub, err := p.CreateSection(ctx, providers.SectionInput{Kind: providers.KindSection, Name: "Install", ParentID: cat.ID})
	if err != nil {
		t.Fatal(err)
	}
	if sub.Kind != providers.KindSection || sub.ParentID != cat.ID {
		t.Errorf("subcategory = %+v", sub)
	}
	a, err := p.CreateArticle(ctx, providers.ArticleInput{SectionID: sub.ID, Source: providers.TranslationInput{
		Locale: "en", Title: "Install", Body: "<p>Run it.</p>", Description: ptr("How to install"), Slug: ptr("install-it"),
	}})
	if err != nil {
		t.Fatal(err)
	}
	draftOnly, err := p.CreateArticle(ctx, providers.ArticleInput{SectionID: cat.ID, Source: providers.TranslationInput{
		Locale: "en", Title: "Roadmap", Body: "<p>Soon.</p>", Draft: true,
	}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.CreateTranslation(ctx, a.ID, providers.TranslationInput{Locale: "fr", Title: "Installer", Body: "<p>Lancez-le.</p>", Slug: ptr("installer")}); err != nil {
		t.Fatal(err)
	}
	if _, err := p.CreateTranslation(ctx, a.ID, providers.TranslationInput{Locale: "de", Title: "Installieren", Body: "<p>Entwurf</p>", Draft: true}); err != nil {
		t.Fatal(err)
	}

	got, err := p.ListArticles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("ListArticles returned %d articles, want 2", len(got))
	}
	byID := map[string]providers.Article{got[0].ID: got[0], got[1].ID: got[1]}
	want := map[string]providers.Translation{
		"en": {Locale: "en", Title: "Install", Body: "<p>Run it.</p>", Description: "How to install", Slug: "install-it"},
		"fr": {Locale: "fr", Title: "Installer", Body: "<p>Lancez-le.</p>", Slug: "installer"},
		// A draft translation gets its slug at once, so its URL is known.
		"de": {Locale: "de", Title: "Installieren", Body: "<p>Entwurf</p>", Draft: true, Slug: "installieren"},
	}
	art := byID[a.ID]
	if art.SectionID != sub.ID || art.SourceLocale != "en" || len(art.Translations) != 3 {
		t.Errorf("article = section %s, source %s, %d translations", art.SectionID, art.SourceLocale, len(art.Translations))
	}
	for loc, w := range want {
		tr := art.Translations[loc]
		if tr == nil {
			t.Errorf("%s: missing", loc)
			continue
		}
		g := providers.Translation{Locale: tr.Locale, Title: tr.Title, Body: tr.Body, Draft: tr.Draft, Description: tr.Description, Slug: tr.Slug}
		if g != w {
			t.Errorf("%s = %+v, want %+v", loc, g, w)
		}
	}
	// A link to the draft translation must find it under the URL it will
	// have once published: /{language}/article/{slugId}-{slug}.
	slugID := regexp.MustCompile(`/article/(\d+)-`).FindStringSubmatch(art.URL)
	if de := art.Translations["de"]; de == nil || slugID == nil || !strings.HasSuffix(de.URL, "/de/article/"+slugID[1]+"-installieren") {
		t.Errorf("draft de translation = %+v, want a URL like the article's %s under /de/", de, art.URL)
	}
	if d := byID[draftOnly.ID].Translations["en"]; d == nil || !d.Draft || d.Body != "<p>Soon.</p>" {
		t.Errorf("draft article source = %+v, want an unpublished draft", d)
	}
	// Links written during the apply use the URLs the creates returned:
	// a draft's is the URL it will have once published.
	for _, created := range []providers.Article{a, draftOnly} {
		listed := byID[created.ID]
		if created.URL == "" || created.URL != listed.URL || created.Translations["en"].URL != listed.Translations["en"].URL {
			t.Errorf("article %s: created with URL %q, listed with %q", created.ID, created.URL, listed.URL)
		}
	}
	if want := "https://support.help.center/article/"; !strings.HasPrefix(draftOnly.URL, want) || !strings.HasSuffix(draftOnly.URL, "-roadmap") {
		t.Errorf("draft URL = %q, want %s{slugId}-roadmap", draftOnly.URL, want)
	}

	st, _ := s.Article(a.ID)
	if st.Status() != helpcentertest.StatusPublished || st.Translations["fr"].Status() != helpcentertest.StatusPublished ||
		st.Translations["de"].Status() != helpcentertest.StatusUnpublished {
		t.Errorf("service states: article %s, fr %s, de %s", st.Status(), st.Translations["fr"].Status(), st.Translations["de"].Status())
	}
}

// draft: true on a published article keeps the change in the draft;
// ListArticles shows the live version with the change pending;
// DiscardDraft drops it.
func TestDraftSemantics(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := setup(t, helpcentertest.Options{})
	live := helpcentertest.Version{Title: "Install", HTML: "<p>v1</p>"}
	id := s.AddArticle(helpcentertest.Article{Draft: live, Published: &live, Slug: "install"})
	p := newProvider(t, s, fullKey, 0)

	if _, err := p.UpdateTranslation(ctx, id, providers.TranslationInput{Locale: "en", Title: "Install", Body: "<p>v2</p>", Draft: true}); err != nil {
		t.Fatal(err)
	}
	list, err := p.ListArticles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	src := list[0].Translations["en"]
	if src.Draft || src.Body != "<p>v1</p>" || src.PendingBody != "<p>v2</p>" || src.PendingTitle != "Install" {
		t.Fatalf("after a draft-only update: %+v, want live v1 with v2 pending", src)
	}

	// Whether to discard is the plan's decision (planner and e2e tests);
	// the adapter carries it out when asked, and only for the article.
	before := s.Middleware().Count("POST", "/v0/centers/"+s.CenterID+"/articles/"+id+"/draft/discard")
	if err := p.DiscardDraft(ctx, id, "en"); err != nil {
		t.Fatal(err)
	}
	if n := s.Middleware().Count("POST", "/v0/centers/"+s.CenterID+"/articles/"+id+"/draft/discard"); n != before+1 {
		t.Errorf("discard requests = %d, want one", n-before)
	}
	if a, _ := s.Article(id); a.Status() != helpcentertest.StatusPublished || a.Draft != live {
		t.Errorf("after discard: %s %+v", a.Status(), a.Draft)
	}

	// Draft false makes the new content live in one call.
	if _, err := p.UpdateTranslation(ctx, id, providers.TranslationInput{Locale: "en", Title: "Install", Body: "<p>v3</p>"}); err != nil {
		t.Fatal(err)
	}
	if a, _ := s.Article(id); a.Status() != helpcentertest.StatusPublished || a.Published.HTML != "<p>v3</p>" {
		t.Errorf("after a publishing update: %s %+v", a.Status(), a.Published)
	}
}

func TestTranslationNeedsPublishedArticle(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := setup(t, helpcentertest.Options{})
	id := s.AddArticle(helpcentertest.Article{Draft: helpcentertest.Version{Title: "Install"}})
	p := newProvider(t, s, fullKey, 0)
	_, err := p.CreateTranslation(ctx, id, providers.TranslationInput{Locale: "fr", Title: "Installer"})
	if err == nil || !strings.Contains(err.Error(), "root_not_published") || !strings.Contains(err.Error(), "publish article "+id+" in the default language first") {
		t.Errorf("err = %v, want root_not_published with what to do", err)
	}
	if err := p.Publish(ctx, id, "en"); err != nil {
		t.Fatal(err)
	}
	if err := p.Publish(ctx, id, "fr"); err != nil {
		t.Errorf("publishing fr after the article: %v", err)
	}
}

func TestLanguageChecks(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := setup(t, helpcentertest.Options{})
	id := s.AddArticle(helpcentertest.Article{Draft: helpcentertest.Version{Title: "Install"}})
	p := newProvider(t, s, fullKey, 0)
	tests := []struct {
		name string
		call func() error
		want string
	}{
		{"translation in a language not enabled", func() error {
			_, err := p.CreateTranslation(ctx, id, providers.TranslationInput{Locale: "es", Title: "Instalar"})
			return err
		}, "language es is not enabled in the help center (default en, additional: fr, de)"},
		{"default language as translation", func() error {
			_, err := p.CreateTranslation(ctx, id, providers.TranslationInput{Locale: "en", Title: "x"})
			return err
		}, "en is the center's default language"},
		{"source in another language", func() error {
			_, err := p.CreateArticle(ctx, providers.ArticleInput{Source: providers.TranslationInput{Locale: "fr", Title: "x"}})
			return err
		}, "source locale fr: Help.Center articles are written in the center's default language en"},
		{"labels", func() error {
			_, err := p.UpdateArticle(ctx, id, providers.ArticleMeta{Labels: &[]string{"a"}})
			return err
		}, "front-matter sets labels"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s.Middleware().Reset()
			err := tt.call()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to say %q", err, tt.want)
			}
			for _, r := range s.Middleware().Requests() {
				if r.Method != "GET" {
					t.Errorf("sent %s %s before refusing", r.Method, r.Path)
				}
			}
		})
	}
}

// Preflight writes nothing, whatever the key: it reads the center.
// Only an unknown key fails it.
func TestPreflightWritesNothing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := setup(t, helpcentertest.Options{})
	s.AddCategory("Guides", "")
	for _, key := range []string{readKey, noPubKey, fullKey} {
		p := newProvider(t, s, key, 0)
		if _, err := p.ListArticles(ctx); err != nil {
			t.Fatalf("reading with %s: %v", key[:14], err)
		}
		if err := p.Preflight(ctx, true); err != nil {
			t.Errorf("preflight with %s: %v", key[:14], err)
		}
	}
	err := newProvider(t, s, "hc-secret-unknown-0123", 0).Preflight(ctx, true)
	if err == nil || !strings.Contains(err.Error(), "HELPCENTER_API_KEY was refused") || strings.Contains(err.Error(), "hc-secret-unknown-0123") {
		t.Errorf("preflight with an unknown key: %v, want a refusal naming HELPCENTER_API_KEY but not the key", err)
	}
	for _, r := range s.Middleware().Requests() {
		if r.Method != "GET" {
			t.Errorf("preflight sent %s %s", r.Method, r.Path)
		}
	}
	if c := s.Categories(); len(c) != 1 || c[0].Name != "Guides" {
		t.Errorf("preflight changed categories: %+v", c)
	}
}

// A key without a scope meets one refusal: of the concurrent writes
// needing that scope, the first is sent and refused, the others fail
// with the same message unsent; writes needing a scope the key holds
// go on.
func TestMissingScopeRefusedOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tests := []struct {
		name, key, scope string
		write            func(p *helpcenter.Provider, id string) error
	}{
		{"read-only key creates", readKey, "content.write", func(p *helpcenter.Provider, _ string) error {
			_, err := p.CreateArticle(ctx, providers.ArticleInput{Source: providers.TranslationInput{Locale: "en", Title: "New", Body: "<p>x</p>"}})
			return err
		}},
		{"key without publish publishes", noPubKey, "content.publish", func(p *helpcenter.Provider, id string) error {
			return p.Publish(ctx, id, "en")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := setup(t, helpcentertest.Options{})
			var ids []string
			for i := range 6 {
				ids = append(ids, s.AddArticle(helpcentertest.Article{Draft: helpcentertest.Version{Title: fmt.Sprint("A", i)}}))
			}
			p := newProvider(t, s, tt.key, 0)
			errs := make([]error, len(ids))
			var wg sync.WaitGroup
			for i, id := range ids {
				wg.Add(1)
				go func() {
					defer wg.Done()
					errs[i] = tt.write(p, id)
				}()
			}
			wg.Wait()
			for i, err := range errs {
				if err == nil || !strings.Contains(err.Error(), "HELPCENTER_API_KEY lacks the "+tt.scope+" scope") {
					t.Errorf("write %d: %v, want the missing scope named", i, err)
				}
			}
			var sent []string
			for _, r := range s.Middleware().Requests() {
				if r.Method != "GET" {
					sent = append(sent, r.Method+" "+r.Path)
				}
			}
			if len(sent) != 1 {
				t.Errorf("sent %d writes, want the first only: %v", len(sent), sent)
			}
			if tt.key == noPubKey {
				// content.write is held: a draft write still goes.
				if _, err := p.UpdateTranslation(ctx, ids[0], providers.TranslationInput{Locale: "en", Title: "A0", Body: "<p>y</p>", Draft: true}); err != nil {
					t.Errorf("a draft write with content.write: %v", err)
				}
			}
		})
	}
}

func TestScopeErrorNamesScope(t *testing.T) {
	t.Parallel()
	s := setup(t, helpcentertest.Options{})
	id := s.AddArticle(helpcentertest.Article{Draft: helpcentertest.Version{Title: "x"}})
	p := newProvider(t, s, noPubKey, 0)
	err := p.Publish(context.Background(), id, "en")
	var apiErr *providers.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 403 || !strings.Contains(err.Error(), "HELPCENTER_API_KEY lacks the content.publish scope") {
		t.Errorf("err = %v", err)
	}
	if strings.Contains(err.Error(), noPubKey) {
		t.Errorf("error shows the key: %v", err)
	}
}

func TestListArticlesPaginates(t *testing.T) {
	t.Parallel()
	s := setup(t, helpcentertest.Options{AdditionalLanguages: []string{}})
	for i := 0; i < 230; i++ {
		v := helpcentertest.Version{Title: fmt.Sprint("A", i)}
		a := helpcentertest.Article{Draft: v}
		if i%2 == 0 {
			a.Published = &v
		}
		if i%10 == 0 {
			// Unpublished changes in more articles than the published
			// list has pages: the list is the cheaper read.
			a.Draft.Title += " (edited)"
		}
		s.AddArticle(a)
	}
	got, err := newProvider(t, s, fullKey, 0).ListArticles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 230 {
		t.Errorf("listed %d articles, want 230", len(got))
	}
	base := "/v0/centers/" + s.CenterID
	if d, p := s.Middleware().Count("GET", base+"/articles/drafts"), s.Middleware().Count("GET", base+"/articles")-s.Middleware().Count("GET", base+"/articles/drafts"); d != 3 || p != 2 {
		t.Errorf("list requests: %d draft pages, %d published pages; want 3 and 2", d, p)
	}
	for _, r := range s.Middleware().Requests() {
		if r.Path == base {
			continue // the center's info
		}
		if r.Query.Get("limit") != "100" || r.Query.Get("expand[]") != "content" {
			t.Errorf("%s?%s: want limit=100&expand[]=content", r.Path, r.Query.Encode())
		}
	}
}

// Under the service's rate limit (scaled down to 10 a second; the reset
// header has whole-second resolution) a burst of concurrent writes all
// succeed: the client paces itself, pauses when X-RateLimit-Remaining
// reaches 0 until X-RateLimit-Reset, and retries any 429.
func TestRateLimitNeverFailsWrites(t *testing.T) {
	t.Parallel()
	s := setup(t, helpcentertest.Options{RateLimit: 10, RateWindow: time.Second})
	ids := make([]string, 25)
	for i := range ids {
		v := helpcentertest.Version{Title: "A"}
		ids[i] = s.AddArticle(helpcentertest.Article{Draft: v})
	}
	p := newProvider(t, s, fullKey, 10*60)
	var wg sync.WaitGroup
	errs := make(chan error, len(ids))
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- p.Publish(context.Background(), id, "en")
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("publish failed: %v", err)
		}
	}
	for _, id := range ids {
		if a, _ := s.Article(id); a.Status() != helpcentertest.StatusPublished {
			t.Errorf("article %s is %s", id, a.Status())
		}
	}
	t.Logf("client: %+v", p.Stats())
}

func TestRetriesServerErrors(t *testing.T) {
	t.Parallel()
	s := setup(t, helpcentertest.Options{})
	s.Middleware().SetFaults(func(n int, r *http.Request) fakeserver.Fault {
		if n == 1 {
			return fakeserver.Fault{Status: 503}
		}
		return fakeserver.Fault{}
	})
	if _, err := newProvider(t, s, fullKey, 0).Locales(context.Background()); err != nil {
		t.Errorf("a 503 then success: %v", err)
	}
}

func TestArchiveDeletes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := setup(t, helpcentertest.Options{})
	id := s.AddArticle(helpcentertest.Article{Draft: helpcentertest.Version{Title: "x"}})
	p := newProvider(t, s, fullKey, 0)
	for i := 0; i < 2; i++ { // the second finds it gone, which is done
		if err := p.Archive(ctx, id); err != nil {
			t.Fatalf("archive %d: %v", i, err)
		}
	}
	if _, ok := s.Article(id); ok {
		t.Error("article still there")
	}
}

func TestUploadImage(t *testing.T) {
	t.Parallel()
	s := setup(t, helpcentertest.Options{})
	p := newProvider(t, s, fullKey, 0)
	url, err := p.UploadImage(context.Background(), providers.Image{Name: "shot.png", ContentType: "image/png", Data: []byte("\x89PNG...")})
	if err != nil {
		t.Fatal(err)
	}
	if s.Images()[url] != 7 {
		t.Errorf("uploaded %q; fake holds %v", url, s.Images())
	}
	_, err = p.UploadImage(context.Background(), providers.Image{Name: "a.bmp", ContentType: "image/bmp", Data: []byte("BM")})
	if err == nil || !strings.Contains(err.Error(), "JPEG, PNG, GIF, WebP and SVG") {
		t.Errorf("bmp: %v", err)
	}
}

// A translation published with changes reads as its live version with
// the draft pending; one without changes costs a single request.
// TestListArticlesReadsLiveVersionsOnlyWhenPending: the draft list
// gives each article's status, and the live version of an article whose
// status is "published" is its draft. So the published versions are read
// only for articles with unpublished changes: each on its own when they
// are fewer than the published list's pages, else through the list; and
// not at all when there are none.
func TestListArticlesReadsLiveVersionsOnlyWhenPending(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		pending   int // of 150 published articles
		wantPages int // GET /articles
		wantGets  int // GET /articles/{id}
	}{
		{"none pending", 0, 0, 0},
		{"one pending", 1, 0, 1},
		{"two pending, as many as the list's pages", 2, 0, 2},
		{"three pending, more than the list's pages", 3, 2, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := setup(t, helpcentertest.Options{AdditionalLanguages: []string{}})
			for i := range 150 {
				v := helpcentertest.Version{Title: fmt.Sprint("A", i), HTML: "<p>live</p>"}
				a := helpcentertest.Article{Draft: v, Published: &v}
				if i < tt.pending {
					a.Draft.HTML = "<p>edited</p>"
				}
				s.AddArticle(a)
			}
			list, err := newProvider(t, s, fullKey, 0).ListArticles(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			pending := 0
			for _, a := range list {
				src := a.Translations["en"]
				if src.Body != "<p>live</p>" || src.Draft {
					t.Errorf("article %s: body %q draft %v, want the live version", a.ID, src.Body, src.Draft)
				}
				if src.PendingBody != "" {
					pending++
				}
			}
			if pending != tt.pending {
				t.Errorf("%d articles with pending changes, want %d", pending, tt.pending)
			}
			base := "/v0/centers/" + s.CenterID + "/articles"
			pages, gets := 0, 0
			for _, r := range s.Middleware().Requests() {
				switch rest, _ := strings.CutPrefix(r.Path, base); {
				case r.Path == base:
					pages++
				case strings.HasPrefix(rest, "/") && !strings.Contains(rest[1:], "/") && rest != "/drafts":
					gets++
				}
			}
			if pages != tt.wantPages || gets != tt.wantGets {
				t.Errorf("read %d pages of the published list and %d single articles, want %d and %d", pages, gets, tt.wantPages, tt.wantGets)
			}
		})
	}
}

func TestListTranslationWithPendingChanges(t *testing.T) {
	t.Parallel()
	s := setup(t, helpcentertest.Options{})
	v := helpcentertest.Version{Title: "Install", HTML: "<p>en</p>"}
	fr := helpcentertest.Version{Title: "Installer", HTML: "<p>fr v1</p>"}
	de := helpcentertest.Version{Title: "Installieren", HTML: "<p>de</p>"}
	id := s.AddArticle(helpcentertest.Article{Draft: v, Published: &v, Translations: map[string]*helpcentertest.Translation{
		"fr": {Draft: helpcentertest.Version{Title: "Installer", HTML: "<p>fr v2</p>"}, Published: &fr, Slug: "installer"},
		"de": {Draft: de, Published: &de},
	}})
	list, err := newProvider(t, s, fullKey, 0).ListArticles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	got := list[0].Translations["fr"]
	if got.Draft || got.Body != "<p>fr v1</p>" || got.PendingBody != "<p>fr v2</p>" || got.Slug != "installer" || !strings.HasSuffix(got.URL, "/fr/article/1001-installer") {
		t.Errorf("fr = %+v, want live v1 with v2 pending", got)
	}
	if d := list[0].Translations["de"]; d.Draft || d.Body != "<p>de</p>" || d.PendingBody != "" {
		t.Errorf("de = %+v, want live without pending changes", d)
	}
	base := "/v0/centers/" + s.CenterID + "/articles/" + id + "/translations/"
	if n := s.Middleware().Count("GET", base+"de"); n != 1 {
		t.Errorf("de read with %d requests, want 1", n)
	}
}

// The category list answering a create may hold an older category of
// the same name: the new one is the id not seen before.
func TestCreateSectionFindsTheNewCategory(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := setup(t, helpcentertest.Options{})
	old := s.AddCategory("Guides", "")
	p := newProvider(t, s, fullKey, 0)
	if _, err := p.ListSections(ctx); err != nil {
		t.Fatal(err)
	}
	got, err := p.CreateSection(ctx, providers.SectionInput{Kind: providers.KindCategory, Name: "Guides", Description: "All guides"})
	if err != nil {
		t.Fatal(err)
	}
	if got.ID == old || got.Kind != providers.KindCategory || got.Description != "All guides" {
		t.Errorf("created %+v; the existing category is %s", got, old)
	}
}

func TestMoveArticleAndDeleteTranslation(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := setup(t, helpcentertest.Options{})
	from, to := s.AddCategory("A", ""), s.AddCategory("B", "")
	v := helpcentertest.Version{Title: "x"}
	id := s.AddArticle(helpcentertest.Article{CategoryID: from, Draft: v, Published: &v, Translations: map[string]*helpcentertest.Translation{"fr": {Draft: v}}})
	p := newProvider(t, s, fullKey, 0)
	if _, err := p.UpdateArticle(ctx, id, providers.ArticleMeta{SectionID: &to, Promoted: ptr(false)}); err != nil {
		t.Fatal(err)
	}
	if err := p.DeleteTranslation(ctx, id, "fr"); err != nil {
		t.Fatal(err)
	}
	a, _ := s.Article(id)
	if a.CategoryID != to || len(a.Translations) != 0 {
		t.Errorf("article in %s with %d translations; want in %s with none", a.CategoryID, len(a.Translations), to)
	}
	if err := p.DeleteTranslation(ctx, id, "en"); err == nil {
		t.Error("deleting the source language succeeded")
	}
}

// TestUpdateSection: a category's or subcategory's name and description
// change with one PATCH holding only what changes; a position (which the
// API has no field for) alone sends nothing, since the PATCH refuses an
// empty body; a missing category is not found.
func TestUpdateSection(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := setup(t, helpcentertest.Options{})
	p := newProvider(t, s, fullKey, 0)
	cat, err := p.CreateSection(ctx, providers.SectionInput{Kind: providers.KindCategory, Name: "Guides", Description: "Old"})
	if err != nil {
		t.Fatal(err)
	}
	sub, err := p.CreateSection(ctx, providers.SectionInput{Kind: providers.KindSection, Name: "Install", ParentID: cat.ID})
	if err != nil {
		t.Fatal(err)
	}
	before := len(s.Middleware().Requests())
	if err := p.UpdateSection(ctx, sub.ID, providers.SectionUpdate{Kind: providers.KindSection, Name: ptr("Setting up"), Description: ptr("First day")}); err != nil {
		t.Fatal(err)
	}
	if err := p.UpdateSection(ctx, cat.ID, providers.SectionUpdate{Kind: providers.KindCategory, Name: ptr("Handbook")}); err != nil {
		t.Fatal(err)
	}
	if err := p.UpdateSection(ctx, cat.ID, providers.SectionUpdate{Kind: providers.KindCategory, Position: ptr(2)}); err != nil {
		t.Fatal(err)
	}
	err = p.UpdateSection(ctx, "nope", providers.SectionUpdate{Name: ptr("X")})
	if !errors.Is(err, providers.ErrNotFound) || !strings.Contains(err.Error(), "nope") {
		t.Errorf("update of a missing category: %v, want not found naming it", err)
	}
	var sent []string
	for _, r := range s.Middleware().Requests()[before:] {
		sent = append(sent, r.Method+" "+r.Path+" "+strings.TrimSpace(string(r.Body)))
	}
	base := "/v0/centers/" + s.CenterID + "/articles/categories/"
	want := []string{
		"PATCH " + base + sub.ID + ` {"description":"First day","name":"Setting up"}`,
		"PATCH " + base + cat.ID + ` {"name":"Handbook"}`,
		"PATCH " + base + `nope {"name":"X"}`,
	}
	if strings.Join(sent, "\n") != strings.Join(want, "\n") {
		t.Errorf("requests:\n%s\nwant\n%s", strings.Join(sent, "\n"), strings.Join(want, "\n"))
	}
	got := map[string]helpcentertest.Category{}
	for _, c := range s.Categories() {
		got[c.ID] = c
	}
	if c := got[sub.ID]; c.Name != "Setting up" || c.Description != "First day" || c.ParentID != cat.ID {
		t.Errorf("subcategory after update = %+v", c)
	}
	if c := got[cat.ID]; c.Name != "Handbook" || c.Description != "Old" {
		t.Errorf("category after update = %+v", c)
	}
}

// A description change keeps every other SEO field the remote holds,
// for the article and each translation, whether the draft write answers
// with the SEO object or the adapter has to read it.
func TestDescriptionKeepsOtherSEOFields(t *testing.T) {
	t.Parallel()
	for _, stripSEO := range []bool{false, true} {
		for _, locale := range []string{"en", "fr"} {
			t.Run(fmt.Sprintf("%s/answer without seo %v", locale, stripSEO), func(t *testing.T) {
				t.Parallel()
				s := setup(t, helpcentertest.Options{})
				seo := helpcentertest.SEO{MetaTitle: "Set by a person", MetaDesc: "old",
					Other: map[string]json.RawMessage{"canonical": json.RawMessage(`"https://x/c"`)}}
				id := s.AddArticle(helpcentertest.Article{
					Draft: helpcentertest.Version{Title: "Install", HTML: "<p>x</p>"}, SEO: seo,
					Translations: map[string]*helpcentertest.Translation{"fr": {Draft: helpcentertest.Version{Title: "Installer", HTML: "<p>x</p>"}, SEO: seo}},
				})
				base := s.URL
				if stripSEO {
					base = withoutDraftSEO(t, s.URL)
				}
				p, err := helpcenter.New(helpcenter.Options{CenterID: s.CenterID, APIKey: fullKey, BaseURL: base, RequestsPerMinute: unusedRate})
				if err != nil {
					t.Fatal(err)
				}
				title := map[string]string{"en": "Install", "fr": "Installer"}[locale]
				if _, err := p.UpdateTranslation(context.Background(), id, providers.TranslationInput{
					Locale: locale, Title: title, Body: "<p>y</p>", Draft: true, Description: ptr("new"),
				}); err != nil {
					t.Fatal(err)
				}
				a, _ := s.Article(id)
				got := a.SEO
				if locale == "fr" {
					got = a.Translations["fr"].SEO
				}
				if got.MetaTitle != "Set by a person" || got.MetaDesc != "new" || string(got.Other["canonical"]) != `"https://x/c"` {
					t.Errorf("seo = %+v, want the title and canonical kept and the description new", got)
				}
			})
		}
	}
}

// withoutDraftSEO serves the fake at target with seo removed from the
// answers to draft writes: a service whose draft answer omits it.
func withoutDraftSEO(t *testing.T, target string) string {
	t.Helper()
	u, _ := url.Parse(target)
	proxy := httputil.NewSingleHostReverseProxy(u)
	proxy.ModifyResponse = func(resp *http.Response) error {
		if resp.Request.Method != "PATCH" || !strings.HasSuffix(resp.Request.URL.Path, "/draft") {
			return nil
		}
		var m map[string]any
		data, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if json.Unmarshal(data, &m) == nil {
			delete(m, "seo")
			data, _ = json.Marshal(m)
		}
		resp.Body = io.NopCloser(bytes.NewReader(data))
		resp.ContentLength = int64(len(data))
		resp.Header.Set("Content-Length", strconv.Itoa(len(data)))
		return nil
	}
	srv := httptest.NewServer(proxy)
	t.Cleanup(srv.Close)
	return srv.URL
}

// TestFailuresSayWhatToDo: a failed write is one line that names the
// request once and says what to do next, and keeps the cause reachable
// (errors.Is, errors.As).
func TestFailuresSayWhatToDo(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		fault fakeserver.Fault
		call  func(p *helpcenter.Provider) error
		want  string
	}{
		{"500 on a create", fakeserver.Fault{Status: 500}, func(p *helpcenter.Provider) error {
			_, err := p.CreateSection(context.Background(), providers.SectionInput{Name: "Guides"})
			return err
		}, "run apply again"},
		{"no answer to a create", fakeserver.Fault{Drop: true}, func(p *helpcenter.Provider) error {
			_, err := p.CreateSection(context.Background(), providers.SectionInput{Name: "Guides"})
			return err
		}, "run apply again"},
		{"400 on a write", fakeserver.Fault{Status: 400, Body: []byte(`{"error":{"type":"invalid_request_error","message":"name is too long","code":"invalid_parameter"}}`)}, func(p *helpcenter.Provider) error {
			_, err := p.CreateSection(context.Background(), providers.SectionInput{Name: "Guides"})
			return err
		}, "fix what Help.Center names"},
		{"404 on an update", fakeserver.Fault{}, func(p *helpcenter.Provider) error {
			name := "New"
			return p.UpdateSection(context.Background(), "65f1a2b3ffffffffffffffff", providers.SectionUpdate{Name: &name})
		}, "run hcsync plan"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := setup(t, helpcentertest.Options{})
			s.Middleware().SetFaults(func(n int, r *http.Request) fakeserver.Fault {
				if r.Method != http.MethodGet {
					return tt.fault
				}
				return fakeserver.Fault{}
			})
			err := tt.call(newProvider(t, s, fullKey, 0))
			if err == nil {
				t.Fatal("the call succeeded")
			}
			msg := err.Error()
			if !strings.Contains(msg, tt.want) || strings.Count(msg, s.URL) != 1 || strings.Contains(msg, "\n") {
				t.Errorf("error %q: want one line naming the request once and saying %q", msg, tt.want)
			}
			var apiErr *providers.APIError
			if tt.fault.Status != 0 && (!errors.As(err, &apiErr) || apiErr.StatusCode != tt.fault.Status) {
				t.Errorf("error %v does not carry the %d answer", err, tt.fault.Status)
			}
		})
	}
}

// TestBurstFollowsTheServersBudget: a new process starts with the whole
// documented burst, but the key's budget may be spent already (by the
// plan or apply that ran just before). The first answers say how much
// is left (X-RateLimit-Remaining), and the client sends no more than
// that at once, so reads are not refused by the dozen.
func TestBurstFollowsTheServersBudget(t *testing.T) {
	t.Parallel()
	s := setup(t, helpcentertest.Options{RateLimit: 10, RateWindow: time.Second})
	for i := range 10 {
		v := helpcentertest.Version{Title: fmt.Sprint("A", i)}
		s.AddArticle(helpcentertest.Article{Draft: v, Published: &v, Translations: map[string]*helpcentertest.Translation{
			"fr": {Draft: v, Published: &v}, "de": {Draft: v, Published: &v},
		}})
	}
	// Another client of the key spends all but two of the burst of 20.
	for range 18 {
		req, _ := http.NewRequest("GET", s.URL+"/v0/centers/"+s.CenterID+"/articles/categories", nil)
		req.Header.Set("Authorization", "Bearer "+fullKey)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	p, err := helpcenter.New(helpcenter.Options{CenterID: s.CenterID, APIKey: fullKey, BaseURL: s.URL, RequestsPerMinute: 10 * 60, Burst: 20})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.ListArticles(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := p.Stats().RateLimited; n > 1 {
		t.Errorf("%d of %d reads were refused with 429: the client sent its own burst, not what the service said was left", n, len(s.Middleware().Requests()))
	}
}

// TestWriteAfterPublishStateChange: what ListArticles read stops being
// the basis for skipping a write once the article is published or
// unpublished: an update asking for the content live after an
// unpublish publishes it again, for the article and, since unpublishing
// the article unpublishes them too, for its translations.
func TestWriteAfterPublishStateChange(t *testing.T) {
	t.Parallel()
	s := setup(t, helpcentertest.Options{})
	v := helpcentertest.Version{Title: "Install", HTML: "<p>en</p>"}
	fr := helpcentertest.Version{Title: "Installer", HTML: "<p>fr</p>"}
	id := s.AddArticle(helpcentertest.Article{Slug: "install", Draft: v, Published: &v, Translations: map[string]*helpcentertest.Translation{
		"fr": {Slug: "installer", Draft: fr, Published: &fr},
	}})
	p := newProvider(t, s, fullKey, 0)
	ctx := context.Background()
	if _, err := p.ListArticles(ctx); err != nil {
		t.Fatal(err)
	}
	if err := p.Unpublish(ctx, id, "en"); err != nil {
		t.Fatal(err)
	}
	for _, in := range []providers.TranslationInput{{Locale: "en", Title: v.Title, Body: v.HTML}, {Locale: "fr", Title: fr.Title, Body: fr.HTML}} {
		if _, err := p.UpdateTranslation(ctx, id, in); err != nil {
			t.Fatal(err)
		}
	}
	a, _ := s.Article(id)
	if a.Published == nil || a.Translations["fr"].Published == nil {
		t.Errorf("after an unpublish and updates asking for the content live: article published %v, fr published %v", a.Published != nil, a.Translations["fr"].Published != nil)
	}
}

// TestUpdateFollowsThePlansComparison: whether content is written is the
// plan's word (TitleSame, BodySame), not a comparison of bodies here: a
// description-only update sends only the metadata when the plan says the
// content is the same, and the whole content when it does not.
func TestUpdateFollowsThePlansComparison(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := setup(t, helpcentertest.Options{})
	live := helpcentertest.Version{Title: "Install", HTML: "<p>v1</p>"}
	id := s.AddArticle(helpcentertest.Article{Draft: live, Published: &live, Slug: "install"})
	base := "/v0/centers/" + s.CenterID + "/articles/" + id
	for _, same := range []bool{true, false} {
		p := newProvider(t, s, fullKey, 0)
		if _, err := p.ListArticles(ctx); err != nil {
			t.Fatal(err)
		}
		desc := fmt.Sprintf("same=%v", same)
		before := s.Middleware().Count("PATCH", base+"/draft")
		if _, err := p.UpdateTranslation(ctx, id, providers.TranslationInput{Locale: "en", Title: "Install", Body: "<p>v1</p>", Description: &desc, TitleSame: same, BodySame: same}); err != nil {
			t.Fatal(err)
		}
		if n := s.Middleware().Count("PATCH", base+"/draft") - before; (n == 0) != same {
			t.Errorf("plan says same=%v: %d draft write(s)", same, n)
		}
	}
}
