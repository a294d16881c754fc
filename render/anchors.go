package render

import (
	"bytes"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Fragment is a link of a body that names a place in a page: "#setup"
// (Dest "") or "install.md#setup" (Dest "install.md", as Link received
// it). Render reports them so that the caller, who knows the tree,
// checks each against the ids of the page it lands on.
type Fragment struct {
	Dest string // "" for the body's own page
	Frag string // without the '#', %-escapes resolved
	Line int    // 1-based line within the body (the definition's, for a reference link)
}

// htmlIDRE finds the targets a writer gave raw HTML: <a name="x">,
// <div id="x">. Old docs trees mark anchors this way, and a link to one
// is not dead.
var htmlIDRE = regexp.MustCompile(`(?i)\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))`)

// appendHTMLIDs appends the id and name attribute values of raw HTML.
func appendHTMLIDs(ids []string, raw []byte) []string {
	if !bytes.Contains(raw, []byte("id")) && !bytes.Contains(raw, []byte("name")) &&
		!bytes.Contains(raw, []byte("ID")) && !bytes.Contains(raw, []byte("NAME")) {
		return ids
	}
	for _, m := range htmlIDRE.FindAllSubmatch(raw, -1) {
		for _, g := range m[1:] {
			if g != nil {
				ids = append(ids, string(g))
				break
			}
		}
	}
	return ids
}

// Anchors returns the ids a link into the body src can name: its
// headings' ids as Render gives them (derived from the text, or set
// explicitly) and the id and name attributes of its raw HTML. It parses
// without rendering.
func Anchors(src []byte) []string {
	st := &renderState{src: src}
	pc := parser.NewContext()
	pc.Set(stateKey, st)
	engineFor(Lookup("")).Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	return st.ids
}

// fragmentOf returns the fragment of dest, unescaped, and whether it has
// one.
func fragmentOf(dest string) (string, bool) {
	i := strings.IndexByte(dest, '#')
	if i < 0 {
		return "", false
	}
	f := dest[i+1:]
	// "#caf%C3%A9" names the id "café".
	if u, err := url.PathUnescape(f); err == nil {
		f = u
	}
	return f, true
}

// refDefRE finds the start of a link reference definition: up to three
// spaces, a bracketed label, a colon.
var refDefRE = regexp.MustCompile(`^ {0,3}\[((?:[^\]\\]|\\.)+)\]:`)

// definitionLine returns the line of the definition of the reference
// label, or 0. goldmark keeps no position for definitions, so the source
// is scanned for one; the first definition of a label is the one that
// counts, in CommonMark and here.
func (st *renderState) definitionLine(label []byte) int {
	if st.defs == nil {
		st.defs = map[string]int{}
		line := 0
		for rest := st.src; len(rest) > 0; {
			line++
			end := bytes.IndexByte(rest, '\n')
			l := rest
			if end >= 0 {
				l, rest = rest[:end], rest[end+1:]
			} else {
				rest = nil
			}
			if len(l) == 0 || (l[0] != '[' && l[0] != ' ') {
				continue
			}
			if m := refDefRE.FindSubmatch(l); m != nil {
				k := string(util.ToLinkReference(m[1]))
				if _, seen := st.defs[k]; !seen {
					st.defs[k] = line
				}
			}
		}
	}
	return st.defs[string(util.ToLinkReference(label))]
}

// linkLine is the line to report a link or image on: where its
// destination is written, which for a reference link is the definition.
func (st *renderState) linkLine(n ast.Node) int {
	var ref *ast.ReferenceLink
	switch n := n.(type) {
	case *ast.Link:
		ref = n.Reference
	case *ast.Image:
		ref = n.Reference
	}
	if ref != nil {
		// Value is the label for every kind of reference: [x][label],
		// and the text of [label][] and [label].
		if l := st.definitionLine(ref.Value); l > 0 {
			return l
		}
	}
	return st.line(n)
}

// footnoteRefID is the id goldmark's footnote renderer gives the
// reference to footnote index: "fnref:1", or "fnref2:1" for a second
// reference to the same note.
func footnoteRefID(refIndex, index int) string {
	if refIndex > 0 {
		return "fnref" + strconv.Itoa(refIndex) + ":" + strconv.Itoa(index)
	}
	return "fnref:" + strconv.Itoa(index)
}
