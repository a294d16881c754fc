package apply

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sync"

	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers"
)

// pendingImage is an image whose upload waits for an article that shows
// it, on providers whose images are attachments of one article
// (Capabilities.ImagesAttachToArticle): uploaded before its article
// exists, it would stay unattached, and a failed apply would leave it
// behind and upload it again on the re-run.
type pendingImage struct {
	mu   sync.Mutex // held while uploading
	spec *plan.ImageSpec
	url  string
}

// pendingIn returns the images body shows that wait for an article.
func (r *run) pendingIn(body string) []*pendingImage {
	if !plan.HasPlaceholder(body) {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []*pendingImage
	seen := map[string]bool{}
	plan.EachPlaceholder(body, func(kind, key string) (string, bool) {
		if kind != "image" || seen[key] {
			return "", false
		}
		seen[key] = true
		if _, done := r.imageURLs[key]; !done && r.pending[key] != nil {
			out = append(out, r.pending[key])
		}
		return "", false
	}, func(string) {}, func(string) {})
	return out
}

// attachPending uploads the images body shows that wait for an article,
// as attachments of article; the adapter reuses one the article already
// has with the same bytes. Each is uploaded once: other bodies showing
// it use its URL.
func (r *run) attachPending(ctx context.Context, article, body string) error {
	for _, pi := range r.pendingIn(body) {
		if err := r.attachImage(ctx, pi, article); err != nil {
			return err
		}
	}
	return nil
}

func (r *run) attachImage(ctx context.Context, pi *pendingImage, article string) error {
	pi.mu.Lock()
	defer pi.mu.Unlock()
	if pi.url != "" {
		return nil
	}
	img := pi.spec
	data, err := r.readImage(img)
	if err != nil {
		return err
	}
	u, err := r.e.Provider.UploadImage(ctx, providers.Image{Name: img.Name, ContentType: img.ContentType, Data: data, Hash: img.Hash, ArticleID: article})
	if err != nil {
		return err
	}
	if u == "" {
		return fmt.Errorf("uploading %s: the help center answered with no URL for the image", img.Path)
	}
	pi.url = u
	r.mu.Lock()
	r.imageURLs[img.Short] = u
	r.mu.Unlock()
	return nil
}

// finishCreate gives an article created without its images (a draft)
// those images, attached to it, and then the body and draft state the
// plan says.
func (r *run) finishCreate(ctx context.Context, c *plan.Change, id string) error {
	if err := r.attachPending(ctx, id, c.Create.Source.Body); err != nil {
		return err
	}
	src, err := r.resolved(c, c.Create.Source)
	if err != nil {
		return err
	}
	_, err = r.e.Provider.UpdateTranslation(ctx, id, src)
	return err
}

func (r *run) uploadImage(ctx context.Context, c *plan.Change) (string, error) {
	img := c.Image
	data, err := r.readImage(img)
	if err != nil {
		return "", err
	}
	if r.e.Provider.Capabilities().ImagesAttachToArticle {
		r.mu.Lock()
		r.pending[img.Short] = &pendingImage{spec: img}
		r.mu.Unlock()
		return "uploaded with the first article written that shows it", nil
	}
	url, err := r.e.Provider.UploadImage(ctx, providers.Image{Name: img.Name, ContentType: img.ContentType, Data: data, Hash: img.Hash})
	if err != nil {
		return "", err
	}
	if url == "" {
		// An empty src would publish a broken image.
		return "", fmt.Errorf("uploading %s: the help center answered with no URL for the image", img.Path)
	}
	r.mu.Lock()
	r.imageURLs[img.Short] = url
	r.mu.Unlock()
	return "", nil
}

// readImage reads an image of the plan again, and checks it again, now:
// the plan found the image inside the tree, but a link may have been put
// in its place since, or the bytes changed.
func (r *run) readImage(img *plan.ImageSpec) ([]byte, error) {
	data, err := content.ReadFile(r.e.Root, img.Path)
	if err != nil {
		return nil, fmt.Errorf("reading image: %w", err)
	}
	sum := sha256.Sum256(data)
	if hex.EncodeToString(sum[:]) != img.Hash {
		return nil, fmt.Errorf("%s changed since the plan was made: run hcsync plan again", img.Path)
	}
	return data, nil
}
