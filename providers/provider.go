// Package providers defines the contract between hcsync's planner and
// executor and the help centers it syncs to, plus the HTTP plumbing the
// remote adapters share.
//
// The remote model here is deliberately provider-neutral: ids are strings
// (Zendesk's are numbers, Intercom's and Help.Center's are strings), and
// taxonomy (content tags, user segments, permission groups) travels as
// names, which each adapter maps to and from its own ids. The planner can
// then compare a file's front-matter with the remote without knowing which
// service it talks to.
package providers

import (
	"context"
	"strings"
	"time"

	"github.com/hcsync/hcsync/locales"
)

// Provider is a help center hcsync can plan against and apply to.
//
// Reads return everything the planner needs in few calls; writes take the
// desired state of one object. Implementations are safe for concurrent use:
// the executor calls writes from several goroutines.
type Provider interface {
	// Name is the provider id used in config: zendesk, intercom, helpcenter, local.
	Name() string
	// Capabilities says what the service can hold, so the planner can
	// refuse front-matter it cannot honour.
	Capabilities() Capabilities

	// Locales returns the help center's default and enabled locales.
	Locales(ctx context.Context) (Locales, error)
	// ListSections returns every category, section and sub-section.
	ListSections(ctx context.Context) ([]Section, error)
	// ListArticles returns every article with all its translations
	// (archived ones excluded).
	ListArticles(ctx context.Context) ([]Article, error)
	// ListSectionArticles returns the non-archived articles of one
	// section (or of a category that holds articles), each with its id,
	// URL, source locale and the title of its source translation; bodies
	// and other locales may be left out. Apply calls it once per
	// section, right before the first create there, to adopt an article
	// another run created since the plan rather than make it twice.
	ListSectionArticles(ctx context.Context, sectionID string) ([]Article, error)
	// Taxonomy returns the names the help center knows for tags, user
	// segments and permission groups.
	Taxonomy(ctx context.Context) (Taxonomy, error)

	// CreateSection creates a category or section (ParentID set for
	// sections and sub-sections) and returns it with its id.
	CreateSection(ctx context.Context, s SectionInput) (Section, error)
	// UpdateSection changes the name, description or position of an
	// existing category or section. Nil fields of the input are left as
	// they are.
	UpdateSection(ctx context.Context, id string, u SectionUpdate) error
	// CreateArticle creates an article with its source-locale translation.
	CreateArticle(ctx context.Context, a ArticleInput) (Article, error)
	// UpdateArticle changes article-level metadata. Nil fields of the
	// input are left as they are.
	UpdateArticle(ctx context.Context, id string, m ArticleMeta) (Article, error)
	// CreateTranslation adds a locale to an article.
	CreateTranslation(ctx context.Context, articleID string, t TranslationInput) (Translation, error)
	// UpdateTranslation changes the title, body and other per-locale
	// fields of one locale. Draft in the input is the desired state after
	// the call; adapters of services that publish separately (Help.Center)
	// publish after writing when Draft is false.
	UpdateTranslation(ctx context.Context, articleID string, t TranslationInput) (Translation, error)
	// DeleteTranslation removes one non-source locale of an article.
	DeleteTranslation(ctx context.Context, articleID, locale string) error
	// Publish makes one locale of an article visible to readers.
	Publish(ctx context.Context, articleID, locale string) error
	// Unpublish returns one locale of an article to draft.
	Unpublish(ctx context.Context, articleID, locale string) error
	// Archive removes an article from readers' view the way the service
	// allows (archive, delete or unpublish: see Capabilities.Archive).
	Archive(ctx context.Context, articleID string) error
	// CreateTag creates a content tag and returns its name as stored.
	CreateTag(ctx context.Context, name string) (Tag, error)
	// UploadImage stores an image and returns the URL bodies should use.
	UploadImage(ctx context.Context, img Image) (string, error)
}

// ArchiveMode says what Archive does on a service.
type ArchiveMode string

// Archive modes.
const (
	ArchiveArchive   ArchiveMode = "archive"   // kept, hidden (Zendesk, local)
	ArchiveDelete    ArchiveMode = "delete"    // removed for good (Help.Center)
	ArchiveUnpublish ArchiveMode = "unpublish" // set to draft (Intercom default)
)

