package zendesk

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/textproto"

	"github.com/hcsync/hcsync/providers"
)

// UploadImage stores an image as an inline article attachment and returns
// its content_url for bodies to use. With the image's article
// (img.ArticleID) it is attached to that article, POST
// /api/v2/help_center/articles/{id}/attachments, unless the article
// already has an attachment of that name and size: upload names carry
// the hash of the bytes, so a re-run after a failed apply reuses what it
// uploaded rather than upload it again, and a lost answer is recovered
// the same way. Without one it is an unassociated attachment (POST
// /api/v2/help_center/articles/attachments). Both are multipart with
// the parts "file" and "inline" (doc: NOTES.md, article attachments).
func (p *Provider) UploadImage(ctx context.Context, img providers.Image) (string, error) {
	aid, attach := parseID(img.ArticleID)
	if attach {
		if u, ok, err := p.attached(ctx, aid, img, false); err != nil || ok {
			return u, err
		}
	}
	u, err := p.upload(ctx, img, aid, attach)
	if attach && errors.Is(err, providers.ErrOutcomeUnknown) {
		if found, ok, lerr := p.attached(ctx, aid, img, true); lerr == nil && ok {
			return found, nil
		}
	}
	return u, err
}

// attached returns the URL of the article's attachment named like img
// with img's size. The article's list is read once (again with fresh).
func (p *Provider) attached(ctx context.Context, aid int64, img providers.Image, fresh bool) (string, bool, error) {
	p.attMu.Lock()
	defer p.attMu.Unlock()
	list, ok := p.attachments[aid]
	if !ok || fresh {
		list = nil
		path := fmt.Sprintf("/api/v2/help_center/articles/%d/attachments", aid)
		if err := listAll(ctx, p, path, "article_attachments", nil, 100, func(a wireAttachment) { list = append(list, a) }); err != nil {
			return "", false, fmt.Errorf("listing the attachments of article %d: %w", aid, err)
		}
		p.attachments[aid] = list
	}
	for _, a := range list {
		if a.FileName == img.Name && a.Size == len(img.Data) && a.ContentURL != "" {
			return a.ContentURL, true, nil
		}
	}
	return "", false, nil
}

func (p *Provider) upload(ctx context.Context, img providers.Image, aid int64, attach bool) (string, error) {
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
	if attach {
		path = fmt.Sprintf("/api/v2/help_center/articles/%d/attachments", aid)
	}
	var out struct {
		ArticleAttachment wireAttachment `json:"article_attachment"`
	}
	req := providers.Request{Method: http.MethodPost, Path: path, Body: buf.Bytes(), ContentType: mw.FormDataContentType()}
	if _, err := p.c.Do(ctx, req, &out); err != nil {
		return "", fmt.Errorf("uploading image %s: %w", img.Name, explain(err))
	}
	if attach {
		p.attMu.Lock()
		if list, ok := p.attachments[aid]; ok {
			p.attachments[aid] = append(list, out.ArticleAttachment)
		}
		p.attMu.Unlock()
	}
	return out.ArticleAttachment.ContentURL, nil
}
