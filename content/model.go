package content

import (
	"github.com/hcsync/hcsync/diag"
	"github.com/hcsync/hcsync/locales"
)

// Tree is the desired state: every section and article found under the
// content folder.
type Tree struct {
	// Root is the content folder, as an absolute OS path.
	Root string
	// Sections holds one entry per folder that holds articles or other
	// folders, parents before children, sorted by Dir.
	Sections []*Section
	// Articles holds one entry per source file, sorted by Path.
	Articles []*Article
	// Warnings are what is worth saying about a tree that loads: keys
	// hcsync does not read, with front_matter unknown: warn. Sorted by
	// file and line.
	Warnings diag.Problems
}

// Section is a folder of the tree: a category (a top-level folder that
// holds only folders) or a section (a folder that holds articles;
// deeper folders are sub-sections).
type Section struct {
	Dir    string // slash path relative to Root, e.g. "getting-started"
	Parent string // Dir of the parent folder, "" for top level
	// Category is set on a top-level folder that holds only folders;
	// every other folder is a section (deeper ones sub-sections).
	Category    bool
	Name        string // title: of _section.md/_category.md, else the folder name
	ID          string // id: of _section.md/_category.md, binds the folder to a remote one
	Description string
	Position    *int
	File        string // slash path of _section.md or _category.md, "" when none
	// HasTitle and HasDescription say the file writes title: and
	// description:; the planner updates only what the file says (a name
	// taken from the folder is compared only on folders bound by id).
	HasTitle, HasDescription bool
}

// Article is one source file and its translation files. Metadata fields
// that are nil were not written in the front-matter: hcsync leaves them
// as the help center has them.
type Article struct {
	Path   string // slash path of the source file relative to Root
	Dir    string // slash path of its folder
	ID     string // id: from front-matter, "" when absent
	IDLine int    // line of id: in the file, 0 when absent
	Locale string // source locale (front-matter locale: or config default)
	// Section is the front-matter section: value (a name, slug or id) or,
	// when absent, Dir.
	Section          string
	SectionLine      int
	Labels           *[]string
	ContentTags      *[]string
	Segments         *[]string
	PermissionGroup  *string
	Promoted         *bool
	Position         *int
	CommentsDisabled *bool
	// RedirectFrom lists what redirects to this article: ids of articles
	// it replaces (each of whose locale URLs redirects to this article's
	// URL in that locale) and paths on the help center's site. Nil when
	// not written.
	RedirectFrom []string
	// Lines of the keys above, for errors the planner finds later
	// (unknown segment, capability the provider lacks). Keyed by YAML key.
	KeyLines map[string]int

	// Translations holds the source translation first, then the others
	// sorted by locale.
	Translations []*Translation
}

// Source returns the source-locale translation.
func (a *Article) Source() *Translation { return a.Translations[0] }

// Translation returns the translation for locale, or nil.
func (a *Article) Translation(locale string) *Translation {
	for _, t := range a.Translations {
		if locales.Equal(t.Locale, locale) {
			return t
		}
	}
	return nil
}

// Translation is one locale of an article: the source file or a
// name.<locale>.md file.
type Translation struct {
	Path        string // slash path relative to Root
	Locale      string
	Title       string
	Draft       bool // false = published; a translation without draft: inherits the source's
	Description *string
	Slug        *string
	// Body is the Markdown after the front-matter. It is nil when Load
	// took the file from a LoadCache: Tree.Body reads it then.
	Body     []byte
	BodySum  uint64 // checksum.Of the body, always set
	BodyLine int    // 1-based line of the file where the body starts
	KeyLines map[string]int
	// SourceCommit is the source_commit: (or translated_from:) of a
	// translation file: the commit of its source it was last confirmed
	// against, "" when absent.
	SourceCommit string
	// SourceHash is the source_hash: of a translation file: SourceHash of
	// the source body it was confirmed against, for trees outside git.
	SourceHash string

	bodyLazy bool
}

// IDFile is where a created section's id is kept: the folder's
// _section.md or _category.md, or, when it has neither, the one its kind
// calls for.
func (s *Section) IDFile() string {
	if s.File != "" {
		return s.File
	}
	if s.Category {
		return s.Dir + "/_category.md"
	}
	return s.Dir + "/_section.md"
}
