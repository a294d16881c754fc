package content

import (
	"strings"
	"unicode/utf8"
)

// ValidLocale reports whether s is syntactically a locale code: a two-
// or three-letter language, an optional four-letter script and an
// optional region of two letters or three digits, separated by '-' or
// '_' (fr, pt-br, zh-TW, zh-Hant-TW, es-419, en_US). Case is not
// significant. Whether a help center has enabled it is for the planner
// to check.
//
// It accepts exactly what the regular expression
// ^(?i)[a-z]{2,3}(?:[-_][a-z]{4})?(?:[-_](?:[a-z]{2}|[0-9]{3}))?$
// does, without one: Load checks the name of every file of a tree.
func ValidLocale(s string) bool {
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

// splitTranslation splits a Markdown file name of the form
// name.<locale>.md into the source file name (name.md) and the locale.
// ok is false for a source file: one without a suffix that reads as a
// locale code.
func splitTranslation(file string) (source, locale string, ok bool) {
	dot, ok := localeSuffix(file)
	if !ok {
		return "", "", false
	}
	stem := strings.TrimSuffix(file, ".md")
	return stem[:dot] + ".md", stem[dot+1:], true
}

// localeSuffix returns the index of the dot before the locale of a
// file name of the form name.<locale>.md.
func localeSuffix(file string) (dot int, ok bool) {
	stem := strings.TrimSuffix(file, ".md")
	dot = strings.LastIndexByte(stem, '.')
	if dot <= 0 || !ValidLocale(stem[dot+1:]) {
		return 0, false
	}
	return dot, true
}
