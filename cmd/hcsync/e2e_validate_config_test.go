package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestValidateChecksTheStarterConfig: validate says, offline, that a
// config hcsync init wrote still holds its placeholder, for each
// provider whose starter has one; the others validate clean. plan says
// the same before it sends a request.
func TestValidateChecksTheStarterConfig(t *testing.T) {
	t.Parallel()
	tests := []struct {
		provider string
		want     string // "" = no problem; LINE is the placeholder's line
	}{
		{"zendesk", `hcsync.yaml:LINE: zendesk.subdomain is still hcsync init's placeholder "your-subdomain": set it to your help center's subdomain (acme for acme.zendesk.com)`},
		{"helpcenter", `hcsync.yaml:LINE: helpcenter.center_id is still hcsync init's placeholder "your-center-id": copy the Center ID from Settings > General > API in Help.Center`},
		{"intercom", ""},
		{"local", ""},
	}
	for _, tt := range tests {
		t.Run(tt.provider, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			if code, _, stderr := runInit(t, "--provider", tt.provider, "--dir", dir); code != exitOK {
				t.Fatalf("init: exit %d: %s", code, stderr)
			}
			writeFile(t, filepath.Join(dir, "docs/Guides/Setup/a.md"), "---\ntitle: A\n---\nBody.\n")
			for i, line := range strings.Split(readFile(t, filepath.Join(dir, "hcsync.yaml")), "\n") {
				if strings.Contains(line, ": your-") {
					tt.want = strings.Replace(tt.want, "LINE", strconv.Itoa(i+1), 1)
				}
			}
			res := runCLI(t, dir, nil, "validate")
			if tt.want == "" {
				if res.code != 0 || res.stderr != "" {
					t.Errorf("validate of the %s starter: exit %d\n%s", tt.provider, res.code, res.stderr)
				}
				return
			}
			if res.code != 1 || !strings.Contains(res.stderr, tt.want) {
				t.Errorf("validate: exit %d, stderr:\n%s\nwant exit 1 and:\n%s", res.code, res.stderr, tt.want)
			}
			res = runCLI(t, dir, nil, "plan")
			if res.code != 1 || strings.TrimSpace(res.stderr) != "hcsync plan: "+tt.want {
				t.Errorf("plan: exit %d, stderr:\n%s\nwant exit 1 and:\nhcsync plan: %s", res.code, res.stderr, tt.want)
			}
		})
	}
}

// TestValidateChecksTheProviderBlock: a provider that needs its block
// and has none is one problem at provider:; a locale spelt otherwise
// than the help center spells it works, with a warning that says the
// help center's spelling.
func TestValidateChecksTheProviderBlock(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, config string
		code         int
		want         []string
	}{
		{"zendesk without its block", "provider: zendesk\ncontent: docs\n", 1, []string{
			"hcsync validate: hcsync.yaml:1: provider zendesk has no zendesk: block in this file: add one (hcsync init --provider zendesk writes a starter config); zendesk.subdomain is not set: set it to your help center's subdomain (acme for acme.zendesk.com)"}},
		{"helpcenter without its block", "content: docs\nprovider: helpcenter\n", 1, []string{
			"hcsync validate: hcsync.yaml:2: provider helpcenter has no helpcenter: block in this file: add one (hcsync init --provider helpcenter writes a starter config); helpcenter.center_id is not set: copy the Center ID from Settings > General > API in Help.Center"}},
		{"zendesk en_US", "provider: zendesk\ndefault_locale: en_US\nrequired_locales: [fr, pt_BR]\nzendesk:\n  subdomain: acme\n", 0, []string{
			"2 warnings:",
			`  hcsync.yaml:2: default_locale "en_US" works, but zendesk spells it en-us: write en-us`,
			`  hcsync.yaml:3: required_locales: "pt_BR" works, but zendesk spells it pt-br: write pt-br`}},
		{"intercom pt_br", "provider: intercom\ndefault_locale: pt_br\nintercom:\n  region: eu\n", 0, []string{
			`warning: hcsync.yaml:2: default_locale "pt_br" works, but intercom spells it pt-BR: write pt-BR`}},
		{"intercom en-us, which it does not have", "provider: intercom\ndefault_locale: en-us\n", 0, nil},
		{"helpcenter ES", "provider: helpcenter\ndefault_locale: ES\nhelpcenter:\n  center_id: abc\n", 0, []string{
			`warning: hcsync.yaml:2: default_locale "ES" works, but helpcenter spells it es: write es`}},
		{"a zendesk block beside provider: local", "provider: local\nzendesk:\n  subdomain: your-subdomain\n", 0, nil},
		{"a zendesk block without provider:", "content: docs\nzendesk:\n  subdomain: acme\n", 1, []string{
			"hcsync validate: hcsync.yaml:2: provider: is not set, so hcsync would use local (a folder on disk), yet this file configures zendesk: add provider: zendesk (or provider: local to mean it)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, "hcsync.yaml"), tt.config)
			writeFile(t, filepath.Join(dir, "docs/Guides/Setup/a.md"), "---\ntitle: A\nlocale: en-us\n---\nBody.\n")
			res := runCLI(t, dir, nil, "validate")
			if got := strings.TrimSpace(res.stderr); res.code != tt.code || got != strings.Join(tt.want, "\n") {
				t.Errorf("exit %d, stderr:\n%s\nwant exit %d and:\n%s", res.code, got, tt.code, strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestApplyWithoutProviderBesideABlock: a config that sets up Zendesk
// but names no provider is refused before anything is written, rather
// than applied to the default provider's folder and reported as done.
func TestApplyWithoutProviderBesideABlock(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "hcsync.yaml"), "content: docs\nzendesk:\n  subdomain: acme\n")
	writeFile(t, filepath.Join(dir, "docs/Guides/Setup/a.md"), "---\ntitle: A\n---\nBody.\n")
	res := runCLI(t, dir, nil, "apply", "--auto-approve")
	if res.code != exitError || !strings.Contains(res.stderr, "add provider: zendesk") {
		t.Errorf("apply: exit %d, stderr:\n%s\nwant exit 1 naming provider: zendesk", res.code, res.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, ".hcsync", "local")); !os.IsNotExist(err) {
		t.Errorf("apply wrote the default provider's folder (stat: %v)", err)
	}
}
