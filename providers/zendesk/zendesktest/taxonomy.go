package zendesktest

import (
	"cmp"
	"net/http"
	"sort"
	"strings"
)

// listSegments implements List User Segments (doc: NOTES.md, user
// segments; UserSegmentObject in the Help Center OpenAPI description).
func (s *Server) listSegments(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var list []*Segment
	for _, g := range sorted(s.segments, func(a, b *Segment) int { return cmp.Compare(a.ID, b.ID) }) {
		if v := r.URL.Query().Get("built_in"); v != "" && (v == "true") != g.BuiltIn {
			continue
		}
		list = append(list, g)
	}
	writePage(w, r, list, pageOpts{maxSize: 100, defaultSize: 100}, "user_segments", func(g *Segment) map[string]any {
		return map[string]any{
			"id": g.ID, "name": g.Name, "user_type": g.UserType, "built_in": g.BuiltIn,
			"group_ids": []int64{}, "organization_ids": []int64{}, "tags": []string{}, "or_tags": []string{},
		}
	})
}

// listGroups implements List Permission Groups: fields id, name, edit,
// publish (doc: NOTES.md, permission groups).
func (s *Server) listGroups(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	list := sorted(s.groups, func(a, b *PermissionGroup) int { return cmp.Compare(a.ID, b.ID) })
	writePage(w, r, list, pageOpts{maxSize: 100, defaultSize: 100}, "permission_groups", func(g *PermissionGroup) map[string]any {
		return map[string]any{
			"id": g.ID, "name": g.Name, "built_in": g.BuiltIn, "edit": []int64{}, "publish": []int64{},
		}
	})
}

func tagJSON(t *ContentTag) map[string]any {
	return map[string]any{
		"id": t.ID, "name": t.Name,
		"created_at": t.CreatedAt.Format("2006-01-02T15:04:05.000Z"),
		"updated_at": t.UpdatedAt.Format("2006-01-02T15:04:05.000Z"),
	}
}

// listTags implements Search Content Tags (doc: zendesk-content-tags.txt):
// filter[name_prefix] keeps names starting with the prefix (an empty
// prefix keeps all), sort=id|-id|name|-name, records under "records",
// cursor pagination only with page[size] at most 30 (seen: NOTES.md).
func (s *Server) listTags(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q := r.URL.Query()
	prefix := strings.ToLower(q.Get("filter[name_prefix]"))
	var list []*ContentTag
	for _, t := range s.tags {
		if strings.HasPrefix(strings.ToLower(t.Name), prefix) {
			list = append(list, t)
		}
	}
	sortBy := q.Get("sort")
	desc := strings.HasPrefix(sortBy, "-")
	switch strings.TrimPrefix(sortBy, "-") {
	case "", "id":
		sort.Slice(list, func(i, j int) bool { return (list[i].ID < list[j].ID) != desc })
	case "name":
		sort.Slice(list, func(i, j int) bool { return (list[i].Name < list[j].Name) != desc })
	default:
		guideError(w, http.StatusBadRequest, "BadRequest", "Invalid property")
		return
	}
	writePage(w, r, list, pageOpts{cursorOnly: true, maxSize: 30, defaultSize: 10}, "records", tagJSON)
}

func (s *Server) showTag(w http.ResponseWriter, id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.tags[id]
	if t == nil {
		guideError(w, http.StatusNotFound, "NotFound", "The Resource could not be found")
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"content_tag": tagJSON(t)})
}

// createTag implements Create Content Tag: 201 {"content_tag": ...};
// a missing name is a 400 and a name already taken a 422, both in the
// guide error shape (doc: zendesk-content-tags.txt examples).
func (s *Server) createTag(w http.ResponseWriter, r *http.Request) {
	var req struct {
		ContentTag *struct {
			Name string `json:"name"`
		} `json:"content_tag"`
	}
	if !decode(w, r, &req) {
		return
	}
	if req.ContentTag == nil || strings.TrimSpace(req.ContentTag.Name) == "" {
		guideError(w, http.StatusBadRequest, "BadRequest", "Invalid property")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, t := range s.tags {
		if strings.EqualFold(t.Name, req.ContentTag.Name) {
			guideError(w, http.StatusUnprocessableEntity, "UnprocessibleEntity", "Name has already been taken")
			return
		}
	}
	t := s.addTag(req.ContentTag.Name)
	writeJSON(w, http.StatusCreated, map[string]any{"content_tag": tagJSON(t)})
}
