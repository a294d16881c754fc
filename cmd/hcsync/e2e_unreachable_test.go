package main

import (
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestPlanUnreachableHost: a plan against a host that does not resolve
// (RFC 2606's .invalid) or refuses the connection says so in one line,
// naming the host and the key of hcsync.yaml to check, within seconds.
func TestPlanUnreachableHost(t *testing.T) {
	t.Parallel()
	buildCLI(t) // not timed
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := l.Addr().String()
	l.Close()
	tests := []struct {
		name, block, env, want string
	}{
		{"zendesk subdomain that does not resolve", "zendesk:\n  subdomain: acme\n  base_url: https://acme.hcsync-test.invalid\n", "ZENDESK_OAUTH_TOKEN=t",
			"hcsync plan: cannot reach acme.hcsync-test.invalid: the name does not resolve: check zendesk.base_url in hcsync.yaml, and the network"},
		{"zendesk port nobody listens on", "zendesk:\n  base_url: http://" + closed + "\n", "ZENDESK_OAUTH_TOKEN=t",
			"hcsync plan: cannot reach " + closed + ": the connection was refused: check zendesk.base_url in hcsync.yaml, and the network"},
		{"intercom", "intercom:\n  base_url: https://api.hcsync-test.invalid\n", "INTERCOM_TOKEN=t",
			"hcsync plan: cannot reach api.hcsync-test.invalid: the name does not resolve: check intercom.base_url in hcsync.yaml, and the network"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, "docs/Guides/Setup/a.md"), "---\ntitle: A\n---\nBody.\n")
			provider := strings.TrimSuffix(strings.SplitN(tt.block, "\n", 2)[0], ":")
			writeFile(t, filepath.Join(dir, "hcsync.yaml"), "provider: "+provider+"\ncontent: docs\n"+tt.block)
			start := time.Now()
			res := runCLI(t, dir, []string{tt.env}, "plan")
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("plan took %s, want a few seconds at most", d)
			}
			if res.code != exitError || strings.TrimSpace(res.stderr) != tt.want {
				t.Errorf("exit %d, stderr:\n%s\nwant exit 1 and:\n%s", res.code, res.stderr, tt.want)
			}
		})
	}
}
