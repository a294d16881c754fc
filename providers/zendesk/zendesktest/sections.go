package zendesktest

import (
	"cmp"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// sortedSections and sortedCategories give the order Help Center lists
// them in: by position, then by id.
func (s *Server) sortedSections() []*Section {
	return sorted(s.sections, func(a, b *Section) int {
		return cmp.Or(cmp.Compare(a.Position, b.Position), cmp.Compare(a.ID, b.ID))
	})
}

func (s *Server) sortedCategories() []*Category {
	return sorted(s.categories, func(a, b *Category) int {
		return cmp.Or(cmp.Compare(a.Position, b.Position), cmp.Compare(a.ID, b.ID))
	})
}

// sectionJSON follows SectionObject of Zendesk's Help Center OpenAPI
// description (doc).
func (s *Server) sectionJSON(base string, x *Section) map[string]any {
	parent := any(nil)
	if x.ParentSectionID != 0 {
		parent = x.ParentSectionID
	}
	return map[string]any{
		"id":                x.ID,
		"url":               fmt.Sprintf("%s/api/v2/help_center/%s/sections/%d.json", base, x.Locale, x.ID),
		"html_url":          fmt.Sprintf("%s/hc/%s/sections/%d-%s", base, x.Locale, x.ID, urlSlug(x.Name)),
		"category_id":       x.CategoryID,
		"parent_section_id": parent,
		"name":              x.Name,
		"description":       x.Description,
		"position":          x.Position,
		"sorting":           "manual",
		"locale":            x.Locale,
		"source_locale":     x.Locale,
		"outdated":          false,
		"created_at":        x.CreatedAt.Format(timeFormat),
		"updated_at":        x.UpdatedAt.Format(timeFormat),
	}
}

// categoryJSON follows CategoryObject (doc: Help Center OpenAPI).
func (s *Server) categoryJSON(base string, c *Category) map[string]any {
	return map[string]any{
		"id":            c.ID,
		"url":           fmt.Sprintf("%s/api/v2/help_center/%s/categories/%d.json", base, c.Locale, c.ID),
		"html_url":      fmt.Sprintf("%s/hc/%s/categories/%d-%s", base, c.Locale, c.ID, urlSlug(c.Name)),
		"name":          c.Name,
		"description":   c.Description,
		"position":      c.Position,
		"locale":        c.Locale,
		"source_locale": c.Locale,
		"outdated":      false,
		"created_at":    c.CreatedAt.Format(timeFormat),
		"updated_at":    c.UpdatedAt.Format(timeFormat),
	}
}

// urlSlug is how Help Center spells a name in html_url: words joined by
// hyphens, case kept (seen in html_url examples such as
// ".../sections/3242-A-section-").
func urlSlug(name string) string {
	f := strings.FieldsFunc(name, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r > 127)
	})
	return strings.Join(f, "-")
}

// listSections lists every section, or those of one category; a
// category that does not exist is a 404 RecordNotFound, not an empty
// list (seen: NOTES.md, Zendesk errors). include=categories sideloads
// "the category" of each listed section, so a category without sections
// is not among them (doc: Help Center OpenAPI, List Sections, Sideloads;
// the copy named in /work/shared/api/README.md).
func (s *Server) listSections(w http.ResponseWriter, r *http.Request, category int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if category != 0 && s.categories[category] == nil {
		notFound(w)
		return
	}
	var list []*Section
	for _, x := range s.sortedSections() {
		if category == 0 || x.CategoryID == category {
			list = append(list, x)
		}
	}
	categories := map[int64]bool{}
	out, ok := pageJSON(w, r, list, pageOpts{maxSize: 100, defaultSize: 30}, "sections", func(x *Section) map[string]any {
		categories[x.CategoryID] = true
		return s.sectionJSON(s.base(r), x)
	})
	if !ok {
		return
	}
	inc := includes(r)
	s.sideload(out, s.base(r), map[string]bool{"categories": inc["categories"]}, nil, categories)
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) showSection(w http.ResponseWriter, r *http.Request, id int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	x := s.sections[id]
	if x == nil {
		notFound(w)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"section": s.sectionJSON(s.base(r), x)})
}

