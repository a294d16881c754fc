package main

import (
	"testing"

	"github.com/hcsync/hcsync/config"
)

// TestExportedConfig: the hcsync.yaml export writes keeps the provider's
// block, written by the provider, where it always stood (between
// concurrency and links); a local folder is seen from the exported tree.
func TestExportedConfig(t *testing.T) {
	t.Parallel()
	const head = "# Written by hcsync export. Secrets come from the environment, never from this file.\n"
	tests := []struct {
		name  string
		cfg   config.Config
		out   string
		block string
	}{
		{"zendesk", config.Config{Provider: "zendesk", Concurrency: 8, Blocks: map[string]config.Settings{
			"zendesk": &zendeskSettings{Subdomain: "acme", PermissionGroup: "Admins"}}}, "out",
			"zendesk:\n    subdomain: acme\n    base_url: \"\"\n    permission_group: Admins\n    user_segment: \"\"\n"},
		{"local", config.Config{Provider: "local", Dir: "/repo", Concurrency: 8, Blocks: map[string]config.Settings{
			"local": &localSettings{Dir: ".hcsync/local", Locales: []string{"fr", "de"}}}}, "/repo/out",
			"local:\n    dir: ../.hcsync/local\n    locales: [fr, de]\n"},
		{"intercom", config.Config{Provider: "intercom", Concurrency: 8, Blocks: map[string]config.Settings{
			"intercom": &intercomSettings{Prune: "draft"}}}, "/repo/out",
			"intercom:\n    author_id: \"\"\n    region: \"\"\n    base_url: \"\"\n    prune: draft\n    image_base_url: \"\"\n    locales: []\n"},
	}
	for _, tt := range tests {
		got, err := exportedConfig(&tt.cfg, "en-us", tt.out)
		if err != nil {
			t.Fatal(err)
		}
		want := head + "provider: " + tt.name + "\ncontent: .\ndefault_locale: en-us\nconcurrency: 8\n" + tt.block + "links:\n    root: /\n"
		if string(got) != want {
			t.Errorf("%s: exported hcsync.yaml:\n%s\nwant:\n%s", tt.name, got, want)
		}
	}
}
