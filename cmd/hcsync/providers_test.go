package main

import (
	"strings"
	"testing"

	"github.com/hcsync/hcsync/config"
)

// TestProviderSpecsComplete: every registered provider carries what the
// shared commands ask of it, so a new provider_<name>.go that forgets a
// part fails here rather than in a user's run.
func TestProviderSpecsComplete(t *testing.T) {
	t.Parallel()
	if len(providerSpecs) == 0 {
		t.Fatal("no provider registered")
	}
	if providerSpecs[config.DefaultProvider] == nil {
		t.Errorf("the default provider %q is not registered", config.DefaultProvider)
	}
	for name, s := range providerSpecs {
		if s.name != name || s.settings == nil || s.open == nil {
			t.Errorf("%s: spec lacks its name, settings or constructor", name)
			continue
		}
		if s.settings() == nil {
			t.Errorf("%s: settings() returns nil", name)
		}
		// init's starter block must be the provider's block, or the
		// starter hcsync.yaml would not load.
		if !strings.HasPrefix(s.setup.Section, name+":\n") {
			t.Errorf("%s: init's section starts %q, want %q", name, firstLine(s.setup.Section), name+":")
		}
		if s.setup.NoWorkflows == "" && len(s.setup.Env) == 0 {
			t.Errorf("%s: init writes workflows that pass no credentials", name)
		}
	}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
