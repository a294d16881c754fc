package main

import (
	"fmt"

	"github.com/hcsync/hcsync/providers/zendesk/zendesktest"
)

func init() {
	starters["zendesk"] = func(fs fakeSetup) (*target, error) {
		fake := zendesktest.New(zendesktest.Options{RateLimit: fs.requests, Window: fs.window})
		for _, l := range locales(fs.nLocales) {
			fake.AddLocale(l)
		}
		return &target{
			provider: "zendesk", defaultLocale: "en-us",
			config: "provider: zendesk\ndefault_locale: en-us\n" + fs.common +
				fmt.Sprintf("zendesk:\n  base_url: %s\n  permission_group: Admins\n", fake.URL),
			env:      []string{"ZENDESK_EMAIL=" + fake.Email(), "ZENDESK_API_TOKEN=" + fake.APIToken()},
			requests: fake.Requests,
			close:    fake.Close,
		}, nil
	}
}
