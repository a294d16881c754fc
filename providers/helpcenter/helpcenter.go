// Package helpcenter is hcsync's adapter for the Help.Center API v0
// (https://api.help.center, bearer key with scopes).
//
// Help.Center keeps, for the article and for each translation, a draft
// beside the published version: every content write goes to the draft
// and a separate publish makes it live. The adapter maps that onto the
// provider contract: a Translation's Body is the published version when
// there is one, Draft means "not published", and an unpublished draft
// that differs from the live version is reported as PendingTitle and
// PendingBody. Articles and categories are the only taxonomy: no labels,
// tags, segments or permission groups.
//
// Decisions the API reference leaves to us:
//
//   - Locales are the center's codes as they are (bare ISO 639-1: "en",
//     "fr"); a tree syncing to Help.Center sets default_locale: en
//     rather than mapping en-us to en behind the writer's back.
//   - Top-level categories are KindCategory, subcategories KindSection;
//     articles may sit in either.
//   - A content update whose Draft is false writes the draft and then
//     publishes it. Whether a diverged draft is discarded rather than
//     written over is the plan's decision (a discard-draft change, from
//     Capabilities.DiscardDraft), carried out by DiscardDraft. Which of
//     title and body to write is the plan's word too (TitleSame,
//     BodySame): the adapter compares no bodies.
//   - Archive deletes: the API has no archive.
//   - description: is the SEO description (seo.metaDesc). A metadata
//     write replaces the whole seo object, so the adapter writes back
//     every SEO field the remote holds (the SEO title, and any field it
//     does not know, as it came) with only metaDesc changed.
//   - Preflight writes nothing: the API cannot report a key's scopes,
//     so a missing write scope shows at the first write needing it, and
//     no other request needing it is sent (see Preflight).
//
// Reading costs one request per article and additional language (the
// API has no bulk translation list and no conditional requests), plus
// one more for a translation with unpublished changes, plus the center,
// the categories and the pages of the draft list. The published version
// of an article is read only when its draft has unpublished changes.
// Requests go out at once up to the documented burst of 200, then at
// 100 a minute.
package helpcenter

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/hcsync/hcsync/providers"
)

// DefaultBaseURL is where the Help.Center API lives.
const DefaultBaseURL = "https://api.help.center"

// RequestsPerMinute is the documented limit: "100 requests per minute per
// API key (burst up to 200)" (helpcenter-articles.txt, "Rate Limiting").
const RequestsPerMinute = 100

// BurstPerLimit is the documented burst as a multiple of the limit: 200
// requests at once for 100 a minute.
const BurstPerLimit = 2

// MaxImageBytes is the documented upload limit of 10 MB.
const MaxImageBytes = 10 << 20

// imageTypes are the documented upload formats: JPEG, PNG, GIF, WebP, SVG.
var imageTypes = []string{"image/jpeg", "image/png", "image/gif", "image/webp", "image/svg+xml"}

// Options configure a Provider.
type Options struct {
	CenterID string
	APIKey   string
	BaseURL  string // default DefaultBaseURL
	// RequestsPerMinute overrides the documented limit when > 0.
	RequestsPerMinute int
	// Burst is the most requests sent at once after an idle spell;
	// default the documented 200, lowered in proportion when
	// RequestsPerMinute lowers the limit (a higher limit than the
	// documented one does not raise it: the service promises no more).
	Burst      int
	UserAgent  string
	HTTPClient *http.Client
	Debug      io.Writer
}

// Provider talks to one Help.Center center. It is safe for concurrent use.
type Provider struct {
	c      *providers.Client
	center string // center id
	base   string // "/v0/centers/{id}"

	infoMu sync.Mutex // held while reading info
	info   *centerInfo

	scopes *scopeGate

	mu sync.Mutex
	// knownCategories are category ids seen so far, to tell which entry
	// of the category list a create added.
	knownCategories map[string]bool
	// live holds what ListArticles saw of each article/locale: its
	// status and metadata, to write only what the plan says changed.
	live map[string]liveVersion
	// slugIDs maps article ids to their slug ids (see translationURL).
	slugIDs map[string]int
}

