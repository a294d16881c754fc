package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/hcsync/hcsync/config"
)

// TestReachHint: a host that cannot be reached points at the key of
// hcsync.yaml that decides it, as the file sets it: base_url when the
// block has one, else the provider's own key (Zendesk's subdomain,
// Intercom's region), else the network alone.
func TestReachHint(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, block, want string }{
		{"zendesk subdomain", "provider: zendesk\nzendesk:\n  subdomain: acme\n", "check zendesk.subdomain in hcsync.yaml, and the network"},
		{"zendesk base_url", "provider: zendesk\nzendesk:\n  subdomain: acme\n  base_url: https://h.example\n", "check zendesk.base_url in hcsync.yaml, and the network"},
		{"intercom region", "provider: intercom\nintercom:\n  region: eu\n", "check intercom.region in hcsync.yaml, and the network"},
		{"intercom base_url", "provider: intercom\nintercom:\n  base_url: https://h.example\n", "check intercom.base_url in hcsync.yaml, and the network"},
		{"helpcenter fixed host", "provider: helpcenter\nhelpcenter:\n  center_id: 1\n", "check the network"},
		{"helpcenter base_url", "provider: helpcenter\nhelpcenter:\n  center_id: 1\n  base_url: https://h.example\n", "check helpcenter.base_url in hcsync.yaml, and the network"},
		{"local", "provider: local\n", "check the network"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			path := filepath.Join(dir, "hcsync.yaml")
			if err := os.WriteFile(path, []byte("content: .\n"+tt.block), 0o644); err != nil {
				t.Fatal(err)
			}
			cfg, err := config.Load(path, configBlocks())
			if err != nil {
				t.Fatal(err)
			}
			cfg.File = "hcsync.yaml" // named as from the folder
			if got := reachHint(cfg); got != tt.want {
				t.Errorf("reachHint = %q, want %q", got, tt.want)
			}
		})
	}
}
