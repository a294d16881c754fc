package config

import (
	"strings"
	"testing"
)

// hostSettings is a provider that needs a host and spells locales in
// upper case, for CheckProvider's tests.
type hostSettings struct {
	Host  string `yaml:"host"`
	Group string `yaml:"group"`
}

func (*hostSettings) Default()                                    {}
func (*hostSettings) Check(func(key, format string, args ...any)) {}

func (s *hostSettings) CheckChosen(problem func(key, format string, args ...any)) {
	switch s.Host {
	case "":
		problem("host", "hosted.host is not set")
	case "your-host":
		problem("host", "hosted.host is still the placeholder")
	}
}

func (*hostSettings) SpellLocale(l string) string { return strings.ToUpper(l) }

// TestCheckProvider: the chosen provider's own checks run on its block,
// each problem on its key's line (the block's when the key is not
// written), or once at provider: when the file has
// no block; another provider's block is not its business, unless the
// file names no provider, so that the default (local) would be used in
// its stead; a locale
// spelt otherwise than the provider spells it is a warning on its line.
// Load itself accepts all of these.
func TestCheckProvider(t *testing.T) {
	t.Parallel()
	blocks := append([]Block{{Name: "hosted", New: func() Settings { return &hostSettings{} }}}, testBlocks...)
	tests := []struct {
		name, text         string
		problems, warnings string
	}{
		{name: "ready", text: "provider: hosted\ndefault_locale: EN\nhosted:\n  host: h\n"},
		{name: "placeholder", text: "provider: hosted\ndefault_locale: EN\nhosted:\n  host: your-host\n", problems: "4: hosted.host is still the placeholder"},
		{name: "no block", text: "default_locale: EN\nprovider: hosted\n", problems: "2: provider hosted has no hosted: block in this file: add one (hcsync init --provider hosted writes a starter config); hosted.host is not set"},
		{name: "block without the key", text: "provider: hosted\nhosted:\n  # the host goes here\n\n", problems: "2: hosted.host is not set"},
		{name: "block with another key", text: "provider: hosted\nhosted:\n  group: g\n", problems: "2: hosted.host is not set"},
		{name: "empty block", text: "provider: hosted\ncontent: .\nhosted: {}\n", problems: "3: hosted.host is not set"},
		{name: "block without provider:", text: "content: .\nhosted:\n  host: h\n", problems: "2: provider: is not set, so hcsync would use local (a folder on disk), yet this file configures hosted: add provider: hosted (or provider: local to mean it)"},
		{name: "local's own block without provider:", text: "content: .\nlocal:\n  dir: d\n"},
		{name: "another provider's block", text: "provider: local\nhosted:\n  host: your-host\n"},
		{name: "spelling", text: "provider: hosted\nrequired_locales: [FR, de]\nhosted:\n  host: h\n", warnings: `2: required_locales: "de" works, but hosted spells it DE: write DE`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := writeConfig(t, tt.text)
			cfg, err := Load(path, blocks)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			ps, ws := cfg.CheckProvider()
			list := func(l []string) string { return strings.Join(l, "|") }
			var gotP, gotW []string
			for _, p := range ps {
				gotP = append(gotP, strings.TrimPrefix(p.String(), path+":"))
			}
			for _, w := range ws {
				gotW = append(gotW, strings.TrimPrefix(w.String(), path+":"))
			}
			if list(gotP) != tt.problems || list(gotW) != tt.warnings {
				t.Errorf("problems %q warnings %q\nwant     %q warnings %q", list(gotP), list(gotW), tt.problems, tt.warnings)
			}
		})
	}
}
