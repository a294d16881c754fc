package planner

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	htmlstd "html"
	"io/fs"
	"maps"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/hcsync/hcsync/diag"

	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/remote"
	"github.com/hcsync/hcsync/render"
)

// refs are what one body's placeholders point at. Most bodies have
// none, so the maps are made on the first.
type refs struct {
	links  map[string]string // token -> translation file
	images map[string]bool   // short image hash
}

// imageInfo is a local image read once per plan.
type imageInfo struct {
	hash  string // hex sha256
	size  int64
	ctype string
	err   error
}

// linker resolves relative links and local images for the planner. Its
// methods run from the parallel renderers: the maps are read-only after
// newLinker, and images are read once under a lock.
type linker struct {
	pl    *planner
	files map[string]linkTarget // any file of an article

	images  *onceEach[*imageInfo]                     // image path -> info
	sources *onceEach[map[string]content.ImageSource] // folder -> its sidecar (nil: none readable)

	uploadedOnce sync.Once
	uploaded     map[string]string // short hash -> URL found in remote bodies
	shown        map[string]bool   // every image URL the remote bodies show

	permalinksOnce sync.Once
	permalinks     remote.Permalinks

	sitePathsOnce sync.Once
	sitePaths     map[string]bool // first path segments of the help center's URLs

	foldedOnce sync.Once
	folded     map[string]string // lower-cased article file -> file ("" = two)

	anchors anchorIndex // ids of the pages links name a #fragment of
}

// linkTarget is what a file of the tree is to a link: its article, the
// translation it holds, and the article's binding (nil when the article
// has a problem of its own). One lookup answers a link: a plan resolves
// every link of every body.
type linkTarget struct {
	article *content.Article
	file    *content.Translation
	managed *managedArticle
}

func newLinker(pl *planner) *linker {
	l := &linker{pl: pl, files: map[string]linkTarget{},
		images: newOnceEach[*imageInfo](), sources: newOnceEach[map[string]content.ImageSource]()}
	managed := make(map[*content.Article]*managedArticle, len(pl.managed)+len(pl.outside))
	for i := range pl.managed {
		managed[pl.managed[i].file] = &pl.managed[i]
	}
	for i := range pl.outside {
		managed[pl.outside[i].file] = &pl.outside[i]
	}
	for _, a := range pl.whole().Articles {
		for _, t := range a.Translations {
			l.files[t.Path] = linkTarget{article: a, file: t, managed: managed[a]}
		}
	}
	return l
}

// landing is the translation a link from t to this file opens: a link
// to the source file follows the reader's locale when the target has
// that translation; a link to a translation file is explicit.
func (lt linkTarget) landing(t *content.Translation) *content.Translation {
	if lt.file == lt.article.Source() {
		if x := lt.article.Translation(t.Locale); x != nil {
			return x
		}
	}
	return lt.file
}

// target resolves dest, written in file, to a slash path in the tree.
func target(file, dest string) (string, error) {
	p, err := url.PathUnescape(dest)
	if err != nil {
		p = dest
	}
	t := path.Clean(path.Join(path.Dir(file), p))
	if t == ".." || strings.HasPrefix(t, "../") {
		return "", fmt.Errorf("%q points outside the content folder: link to a file of the tree or to a full URL", dest)
	}
	return t, nil
}

// linkFile returns the URL the relative link dest from t should have,
// file being where dest points in the tree (target).
func (l *linker) linkFile(t *content.Translation, dest, file string, r *refs) (string, error) {
	target, ok := l.files[file]
	if !ok {
		switch _, statErr := os.Stat(filepath.Join(l.pl.tree.Root, filepath.FromSlash(file))); {
		case statErr == nil && strings.HasSuffix(file, ".md"):
			return "", fmt.Errorf("link to %s, which is not an article of the tree (a section file, or outside the content): link to an article", file)
		case statErr == nil:
			return "", fmt.Errorf("link to %s, which is not an article: host the file elsewhere and link its full URL", file)
		default:
			return "", fmt.Errorf("dead link: %s does not exist%s", file, diag.DidYouMean(path.Base(file), l.siblings(file)))
		}
	}
	tt := target.landing(t)
	m := target.managed
	if m == nil {
		return dest, nil // the target has a problem of its own, reported elsewhere
	}
	if m.remote != nil {
		if rt := providers.FindTranslation(m.remote, l.pl.locale(tt.Locale)); rt != nil {
			if u := rt.Link(); u != "" {
				return u, nil
			}
			if m.remote.URL != "" {
				return m.remote.URL, nil
			}
			return "", fmt.Errorf("the help center reports no URL for %s (an article outside any collection or section has none on some services): move it into a section, or link its full URL", tt.Path)
		}
	}
	if m.outside {
		return "", fmt.Errorf("link to %s, which --target leaves out and the help center does not have yet: add --target %s to plan it too", tt.Path, target.article.Path)
	}
	tok := plan.LinkToken(tt.Path)
	if r.links == nil {
		r.links = map[string]string{}
	}
	r.links[tok] = tt.Path
	return plan.LinkPrefix + tok, nil
}

