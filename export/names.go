package export

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"unicode"

	"golang.org/x/net/html"

	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/diag"
	"github.com/hcsync/hcsync/internal/slug"
)

// Names a team would give the files, decided here:
//
//   - An image keeps the name the help center gives it: the last part
//     of its URL's path (for a Zendesk attachment, the name it was
//     uploaded under), without the content hash hcsync puts before the
//     names it uploads ("3301f965c5077c55-installer.png" is
//     installer.png). A URL whose last part is no name, only a hash or
//     a number (the local provider names images by content), names the
//     image after its alt text, else after the article. Names are unique
//     in their folder ("screen.png", "screen-2.png").
//   - With Options.Like, a tree this help center was filled from (or
//     exported to before; export --force into it reads it too): an
//     article whose id a file of that tree holds keeps that file's name,
//     and its translations follow (name.<locale>.md); a section or
//     category whose id a _section.md or _category.md holds keeps that
//     folder's name; an image whose bytes are those of an image file of
//     that tree (apply uploaded it from there) keeps that file's name.
//     Only names are kept, not places: a file is written in the folder
//     of the section the help center has the article in, so a tree
//     whose articles moved in the help center follows them. Everything
//     else is named as without Like, around the kept names, and so is a
//     kept name a Markdown link cannot take as it is (one with a space
//     or a bracket: plainName).

// keptNames are the names of files and folders of an earlier tree, by
// the id they hold.
type keptNames struct {
	dirs     map[string]string // section id -> folder name
	articles map[string]string // article id -> file name without .md
	images   map[string]string // sha256 of the bytes -> file name
}

// readKeptNames reads the ids of the tree in dir; "" keeps nothing. A
// tree with problems (unknown keys, dead links) still names its files:
// only its front-matter ids are read.
func readKeptNames(dir string) (keptNames, error) {
	kept := keptNames{dirs: map[string]string{}, articles: map[string]string{}, images: map[string]string{}}
	if dir == "" {
		return kept, nil
	}
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return kept, fmt.Errorf("%s is not a folder: name the folder of the tree whose file names to keep", dir)
	}
	tree, err := content.Load(dir, content.LoadOptions{LazyBodies: true, RootArticles: true,
		FrontMatter: content.FrontMatterOptions{Unknown: content.UnknownIgnore}})
	var problems diag.Problems
	if err != nil && (tree == nil || !errors.As(err, &problems)) {
		return kept, fmt.Errorf("reading the names of the tree in %s: %w", dir, err)
	}
	for _, s := range tree.Sections {
		if _, dup := kept.dirs[s.ID]; s.ID != "" && !dup {
			kept.dirs[s.ID] = path.Base(s.Dir)
		}
	}
	for _, a := range tree.Articles {
		if _, dup := kept.articles[a.ID]; a.ID != "" && !dup {
			kept.articles[a.ID] = strings.TrimSuffix(path.Base(a.Path), ".md")
		}
	}
	if kept.images, err = imagesByContent(dir); err != nil {
		return kept, fmt.Errorf("reading the images of the tree in %s: %w", dir, err)
	}
	return kept, nil
}

// imagesByContent names the image files under dir by the sha256 of
// their bytes, the first in path order for bytes found twice: images
// carry no id, and the help center holds the bytes apply uploaded. Only
// regular files are read (nothing a link leads to), and, as in Load, no
// dot-folder or node_modules.
func imagesByContent(dir string) (map[string]string, error) {
	names := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && p != dir && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules"):
			return filepath.SkipDir
		case !d.Type().IsRegular() || !isImageExt(path.Ext(d.Name())):
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		if h := hex.EncodeToString(sum[:]); names[h] == "" {
			names[h] = d.Name()
		}
		return nil
	})
	return names, err
}

func isImageExt(ext string) bool {
	switch strings.ToLower(ext) {
	case ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg":
		return true
	}
	return false
}

// claim reserves, in one folder, the kept name of each id that has one
// (first come, first served), and returns them by id.
func claim(ids []string, kept map[string]string, used map[string]bool) map[string]string {
	out := map[string]string{}
	for _, id := range ids {
		if name, ok := kept[id]; ok && plainName(name) && !used[name] {
			used[name] = true
			out[id] = name
		}
	}
	return out
}

// plainName reports whether a name of an earlier tree can be kept: a
// safe name that a Markdown link takes as it is, letters, digits and
// "._-+~" (a name with a space or a bracket is named anew).
func plainName(name string) bool {
	if !safeName(name) {
		return false
	}
	for _, r := range name {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("._-+~", r) {
			return false
		}
	}
	return true
}

// imageBase is a safe file name for the image at src, shown with alt
// text alt in an article whose file is named article (without .md).
func imageBase(src, alt, article string) string {
	base := ""
	if u, err := url.Parse(src); err == nil {
		base = path.Base(u.Path)
	}
	ext := strings.ToLower(path.Ext(base))
	if !isImageExt(ext) {
		ext = ""
	}
	full := base
	stem := slug.Of(withoutHash(strings.TrimSuffix(base, path.Ext(base))))
	if stem == "" {
		full = alt
		stem = shortSlug(alt)
	}
	if stem == "" {
		full, stem = article, article
	}
	if stem == "" {
		stem = "image"
	}
	return shortName(stem, full, maxNameBytes-len(ext)) + ext
}

// withoutHash is stem without the runs of 16 or more hex digits that
// start it (hcsync uploads "<sha256 prefix>-name"), or "" when it holds
// nothing else, or only digits: a hash or an id names nothing.
func withoutHash(stem string) string {
	for {
		n := 0
		for n < len(stem) && isLowerHex(stem[n]) {
			n++
		}
		if n < 16 || (n < len(stem) && stem[n] != '-' && stem[n] != '_') {
			break
		}
		stem = strings.TrimLeft(stem[n:], "-_")
	}
	if strings.Trim(stem, "0123456789") == "" {
		return ""
	}
	return stem
}

func isLowerHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' }

// shortSlug is the slug of a text such as an alt text, cut after whole
// words at about 40 bytes: a file name, not a sentence.
func shortSlug(text string) string {
	s := slug.Of(text)
	const max = 40
	if len(s) <= max {
		return s
	}
	if i := strings.LastIndexByte(s[:max], '-'); i > 0 {
		return s[:i]
	}
	return s[:max]
}

// imageAlts maps the src of each <img> of body (also without its query
// and fragment, as render.MarkdownOptions.Image sees it) to its first
// non-empty alt text.
func imageAlts(body string) map[string]string {
	alts := map[string]string{}
	z := html.NewTokenizer(strings.NewReader(body))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return alts
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		if name, hasAttr := z.TagName(); string(name) != "img" || !hasAttr {
			continue
		}
		var src, alt string
		for {
			k, v, more := z.TagAttr()
			switch string(k) {
			case "src":
				src = string(v)
			case "alt":
				alt = strings.TrimSpace(string(v))
			}
			if !more {
				break
			}
		}
		if src == "" || alt == "" {
			continue
		}
		bare, _, _ := strings.Cut(src, "#")
		bare, _, _ = strings.Cut(bare, "?")
		for _, key := range []string{src, bare} {
			if _, ok := alts[key]; !ok {
				alts[key] = alt
			}
		}
	}
}
