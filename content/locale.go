package content

import (
	"strings"

	"github.com/hcsync/hcsync/locales"
)

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
	if dot <= 0 || !locales.Valid(stem[dot+1:]) {
		return 0, false
	}
	return dot, true
}
