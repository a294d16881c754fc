package render

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Task lists and footnotes are written as goldmark writes them where the
// service keeps that markup, and otherwise in a form that survives its
// cleaning and still reads the same:
//
//   - every help center drops <input>, which would leave a task list's
//     items with no state: a checked box is written "☑", an open one
//     "☐";
//   - Intercom drops ids (and <sup>), which would leave footnote marks
//     and back links pointing at nothing: a mark is written "[1]", and
//     the back links are left out; the notes stay a numbered list at
//     the end.
//
// What a service keeps is asked of the profile's Sanitize, so a profile
// needs no flag of its own for it.

// kept is what a profile's service keeps of the markup above.
type kept struct {
	checkbox bool // <input type="checkbox">
	ids      bool // id attributes, which in-page links need
}

// keptBy probes p's Sanitize with the markup goldmark writes.
func keptBy(p *Profile) kept {
	if p.Sanitize == nil {
		return kept{checkbox: true, ids: true}
	}
	return kept{
		checkbox: strings.Contains(p.Sanitize(`<ul><li><input checked="" disabled="" type="checkbox"> a</li></ul>`), "<input"),
		ids:      strings.Contains(p.Sanitize(`<p id="fn:1">a</p>`), `id="fn:1"`),
	}
}

// survivingRenderer writes task checkboxes and footnote links in the
// forms above for a service that would drop them.
type survivingRenderer struct{ kept kept }

// RegisterFuncs implements renderer.NodeRenderer.
func (r survivingRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	if !r.kept.checkbox {
		reg.Register(east.KindTaskCheckBox, renderCheckGlyph)
	}
	if !r.kept.ids {
		reg.Register(east.KindFootnoteLink, renderFootnoteMark)
		reg.Register(east.KindFootnoteBacklink, renderNothing)
	}
}

func renderCheckGlyph(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		if n.(*east.TaskCheckBox).IsChecked {
			_, _ = w.WriteString("☑ ")
		} else {
			_, _ = w.WriteString("☐ ")
		}
	}
	return ast.WalkContinue, nil
}

func renderFootnoteMark(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString("[" + strconv.Itoa(n.(*east.FootnoteLink).Index) + "]")
	}
	return ast.WalkContinue, nil
}

func renderNothing(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
	return ast.WalkSkipChildren, nil
}
