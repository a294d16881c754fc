package helpcentertest

import (
	"net/http"
	"strings"
)

// categoryJSON is SKILL.md's "Category Response Shape"; children appear
// on top-level categories only (one level of subcategories).
type categoryJSON struct {
	ID           string                  `json:"id"`
	Name         string                  `json:"name"`
	Description  string                  `json:"description"`
	Slug         string                  `json:"slug"`
	SlugID       int                     `json:"slug_id"`
	Translations map[string]CategoryText `json:"translations,omitempty"`
	Children     []categoryJSON          `json:"children,omitempty"`
}

// categoryList is the answer of every category endpoint: "Returns the
// full categories list" (SKILL.md, "Create/Update/Delete Category").
func (s *Server) categoryList() map[string]any {
	data := []categoryJSON{}
	for _, c := range s.categories {
		if c.ParentID != "" {
			continue
		}
		top := categoryJSON{ID: c.ID, Name: c.Name, Description: c.Description, Slug: c.Slug, SlugID: c.SlugID, Translations: c.Translations, Children: []categoryJSON{}}
		for _, k := range s.categories {
			if k.ParentID == c.ID {
				top.Children = append(top.Children, categoryJSON{ID: k.ID, Name: k.Name, Description: k.Description, Slug: k.Slug, SlugID: k.SlugID, Translations: k.Translations})
			}
		}
		data = append(data, top)
	}
	return map[string]any{"object": "list", "data": data, "url": s.listURL("/articles/categories")}
}

// GET /articles/categories (SKILL.md, "List Categories").
func (s *Server) listCategories(q *request) {
	writeJSON(q.w, http.StatusOK, s.categoryList())
}

// POST /articles/categories: name required; parent_id makes a
// subcategory of a top-level category; 201 with the full list (SKILL.md,
// "Create Category").
func (s *Server) createCategory(q *request) {
	var in struct {
		Name         *string                 `json:"name"`
		Description  string                  `json:"description"`
		Icon         string                  `json:"icon"`
		ParentID     string                  `json:"parent_id"`
		Translations map[string]CategoryText `json:"translations"`
	}
	if !q.decode(&in) || !s.checkCategoryLanguages(q, in.Translations) {
		return
	}
	if in.Name == nil || strings.TrimSpace(*in.Name) == "" {
		writeError(q.w, http.StatusBadRequest, "missing_required_field", "name is required")
		return
	}
	if in.ParentID != "" {
		p := s.findCategory(q, in.ParentID)
		if p == nil {
			return
		}
		// "You can create hierarchical categories with one level of
		// subcategories" (helpcenter-articles.txt, "Category
		// Management"). Undocumented: the code of this refusal.
		if p.ParentID != "" {
			writeError(q.w, http.StatusBadRequest, "invalid_parent", "Category "+p.ID+" is a subcategory: categories support one level of subcategories")
			return
		}
	}
	c := s.addCategory(*in.Name, in.Description, in.ParentID)
	c.Translations = in.Translations
	writeJSON(q.w, http.StatusCreated, s.categoryList())
}

// PATCH /articles/categories/{c}: name, description, icon, translations;
// at least one (SKILL.md, "Update Category").
func (s *Server) updateCategory(q *request) {
	c := s.findCategory(q, q.segs[2])
	if c == nil {
		return
	}
	var in struct {
		Name         *string                 `json:"name"`
		Description  *string                 `json:"description"`
		Icon         *string                 `json:"icon"`
		Translations map[string]CategoryText `json:"translations"`
	}
	if !q.decode(&in) || !s.checkCategoryLanguages(q, in.Translations) {
		return
	}
	if in.Name == nil && in.Description == nil && in.Icon == nil && in.Translations == nil {
		writeError(q.w, http.StatusBadRequest, "missing_required_field", "at least one of name, description, icon or translations is required")
		return
	}
	if in.Name != nil {
		c.Name = *in.Name
	}
	if in.Description != nil {
		c.Description = *in.Description
	}
	for l, text := range in.Translations {
		if c.Translations == nil {
			c.Translations = map[string]CategoryText{}
		}
		c.Translations[l] = text
	}
	writeJSON(q.w, http.StatusOK, s.categoryList())
}

// DELETE /articles/categories/{c}: refused with 400
// category_has_articles, listing the articles, while articles use it or
// one of its subcategories (SKILL.md, "Delete Category"; NOTES.md).
func (s *Server) deleteCategory(q *request) {
	c := s.findCategory(q, q.segs[2])
	if c == nil {
		return
	}
	gone := map[string]bool{c.ID: true}
	for _, k := range s.categories {
		if k.ParentID == c.ID {
			gone[k.ID] = true
		}
	}
	var blocking []string
	for _, a := range s.articles {
		if gone[a.CategoryID] {
			blocking = append(blocking, a.ID)
		}
	}
	if len(blocking) > 0 {
		writeJSON(q.w, http.StatusBadRequest, errorBody{Error: errorDetail{
			Type: "invalid_request_error", Code: "category_has_articles",
			Message:    "Cannot delete a category that has articles assigned to it: move or delete articles " + strings.Join(blocking, ", ") + " first",
			ArticleIDs: blocking,
		}})
		return
	}
	kept := s.categories[:0]
	for _, k := range s.categories {
		if !gone[k.ID] {
			kept = append(kept, k)
		}
	}
	s.categories = kept
	writeJSON(q.w, http.StatusOK, s.categoryList())
}

// checkCategoryLanguages refuses category translations in languages the
// center has not configured ("Languages must be configured on the
// center", SKILL.md, "Create Category"). Undocumented: the code.
func (s *Server) checkCategoryLanguages(q *request, tr map[string]CategoryText) bool {
	for l := range tr {
		if !s.checkLanguage(q, l) {
			return false
		}
	}
	return true
}

// findCategory answers 404 not_found when category id does not exist.
func (s *Server) findCategory(q *request, id string) *Category {
	c := s.category(id)
	if c == nil {
		writeError(q.w, http.StatusNotFound, "not_found", "Category "+id+" not found")
	}
	return c
}
