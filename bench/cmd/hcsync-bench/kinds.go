package main

import (
	"net/http"
	"regexp"
	"sort"
	"strings"

	"github.com/hcsync/hcsync/providers/fakeserver"
)

var (
	digits     = regexp.MustCompile(`^[0-9]+$`)
	hexID      = regexp.MustCompile(`^[0-9a-f]{12,}$`)
	localeCode = regexp.MustCompile(`^[a-z]{2}(-[a-z]{2,4})?$`)
)

// kind names the endpoint a request went to, its method and path with
// ids and locales replaced by placeholders, so requests to every
// article count as one kind:
//
//	GET /api/v2/help_center/articles/42/translations/fr.json
//	→ GET /api/v2/help_center/articles/{id}/translations/{locale}.json
//
// An id is a segment of digits (Zendesk) or of 12 or more hex digits
// (Help.Center, Intercom), or the segment after "centers" (Help.Center's
// center id); a locale is a short language code after "translations"
// or "help_center" (Zendesk puts the locale there).
func kind(method, path string) string {
	segs := strings.Split(path, "/")
	for i, s := range segs {
		stem, ext, _ := strings.Cut(s, ".")
		if ext != "" {
			ext = "." + ext
		}
		prev := ""
		if i > 0 {
			prev = segs[i-1]
		}
		switch {
		case stem == "":
		case digits.MatchString(stem), hexID.MatchString(stem), prev == "centers":
			segs[i] = "{id}" + ext
		case (prev == "translations" || prev == "help_center") && localeCode.MatchString(strings.ToLower(stem)):
			segs[i] = "{locale}" + ext
		}
	}
	return method + " " + strings.Join(segs, "/")
}

// calls counts one run's requests to a fake.
type calls struct {
	Reads, Writes int
	Throttled     int            // answered 429 Too Many Requests
	ByKind        map[string]int // kind → requests
}

// count tallies requests: GET and HEAD are reads, everything else a
// write.
func count(log []fakeserver.Logged) calls {
	c := calls{ByKind: map[string]int{}}
	for _, r := range log {
		if r.Method == http.MethodGet || r.Method == http.MethodHead {
			c.Reads++
		} else {
			c.Writes++
		}
		if r.Status == http.StatusTooManyRequests {
			c.Throttled++
		}
		c.ByKind[kind(r.Method, r.Path)]++
	}
	return c
}

// Total is every request of the run.
func (c calls) Total() int { return c.Reads + c.Writes }

// kinds returns the kinds, most requests first, then by name.
func (c calls) kinds() []string {
	ks := make([]string, 0, len(c.ByKind))
	for k := range c.ByKind {
		ks = append(ks, k)
	}
	sort.Slice(ks, func(i, j int) bool {
		if c.ByKind[ks[i]] != c.ByKind[ks[j]] {
			return c.ByKind[ks[i]] > c.ByKind[ks[j]]
		}
		return ks[i] < ks[j]
	})
	return ks
}
