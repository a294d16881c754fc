package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/diag"
)

// writeConfig writes text as hcsync.yaml in a fresh folder.
func writeConfig(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), FileName)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// folderSettings is a provider's block for config's own tests: config
// knows no provider, the CLI registers them, so its tests bring one.
type folderSettings struct {
	Dir     string   `yaml:"dir"`
	Locales []string `yaml:"locales"`
}

func (s *folderSettings) Default() {
	if s.Dir == "" {
		s.Dir = "store"
	}
}

func (s *folderSettings) Check(problem func(key, format string, args ...any)) {
	for _, l := range s.Locales {
		if l != strings.ToLower(l) {
			problem("locales", "local.locales: %q is not lower-case", l)
		}
	}
}

// testBlocks offers the default provider, local, with folderSettings.
var testBlocks = []Block{{Name: DefaultProvider, New: func() Settings { return &folderSettings{} }}}

// TestBlocks: a provider's block is read as strictly as config's own
// keys, defaulted when absent, and checked by its provider, each problem
// on its line.
func TestBlocks(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text string
		want       folderSettings
		problems   []string // without the "path:" prefix
	}{
		{name: "absent block is defaulted", text: "", want: folderSettings{Dir: "store"}},
		{name: "block read", text: "local:\n  dir: hc\n  locales: [fr]\n", want: folderSettings{Dir: "hc", Locales: []string{"fr"}}},
		{name: "unknown key", text: "local:\n  dri: hc\n", problems: []string{`2: unknown key "dri" in local (did you mean "dir"?)`}},
		{name: "unknown block", text: "locl: {dir: hc}\n", problems: []string{`1: unknown key "locl" (did you mean "local"?)`}},
		{name: "wrong type", text: "local: {locales: fr}\n", problems: []string{`1: local.locales: want a list like [a, b], got "fr"`}},
		{name: "not a mapping", text: "local: hc\n", problems: []string{`1: local: want settings as key: value lines, got "hc"`}},
		{name: "checked by the provider", text: "local:\n  dir: hc\n  locales: [fr, DE]\n", problems: []string{`3: local.locales: "DE" is not lower-case`}},
		{name: "provider not offered", text: "provider: locl\n", problems: []string{`1: provider "locl" is not one of local (did you mean "local"?)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := writeConfig(t, tt.text)
			cfg, err := Load(path, testBlocks)
			var ps diag.Problems
			errors.As(err, &ps)
			var got []string
			for _, p := range ps {
				got = append(got, strings.TrimPrefix(p.String(), path+":"))
			}
			if !slices.Equal(got, tt.problems) {
				t.Fatalf("problems:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(tt.problems, "\n  "))
			}
			if err == nil && !reflect.DeepEqual(*cfg.Blocks["local"].(*folderSettings), tt.want) {
				t.Errorf("local block %+v, want %+v", *cfg.Blocks["local"].(*folderSettings), tt.want)
			}
		})
	}
}

// links.root names a folder of the tree or a site's URL; anything else
// is a problem on its line that says which two forms it takes.
func TestLinksRoot(t *testing.T) {
	t.Parallel()
	tests := []struct {
		root string
		want string // problem after "path:2: "; "" = none
	}{
		{".", ""},
		{"/", ""},
		{"en", ""},
		{"en/", ""},
		{"https://gohugo.io", ""},
		{"http://127.0.0.1:1313/docs/", ""},
		{"../outside", `links.root "../outside" is outside the content folder: name a folder of the tree ("." for all of it) or the site's URL (https://...)`},
		{"/srv/site", `links.root "/srv/site" is outside the content folder: name a folder of the tree ("." for all of it) or the site's URL (https://...)`},
		{"fr", `links.root "fr": the content folder has no folder fr: name a folder of the tree ("." for all of it) or the site's URL (https://...)`},
		{"ftp://x.test", `links.root "ftp://x.test" is not an http(s) URL with a host: name a folder of the tree ("." for all of it) or the site's URL (https://...)`},
		{"https://", `links.root "https://" is not an http(s) URL with a host: name a folder of the tree ("." for all of it) or the site's URL (https://...)`},
	}
	for _, tt := range tests {
		t.Run(tt.root, func(t *testing.T) {
			t.Parallel()
			path := writeConfig(t, "content: docs\nlinks:\n  root: \""+tt.root+"\"\n")
			if err := os.MkdirAll(filepath.Join(filepath.Dir(path), "docs", "en"), 0o755); err != nil {
				t.Fatal(err)
			}
			cfg, err := Load(path, testBlocks)
			var ps diag.Problems
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("Load: %v", err)
			case tt.want == "" && cfg.Links.Root != tt.root:
				t.Errorf("Links.Root = %q, want %q", cfg.Links.Root, tt.root)
			case tt.want != "" && !errors.As(err, &ps):
				t.Fatalf("Load = %v, want the problem %q", err, tt.want)
			case tt.want != "" && (len(ps) != 1 || ps[0].Line != 3 || ps[0].Msg != tt.want):
				t.Errorf("problems %v, want line 3: %s", ps, tt.want)
			}
		})
	}
}

func TestLoadMissingFile(t *testing.T) {
	t.Parallel()
	_, err := Load(filepath.Join(t.TempDir(), FileName), testBlocks)
	if !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("Load of a missing file: %v, want os.ErrNotExist", err)
	}
}

func TestPathsResolveAgainstTheConfigFolder(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, FileName), []byte("content: ../site/docs\nlocal: {dir: /var/hc}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Load through a relative path, as the CLI does from the repo root.
	rel, err := filepath.Rel(mustGetwd(t), filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := Load(rel, testBlocks)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := cfg.ContentDir(), filepath.Join(filepath.Dir(dir), "site", "docs"); got != want {
		t.Errorf("ContentDir() = %s, want %s", got, want)
	}
	if got, want := cfg.Resolve(cfg.Blocks["local"].(*folderSettings).Dir), filepath.FromSlash("/var/hc"); got != want {
		t.Errorf("Resolve(local.dir) = %s, want %s", got, want)
	}
	if got, want := cfg.Resolve(".hcsync/local"), filepath.Join(dir, ".hcsync", "local"); got != want {
		t.Errorf("Resolve(.hcsync/local) = %s, want %s", got, want)
	}
}

func mustGetwd(t *testing.T) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return wd
}
