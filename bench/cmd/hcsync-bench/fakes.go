package main

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hcsync/hcsync/bench"
	"github.com/hcsync/hcsync/providers/fakeserver"
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

// fakeSetup is what a fake needs to start: the tree's locale count, the
// hcsync.yaml lines every provider shares, and the limit as the fake
// takes it (Requests per Window; unlimited when the run has none).
type fakeSetup struct {
	nLocales int
	common   string
	lim      limit
	requests int
	window   time.Duration
}

// starters start a provider's fake, by provider id; each fakes_<name>.go
// registers its own, so the harness names no provider.
var starters = map[string]func(fakeSetup) (*target, error){}

// providerNames are the providers the harness can run against, sorted.
func providerNames() []string {
	names := make([]string, 0, len(starters))
	for n := range starters {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// startTarget starts the provider's fake on loopback, limited to lim,
// and writes the hcsync.yaml that points the CLI at it.
func startTarget(provider string, nLocales, concurrency int, lim limit) (*target, error) {
	start, ok := starters[provider]
	if !ok {
		return nil, fmt.Errorf("unknown provider %q: use %s", provider, strings.Join(providerNames(), ", "))
	}
	fs := fakeSetup{nLocales: nLocales, lim: lim, requests: lim.Requests, window: lim.Window,
		common: fmt.Sprintf("content: docs\nconcurrency: %d\nrate_limit: %d\n", concurrency, lim.PerMinute())}
	if fs.requests == 0 {
		fs.requests, fs.window = unlimited, time.Minute
	}
	return start(fs)
}