// liveVersion is one article or translation as ListArticles read it.
type liveVersion struct {
	status string
	slug   string
	seo    *seo // nil when the answer held none
}

// New checks o and returns a Provider.
func New(o Options) (*Provider, error) {
	if o.CenterID == "" {
		return nil, errors.New("helpcenter.center_id is not set: copy the Center ID from Settings > General > API in Help.Center into hcsync.yaml")
	}
	if strings.ContainsAny(o.CenterID, "/?#") {
		return nil, fmt.Errorf("helpcenter.center_id %q: want the bare id shown under Settings > General > API", o.CenterID)
	}
	if o.APIKey == "" {
		return nil, errors.New("HELPCENTER_API_KEY is not set: create a key under Settings > General > API in Help.Center and export it")
	}
	if o.BaseURL == "" {
		o.BaseURL = DefaultBaseURL
	}
	rpm := RequestsPerMinute
	if o.RequestsPerMinute > 0 {
		rpm = o.RequestsPerMinute
	}
	burst := BurstPerLimit * min(rpm, RequestsPerMinute)
	if o.Burst > 0 {
		burst = o.Burst
	}
	key := o.APIKey
	c, err := providers.NewClient(providers.ClientOptions{
		BaseURL:   o.BaseURL,
		UserAgent: o.UserAgent,
		Authorize: func(r *http.Request) { r.Header.Set("Authorization", "Bearer "+key) },
		Secrets:   []string{key},
		// The documented burst: a plan's reads (one per article and
		// language) go out at once up to it, then at the limit. Should
		// another client of the key have spent the budget, the
		// X-RateLimit-* headers pause this one (see providers.Client).
		RequestsPerMinute: rpm,
		Burst:             burst,
		HTTPClient:        o.HTTPClient,
		Debug:             o.Debug,
		DecodeError:       decodeError,
	})
	if err != nil {
		return nil, fmt.Errorf("helpcenter: %w", err)
	}
	return &Provider{
		c:               c,
		center:          o.CenterID,
		base:            "/v0/centers/" + o.CenterID,
		scopes:          newScopeGate(),
		knownCategories: map[string]bool{},
		live:            map[string]liveVersion{},
	}, nil
}

// Name implements providers.Provider.
func (p *Provider) Name() string { return "helpcenter" }

// Capabilities implements providers.Provider: per-locale drafts, slug and
// SEO description, categories with one level of subcategories, image
// upload; no labels, tags, segments, permission groups, position,
// promotion or comments; Archive deletes, since the API has no archive.
func (p *Provider) Capabilities() providers.Capabilities {
	return providers.Capabilities{
		Description:        true,
		Slug:               true,
		TranslationDrafts:  true,
		DiscardDraft:       true,
		DeleteTranslations: true,
		SourceLocaleFixed:  true,
		CreateSections:     true,
		TopLevelArticles:   true,
		MaxSectionDepth:    2,
		ImageUpload:        true,
		MaxImageBytes:      MaxImageBytes,
		ImageTypes:         append([]string(nil), imageTypes...),
		// Upload Image answers "url": "https://cdn.help.center/images/..."
		// (helpcenter-articles.txt, Image Upload).
		ImageHosts:        []string{"cdn.help.center"},
		Archive:           providers.ArchiveDelete,
		HTMLProfile:       "helpcenter",
		RequestsPerMinute: RequestsPerMinute,
	}
}

// Stats returns the shared client's counters.
func (p *Provider) Stats() providers.ClientStats { return p.c.Stats() }

// do sends one request and turns authorisation failures into errors
// that say what to fix. Requests that may write pass the scope gate
// first (see scopeGate).
func (p *Provider) do(ctx context.Context, r providers.Request, out any) error {
	scope := scopeFor(r.Method, r.Path)
	probe := false
	if r.Method != http.MethodGet {
		var err error
		if probe, err = p.scopes.enter(ctx, scope); err != nil {
			return err
		}
	}
	_, err := p.c.Do(ctx, r, out)
	err = p.explain(r.Method, scope, err)
	if probe {
		p.scopes.leave(scope, err)
	}
	return err
}

