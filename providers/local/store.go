package local

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	gojson "github.com/goccy/go-json"

	"github.com/hcsync/hcsync/providers"
)

// articleFile is articles/<id>.json.
type articleFile struct {
	ID               string    `json:"id"`
	SectionID        string    `json:"section_id"`
	SourceLocale     string    `json:"source_locale"`
	CreatedAt        time.Time `json:"created_at"`
	UpdatedAt        time.Time `json:"updated_at"`
	Labels           []string  `json:"labels,omitempty"`
	ContentTags      []string  `json:"content_tags,omitempty"`
	Segments         []string  `json:"segments,omitempty"`
	PermissionGroup  string    `json:"permission_group,omitempty"`
	Promoted         bool      `json:"promoted,omitempty"`
	Position         int       `json:"position,omitempty"`
	CommentsDisabled bool      `json:"comments_disabled,omitempty"`
	// Translations by normalised locale.
	Translations map[string]*translationFile `json:"translations"`
}

type translationFile struct {
	Locale string `json:"locale"`
	Title  string `json:"title"`
	// Body is stored after the JSON of the file, as it is (see
	// encodeArticle); BodyBytes, its length, takes its place in the JSON.
	Body      string `json:"-"`
	BodyBytes int    `json:"body_bytes"`
	// InlineBody is the body as files written before bodies followed the
	// JSON hold it, a JSON string: read, never written.
	InlineBody  *string   `json:"body,omitempty"`
	Draft       bool      `json:"draft"`
	Description string    `json:"description,omitempty"`
	Slug        string    `json:"slug,omitempty"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// validID reports whether id can name an article file: a decimal number,
// so no id can reach outside articles/.
func validID(id string) bool {
	n, err := strconv.ParseUint(id, 10, 63)
	return err == nil && n > 0 && strconv.FormatUint(n, 10) == id
}

func (p *Provider) articlePath(id string) string { return p.path("articles", id+".json") }

// readArticle reads article id; a missing or archived article wraps
// providers.ErrNotFound.
func (p *Provider) readArticle(id string) (*articleFile, error) {
	if !validID(id) {
		return nil, fmt.Errorf("article %q: %w (local ids are numbers)", id, providers.ErrNotFound)
	}
	a, err := decodeArticle(p.articlePath(id))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("article %s: %w in the local help center at %s", id, providers.ErrNotFound, p.dir)
	}
	return a, err
}

// decodeArticle reads an article file. Files of either format are read:
// bodies after the JSON (what encodeArticle writes), or bodies inline as
// JSON strings, as files written by earlier versions hold them; the next
// write of the article turns such a file into the new format.
func decodeArticle(file string) (*articleFile, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	a, err := parseArticle(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return a, nil
}

// bodySeparator starts the line before each body: "--- body en-us ---".
const bodySeparator = "--- body "

// errDamaged ends the errors of a file that cannot be read, and
// errDamagedBody those where a body is not where its length says.
const (
	errDamaged     = "the file is damaged: restore it or delete it"
	errDamagedBody = errDamaged + " (or, if you edited a body, set its body_bytes to its length in bytes)"
)

// parseArticle decodes the content of an article file. Only the JSON is
// decoded: unescaping the bodies from JSON strings was most of the time
// of listing a help center (BenchmarkListArticles).
func parseArticle(data []byte) (*articleFile, error) {
	// No JSON text holds a new line followed by "---" (strings hold new
	// lines escaped, and "--" is no number), so the first such line is
	// where the bodies start.
	head, bodies, newFormat := bytes.Cut(data, []byte("\n"+bodySeparator))
	a := &articleFile{}
	// goccy/go-json decodes this JSON 4 times faster than encoding/json;
	// TestArticleRoundTrip and TestDecodeOldFormat hold it to the
	// standard library's result.
	if err := gojson.Unmarshal(head, a); err != nil {
		return nil, fmt.Errorf("%w: %s", err, errDamaged)
	}
	localeList := make([]string, 0, len(a.Translations))
	for l, t := range a.Translations {
		if t == nil {
			return nil, fmt.Errorf("translation %q is null: %s", l, errDamaged)
		}
		localeList = append(localeList, l)
	}
	slices.Sort(localeList)
	if newFormat {
		// One copy of all the bodies, which they share; the separator
		// cut off is where they start.
		all := string(data[len(data)-len(bodies)-len(bodySeparator):])
		if err := parseBodies(a, localeList, all); err != nil {
			return nil, err
		}
	} else {
		for _, l := range localeList {
			t := a.Translations[l]
			if t.InlineBody == nil {
				return nil, fmt.Errorf("the %s translation has no body: %s", l, errDamaged)
			}
			t.Body, t.BodyBytes, t.InlineBody = *t.InlineBody, len(*t.InlineBody), nil
		}
	}
	if a.Translations[a.SourceLocale] == nil {
		return nil, fmt.Errorf("no translation for the source locale %q: restore the file or delete it", a.SourceLocale)
	}
	return a, nil
}

// parseBodies cuts the bodies of a's translations, in the order of
// locales (sorted), out of all, the file from the line before the first
// body on, checking the line before each body and that each length fits.
// The bodies share all, one copy of the file, not one a body.
func parseBodies(a *articleFile, localeList []string, all string) error {
	at, prev := 0, ""
	after := func() string {
		if prev == "" {
			return ""
		}
		return fmt.Sprintf(", after the %s body of body_bytes (%d) bytes", prev, a.Translations[prev].BodyBytes)
	}
	for _, l := range localeList {
		t := a.Translations[l]
		if t.InlineBody != nil {
			return fmt.Errorf("the %s translation has a body in the JSON and one after it: %s", l, errDamaged)
		}
		line := bodyLine(l)
		if !strings.HasPrefix(all[at:], line) {
			return fmt.Errorf("no line %q where the %s body starts%s: %s", strings.TrimSuffix(line, "\n"), l, after(), errDamagedBody)
		}
		at += len(line)
		end := at + t.BodyBytes
		if t.BodyBytes < 0 || t.BodyBytes >= len(all)-at || all[end] != '\n' {
			return fmt.Errorf("the %s body does not end with a new line after body_bytes (%d) bytes: %s", l, t.BodyBytes, errDamagedBody)
		}
		t.Body = all[at:end]
		at, prev = end+1, l
	}
	if at != len(all) {
		return fmt.Errorf("%d bytes after the last body%s: %s", len(all)-at, after(), errDamagedBody)
	}
	return nil
}

// bodyLine is the line before the body of locale l.
func bodyLine(l string) string { return bodySeparator + l + " ---\n" }

func (p *Provider) writeArticle(a *articleFile) error {
	data, err := encodeArticle(a)
	if err != nil {
		return err
	}
	return writeFileAtomic(p.articlePath(a.ID), data)
}

// encodeArticle renders a for people to read and for parseArticle to
// read fast: the JSON of encode with each body replaced by its length in
// bytes, then for each translation, in the order of the locales, a line
// "--- body <locale> ---", the body as it is and a new line. It sets the
// BodyBytes of a's translations.
func encodeArticle(a *articleFile) ([]byte, error) {
	localeList := make([]string, 0, len(a.Translations))
	size := 0
	for l, t := range a.Translations {
		t.BodyBytes, t.InlineBody = len(t.Body), nil
		localeList = append(localeList, l)
		size += len(bodyLine(l)) + len(t.Body) + 1
	}
	slices.Sort(localeList)
	head, err := encode(a)
	if err != nil {
		return nil, err
	}
	buf := bytes.NewBuffer(make([]byte, 0, len(head)+size))
	buf.Write(head)
	for _, l := range localeList {
		buf.WriteString(bodyLine(l))
		buf.WriteString(a.Translations[l].Body)
		buf.WriteByte('\n')
	}
	return buf.Bytes(), nil
}

// encode renders v as indented JSON for people to read. Bodies are HTML:
// escaping < > & as \u003c would make the files unreadable and slower
// to decode.
func encode(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// toArticle turns the stored form into the provider model. A listing
// calls it for every article, so the translations share one allocation.
func (p *Provider) toArticle(a *articleFile) providers.Article {
	out := providers.Article{
		ID:               a.ID,
		SectionID:        a.SectionID,
		SourceLocale:     a.SourceLocale,
		URL:              p.articleURL(a.SourceLocale, a.ID),
		CreatedAt:        a.CreatedAt,
		UpdatedAt:        a.UpdatedAt,
		Labels:           a.Labels,
		ContentTags:      a.ContentTags,
		Segments:         a.Segments,
		PermissionGroup:  a.PermissionGroup,
		Promoted:         a.Promoted,
		Position:         a.Position,
		CommentsDisabled: a.CommentsDisabled,
		Translations:     make(map[string]*providers.Translation, len(a.Translations)),
	}
	ts := make([]providers.Translation, 0, len(a.Translations))
	for l, t := range a.Translations {
		ts = append(ts, translation(t, p.articleURL(t.Locale, a.ID)))
		out.Translations[l] = &ts[len(ts)-1]
	}
	return out
}

func (p *Provider) toTranslation(id string, t *translationFile) *providers.Translation {
	tr := translation(t, p.articleURL(t.Locale, id))
	return &tr
}

// translation is the provider model of t, at url.
func translation(t *translationFile, url string) providers.Translation {
	return providers.Translation{
		Locale:      t.Locale,
		Title:       t.Title,
		Body:        t.Body,
		Draft:       t.Draft,
		Description: t.Description,
		Slug:        t.Slug,
		URL:         url,
		UpdatedAt:   t.UpdatedAt,
	}
}

// stamp is the time of a change: the clock in UTC, to the second, as
// the services report it.
func (p *Provider) stamp() time.Time { return p.now().UTC().Truncate(time.Second) }
