package main

import (
	"fmt"
	"strings"

	"github.com/hcsync/hcsync/providers/intercom/intercomtest"
)

func init() {
	starters["intercom"] = func(fs fakeSetup) (*target, error) {
		all := append([]string{"en"}, locales(fs.nLocales)...)
		rpm := fs.lim.PerMinute()
		if fs.lim.Requests == 0 {
			rpm = -1 // the fake's "unlimited"
		}
		fake := intercomtest.New(intercomtest.Options{Locales: all, RequestsPerMinute: rpm, RateWindow: fs.lim.Window})
		// Intercom takes images by URL only: the tree's images are said to
		// be served from the repository's raw URL.
		return &target{
			provider: "intercom", defaultLocale: "en", noMeta: true,
			config: "provider: intercom\ndefault_locale: en\n" + fs.common +
				fmt.Sprintf("intercom:\n  author_id: %d\n  base_url: %s\n  image_base_url: https://raw.githubusercontent.com/acme/docs/main/docs\n  locales: [%s]\n",
					fake.AuthorID(), fake.URL, strings.Join(all, ", ")),
			env:      []string{"INTERCOM_TOKEN=" + fake.Token()},
			requests: fake.Requests,
			close:    fake.Close,
		}, nil
	}
}
