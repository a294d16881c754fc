package render

import (
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The zendesk profile stores what Help Center keeps of an article body.
// Two sources say what that is, and each rule below names its own:
//
//   - (doc) "Allowing unsafe HTML in help center articles"
//     (support.zendesk.com/hc/en-us/articles/4408824584602) lists the
//     safe elements, their attributes and the global ones, and the API
//     reference says "unsafe tags and attributes may be removed"
//     (zendesk-articles.txt, body);
//   - (real) 1,039 bodies the API returned for help.memsource.com
//     (testdata/zendesk-real/SOURCES.md): whatever they hold, Zendesk
//     stored, safe list or not.
//
// What both leave open (an element neither lists nor shows) counts as
// removed: both sides of a comparison go through SanitizeZendesk, so a
// removal that does not happen costs only a change a plan cannot see,
// while a removal the model misses would make a plan that never
// converges.
func init() {
	// (doc, real) role is neither a listed attribute nor one stored
	// bodies hold: footnotes go without their ARIA roles.
	Register(&Profile{Name: "zendesk", Sanitize: SanitizeZendesk, footnotes: footnotesNoARIA})
}

// zendeskElements are the elements kept, each with the attributes it
// may carry besides zendeskGlobalAttrs.
var zendeskElements = map[atom.Atom][]string{
	// (doc) the supported elements and their attributes.
	atom.A:          {"href", "target", "name", "rel"},
	atom.Abbr:       nil,
	atom.Address:    nil,
	atom.Blockquote: {"cite"},
	atom.Br:         nil,
	atom.Caption:    nil,
	atom.Cite:       nil,
	atom.Code:       nil,
	atom.Col:        {"span", "width"},
	atom.Colgroup:   {"span", "width"},
	atom.Dd:         nil,
	atom.Del:        {"cite", "datetime"},
	atom.Dfn:        nil,
	atom.Div:        nil,
	atom.Dl:         nil,
	atom.Dt:         nil,
	atom.Em:         nil,
	atom.Figcaption: nil,
	atom.Figure:     nil,
	atom.H1:         nil,
	atom.H2:         nil,
	atom.H3:         nil,
	atom.H4:         nil,
	atom.H5:         nil,
	atom.H6:         nil,
	atom.Hr:         nil,
	atom.Iframe:     {"src", "width", "height", "allowfullscreen", "frameborder"},
	atom.Img:        {"src", "alt", "width", "height"},
	atom.Ins:        {"cite", "datetime"},
	atom.Kbd:        nil,
	atom.Li:         {"value"},
	atom.Ol:         {"start", "reversed", "type"},
	atom.P:          nil,
	atom.Pre:        nil,
	atom.Samp:       nil,
	atom.Small:      nil,
	atom.Source:     {"src", "type"},
	atom.Span:       nil,
	atom.Strong:     nil,
	atom.Sub:        nil,
	atom.Sup:        nil,
	atom.Table:      {"border", "cellpadding", "cellspacing"},
	atom.Tbody:      nil,
	atom.Td:         {"colspan", "rowspan", "align", "valign"},
	atom.Tfoot:      nil,
	atom.Th:         {"colspan", "rowspan", "align", "valign", "scope"},
	atom.Thead:      nil,
	atom.Tr:         nil,
	atom.Track:      {"src", "kind", "srclang", "label", "default"},
	atom.Ul:         nil,
	atom.Var:        nil,
	atom.Video:      {"src", "width", "height", "controls", "poster", "loop", "muted", "autoplay"},
	// (real) elements outside the list that stored bodies hold.
	atom.Article: nil,
	atom.Center:  nil,
	atom.Font:    {"color", "face", "size"},
	atom.Header:  nil,
	atom.Label:   {"for"},
	atom.Nav:     nil,
	atom.Section: nil,
	atom.Tt:      nil,
	atom.U:       nil,
}

// zendeskGlobalAttrs are kept on every kept element: (doc) id, class,
// title, aria-* and data-* (matched by prefix in sanitizeAttrs), and
// (real) the attributes stored bodies carry outside the lists: dir,
// lang and xml:lang on paragraphs and spans pasted from word
// processors, presentational table and image attributes, for, type.
var zendeskGlobalAttrs = map[string]bool{
	"id": true, "class": true, "title": true,
	"dir": true, "lang": true, "xml:lang": true, "xml:id": true, "translate": true,
	"align": true, "valign": true, "width": true, "height": true, "border": true,
	"cellpadding": true, "cellspacing": true, "summary": true, "scope": true,
	"color": true, "type": true, "sizes": true, "srcset": true,
}

// zendeskDropped elements go with everything inside them: (doc) none is
// on the safe list, (real) no stored body holds one, and their content
// is code or form state, not text a reader should see. Counted as
// removed, as the rule at the top of this file says.
var zendeskDropped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Object: true, atom.Embed: true,
	atom.Applet: true, atom.Form: true, atom.Input: true, atom.Button: true,
	atom.Select: true, atom.Textarea: true, atom.Noscript: true, atom.Template: true,
	atom.Svg: true, atom.Math: true, atom.Link: true, atom.Meta: true,
	atom.Base: true, atom.Head: true, atom.Title: true, atom.Frame: true,
	atom.Frameset: true, atom.Canvas: true,
}