// relink is permalinks.relink over the remote the planner compares with.
func (l *linker) relink(body string) string {
	l.permalinksOnce.Do(func() { l.permalinks = remote.NewPermalinks(l.pl.remote.Articles) })
	return l.permalinks.Relink(body)
}

// sameBody reports whether want, a rendered body, reads the same as
// stored, the help center's, once links to one article by its different
// URL forms are taken as one (relink). The plain comparison comes first:
// relink runs only for bodies that differ otherwise.
func (pl *planner) sameBody(want, stored string) bool {
	if want == stored || render.Equal(want, stored, pl.profile) {
		return true
	}
	w, s := pl.links.relink(want), pl.links.relink(stored)
	return (w != want || s != stored) && render.Equal(w, s, pl.profile)
}

// siblings lists the article files in file's folder, for "did you mean".
func (l *linker) siblings(file string) []string {
	dir := path.Dir(file)
	var out []string
	for p := range l.files {
		if path.Dir(p) == dir {
			out = append(out, path.Base(p))
		}
	}
	sort.Strings(out)
	return out
}

// imageFile returns the URL the local image file (a slash path in the
// tree) should have: the URL export downloaded it from, while its bytes
// and that URL's use are unchanged; the URL of an upload with the same
// bytes found in the help center; or a placeholder for an upload this
// plan makes.
func (l *linker) imageFile(file string, r *refs) (string, error) {
	info := l.readImage(file)
	if info.err != nil {
		return "", info.err
	}
	// Before the limits: an image the help center already shows is not
	// uploaded, and on Intercom this is how a downloaded copy resolves
	// without image_base_url.
	if u, ok := l.exportedURL(file, info.hash); ok {
		return u, nil
	}
	caps := l.pl.opts.Caps
	if caps.MaxImageBytes > 0 && info.size > caps.MaxImageBytes {
		return "", fmt.Errorf("image %s is %s, and %s accepts at most %s: shrink it", file, humanSize(info.size), l.pl.opts.Provider, humanSize(caps.MaxImageBytes))
	}
	if len(caps.ImageTypes) > 0 && !contains(caps.ImageTypes, info.ctype) {
		return "", fmt.Errorf("image %s is %s, and %s accepts only %s: convert it", file, info.ctype, l.pl.opts.Provider, strings.Join(caps.ImageTypes, ", "))
	}
	if !caps.ImageUpload {
		if l.pl.opts.ImageBaseURL == "" {
			return "", fmt.Errorf("%s takes images by URL only: set image_base_url for %s in hcsync.yaml to where the repository's images are served, or use a full URL", l.pl.opts.Provider, l.pl.opts.Provider)
		}
		u := strings.TrimRight(l.pl.opts.ImageBaseURL, "/")
		for _, seg := range strings.Split(file, "/") {
			u += "/" + url.PathEscape(seg)
		}
		return u, nil
	}
	short := info.hash[:16]
	l.uploadedOnce.Do(l.findUploads)
	if u, ok := l.uploaded[short]; ok {
		return u, nil
	}
	if r.images == nil {
		r.images = map[string]bool{}
	}
	r.images[short] = true
	return plan.ImagePrefix + short, nil
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if strings.EqualFold(x, v) {
			return true
		}
	}
	return false
}

// onceEach holds a value per key, each made once however many
// renderers ask for it at the same time. Every body of a section shows
// the same few images from the same folder: most calls find the value
// made, and share the lock to do so.
type onceEach[V any] struct {
	mu sync.RWMutex
	m  map[string]V
}

func newOnceEach[V any]() *onceEach[V] { return &onceEach[V]{m: map[string]V{}} }

