package zendesktest

import (
	"fmt"
	"io"
	"net/http"
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
	a := &attachment{id: s.id(), articleID: articleID, name: hdr.Filename, contentType: ctype, data: data}
	if s.attachments == nil {
		s.attachments = map[int64]*attachment{}
	}
	s.attachments[a.id] = a
	base := s.base(r)
	art := any(nil)
	if articleID != 0 {
		art = articleID
	}
	writeJSON(w, http.StatusCreated, map[string]any{"article_attachment": map[string]any{
		"id":           a.id,
		"url":          fmt.Sprintf("%s/api/v2/help_center/articles/attachments/%d.json", base, a.id),
		"article_id":   art,
		"file_name":    a.name,
		"content_type": a.contentType,
		"content_url":  fmt.Sprintf("%s/hc/article_attachments/%d/%s", base, a.id, a.name),
		"size":         len(a.data),
		"inline":       r.FormValue("inline") == "true",
	}})
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

// Attachments returns how many attachments the fake holds.
func (s *Server) Attachments() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.attachments)
}
