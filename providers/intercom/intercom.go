// Package intercom syncs articles to Intercom's Articles API, pinned to
// version 2.15.
//
// How hcsync's model maps onto Intercom:
//
//   - Folders are collections; deeper folders are collections with a
//     parent_id (Intercom's sections, up to three levels). Top-level
//     collections report as categories, nested ones as sections. An
//     article's parent_type is always "collection": from version 2.10
//     sections are collections.
//   - The source locale is the workspace default and cannot change. The
//     tree uses Intercom's own locale codes (en, fr, pt-BR), so
//     default_locale in hcsync.yaml must be the workspace default
//     (en, not en-us).
//   - The default locale's content is the article's main title,
//     description, body and state; every other locale is written through
//     translated_content, whose PUT is partial: locales and fields left
//     out stay as they are.
//   - draft: is the per-locale state (published or draft); description:
//     is the per-locale description.
//   - Intercom has no archive: Archive sets every locale to draft, or
//     deletes the article with intercom.prune: delete.
//   - Intercom has no labels, content tags, segments, permission groups,
//     position, promoted flag or comment setting, no slugs, and takes
//     images by URL only; Capabilities says so.
//   - The API cannot remove one locale of an article: DeleteTranslation
//     fails with an error saying to remove it in Intercom's editor.
//   - Intercom does not list a workspace's enabled locales, but every
//     article and collection it returns says whether its help center has
//     more than one: default_locale "is only returned for multilingual
//     help centers" (intercom-articles.txt, the article model). A
//     workspace whose answers lack it has a single language, and Locales
//     enables only the default, so a translation file is a plan problem
//     rather than a 400 at apply; the adapter refuses a translation
//     write there without sending it. A multilingual workspace enables
//     intercom.locales from the config when set, else every locale
//     Intercom supports. An empty workspace says nothing until its first
//     collection or article is written: it is treated as multilingual,
//     and the answer to that first write settles it for the rest of the
//     apply.
//   - Articles may stand alone, outside any collection ("Articles can
//     live within collections and sections, or alternatively they can
//     stand alone", intercom-articles.txt): a file at the top of the
//     tree is such an article (Capabilities.RootArticles). The API has
//     no documented way to take an article out of its collection
//     (update_article_request's parent_id is not nullable), so the
//     planner refuses a file moved to the top of the tree, and
//     UpdateArticle refuses to send it. Intercom gives a standalone
//     article no URL (url is null in the searchArticles example), so
//     links to it cannot be resolved.
//   - intercom.author_id is needed only to create articles (author_id is
//     required by createArticle): export and plans that create nothing
//     run without it, and a plan that creates names it as the problem.
//   - A refused token (401) is reported as INTERCOM_TOKEN refused.
//   - Links to articles use url as Intercom gives it
//     (".../articles/{id}-{title-slug}"): no slugless form is documented.
//     That url changes with the title, but "any previous titles the
//     article was published under will automatically redirect to the
//     new URL" (Intercom Help, "Manage an article",
//     intercom.com/help/en/articles/56988-manage-an-article), so a link
//     with an older slug still works and is read as a link to the current
//     url (Translation.Permalink): a retitle changes no other body.
package intercom

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/hcsync/hcsync/locales"
	"github.com/hcsync/hcsync/providers"
)

// Version is the Intercom-Version every request sends.
const Version = "2.15"

// RequestsPerMinute is the rate limit hcsync paces itself by: Intercom's
// documented example of 1,000 per minute, enforced in 10-second windows
// (NOTES.md). Private apps may have more; hcsync.yaml's rate_limit
// overrides it.
const RequestsPerMinute = 1000

// servers are the documented API hosts by region.
var servers = map[string]string{
	"":   "https://api.intercom.io",
	"us": "https://api.intercom.io",
	"eu": "https://api.eu.intercom.io",
	"au": "https://api.au.intercom.io",
}

// supportedLocales are the locale codes of article_translated_content
// in Intercom's reference.
var supportedLocales = []string{
	"ar", "bg", "bs", "ca", "cs", "da", "de", "el", "en", "es", "et", "fi",
	"fr", "he", "hr", "hu", "id", "it", "ja", "ko", "lt", "lv", "mn", "nb",
	"nl", "pl", "pt", "ro", "ru", "sl", "sr", "sv", "tr", "vi", "pt-BR",
	"zh-CN", "zh-TW",
}

// SpellLocale returns Intercom's spelling of the locale code l ("pt-BR"
// for "pt_br"), "" when Intercom supports no such locale.
func SpellLocale(l string) string {
	for _, s := range supportedLocales {
		if locales.Equal(s, l) {
			return s
		}
	}
	return ""
}

// Options configures a Provider.
type Options struct {
	Token string // access token (INTERCOM_TOKEN)
	// AuthorID is the teammate new articles and translations are
	// authored by; "" = none, which only creating an article needs.
	AuthorID string
	Region   string // us (default), eu or au
	BaseURL  string // overrides the region's server (tests, proxies)
	// Prune is what Archive does: "draft" (default) or "delete".
	Prune string
	// DefaultLocale is the source locale when the workspace does not
	// report one (monolingual help centers omit default_locale).
	DefaultLocale string
	// Locales are the workspace's enabled locales; empty = any locale
	// Intercom supports. A single-language help center (its answers
	// say so) enables its default alone, whatever this says.
	Locales []string
	// RequestsPerMinute overrides the documented limit when > 0.
	RequestsPerMinute int
	UserAgent         string
	HTTPClient        *http.Client
	Debug             io.Writer
}

