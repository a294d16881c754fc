package render

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Equal reports whether two bodies read the same once p's service has
// stored them: each goes through p's sanitiser, then Normalize. Both
// sides get the same treatment, so Equal is reflexive and symmetric:
// a body the service returned equals itself, and equals what we render
// for it wherever our model of the service's cleaning is right or too
// eager (an attribute the model strips that the service keeps cannot
// make a plan that never converges). A nil p compares as is.
func Equal(desired, stored string, p *Profile) bool {
	if p != nil && p.Sanitize != nil {
		desired, stored = p.Sanitize(desired), p.Sanitize(stored)
	}
	a, b := Normalize(desired), Normalize(stored)
	if p != nil && p.OpaqueImageSrc {
		a, b = imgSrcRE.ReplaceAllString(a, `${1}src=""`), imgSrcRE.ReplaceAllString(b, `${1}src=""`)
	}
	return a == b
}

// imgSrcRE finds the src of an img in normalised HTML, where attributes
// are always double-quoted.
var imgSrcRE = regexp.MustCompile(`(<img\b[^>]*?\s)src="[^"]*"`)

// Normalize returns html in a canonical form, so that two fragments a
// browser renders alike compare equal as strings. It parses html as the
// content of a <body> the way browsers do (closing what is left open,
// adding implied <tbody>), then writes it back with:
//
//   - tag and attribute names lower-case, attributes sorted by name,
//     duplicates dropped, always double-quoted;
//   - boolean attributes (checked, disabled, ...) bare, whether written
//     checked, checked="" or checked="checked";
//   - class tokens sorted and deduplicated, empty class and style
//     attributes dropped, style declarations spaced one way;
//   - one encoding per character: &#39;, &apos; and ' are all ', only &,
//     <, > (and " in attributes) are escaped, and U+00A0 is written
//     &nbsp; so that it never reads as a plain space;
//   - outside <pre>, <code>, <textarea> and raw-text elements, runs of
//     whitespace folded to one space, whitespace at the start and end
//     of blocks and around <br> dropped, and a space at the edge of an
//     inline element written outside it (a<b> x </b>y and a <b>x</b> y
//     are both written a <b>x</b> y);
//   - comments dropped: readers never see them and services strip them;
//   - <b>, <i>, <s> and <strike> written <strong>, <em> and <del>, which
//     read the same and are what HTML exported to Markdown comes back as;
//   - heading ids left out where they are the id Render would derive
//     from the heading's text, so a service or an export that has none
//     matches.
//
// Normalize is idempotent. Its output is for comparing and diffing, not
// for publishing.
func Normalize(s string) string {
	out, repaired := normalizeOnce(s)
	// A tree the parser built by repairing broken markup can parse
	// differently once written out (see ancestry); such input settles
	// after a second or third pass.
	for i := 0; repaired && out != s && i < 4; i++ {
		s = out
		out, repaired = normalizeOnce(s)
	}
	return out
}

// normalizeOnce parses s and writes it in canonical form. repaired
// reports a tree that may not survive a second parse unchanged.
func normalizeOnce(s string) (out string, repaired bool) {
	ctx := &html.Node{Type: html.ElementNode, DataAtom: atom.Body, Data: "body"}
	nodes, err := html.ParseFragment(strings.NewReader(s), ctx)
	if err != nil {
		// ParseFragment fails only when its reader does, and a
		// strings.Reader does not.
		return s, false
	}
	w := normalizer{blockStart: true}
	w.b.Grow(len(s))
	for _, n := range nodes {
		if w.node(n) {
			break
		}
	}
	return w.b.String(), w.repaired
}

// normalizer writes a parsed fragment in canonical form. Whitespace
// outside verbatim elements is held back in pending and written only
// when more content follows on the same line, which is how both the
// folding and the trimming at block boundaries come out of one pass.
// Start tags of plain inline elements wait in held until their first
// content, so that held-back whitespace goes before them.
type normalizer struct {
	b          strings.Builder
	held       strings.Builder // inline start tags not yet written
	pending    bool            // whitespace seen and not yet written
	blockStart bool            // nothing written since the last block boundary
	verbatim   int             // depth of elements whose whitespace is content
	anc        ancestry        // of the node being written
	slugs      slugger         // the ids Render gives headings, in order
	repaired   bool            // the tree may not survive a second parse
}

// node writes n and its subtree. It returns true after a <plaintext>
// element, which swallows the rest of the input.
func (w *normalizer) node(n *html.Node) (stop bool) {
	switch n.Type {
	case html.TextNode:
		if textRepaired(n) {
			w.repaired = true
		}
		w.text(n.Data)
	case html.ElementNode:
		return w.element(n)
	case html.DocumentNode:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if w.node(c) {
				return true
			}
		}
	}
	// Comments and doctypes are dropped.
	return false
}

