package helpcentertest

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"mime"
	"net/http"
	"path"
	"strings"
)

// maxImageBytes is the documented upload limit ("Maximum size: 10MB",
// helpcenter-articles.txt, "Image Upload").
const maxImageBytes = 10 << 20

// imageTypes are the documented formats: JPEG, PNG, GIF, WebP, SVG.
var imageTypes = map[string]bool{
	"image/jpeg": true, "image/png": true, "image/gif": true,
	"image/webp": true, "image/svg+xml": true,
}

// POST /articles/images and /articles/{a}/images: multipart field
// "image"; answers {"success": true, "data": {url, filename, size}}
// (SKILL.md, "Upload Image"). Undocumented: the codes of the refusals.
func (s *Server) uploadImage(q *request) {
	if len(q.segs) == 3 && s.findArticle(q) == nil {
		return
	}
	// The lock is held while reading the body; uploads in tests are small.
	q.r.Body = http.MaxBytesReader(q.w, q.r.Body, maxImageBytes+1<<20)
	f, hdr, err := q.r.FormFile("image")
	if err != nil {
		writeError(q.w, http.StatusBadRequest, "missing_required_field", "multipart field image is required: "+err.Error())
		return
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxImageBytes+1))
	if err != nil {
		writeError(q.w, http.StatusBadRequest, "invalid_file", "reading image: "+err.Error())
		return
	}
	if len(data) > maxImageBytes {
		writeError(q.w, http.StatusBadRequest, "file_too_large", "Maximum size: 10MB")
		return
	}
	ctype, _, _ := mime.ParseMediaType(hdr.Header.Get("Content-Type"))
	if !imageTypes[ctype] {
		ctype = mime.TypeByExtension(strings.ToLower(path.Ext(hdr.Filename)))
		ctype, _, _ = mime.ParseMediaType(ctype)
	}
	if !imageTypes[ctype] {
		writeError(q.w, http.StatusBadRequest, "invalid_file_type", "Supported formats: JPEG, PNG, GIF, WebP, SVG")
		return
	}
	sum := sha256.Sum256(data)
	url := "https://cdn.help.center/images/" + s.center.ID + "/" + hex.EncodeToString(sum[:8]) + "/" + path.Base(hdr.Filename)
	s.images[url] = len(data)
	writeJSON(q.w, http.StatusOK, map[string]any{
		"success": true,
		"data":    map[string]any{"url": url, "filename": path.Base(hdr.Filename), "size": len(data)},
	})
}
