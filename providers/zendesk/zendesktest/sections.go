package zendesktest

import (
	"cmp"
	"fmt"
	"net/http"
	"strings"
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
// list (seen: NOTES.md, Zendesk errors).
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
	writePage(w, r, list, pageOpts{maxSize: 100, defaultSize: 30}, "sections", func(x *Section) map[string]any {
		return s.sectionJSON(s.base(r), x)
	})
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
