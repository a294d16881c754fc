package main

import (
	"fmt"

	"github.com/hcsync/hcsync/providers/helpcenter/helpcentertest"
)

func init() {
	starters["helpcenter"] = func(fs fakeSetup) (*target, error) {
		const key = "hcsync-bench-key"
		fake := helpcentertest.NewServer(helpcentertest.Options{
			DefaultLanguage: "en", AdditionalLanguages: locales(fs.nLocales),
			Keys:      map[string][]string{key: helpcentertest.AllScopes},
			RateLimit: fs.requests, RateWindow: fs.window,
		})
		return &target{
			provider: "helpcenter", defaultLocale: "en", noMeta: true,
			config: "provider: helpcenter\ndefault_locale: en\n" + fs.common +
				fmt.Sprintf("helpcenter:\n  center_id: %s\n  base_url: %s\n", fake.CenterID, fake.URL),
			env:      []string{"HELPCENTER_API_KEY=" + key},
			requests: fake.Middleware().Requests,
			close:    fake.Close,
		}, nil
	}
}