// Capabilities describes what a service can represent. The planner turns
// front-matter that needs a missing capability into a validation error.
type Capabilities struct {
	Labels           bool // label_names
	ContentTags      bool // content tags, by name
	Segments         bool // user segments (who may read)
	PermissionGroups bool // who may edit
	// PermissionGroupRequired says a new article needs a permission
	// group (Zendesk refuses one without): the plan reports a create
	// that would have none, rather than apply failing it.
	PermissionGroupRequired bool
	Position                bool // manual ordering
	Promoted                bool
	CommentsDisabled        bool
	Description             bool // per-locale description / SEO description
	Slug                    bool // per-locale slug
	TranslationDrafts       bool // each locale has its own draft state
	// DiscardDraft says the unpublished edits an article's source locale
	// holds beside its published version can be dropped (the provider is
	// a DraftDiscarder): a file equal to the published version plans a
	// discard-draft rather than a write over the draft. Other locales
	// have no discard on Help.Center, the one service with it.
	DiscardDraft bool
	// OutdatedFlag says a translation has an outdated flag the API can
	// set (Zendesk): apply keeps it in step with git's staleness.
	OutdatedFlag bool
	// DeleteTranslations says a locale can be removed from an article
	// through the API (Intercom has no way to).
	DeleteTranslations bool
	SourceLocaleFixed  bool // the source locale is the help center default and cannot change
	CreateSections     bool // sections can be created through the API
	// SectionPosition says categories and sections have a manual order
	// the API can set (Intercom's and Help.Center's APIs have none).
	SectionPosition bool
	// TopLevelArticles says articles may sit directly in a top-level
	// container (an Intercom collection, a Help.Center category). Zendesk
	// keeps articles in sections inside categories.
	TopLevelArticles bool
	MaxSectionDepth  int  // folder levels below the root the service can hold (category = 1)
	ImageUpload      bool // UploadImage works; otherwise images need public URLs
	// ImagesAttachToArticle says an image is uploaded as an attachment
	// of an article (Image.ArticleID): apply uploads it when the first
	// article that shows it exists, so no upload is left unattached.
	ImagesAttachToArticle bool
	MaxImageBytes         int64
	// ImageHosts are the hosts, besides the help center's own, that
	// serve the images the service holds (its CDN): export downloads
	// the images there into the tree; an image elsewhere stays a link.
	ImageHosts []string
	ImageTypes []string // accepted MIME types; empty = any image
	Archive    ArchiveMode
	// HTMLProfile names the render profile whose output the service
	// stores unchanged (see package render).
	HTMLProfile string
	// RequestsPerMinute is the documented rate limit the shared client
	// paces itself by; 0 = unlimited (local).
	RequestsPerMinute int
	// RootArticles says an article may stand outside any section or
	// category (an Intercom article without a collection): a file at the
	// top of the tree is one, and a SectionID of "" means none.
	RootArticles bool
	// CannotCreate says why articles cannot be created with the
	// provider's configuration ("" = they can): the planner reports it
	// at every file whose plan is a create, before anything is written.
	CannotCreate string
}

// Locales are the locales a help center has enabled.
type Locales struct {
	Default string
	Enabled []string // includes Default
	// EnableHint says how to enable another locale on this help center,
	// for the problem of a file in a locale it has not enabled; "" =
	// "enable it there or rename the file". The local
	// provider's locales live in hcsync.yaml.
	EnableHint string
}

// Has reports whether locale is enabled.
func (l Locales) Has(locale string) bool {
	for _, e := range l.Enabled {
		if locales.Equal(e, locale) {
			return true
		}
	}
	return false
}

// SectionKind distinguishes the levels of a help center's tree.
type SectionKind string

// Section kinds.
const (
	KindCategory SectionKind = "category" // Zendesk category, Help.Center category, Intercom collection
	KindSection  SectionKind = "section"  // Zendesk section, Help.Center subcategory, Intercom section
)

// Section is a container of articles or of other sections.
type Section struct {
	ID          string
	Kind        SectionKind
	Name        string
	Description string
	ParentID    string // "" for top-level
	Position    *int
	URL         string
}

// SectionInput is the desired state of a new section.
type SectionInput struct {
	Kind        SectionKind
	Name        string
	Description string
	ParentID    string
	Position    *int
	Locale      string
}

// SectionUpdate is a change to an existing category or section. A nil
// field is left as the help center has it.
type SectionUpdate struct {
	Kind        SectionKind `json:"kind"`
	Name        *string     `json:"name,omitempty"`
	Description *string     `json:"description,omitempty"`
	Position    *int        `json:"position,omitempty"`
	// Locale is the locale the name and description are written in
	// (services that keep them per locale write the section's source
	// locale; Locale is the fallback when they do not say which).
	Locale string `json:"locale,omitempty"`
}

// Taxonomy holds the names a help center knows. Each map is id -> name;
// a TaxonomyFetcher leaves the segments and permission groups nil when it
// did not read them.
type Taxonomy struct {
	Tags             map[string]string
	Segments         map[string]string
	PermissionGroups map[string]string
}

// PartialSectionLister is implemented by providers that can list every
// section with only the categories that hold one, in fewer requests than
// ListSections. A plan uses it, and falls back on ListSections when the
// tree has a category folder it does not find there (an empty category
// would otherwise look absent and be created twice).
type PartialSectionLister interface {
	ListSectionsAndTheirCategories(ctx context.Context) ([]Section, error)
}

// DraftDiscarder is implemented by providers whose service keeps
// unpublished edits beside an article's published version and can drop
// them (Help.Center's draft discard); Capabilities.DiscardDraft says the
// planner may plan it. DiscardDraft restores the published version of
// the article's locale as its draft, so nothing is pending.
type DraftDiscarder interface {
	DiscardDraft(ctx context.Context, articleID, locale string) error
}

// TaxonomyNeed says which name lists a plan uses: those its files (or
// the config's defaults) name.
type TaxonomyNeed struct {
	Tags             bool
	Segments         bool
	PermissionGroups bool
}

