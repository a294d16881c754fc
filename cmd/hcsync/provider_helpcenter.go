package main

import (
	"github.com/hcsync/hcsync/config"
	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/providers/helpcenter"
)

func init() { registerProvider("helpcenter", newHelpCenterProvider) }

// newHelpCenterProvider builds the Help.Center adapter from hcsync.yaml's
// helpcenter: block and HELPCENTER_API_KEY.
func newHelpCenterProvider(cfg *config.Config, w wiring) (providers.Provider, error) {
	return helpcenter.New(helpcenter.Options{
		CenterID:          cfg.HelpCenter.CenterID,
		BaseURL:           cfg.HelpCenter.BaseURL,
		APIKey:            w.Getenv("HELPCENTER_API_KEY"),
		RequestsPerMinute: cfg.RateLimit,
		UserAgent:         w.UserAgent,
		HTTPClient:        w.HTTPClient,
		Debug:             w.Debug,
	})
}
