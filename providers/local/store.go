package local

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"time"

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
	Locale      string    `json:"locale"`
	Title       string    `json:"title"`
	Body        string    `json:"body"`
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
	a, err := p.decodeArticle(p.articlePath(id))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("article %s: %w in the local help center at %s", id, providers.ErrNotFound, p.dir)
	}
	return a, err
}

// decodeArticle reads an article file, plain JSON.
func (p *Provider) decodeArticle(file string) (*articleFile, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	a, err := parseArticle(data)
	if errors.Is(err, errEarlierFormat) {
		return nil, fmt.Errorf("%s: %w: delete the folder %s, then run hcsync apply --forget-ids to publish the tree to it anew", file, err, p.dir)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return a, nil
}

// errEarlierFormat is the error for an article file of the format
// versions before plain JSON wrote: the JSON, then each body after a line
// "--- body <locale> ---". Those versions were faster only at listing a
// local help center, a demo; reading both formats is not worth keeping,
// so such a store is refused and rebuilt (README, Configuration).
var errEarlierFormat = errors.New("written by an earlier hcsync, which kept bodies after the JSON")

// errDamaged ends the errors of a file that cannot be read.
const errDamaged = "the file is damaged: restore it or delete it"

// parseArticle decodes the content of an article file.
func parseArticle(data []byte) (*articleFile, error) {
	a := &articleFile{}
	if err := json.Unmarshal(data, a); err != nil {
		if bytes.Contains(data, []byte("\n--- body ")) {
			return nil, errEarlierFormat
		}
		return nil, fmt.Errorf("%w: %s", err, errDamaged)
	}
	for l, t := range a.Translations {
		if t == nil {
			return nil, fmt.Errorf("translation %q is null: %s", l, errDamaged)
		}
	}
	if a.Translations[a.SourceLocale] == nil {
		return nil, fmt.Errorf("no translation for the source locale %q: restore the file or delete it", a.SourceLocale)
	}
	return a, nil
}

func (p *Provider) writeArticle(a *articleFile) error {
	data, err := encode(a)
	if err != nil {
		return err
	}
	return writeFileAtomic(p.articlePath(a.ID), data)
}

// encode renders v as indented JSON for people to read. Bodies are HTML:
// escaping < > & as \u003c would make the files unreadable.
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
