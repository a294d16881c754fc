package main

import (
	"fmt"
	"path/filepath"

	"github.com/hcsync/hcsync/config"
	"github.com/hcsync/hcsync/locales"
	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/providers/local"
)

func init() {
	registerProvider(&providerSpec{
		name:     "local",
		settings: func() config.Settings { return &localSettings{} },
		open:     newLocalProvider,
		exported: localExported,
		setup: providerSetup{
			Section: `local:
  dir: .hcsync/local               # the help center, kept in a folder
`,
			// On a runner the folder lives in a checkout thrown away after
			// each run, so every push would find it empty.
			NoWorkflows: "the local provider keeps its help center in a folder of the checkout, which a runner throws away after each run, so every push would create every article again",
		},
	})
}

// defaultLocalDir is where the local help center lives when hcsync.yaml
// does not say, relative to the config's folder.
const defaultLocalDir = ".hcsync/local"

// localSettings is hcsync.yaml's local: block.
type localSettings struct {
	Dir string `yaml:"dir"` // default .hcsync/local, relative to the config's folder
	// BaseURL is the prefix of the public URLs the local help center
	// reports for its articles.
	BaseURL string `yaml:"base_url,omitempty"`
	// Locales the local help center has enabled; empty = any valid code.
	Locales []string `yaml:"locales,omitempty,flow"`
}

// Default implements config.Settings.
func (s *localSettings) Default() {
	if s.Dir == "" {
		s.Dir = defaultLocalDir
	}
}

// Check implements config.Settings.
func (s *localSettings) Check(problem func(key, format string, args ...any)) {
	for _, l := range s.Locales {
		if !locales.Valid(l) {
			problem("locales", "local.locales: %q is not a locale code (like en-us, fr, pt-br)", l)
		}
	}
}

func newLocalProvider(cfg *config.Config, _ wiring) (providers.Provider, error) {
	return local.New(localOptions(cfg))
}

// localOptions maps hcsync.yaml to the local provider's options: a
// relative local.dir is resolved against the config's folder.
func localOptions(cfg *config.Config) local.Options {
	s := settingsOf[localSettings](cfg, "local")
	dir := s.Dir
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(cfg.Dir, dir)
	}
	return local.Options{
		Dir:           dir,
		BaseURL:       s.BaseURL,
		Locales:       s.Locales,
		DefaultLocale: cfg.DefaultLocale,
	}
}

// localExported is the local: block of an exported tree's hcsync.yaml:
// the same folder, seen from out.
func localExported(cfg *config.Config, out string) (any, error) {
	s := *settingsOf[localSettings](cfg, "local")
	absOut, err := filepath.Abs(out)
	if err != nil {
		return nil, fmt.Errorf("--out %s: %w", out, err)
	}
	abs := cfg.Resolve(s.Dir)
	dir, err := filepath.Rel(absOut, abs)
	if err != nil {
		dir = abs
	}
	s.Dir = filepath.ToSlash(dir)
	return &s, nil
}
