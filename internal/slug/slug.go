// Package slug makes the one slug hcsync writes: a title as lower-case
// ASCII letters and digits, accents folded, every other run of
// characters one hyphen. Export names files and folders with it,
// Help.Center's adapter predicts the URL slug the service makes with it
// (the same rule, helpcenter-articles.txt), Zendesk's matches section
// names by it, and heading anchors fold letters with Spelled.
package slug

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Of is title's slug: "Ça marche: été!" is "ca-marche-ete". A title
// with no letter or digit left (日本語) has the slug "".
func Of(title string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFD.String(strings.ToLower(title)) {
		s := ""
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
			s = string(r)
		case unicode.Is(unicode.Mn, r):
			continue // an accent NFD split off its letter
		default:
			s = spelled[r]
		}
		if s == "" {
			hyphen = b.Len() > 0
			continue
		}
		if hyphen {
			b.WriteByte('-')
			hyphen = false
		}
		b.WriteString(s)
	}
	return b.String()
}

// Spelled is the ASCII spelling of a lower-case Latin letter that NFD
// does not decompose into a base letter and an accent (ß is ss).
func Spelled(r rune) (string, bool) {
	s, ok := spelled[r]
	return s, ok
}

var spelled = map[rune]string{
	'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'đ': "d", 'ð': "d",
	'ł': "l", 'þ': "th", 'ı': "i", 'ħ': "h", 'ŧ': "t", 'ŋ': "n",
}
