package main

import (
	"github.com/hcsync/hcsync/config"
	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/providers/zendesk"
)

func init() { registerProvider("zendesk", newZendeskProvider) }

// newZendeskProvider builds the Zendesk Guide adapter from hcsync.yaml;
// credentials come only from the environment: ZENDESK_OAUTH_TOKEN, or
// ZENDESK_EMAIL with ZENDESK_API_TOKEN.
func newZendeskProvider(cfg *config.Config, w wiring) (providers.Provider, error) {
	return zendesk.New(zendesk.Options{
		Subdomain:         cfg.Zendesk.Subdomain,
		BaseURL:           cfg.Zendesk.BaseURL,
		Email:             w.Getenv("ZENDESK_EMAIL"),
		APIToken:          w.Getenv("ZENDESK_API_TOKEN"),
		OAuthToken:        w.Getenv("ZENDESK_OAUTH_TOKEN"),
		PermissionGroup:   cfg.Zendesk.PermissionGroup,
		UserSegment:       cfg.Zendesk.UserSegment,
		RequestsPerMinute: cfg.RateLimit,
		UserAgent:         w.UserAgent,
		HTTPClient:        w.HTTPClient,
		Debug:             w.Debug,
	})
}
