// Package zendesk syncs hcsync trees to Zendesk Guide through the Help
// Center API v2 (developer.zendesk.com/api-reference/help_center).
//
// The adapter is a thin typed client over providers.Client: reads in
// read.go, writes in write.go, wire structs in wire.go, and the mapping of
// Zendesk's numeric ids to the names hcsync's front-matter uses
// (sections, content tags, user segments, permission groups) in names.go.
//
// Decisions the API leaves open:
//
//   - Articles are listed with cursor pages of 100 (page[size]'s
//     maximum) and the translations sideload; id-to-name lists are
//     fetched once, and only those the articles refer to or the plan
//     needs (TaxonomyOf). The permission groups are one of the latter:
//     until they are read an article's group travels as its id. A plan
//     lists the sections with their categories sideloaded
//     (ListSectionsAndTheirCategories), and every category only when the
//     tree has a category folder not among them. A plan of 1,000
//     articles whose files name no segment or tag costs 13 requests
//     (locales, sections, 10 article pages, permission groups), 12 when
//     they name no permission group and no article is new.
//   - User segments are always written as user_segment_ids (a list of
//     one on plans that allow only one); an empty list means everyone.
//   - New articles need a permission group: the front-matter's, else
//     zendesk.permission_group; without either the create fails with the
//     list of groups rather than guessing.
//   - Content tags named in front-matter and missing in Guide are created
//     (after a filter[name_prefix] search), since Guide has no other way
//     to attach a new tag.
//   - Deleting a translation needs its id: the last listing's, else one
//     GET of the translation. The source translation cannot be deleted;
//     change the source locale first (UpdateArticle with SourceLocale).
//   - Images become inline attachments of the first article whose body
//     apply writes with them (a new article is created first, as a
//     draft, then given its images and body), and their content_url
//     goes into the bodies. Nothing is uploaded unassociated, so a
//     failed apply leaves no orphans, and an upload named by the hash of
//     its bytes that the article already has is reused, not repeated.
//     Bulk association (bulk_attachments) is not needed then.
//   - A section's or category's name and description are its
//     translation's title and body: UpdateSection writes them through the
//     Translations API in the locale they were listed in, and the
//     position through Update Section (which ignores names).
//   - Links to articles use html_url without its title slug,
//     "/hc/{locale}/articles/{id}", which Help Center serves whatever the
//     title (doc: the article URL pattern
//     "/hc/([a-z-]+)/articles/(\d+)(?:[/-]?.*)?$" of Zendesk's SDK help
//     center guidelines, with "/hc/en-us/articles/123456789" as an
//     example): html_url follows the title, and a link by it would make
//     one retitle rewrite every linking body. Links written with any
//     slug are read as that same link (Translation.Permalink).
package zendesk

import (
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/hcsync/hcsync/providers"
)

// DefaultRequestsPerMinute is the Help Center API limit the client paces
// itself by: 700 requests a minute on Enterprise plans (doc: Zendesk rate
// limits; 200–700 by plan). The client also obeys the X-Rate-Limit
// headers and Retry-After the service sends, so smaller plans slow it
// down; set rate_limit in hcsync.yaml to start lower.
const DefaultRequestsPerMinute = 700

// maxImageBytes is Help Center's attachment size limit (20 MB).
const maxImageBytes = 20 << 20

// Options configures a Provider.
type Options struct {
	// Subdomain is the account's subdomain: {subdomain}.zendesk.com.
	Subdomain string
	// BaseURL overrides https://{subdomain}.zendesk.com (tests, proxies).
	// It must be https, except to loopback.
	BaseURL string

	// Email and APIToken authenticate with an API token; OAuthToken, when
	// set, is used instead as a bearer token.
	Email      string
	APIToken   string
	OAuthToken string

	// PermissionGroup is the permission group (name or id) of new articles
	// whose front-matter names none.
	PermissionGroup string
	// UserSegment is the user segment (name or id) of new articles whose
	// front-matter has no segments:; empty = everyone.
	UserSegment string

	// RequestsPerMinute overrides DefaultRequestsPerMinute when > 0.
	RequestsPerMinute int
	UserAgent         string
	HTTPClient        *http.Client
	Debug             io.Writer
	// Timeout bounds each attempt (default: the client's 30s).
	Timeout time.Duration
	// MaxRetries bounds retries of one request (default: the client's).
	MaxRetries int
}

// Provider is the Zendesk Guide adapter. It is safe for concurrent use.
type Provider struct {
	c    *providers.Client
	opts Options

	names names // id <-> name maps, loaded once

	trMu    sync.Mutex
	trIDs   map[string]int64 // "articleID/locale" -> translation id
	locMu   sync.Mutex
	locales *providers.Locales

	attMu       sync.Mutex
	attachments map[int64][]wireAttachment // article id -> its attachments, once listed
}

