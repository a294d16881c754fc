package bench

import (
	"context"
	"net/http"
	"path/filepath"
	"testing"
	"time"

	"github.com/hcsync/hcsync/apply"
	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/planner"
	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/providers/fakeserver"
	"github.com/hcsync/hcsync/providers/helpcenter"
	"github.com/hcsync/hcsync/providers/helpcenter/helpcentertest"
	"github.com/hcsync/hcsync/providers/zendesk"
	"github.com/hcsync/hcsync/providers/zendesk/zendesktest"
	"github.com/hcsync/hcsync/remote"
)

// limited is a fake enforcing a rate limit in fixed windows, as the
// service does, scaled down so a run takes seconds, and an adapter told
// the same limit.
type limited struct {
	prov     providers.Provider
	requests func() []fakeserver.Logged
	close    func()
	locale   string // the fake's default locale
	noMeta   bool   // the service has no labels or positions
	defaults planner.Options
}

func perMinute(limit int, window time.Duration) int {
	return int(float64(limit) * float64(time.Minute) / float64(window))
}

func zendeskLimited(b *testing.B, limit int, window time.Duration) limited {
	fake := zendesktest.New(zendesktest.Options{RateLimit: limit, Window: window})
	p, err := zendesk.New(zendesk.Options{BaseURL: fake.URL, Email: fake.Email(), APIToken: fake.APIToken(),
		PermissionGroup: "Admins", RequestsPerMinute: perMinute(limit, window)})
	if err != nil {
		b.Fatal(err)
	}
	admins := "Admins"
	l := limited{prov: p, requests: fake.Requests, close: fake.Close, locale: "en-us"}
	l.defaults.Defaults.PermissionGroup = &admins
	return l
}

func helpcenterLimited(b *testing.B, limit int, window time.Duration) limited {
	fake := helpcentertest.NewServer(helpcentertest.Options{DefaultLanguage: "en", AdditionalLanguages: []string{"fr"},
		RateLimit: limit, RateWindow: window,
		Keys: map[string][]string{"bench-key": {helpcentertest.ScopeRead, helpcentertest.ScopeWrite, helpcentertest.ScopePublish, helpcentertest.ScopeDelete}}})
	p, err := helpcenter.New(helpcenter.Options{BaseURL: fake.URL, CenterID: fake.CenterID, APIKey: "bench-key",
		RequestsPerMinute: perMinute(limit, window)})
	if err != nil {
		b.Fatal(err)
	}
	return limited{prov: p, requests: fake.Middleware().Requests, close: fake.Close, locale: "en", noMeta: true}
}

// BenchmarkApplyRateLimited applies 250 articles × 2 locales (500
// article and translation writes, plus sections and publishes) to a fake
// that allows 100 requests per second in fixed one-second windows, and
// reports the share of the limit the apply used and the 429s it got.
func BenchmarkApplyRateLimited(b *testing.B) {
	const limit, window = 100, time.Second
	cases := []struct {
		name  string
		start func(*testing.B, int, time.Duration) limited
	}{
		{"zendesk", zendeskLimited},
		{"helpcenter", helpcenterLimited},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			var requests, throttled, failed int
			var elapsed time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				l := c.start(b, limit, window)
				root := filepath.Join(b.TempDir(), "docs")
				if _, err := Generate(root, Tree{Articles: 250, Locales: 2, NoMeta: l.noMeta}); err != nil {
					b.Fatal(err)
				}
				tree, err := content.Load(root, content.LoadOptions{DefaultLocale: l.locale})
				if err != nil {
					b.Fatal(err)
				}
				live, err := remote.Fetch(context.Background(), l.prov)
				if err != nil {
					b.Fatal(err)
				}
				opts := l.defaults
				opts.Provider, opts.Caps, opts.DefaultLocale = l.prov.Name(), l.prov.Capabilities(), l.locale
				pl, err := planner.NewPlan(tree, live, opts)
				if err != nil {
					b.Fatal(err)
				}
				// Start at a window boundary's worth of quiet, as a fresh run does.
				time.Sleep(window)
				before := len(l.requests())
				b.StartTimer()
				start := time.Now()
				rep := (&apply.Executor{Provider: l.prov, Concurrency: 8, Root: root}).Apply(context.Background(), pl)
				elapsed += time.Since(start)
				b.StopTimer()
				for _, r := range l.requests()[before:] {
					requests++
					if r.Status == http.StatusTooManyRequests {
						throttled++
					}
				}
				failed += rep.Failed + rep.Skipped
				l.close()
			}
			b.ReportMetric(float64(requests)/float64(b.N), "requests/op")
			b.ReportMetric(100*(float64(requests)/elapsed.Seconds())/(float64(limit)/window.Seconds()), "%limit")
			b.ReportMetric(float64(throttled)/float64(b.N), "429s/op")
			b.ReportMetric(float64(failed)/float64(b.N), "failed/op")
		})
	}
}
