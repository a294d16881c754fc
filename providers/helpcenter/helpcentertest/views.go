package helpcentertest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// The JSON shapes below are SKILL.md's "Response Shapes": the article
// response of published endpoints, the draft response of draft
// endpoints, the list and count envelopes.

// seoJSON is the seo object of a response: metaTitle and metaDesc
// (SKILL.md, "Response Shapes"), beside the other fields it holds.
type seoJSON map[string]json.RawMessage

func seoView(seo SEO) seoJSON {
	out := make(seoJSON, len(seo.Other)+2)
	for k, v := range seo.Other {
		out[k] = v
	}
	out["metaTitle"], _ = json.Marshal(seo.MetaTitle)
	out["metaDesc"], _ = json.Marshal(seo.MetaDesc)
	return out
}

// seoInput is the seo object of a request. It is the full SEO object,
// "seo | Full SEO object" (SKILL.md, "Update Article Metadata"), so it
// replaces what the article had: a field it leaves out is cleared.
// SKILL.md adds "Individual fields (seo.metaTitle, seo.metaDesc) can
// also be updated separately" without saying how; the fake does not
// model that. Both spellings of the documentation are accepted:
// metaTitle/metaDesc (SKILL.md) and title/description
// (helpcenter-articles.txt, "Creating Articles", "Updating Articles");
// undocumented: with both, metaTitle or metaDesc wins.
type seoInput map[string]json.RawMessage

// object reads the SEO object the input describes; ok is false when a
// named field is not a string. Undocumented: that error's code.
func (in seoInput) object() (seo SEO, field string, ok bool) {
	named := []struct {
		keys []string // alias first, so the documented name wins
		dst  *string
	}{
		{[]string{"title", "metaTitle"}, &seo.MetaTitle},
		{[]string{"description", "metaDesc"}, &seo.MetaDesc},
	}
	for _, n := range named {
		for _, k := range n.keys {
			if v, set := in[k]; set && json.Unmarshal(v, n.dst) != nil {
				return SEO{}, k, false
			}
		}
	}
	for k, v := range in {
		switch k {
		case "title", "metaTitle", "description", "metaDesc":
			continue
		}
		if seo.Other == nil {
			seo.Other = map[string]json.RawMessage{}
		}
		seo.Other[k] = v
	}
	return seo, "", true
}

// replace sets *dst to the object in describes, answering 400 when it
// is malformed; a nil input (no seo in the request) leaves *dst.
func (in *seoInput) replace(q *request, dst *SEO) bool {
	if in == nil {
		return true
	}
	seo, field, ok := in.object()
	if !ok {
		writeError(q.w, http.StatusBadRequest, "invalid_parameter", "seo."+field+" must be a string")
		return false
	}
	*dst = seo
	return true
}

type contentJSON struct {
	HTML string `json:"html"`
	Text string `json:"text"`
}

type articleJSON struct {
	ID                    string       `json:"id"`
	Object                string       `json:"object"`
	CenterID              string       `json:"center_id"`
	CategoryID            string       `json:"category_id"`
	SlugID                int          `json:"slug_id"`
	Slug                  string       `json:"slug"`
	Title                 string       `json:"title"`
	Subtitle              string       `json:"subtitle,omitempty"`
	Status                string       `json:"status"`
	HasUnpublishedChanges *bool        `json:"has_unpublished_changes,omitempty"`
	CreatedAt             *string      `json:"created_at"`
	UpdatedAt             *string      `json:"updated_at"`
	PublishedAt           *string      `json:"published_at"`
	SEO                   seoJSON      `json:"seo"`
	URL                   string       `json:"url,omitempty"`
	PreviewURL            string       `json:"preview_url,omitempty"`
	Translations          []string     `json:"translations"`
	Content               *contentJSON `json:"content,omitempty"`
}

type translationJSON struct {
	ID                    string       `json:"id"`
	Object                string       `json:"object"`
	Language              string       `json:"language"`
	Title                 string       `json:"title"`
	Status                string       `json:"status"`
	HasUnpublishedChanges *bool        `json:"has_unpublished_changes,omitempty"`
	Slug                  string       `json:"slug"`
	SEO                   seoJSON      `json:"seo"`
	UpdatedAt             *string      `json:"updated_at"`
	PublishedAt           *string      `json:"published_at"`
	URL                   string       `json:"url,omitempty"`
	Content               *contentJSON `json:"content,omitempty"`
}

type listJSON struct {
	Object  string `json:"object"`
	Data    any    `json:"data"`
	HasMore bool   `json:"has_more"`
	Count   int    `json:"count"`
	URL     string `json:"url"`
}

type countJSON struct {
	Object  string             `json:"object"`
	Total   int                `json:"total"`
	Filters map[string]*string `json:"filters"`
	URL     string             `json:"url"`
}

func content(v Version, expand bool) *contentJSON {
	if !expand {
		return nil
	}
	return &contentJSON{HTML: v.HTML, Text: textOf(v.HTML)}
}

