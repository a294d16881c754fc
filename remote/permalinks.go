package remote

import (
	"regexp"
	"strings"

	"github.com/hcsync/hcsync/providers"
)

// hrefRE finds the links of a body; relink runs only on bodies that
// differ already, so a regular expression is cheap enough.
var hrefRE = regexp.MustCompile(`(?i)(\shref=)("[^"]*"|'[^']*')`)

// Permalinks maps the permalink of each remote translation
// (providers.Translation.Permalink) to the URL links to it use.
type Permalinks map[string]string

// NewPermalinks indexes the permalinks of articles.
func NewPermalinks(articles []providers.Article) Permalinks {
	p := Permalinks{}
	for _, ra := range articles {
		for _, rt := range ra.Translations {
			if rt.Permalink != "" && rt.Link() != "" {
				p[rt.Permalink] = rt.Link()
			}
		}
	}
	return p
}

// Relink writes every link of body that names a remote translation by
// one of its permalink forms (the permalink, or the permalink and a
// title slug, current or old) as the URL the planner links it by.
// Applied to both sides of a comparison, it makes a body that links an
// article by its old title's URL, or by its URL with the slug, read the
// same as one that links it by its link URL: those links reach the same
// page, and a retitle must not rewrite every linking body. It returns
// body itself when no link changed.
func (p Permalinks) Relink(body string) string {
	if len(p) == 0 || !strings.Contains(body, "href") {
		return body
	}
	return hrefRE.ReplaceAllStringFunc(body, func(attr string) string {
		m := hrefRE.FindStringSubmatch(attr)
		q := m[2][:1]
		v := m[2][1 : len(m[2])-1]
		cut := len(v)
		if i := strings.IndexAny(v, "?#"); i >= 0 {
			cut = i
		}
		if u, ok := p.canonical(v[:cut]); ok {
			return m[1] + q + u + v[cut:] + q
		}
		return attr
	})
}

// canonical returns the link URL of the translation whose permalink u
// is, alone or followed by "-" and a slug, when that is not u itself.
func (p Permalinks) canonical(u string) (string, bool) {
	if c, ok := p[u]; ok {
		return c, c != u
	}
	slash := strings.LastIndexByte(u, '/')
	if dash := strings.IndexByte(u[slash+1:], '-'); dash >= 0 {
		if c, ok := p[u[:slash+1+dash]]; ok {
			return c, c != u
		}
	}
	return "", false
}
