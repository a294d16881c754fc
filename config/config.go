// Package config loads hcsync.yaml, the one file that says which help
// center a tree syncs to and how.
package config

import "strings"

// Config is hcsync.yaml after loading and defaulting.
type Config struct {
	// File is the path the config was read from ("" when built in code).
	File string `yaml:"-"`
	// Dir is the folder relative paths in the config are resolved against
	// (the config file's folder).
	Dir string `yaml:"-"`

	Provider      string `yaml:"provider"`       // zendesk | intercom | helpcenter | local
	Content       string `yaml:"content"`        // folder of the Markdown tree, relative to Dir
	DefaultLocale string `yaml:"default_locale"` // source locale of files without locale:
	Prune         bool   `yaml:"prune"`          // archive managed articles whose files were deleted
	Concurrency   int    `yaml:"concurrency"`    // parallel writes during apply
	// MaxArchive is the most articles one apply may archive (or delete)
	// before it refuses: a mistaken `git rm -r docs/` with prune on must
	// never empty a help center. 0 refuses every archive.
	MaxArchive int `yaml:"max_archive"`
	// RateLimit overrides the provider's documented requests per minute
	// (0 = the documented figure). Lower it when other tools share the
	// same API budget.
	RateLimit int `yaml:"rate_limit"`
	// RequiredLocales are the locales every article must be translated
	// into: a missing translation is a plan warning (a problem with
	// --fail-on-missing), and hcsync status counts it as missing.
	RequiredLocales []string `yaml:"required_locales"`

	Zendesk    Zendesk    `yaml:"zendesk"`
	Intercom   Intercom   `yaml:"intercom"`
	HelpCenter HelpCenter `yaml:"helpcenter"`
	Local      Local      `yaml:"local"`
	Links      Links      `yaml:"links"`

	FrontMatter FrontMatter `yaml:"front_matter"`
}

// FrontMatter says what to make of front-matter keys hcsync does not
// read, for trees written for a site generator (Hugo, Jekyll,
// Docusaurus) that carry its keys.
type FrontMatter struct {
	// Ignore lists keys read as if absent: a site generator's own
	// (weight, aliases), or keys hcsync reads that this tree means
	// otherwise. title and id may not be listed.
	Ignore []string `yaml:"ignore"`
	// Unknown is what any other key hcsync does not read is: error
	// (default), warn (printed, the key dropped) or ignore.
	Unknown string `yaml:"unknown"`
}

// Links says how links and images rooted at the site ("/functions/len",
// "/images/logo.png") resolve: trees written for a static site generator
// link that way.
type Links struct {
	// Root is a folder of the tree, relative to the content folder ("."
	// for all of it), that "/" stands for, or the URL of the site the
	// paths are on (https://gohugo.io), which makes them full URLs, or
	// "/": the help center's own site, so they are published as written
	// (export writes this). Empty: such links are dead-link problems,
	// except those into the help center itself.
	Root string `yaml:"root"`
}

// RootIsURL reports whether Root names a site rather than a folder.
func (l Links) RootIsURL() bool {
	return strings.Contains(l.Root, "://")
}

// Zendesk configures the Zendesk Guide provider. Credentials come from
// ZENDESK_EMAIL + ZENDESK_API_TOKEN or ZENDESK_OAUTH_TOKEN.
type Zendesk struct {
	Subdomain string `yaml:"subdomain"`
	// BaseURL overrides https://{subdomain}.zendesk.com (tests, proxies).
	BaseURL string `yaml:"base_url"`
	// PermissionGroup is the default permission group (name or id) of new
	// articles; Zendesk requires one.
	PermissionGroup string `yaml:"permission_group"`
	// UserSegment is the default user segment (name or id) of new
	// articles; empty = everyone.
	UserSegment string `yaml:"user_segment"`
}

// Intercom configures the Intercom Articles provider. The token comes
// from INTERCOM_TOKEN.
type Intercom struct {
	AuthorID string `yaml:"author_id"` // required by Intercom on create
	Region   string `yaml:"region"`    // us | eu | au
	BaseURL  string `yaml:"base_url"`  // overrides the region's server
	// Prune is what archive means on Intercom, which has no archive:
	// "draft" (default) or "delete".
	Prune string `yaml:"prune"`
	// ImageBaseURL is where the repository's images are served from;
	// Intercom takes images by URL only.
	ImageBaseURL string `yaml:"image_base_url"`
	// Locales are the workspace's enabled locales in Intercom's codes
	// (en, fr, pt-BR); Intercom's API does not list them. Empty = any
	// locale Intercom supports. A single-language workspace is told by
	// the API's answers, with or without them.
	Locales []string `yaml:"locales"`
}

// HelpCenter configures the Help.Center provider. The key comes from
// HELPCENTER_API_KEY.
type HelpCenter struct {
	CenterID string `yaml:"center_id"`
	BaseURL  string `yaml:"base_url"` // overrides https://api.help.center
}

// Local configures the folder-backed provider.
type Local struct {
	Dir string `yaml:"dir"` // default .hcsync/local, relative to Dir
	// BaseURL is the prefix of the public URLs the local help center
	// reports for its articles.
	BaseURL string `yaml:"base_url"`
	// Locales the local help center has enabled; empty = any valid code.
	Locales []string `yaml:"locales"`
}
