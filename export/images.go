package export

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/hcsync/hcsync/plan"
)

// image downloads the image at src for a body in dir and names its file
// there (imageBase: from the URL, else the alt text, else article, the
// name of the article's file); ok = false keeps src (an image of another site, or one that
// could not be downloaded, with a warning). Each file holds the image of
// one URL: two URLs with the same bytes get two files, so that each body
// resolves back to the URL it showed.
func (ex *exporter) image(file, dir, src, alt, article string) (name string, ok bool) {
	f, seen := ex.fetched[src]
	if !seen {
		f = ex.fetch(src)
		ex.fetched[src] = f
		if f.err != nil {
			ex.res.Warnings = append(ex.res.Warnings, plan.Warning{File: file, Kind: "image", Msg: fmt.Sprintf("image %s kept as a URL: %v", src, f.err)})
		}
	}
	if f.data == nil {
		return "", false
	}
	names := ex.imageNames[dir]
	if names == nil {
		names = map[string]string{}
		ex.imageNames[dir] = names
	}
	for n, s := range names {
		if s == src {
			return n, true
		}
	}
	base := imageBase(src, alt, article)
	if kept := ex.kept.images[f.hash]; plainName(kept) {
		base = kept
	}
	ext := path.Ext(base)
	stem := strings.TrimSuffix(base, ext)
	name = base
	for i := 2; names[name] != ""; i++ {
		name = stem + "-" + strconv.Itoa(i) + ext
	}
	names[name] = src
	return name, true
}

// fetch downloads one image: through the provider when it can, by GET
// when the image lives on the help center's own host or the service's
// image host, else not at all.
func (ex *exporter) fetch(src string) fetchedImage {
	var data []byte
	var err error
	if f, ok := ex.p.(ImageFetcher); ok {
		data, err = f.FetchImage(ex.ctx, src)
	} else {
		u, perr := url.Parse(src)
		if perr != nil || u.Host == "" || !ex.hostsImages(u.Host) || (u.Scheme != "https" && u.Scheme != "http") {
			return fetchedImage{} // another site's image stays a link
		}
		data, err = ex.get(src)
	}
	if err != nil {
		return fetchedImage{err: err}
	}
	sum := sha256.Sum256(data)
	return fetchedImage{data: data, hash: fmt.Sprintf("%x", sum)}
}

// hostsImages reports whether host serves the help center's images.
func (ex *exporter) hostsImages(host string) bool {
	if ex.hosts[host] {
		return true
	}
	// Some services serve images on the help center's own host, others
	// on a CDN their capabilities name.
	for _, h := range ex.caps.ImageHosts {
		if strings.EqualFold(host, h) {
			return true
		}
	}
	return false
}

// maxExportImage bounds an image download, as the services bound uploads.
const maxExportImage = 20 << 20

func (ex *exporter) get(src string) ([]byte, error) {
	timeout := ex.opts.ImageTimeout
	if timeout <= 0 {
		timeout = DefaultImageTimeout
	}
	ctx, cancel := context.WithTimeout(ex.ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, src, nil)
	if err != nil {
		return nil, err
	}
	resp, err := ex.opts.HTTPClient.Do(req)
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return nil, fmt.Errorf("GET %s: no answer within %v", src, timeout)
	}
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s", src, resp.Status)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxExportImage+1))
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return nil, fmt.Errorf("GET %s: no answer within %v", src, timeout)
	}
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", src, err)
	}
	if len(data) > maxExportImage {
		return nil, fmt.Errorf("GET %s: larger than %d MB", src, maxExportImage>>20)
	}
	return data, nil
}
