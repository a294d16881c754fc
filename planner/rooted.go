package planner

import (
	"fmt"
	"net/url"
	"path"
	"strings"

	"github.com/hcsync/hcsync/content"
)

// Trees written for a static site generator link pages and images by
// their path on the site ("/functions/len", "/images/logo.png"). Such a
// destination resolves against links.root: a folder of the tree makes
// it a file of the tree (a page "/x/y" is x/y.md, x/y/index.md or
// x/y/_index.md there, in any case), a site URL makes it a full URL on that site.
// A root of "/" (SiteRoot) says the paths are on the help center's own
// site and are published as written: export writes it, since the bodies
// of a help center link its own host that way. A path into the help
// center itself (its first segment is one the help center's article
// URLs start with, like Zendesk's /hc/) is left as written whatever the
// root. Without a root, any other rooted link is a dead link that says
// to set one.

// SiteRoot is the links.root that publishes rooted paths as written.
const SiteRoot = "/"

// rooted returns the URL the destination dest, rooted at the site and
// written in t, should have.
func (l *linker) rooted(t *content.Translation, dest string, image bool, r *refs) (string, error) {
	if l.intoOwnSite(dest) {
		return dest, nil
	}
	root := l.pl.opts.LinksRoot
	switch {
	case root == SiteRoot:
		return dest, nil
	case root == "":
		return "", fmt.Errorf("dead link: %s is a path on a site hcsync does not know: set links.root in hcsync.yaml to the folder of the tree or the site URL it is relative to (\"/\" if it is the help center's own), or write a relative link", dest)
	case strings.Contains(root, "://"):
		return strings.TrimRight(root, "/") + dest, nil
	}
	p, err := url.PathUnescape(dest)
	if err != nil {
		p = dest
	}
	file := path.Join(path.Clean(root), path.Clean(p))
	if file == ".." || strings.HasPrefix(file, "../") {
		return "", fmt.Errorf("%q points outside the content folder: link to a file of the tree or to a full URL", dest)
	}
	if image {
		return l.imageFile(file, r)
	}
	tried := pageFiles(file)
	for _, f := range tried {
		if _, ok := l.files[f]; ok {
			return l.linkFile(t, dest, f, r)
		}
	}
	for _, f := range tried {
		if f, ok := l.fileFolded(f); ok {
			return l.linkFile(t, dest, f, r)
		}
	}
	return "", fmt.Errorf("dead link: with links.root %s, %s is none of %s", root, dest, strings.Join(tried, ", "))
}

// fileFolded finds the article file whose path is f but for case: site
// generators lower-case URLs (Hugo serves functions/lang/Translate.md at
// /functions/lang/translate/). Two files that differ only in case are
// ambiguous and match neither.
func (l *linker) fileFolded(f string) (string, bool) {
	l.foldedOnce.Do(func() {
		l.folded = map[string]string{}
		for p := range l.files {
			k := strings.ToLower(p)
			if _, dup := l.folded[k]; dup {
				l.folded[k] = ""
				continue
			}
			l.folded[k] = p
		}
	})
	p := l.folded[strings.ToLower(f)]
	return p, p != ""
}

// pageFiles are the files of the tree a site path may be, in the order
// site generators look: the file itself, then the page and the folder's
// index pages.
func pageFiles(file string) []string {
	if strings.HasSuffix(file, ".md") {
		return []string{file}
	}
	if file == "." {
		return []string{"index.md", "_index.md"}
	}
	return []string{file + ".md", file + "/index.md", file + "/_index.md"}
}

// intoOwnSite reports whether dest is a path on the help center
// itself: its first segment is the first segment of the path of some
// remote article's URL.
func (l *linker) intoOwnSite(dest string) bool {
	l.sitePathsOnce.Do(func() {
		l.sitePaths = map[string]bool{}
		for _, ra := range l.pl.remote.Articles {
			l.addSitePath(ra.URL)
			for _, rt := range ra.Translations {
				l.addSitePath(rt.Link())
			}
		}
	})
	return l.sitePaths[firstSegment(dest)]
}

func (l *linker) addSitePath(u string) {
	if p, err := url.Parse(u); err == nil && p.Path != "" {
		if s := firstSegment(p.Path); s != "" {
			l.sitePaths[s] = true
		}
	}
}

// firstSegment is "hc" for "/hc/en-us/articles/1".
func firstSegment(p string) string {
	p = strings.TrimPrefix(p, "/")
	if i := strings.IndexAny(p, "/?#"); i >= 0 {
		p = p[:i]
	}
	return p
}
