// Package locales is what hcsync knows of locale codes: which strings are
// one, and that help centers compare them without case and with _ and -
// alike (en_US, en-us).
package locales

import "unicode/utf8"

// Equal compares locale codes the way help centers do:
// case-insensitively, with '_' and '-' alike.
func Equal(a, b string) bool {
	// Byte by byte, not Normalize(a) == Normalize(b): the
	// planner compares locales for every link of every body, and this
	// allocates nothing.
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if fold(a[i]) != fold(b[i]) {
			return false
		}
	}
	return true
}

func fold(c byte) byte {
	switch {
	case c >= 'A' && c <= 'Z':
		return c + 'a' - 'A'
	case c == '_':
		return '-'
	}
	return c
}

// Normalize lower-cases a locale code and uses '-' as separator.
func Normalize(l string) string {
	b := []byte(l)
	for i, c := range b {
		b[i] = fold(c)
	}
	return string(b)
}

// Valid reports whether s is syntactically a locale code: a two-
// or three-letter language, an optional four-letter script and an
// optional region of two letters or three digits, separated by '-' or
// '_' (fr, pt-br, zh-TW, zh-Hant-TW, es-419, en_US). Case is not
// significant. Whether a help center has enabled it is for the planner
// to check.
//
// It accepts exactly what the regular expression
// ^(?i)[a-z]{2,3}(?:[-_][a-z]{4})?(?:[-_](?:[a-z]{2}|[0-9]{3}))?$
// does, without one: Load checks the name of every file of a tree.
func Valid(s string) bool {
	lang, s := letters(s)
	if lang < 2 || lang > 3 {
		return false
	}
	if s == "" {
		return true
	}
	n, s := part(s)
	if n == 4 { // a script, which a region may follow
		if s == "" {
			return true
		}
		n, s = part(s)
	}
	return s == "" && (n == 2 || n == -3)
}

// part reads a separator and the part after it: n is the number of
// letters it holds, or -3 for three digits, or 0 when it is neither.
func part(s string) (n int, rest string) {
	if s == "" || (s[0] != '-' && s[0] != '_') {
		return 0, s
	}
	s = s[1:]
	if len(s) >= 3 && isDigit(s[0]) && isDigit(s[1]) && isDigit(s[2]) {
		return -3, s[3:]
	}
	return letters(s)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// letters counts the letters s starts with and returns the rest. A
// letter is what (?i)[a-z] matches: an ASCII letter, or one of the two
// other runes that fold to one, ſ (to s) and K, the Kelvin sign (to k).
// More than four is reported as five; no part is that long.
func letters(s string) (n int, rest string) {
	for n < 5 && s != "" {
		c := s[0]
		if c |= 0x20; 'a' <= c && c <= 'z' {
			s = s[1:]
		} else if r, size := utf8.DecodeRuneInString(s); r == 'ſ' || r == '\u212a' {
			s = s[size:]
		} else {
			break
		}
		n++
	}
	return n, s
}
