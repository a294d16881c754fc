package planner

import (
	"fmt"
	"path"
	"sort"
	"strings"

	xhtml "golang.org/x/net/html"

	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/render"
)

// bodyDiff says how stored, the help center's body, differs from want,
// the body the file renders to: a diff of the Markdown a writer would
// write for each (render.Readable), or, where the two read the same,
// a note saying what differs in the markup and, unless that is only
// attributes, a diff of the normalised HTML. Both sides are compared as
// the service would store them: want through the profile's sanitiser,
// links by one form of their target's URL (relink).
func (pl *planner) bodyDiff(file, stored, want string) (diff, note string) {
	want = pl.readablePlaceholders(file, want)
	if p := pl.profile; p != nil && p.Sanitize != nil {
		want = p.Sanitize(want)
	}
	stored, want = pl.links.relink(stored), pl.links.relink(want)
	if a, b := render.Readable(stored), render.Readable(want); a != b {
		return lineDiff(a, b), ""
	}
	a, b := render.Normalize(stored), render.Normalize(want)
	if n, ok := attributesOnly(a, b); ok {
		return "", n
	}
	return lineDiff(tagLines(a), tagLines(b)), "markup only: the Markdown reads the same"
}

// readablePlaceholders writes the placeholders in the body of file as
// the files they stand for, relative to file, as a writer links them:
// the URL of an article or image the apply creates is not known yet.
func (pl *planner) readablePlaceholders(file, body string) string {
	if !plan.HasPlaceholder(body) {
		return body
	}
	r := pl.refs[file]
	urlOf := func(kind, key string) (string, bool) {
		target := ""
		switch {
		case kind == "link" && r != nil:
			target = r.links[key]
		case kind == "image":
			target = pl.imageWithHash(key)
		}
		rel, err := content.RelSlash(path.Dir(file), target)
		return rel, target != "" && err == nil
	}
	var b strings.Builder
	plan.EachPlaceholder(body, urlOf, func(s string) { b.WriteString(s) }, func(string) {})
	return b.String()
}

// imageWithHash is the first image file, by path, whose bytes have the
// short hash: the one an upload placeholder stands for.
func (pl *planner) imageWithHash(short string) string {
	imgs := pl.links.images
	imgs.mu.RLock()
	defer imgs.mu.RUnlock()
	found := ""
	for p, info := range imgs.m {
		if info.err == nil && strings.HasPrefix(info.hash, short) && (found == "" || p < found) {
			found = p
		}
	}
	return found
}

// attributesOnly compares two normalised bodies token by token: when
// they hold the same elements and text and differ only in attributes, it
// says which attributes, on how many elements.
func attributesOnly(a, b string) (string, bool) {
	ta, tb := tokens(a), tokens(b)
	if len(ta) != len(tb) {
		return "", false
	}
	names := map[string]bool{}
	elements := 0
	for i := range ta {
		x, y := ta[i], tb[i]
		if x.Type != y.Type || x.Data != y.Data {
			return "", false
		}
		if x.Type != xhtml.StartTagToken && x.Type != xhtml.SelfClosingTagToken {
			continue
		}
		if d := attrDiff(x.Attr, y.Attr); len(d) > 0 {
			elements++
			for _, n := range d {
				names[n] = true
			}
		}
	}
	if elements == 0 {
		return "", false
	}
	list := make([]string, 0, len(names))
	for n := range names {
		list = append(list, n)
	}
	sort.Strings(list)
	return fmt.Sprintf("attributes only: %s on %d %s", strings.Join(list, ", "), elements, plan.Plural(elements, "element", "elements")), true
}

func tokens(s string) []xhtml.Token {
	var out []xhtml.Token
	z := xhtml.NewTokenizer(strings.NewReader(s))
	for {
		if z.Next() == xhtml.ErrorToken {
			return out
		}
		out = append(out, z.Token())
	}
}

// attrDiff names the attributes one element has with another value, or
// only on one side.
func attrDiff(a, b []xhtml.Attribute) []string {
	va := make(map[string]string, len(a))
	for _, x := range a {
		va[x.Key] = x.Val
	}
	var out []string
	seen := make(map[string]bool, len(b))
	for _, y := range b {
		seen[y.Key] = true
		if v, ok := va[y.Key]; !ok || v != y.Val {
			out = append(out, y.Key)
		}
	}
	for _, x := range a {
		if !seen[x.Key] {
			out = append(out, x.Key)
		}
	}
	return out
}

// tagLines writes a normalised body one tag or run of text a line, so
// a diff of markup shows the elements that differ.
func tagLines(s string) string {
	var b strings.Builder
	for _, t := range tokens(s) {
		if line := strings.TrimSpace(t.String()); line != "" {
			b.WriteString(line)
			b.WriteByte('\n')
		}
	}
	return b.String()
}
