package intercomtest

import (
	"encoding/json"
	"maps"
	"net/http"
	"slices"
)

// collectionRequest is create_collection_request /
// update_collection_request.
type collectionRequest struct {
	Name        *string `json:"name"`
	Description *string `json:"description"`
	// parent_id is a string here, unlike an article's (schema).
	ParentID *string `json:"parent_id"`
	// ParentSent says parent_id was in the body, null or not: on update,
	// "If `null` then it will be updated as the first level collection"
	// (update_collection_request), while leaving it out keeps the parent.
	ParentSent bool `json:"-"`
}

func (c *collectionRequest) UnmarshalJSON(b []byte) error {
	type plain collectionRequest
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(b, &keys); err != nil {
		return err
	}
	_, c.ParentSent = keys["parent_id"]
	return json.Unmarshal(b, (*plain)(c))
}

// maxDepth is how deep collections nest: "from version 2.10 sections
// are collections with a parent_id (up to 3 levels)" (NOTES.md).
const maxDepth = 3

func (s *Server) listCollections(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	// "Collections will be returned in descending order on the
	// updated_at attribute" (listAllCollections).
	list := slices.SortedFunc(maps.Values(s.collections), func(a, b *Collection) int {
		return newestFirst(a.UpdatedAt, b.UpdatedAt, a.ID, b.ID)
	})
	writeList(s, w, r, list, s.collectionJSON)
}

func (s *Server) getCollection(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.collections[r.PathValue("id")]
	if !ok {
		notFound(w)
		return
	}
	writeJSON(w, http.StatusOK, s.collectionJSON(c))
}

// createCollection requires name ("Name is a required parameter.", the
// 400 example of createCollection) and answers 200.
func (s *Server) createCollection(w http.ResponseWriter, r *http.Request) {
	var req collectionRequest
	if !decode(w, r, &req) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if req.Name == nil || *req.Name == "" {
		writeError(w, http.StatusBadRequest, "parameter_not_found", "Name is a required parameter.")
		return
	}
	now := s.opts.Clock().Unix()
	c := &Collection{Name: *req.Name, CreatedAt: now, UpdatedAt: now}
	if req.Description != nil {
		c.Description = *req.Description
	}
	if err := s.setParent(c, req.ParentID); err != nil {
		writeError(w, http.StatusBadRequest, err.code, err.msg)
		return
	}
	c.ID = s.newID()
	s.collections[c.ID] = c
	writeJSON(w, http.StatusOK, s.collectionJSON(c))
}

func (s *Server) updateCollection(w http.ResponseWriter, r *http.Request) {
	var req collectionRequest
	if !decode(w, r, &req) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	old, ok := s.collections[r.PathValue("id")]
	if !ok {
		notFound(w)
		return
	}
	c := *old
	if req.Name != nil {
		if *req.Name == "" {
			writeError(w, http.StatusBadRequest, "parameter_invalid", "Name cannot be blank.")
			return
		}
		c.Name = *req.Name
	}
	if req.Description != nil {
		c.Description = *req.Description
	}
	if req.ParentSent {
		if err := s.setParent(&c, req.ParentID); err != nil {
			writeError(w, http.StatusBadRequest, err.code, err.msg)
			return
		}
	}
	if c != *old {
		c.UpdatedAt = s.opts.Clock().Unix()
	}
	*old = c
	writeJSON(w, http.StatusOK, s.collectionJSON(old))
}

// deleteCollection answers {"id", "object": "collection", "deleted":
// true} (deleteCollection). Its articles stay and stand alone (decided).
func (s *Server) deleteCollection(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := r.PathValue("id")
	if _, ok := s.collections[id]; !ok {
		notFound(w)
		return
	}
	delete(s.collections, id)
	for _, a := range s.articles {
		if a.ParentID == id {
			a.ParentID = ""
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"id": id, "object": "collection", "deleted": true})
}

// setParent checks and sets c's parent. Callers hold s.mu.
func (s *Server) setParent(c *Collection, parentID *string) *badRequest {
	if parentID == nil || *parentID == "" {
		c.ParentID = ""
		return nil
	}
	depth := 1
	for id := *parentID; id != ""; depth++ {
		p, ok := s.collections[id]
		if !ok {
			return invalid("parent_id %s does not match any collection", *parentID)
		}
		if id == c.ID {
			return invalid("parent_id %s would make a cycle", *parentID)
		}
		id = p.ParentID
	}
	if depth > maxDepth {
		return invalid("collections nest at most %d levels deep", maxDepth)
	}
	c.ParentID = *parentID
	return nil
}

func (s *Server) collectionJSON(c *Collection) map[string]any {
	var parent any
	if c.ParentID != "" {
		parent = c.ParentID // a string in the collection schema
	}
	m := map[string]any{
		"id":             c.ID,
		"workspace_id":   "hcsync-fake",
		"name":           c.Name,
		"description":    c.Description,
		"url":            "https://intercom.help/hcsync-fake/" + s.opts.DefaultLocale + "/collections/" + c.ID,
		"order":          c.Order,
		"created_at":     c.CreatedAt,
		"updated_at":     c.UpdatedAt,
		"icon":           "book-bookmark",
		"parent_id":      parent,
		"help_center_id": 1,
	}
	if len(s.opts.Locales) > 1 {
		m["default_locale"] = s.opts.DefaultLocale
	}
	return m
}