// explain says what to do about a failed request, before its cause.
// Reads that find nothing (404) are left as they are: callers expect
// them.
func (p *Provider) explain(method, scope string, err error) error {
	var apiErr *providers.APIError
	if err == nil {
		return nil
	}
	if !errors.As(err, &apiErr) {
		if errors.Is(err, providers.ErrOutcomeUnknown) {
			return fmt.Errorf("no answer came: run apply again, which looks for what this request may have made before making it: %w", err)
		}
		return err
	}
	switch code := apiErr.StatusCode; {
	case apiErr.Code == "insufficient_scope":
		return fmt.Errorf("HELPCENTER_API_KEY lacks the %s scope this needs: create a key with it under Settings > General > API in Help.Center: %w", scope, err)
	case code == http.StatusUnauthorized:
		return fmt.Errorf("HELPCENTER_API_KEY was refused: check that it is a current key of center %s (Settings > General > API): %w", p.center, err)
	case code == http.StatusTooManyRequests:
		return fmt.Errorf("the key's budget of %d requests a minute is spent (does another tool use it?): run again in a minute: %w", RequestsPerMinute, err)
	case code >= 500 && errors.Is(err, providers.ErrOutcomeUnknown):
		return fmt.Errorf("Help.Center failed: run apply again, which looks for what this request may have made before making it: %w", err)
	case code >= 500:
		return fmt.Errorf("Help.Center failed: run again later: %w", err)
	case code == http.StatusNotFound && method != http.MethodGet:
		return fmt.Errorf("not in the help center (deleted there?): run hcsync plan to see what apply would do now: %w", err)
	case code == http.StatusBadRequest && apiErr.Code != "root_not_published":
		return fmt.Errorf("Help.Center refused it: fix what Help.Center names, then run apply again: %w", err)
	}
	return err
}

// scopeFor names the scope an endpoint needs, from the endpoint table
// of the API reference: GETs read, DELETEs delete, publish and unpublish
// publish, everything else writes.
func scopeFor(method, path string) string {
	switch {
	case method == http.MethodGet:
		return "content.read"
	case method == http.MethodDelete:
		return "content.delete"
	case method == http.MethodPost && (strings.HasSuffix(path, "/publish") || strings.HasSuffix(path, "/unpublish")):
		return "content.publish"
	}
	return "content.write"
}

// path joins the center's base path and parts, escaping each part: ids
// come from the service or from front-matter.
func (p *Provider) path(parts ...string) string {
	esc := make([]string, len(parts))
	for i, s := range parts {
		esc[i] = url.PathEscape(s)
	}
	return p.base + "/" + strings.Join(esc, "/")
}

// articleURL is the public URL of an article with that slug id and slug,
// "https://{domain}/article/{slugId}-{slug}" (helpcenter-articles.txt,
// "Listing Articles" and "Important Notes"); "" while the slug is not
// known. Drafts get the URL they will have once published, so links to
// them can be written before they go live.
func articleURL(info *centerInfo, slugID int, slug string) string {
	if info.Domain == "" || slugID == 0 || slug == "" {
		return ""
	}
	return fmt.Sprintf("https://%s/article/%d-%s", info.Domain, slugID, slug)
}

// translationURL is the public URL of a translation,
// "https://[domain]/[language]/article/[slugId]-[slug]"
// (helpcenter-articles.txt, Translations); "" while a part is unknown.
func translationURL(info *centerInfo, lang string, slugID int, slug string) string {
	if info.Domain == "" || lang == "" || slugID == 0 || slug == "" {
		return ""
	}
	return fmt.Sprintf("https://%s/%s/article/%d-%s", info.Domain, lang, slugID, slug)
}

// rememberSlugID records an article's slug id, which translation URLs
// need and translation responses do not carry.
func (p *Provider) rememberSlugID(articleID string, slugID int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.slugIDs == nil {
		p.slugIDs = map[string]int{}
	}
	p.slugIDs[articleID] = slugID
}

func (p *Provider) slugID(articleID string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.slugIDs[articleID]
}
