package main

import (
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"

	"github.com/hcsync/hcsync/config"
	"github.com/hcsync/hcsync/planner"
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

// providerSpec is everything the CLI knows of one provider. Each
// provider_<name>.go registers one from its init, so adding a provider
// touches no shared file: the commands below reach a provider only
// through its spec.
type providerSpec struct {
	// name is the provider id: the value of provider: in hcsync.yaml,
	// the key of its block there, and init's --provider.
	name string
	// settings returns the provider's hcsync.yaml block before decoding:
	// config.Load decodes, defaults and checks it.
	settings func() config.Settings
	// open builds the provider from the loaded config.
	open func(cfg *config.Config, w wiring) (providers.Provider, error)
	// planOptions adds to opts what the provider's block implies for the
	// planner (defaults of new articles, image base URL); nil = nothing.
	planOptions func(cfg *config.Config, opts *planner.Options)
	// exported returns the provider's block of the hcsync.yaml export
	// writes into out; nil = the block as loaded.
	exported func(cfg *config.Config, out string) (any, error)
	// setup is what init writes for the provider.
	setup providerSetup
	// rootArticles says the provider's articles may stand in no section
	// (its Capabilities.RootArticles). The tree is loaded before, or
	// without (validate), the provider: this says offline whether a file
	// at the top of the tree is such an article or a problem.
	rootArticles bool
	// hostSetting is the hcsync.yaml key that decides the service's host
	// as cfg sets it ("zendesk.subdomain"), named when the host cannot
	// be reached; nil or "" = none (the network alone is to check).
	hostSetting func(cfg *config.Config) string
}

var providerSpecs = map[string]*providerSpec{}

// registerProvider is called from init in each provider_*.go file.
func registerProvider(s *providerSpec) { providerSpecs[s.name] = s }

// providerNames are the registered provider ids, sorted.
func providerNames() []string {
	names := make([]string, 0, len(providerSpecs))
	for n := range providerSpecs {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// orList joins names as "a, b or c".
func orList(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// configBlocks are the providers' blocks config.Load reads, sorted by
// name.
func configBlocks() []config.Block {
	var blocks []config.Block
	for _, n := range providerNames() {
		blocks = append(blocks, config.Block{Name: n, New: providerSpecs[n].settings})
	}
	return blocks
}

// settingsOf returns the block of provider name in cfg, defaulted when
// cfg has none (a Config built in code, not loaded).
func settingsOf[T any, P interface {
	*T
	config.Settings
}](cfg *config.Config, name string) P {
	if s, ok := cfg.Blocks[name].(P); ok {
		return s
	}
	s := P(new(T))
	s.Default()
	return s
}

// specOf returns the spec of cfg's provider, nil if none is registered.
func specOf(cfg *config.Config) *providerSpec { return providerSpecs[cfg.Provider] }

func newProvider(cfg *config.Config, w wiring) (providers.Provider, error) {
	s := specOf(cfg)
	if s == nil {
		return nil, fmt.Errorf("%s: unknown provider %q: use one of %s", cfg.File, cfg.Provider, strings.Join(providerNames(), ", "))
	}
	return s.open(cfg, w)
}
