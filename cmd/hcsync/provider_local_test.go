package main

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/hcsync/hcsync/config"
)

func TestLocalOptions(t *testing.T) {
	t.Parallel()
	abs := filepath.Join(t.TempDir(), "center")
	tests := []struct {
		name    string
		cfg     config.Config
		wantDir string
	}{
		{"default folder beside the config", config.Config{Dir: "/repo/docs"}, "/repo/docs/.hcsync/local"},
		{"relative folder", config.Config{Dir: "/repo", Blocks: map[string]config.Settings{"local": &localSettings{Dir: "hc"}}}, "/repo/hc"},
		{"absolute folder", config.Config{Dir: "/repo", Blocks: map[string]config.Settings{"local": &localSettings{Dir: abs}}}, abs},
	}
	for _, tt := range tests {
		if got := localOptions(&tt.cfg).Dir; got != tt.wantDir {
			t.Errorf("%s: dir %s, want %s", tt.name, got, tt.wantDir)
		}
	}
}

func TestLocalProviderRegistered(t *testing.T) {
	t.Parallel()
	cfg := &config.Config{Provider: "local", Dir: t.TempDir(), DefaultLocale: "fr", Blocks: map[string]config.Settings{"local": &localSettings{Locales: []string{"fr", "en-us"}}}}
	p, err := newProvider(cfg, wiring{})
	if err != nil {
		t.Fatal(err)
	}
	loc, err := p.Locales(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if p.Name() != "local" || loc.Default != "fr" || len(loc.Enabled) != 2 {
		t.Errorf("provider %s with locales %+v, want local with default fr and 2 enabled", p.Name(), loc)
	}
}
