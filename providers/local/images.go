package local

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/hcsync/hcsync/providers"
)

// maxImageBytes is the largest image the local help center takes, in
// line with the services (Help.Center: 10 MB; Zendesk: 20 MB).
const maxImageBytes = 20 << 20

// UploadImage copies an image to images/<sha256><ext> and returns its
// URL. The same content uploaded twice is stored once.
func (p *Provider) UploadImage(ctx context.Context, img providers.Image) (string, error) {
	fail := func(format string, args ...any) (string, error) {
		return "", fmt.Errorf("upload image %s: "+format, append([]any{img.Name}, args...)...)
	}
	if len(img.Data) == 0 {
		return fail("the file is empty")
	}
	if len(img.Data) > maxImageBytes {
		return fail("%d bytes is over the %d MB limit: shrink it", len(img.Data), maxImageBytes>>20)
	}
	sum := sha256.Sum256(img.Data)
	hash := hex.EncodeToString(sum[:])
	if img.Hash != "" && !strings.EqualFold(img.Hash, hash) {
		return fail("content hash is %s, not the %s given: the file changed while it was read", hash, img.Hash)
	}
	ext := strings.ToLower(path.Ext(img.Name))
	ctype := img.ContentType
	if ctype == "" {
		ctype = mime.TypeByExtension(ext)
	}
	if ctype == "" {
		ctype = http.DetectContentType(img.Data)
	}
	if !strings.HasPrefix(ctype, "image/") {
		return fail("content type %s is not an image", ctype)
	}
	if ext == "" {
		ext = extension(ctype)
	}
	name := hash + ext
	file := p.path("images", name)
	if !exists(file) {
		if err := writeFileAtomic(file, img.Data); err != nil {
			return fail("%w", err)
		}
	}
	return p.baseURL + "/images/" + name, nil
}

// extension picks the usual file extension of an image type, where
// mime.ExtensionsByType would give the alphabetically first (".jfif").
func extension(ctype string) string {
	ctype, _, _ = mime.ParseMediaType(ctype)
	switch ctype {
	case "image/png":
		return ".png"
	case "image/jpeg":
		return ".jpg"
	case "image/gif":
		return ".gif"
	case "image/webp":
		return ".webp"
	case "image/svg+xml":
		return ".svg"
	}
	if exts, _ := mime.ExtensionsByType(ctype); len(exts) > 0 {
		return exts[0]
	}
	return ""
}