// get returns the value for k, made by create if no call has made it.
func (o *onceEach[V]) get(k string, create func() V) V {
	o.mu.RLock()
	v, ok := o.m[k]
	o.mu.RUnlock()
	if ok {
		return v
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if v, ok := o.m[k]; ok {
		return v
	}
	v = create()
	o.m[k] = v
	return v
}

func (l *linker) readImage(file string) *imageInfo {
	return l.images.get(file, func() *imageInfo {
		info := &imageInfo{}
		data, err := content.ReadFile(l.pl.tree.Root, file)
		var outside *content.OutsideError
		var special *content.NotRegularError
		switch {
		case err == nil:
		case errors.As(err, &outside) || errors.As(err, &special):
			info.err = err // the reference names the image already
			return info
		case errors.Is(err, fs.ErrNotExist):
			info.err = fmt.Errorf("image %s does not exist", file)
			return info
		default:
			info.err = fmt.Errorf("image %s: %v", file, err)
			return info
		}
		sum := sha256.Sum256(data)
		info.hash = hex.EncodeToString(sum[:])
		info.size = int64(len(data))
		info.ctype = mime.TypeByExtension(strings.ToLower(path.Ext(file)))
		if i := strings.IndexByte(info.ctype, ';'); i >= 0 {
			info.ctype = info.ctype[:i]
		}
		if info.ctype == "" {
			info.ctype = http.DetectContentType(data)
		}
		return info
	})
}

// exportedURL is the URL export downloaded file from, as its folder's
// sidecar records it, if file still has the bytes downloaded and some
// remote body still shows that URL. A changed image, or one the help
// center no longer shows, resolves like any other local image.
func (l *linker) exportedURL(file, hash string) (string, bool) {
	src, ok := l.sidecar(path.Dir(file))[path.Base(file)]
	if !ok || src.URL == "" || !strings.EqualFold(src.SHA256, hash) {
		return "", false
	}
	l.uploadedOnce.Do(l.findUploads)
	if !l.shown[src.URL] {
		return "", false
	}
	return src.URL, true
}

// sidecar reads the sources file export wrote in dir, once per plan.
// It is an optimisation only: a missing or unreadable one (hand-edited,
// merged badly) makes the folder's images upload as they would without
// it, which the plan shows.
func (l *linker) sidecar(dir string) map[string]content.ImageSource {
	return l.sources.get(dir, func() map[string]content.ImageSource {
		var s map[string]content.ImageSource
		if data, err := content.ReadFile(l.pl.tree.Root, path.Join(dir, content.ImageSourcesFile)); err == nil {
			if json.Unmarshal(data, &s) != nil {
				s = nil
			}
		}
		return s
	})
}

// findUploads indexes the images the help center already holds by the
// content hash in their URL: uploads are named after their hash, so a
// re-run uploads nothing whose bytes did not change. It also keeps every
// image URL the bodies show, for exportedURL. It reads every remote body,
// so it scans by hand rather than with regular expressions (on 40,000
// bodies that is the difference between milliseconds and seconds), and
// on every core: the renderers wait for it.
func (l *linker) findUploads() {
	articles := l.pl.remote.Articles
	parts := make([]uploads, min(runtime.GOMAXPROCS(0), max(len(articles)/512, 1)))
	var wg sync.WaitGroup
	for i := range parts {
		chunk := articles[i*len(articles)/len(parts) : (i+1)*len(articles)/len(parts)]
		wg.Go(func() {
			u := uploads{byHash: map[string]string{}, shown: map[string]bool{}}
			for _, ra := range chunk {
				for _, rt := range ra.Translations {
					u.scan(rt.Body)
					u.scan(rt.PendingBody)
				}
			}
			parts[i] = u
		})
	}
	wg.Wait()
	// Merged in the order of the articles, so that of two URLs of the
	// same bytes the later one wins, as in a scan of one core.
	l.uploaded, l.shown = parts[0].byHash, parts[0].shown
	for _, u := range parts[1:] {
		maps.Copy(l.uploaded, u.byHash)
		maps.Copy(l.shown, u.shown)
	}
}

// uploads are the image URLs some remote bodies show.
type uploads struct {
	byHash map[string]string // short hash -> URL
	shown  map[string]bool
}

// scan records the src="..." values of body.
func (u uploads) scan(body string) {
	// Look for each '=' and check what surrounds it, rather than search
	// for `src="`: a search for a string starts a comparison at every
	// "s" of the text, and '=' is rare outside attributes.
	for {
		i := strings.IndexByte(body, '=')
		if i < 0 {
			return
		}
		isSrc := i >= 4 && body[i-3:i] == "src" && isHTMLSpace(body[i-4]) && i+1 < len(body) && body[i+1] == '"'
		body = body[i+1:]
		if !isSrc {
			continue
		}
		body = body[1:]
		j := strings.IndexByte(body, '"')
		if j < 0 {
			return
		}
		src := body[:j]
		body = body[j:]
		if src == "" {
			continue
		}
		if strings.IndexByte(src, '&') >= 0 {
			src = htmlstd.UnescapeString(src)
		}
		u.shown[src] = true
		for _, h := range hexRuns(path.Base(src)) {
			u.byHash[h] = src
		}
	}
}

func isHTMLSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

// hexRuns returns the first 16 characters of each run of 16 to 64
// lower-case hex digits in s (a longer run counts as several).
func hexRuns(s string) []string {
	var out []string
	isHex := func(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' }
	for i := 0; i < len(s); {
		if !isHex(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && isHex(s[j]) {
			j++
		}
		for k := i; j-k >= 16; k += 64 {
			out = append(out, s[k:k+16])
		}
		i = j
	}
	return out
}

// uploadName is the file name an image is uploaded under: its short
// hash first, so findUploads recognises it, then its own name.
func uploadName(hash, file string) string { return hash[:16] + "-" + path.Base(file) }

// humanSize prints a byte count the way people read file sizes.
func humanSize(n int64) string {
	switch {
	case n >= 1<<20:
		return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MB"
	case n >= 1<<10:
		return strconv.FormatFloat(float64(n)/(1<<10), 'f', 1, 64) + " KB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}
