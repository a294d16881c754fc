package helpcenter

import (
	"encoding/json"
	"maps"
	"net/http"
	"strings"
	"time"

	"github.com/hcsync/hcsync/providers"
)

// Wire shapes of the Help.Center API (SKILL.md of
// microdotcompany/helpcenter-skill, "Response Shapes"; NOTES.md).

type centerInfo struct {
	ID                  string   `json:"id"`
	Name                string   `json:"name"`
	Domain              string   `json:"domain"`
	DefaultLanguage     string   `json:"default_language"`
	AdditionalLanguages []string `json:"additional_languages"`
}

// seo is the SEO object of an article or translation. A metadata write
// replaces the whole object ("seo | Full SEO object", SKILL.md, "Update
// Article Metadata"), so the adapter writes back every field it read:
// the two the documentation names (SKILL.md, "Response Shapes") and, as
// the raw JSON it came as, any other, so that a field the adapter does
// not know survives too.
type seo struct {
	MetaTitle string
	MetaDesc  string
	other     map[string]json.RawMessage
}

// UnmarshalJSON reads the named fields and keeps the rest as they are.
// A named field that is not a string is kept as it is too.
func (s *seo) UnmarshalJSON(data []byte) error {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		return err
	}
	*s = seo{}
	for k, v := range fields {
		switch {
		case k == "metaTitle" && json.Unmarshal(v, &s.MetaTitle) == nil:
		case k == "metaDesc" && json.Unmarshal(v, &s.MetaDesc) == nil:
		default:
			if s.other == nil {
				s.other = map[string]json.RawMessage{}
			}
			s.other[k] = v
		}
	}
	return nil
}

// MarshalJSON writes the whole object: the named fields when set, and
// every other field read.
func (s seo) MarshalJSON() ([]byte, error) {
	out := make(map[string]json.RawMessage, len(s.other)+2)
	for k, v := range s.other {
		out[k] = v
	}
	for k, v := range map[string]string{"metaTitle": s.MetaTitle, "metaDesc": s.MetaDesc} {
		if v != "" {
			out[k], _ = json.Marshal(v)
		}
	}
	return json.Marshal(out)
}

// withDesc is the object with its description replaced; a nil s is the
// empty object.
func (s *seo) withDesc(desc string) seo {
	var out seo
	if s != nil {
		out = *s
		out.other = maps.Clone(s.other)
		delete(out.other, "metaDesc")
	}
	out.MetaDesc = desc
	return out
}

type content struct {
	HTML string `json:"html"`
	Text string `json:"text"`
}

// article is both the article response (object "article": the published
// version) and the draft response (object "draft").
type article struct {
	ID           string    `json:"id"`
	Object       string    `json:"object"`
	CategoryID   string    `json:"category_id"`
	SlugID       int       `json:"slug_id"`
	Slug         string    `json:"slug"`
	Title        string    `json:"title"`
	Status       string    `json:"status"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
	SEO          *seo      `json:"seo"`
	URL          string    `json:"url"`
	Translations []string  `json:"translations"`
	Content      *content  `json:"content"`
}

// translation is the translation response, published or draft.
type translation struct {
	ID        string    `json:"id"`
	Language  string    `json:"language"`
	Title     string    `json:"title"`
	Status    string    `json:"status"`
	Slug      string    `json:"slug"`
	SEO       *seo      `json:"seo"`
	URL       string    `json:"url"`
	UpdatedAt time.Time `json:"updated_at"`
	Content   *content  `json:"content"`
}

type list[T any] struct {
	Data    []T  `json:"data"`
	HasMore bool `json:"has_more"`
}

type category struct {
	ID          string     `json:"id"`
	Name        string     `json:"name"`
	Description string     `json:"description"`
	Slug        string     `json:"slug"`
	Children    []category `json:"children"`
}

// Draft statuses (SKILL.md, "Draft Model").
const (
	statusUnpublished          = "unpublished"
	statusPublished            = "published"
	statusPublishedWithChanges = "published_with_changes"
)

func (c *content) html() string {
	if c == nil {
		return ""
	}
	return c.HTML
}

func (s *seo) desc() string {
	if s == nil {
		return ""
	}
	return s.MetaDesc
}

// errorEnvelope is the documented error body:
// {"error": {"type", "message", "code"}} (SKILL.md, "Error Response").
type errorEnvelope struct {
	Error *struct {
		Type       string   `json:"type"`
		Message    string   `json:"message"`
		Code       string   `json:"code"`
		ArticleIDs []string `json:"article_ids"`
	} `json:"error"`
}

// decodeError reads the error envelope into an APIError; bodies of
// another shape (a proxy's HTML page) fall back to the client's generic
// error.
func decodeError(resp *http.Response, body []byte) *providers.APIError {
	var env errorEnvelope
	if json.Unmarshal(body, &env) != nil || env.Error == nil {
		return nil
	}
	e := &providers.APIError{Code: env.Error.Code, Message: env.Error.Message}
	if len(env.Error.ArticleIDs) > 0 {
		e.Details = []string{"articles: " + strings.Join(env.Error.ArticleIDs, ", ")}
	}
	return e
}
