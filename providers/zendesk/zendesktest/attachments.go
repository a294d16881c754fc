package zendesktest

import (
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
)

// maxAttachmentBytes is Help Center's attachment size limit (doc: "The
// file size limit is 20 MB per attachment", Article Attachments API).
const maxAttachmentBytes = 20 << 20

type attachment struct {
	id          int64
	articleID   int64
	name        string
	contentType string
	data        []byte
	inline      bool
}

// createAttachment implements Create Article Attachment and Create
// Unassociated Attachment: a multipart form with the part "file" and an
// optional "inline" flag, answered 201 with {"article_attachment": ...}
// (doc: NOTES.md, article attachments).
func (s *Server) createAttachment(w http.ResponseWriter, r *http.Request, articleID int64) {
	if err := r.ParseMultipartForm(maxAttachmentBytes + 1<<20); err != nil {
		badRequest(w, "file", "must be sent as multipart/form-data: "+err.Error())
		return
	}
	f, hdr, err := r.FormFile("file")
	if err != nil {
		badRequest(w, "file", "can't be blank")
		return
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxAttachmentBytes+1))
	if err != nil {
		badRequest(w, "file", err.Error())
		return
	}
	if len(data) > maxAttachmentBytes {
		badRequest(w, "file", "is larger than 20 MB")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if articleID != 0 && s.liveArticle(w, articleID) == nil {
		return
	}
	ctype := hdr.Header.Get("Content-Type")
	if ctype == "" {
		ctype = http.DetectContentType(data)
	}
	a := &attachment{id: s.id(), articleID: articleID, name: hdr.Filename, contentType: ctype, data: data, inline: r.FormValue("inline") == "true"}
	if s.attachments == nil {
		s.attachments = map[int64]*attachment{}
	}
	s.attachments[a.id] = a
	writeJSON(w, http.StatusCreated, map[string]any{"article_attachment": a.json(s.base(r))})
}

// json renders an attachment with the fields of the Article Attachments
// API: id, url, article_id (null while unassociated), file_name,
// content_type, content_url, size, inline (doc: NOTES.md, article
// attachments).
func (a *attachment) json(base string) map[string]any {
	art := any(nil)
	if a.articleID != 0 {
		art = a.articleID
	}
	return map[string]any{
		"id":           a.id,
		"url":          fmt.Sprintf("%s/api/v2/help_center/articles/attachments/%d.json", base, a.id),
		"article_id":   art,
		"file_name":    a.name,
		"content_type": a.contentType,
		"content_url":  fmt.Sprintf("%s/hc/article_attachments/%d/%s", base, a.id, a.name),
		"size":         len(a.data),
		"inline":       a.inline,
	}
}

// listAttachments implements List Article Attachments, GET
// /api/v2/help_center/articles/{id}/attachments: the attachments
// associated with the article, under "article_attachments" (doc:
// NOTES.md, article attachments), paginated like the other lists.
func (s *Server) listAttachments(w http.ResponseWriter, r *http.Request, articleID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.liveArticle(w, articleID) == nil {
		return
	}
	var list []*attachment
	for _, a := range s.attachments {
		if a.articleID == articleID {
			list = append(list, a)
		}
	}
	sort.Slice(list, func(i, j int) bool { return list[i].id < list[j].id })
	base := s.base(r)
	writePage(w, r, list, pageOpts{maxSize: 100, defaultSize: 30}, "article_attachments", func(a *attachment) map[string]any {
		return a.json(base)
	})
}

// serveAttachment answers the content_url of an attachment.
func (s *Server) serveAttachment(w http.ResponseWriter, r *http.Request) {
	rest := strings.TrimPrefix(r.URL.Path, "/hc/article_attachments/")
	idPart, _, _ := strings.Cut(rest, "/")
	id, ok := parseID(w, idPart)
	if !ok {
		return
	}
	s.mu.Lock()
	a := s.attachments[id]
	s.mu.Unlock()
	if a == nil {
		notFound(w)
		return
	}
	w.Header().Set("Content-Type", a.contentType)
	_, _ = w.Write(a.data)
}

// UnassociatedAttachments returns how many attachments belong to no
// article: uploads a client never attached.
func (s *Server) UnassociatedAttachments() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, a := range s.attachments {
		if a.articleID == 0 {
			n++
		}
	}
	return n
}

// Attachment describes an attachment the fake holds.
type Attachment struct {
	ID         int64
	ArticleID  int64 // 0 while unassociated
	FileName   string
	ContentURL string
}

// AttachmentList returns the attachments the fake holds, by id.
func (s *Server) AttachmentList() []Attachment {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Attachment, 0, len(s.attachments))
	for _, a := range s.attachments {
		out = append(out, Attachment{ID: a.id, ArticleID: a.articleID, FileName: a.name,
			ContentURL: a.json(s.URL)["content_url"].(string)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Attachments returns how many attachments the fake holds.
func (s *Server) Attachments() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.attachments)
}
