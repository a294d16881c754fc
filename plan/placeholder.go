package plan

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"regexp"
	"strings"

	"github.com/hcsync/hcsync/render"
)

// Placeholders stand in a planned body for URLs that exist only once the
// apply has created their target: an article or translation new in the
// same plan, or an image not uploaded yet. The executor swaps them for
// the real URLs just before the write, after the changes that create the
// targets (the body's Deps).
const (
	LinkPrefix  = "hcsync-link:"
	ImagePrefix = "hcsync-image:"
)

// Placeholders stand only at the start of an attribute value, so an
// article that shows the text "hcsync-link:…" (documentation of hcsync
// itself) is left alone.
var placeholderRE = regexp.MustCompile(`="hcsync-(link|image):([0-9a-f]+)`)

// Placeholder is the text of a Placeholder of kind "link" or "image":
// LinkPrefix or ImagePrefix and the key.
func Placeholder(kind, key string) string { return "hcsync-" + kind + ":" + key }

// HasPlaceholder reports whether a body still waits for URLs.
func HasPlaceholder(body string) bool {
	return strings.Contains(body, `="`+LinkPrefix) || strings.Contains(body, `="`+ImagePrefix)
}

// LinkToken names a translation file in a Placeholder: a short hash, so
// the Placeholder survives URL escaping unchanged.
func LinkToken(file string) string {
	sum := sha1.Sum([]byte(file))
	return hex.EncodeToString(sum[:6])
}

// ResolvePlaceholders replaces the placeholders of body by the URLs
// urlOf returns; a Placeholder it cannot resolve is an error.
func ResolvePlaceholders(body string, urlOf func(kind, key string) (string, bool)) (string, error) {
	var missing []string
	var out strings.Builder
	EachPlaceholder(body, urlOf, func(piece string) { out.WriteString(piece) }, func(p string) { missing = append(missing, p) })
	if len(missing) > 0 {
		return "", fmt.Errorf("no URL for %s: the change that creates it did not run, or the help center answered it without a URL", strings.Join(missing, ", "))
	}
	return out.String(), nil
}

// EachPlaceholder passes body to write piece by piece, each Placeholder
// replaced by its URL; one urlOf cannot answer goes to missing and stays
// as it is. It lets a body be summed without being built (the plan
// cache learns what apply wrote) as well as built.
func EachPlaceholder(body string, urlOf func(kind, key string) (string, bool), write func(string), missing func(string)) {
	at := 0
	for _, m := range placeholderRE.FindAllStringSubmatchIndex(body, -1) {
		if m[0] < at {
			continue // inside the value of the previous one
		}
		write(body[at:m[0]])
		u, ok := urlOf(body[m[2]:m[3]], body[m[4]:m[5]])
		if !ok {
			missing(body[m[0]+2 : m[1]])
			write(body[m[0]:m[1]])
			at = m[1]
			continue
		}
		// The rest of the attribute value is the writer's query and
		// fragment, which Render joins to a URL by rules of its own.
		end := m[1] + strings.IndexByte(body[m[1]:], '"')
		if end < m[1] {
			end = m[1]
		}
		write(`="`)
		write(render.ResolvedAttr(u, body[m[1]:end]))
		at = end
	}
	write(body[at:])
}
