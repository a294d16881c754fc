package helpcentertest

import (
	"encoding/json"
	"maps"
	"strings"
	"time"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Scopes of Help.Center API keys (SKILL.md, "Prerequisites"; the endpoint
// tables of helpcenter-articles.txt name the scope each endpoint needs).
const (
	ScopeRead    = "content.read"
	ScopeWrite   = "content.write"
	ScopePublish = "content.publish"
	ScopeDelete  = "content.delete"
)

// AllScopes is every content scope, for a key that may do anything.
var AllScopes = []string{ScopeRead, ScopeWrite, ScopePublish, ScopeDelete}

// Draft statuses (SKILL.md, "Draft Model").
const (
	StatusUnpublished          = "unpublished"
	StatusPublished            = "published"
	StatusPublishedWithChanges = "published_with_changes"
)

// Version is one title and body of an article or translation: its draft
// or its published version.
type Version struct {
	Title string
	HTML  string
}

// SEO is an article's or translation's SEO metadata: the two fields the
// documentation names, metaTitle and metaDesc (SKILL.md, "Response
// Shapes"), and any other the object holds.
type SEO struct {
	MetaTitle string
	MetaDesc  string
	// Other holds fields of the object the documentation does not name,
	// by key, as sent. Undocumented: whether the service keeps them; the
	// fake does, so a client that drops a field it does not know is
	// caught.
	Other map[string]json.RawMessage
}

// Category is a category or, with ParentID set, a subcategory.
type Category struct {
	ID          string
	Name        string
	Description string
	Slug        string
	SlugID      int
	ParentID    string
	// Translations holds the translated name and description by
	// language (SKILL.md, "Create Category").
	Translations map[string]CategoryText
}

// CategoryText is a category's name and description in one language.
type CategoryText struct {
	Name        string `json:"name"`
	Description string `json:"description"`
}

// Article is the fake's state of one article: its draft, its published
// version (nil while unpublished) and its translations by language.
type Article struct {
	ID           string
	CategoryID   string
	SlugID       int
	Slug         string
	Subtitle     string
	SEO          SEO
	Draft        Version
	Published    *Version
	Translations map[string]*Translation
	CreatedAt    time.Time
	UpdatedAt    time.Time
	PublishedAt  time.Time
}

// Translation is one additional language of an article, with its own
// draft and published state (helpcenter-articles.txt, "Article
// Translations").
type Translation struct {
	Language    string
	Slug        string
	SEO         SEO
	Draft       Version
	Published   *Version
	UpdatedAt   time.Time
	PublishedAt time.Time
}

// Status is the article's draft status.
func (a *Article) Status() string { return status(a.Draft, a.Published) }

// Status is the translation's draft status.
func (t *Translation) Status() string { return status(t.Draft, t.Published) }

func status(draft Version, published *Version) string {
	switch {
	case published == nil:
		return StatusUnpublished
	case *published == draft:
		return StatusPublished
	default:
		return StatusPublishedWithChanges
	}
}

func (a *Article) clone() *Article {
	c := *a
	c.SEO.Other = maps.Clone(a.SEO.Other)
	if a.Published != nil {
		p := *a.Published
		c.Published = &p
	}
	c.Translations = make(map[string]*Translation, len(a.Translations))
	for l, t := range a.Translations {
		tc := *t
		tc.SEO.Other = maps.Clone(t.SEO.Other)
		if t.Published != nil {
			p := *t.Published
			tc.Published = &p
		}
		c.Translations[l] = &tc
	}
	return &c
}

// publishedLanguages lists the languages with a published translation,
// which is what the API's "translations" field holds
// (helpcenter-articles.txt, "Article Response with Translations").
func (a *Article) publishedLanguages() []string {
	langs := []string{}
	for l, t := range a.Translations {
		if t.Published != nil {
			langs = append(langs, l)
		}
	}
	sortStrings(langs)
	return langs
}

// slugify makes the slug the service generates from a title on publish
// when none is set (SKILL.md, "Publish Article"), and for categories:
// "Categories automatically get a URL-friendly slug"
// (helpcenter-articles.txt, "Category Management"). The documented
// example of a translation titled "Título del artículo" is published at
// ".../es/article/1091-articulo": accents are folded to ASCII.
// Undocumented, and modelled as URL slug generators commonly do: letters
// without an accent to fold are spelled in ASCII (ß -> ss, æ -> ae),
// any other character separates words, joined by one '-'.
func slugify(title string) string {
	folded, _, err := transform.String(transform.Chain(norm.NFKD, runes.Remove(runes.In(unicode.Mn))), title)
	if err != nil {
		folded = title
	}
	words := strings.FieldsFunc(strings.ToLower(folded), func(r rune) bool {
		_, spelled := latinSpelling[r]
		return !spelled && !(r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)))
	})
	for i, w := range words {
		var b strings.Builder
		for _, r := range w {
			if s, ok := latinSpelling[r]; ok {
				b.WriteString(s)
			} else {
				b.WriteRune(r)
			}
		}
		words[i] = b.String()
	}
	return strings.Join(words, "-")
}

// latinSpelling spells in ASCII the lower-case letters that do not
// decompose into a letter and an accent.
var latinSpelling = map[rune]string{
	'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'đ': "d", 'ð': "d",
	'ł': "l", 'þ': "th", 'ı': "i", 'ħ': "h", 'ŧ': "t", 'ŋ': "n",
}

// textOf is the plain text the API returns beside the HTML in
// content.text ("The API auto-generates the plain text version from the
// HTML", SKILL.md, "Update Draft").
func textOf(fragment string) string {
	z := html.NewTokenizer(strings.NewReader(fragment))
	var parts []string
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.Join(parts, "\n")
		case html.TextToken:
			if s := strings.TrimSpace(string(z.Text())); s != "" {
				parts = append(parts, s)
			}
		}
	}
}

// never is the zero time, for timestamps that are cleared (published_at
// of an unpublished article is null).
var never time.Time
