package export

import (
	"sort"
	"strings"

	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/remote"
)

// exportRedirects maps each article to the redirect_from entries of the
// help center's rules that point to it: an id where the rule's path is
// another article's page in some locale, the path otherwise. A rule
// from a page that still serves an article does nothing (the service
// redirects only what would be a 404) and is left out, as is a rule to
// anything but an article.
func exportRedirects(rs *remote.State, articlePath func(id, locale string) string) map[string][]string {
	if articlePath == nil || len(rs.Redirects) == 0 {
		return nil
	}
	target := map[string]string{} // an article's URL, or its path -> id
	live := map[string]bool{}
	localeList := map[string]bool{}
	for _, l := range rs.Locales.Enabled {
		localeList[l] = true
	}
	for _, a := range rs.Articles {
		for l, t := range a.Translations {
			localeList[l] = true
			live[articlePath(a.ID, l)] = true
			for _, u := range []string{t.URL, t.Link(), t.Permalink} {
				if u != "" {
					target[u] = a.ID
				}
			}
		}
	}
	seen := map[string]map[string]bool{}
	for _, r := range rs.Redirects {
		id, ok := target[r.To]
		if !ok || live[r.From] {
			continue
		}
		entry := r.From
		if old, ok := articleIDOf(r.From, localeList, articlePath); ok {
			entry = old
		}
		if seen[id] == nil {
			seen[id] = map[string]bool{}
		}
		seen[id][entry] = true
	}
	out := make(map[string][]string, len(seen))
	for id, entries := range seen {
		for e := range entries {
			out[id] = append(out[id], e)
		}
		sort.Slice(out[id], func(i, j int) bool { return entryLess(out[id][i], out[id][j]) })
	}
	return out
}

// entryLess orders redirect_from: ids (by number), then paths.
func entryLess(a, b string) bool {
	if da, db := providers.IsNumericID(a), providers.IsNumericID(b); da != db {
		return da
	}
	return providers.IDLess(a, b)
}

// articleIDOf returns the article id whose page in some locale path is.
func articleIDOf(path string, localeList map[string]bool, articlePath func(id, locale string) string) (string, bool) {
	i := strings.LastIndex(path, "/")
	id := path[i+1:]
	if !providers.IsNumericID(id) {
		return "", false
	}
	for l := range localeList {
		if articlePath(id, l) == path {
			return id, true
		}
	}
	return "", false
}

// redirector returns p's article paths when it has redirects.
func redirector(p providers.Provider) func(id, locale string) string {
	if rd, ok := p.(providers.Redirector); ok {
		return rd.ArticlePath
	}
	return nil
}
