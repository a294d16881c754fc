package content

import (
	"regexp"
	"strings"
)

// localePattern accepts the codes help centers use: a two- or
// three-letter language, an optional four-letter script and an optional
// region of two letters or three digits, separated by '-' or '_'
// (fr, pt-br, zh-TW, zh-Hant-TW, es-419, en_US). Case is not significant.
var localePattern = regexp.MustCompile(`^(?i)[a-z]{2,3}(?:[-_][a-z]{4})?(?:[-_](?:[a-z]{2}|[0-9]{3}))?$`)

// ValidLocale reports whether s is syntactically a locale code. Whether a
// help center has enabled it is for the planner to check.
func ValidLocale(s string) bool { return localePattern.MatchString(s) }

// splitTranslation splits a Markdown file name of the form
// name.<locale>.md into the source file name (name.md) and the locale.
// ok is false for a source file: one without a suffix that reads as a
// locale code.
func splitTranslation(file string) (source, locale string, ok bool) {
	stem := strings.TrimSuffix(file, ".md")
	dot := strings.LastIndexByte(stem, '.')
	if dot <= 0 {
		return "", "", false
	}
	locale = stem[dot+1:]
	if !ValidLocale(locale) {
		return "", "", false
	}
	return stem[:dot] + ".md", locale, true
}
