package main

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/config"
	"github.com/hcsync/hcsync/diag"
)

// writeConfigFile writes text as hcsync.yaml in a fresh folder.
func writeConfigFile(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), config.FileName)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// blocks are the four providers' blocks as Load fills them in.
func blocks(z zendeskSettings, i intercomSettings, h helpCenterSettings, l localSettings) map[string]config.Settings {
	return map[string]config.Settings{"zendesk": &z, "intercom": &i, "helpcenter": &h, "local": &l}
}

// TestLoadConfig: hcsync.yaml as the CLI reads it, each provider's
// block decoded by the provider's registered settings.
func TestLoadConfig(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text string
		want       config.Config // File and Dir are filled in by the test
	}{
		{
			name: "empty file gets every default",
			text: "",
			want: config.Config{Provider: "local", Content: "docs", DefaultLocale: "en-us", Concurrency: 8, MaxArchive: 10,
				Blocks:      blocks(zendeskSettings{}, intercomSettings{Prune: "draft"}, helpCenterSettings{}, localSettings{Dir: ".hcsync/local"}),
				FrontMatter: config.FrontMatter{Unknown: "error"}},
		},
		{
			name: "every key",
			text: `provider: zendesk
content: help
default_locale: de
prune: true
concurrency: 16
max_archive: 0
rate_limit: 300
zendesk: {subdomain: acme, base_url: "http://127.0.0.1:9", permission_group: Admins, user_segment: null}
intercom:
  author_id: 123   # a number in YAML, an id string to us
  region: eu
  prune: delete
  image_base_url: https://cdn.example.com/docs
helpcenter: {center_id: abc, base_url: "http://127.0.0.1:8"}
local: {dir: /srv/hc, base_url: "https://help.example.com", locales: [en-us, fr]}
links: {root: "https://gohugo.io/"}
front_matter:
  ignore: [weight, keywords, description]
  unknown: warn
`,
			want: config.Config{
				Provider: "zendesk", Content: "help", DefaultLocale: "de", Prune: true, Concurrency: 16, MaxArchive: 0, RateLimit: 300,
				Blocks: blocks(
					zendeskSettings{Subdomain: "acme", BaseURL: "http://127.0.0.1:9", PermissionGroup: "Admins"},
					intercomSettings{AuthorID: "123", Region: "eu", Prune: "delete", ImageBaseURL: "https://cdn.example.com/docs"},
					helpCenterSettings{CenterID: "abc", BaseURL: "http://127.0.0.1:8"},
					localSettings{Dir: "/srv/hc", BaseURL: "https://help.example.com", Locales: []string{"en-us", "fr"}}),
				Links:       config.Links{Root: "https://gohugo.io/"},
				FrontMatter: config.FrontMatter{Ignore: []string{"weight", "keywords", "description"}, Unknown: "warn"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := writeConfigFile(t, tt.text)
			got, err := config.Load(path, configBlocks())
			if err != nil {
				t.Fatal(err)
			}
			tt.want.File, tt.want.Dir = path, filepath.Dir(path)
			if !reflect.DeepEqual(*got, tt.want) {
				t.Errorf("Load:\n got %+v\nwant %+v", *got, tt.want)
			}
		})
	}
}

// TestLoadConfigProblems: every problem of hcsync.yaml at once, with
// its line, in config's own keys and in the providers' blocks alike.
func TestLoadConfigProblems(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text string
		want       []string // without the "path:" prefix
	}{
		{"unknown key", "provder: local\n", []string{`1: unknown key "provder" (did you mean "provider"?)`}},
		{"unknown nested key", "zendesk:\n  subdomian: acme\n", []string{`2: unknown key "subdomian" in zendesk (did you mean "subdomain"?)`}},
		{"unknown key far from any", "colour: red\n", []string{`1: unknown key "colour" (allowed: provider, content, default_locale, prune, concurrency, max_archive, rate_limit, required_locales, links, front_matter, helpcenter, intercom, local, zendesk)`}},
		{"front_matter settings", "front_matter:\n  unknown: maybe\n  ignore: [weight, Title, id]\n", []string{
			`2: front_matter.unknown "maybe" is not error, warn or ignore`,
			`3: front_matter.ignore: hcsync needs title: remove it from the list`,
			`3: front_matter.ignore: hcsync needs id: remove it from the list`,
		}},
		{"front_matter.ignore not a list", "front_matter: {ignore: weight}\n", []string{
			`1: front_matter.ignore: want a list like [a, b], got "weight"`,
		}},
		{"wrong types", "concurrency: many\nprune: maybe\nlocal: {locales: fr}\nzendesk: acme\n", []string{
			`1: concurrency: want a whole number, got "many"`,
			`2: prune: want true or false, got "maybe"`,
			`3: local.locales: want a list like [a, b], got "fr"`,
			`4: zendesk: want settings as key: value lines, got "acme"`,
		}},
		{"unknown provider", "provider: zendsk\n", []string{`1: provider "zendsk" is not one of helpcenter, intercom, local, zendesk (did you mean "zendesk"?)`}},
		{"concurrency written as 0", "concurrency: 0\n", []string{"1: concurrency 0 is out of range: use 1 to 64"}},
		{"max_archive negative", "max_archive: -1\n", []string{"1: max_archive -1 is negative: use 0 to refuse every archive, or the most articles one apply may archive"}},
		{"concurrency too high", "\nconcurrency: 65\n", []string{"2: concurrency 65 is out of range: use 1 to 64"}},
		{"bad locales", "default_locale: english\nlocal:\n  locales: [fr, français]\n", []string{
			`1: default_locale "english" is not a locale code (like en-us, fr, pt-br)`,
			`3: local.locales: "français" is not a locale code (like en-us, fr, pt-br)`,
		}},
		{"bad required locale", "required_locales: [fr, German]\n", []string{
			`1: required_locales: "German" is not a locale code (like en-us, fr, pt-br)`,
		}},
		{"intercom settings", "intercom:\n  prune: archive\n  region: mars\n", []string{
			`2: intercom.prune "archive" is not draft or delete`,
			`3: intercom.region "mars" is not us, eu or au`,
		}},
		{"invalid YAML", "provider: local\nzendesk: {subdomain: acme\n", []string{"2: invalid YAML: did not find expected ',' or '}'"}},
		{"not a mapping", "- zendesk\n", []string{"1: the config must be key: value lines, not a list"}},
		{"key written twice", "provider: local\nprovider: zendesk\n", []string{`2: key "provider" is written twice (first at line 1): keep one`}},
		{"every problem at once", "provder: x\nconcurrency: 100\nlocal:\n  dri: x\ndefault_locale: 1\n", []string{
			`1: unknown key "provder" (did you mean "provider"?)`,
			"2: concurrency 100 is out of range: use 1 to 64",
			`4: unknown key "dri" in local (did you mean "dir"?)`,
			`5: default_locale "1" is not a locale code (like en-us, fr, pt-br)`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := writeConfigFile(t, tt.text)
			cfg, err := config.Load(path, configBlocks())
			var ps diag.Problems
			if !errors.As(err, &ps) {
				t.Fatalf("Load = %+v, %v; want Problems", cfg, err)
			}
			var got []string
			for _, p := range ps {
				s := p.String()
				if !strings.HasPrefix(s, path+":") {
					t.Errorf("problem %q does not name %s", s, path)
				}
				got = append(got, strings.TrimPrefix(s, path+":"))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("problems:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}
