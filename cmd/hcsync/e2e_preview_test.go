package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// hcsync preview needs no account: with a Zendesk config and no
// ZENDESK_* variables it serves the tree rendered with Zendesk's
// profile, and it asks the environment for nothing.
func TestPreviewReadsNoCredentials(t *testing.T) {
	dir := copyTree(t, filepath.Join("..", "..", "testdata", "example"))
	config := filepath.Join(dir, "hcsync.yaml")
	if err := os.WriteFile(config, []byte("provider: zendesk\ncontent: docs\ndefault_locale: en-us\nzendesk: {subdomain: acme}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var asked []string
	getenv := func(k string) string {
		mu.Lock()
		defer mu.Unlock()
		asked = append(asked, k)
		return "secret-" + k
	}
	base := startPreviewEnv(t, config, getenv)
	page := httpGet(t, base+"a/getting-started/installation/install-desktop.md")
	if !strings.Contains(page, "rendered as zendesk stores it") || !strings.Contains(page, `<h2 id="windows">Windows</h2>`) {
		t.Errorf("article page:\n%s", page)
	}
	if strings.Contains(page, "secret-") {
		t.Errorf("a secret is on the page")
	}
	mu.Lock()
	defer mu.Unlock()
	if len(asked) > 0 {
		t.Errorf("hcsync preview read the environment: %v", asked)
	}
}

// --provider renders with another provider's profile: Intercom keeps
// no heading ids and no <h3>.
func TestPreviewWithAnotherProvidersProfile(t *testing.T) {
	dir := copyTree(t, filepath.Join("..", "..", "testdata", "example"))
	base := startPreview(t, filepath.Join(dir, "hcsync.yaml"), "--provider", "intercom")
	page := httpGet(t, base+"a/getting-started/installation/install-desktop.md")
	if !strings.Contains(page, "rendered as intercom stores it") || !strings.Contains(page, "<h2>Windows</h2>") {
		t.Errorf("article page with --provider intercom:\n%s", page)
	}
}

func TestPreviewFlags(t *testing.T) {
	dir := copyTree(t, filepath.Join("..", "..", "testdata", "example"))
	config := filepath.Join(dir, "hcsync.yaml")
	tests := []struct {
		name    string
		args    []string
		code    int
		wantErr string
	}{
		{"unknown provider", []string{"preview", "-c", config, "--provider", "confluence"}, exitUsage,
			`--provider: unknown provider "confluence": use one of helpcenter, intercom, local, zendesk`},
		{"address it cannot listen on", []string{"preview", "-c", config, "--addr", "256.0.0.1:1"}, exitError, "--addr 256.0.0.1:1:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr strings.Builder
			a := &app{stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}
			if code := a.run(context.Background(), tt.args); code != tt.code {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, tt.code, stderr.String())
			}
			if !strings.Contains(stderr.String(), tt.wantErr) {
				t.Errorf("stderr lacks %q:\n%s", tt.wantErr, stderr.String())
			}
		})
	}
}

// The default address is loopback: the preview shows unpublished
// articles, and only to this machine.
func TestPreviewDefaultAddressIsLoopback(t *testing.T) {
	var stdout strings.Builder
	a := &app{stdout: &stdout, stderr: io.Discard, getenv: func(string) string { return "" }}
	a.run(context.Background(), []string{"preview", "-h"})
	if !strings.Contains(stdout.String(), `(default "`+defaultPreviewAddr+`")`) {
		t.Fatalf("help does not give the default address %s:\n%s", defaultPreviewAddr, stdout.String())
	}
	host, _, err := net.SplitHostPort(defaultPreviewAddr)
	if err != nil {
		t.Fatal(err)
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		t.Errorf("default address %s is not loopback", defaultPreviewAddr)
	}
}

func httpGet(t *testing.T, u string) string {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %s\n%s", u, resp.Status, b)
	}
	return string(b)
}
