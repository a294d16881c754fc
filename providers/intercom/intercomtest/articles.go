package intercomtest

import (
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// contentRequest is one locale of a create or update request. Pointer
// fields tell "absent" from "empty": a PUT changes only what it sends
// ("PUT is partial; omitting state keeps it", NOTES.md, and the state
// description of update_article_request).
type contentRequest struct {
	Title       *string  `json:"title"`
	Description *string  `json:"description"`
	Body        *string  `json:"body"`
	AuthorID    *flexInt `json:"author_id"`
	State       *string  `json:"state"`
}

// articleRequest is create_article_request / update_article_request.
type articleRequest struct {
	contentRequest
	ParentID          json.RawMessage            `json:"parent_id"`
	ParentType        *string                    `json:"parent_type"`
	TranslatedContent map[string]json.RawMessage `json:"translated_content"`
}

// flexInt accepts a JSON number or a numeric string: the reference's
// own examples give author_id both ways.
type flexInt int

func (f *flexInt) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	n, err := strconv.Atoi(s)
	if err != nil {
		return fmt.Errorf("want an integer, got %s", b)
	}
	*f = flexInt(n)
	return nil
}

// badRequest is a 400 with Intercom's error list.
type badRequest struct{ code, msg string }

func (e *badRequest) Error() string { return e.msg }

func invalid(format string, args ...any) *badRequest {
	return &badRequest{"parameter_invalid", fmt.Sprintf(format, args...)}
}

func (s *Server) listArticles(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	// "Articles will be returned in descending order on the updated_at
	// attribute" (listArticles).
	list := slices.SortedFunc(maps.Values(s.articles), func(a, b *Article) int {
		return newestFirst(s.updatedAt(a), s.updatedAt(b), a.ID, b.ID)
	})
	writeList(s, w, r, list, func(a *Article) map[string]any { return s.articleJSON(a, false) })
}

func (s *Server) getArticle(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.articles[r.PathValue("id")]
	if !ok {
		notFound(w)
		return
	}
	writeJSON(w, http.StatusOK, s.articleJSON(a, true))
}

func (s *Server) deleteArticle(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := r.PathValue("id")
	if _, ok := s.articles[id]; !ok {
		notFound(w)
		return
	}
	delete(s.articles, id)
	// {"id": "51", "object": "article", "deleted": true} (deleteArticle).
	writeJSON(w, http.StatusOK, map[string]any{"id": id, "object": "article", "deleted": true})
}

// createArticle follows createArticle: title and author_id are
// required, author_id "must be in the main body or default locale
// translated_content object", state "Defaults to draft", and the answer
// is 200 with the article (not 201, NOTES.md).
func (s *Server) createArticle(w http.ResponseWriter, r *http.Request) {
	var req articleRequest
	if !decode(w, r, &req) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.opts.Clock().Unix()
	a := &Article{Contents: map[string]*Content{}, CreatedAt: now}
	if err := s.apply(a, &req, true, now); err != nil {
		writeError(w, http.StatusBadRequest, err.code, err.msg)
		return
	}
	a.ID = s.newID()
	s.articles[a.ID] = a
	writeJSON(w, http.StatusOK, s.articleJSON(a, true))
}

// updateArticle changes what the request sends and leaves the rest:
// translated_content merges per locale and per field.
func (s *Server) updateArticle(w http.ResponseWriter, r *http.Request) {
	var req articleRequest
	if !decode(w, r, &req) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	old, ok := s.articles[r.PathValue("id")]
	if !ok {
		notFound(w)
		return
	}
	// Validate everything before changing anything: a 400 leaves the
	// article as it was.
	a := copyArticle(old)
	if err := s.apply(&a, &req, false, s.opts.Clock().Unix()); err != nil {
		writeError(w, http.StatusBadRequest, err.code, err.msg)
		return
	}
	*old = a
	writeJSON(w, http.StatusOK, s.articleJSON(old, true))
}

