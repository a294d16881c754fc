package intercom

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/hcsync/hcsync/providers"
)

// article is the article schema of intercom-openapi-2.15.yaml, as far
// as hcsync reads it.
type article struct {
	ID          flexString `json:"id"`
	ParentID    flexString `json:"parent_id"`
	Title       string     `json:"title"`
	Description string     `json:"description"`
	Body        string     `json:"body"`
	State       string     `json:"state"`
	CreatedAt   int64      `json:"created_at"`
	UpdatedAt   int64      `json:"updated_at"`
	URL         string     `json:"url"`
	// DefaultLocale is "only returned for multilingual help centers".
	DefaultLocale string `json:"default_locale"`
	// TranslatedContent maps locale codes to article_content, plus a
	// "type" key; locales without content may be null.
	TranslatedContent map[string]json.RawMessage `json:"translated_content"`
}

// content is article_content.
type content struct {
	Title       string `json:"title"`
	Description string `json:"description"`
	Body        string `json:"body"`
	State       string `json:"state"`
	CreatedAt   int64  `json:"created_at"`
	UpdatedAt   int64  `json:"updated_at"`
	URL         string `json:"url"`
}

// collection is the collection schema.
type collection struct {
	ID          flexString `json:"id"`
	Name        string     `json:"name"`
	Description string     `json:"description"`
	ParentID    flexString `json:"parent_id"`
	Order       int        `json:"order"`
	URL         string     `json:"url"`
	// DefaultLocale is "only returned for multilingual help centers".
	DefaultLocale string `json:"default_locale"`
}

// list is the envelope of GET /articles and GET /help_center/collections.
type list[T any] struct {
	Data       []T   `json:"data"`
	TotalCount int   `json:"total_count"`
	Pages      pages `json:"pages"`
}

// pages is the pages object. next is typed both as a URL and as an
// object in the reference, so hcsync ignores it and counts pages.
type pages struct {
	Page       int `json:"page"`
	PerPage    int `json:"per_page"`
	TotalPages int `json:"total_pages"`
}

// flexString reads an id sent as a JSON string, a number or null: the
// reference types parent_id as an integer on articles and a string on
// collections, and its examples quote integers.
type flexString string

func (f *flexString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case string(b) == "null":
		*f = ""
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexString(s)
	default:
		var n json.Number
		if err := json.Unmarshal(b, &n); err != nil {
			return fmt.Errorf("id %s: want a string or a number", b)
		}
		*f = flexString(n.String())
	}
	return nil
}

// The request bodies, typed after create_article_request,
// update_article_request and create_collection_request.

type contentInput struct {
	Type        string  `json:"type,omitempty"`
	Title       string  `json:"title,omitempty"`
	Description *string `json:"description,omitempty"`
	Body        *string `json:"body,omitempty"`
	AuthorID    int     `json:"author_id,omitempty"`
	State       string  `json:"state,omitempty"`
}

type createArticleInput struct {
	Title       string  `json:"title"`
	Description *string `json:"description,omitempty"`
	Body        string  `json:"body"`
	AuthorID    int     `json:"author_id"`
	State       string  `json:"state"`
	// ParentID is an integer on create (and a string on update).
	ParentID   *int   `json:"parent_id,omitempty"`
	ParentType string `json:"parent_type,omitempty"`
}

type updateArticleInput struct {
	Title             string                   `json:"title,omitempty"`
	Description       *string                  `json:"description,omitempty"`
	Body              *string                  `json:"body,omitempty"`
	State             string                   `json:"state,omitempty"`
	ParentID          string                   `json:"parent_id,omitempty"`
	ParentType        string                   `json:"parent_type,omitempty"`
	TranslatedContent map[string]*contentInput `json:"translated_content,omitempty"`
}

// updateCollectionInput is update_collection_request: a nil field is
// left as it is.
type updateCollectionInput struct {
	Name        *string `json:"name,omitempty"`
	Description *string `json:"description,omitempty"`
}

type createCollectionInput struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	ParentID    string `json:"parent_id,omitempty"`
}

// errorList is Intercom's error body: {"type": "error.list",
// "request_id": ..., "errors": [{"code", "message", "field"}]}.
type errorList struct {
	Type      string `json:"type"`
	RequestID string `json:"request_id"`
	Errors    []struct {
		Code    string `json:"code"`
		Message string `json:"message"`
		Field   string `json:"field"`
	} `json:"errors"`
}

// decodeError turns an error list into a *providers.APIError: the first
// error is Code and Message, the others are Details.
func decodeError(_ *http.Response, body []byte) *providers.APIError {
	var el errorList
	if json.Unmarshal(body, &el) != nil || len(el.Errors) == 0 {
		return nil
	}
	e := &providers.APIError{
		Code:      el.Errors[0].Code,
		Message:   el.Errors[0].Message,
		RequestID: el.RequestID,
	}
	if f := el.Errors[0].Field; f != "" {
		e.Message = f + ": " + e.Message
	}
	for _, d := range el.Errors[1:] {
		msg := d.Code
		if d.Message != "" {
			msg = d.Message
		}
		if d.Field != "" {
			msg = d.Field + ": " + msg
		}
		e.Details = append(e.Details, msg)
	}
	return e
}

// parentInt converts a collection id for create_article_request, where
// parent_id is an integer.
func parentInt(id string) (*int, error) {
	if id == "" {
		return nil, nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(id))
	if err != nil {
		return nil, fmt.Errorf("collection id %q: Intercom's ids are numeric", id)
	}
	return &n, nil
}
