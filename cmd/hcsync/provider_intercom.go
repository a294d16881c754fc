package main

import (
	"github.com/hcsync/hcsync/config"
	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/providers/intercom"
)

func init() {
	registerProvider("intercom", newIntercomProvider)
	// Intercom articles may stand outside any collection.
	rootArticles["intercom"] = true
}

// newIntercomProvider builds the Intercom adapter from hcsync.yaml's
// intercom: block and INTERCOM_TOKEN. The tree's default_locale is the
// source locale Intercom reports for monolingual workspaces, which do
// not name theirs.
func newIntercomProvider(cfg *config.Config, w wiring) (providers.Provider, error) {
	return intercom.New(intercom.Options{
		Token:             w.Getenv("INTERCOM_TOKEN"),
		AuthorID:          cfg.Intercom.AuthorID,
		Region:            cfg.Intercom.Region,
		BaseURL:           cfg.Intercom.BaseURL,
		Prune:             cfg.Intercom.Prune,
		DefaultLocale:     cfg.DefaultLocale,
		Locales:           cfg.Intercom.Locales,
		RequestsPerMinute: cfg.RateLimit,
		UserAgent:         w.UserAgent,
		HTTPClient:        w.HTTPClient,
		Debug:             w.Debug,
	})
}
