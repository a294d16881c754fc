package content

import (
	"hash/fnv"
	"slices"
	"strings"

	"github.com/hcsync/hcsync/diag"
)

// UnknownKeys says what Load makes of a front-matter key hcsync does
// not read and FrontMatterOptions.Ignore does not list.
type UnknownKeys string

// What an unknown key can be.
const (
	// UnknownError makes it a problem: the tree does not load. It is
	// the default (the zero value means it too), so that a misspelt key
	// is never silently dropped.
	UnknownError UnknownKeys = "error"
	// UnknownWarn makes it a warning (Tree.Warnings): the key is
	// dropped, the tree loads.
	UnknownWarn UnknownKeys = "warn"
	// UnknownIgnore drops it without a word.
	UnknownIgnore UnknownKeys = "ignore"
)

// FrontMatterOptions are hcsync.yaml's front_matter settings: how a tree
// written for a site generator (Hugo's weight:, Jekyll's permalink:)
// moves in without editing every file.
type FrontMatterOptions struct {
	// Ignore lists keys read as if they were not there, in any case
	// (site generators such as Hugo read linkTitle and linktitle alike).
	// They may be keys hcsync reads too (a site's description: meant for
	// search engines, on a help center that has none), except title and
	// id.
	Ignore []string
	// Unknown is what the other keys hcsync does not read are.
	Unknown UnknownKeys
}

// fingerprint identifies the options, so that a LoadCache entry parsed
// under other options is not used.
func (o FrontMatterOptions) fingerprint() uint64 {
	h := fnv.New64a()
	unknown := o.Unknown
	if unknown == "" {
		unknown = UnknownError
	}
	h.Write([]byte(unknown))
	keys := make([]string, len(o.Ignore))
	for i, k := range o.Ignore {
		keys[i] = strings.ToLower(k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		h.Write([]byte{0})
		h.Write([]byte(k))
	}
	return h.Sum64()
}

// siteKey is what hcsync makes of a key a site generator uses.
type siteKey struct {
	use  string // the key of hcsync's with that meaning, or ""
	note string // why there is none, when use is ""
	// rewrite is the hint when the value must change, not just the key.
	rewrite string
}

// siteKeys are the front-matter keys of Hugo, Jekyll, Docusaurus and
// MkDocs that a tree moving in is likely to hold, and what hcsync makes
// of them: a specific hint reads better than the list of every key.
// They are in lower case: Hugo reads keys in any case (linkTitle,
// linktitle).
var siteKeys = map[string]siteKey{
	"weight":           {use: "position"},
	"sidebar_position": {use: "position"},
	"nav_order":        {use: "position"},
	"order":            {use: "position"},
	"tags":             {use: "labels"},
	"keywords":         {use: "labels"},
	"summary":          {use: "description"},
	"excerpt":          {use: "description"},
	"url":              {note: "the help center makes each URL; slug: sets its last part where the help center takes one"},
	"permalink":        {note: "the help center makes each URL; slug: sets its last part where the help center takes one"},
	"published":        {rewrite: "hcsync's draft: true is published: false"},
	"aliases":          {use: "redirect_from"},
	"alias":            {use: "redirect_from"},
	"categories":       {note: "the folder is the section; section: names another"},
	"date":             {note: "the help center keeps its own dates"},
	"lastmod":          {note: "the help center keeps its own dates"},
	"publishdate":      {note: "the help center keeps its own dates"},
	"expirydate":       {note: "the help center keeps its own dates"},
	"linktitle":        {note: "the help center shows title: only"},
	"sidebar_label":    {note: "the help center shows title: only"},
	"layout":           {note: "the help center's theme lays pages out"},
	"type":             {note: "the help center's theme lays pages out"},
}

// unknownKeyMsg is the problem of an unknown key in a file that may hold
// allowed: the site generator's meaning when the key has a known one,
// else a likely typo, else how to get past it. The list of every key is
// not repeated here: KindUnknownKey's note says it once.
func unknownKeyMsg(key string, allowed []string) string {
	const ignore = "list it under front_matter.ignore in hcsync.yaml"
	sk, ok := siteKeys[strings.ToLower(key)]
	switch {
	case ok && sk.use != "" && slices.Contains(allowed, sk.use):
		return `unknown key "` + key + `" (hcsync calls it ` + sk.use + `): rename it, or ` + ignore
	case ok && sk.use != "":
		return `unknown key "` + key + `" (hcsync calls it ` + sk.use + `, which this file cannot set): remove it, or ` + ignore
	case ok && sk.rewrite != "":
		return `unknown key "` + key + `" (` + sk.rewrite + `): rewrite it as draft:, or ` + ignore
	case ok:
		return `unknown key "` + key + `" (` + sk.note + `): remove it, or ` + ignore
	}
	if near := diag.Nearest(key, allowed); near != "" {
		return `unknown key "` + key + `" (did you mean "` + near + `"?)`
	}
	return `unknown key "` + key + `": remove it, or ` + ignore
}

// keysNote lists the keys of each kind of file, once under problems of
// KindUnknownKey.
func keysNote() string {
	return "front-matter keys hcsync reads: " + strings.Join(sourceKeys, ", ") +
		"; in translations " + strings.Join(translationKeys, ", ") +
		"; in _section.md and _category.md " + strings.Join(sectionKeys, ", ")
}