func (w *normalizer) element(n *html.Node) (stop bool) {
	inner, repaired := w.anc.enter(n)
	if repaired {
		w.repaired = true
	}
	outer := w.anc
	w.anc = inner
	defer func() { w.anc = outer }()

	isHTML := n.Namespace == ""
	block := isHTML && (isBlock(n.DataAtom) || n.DataAtom == atom.Br)
	keep := isHTML && keepsWhitespace(n.DataAtom)
	raw := isHTML && rawText(n.DataAtom)
	plain := isHTML && !block && !keep && !raw && !isVoid(n.DataAtom)
	name := n.Data
	if isHTML {
		name = canonicalName(n.DataAtom, n.Data)
	}
	dropID := isHTML && isHeading(n.DataAtom) && w.derivedID(n)
	switch {
	case block:
		w.boundary()
		writeStartTag(&w.b, name, n.Attr, dropID)
	case plain:
		// Whitespace at the start of a plain inline element goes before
		// it, so that "a<b> x" and "a <b>x" come out alike.
		writeStartTag(&w.held, name, n.Attr, dropID)
	default:
		w.flush()
		writeStartTag(&w.b, name, n.Attr, dropID)
	}
	if isHTML && isVoid(n.DataAtom) {
		return false
	}

	switch {
	case raw:
		// The parser kept these children as literal text; escaping them
		// would change what a second parse reads.
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				w.b.WriteString(c.Data)
			}
		}
		if n.DataAtom == atom.Plaintext {
			return true // no end tag ends <plaintext>
		}
	default:
		if keep {
			w.verbatim++
			// The parser drops one newline right after these start
			// tags; write one more so that a leading newline of the
			// content survives the next parse. Comments are dropped, so
			// the content starts at the first other child.
			c := n.FirstChild
			for c != nil && c.Type == html.CommentNode {
				c = c.NextSibling
			}
			if c != nil && c.Type == html.TextNode && strings.HasPrefix(c.Data, "\n") &&
				(n.DataAtom == atom.Pre || n.DataAtom == atom.Textarea || n.DataAtom == atom.Listing) {
				w.b.WriteByte('\n')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if w.node(c) {
				return true
			}
		}
		if keep {
			w.verbatim--
		}
	}

	if block {
		w.boundary()
	} else {
		// Whitespace at the end of an element waits in pending and
		// lands after the end tag.
		w.writeHeld()
	}
	w.b.WriteString("</")
	w.b.WriteString(name)
	w.b.WriteByte('>')
	return false
}

// derivedID reports whether heading n carries the id Render derives
// from its text. Such an id says nothing the text does not, so it is
// left out: a service that drops ids, or an export that never had them,
// still matches what Render writes. Every heading goes through the
// slugger, in order, so that repeats are numbered as Render numbers them.
func (w *normalizer) derivedID(n *html.Node) bool {
	id, _ := nodeAttrOK(n, "id")
	// The text is folded as it will be written, so that a second pass
	// gives the same answer.
	return id == w.slugs.slug(foldSpace(textContent(n)))
}

// boundary drops whitespace before a block edge and after it.
func (w *normalizer) boundary() {
	w.writeHeld()
	w.pending = false
	w.blockStart = true
}

// flush writes held-back whitespace and start tags before content.
func (w *normalizer) flush() {
	if w.pending {
		w.b.WriteByte(' ')
		w.pending = false
	}
	w.writeHeld()
	w.blockStart = false
}

func (w *normalizer) writeHeld() {
	if w.held.Len() > 0 {
		w.b.WriteString(w.held.String())
		w.held.Reset()
	}
}

func writeStartTag(b *strings.Builder, name string, attrs []html.Attribute, dropID bool) {
	b.WriteByte('<')
	b.WriteString(name)
	writeAttrs(b, attrs, dropID)
	b.WriteByte('>')
}

// canonicalName writes the presentational twins of the emphasis
// elements as the ones Render emits: browsers style them alike, and
// HTML exported to Markdown comes back as <strong>, <em> and <del>.
func canonicalName(a atom.Atom, name string) string {
	switch a {
	case atom.B:
		return "strong"
	case atom.I:
		return "em"
	case atom.S, atom.Strike:
		return "del"
	}
	return name
}

// foldSpace folds runs of HTML whitespace to one space.
func foldSpace(s string) string {
	var b strings.Builder
	space := false
	for i := 0; i < len(s); i++ {
		if isHTMLSpace(s[i]) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteByte(s[i])
	}
	return b.String()
}

// textContent is the text of n's subtree.
func textContent(n *html.Node) string {
	if n.FirstChild != nil && n.FirstChild == n.LastChild && n.FirstChild.Type == html.TextNode {
		return n.FirstChild.Data
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				b.WriteString(c.Data)
			} else {
				walk(c)
			}
		}
	}
	walk(n)
	return b.String()
}

func (w *normalizer) text(s string) {
	if w.verbatim > 0 {
		w.flush()
		escapeText(&w.b, s)
		return
	}
	start := 0 // s[start:i] is a run of non-space bytes not yet written
	for i := 0; i < len(s); i++ {
		if !isHTMLSpace(s[i]) {
			continue
		}
		if start < i {
			w.flush()
			escapeText(&w.b, s[start:i])
		}
		if !w.blockStart {
			w.pending = true
		}
		start = i + 1
	}
	if start < len(s) {
		w.flush()
		escapeText(&w.b, s[start:])
	}
}

// isHTMLSpace reports HTML's ASCII whitespace; U+00A0 is not whitespace.
func isHTMLSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

// Escapes, by byte, of text and of attribute values (quoted with ").
var (
	textEscapes = [256]string{'&': "&amp;", '<': "&lt;", '>': "&gt;"}
	attrEscapes = [256]string{'&': "&amp;", '"': "&quot;"}
)

func escapeText(b *strings.Builder, s string) { escape(b, s, &textEscapes) }

func escapeAttr(b *strings.Builder, s string) { escape(b, s, &attrEscapes) }

// escape writes s with the bytes of escapes replaced, and U+00A0 written
// as &nbsp; in text and attributes alike.
func escape(b *strings.Builder, s string, escapes *[256]string) {
	last := 0
	for i := 0; i < len(s); i++ {
		esc, n := escapes[s[i]], 1
		if s[i] == 0xC2 && i+1 < len(s) && s[i+1] == 0xA0 {
			esc, n = "&nbsp;", 2
		}
		if esc == "" {
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(esc)
		i += n - 1
		last = i + 1
	}
	b.WriteString(s[last:])
}

// nodeAttrOK is n's attribute key (in no namespace), and whether n has
// it at all: a boolean attribute has the value "".
func nodeAttrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}
