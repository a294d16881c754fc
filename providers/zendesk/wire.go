package zendesk

import (
	"encoding/json"
	"strconv"
	"time"
)

// Wire types: the JSON Zendesk sends and accepts, field for field (doc:
// zendesk-articles.txt, zendesk-translations.txt, zendesk-content-tags.txt
// and the Help Center OpenAPI description). Only fields hcsync uses are
// declared.

type wireArticle struct {
	ID        int64  `json:"id"`
	HTMLURL   string `json:"html_url"`
	SectionID int64  `json:"section_id"`
	Title     string `json:"title"`
	// Body is kept as it came: with the translations embedded (a list),
	// it repeats the source translation's, so it is decoded only when
	// an answer has no translations (create and update).
	Body              json.RawMessage   `json:"body"`
	Locale            string            `json:"locale"`
	SourceLocale      string            `json:"source_locale"`
	Draft             bool              `json:"draft"`
	Promoted          bool              `json:"promoted"`
	Position          int               `json:"position"`
	CommentsDisabled  bool              `json:"comments_disabled"`
	PermissionGroupID int64             `json:"permission_group_id"`
	UserSegmentID     *int64            `json:"user_segment_id"`
	UserSegmentIDs    []int64           `json:"user_segment_ids"`
	LabelNames        []string          `json:"label_names"`
	ContentTagIDs     []string          `json:"content_tag_ids"`
	CreatedAt         time.Time         `json:"created_at"`
	UpdatedAt         time.Time         `json:"updated_at"`
	EditedAt          time.Time         `json:"edited_at"`
	Translations      []wireTranslation `json:"translations"`
}

type wireTranslation struct {
	ID        int64     `json:"id"`
	Locale    string    `json:"locale"`
	Title     string    `json:"title"`
	Body      string    `json:"body"`
	Draft     bool      `json:"draft"`
	Outdated  bool      `json:"outdated"`
	HTMLURL   string    `json:"html_url"`
	UpdatedAt time.Time `json:"updated_at"`
}

// articleWrite is the "article" object of create and update requests.
// Pointer and omitempty fields are sent only when set, so an update
// leaves the others alone.
type articleWrite struct {
	Title             string    `json:"title,omitempty"`
	Body              *string   `json:"body,omitempty"`
	Locale            string    `json:"locale,omitempty"`
	Draft             *bool     `json:"draft,omitempty"`
	SectionID         *int64    `json:"section_id,omitempty"`
	PermissionGroupID *int64    `json:"permission_group_id,omitempty"`
	UserSegmentIDs    *[]int64  `json:"user_segment_ids,omitempty"`
	LabelNames        *[]string `json:"label_names,omitempty"`
	ContentTagIDs     *[]string `json:"content_tag_ids,omitempty"`
	Promoted          *bool     `json:"promoted,omitempty"`
	Position          *int      `json:"position,omitempty"`
	CommentsDisabled  *bool     `json:"comments_disabled,omitempty"`
}

type translationWrite struct {
	Locale string  `json:"locale,omitempty"`
	Title  string  `json:"title,omitempty"`
	Body   *string `json:"body,omitempty"`
	Draft  *bool   `json:"draft,omitempty"`
	// Outdated is writable (zendesk-translations.txt: outdated, not
	// read-only).
	Outdated *bool `json:"outdated,omitempty"`
}

type wireSection struct {
	ID              int64  `json:"id"`
	HTMLURL         string `json:"html_url"`
	CategoryID      int64  `json:"category_id"`
	ParentSectionID *int64 `json:"parent_section_id"`
	Name            string `json:"name"`
	Description     string `json:"description"`
	Position        *int   `json:"position"`
	Locale          string `json:"locale"`
}

type wireCategory struct {
	ID          int64  `json:"id"`
	HTMLURL     string `json:"html_url"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Position    *int   `json:"position"`
	Locale      string `json:"locale"`
}

type containerWrite struct {
	Name            string `json:"name"`
	Description     string `json:"description,omitempty"`
	Position        *int   `json:"position,omitempty"`
	Locale          string `json:"locale,omitempty"`
	ParentSectionID *int64 `json:"parent_section_id,omitempty"`
}

type wireSegment struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	UserType string `json:"user_type"`
	BuiltIn  bool   `json:"built_in"`
}

type wireGroup struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

type wireTag struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type wireAttachment struct {
	ID         int64  `json:"id"`
	ContentURL string `json:"content_url"`
	FileName   string `json:"file_name"`
	Size       int    `json:"size"`
}

// cursorMeta is the meta object of cursor pagination (doc: NOTES.md,
// Zendesk pagination).
type cursorMeta struct {
	HasMore     bool   `json:"has_more"`
	AfterCursor string `json:"after_cursor"`
}

func id(v int64) string { return strconv.FormatInt(v, 10) }

func parseID(s string) (int64, bool) {
	v, err := strconv.ParseInt(s, 10, 64)
	return v, err == nil && v > 0
}
