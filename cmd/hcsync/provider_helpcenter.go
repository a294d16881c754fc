package main

import (
	"github.com/hcsync/hcsync/config"
	"github.com/hcsync/hcsync/locales"
	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/providers/helpcenter"
)

func init() {
	registerProvider(&providerSpec{
		name:        "helpcenter",
		settings:    func() config.Settings { return &helpCenterSettings{} },
		open:        newHelpCenterProvider,
		hostSetting: helpCenterHost,
		setup: providerSetup{
			Section: `helpcenter:
  center_id: ` + helpCenterPlaceholder + `
`,
			Env: []envSecret{{"HELPCENTER_API_KEY", "HELPCENTER_READONLY_API_KEY", "HELPCENTER_API_KEY"}},
		},
	})
}

// helpCenterSettings is hcsync.yaml's helpcenter: block. The key comes
// from HELPCENTER_API_KEY.
type helpCenterSettings struct {
	CenterID string `yaml:"center_id"`
	BaseURL  string `yaml:"base_url"` // overrides https://api.help.center
}

// Default implements config.Settings: every key may be left out.
func (*helpCenterSettings) Default() {}

// Check implements config.Settings: the adapter checks what it needs
// when it is built.
func (*helpCenterSettings) Check(func(key, format string, args ...any)) {}

// helpCenterPlaceholder is the center_id hcsync init writes, to be
// replaced.
const helpCenterPlaceholder = "your-center-id"

// CheckChosen implements config.ChosenChecker: Help.Center needs the
// center's id.
func (s *helpCenterSettings) CheckChosen(problem func(key, format string, args ...any)) {
	const what = "copy the Center ID from Settings > General > API in Help.Center"
	switch s.CenterID {
	case helpCenterPlaceholder:
		problem("center_id", "helpcenter.center_id is still hcsync init's placeholder %q: %s", s.CenterID, what)
	case "":
		problem("center_id", "helpcenter.center_id is not set: %s", what)
	}
}

// SpellLocale implements config.LocaleSpeller: Help.Center names
// languages by lower-case ISO 639-1 codes ("es", "fr", "de", "ja" in
// helpcenter-articles.txt); a region is kept, lower-cased like the
// language.
func (*helpCenterSettings) SpellLocale(l string) string { return locales.Normalize(l) }

// newHelpCenterProvider builds the Help.Center adapter from hcsync.yaml's
// helpcenter: block and HELPCENTER_API_KEY.
func newHelpCenterProvider(cfg *config.Config, w wiring) (providers.Provider, error) {
	s := settingsOf[helpCenterSettings](cfg, "helpcenter")
	return helpcenter.New(helpcenter.Options{
		CenterID:          s.CenterID,
		BaseURL:           s.BaseURL,
		APIKey:            w.Getenv("HELPCENTER_API_KEY"),
		RequestsPerMinute: cfg.RateLimit,
		UserAgent:         w.UserAgent,
		HTTPClient:        w.HTTPClient,
		Debug:             w.Debug,
	})
}

// helpCenterHost names the key that decides the Help.Center host, when
// one does: the API's own host is fixed.
func helpCenterHost(cfg *config.Config) string {
	if settingsOf[helpCenterSettings](cfg, "helpcenter").BaseURL != "" {
		return "helpcenter.base_url"
	}
	return ""
}