var _ providers.Provider = (*Provider)(nil)

// New checks opts and returns a Provider. It makes no request.
func New(opts Options) (*Provider, error) {
	base := opts.BaseURL
	if base == "" {
		sub := strings.TrimSpace(opts.Subdomain)
		if sub == "" {
			return nil, fmt.Errorf("zendesk: set zendesk.subdomain (the {subdomain} of {subdomain}.zendesk.com) or zendesk.base_url in hcsync.yaml")
		}
		if strings.ContainsAny(sub, "./:") {
			return nil, fmt.Errorf("zendesk: subdomain %q: give only the first label of {subdomain}.zendesk.com, or set zendesk.base_url", sub)
		}
		base = "https://" + sub + ".zendesk.com"
	}
	var authorize func(*http.Request)
	var secrets []string
	switch {
	case opts.OAuthToken != "":
		bearer := "Bearer " + opts.OAuthToken
		authorize = func(r *http.Request) { r.Header.Set("Authorization", bearer) }
		secrets = []string{opts.OAuthToken}
	case opts.Email != "" && opts.APIToken != "":
		// Basic auth with "{email}/token:{api_token}" (doc: Zendesk API
		// token authentication).
		basic := "Basic " + base64.StdEncoding.EncodeToString([]byte(opts.Email+"/token:"+opts.APIToken))
		authorize = func(r *http.Request) { r.Header.Set("Authorization", basic) }
		secrets = []string{opts.APIToken}
	default:
		return nil, fmt.Errorf("zendesk: no credentials: set ZENDESK_EMAIL and ZENDESK_API_TOKEN, or ZENDESK_OAUTH_TOKEN")
	}
	rpm := opts.RequestsPerMinute
	if rpm <= 0 {
		rpm = DefaultRequestsPerMinute
	}
	c, err := providers.NewClient(providers.ClientOptions{
		BaseURL:           base,
		UserAgent:         opts.UserAgent,
		Authorize:         authorize,
		Secrets:           secrets,
		RequestsPerMinute: rpm,
		// A small burst lets the planner's four list calls start together.
		Burst:       4,
		Timeout:     opts.Timeout,
		MaxRetries:  opts.MaxRetries,
		HTTPClient:  opts.HTTPClient,
		Debug:       opts.Debug,
		DecodeError: decodeError,
		// Zendesk names each request in X-Zendesk-Request-Id, for support.
		RequestIDHeader: "X-Zendesk-Request-Id",
	})
	if err != nil {
		return nil, fmt.Errorf("zendesk: %w", err)
	}
	return &Provider{c: c, opts: opts, trIDs: map[string]int64{}, attachments: map[int64][]wireAttachment{}}, nil
}

// Name returns "zendesk".
func (p *Provider) Name() string { return "zendesk" }

// Stats returns the HTTP client's counters.
func (p *Provider) Stats() providers.ClientStats { return p.c.Stats() }

// Capabilities describes Zendesk Guide.
func (p *Provider) Capabilities() providers.Capabilities {
	rpm := p.opts.RequestsPerMinute
	if rpm <= 0 {
		rpm = DefaultRequestsPerMinute
	}
	return providers.Capabilities{
		Labels:           true,
		ContentTags:      true,
		Segments:         true,
		PermissionGroups: true,
		// "permission_group_id ... Mandatory" on Create Article (doc:
		// zendesk-articles.txt, JSON format).
		PermissionGroupRequired: true,
		Position:                true,
		Promoted:                true,
		CommentsDisabled:        true,
		Description:             false, // articles have no per-locale description
		Slug:                    false, // Help Center derives URLs from ids and titles
		TranslationDrafts:       true,  // draft is per translation
		OutdatedFlag:            true,  // translation outdated is writable (zendesk-translations.txt)
		DeleteTranslations:      true,
		SourceLocaleFixed:       false, // PUT .../source_locale changes it
		CreateSections:          true,
		SectionPosition:         true,
		TopLevelArticles:        false, // articles live in sections inside categories
		// A category, a section, and sub-sections below it (Guide
		// Enterprise nests sections; other plans answer 400 to
		// parent_section_id).
		MaxSectionDepth: 6,
		ImageUpload:     true,
		// Uploads go to the article that shows them, never left
		// unassociated (doc: Create Article Attachment).
		ImagesAttachToArticle: true,
		MaxImageBytes:         maxImageBytes,
		ImageTypes:            []string{"image/png", "image/jpeg", "image/gif", "image/svg+xml", "image/webp"},
		Archive:               providers.ArchiveArchive,
		HTMLProfile:           "zendesk",
		RequestsPerMinute:     rpm,
	}
}