// TaxonomyFetcher is implemented by providers that read each name list
// with requests of its own: TaxonomyOf reads only the lists need names
// (and those read before), so a tree that names no segment costs no
// request for segments.
type TaxonomyFetcher interface {
	TaxonomyOf(ctx context.Context, need TaxonomyNeed) (Taxonomy, error)
}

// Tag is a content tag.
type Tag struct {
	ID   string
	Name string
}

// Article is a remote article with every translation.
type Article struct {
	ID           string
	SectionID    string
	SourceLocale string
	URL          string
	CreatedAt    time.Time
	UpdatedAt    time.Time

	Labels           []string
	ContentTags      []string // names
	Segments         []string // names; empty = everyone
	PermissionGroup  string   // name, or id when the provider read no group list (see Taxonomy)
	Promoted         bool
	Position         int
	CommentsDisabled bool

	// Translations by locale; always holds SourceLocale.
	Translations map[string]*Translation
}

// Translation is one locale of a remote article.
type Translation struct {
	Locale      string
	Title       string
	Body        string // HTML as the service stores it (the published version when there is one)
	Draft       bool
	Description string
	Slug        string
	URL         string
	// LinkURL is the URL links from other articles use, where the service
	// serves the translation at a URL that does not change with its title
	// (Zendesk: html_url without the title's slug); "" = URL. See Link.
	LinkURL string
	// Permalink is URL without its title slug, on services where
	// Permalink and Permalink-<any slug> reach this translation whatever
	// its title is now (served, or redirected from previous titles): a
	// body that links one of those forms links here, so the planner reads
	// it as a link to Link() and a retitle changes no other body. "" =
	// links are compared as written.
	Permalink string
	UpdatedAt time.Time
	// Outdated is set by services that track translations falling
	// behind their source (Zendesk).
	Outdated bool
	// PendingTitle and PendingBody hold unpublished changes on services
	// that keep a draft beside a published version (Help.Center's
	// published_with_changes); empty when there are none.
	PendingTitle string
	PendingBody  string
}

// Link is the URL links to t use: LinkURL, else URL.
func (t *Translation) Link() string {
	if t.LinkURL != "" {
		return t.LinkURL
	}
	return t.URL
}

// Permalink returns u (a help center page URL) up to the id that
// follows its last "/articles/" segment, without the "-title-slug" that
// may follow the id and without query or fragment; "" when u has no
// numeric id there. Zendesk and Intercom both write article URLs this
// way: ".../articles/{id}-{slug}".
func Permalink(u string) string {
	u, _, _ = strings.Cut(u, "#")
	u, _, _ = strings.Cut(u, "?")
	i := strings.LastIndex(u, "/articles/")
	if i < 0 {
		return ""
	}
	j := i + len("/articles/")
	k := j
	for k < len(u) && u[k] >= '0' && u[k] <= '9' {
		k++
	}
	if k == j || (k < len(u) && u[k] != '-' && u[k] != '/') {
		return ""
	}
	return u[:k]
}

// ArticleMeta is article-level metadata. A nil field is not managed by
// the tree and is left alone.
type ArticleMeta struct {
	SectionID        *string   `json:"section_id,omitempty"`
	SourceLocale     *string   `json:"source_locale,omitempty"`
	Labels           *[]string `json:"labels,omitempty"`
	ContentTags      *[]string `json:"content_tags,omitempty"`     // names; adapters map to ids
	Segments         *[]string `json:"segments,omitempty"`         // names; empty slice = everyone
	PermissionGroup  *string   `json:"permission_group,omitempty"` // name
	Promoted         *bool     `json:"promoted,omitempty"`
	Position         *int      `json:"position,omitempty"`
	CommentsDisabled *bool     `json:"comments_disabled,omitempty"`
}

// ArticleInput is the desired state of a new article.
type ArticleInput struct {
	ArticleMeta
	SectionID string
	Source    TranslationInput
}

// TranslationInput is the desired state of one locale.
type TranslationInput struct {
	Locale      string  `json:"locale"`
	Title       string  `json:"title"`
	Body        string  `json:"body"` // HTML
	Draft       bool    `json:"draft"`
	Description *string `json:"description,omitempty"`
	Slug        *string `json:"slug,omitempty"`
	// Outdated, when set, is written to the service's outdated flag
	// (Capabilities.OutdatedFlag): true for a translation whose source
	// changed since, false once it is updated.
	Outdated *bool `json:"outdated,omitempty"`
	// TitleSame and BodySame say the plan found the help center's title
	// and body (the published version, or the draft while unpublished)
	// already equal to Title and Body, as the service stores them: a
	// provider that writes content in parts may leave them out. False
	// says nothing: write them.
	TitleSame bool `json:"title_same,omitempty"`
	BodySame  bool `json:"body_same,omitempty"`
}

// Image is a local image to upload.
type Image struct {
	Name        string // file name
	ContentType string
	Data        []byte
	Hash        string // hex sha256 of Data
	ArticleID   string // set when the service attaches images to articles
}
