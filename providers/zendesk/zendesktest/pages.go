package zendesktest

import (
	"fmt"
	"html"
	"net/http"
	"regexp"
	"strconv"
	"strings"
)

// pagePath is the path of an article's page in the help center:
// "/hc/{locale}/articles/{id}", optionally followed by "-" and anything,
// or "/" (doc: Zendesk's help center guidelines for its mobile SDKs,
// developer.zendesk.com/documentation/zendesk-web-widget-sdks/sdks/ios/help_center_guidelines,
// give the article URL pattern "/hc/([a-z-]+)/articles/(\d+)(?:[/-]?.*)?$"
// with "/hc/en-us/articles/123456789" and
// "/hc/de/articles/123456789-some-article-title" as examples). The page
// is found by id: the slug after it, current or not, does not matter.
var pagePath = regexp.MustCompile(`^/hc/([A-Za-z-]+)/articles/(\d+)(?:[/-].*)?$`)

// servePage answers a reader's GET of an article page: the published
// translation's title and body as HTML, to anyone. A draft, an archived
// article or a locale the article lacks is a 404, as Help Center shows
// anonymous readers.
func (s *Server) servePage(w http.ResponseWriter, r *http.Request) bool {
	m := pagePath.FindStringSubmatch(r.URL.Path)
	if m == nil {
		return false
	}
	id, err := strconv.ParseInt(m[2], 10, 64)
	if err != nil {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.articles[id]
	notFound := func() bool {
		if !s.followRedirect(w, r, "/hc/"+m[1]+"/articles/"+m[2]) {
			http.NotFound(w, r)
		}
		return true
	}
	if a == nil || a.Archived {
		return notFound()
	}
	t := a.Translations[strings.ToLower(m[1])]
	if t == nil || t.Draft {
		return notFound()
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, "<!DOCTYPE html>\n<html lang=%q><head><title>%s</title></head><body><h1>%s</h1>%s</body></html>\n",
		t.Locale, html.EscapeString(t.Title), html.EscapeString(t.Title), t.Body)
	return true
}