// zendeskProtocols are the URL schemes links may use, (doc) "Allowed
// protocols for href"; src attributes take only the web ones. (real)
// Stored links use http, https and mailto only.
var zendeskProtocols = map[string]bool{
	"http": true, "https": true, "mailto": true, "ftp": true, "sftp": true, "sms": true, "tel": true,
}

// SanitizeZendesk returns html as Help Center stores it: unsupported
// elements are unwrapped (their text stays), script-like ones removed
// with their content, attributes outside the kept lists dropped, links
// with other protocols (javascript:) lose their href, style declarations
// that load or run something (url(), expression()) go. Comments stay:
// (real) stored bodies hold them, and Normalize ignores them anyway. The
// result is serialised by golang.org/x/net/html, so it is canonical and
// SanitizeZendesk(SanitizeZendesk(x)) == SanitizeZendesk(x).
func SanitizeZendesk(s string) string {
	ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(strings.NewReader(s), ctx)
	if err != nil {
		return s // ParseFragment fails only on reader errors
	}
	var b strings.Builder
	for _, n := range nodes {
		for _, c := range sanitizeNode(n) {
			_ = html.Render(&b, c)
		}
	}
	return b.String()
}

// sanitizeNode returns what n becomes: itself cleaned, its cleaned
// children (unwrapped), or nothing.
func sanitizeNode(n *html.Node) []*html.Node {
	switch n.Type {
	case html.TextNode, html.CommentNode:
		return []*html.Node{n}
	case html.ElementNode:
	default:
		return nil // doctypes
	}
	if zendeskDropped[n.DataAtom] {
		return nil
	}
	var kids []*html.Node
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		n.RemoveChild(c)
		kids = append(kids, sanitizeNode(c)...)
		c = next
	}
	allowed, ok := zendeskElements[n.DataAtom]
	if !ok || n.Namespace != "" {
		return kids
	}
	for _, k := range kids {
		n.AppendChild(k)
	}
	n.Attr = sanitizeAttrs(n.Attr, allowed)
	return []*html.Node{n}
}

func sanitizeAttrs(attrs []html.Attribute, allowed []string) []html.Attribute {
	out := attrs[:0]
	for _, a := range attrs {
		key := strings.ToLower(a.Key)
		switch {
		case a.Namespace != "":
			continue
		case key == "style":
			// (real) stored bodies keep every declaration they were
			// sent, the documented "allowed inline styles" or not:
			// display, list-style-type, font-family, even "widtd".
			if v := sanitizeStyle(a.Val); v != "" {
				a.Val = v
				out = append(out, a)
			}
			continue
		case zendeskGlobalAttrs[key] || strings.HasPrefix(key, "aria-") || strings.HasPrefix(key, "data-"):
		case slices.Contains(allowed, key):
		default:
			continue
		}
		if (key == "href" || key == "src" || key == "poster" || key == "cite") && !safeURL(a.Val, key == "href") {
			continue
		}
		out = append(out, a)
	}
	return out
}

// safeURL accepts relative URLs and the allowed schemes; links may use
// every allowed scheme, media only http and https.
func safeURL(v string, link bool) bool {
	v = strings.TrimSpace(v)
	i := strings.IndexAny(v, ":/?#")
	if i < 0 || v[i] != ':' {
		return true // relative
	}
	scheme := strings.ToLower(v[:i])
	if !link {
		return scheme == "http" || scheme == "https"
	}
	return zendeskProtocols[scheme]
}

// sanitizeStyle drops the declarations of a style attribute that fetch
// or run something, and keeps the rest as written, joined by ";".
func sanitizeStyle(v string) string {
	var kept []string
	for _, decl := range strings.Split(v, ";") {
		if _, _, ok := strings.Cut(decl, ":"); !ok {
			continue
		}
		lv := strings.ToLower(decl)
		if strings.Contains(lv, "url(") || strings.Contains(lv, "expression(") || strings.Contains(lv, "javascript:") {
			continue
		}
		kept = append(kept, strings.TrimSpace(decl))
	}
	return strings.Join(kept, ";")
}
