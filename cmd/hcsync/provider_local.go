package main

import (
	"path/filepath"

	"github.com/hcsync/hcsync/config"
	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/providers/local"
)

func init() { registerProvider("local", newLocalProvider) }

// defaultLocalDir is where the local help center lives when hcsync.yaml
// does not say, relative to the config's folder.
const defaultLocalDir = ".hcsync/local"

func newLocalProvider(cfg *config.Config, _ wiring) (providers.Provider, error) {
	return local.New(localOptions(cfg))
}

// localOptions maps hcsync.yaml to the local provider's options: a
// relative local.dir is resolved against the config's folder.
func localOptions(cfg *config.Config) local.Options {
	dir := cfg.Local.Dir
	if dir == "" {
		dir = defaultLocalDir
	}
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(cfg.Dir, dir)
	}
	return local.Options{
		Dir:           dir,
		BaseURL:       cfg.Local.BaseURL,
		Locales:       cfg.Local.Locales,
		DefaultLocale: cfg.DefaultLocale,
	}
}
