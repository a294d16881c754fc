package main

import (
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"

	"github.com/hcsync/hcsync/config"
	"github.com/hcsync/hcsync/providers"
)

// wiring is what the CLI hands a provider constructor besides the config:
// the environment (for secrets), where --debug output goes, and the HTTP
// client (tests may swap it).
type wiring struct {
	Getenv     func(string) string
	Debug      io.Writer // nil unless --debug
	HTTPClient *http.Client
	UserAgent  string
}

type providerFactory func(cfg *config.Config, w wiring) (providers.Provider, error)

var providerFactories = map[string]providerFactory{}

// registerProvider is called from init in each provider_*.go file, so
// adding a provider touches no shared file.
func registerProvider(name string, f providerFactory) { providerFactories[name] = f }

// rootArticles names the providers whose articles may stand in no
// section (their Capabilities.RootArticles). The tree is loaded before,
// or without (validate), the provider: this says offline whether a file
// at the top of the tree is such an article or a problem.
var rootArticles = map[string]bool{}

func newProvider(cfg *config.Config, w wiring) (providers.Provider, error) {
	f, ok := providerFactories[cfg.Provider]
	if !ok {
		names := make([]string, 0, len(providerFactories))
		for n := range providerFactories {
			names = append(names, n)
		}
		sort.Strings(names)
		return nil, fmt.Errorf("%s: unknown provider %q: use one of %s", cfg.File, cfg.Provider, strings.Join(names, ", "))
	}
	return f(cfg, w)
}
