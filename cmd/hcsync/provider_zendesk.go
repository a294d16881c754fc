package main

import (
	"github.com/hcsync/hcsync/config"
	"github.com/hcsync/hcsync/locales"
	"github.com/hcsync/hcsync/planner"
	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/providers/zendesk"
)

func init() {
	registerProvider(&providerSpec{
		name:        "zendesk",
		settings:    func() config.Settings { return &zendeskSettings{} },
		open:        newZendeskProvider,
		hostSetting: zendeskHost,
		planOptions: zendeskPlanOptions,
		setup: providerSetup{
			Section: `zendesk:
  subdomain: ` + zendeskPlaceholder + `        # https://` + zendeskPlaceholder + `.zendesk.com
  permission_group: Admins         # who may edit new articles (name or id)
  # user_segment: Signed-in users  # who may see new articles; unset = everyone
`,
			Env: []envSecret{
				{"ZENDESK_EMAIL", "ZENDESK_READONLY_EMAIL", "ZENDESK_EMAIL"},
				{"ZENDESK_API_TOKEN", "ZENDESK_READONLY_API_TOKEN", "ZENDESK_API_TOKEN"},
			},
		},
	})
}

// zendeskSettings is hcsync.yaml's zendesk: block. Credentials come from
// ZENDESK_EMAIL + ZENDESK_API_TOKEN or ZENDESK_OAUTH_TOKEN.
type zendeskSettings struct {
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

// Default implements config.Settings: every key may be left out.
func (*zendeskSettings) Default() {}

// Check implements config.Settings: the adapter checks what it needs
// when it is built.
func (*zendeskSettings) Check(func(key, format string, args ...any)) {}

// zendeskPlaceholder is the subdomain hcsync init writes, to be replaced.
const zendeskPlaceholder = "your-subdomain"

// CheckChosen implements config.ChosenChecker: Zendesk needs its host.
func (s *zendeskSettings) CheckChosen(problem func(key, format string, args ...any)) {
	const what = "set it to your help center's subdomain (acme for acme.zendesk.com)"
	switch {
	case s.Subdomain == zendeskPlaceholder && s.BaseURL == "":
		problem("subdomain", "zendesk.subdomain is still hcsync init's placeholder %q: %s", s.Subdomain, what)
	case s.Subdomain == "" && s.BaseURL == "":
		problem("subdomain", "zendesk.subdomain is not set: %s", what)
	}
}

// SpellLocale implements config.LocaleSpeller: Zendesk writes locales in
// lower case with a hyphen ("en-us", "pt-br", "es-419" in the locales
// example of zendesk-translations.txt).
func (*zendeskSettings) SpellLocale(l string) string { return locales.Normalize(l) }

// newZendeskProvider builds the Zendesk Guide adapter from hcsync.yaml;
// credentials come only from the environment: ZENDESK_OAUTH_TOKEN, or
// ZENDESK_EMAIL with ZENDESK_API_TOKEN.
func newZendeskProvider(cfg *config.Config, w wiring) (providers.Provider, error) {
	s := settingsOf[zendeskSettings](cfg, "zendesk")
	return zendesk.New(zendesk.Options{
		Subdomain:         s.Subdomain,
		BaseURL:           s.BaseURL,
		Email:             w.Getenv("ZENDESK_EMAIL"),
		APIToken:          w.Getenv("ZENDESK_API_TOKEN"),
		OAuthToken:        w.Getenv("ZENDESK_OAUTH_TOKEN"),
		PermissionGroup:   s.PermissionGroup,
		UserSegment:       s.UserSegment,
		RequestsPerMinute: cfg.RateLimit,
		UserAgent:         w.UserAgent,
		HTTPClient:        w.HTTPClient,
		Debug:             w.Debug,
	})
}

// zendeskPlanOptions makes the block's permission group and user segment
// the defaults of new articles.
func zendeskPlanOptions(cfg *config.Config, opts *planner.Options) {
	s := settingsOf[zendeskSettings](cfg, "zendesk")
	if g := s.PermissionGroup; g != "" {
		opts.Defaults.PermissionGroup = &g
	}
	if seg := s.UserSegment; seg != "" {
		opts.Defaults.Segments = &[]string{seg}
	}
}

// zendeskHost names the key that decides the Zendesk host.
func zendeskHost(cfg *config.Config) string {
	if settingsOf[zendeskSettings](cfg, "zendesk").BaseURL != "" {
		return "zendesk.base_url"
	}
	return "zendesk.subdomain"
}