// Provider is the Intercom adapter. It is safe for concurrent use.
type Provider struct {
	c        *providers.Client
	authorID int
	prune    providers.ArchiveMode
	locales  []string

	mu            sync.Mutex
	defaultLocale string // the workspace's, once an answer reported it
	probed        bool
	langs         languages // what the answers said of the help center's languages
	first         firstPage // page 1 of GET /articles, for the probe and the first listing
}

var _ providers.Provider = (*Provider)(nil)

// New checks o and returns a Provider.
func New(o Options) (*Provider, error) {
	if o.Token == "" {
		return nil, fmt.Errorf("intercom: INTERCOM_TOKEN is not set: create an access token in Intercom's Developer Hub and export it")
	}
	author := 0
	if strings.TrimSpace(o.AuthorID) != "" {
		n, err := strconv.Atoi(strings.TrimSpace(o.AuthorID))
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("intercom: intercom.author_id %q: want a teammate's numeric id", o.AuthorID)
		}
		author = n
	}
	base := o.BaseURL
	if base == "" {
		s, ok := servers[strings.ToLower(o.Region)]
		if !ok {
			return nil, fmt.Errorf("intercom: intercom.region %q: use us, eu or au", o.Region)
		}
		base = s
	}
	var prune providers.ArchiveMode
	switch o.Prune {
	case "", "draft":
		prune = providers.ArchiveUnpublish
	case "delete":
		prune = providers.ArchiveDelete
	default:
		return nil, fmt.Errorf("intercom: intercom.prune %q: use draft (the default) or delete", o.Prune)
	}
	rpm := RequestsPerMinute
	if o.RequestsPerMinute > 0 {
		rpm = o.RequestsPerMinute
	}
	token := o.Token
	c, err := providers.NewClient(providers.ClientOptions{
		BaseURL:   base,
		UserAgent: o.UserAgent,
		Authorize: func(r *http.Request) { r.Header.Set("Authorization", "Bearer "+token) },
		Secrets:   []string{token},
		Header: http.Header{
			"Intercom-Version": {Version},
			"Accept":           {"application/json"},
		},
		RequestsPerMinute: rpm,
		// A 10-second window holds a sixth of the minute's budget; a
		// small burst keeps concurrent writers from emptying it at once.
		Burst:       10,
		HTTPClient:  o.HTTPClient,
		Debug:       o.Debug,
		DecodeError: decodeError,
		// Intercom names each request in X-Intercom-Request-Id, for support.
		RequestIDHeader: "X-Intercom-Request-Id",
	})
	if err != nil {
		return nil, fmt.Errorf("intercom: %w", err)
	}
	p := &Provider{c: c, authorID: author, prune: prune, defaultLocale: o.DefaultLocale}
	for _, l := range o.Locales {
		p.locales = append(p.locales, strings.TrimSpace(l))
	}
	return p, nil
}

// Name implements providers.Provider.
func (p *Provider) Name() string { return "intercom" }

// Capabilities implements providers.Provider.
func (p *Provider) Capabilities() providers.Capabilities {
	return providers.Capabilities{
		Description:       true,
		TranslationDrafts: true,
		SourceLocaleFixed: true,
		CreateSections:    true,
		TopLevelArticles:  true,
		MaxSectionDepth:   3,
		Archive:           p.prune,
		HTMLProfile:       "intercom",
		RequestsPerMinute: RequestsPerMinute,
		RootArticles:      true,
		// "Images will be uploaded to Intercom and we'll use an Intercom
		// link to display these", links like
		// https://downloads.intercomcdn.com/i/o/204050460/...
		// (intercom-articles.txt).
		ImageHosts:   []string{"downloads.intercomcdn.com"},
		CannotCreate: p.cannotCreate(),
	}
}

// cannotCreate says why no article can be created: Intercom requires
// author_id on create (createArticle), and hcsync has none.
func (p *Provider) cannotCreate() string {
	if p.authorID != 0 {
		return ""
	}
	return "creating an article needs intercom.author_id in hcsync.yaml, the id of the teammate Intercom shows as its author (GET https://api.intercom.io/me gives the token owner's): set it, or give the file the id: of an existing article"
}

// do sends one request, and says what to do when it fails. A write
// makes the shared first page of articles stale for listings.
func (p *Provider) do(ctx context.Context, r providers.Request, out any) error {
	if r.Method != http.MethodGet {
		p.mu.Lock()
		p.first.taken = true
		p.mu.Unlock()
	}
	_, err := p.c.Do(ctx, r, out)
	return explain(err)
}

// explain adds what to do to an error Intercom answered, by status (the
// reference documents 400, 401 and 404 for the article and collection
// operations; NOTES.md 429), so one line names the status, Intercom's
// reason and the fix. A refused token is named as INTERCOM_TOKEN, the
// one secret behind it.
func explain(err error) error {
	var api *providers.APIError
	if !errors.As(err, &api) {
		return err
	}
	var hint string
	switch code := api.StatusCode; {
	case code == http.StatusUnauthorized:
		return fmt.Errorf("INTERCOM_TOKEN was refused: export a current access token of the workspace (your app's Authentication page in Intercom's Developer Hub), and check intercom.region: %w", err)
	case code == http.StatusNotFound:
		hint = "the workspace no longer has it (deleted in Intercom since the plan?): run plan again"
	case code == http.StatusBadRequest:
		hint = "fix what Intercom names in the file or in hcsync.yaml, then run apply again"
	case code == http.StatusTooManyRequests:
		hint = "the app's rate limit is spent: run apply again later, or lower rate_limit in hcsync.yaml"
	case code >= 500:
		hint = "Intercom failed to answer: run the command again (what an apply did stays applied)"
	default:
		return err
	}
	return fmt.Errorf("%w; %s", err, hint)
}

// Client returns the HTTP client, for its statistics.
func (p *Provider) Client() *providers.Client { return p.c }
