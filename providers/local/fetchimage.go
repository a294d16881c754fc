package local

import (
	"context"
	"fmt"
	"os"
	"strings"
)

// FetchImage returns the bytes of an image this help center serves at
// url, one UploadImage returned. Its URLs name files under images/ and
// are not served over HTTP, so export reads them here instead.
func (p *Provider) FetchImage(ctx context.Context, url string) ([]byte, error) {
	name, ok := strings.CutPrefix(url, p.baseURL+"/images/")
	if !ok || name == "" || strings.ContainsAny(name, `/\`) || strings.HasPrefix(name, ".") {
		return nil, fmt.Errorf("local provider: %s is not an image of this help center (%s/images/...)", url, p.baseURL)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	data, err := os.ReadFile(p.path("images", name))
	if err != nil {
		return nil, fmt.Errorf("local provider: image %s: %w", url, err)
	}
	return data, nil
}
