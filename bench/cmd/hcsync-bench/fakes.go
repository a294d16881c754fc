package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/hcsync/hcsync/bench"
	"github.com/hcsync/hcsync/providers/fakeserver"
	"github.com/hcsync/hcsync/providers/helpcenter/helpcentertest"
	"github.com/hcsync/hcsync/providers/intercom/intercomtest"
	"github.com/hcsync/hcsync/providers/zendesk/zendesktest"
)

// unlimited is the rate limit given to a fake and to the CLI when the
// limit is off: far more requests a window than a run can send.
const unlimited = 1 << 30

// limit is a fake's rate limit: Requests per Window, or none when
// Requests is 0.
type limit struct {
	Requests int
	Window   time.Duration
}

// PerMinute is the limit as hcsync.yaml's rate_limit states it.
func (l limit) PerMinute() int {
	if l.Requests == 0 {
		return unlimited
	}
	return int(float64(l.Requests) * float64(time.Minute) / float64(l.Window))
}

// PerSecond is the limit in requests a second (0 = none).
func (l limit) PerSecond() float64 {
	if l.Requests == 0 {
		return 0
	}
	return float64(l.Requests) / l.Window.Seconds()
}

func (l limit) String() string {
	if l.Requests == 0 {
		return "off"
	}
	return fmt.Sprintf("%d/%s", l.Requests, l.Window)
}

// target is the help center a run talks to: the config block that points
// hcsync at it, the environment holding its secrets, and its request log
// (nil for the local provider, which makes no requests).
type target struct {
	provider      string
	defaultLocale string
	noMeta        bool     // the service holds no labels or positions
	config        string   // hcsync.yaml
	env           []string // secrets, never printed
	requests      func() []fakeserver.Logged
	close         func()
}

// locales returns the tree's translation locales (the source excluded).
func locales(n int) []string { return bench.Locales[:n-1] }

// startTarget starts the provider's fake on loopback, limited to lim,
// and writes the hcsync.yaml that points the CLI at it.
func startTarget(provider string, nLocales, concurrency int, lim limit) (*target, error) {
	common := fmt.Sprintf("content: docs\nconcurrency: %d\nrate_limit: %d\n", concurrency, lim.PerMinute())
	fakeLimit := lim.Requests
	window := lim.Window
	if fakeLimit == 0 {
		fakeLimit, window = unlimited, time.Minute
	}
	switch provider {
	case "local":
		return &target{
			provider: "local", defaultLocale: "en-us",
			config: "provider: local\ndefault_locale: en-us\n" + common,
			close:  func() {},
		}, nil
	case "zendesk":
		fake := zendesktest.New(zendesktest.Options{RateLimit: fakeLimit, Window: window})
		for _, l := range locales(nLocales) {
			fake.AddLocale(l)
		}
		return &target{
			provider: "zendesk", defaultLocale: "en-us",
			config: "provider: zendesk\ndefault_locale: en-us\n" + common +
				fmt.Sprintf("zendesk:\n  base_url: %s\n  permission_group: Admins\n", fake.URL),
			env:      []string{"ZENDESK_EMAIL=" + fake.Email(), "ZENDESK_API_TOKEN=" + fake.APIToken()},
			requests: fake.Requests,
			close:    fake.Close,
		}, nil
	case "helpcenter":
		const key = "hcsync-bench-key"
		fake := helpcentertest.NewServer(helpcentertest.Options{
			DefaultLanguage: "en", AdditionalLanguages: locales(nLocales),
			Keys:      map[string][]string{key: helpcentertest.AllScopes},
			RateLimit: fakeLimit, RateWindow: window,
		})
		return &target{
			provider: "helpcenter", defaultLocale: "en", noMeta: true,
			config: "provider: helpcenter\ndefault_locale: en\n" + common +
				fmt.Sprintf("helpcenter:\n  center_id: %s\n  base_url: %s\n", fake.CenterID, fake.URL),
			env:      []string{"HELPCENTER_API_KEY=" + key},
			requests: fake.Middleware().Requests,
			close:    fake.Close,
		}, nil
	case "intercom":
		all := append([]string{"en"}, locales(nLocales)...)
		rpm := lim.PerMinute()
		if lim.Requests == 0 {
			rpm = -1 // the fake's "unlimited"
		}
		fake := intercomtest.New(intercomtest.Options{Locales: all, RequestsPerMinute: rpm, RateWindow: lim.Window})
		// Intercom takes images by URL only: the tree's images are said to
		// be served from the repository's raw URL.
		return &target{
			provider: "intercom", defaultLocale: "en", noMeta: true,
			config: "provider: intercom\ndefault_locale: en\n" + common +
				fmt.Sprintf("intercom:\n  author_id: %d\n  base_url: %s\n  image_base_url: https://raw.githubusercontent.com/acme/docs/main/docs\n  locales: [%s]\n",
					fake.AuthorID(), fake.URL, strings.Join(all, ", ")),
			env:      []string{"INTERCOM_TOKEN=" + fake.Token()},
			requests: fake.Requests,
			close:    fake.Close,
		}, nil
	}
	return nil, fmt.Errorf("unknown provider %q: use local, zendesk, helpcenter or intercom", provider)
}
