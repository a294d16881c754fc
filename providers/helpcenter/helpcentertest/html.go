package helpcentertest

import (
	"bytes"
	"io"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// sanitize is the fake's model of Help.Center's HTML cleaning, its own
// and not hcsync's. The reference says only "HTML content is
// automatically sanitized for security" on create, on every draft update
// and before publishing (helpcenter-articles.txt, "Creating Articles"
// and "Translations: Important Notes"), and "Sanitize content - Although
// the API sanitizes HTML, validate user input on your end too" (best
// practices). The fake removes what sanitising "for security" must
// remove: elements that run code or plug-ins in the reader's page or
// change how the page loads (with their content), event handler
// attributes and script URLs. Undocumented: whether video embeds
// (iframe), forms and style survive; the reference names no such
// removal, so the fake keeps them, as it keeps the rest byte for byte,
// comments included: the reference describes no other rewriting.
func sanitize(body string) string {
	var out bytes.Buffer
	z := html.NewTokenizer(strings.NewReader(body))
	var skip atom.Atom // inside a removed element: its name
	depth := 0         // nesting of skip inside itself
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() == io.EOF {
				return out.String()
			}
			return body // a strings.Reader does not fail
		}
		raw := append([]byte(nil), z.Raw()...)
		if tt != html.StartTagToken && tt != html.EndTagToken && tt != html.SelfClosingTagToken {
			if skip == 0 {
				out.Write(raw)
			}
			continue
		}
		tok := z.Token()
		if skip != 0 {
			switch {
			case tok.DataAtom != skip:
			case tt == html.StartTagToken:
				depth++
			case tt == html.EndTagToken:
				depth--
				if depth == 0 {
					skip = 0
				}
			}
			continue
		}
		if removed[tok.DataAtom] {
			if tt == html.StartTagToken && !void[tok.DataAtom] {
				skip, depth = tok.DataAtom, 1
			}
			continue
		}
		kept := tok.Attr[:0]
		for _, a := range tok.Attr {
			if !unsafeAttr(a) {
				kept = append(kept, a)
			}
		}
		if len(kept) == len(tok.Attr) {
			out.Write(raw)
			continue
		}
		tok.Attr = kept
		out.WriteString(tok.String())
	}
}

// removed are the elements that run code or plug-ins, or redirect,
// restyle or rebase the page.
var removed = map[atom.Atom]bool{
	atom.Script: true, atom.Object: true, atom.Embed: true, atom.Applet: true,
	atom.Base: true, atom.Link: true, atom.Meta: true,
}

// void elements have no end tag to wait for.
var void = map[atom.Atom]bool{
	atom.Embed: true, atom.Base: true, atom.Link: true, atom.Meta: true,
}

// unsafeAttr reports an event handler or a URL attribute that runs script.
func unsafeAttr(a html.Attribute) bool {
	key := strings.ToLower(a.Key)
	if strings.HasPrefix(key, "on") {
		return true
	}
	switch key {
	case "href", "src", "action", "formaction", "xlink:href", "srcset":
		v := strings.ToLower(strings.Join(strings.Fields(a.Val), ""))
		return strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "vbscript:")
	}
	return false
}

// StoredBody returns body as the fake stores it when a client sends it:
// for tests that check hcsync's model of Help.Center against this
// witness.
func StoredBody(body string) string { return sanitize(body) }
