package render

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// slugger gives the headings of one document their ids the way GitHub
// does, so that "#anchors" written against GitHub's preview keep working
// on the help center: lower-case, spaces to hyphens, punctuation dropped,
// and "-1", "-2" appended to repeats. Unlike GitHub the ids are ASCII:
// accents are folded (é -> e) and other letters dropped, since some
// services percent-encode or mangle non-ASCII fragments.
type slugger struct {
	seen map[string]bool
}

func (s *slugger) slug(text string) string {
	base := slugify(text)
	if s.seen == nil {
		s.seen = map[string]bool{}
	}
	id := base
	for i := 1; s.seen[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	s.seen[id] = true
	return id
}

// slugify is GitHub's anchor algorithm folded to ASCII. A heading with no
// ASCII letter or digit left (emoji only, or a script without Latin
// letters) gets "heading", as goldmark does.
func slugify(text string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(strings.TrimSpace(text))) {
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		case unicode.IsSpace(r):
			b.WriteByte('-')
		default:
			// Letters NFD does not decompose into a base and a mark.
			if s, ok := foldLetters[r]; ok {
				b.WriteString(s)
			}
		}
	}
	if b.Len() == 0 {
		return "heading"
	}
	return b.String()
}

var foldLetters = map[rune]string{
	'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'đ': "d", 'ð': "d",
	'ł': "l", 'þ': "th", 'ı': "i", 'ħ': "h", 'ŧ': "t",
}