func (s *Server) listCategories(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	writePage(w, r, s.sortedCategories(), pageOpts{maxSize: 100, defaultSize: 30}, "categories", func(c *Category) map[string]any {
		return s.categoryJSON(s.base(r), c)
	})
}

func (s *Server) showCategory(w http.ResponseWriter, r *http.Request, id int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.categories[id]
	if c == nil {
		notFound(w)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"category": s.categoryJSON(s.base(r), c)})
}

type containerInput struct {
	Name            *string `json:"name"`
	Description     *string `json:"description"`
	Position        *int    `json:"position"`
	Locale          *string `json:"locale"`
	ParentSectionID *int64  `json:"parent_section_id"`
}

// containerLocale picks the locale of a new section or category: the
// body's, else the URL's, else the default; it must be enabled (doc:
// SectionObject and CategoryObject require a locale). The caller holds s.mu.
func (s *Server) containerLocale(w http.ResponseWriter, in *containerInput, urlLocale string) (string, bool) {
	l := urlLocale
	if in.Locale != nil && *in.Locale != "" {
		l = strings.ToLower(*in.Locale)
	}
	if l == "" {
		l = s.defaultLocale
	}
	if !s.checkEnabled(w, "locale", l) {
		return "", false
	}
	if in.Name == nil || strings.TrimSpace(*in.Name) == "" {
		badRequest(w, "name", "can't be blank")
		return "", false
	}
	return l, true
}

