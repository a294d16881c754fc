package main

import (
	"github.com/hcsync/hcsync/config"
	"github.com/hcsync/hcsync/planner"
	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/providers/intercom"
)

func init() {
	registerProvider(&providerSpec{
		name:        "intercom",
		settings:    func() config.Settings { return &intercomSettings{} },
		open:        newIntercomProvider,
		hostSetting: intercomHost,
		planOptions: intercomPlanOptions,
		setup: providerSetup{
			Section: `intercom:
  author_id: ""                    # the teammate new articles are authored by (GET /me); only creating articles needs it
  region: us                       # us | eu | au
`,
			Env: []envSecret{{"INTERCOM_TOKEN", "INTERCOM_READONLY_TOKEN", "INTERCOM_TOKEN"}},
		},
		// Intercom articles may stand outside any collection.
		rootArticles: true,
	})
}

// intercomSettings is hcsync.yaml's intercom: block. The token comes
// from INTERCOM_TOKEN.
type intercomSettings struct {
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

// defaultIntercomPrune keeps a pruned article as a draft: nothing is
// deleted unless the config says so.
const defaultIntercomPrune = "draft"

// Default implements config.Settings.
func (s *intercomSettings) Default() {
	if s.Prune == "" {
		s.Prune = defaultIntercomPrune
	}
}

// Check implements config.Settings.
func (s *intercomSettings) Check(problem func(key, format string, args ...any)) {
	if s.Prune != "draft" && s.Prune != "delete" {
		problem("prune", "intercom.prune %q is not draft or delete", s.Prune)
	}
	switch s.Region {
	case "", "us", "eu", "au":
	default:
		problem("region", "intercom.region %q is not us, eu or au", s.Region)
	}
}

// SpellLocale implements config.LocaleSpeller: Intercom's codes are
// those of article_translated_content in its reference ("pt-BR",
// "zh-CN"); a code that is none of them has no spelling to offer (the
// plan says the locale is not enabled).
func (*intercomSettings) SpellLocale(l string) string { return intercom.SpellLocale(l) }

// newIntercomProvider builds the Intercom adapter from hcsync.yaml's
// intercom: block and INTERCOM_TOKEN. The tree's default_locale is the
// source locale Intercom reports for monolingual workspaces, which do
// not name theirs.
func newIntercomProvider(cfg *config.Config, w wiring) (providers.Provider, error) {
	s := settingsOf[intercomSettings](cfg, "intercom")
	return intercom.New(intercom.Options{
		Token:             w.Getenv("INTERCOM_TOKEN"),
		AuthorID:          s.AuthorID,
		Region:            s.Region,
		BaseURL:           s.BaseURL,
		Prune:             s.Prune,
		DefaultLocale:     cfg.DefaultLocale,
		Locales:           s.Locales,
		RequestsPerMinute: cfg.RateLimit,
		UserAgent:         w.UserAgent,
		HTTPClient:        w.HTTPClient,
		Debug:             w.Debug,
	})
}

// intercomPlanOptions: Intercom takes images by URL only, so the plan
// points them at image_base_url.
func intercomPlanOptions(cfg *config.Config, opts *planner.Options) {
	opts.ImageBaseURL = settingsOf[intercomSettings](cfg, "intercom").ImageBaseURL
}

// intercomHost names the key that decides the Intercom host.
func intercomHost(cfg *config.Config) string {
	if settingsOf[intercomSettings](cfg, "intercom").BaseURL != "" {
		return "intercom.base_url"
	}
	return "intercom.region"
}
