package zendesk

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/textproto"

	"github.com/hcsync/hcsync/providers"
)

// UploadImage stores an image as an inline article attachment and returns
// its content_url for bodies to use: POST
// /api/v2/help_center/articles/{id}/attachments when the image's article
// exists, else an unassociated attachment (POST
// /api/v2/help_center/articles/attachments), both multipart with the
// parts "file" and "inline" (doc: NOTES.md, article attachments).
func (p *Provider) UploadImage(ctx context.Context, img providers.Image) (string, error) {
	if len(img.Data) > maxImageBytes {
		return "", fmt.Errorf("uploading image %s: %d bytes is over Help Center's 20 MB attachment limit", img.Name, len(img.Data))
	}
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if err := mw.WriteField("inline", "true"); err != nil {
		return "", err
	}
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="file"; filename=%q`, img.Name))
	ctype := img.ContentType
	if ctype == "" {
		ctype = http.DetectContentType(img.Data)
	}
	h.Set("Content-Type", ctype)
	part, err := mw.CreatePart(h)
	if err != nil {
		return "", err
	}
	if _, err := part.Write(img.Data); err != nil {
		return "", err
	}
	if err := mw.Close(); err != nil {
		return "", err
	}
	path := "/api/v2/help_center/articles/attachments"
	if aid, ok := parseID(img.ArticleID); ok {
		path = fmt.Sprintf("/api/v2/help_center/articles/%d/attachments", aid)
	}
	var out struct {
		ArticleAttachment wireAttachment `json:"article_attachment"`
	}
	req := providers.Request{Method: http.MethodPost, Path: path, Body: buf.Bytes(), ContentType: mw.FormDataContentType()}
	if _, err := p.c.Do(ctx, req, &out); err != nil {
		return "", fmt.Errorf("uploading image %s: %w", img.Name, explain(err))
	}
	return out.ArticleAttachment.ContentURL, nil
}