// apply merges req into a. create says whether a is new.
func (s *Server) apply(a *Article, req *articleRequest, create bool, now int64) *badRequest {
	def := s.opts.DefaultLocale
	if create && req.Title == nil {
		if c := s.requestLocale(req, def); c == nil || c.Title == nil {
			return &badRequest{"parameter_not_found", "title is a required parameter"}
		}
	}
	if create && req.AuthorID == nil {
		if c := s.requestLocale(req, def); c == nil || c.AuthorID == nil {
			// The 400 example of createArticle.
			return &badRequest{"parameter_not_found", "author_id must be in the main body or default locale translated_content object"}
		}
	}
	if len(req.ParentID) > 0 && string(req.ParentID) != "null" {
		id := strings.Trim(string(req.ParentID), `"`)
		if _, ok := s.collections[id]; !ok {
			// decided: the reference gives no status for an unknown parent.
			return invalid("parent_id %s does not match any collection or section", id)
		}
		a.ParentID = id
	} else if string(req.ParentID) == "null" {
		a.ParentID = ""
	}
	if req.ParentType != nil && *req.ParentType != "collection" && *req.ParentType != "section" {
		return invalid("parent_type must be collection or section")
	}

	// The main body is the default locale's content; a default-locale
	// key in translated_content writes the same content.
	if err := s.merge(a, def, &req.contentRequest, now); err != nil {
		return err
	}
	localeList := make([]string, 0, len(req.TranslatedContent))
	for loc := range req.TranslatedContent {
		if loc != "type" {
			localeList = append(localeList, loc)
		}
	}
	slices.Sort(localeList)
	for _, loc := range localeList {
		raw := req.TranslatedContent[loc]
		if !slices.Contains(s.opts.Locales, loc) {
			// decided: a 400, on a single-language help center too (see
			// Options.Locales).
			return invalid("translated_content: locale %q is not enabled in this help center (enabled: %s)", loc, strings.Join(s.opts.Locales, ", "))
		}
		if string(raw) == "null" {
			continue
		}
		var c contentRequest
		if err := json.Unmarshal(raw, &c); err != nil {
			return invalid("translated_content.%s: %v", loc, err)
		}
		if err := s.merge(a, loc, &c, now); err != nil {
			return err
		}
	}
	return nil
}

// requestLocale returns the request's translated_content entry for loc.
func (s *Server) requestLocale(req *articleRequest, loc string) *contentRequest {
	raw, ok := req.TranslatedContent[loc]
	if !ok {
		return nil
	}
	var c contentRequest
	if json.Unmarshal(raw, &c) != nil {
		return nil
	}
	return &c
}

// merge writes the fields c sends into a's content for loc.
func (s *Server) merge(a *Article, loc string, c *contentRequest, now int64) *badRequest {
	cur, exists := a.Contents[loc]
	if !exists {
		if c.Title == nil && c.Body == nil && c.Description == nil && c.State == nil && c.AuthorID == nil {
			return nil
		}
		if c.Title == nil || *c.Title == "" {
			// decided: a new locale needs its title, as a new article does.
			return &badRequest{"parameter_not_found", fmt.Sprintf("translated_content.%s: title is a required parameter for a new translation", loc)}
		}
		cur = &Content{State: "draft", AuthorID: s.opts.Admins[0], CreatedAt: now}
	}
	next := *cur
	if c.Title != nil {
		if *c.Title == "" {
			return invalid("%s: title cannot be blank", loc)
		}
		next.Title = *c.Title
	}
	if c.Description != nil {
		next.Description = *c.Description
	}
	if c.Body != nil {
		if err := checkBody(*c.Body); err != nil {
			return invalid("%s: body: %s", loc, err.msg)
		}
		next.Body = s.rehost(storeBody(*c.Body))
	}
	if c.AuthorID != nil {
		// author_id "Must be a teammate on the help center's workspace".
		if !slices.Contains(s.opts.Admins, int(*c.AuthorID)) {
			return invalid("author_id %d is not a teammate of this workspace", *c.AuthorID)
		}
		next.AuthorID = int(*c.AuthorID)
	}
	if c.State != nil {
		if *c.State != "published" && *c.State != "draft" {
			return invalid("state must be published or draft")
		}
		next.State = *c.State
	}
	if !exists || next != *cur {
		next.UpdatedAt = now
	}
	a.Contents[loc] = &next
	return nil
}

