package config

import (
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hcsync/hcsync/locales"

	"github.com/hcsync/hcsync/diag"
)

// MaxConcurrency bounds concurrency: beyond it every help center's rate
// limit is the bottleneck and more workers only queue.
const MaxConcurrency = 64

// validate checks values that decoded fine but make no sense. lines maps
// dotted keys to the line they were written on (0 for defaults).
func (c *Config) validate(lines map[string]int) diag.Problems {
	var ps diag.Problems
	problem := func(key, format string, args ...any) {
		ps = append(ps, diag.Problem{File: c.File, Line: lines[key], Msg: fmt.Sprintf(format, args...)})
	}
	if _, ok := c.Blocks[c.Provider]; !ok {
		names := c.providerNames()
		hint := ""
		if near := diag.Nearest(c.Provider, names); near != "" {
			hint = fmt.Sprintf(" (did you mean %q?)", near)
		}
		problem("provider", "provider %q is not one of %s%s", c.Provider, strings.Join(names, ", "), hint)
	}
	if c.Concurrency < 1 || c.Concurrency > MaxConcurrency {
		problem("concurrency", "concurrency %d is out of range: use 1 to %d", c.Concurrency, MaxConcurrency)
	}
	if c.MaxArchive < 0 {
		problem("max_archive", "max_archive %d is negative: use 0 to refuse every archive, or the most articles one apply may archive", c.MaxArchive)
	}
	if c.RateLimit < 0 {
		problem("rate_limit", "rate_limit %d is negative: use 0 for the provider's documented limit", c.RateLimit)
	}
	if !locales.Valid(c.DefaultLocale) {
		problem("default_locale", "default_locale %q is not a locale code (like en-us, fr, pt-br)", c.DefaultLocale)
	}
	for _, l := range c.RequiredLocales {
		if !locales.Valid(l) {
			problem("required_locales", "required_locales: %q is not a locale code (like en-us, fr, pt-br)", l)
		}
	}
	for _, name := range c.providerNames() {
		c.Blocks[name].Check(func(key, format string, args ...any) { problem(name+"."+key, format, args...) })
	}
	// The three values are content.UnknownKeys's; config reads the file
	// and leaves what they mean to the loader.
	switch c.FrontMatter.Unknown {
	case "error", "warn", "ignore":
	default:
		problem("front_matter.unknown", "front_matter.unknown %q is not error, warn or ignore", c.FrontMatter.Unknown)
	}
	for _, k := range c.FrontMatter.Ignore {
		if k := strings.ToLower(k); k == "title" || k == "id" {
			problem("front_matter.ignore", "front_matter.ignore: hcsync needs %s: remove it from the list", k)
		}
	}
	if msg := c.checkLinksRoot(); msg != "" {
		problem("links.root", "links.root %q%s: name a folder of the tree (\".\" for all of it) or the site's URL (https://...)", c.Links.Root, msg)
	}
	return ps
}

// providerNames are the ids of the providers c may name, sorted.
func (c *Config) providerNames() []string {
	names := make([]string, 0, len(c.Blocks))
	for n := range c.Blocks {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// checkLinksRoot says what is wrong with links.root, "" if nothing.
func (c *Config) checkLinksRoot() string {
	root := c.Links.Root
	switch {
	case root == "" || root == "/":
		return ""
	case c.Links.RootIsURL():
		u, err := url.Parse(root)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return " is not an http(s) URL with a host"
		}
		return ""
	case path.IsAbs(root) || filepath.IsAbs(root):
		return " is outside the content folder"
	}
	clean := path.Clean(root)
	if clean == ".." || strings.HasPrefix(clean, "../") {
		return " is outside the content folder"
	}
	if st, err := os.Stat(filepath.Join(c.ContentDir(), filepath.FromSlash(clean))); err != nil || !st.IsDir() {
		return ": the content folder has no folder " + clean
	}
	return ""
}

// CheckProvider reports what the file shows, offline, of the chosen
// provider's readiness: as problems, keys it cannot run without and
// values still set to hcsync init's placeholders, each at its key's line
// or, when the block lacks the key, at the block's (a provider with no
// block at all is one problem, at provider:; so is another provider's
// block in a file that names none); as warnings, locale codes
// written in another spelling than the help center's. Load leaves these
// out, so that a starter config still serves the commands that need no
// help center (preview, status --offline); validate and the commands
// that reach the help center call it.
func (c *Config) CheckProvider() (problems, warnings diag.Problems) {
	lines := c.keyLines()
	at := func(key string) int { return lines[key] }
	if p, ok := c.unnamedProvider(lines); ok {
		problems = append(problems, p)
	}
	if chk, ok := c.Blocks[c.Provider].(ChosenChecker); ok {
		_, written := lines[c.Provider]
		chk.CheckChosen(func(key, format string, args ...any) {
			msg := fmt.Sprintf(format, args...)
			if !written {
				if len(problems) == 0 {
					problems = append(problems, diag.Problem{File: c.File, Line: at("provider"), Msg: fmt.Sprintf(
						"provider %s has no %s: block in this file: add one (hcsync init --provider %s writes a starter config); %s", c.Provider, c.Provider, c.Provider, msg)})
				}
				return
			}
			line, set := lines[c.Provider+"."+key]
			if !set {
				line = at(c.Provider) // the key is missing from the block
			}
			problems = append(problems, diag.Problem{File: c.File, Line: line, Msg: msg})
		})
	}
	if sp, ok := c.Blocks[c.Provider].(LocaleSpeller); ok {
		spell := func(key, label, l string) {
			if _, written := lines[key]; !written {
				return // the default is hcsync's, not the user's to spell
			}
			if want := sp.SpellLocale(l); want != "" && want != l && locales.Valid(l) {
				warnings = append(warnings, diag.Problem{File: c.File, Line: at(key), Msg: fmt.Sprintf(
					"%s %q works, but %s spells it %s: write %s", label, l, c.Provider, want, want)})
			}
		}
		spell("default_locale", "default_locale", c.DefaultLocale)
		for _, l := range c.RequiredLocales {
			spell("required_locales", "required_locales:", l)
		}
	}
	problems.Sort()
	warnings.Sort()
	return problems, warnings
}

// unnamedProvider is the problem of a file that configures a provider
// but names none: the default, a folder on disk, would take the
// changes meant for the help center the block describes, and say they
// were applied.
func (c *Config) unnamedProvider(lines map[string]int) (diag.Problem, bool) {
	if _, named := lines["provider"]; named {
		return diag.Problem{}, false
	}
	var blocks []string
	for _, name := range c.providerNames() {
		if _, written := lines[name]; written && name != c.Provider {
			blocks = append(blocks, name)
		}
	}
	if len(blocks) == 0 {
		return diag.Problem{}, false
	}
	fix := "add provider: with the one to use"
	if len(blocks) == 1 {
		fix = fmt.Sprintf("add provider: %s (or provider: %s to mean it)", blocks[0], c.Provider)
	}
	return diag.Problem{File: c.File, Line: lines[blocks[0]], Msg: fmt.Sprintf(
		"provider: is not set, so hcsync would use %s (a folder on disk), yet this file configures %s: %s",
		c.Provider, strings.Join(blocks, ", "), fix)}, true
}
