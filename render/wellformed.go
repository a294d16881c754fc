package render

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The HTML parser repairs broken markup into trees that no serialisation
// reproduces: written out and parsed again, they are repaired once more,
// differently. Normalize then needs a second pass to reach its fixed
// point. Well-formed HTML, which is what goldmark and help centers write,
// does not; ancestry recognises it while the tree is written, so that
// most bodies cost one parse.
//
// The test is conservative: anything it does not know to be safe counts
// as repaired, and costs a second pass, never a wrong answer.

// ancestry records the open elements above a node that make the parser
// close or move what comes next.
type ancestry struct {
	p       bool // a start tag that closes <p> would end it
	heading bool
	li      bool // since the nearest list
	dtdd    bool // since the nearest <dl>
	a       bool
	button  bool
	nobr    bool
}

// enter reports whether element n may be a repair, and returns the
// ancestry of n's children.
func (anc ancestry) enter(n *html.Node) (ancestry, bool) {
	if n.Namespace != "" || oddElement(n.DataAtom) {
		return anc, true
	}
	a := n.DataAtom
	if inTableBody(n.Parent) && !tablePart(a) {
		return anc, true // would be foster-parented out of the table
	}
	switch {
	case closesP(a) && anc.p,
		a == atom.A && anc.a,
		a == atom.Button && anc.button,
		a == atom.Nobr && anc.nobr,
		a == atom.Li && anc.li,
		(a == atom.Dd || a == atom.Dt) && anc.dtdd,
		isHeading(a) && anc.heading:
		return anc, true
	}
	if tablePart(a) && !tableParentOK(a, n.Parent) {
		return anc, true
	}
	switch a {
	case atom.P:
		anc.p = true
	case atom.A:
		anc.a = true
	case atom.Button:
		anc.button, anc.p = true, false // a scope boundary for <p>
	case atom.Nobr:
		anc.nobr = true
	case atom.Li:
		anc.li = true
	case atom.Ul, atom.Ol:
		anc.li = false
	case atom.Dd, atom.Dt:
		anc.dtdd = true
	case atom.Dl:
		anc.dtdd = false
	case atom.Table, atom.Td, atom.Th, atom.Caption:
		anc.p = false // scope boundaries for <p>
	}
	if isHeading(a) {
		anc.heading = true
	}
	return anc, false
}

// textRepaired reports text the parser would move out of a table.
func textRepaired(n *html.Node) bool {
	return inTableBody(n.Parent) && strings.Trim(n.Data, " \t\n\r\f") != ""
}

// oddElement reports elements whose parsing depends on more than their
// ancestors (the form pointer, select and ruby rules, document-level
// tags, script text that can hide its own end tag). Help-center HTML
// has next to none of them, so they simply always get the second pass.
func oddElement(a atom.Atom) bool {
	switch a {
	case atom.Form, atom.Select, atom.Option, atom.Optgroup, atom.Datalist,
		atom.Html, atom.Head, atom.Body, atom.Frameset, atom.Frame,
		atom.Title, atom.Base, atom.Link, atom.Meta, atom.Template,
		atom.Plaintext, atom.Image, atom.Isindex, atom.Object, atom.Applet,
		atom.Marquee, atom.Noscript, atom.Noembed, atom.Noframes, atom.Xmp,
		atom.Textarea, atom.Listing, atom.Keygen, atom.Ruby, atom.Rb,
		atom.Rt, atom.Rtc, atom.Rp, atom.Math, atom.Svg, atom.Menuitem,
		atom.Script:
		return true
	}
	return false
}

// closesP reports start tags that end an open <p> (WHATWG HTML, "in
// body" insertion mode).
func closesP(a atom.Atom) bool {
	switch a {
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote,
		atom.Center, atom.Details, atom.Dialog, atom.Dir, atom.Div, atom.Dl,
		atom.Fieldset, atom.Figcaption, atom.Figure, atom.Footer,
		atom.Header, atom.Hgroup, atom.Main, atom.Menu, atom.Nav, atom.Ol,
		atom.P, atom.Search, atom.Section, atom.Summary, atom.Ul, atom.H1,
		atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Pre, atom.Listing,
		atom.Form, atom.Li, atom.Dd, atom.Dt, atom.Plaintext, atom.Table,
		atom.Hr, atom.Xmp:
		return true
	}
	return false
}

func isHeading(a atom.Atom) bool {
	switch a {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

// tablePart reports the elements that structure a table.
func tablePart(a atom.Atom) bool {
	switch a {
	case atom.Tbody, atom.Thead, atom.Tfoot, atom.Tr, atom.Td, atom.Th,
		atom.Caption, atom.Colgroup, atom.Col:
		return true
	}
	return false
}

// tableParentOK reports whether a table part sits where the parser
// itself would put it.
func tableParentOK(a atom.Atom, parent *html.Node) bool {
	if parent == nil || parent.Namespace != "" {
		return false
	}
	p := parent.DataAtom
	switch a {
	case atom.Tbody, atom.Thead, atom.Tfoot, atom.Caption, atom.Colgroup:
		return p == atom.Table
	case atom.Tr:
		return p == atom.Tbody || p == atom.Thead || p == atom.Tfoot
	case atom.Td, atom.Th:
		return p == atom.Tr
	case atom.Col:
		return p == atom.Colgroup
	}
	return false
}

// inTableBody reports containers whose only content is table parts.
func inTableBody(n *html.Node) bool {
	if n == nil || n.Namespace != "" {
		return false
	}
	switch n.DataAtom {
	case atom.Table, atom.Tbody, atom.Thead, atom.Tfoot, atom.Tr, atom.Colgroup:
		return true
	}
	return false
}
