// Package config loads hcsync.yaml, the one file that says which help
// center a tree syncs to and how.
package config

import "strings"

// Config is hcsync.yaml after loading and defaulting.
type Config struct {
	// File is the path the config was read from ("" when built in code).
	File string `yaml:"-"`
	// Dir is the folder relative paths in the config are resolved against
	// (the config file's folder).
	Dir string `yaml:"-"`

	Provider      string `yaml:"provider"`       // the id of one of the providers Load is given
	Content       string `yaml:"content"`        // folder of the Markdown tree, relative to Dir
	DefaultLocale string `yaml:"default_locale"` // source locale of files without locale:
	Prune         bool   `yaml:"prune"`          // archive managed articles whose files were deleted
	Concurrency   int    `yaml:"concurrency"`    // parallel writes during apply
	// MaxArchive is the most articles one apply may archive (or delete)
	// before it refuses: a mistaken `git rm -r docs/` with prune on must
	// never empty a help center. 0 refuses every archive.
	MaxArchive int `yaml:"max_archive"`
	// RateLimit overrides the provider's documented requests per minute
	// (0 = the documented figure). Lower it when other tools share the
	// same API budget.
	RateLimit int `yaml:"rate_limit"`
	// RequiredLocales are the locales every article must be translated
	// into: a missing translation is a plan warning (a problem with
	// --fail-on-missing), and hcsync status counts it as missing.
	RequiredLocales []string `yaml:"required_locales"`

	Links Links `yaml:"links"`

	FrontMatter FrontMatter `yaml:"front_matter"`

	// Blocks holds each provider's block, by provider id, decoded and
	// defaulted (even when the file has none), for the provider to read.
	Blocks map[string]Settings `yaml:"-"`
}

// Settings is one provider's block of hcsync.yaml (zendesk:, local:):
// a pointer to a struct whose yaml tags are the block's keys. Load
// decodes the block into it as strictly as the rest of the file, so
// each provider owns its settings and config names none.
type Settings interface {
	// Default fills in what the file left out.
	Default()
	// Check reports each value that decoded fine but makes no sense by
	// calling problem; key is dotted inside the block ("prune"), for the
	// line, and the message names the key in full ("intercom.prune").
	Check(problem func(key, format string, args ...any))
}

// ChosenChecker is implemented by a provider's settings with checks
// that matter only when provider: names that provider: keys it cannot
// run without, values still set to hcsync init's placeholders. A block
// of a provider not in use may hold anything that decodes.
type ChosenChecker interface {
	// CheckChosen reports each such value by calling problem, as
	// Settings.Check does.
	CheckChosen(problem func(key, format string, args ...any))
}

// LocaleSpeller is implemented by a provider's settings when its help
// center spells locale codes one way (Zendesk's en-us, Intercom's
// pt-BR). hcsync compares codes without case and with _ and - alike, so
// another spelling works; a warning says the help center's.
type LocaleSpeller interface {
	// SpellLocale returns the help center's spelling of the valid code
	// l, or "" when it has none to offer.
	SpellLocale(l string) string
}

// Block says Load may read one provider's block: Name is the provider's
// id, the value of provider: and the key of its block; New returns its
// settings before decoding.
type Block struct {
	Name string
	New  func() Settings
}

// FrontMatter says what to make of front-matter keys hcsync does not
// read, for trees written for a site generator (Hugo, Jekyll,
// Docusaurus) that carry its keys.
type FrontMatter struct {
	// Ignore lists keys read as if absent: a site generator's own
	// (weight, aliases), or keys hcsync reads that this tree means
	// otherwise. title and id may not be listed.
	Ignore []string `yaml:"ignore"`
	// Unknown is what any other key hcsync does not read is: error
	// (default), warn (printed, the key dropped) or ignore.
	Unknown string `yaml:"unknown"`
}

// Links says how links and images rooted at the site ("/functions/len",
// "/images/logo.png") resolve: trees written for a static site generator
// link that way.
type Links struct {
	// Root is a folder of the tree, relative to the content folder ("."
	// for all of it), that "/" stands for, or the URL of the site the
	// paths are on (https://gohugo.io), which makes them full URLs, or
	// "/": the help center's own site, so they are published as written
	// (export writes this). Empty: such links are dead-link problems,
	// except those into the help center itself.
	Root string `yaml:"root"`
}

// RootIsURL reports whether Root names a site rather than a folder.
func (l Links) RootIsURL() bool {
	return strings.Contains(l.Root, "://")
}