// checkBody applies the "Supported HTML" rules: what the reference says
// hard-fails with 400 Bad Request, plus images Intercom cannot fetch to
// re-host ("If these fail to upload then we'll hard fail and return 400
// Bad Request").
//
// Decided: the fake stores <img src> as sent. The real service re-hosts
// images on its CDN under URLs a client cannot predict, so the stored
// src differs from the one sent; the fake does not model that.
func checkBody(body string) *badRequest {
	if msg := bodyProblem(body); msg != "" {
		return invalid("%s", msg)
	}
	nodes, _ := html.ParseFragment(strings.NewReader(body), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	var bad string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.Img {
			for _, at := range n.Attr {
				if at.Key != "src" {
					continue
				}
				u, err := url.Parse(at.Val)
				if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
					bad = at.Val
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	if bad != "" {
		return invalid("image %q could not be uploaded: Intercom fetches images from absolute URLs", bad)
	}
	return nil
}

// updatedAt is the article's updated_at: its default content's.
func (s *Server) updatedAt(a *Article) int64 {
	if c, ok := a.Contents[s.opts.DefaultLocale]; ok {
		return c.UpdatedAt
	}
	return a.CreatedAt
}

// articleJSON renders a as the article schema. Multilingual workspaces
// get default_locale and translated_content, which holds every locale
// that has content (decided: the default's too).
func (s *Server) articleJSON(a *Article, withStats bool) map[string]any {
	def := s.opts.DefaultLocale
	c := a.Contents[def]
	if c == nil {
		c = &Content{}
	}
	var parentID, parentType any
	parentIDs := []int{}
	if a.ParentID != "" {
		n, _ := strconv.Atoi(a.ParentID)
		// parent_id is an integer in the article schema; from version
		// 2.10 sections are collections, so parent_type is collection.
		parentID, parentType = n, "collection"
		parentIDs = append(parentIDs, n)
	}
	m := map[string]any{
		"type":         "article",
		"id":           a.ID,
		"workspace_id": "hcsync-fake",
		"parent_id":    parentID,
		"parent_type":  parentType,
		"parent_ids":   parentIDs,
		"title":        c.Title,
		"description":  c.Description,
		"body":         c.Body,
		"author_id":    c.AuthorID,
		"state":        c.State,
		"created_at":   a.CreatedAt,
		"updated_at":   s.updatedAt(a),
		"url":          s.articleURL(a, def),
		"tags":         map[string]any{"type": "tag.list", "tags": []any{}},
	}
	if len(s.opts.Locales) > 1 {
		// "This field is only returned for multilingual help centers."
		m["default_locale"] = def
		tc := map[string]any{"type": "article_translated_content"}
		for loc, c := range a.Contents {
			tc[loc] = map[string]any{
				"type":        "article_content",
				"title":       c.Title,
				"description": c.Description,
				"body":        c.Body,
				"author_id":   c.AuthorID,
				"state":       c.State,
				"created_at":  c.CreatedAt,
				"updated_at":  c.UpdatedAt,
				"url":         s.articleURL(a, loc),
			}
		}
		m["translated_content"] = tc
	}
	if withStats {
		m["statistics"] = map[string]any{
			"type": "article_statistics", "views": 0, "conversations": 0, "reactions": 0,
			"happy_reaction_percentage": 0, "neutral_reaction_percentage": 0, "sad_reaction_percentage": 0,
		}
	}
	return m
}

// articleURL is the help-center URL of one locale. An article that
// stands alone has none: the searchArticles example shows url null on an
// article without a parent, while the list example gives one to an
// article in a collection (decided: whatever its state, since the URL is
// built from the id and title).
func (s *Server) articleURL(a *Article, loc string) any {
	c := a.Contents[loc]
	if c == nil || a.ParentID == "" {
		return nil
	}
	return fmt.Sprintf("https://intercom.help/hcsync-fake/%s/articles/%s-%s", loc, a.ID, urlSlug(c.Title))
}

func urlSlug(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// decode reads a JSON body, answering 400 when it is not JSON.
func decode(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(r.Body)
	if err := dec.Decode(v); err != nil {
		writeError(w, http.StatusBadRequest, "parameter_invalid", "request body is not valid JSON: "+err.Error())
		return false
	}
	return true
}

// writeList answers a list request with the page it asks for of list,
// each item rendered by render, in the list envelope {type: "list", data,
// total_count, pages} (listArticles, listAllCollections). Callers hold
// s.mu.
func writeList[T any](s *Server, w http.ResponseWriter, r *http.Request, list []T, render func(T) map[string]any) {
	page, pages, ok := s.paginate(w, r, len(list))
	if !ok {
		return
	}
	data := []map[string]any{}
	for _, x := range list[page.from:page.to] {
		data = append(data, render(x))
	}
	writeJSON(w, http.StatusOK, map[string]any{"type": "list", "data": data, "total_count": len(list), "pages": pages})
}

// newestFirst orders a list "in descending order on the updated_at
// attribute" (listArticles, listAllCollections); ties by id, newest
// first (decided).
func newestFirst(updatedA, updatedB int64, idA, idB string) int {
	return cmp.Or(cmp.Compare(updatedB, updatedA), compareIDs(idB, idA))
}

// pageInfo is the slice of a list one page covers.
type pageInfo struct{ from, to int }

// paginate reads page and per_page and builds the pages object: {type:
// "pages", page, per_page, total_pages, next} with next a URL while more
// pages follow (NOTES.md; the collections endpoint answers next as a
// URL, see the community thread cited there). Callers hold s.mu.
func (s *Server) paginate(w http.ResponseWriter, r *http.Request, total int) (pageInfo, map[string]any, bool) {
	q := r.URL.Query()
	page, perPage := 1, 25 // listArticles example: per_page 25 (decided for both lists)
	if v := q.Get("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			writeError(w, http.StatusBadRequest, "parameter_invalid", "page must be a positive integer")
			return pageInfo{}, nil, false
		}
		page = n
	}
	if v := q.Get("per_page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			writeError(w, http.StatusBadRequest, "parameter_invalid", "per_page must be a positive integer")
			return pageInfo{}, nil, false
		}
		perPage = min(n, s.opts.MaxPerPage)
	}
	totalPages := (total + perPage - 1) / perPage
	from := min((page-1)*perPage, total)
	to := min(from+perPage, total)
	pages := map[string]any{"type": "pages", "page": page, "per_page": perPage, "total_pages": totalPages}
	if page < totalPages {
		next := *r.URL
		next.Scheme, next.Host = "http", r.Host
		nq := next.Query()
		nq.Set("page", strconv.Itoa(page+1))
		nq.Set("per_page", strconv.Itoa(perPage))
		next.RawQuery = nq.Encode()
		pages["next"] = next.String()
	}
	return pageInfo{from, to}, pages, true
}