// articleURL is the public URL: https://{domain}/article/{slugId}-{slug},
// with /{language} before /article for translations
// (helpcenter-articles.txt, "Important Notes").
func (s *Server) articleURL(lang string, slugID int, slug string) string {
	prefix := ""
	if lang != "" {
		prefix = "/" + lang
	}
	return fmt.Sprintf("https://%s%s/article/%d-%s", s.center.Domain, prefix, slugID, slug)
}

// publishedView is the article response: the live version.
func (s *Server) publishedView(a *Article, expand bool) articleJSON {
	return articleJSON{
		ID: a.ID, Object: "article", CenterID: s.center.ID, CategoryID: a.CategoryID,
		SlugID: a.SlugID, Slug: a.Slug, Title: a.Published.Title, Subtitle: a.Subtitle,
		Status: a.Status(), CreatedAt: timestamp(a.CreatedAt), UpdatedAt: timestamp(a.UpdatedAt),
		PublishedAt: timestamp(a.PublishedAt), SEO: seoView(a.SEO),
		URL:          s.articleURL("", a.SlugID, a.Slug),
		Translations: a.publishedLanguages(), Content: content(*a.Published, expand),
	}
}

// draftView is the draft response: the draft version, with url only
// once the article has been published (SKILL.md, "Draft Response").
func (s *Server) draftView(a *Article, expand bool) articleJSON {
	changes := a.Status() != StatusPublished
	v := articleJSON{
		ID: a.ID, Object: "draft", CenterID: s.center.ID, CategoryID: a.CategoryID,
		SlugID: a.SlugID, Slug: a.Slug, Title: a.Draft.Title, Subtitle: a.Subtitle,
		Status: a.Status(), HasUnpublishedChanges: &changes,
		CreatedAt: timestamp(a.CreatedAt), UpdatedAt: timestamp(a.UpdatedAt),
		PublishedAt: timestamp(a.PublishedAt), SEO: seoView(a.SEO),
		PreviewURL:   fmt.Sprintf("https://%s/preview/%s", s.center.Domain, a.ID),
		Translations: a.publishedLanguages(), Content: content(a.Draft, expand),
	}
	if a.Published != nil {
		v.URL = s.articleURL("", a.SlugID, a.Slug)
	}
	return v
}

// translationView is a translation response; draft selects the draft
// version (object "draft") over the published one.
func (s *Server) translationView(a *Article, t *Translation, draft, expand bool) translationJSON {
	v := translationJSON{
		ID: a.ID, Object: "translation", Language: t.Language, Status: t.Status(),
		Slug: t.Slug, SEO: seoView(t.SEO), UpdatedAt: timestamp(t.UpdatedAt),
		PublishedAt: timestamp(t.PublishedAt),
	}
	ver := t.Draft
	if draft {
		changes := t.Status() != StatusPublished
		v.Object, v.HasUnpublishedChanges = "draft", &changes
	} else {
		ver = *t.Published
	}
	v.Title, v.Content = ver.Title, content(ver, expand)
	if t.Published != nil {
		v.URL = s.articleURL(t.Language, a.SlugID, t.Slug)
	}
	return v
}

// page selects the window of ids the cursor parameters ask for:
// limit 1–100, default 50; starting_after and ending_before take an id
// of the list (SKILL.md, "Pagination"). ok is false when an error was
// written.
func (q *request) page(ids []string) (from, to int, hasMore, ok bool) {
	qs := q.r.URL.Query()
	limit := 50
	if v := qs.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			// Undocumented: the code for a bad parameter.
			writeError(q.w, http.StatusBadRequest, "invalid_parameter", "limit must be an integer between 1 and 100")
			return 0, 0, false, false
		}
		limit = n
	}
	index := func(id string) int {
		for i, x := range ids {
			if x == id {
				return i
			}
		}
		return -1
	}
	switch {
	case qs.Get("starting_after") != "":
		i := index(qs.Get("starting_after"))
		if i < 0 {
			writeError(q.w, http.StatusBadRequest, "invalid_parameter", "starting_after: no such article "+qs.Get("starting_after"))
			return 0, 0, false, false
		}
		from = i + 1
		to = min(from+limit, len(ids))
		return from, to, to < len(ids), true
	case qs.Get("ending_before") != "":
		i := index(qs.Get("ending_before"))
		if i < 0 {
			writeError(q.w, http.StatusBadRequest, "invalid_parameter", "ending_before: no such article "+qs.Get("ending_before"))
			return 0, 0, false, false
		}
		from = max(0, i-limit)
		return from, i, from > 0, true
	}
	to = min(limit, len(ids))
	return 0, to, to < len(ids), true
}

// matches applies the category and search filters of list endpoints.
func (q *request) matches(a *Article, v Version) bool {
	qs := q.r.URL.Query()
	if c := qs.Get("category"); c != "" && a.CategoryID != c {
		return false
	}
	if term := strings.ToLower(qs.Get("search")); term != "" {
		return strings.Contains(strings.ToLower(v.Title), term) ||
			strings.Contains(strings.ToLower(textOf(v.HTML)), term)
	}
	return true
}

func (s *Server) listURL(suffix string) string {
	return "/api/v0/centers/" + s.center.ID + suffix
}

func filterValue(q *request, name string) *string {
	if v := q.r.URL.Query().Get(name); v != "" {
		return &v
	}
	return nil
}