// createCategory implements Create Category: 201 with the category (doc:
// NOTES.md, categories).
func (s *Server) createCategory(w http.ResponseWriter, r *http.Request, urlLocale string) {
	var req struct {
		Category *containerInput `json:"category"`
	}
	if !decode(w, r, &req) {
		return
	}
	if req.Category == nil {
		badRequest(w, "category", "is required")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	l, ok := s.containerLocale(w, req.Category, urlLocale)
	if !ok {
		return
	}
	pos := 0
	if req.Category.Position != nil {
		pos = *req.Category.Position
	}
	c := s.addCategory(*req.Category.Name, deref(req.Category.Description), pos, l)
	writeJSON(w, http.StatusCreated, map[string]any{"category": s.categoryJSON(s.base(r), c)})
}

// createSection implements Create Section in a category (doc: NOTES.md,
// sections). A parent_section_id must name a section of the same
// category; otherwise 400 in the shape of the OpenAPI description's
// BadRequestCreateSection example.
func (s *Server) createSection(w http.ResponseWriter, r *http.Request, urlLocale string, category int64) {
	var req struct {
		Section *containerInput `json:"section"`
	}
	if !decode(w, r, &req) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.categories[category] == nil {
		notFound(w)
		return
	}
	in := req.Section
	if in == nil {
		badRequest(w, "section", "is required")
		return
	}
	l, ok := s.containerLocale(w, in, urlLocale)
	if !ok {
		return
	}
	var parent int64
	if in.ParentSectionID != nil {
		p := s.sections[*in.ParentSectionID]
		if p == nil || p.CategoryID != category {
			badRequest(w, "parent_section_id", "must be a section of the same category")
			return
		}
		parent = p.ID
	}
	pos := 0
	if in.Position != nil {
		pos = *in.Position
	}
	x := s.addSection(category, parent, *in.Name, deref(in.Description), pos, l)
	writeJSON(w, http.StatusCreated, map[string]any{"section": s.sectionJSON(s.base(r), x)})
}

// Update Section and Update Category (PUT .../sections/{id},
// .../categories/{id}; doc: NOTES.md) take the object under its name
// and change its metadata only: "These endpoints only update
// section-level metadata such as the sorting position. They don't
// update section translations" (Zendesk's Update Section reference; the
// same is said of categories). A name or description sent here is
// therefore ignored, as the service ignores it.

func (s *Server) updateSection(w http.ResponseWriter, r *http.Request, id int64) {
	var req struct {
		Section *containerInput `json:"section"`
	}
	if !decode(w, r, &req) {
		return
	}
	if req.Section == nil {
		badRequest(w, "section", "is required")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	x := s.sections[id]
	if x == nil {
		notFound(w)
		return
	}
	if p := req.Section.Position; p != nil && *p != x.Position {
		x.Position, x.UpdatedAt = *p, s.now()
	}
	writeJSON(w, http.StatusOK, map[string]any{"section": s.sectionJSON(s.base(r), x)})
}

func (s *Server) updateCategory(w http.ResponseWriter, r *http.Request, id int64) {
	var req struct {
		Category *containerInput `json:"category"`
	}
	if !decode(w, r, &req) {
		return
	}
	if req.Category == nil {
		badRequest(w, "category", "is required")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.categories[id]
	if c == nil {
		notFound(w)
		return
	}
	if p := req.Category.Position; p != nil && *p != c.Position {
		c.Position, c.UpdatedAt = *p, s.now()
	}
	writeJSON(w, http.StatusOK, map[string]any{"category": s.categoryJSON(s.base(r), c)})
}

// containerText is the per-locale text of a section or category: its
// translation's title is the name and its body the description (doc:
// zendesk-translations.txt, "Translations represent the content in all
// supported languages of a Help Center item such as an article or a
// section"; source_type "section" or "category").
type containerText struct {
	name, desc *string
	locale     string
	updated    *time.Time
}

// container finds the section or category (kind "sections" or
// "categories") with id. The caller holds s.mu.
func (s *Server) container(kind string, id int64) (containerText, bool) {
	switch kind {
	case "sections":
		if x := s.sections[id]; x != nil {
			return containerText{&x.Name, &x.Description, x.Locale, &x.UpdatedAt}, true
		}
	case "categories":
		if c := s.categories[id]; c != nil {
			return containerText{&c.Name, &c.Description, c.Locale, &c.UpdatedAt}, true
		}
	}
	return containerText{}, false
}

// updateContainerTranslation implements Update Translation of a section
// or category (doc: zendesk-translations.txt, "PUT
// /api/v2/help_center/sections/{section_id}/translations/{locale}"). The
// fake holds each container's source-locale translation only; another
// locale is a 404, as a translation that does not exist is.
func (s *Server) updateContainerTranslation(w http.ResponseWriter, r *http.Request, kind string, id int64, locale string) {
	var req struct {
		Translation *translationInput `json:"translation"`
	}
	if !decode(w, r, &req) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.container(kind, id)
	if !ok || c.locale != locale {
		notFound(w)
		return
	}
	in := req.Translation
	if in == nil {
		badRequest(w, "translation", "is required")
		return
	}
	if in.Title != nil && strings.TrimSpace(*in.Title) == "" {
		badRequest(w, "title", "can't be blank")
		return
	}
	// "If the request body matches the existing translation data, Zendesk
	// does not update the translation's updated_at" (NOTES.md, for
	// translations).
	changed := false
	if in.Title != nil && *in.Title != *c.name {
		*c.name, changed = *in.Title, true
	}
	if in.Body != nil && *in.Body != *c.desc {
		*c.desc, changed = *in.Body, true
	}
	if changed {
		*c.updated = s.now()
	}
	source := map[string]string{"sections": "Section", "categories": "Category"}[kind]
	writeJSON(w, http.StatusOK, map[string]any{"translation": map[string]any{
		"locale": c.locale, "source_id": id, "source_type": source, "title": *c.name, "body": *c.desc,
		"draft": false, "outdated": false, "updated_at": c.updated.Format(timeFormat),
	}})
}
