package render

import "strings"

// Readable returns the Markdown a writer would write for an HTML body:
// the converter export uses, with its options, but none of the round
// trip checks and raw HTML fallbacks of Markdown. It is for people to
// read, in a plan's body diff; what Markdown cannot say (attributes,
// provider classes) is left out, so two bodies that differ only there
// read the same.
func Readable(body string) string {
	md, err := markdownConverter.ConvertString(body)
	if err != nil {
		// The converter fails only on input it cannot read at all; the
		// HTML is then the most readable thing there is.
		return body
	}
	return strings.TrimSpace(md) + "\n"
}
