package render

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The zendesk profile stores what Help Center keeps of an article body.
// Help Center removes unsafe HTML: only the elements and attributes its
// documentation lists survive ("Allowing unsafe HTML in help center
// articles", support.zendesk.com/hc/en-us/articles/4408824584602). Both
// the fake server and the planner use SanitizeZendesk, so a body
// hcsync wrote compares equal to itself on the next plan.
func init() {
	Register(&Profile{Name: "zendesk", Sanitize: SanitizeZendesk})
}

// zendeskElements are the supported elements, each with the attributes
// it may carry besides the global ones.
var zendeskElements = map[atom.Atom][]string{
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
}

// zendeskDropped elements go with everything inside them: their content
// is code or form state, not text a reader should see.
var zendeskDropped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Object: true, atom.Embed: true,
	atom.Applet: true, atom.Form: true, atom.Input: true, atom.Button: true,
	atom.Select: true, atom.Textarea: true, atom.Noscript: true, atom.Template: true,
	atom.Svg: true, atom.Math: true, atom.Link: true, atom.Meta: true,
	atom.Base: true, atom.Head: true, atom.Title: true, atom.Frame: true,
	atom.Frameset: true, atom.Canvas: true,
}

// zendeskProtocols are the URL schemes links may use; src attributes
// take only the web ones.
var zendeskProtocols = map[string]bool{
	"http": true, "https": true, "mailto": true, "ftp": true, "sftp": true, "sms": true, "tel": true,
}

// zendeskStyles are the inline style properties kept (the documentation's
// "allowed inline styles": colours, alignment and sizes).
var zendeskStyles = map[string]bool{
	"color": true, "background-color": true, "text-align": true, "vertical-align": true,
	"width": true, "height": true, "text-decoration": true, "font-weight": true, "font-style": true,
	"border": true, "border-collapse": true, "margin-left": true, "padding-left": true,
}

// SanitizeZendesk returns html as Help Center stores it: unsupported
// elements are unwrapped (their text stays), script-like ones removed
// with their content, attributes outside the allowed lists dropped, links
// with other protocols (javascript:) lose their href, comments go. The
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
	case html.TextNode:
		return []*html.Node{n}
	case html.ElementNode:
	default:
		return nil // comments, doctypes
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
	n.Attr = sanitizeAttrs(n.DataAtom, n.Attr, allowed)
	return []*html.Node{n}
}

func sanitizeAttrs(el atom.Atom, attrs []html.Attribute, allowed []string) []html.Attribute {
	out := attrs[:0]
	for _, a := range attrs {
		key := strings.ToLower(a.Key)
		switch {
		case a.Namespace != "":
			continue
		case key == "style":
			if v := sanitizeStyle(a.Val); v != "" {
				a.Val = v
				out = append(out, a)
			}
			continue
		case key == "id" || key == "class" || key == "title" ||
			strings.HasPrefix(key, "aria-") || strings.HasPrefix(key, "data-"):
		case contains(allowed, key):
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

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
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

// sanitizeStyle keeps the allowed declarations of a style attribute, as
// written, joined by ";".
func sanitizeStyle(v string) string {
	var kept []string
	for _, decl := range strings.Split(v, ";") {
		prop, val, ok := strings.Cut(decl, ":")
		if !ok {
			continue
		}
		prop = strings.ToLower(strings.TrimSpace(prop))
		lv := strings.ToLower(val)
		if !zendeskStyles[prop] || strings.Contains(lv, "url(") || strings.Contains(lv, "expression(") {
			continue
		}
		kept = append(kept, strings.TrimSpace(decl))
	}
	return strings.Join(kept, ";")
}
