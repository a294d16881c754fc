package render

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/hcsync/hcsync/internal/slug"

	"github.com/yuin/goldmark/util"
	"golang.org/x/text/unicode/norm"
)

// slugger gives the headings of one document their ids the way GitHub
// does, so that "#anchors" written against GitHub's preview keep working
// on the help center: lower-case, spaces to hyphens, punctuation dropped,
// and "-1", "-2" appended to repeats. Unlike GitHub the ids are ASCII:
// accents are folded (é -> e) and other letters dropped, since some
// services percent-encode or mangle non-ASCII fragments.
type slugger struct {
	// seen holds the ids given so far while they are few, which is
	// cheaper than a map for the handful of headings of most bodies;
	// index takes over past maxSeenList so that long documents stay
	// linear.
	seen  []string
	index map[string]struct{}
	// ids holds the bytes of every id given, back to back: one buffer
	// per document instead of one string per heading. Bytes below
	// len(ids) are never written again, so the strings handed out can
	// alias them; growing ids leaves them in the old array.
	ids []byte
}

const maxSeenList = 16

func (s *slugger) slug(text string) string {
	return slugNext(s, text)
}

// slugNext is slug for a heading text held as a string (Normalize) or as
// bytes (Render), so that neither has to copy it first.
func slugNext[T string | []byte](s *slugger, text T) string {
	if s.ids == nil {
		s.ids = make([]byte, 0, 256)
	}
	start := len(s.ids)
	s.ids = appendSlug(s.ids, text)
	base := len(s.ids)
	for i := 1; s.has(s.ids[start:]); i++ {
		s.ids = strconv.AppendInt(append(s.ids[:base], '-'), int64(i), 10)
	}
	id := util.BytesToReadOnlyString(s.ids[start:])
	s.add(id)
	return id
}

func (s *slugger) has(id []byte) bool {
	if s.index != nil {
		_, ok := s.index[string(id)]
		return ok
	}
	for _, x := range s.seen {
		if x == string(id) {
			return true
		}
	}
	return false
}

func (s *slugger) add(id string) {
	if s.index == nil {
		if len(s.seen) < maxSeenList {
			if s.seen == nil {
				s.seen = make([]string, 0, maxSeenList)
			}
			s.seen = append(s.seen, id)
			return
		}
		s.index = make(map[string]struct{}, 2*maxSeenList)
		for _, x := range s.seen {
			s.index[x] = struct{}{}
		}
		s.seen = nil
	}
	s.index[id] = struct{}{}
}

// slugify is GitHub's anchor algorithm folded to ASCII. A heading with no
// ASCII letter or digit left (emoji only, or a script without Latin
// letters) gets "heading", as goldmark does.
func slugify(text string) string {
	return string(appendSlug(nil, text))
}

// appendSlug appends slugify(text) to dst.
func appendSlug[T string | []byte](dst []byte, text T) []byte {
	start := len(dst)
	if isASCII(text) {
		// Lower-casing, trimming and NFD are all trivial on ASCII, so
		// the usual English heading needs no conversions or copies.
		lo, hi := 0, len(text)
		for lo < hi && asciiSpace(text[lo]) {
			lo++
		}
		for hi > lo && asciiSpace(text[hi-1]) {
			hi--
		}
		for i := lo; i < hi; i++ {
			switch c := text[i]; {
			case 'A' <= c && c <= 'Z':
				dst = append(dst, c+('a'-'A'))
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '-', c == '_':
				dst = append(dst, c)
			case asciiSpace(c):
				dst = append(dst, '-')
			}
		}
	} else {
		for _, r := range norm.NFD.String(strings.ToLower(strings.TrimSpace(string(text)))) {
			switch {
			case 'a' <= r && r <= 'z', '0' <= r && r <= '9', r == '-', r == '_':
				dst = append(dst, byte(r))
			case unicode.IsSpace(r):
				dst = append(dst, '-')
			default:
				// Letters NFD does not decompose into a base and a mark.
				if s, ok := slug.Spelled(r); ok {
					dst = append(dst, s...)
				}
			}
		}
	}
	if len(dst) == start {
		return append(dst, "heading"...)
	}
	return dst
}

func isASCII[T string | []byte](s T) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// asciiSpace reports the ASCII characters that unicode.IsSpace and
// strings.TrimSpace treat as space.
func asciiSpace(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\v', '\f', '\r':
		return true
	}
	return false
}
