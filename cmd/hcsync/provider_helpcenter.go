package main

import (
	"github.com/hcsync/hcsync/config"
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
  center_id: your-center-id
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
