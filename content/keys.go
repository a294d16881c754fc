package content

import (
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// sourceKeys is every key a source article's front-matter may hold, in
// the order DESIGN.md lists them.
var sourceKeys = []string{
	"title", "id", "locale", "section", "labels", "content_tags", "segments",
	"permission_group", "draft", "promoted", "position", "comments_disabled",
	"description", "slug", "redirect_from",
}

// translationKeys are the keys of a name.<locale>.md file; the rest
// belong to the article and live in the source file only.
// source_commit names the commit of the source the translation was last
// confirmed against (see Staleness).
// source_hash is the fallback outside git: SourceHash of the source body
// the translation was confirmed against.
var translationKeys = []string{"title", "draft", "description", "slug", "source_commit", "source_hash"}

// keyAliases are other names accepted for a key: translated_from is what
// some translation tools write. Only the key they stand for is
// documented.
var keyAliases = map[string]string{"translated_from": "source_commit"}

// sectionKeys are the keys of _section.md and _category.md.
var sectionKeys = []string{"title", "id", "description", "position"}

// frontMatter is a decoded front-matter block. A nil field was not
// written (or was written as null).
type frontMatter struct {
	Title            *string
	ID               *string
	Locale           *string
	Section          *string
	Labels           *[]string
	ContentTags      *[]string
	Segments         *[]string
	PermissionGroup  *string
	Draft            *bool
	Promoted         *bool
	Position         *int
	CommentsDisabled *bool
	Description      *string
	Slug             *string
	SourceCommit     *string
	SourceHash       *string
	RedirectFrom     *[]string

	// Lines maps each key written to its file line.
	Lines map[string]int
}

// field decodes one key's value into fm. It returns a message for the
// problem when the value has the wrong type.
type field func(fm *frontMatter, v *yaml.Node) string

var fields = map[string]field{
	"title":             func(fm *frontMatter, v *yaml.Node) string { return text(&fm.Title, v) },
	"id":                decodeID,
	"locale":            func(fm *frontMatter, v *yaml.Node) string { return text(&fm.Locale, v) },
	"section":           func(fm *frontMatter, v *yaml.Node) string { return text(&fm.Section, v) },
	"labels":            func(fm *frontMatter, v *yaml.Node) string { return list(&fm.Labels, v) },
	"content_tags":      func(fm *frontMatter, v *yaml.Node) string { return list(&fm.ContentTags, v) },
	"segments":          func(fm *frontMatter, v *yaml.Node) string { return list(&fm.Segments, v) },
	"permission_group":  func(fm *frontMatter, v *yaml.Node) string { return text(&fm.PermissionGroup, v) },
	"draft":             func(fm *frontMatter, v *yaml.Node) string { return boolean(&fm.Draft, v) },
	"promoted":          func(fm *frontMatter, v *yaml.Node) string { return boolean(&fm.Promoted, v) },
	"position":          func(fm *frontMatter, v *yaml.Node) string { return integer(&fm.Position, v) },
	"comments_disabled": func(fm *frontMatter, v *yaml.Node) string { return boolean(&fm.CommentsDisabled, v) },
	"description":       func(fm *frontMatter, v *yaml.Node) string { return text(&fm.Description, v) },
	"slug":              func(fm *frontMatter, v *yaml.Node) string { return text(&fm.Slug, v) },
	"source_commit":     func(fm *frontMatter, v *yaml.Node) string { return text(&fm.SourceCommit, v) },
	"source_hash":       func(fm *frontMatter, v *yaml.Node) string { return text(&fm.SourceHash, v) },
	"redirect_from":     decodeRedirectFrom,
}

// decodeRedirectFrom reads redirect_from: the ids of articles this one
// replaces, or paths on the help center's site, each of which is to
// redirect here (see the README's "Moving and archiving articles").
func decodeRedirectFrom(fm *frontMatter, v *yaml.Node) string {
	if msg := list(&fm.RedirectFrom, v); msg != "" {
		return msg
	}
	if fm.RedirectFrom == nil {
		return ""
	}
	for i, e := range *fm.RedirectFrom {
		e = strings.TrimSpace(e)
		(*fm.RedirectFrom)[i] = e
		if !isRedirectSource(e) {
			fm.RedirectFrom = nil
			return fmt.Sprintf("%q is neither an article id nor a path starting with /: write the id of the article this one replaces (redirect_from: [360001234567]) or its path (/hc/en-us/articles/360001234567)", e)
		}
	}
	return ""
}

// isRedirectSource reports whether e is an article id (digits) or a
// path on the site.
func isRedirectSource(e string) bool {
	if strings.HasPrefix(e, "/") && !strings.HasPrefix(e, "//") && !strings.ContainsAny(e, " \t?#") {
		return true
	}
	if e == "" {
		return false
	}
	for _, r := range e {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// isNull reports whether v was written as nothing, ~ or null: such a key
// counts as absent.
func isNull(v *yaml.Node) bool { return v.Kind == yaml.ScalarNode && v.Tag == "!!null" }

// text accepts any scalar: a title or a section may well be a number.
func text(dst **string, v *yaml.Node) string {
	if isNull(v) {
		return ""
	}
	if v.Kind != yaml.ScalarNode {
		return "want text, got " + describe(v)
	}
	s := v.Value
	*dst = &s
	return ""
}

func decodeID(fm *frontMatter, v *yaml.Node) string {
	if isNull(v) {
		return ""
	}
	if v.Kind != yaml.ScalarNode || (v.Tag != "!!int" && v.Tag != "!!str") {
		return "want a number or text, got " + describe(v)
	}
	s := strings.TrimSpace(v.Value)
	if s == "" {
		return `is empty: remove the line to create the article anew, or write the remote id`
	}
	fm.ID = &s
	return ""
}

func list(dst **[]string, v *yaml.Node) string {
	if isNull(v) {
		return ""
	}
	if v.Kind != yaml.SequenceNode {
		return "want a list like [a, b], got " + describe(v)
	}
	out := make([]string, 0, len(v.Content))
	for _, item := range v.Content {
		if item.Kind != yaml.ScalarNode || isNull(item) {
			return "want a list of names, got an item that is " + describe(item)
		}
		out = append(out, item.Value)
	}
	*dst = &out
	return ""
}

func boolean(dst **bool, v *yaml.Node) string {
	if isNull(v) {
		return ""
	}
	var b bool
	if v.Kind != yaml.ScalarNode || v.Decode(&b) != nil {
		return "want true or false, got " + describe(v)
	}
	*dst = &b
	return ""
}

func integer(dst **int, v *yaml.Node) string {
	if isNull(v) {
		return ""
	}
	var n int
	if v.Kind != yaml.ScalarNode || v.Decode(&n) != nil {
		return "want a whole number, got " + describe(v)
	}
	*dst = &n
	return ""
}

// describe names a value for an error message the way the user wrote it.
func describe(v *yaml.Node) string {
	switch v.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	case yaml.ScalarNode:
		if v.Tag == "!!null" {
			return "nothing"
		}
		if v.Tag == "!!str" {
			return strconv.Quote(v.Value)
		}
		return v.Value
	default:
		return fmt.Sprintf("a YAML %s", v.ShortTag())
	}
}
