package render

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark/ast"
)

// Hugo shortcodes ({{< name >}}, {{% name %}}) are expanded by the site
// generator; a help center would show them as text. Each opening one
// outside code is a problem on its line: hcsync cannot know what the
// site's template makes of it. Closing ones ({{< /name >}}) and escaped
// ones ({{</* name */>}}, which Hugo shows literally) are not reported.

// checkShortcodes reports the shortcodes that start in text node n.
// The text of one may span several nodes ("{{" then raw HTML for
// "{{<youtube x>}}"), so it reads the source from the node's start.
func (st *renderState) checkShortcodes(n *ast.Text) {
	if n.IsRaw() { // the text of a code span
		return
	}
	seg := n.Segment
	for i := seg.Start; i < seg.Stop; {
		j := bytes.Index(st.src[i:seg.Stop], []byte("{{"))
		if j < 0 {
			return
		}
		at := i + j
		if name, ok := shortcodeName(st.src[at+2:]); ok {
			st.problems = append(st.problems, Problem{
				Line: st.lineOf(at),
				Msg:  shortcodeMsg(name),
			})
		}
		i = at + 2
	}
}

// shortcodeAt reports a shortcode that makes up a link destination
// ("[alias]: <{{% eturl alias %}}>"), on line(), and whether there is
// one.
func (st *renderState) shortcodeAt(dest []byte, line func() int) bool {
	i := bytes.Index(dest, []byte("{{"))
	if i < 0 {
		return false
	}
	name, ok := shortcodeName(dest[i+2:])
	if ok {
		st.problems = append(st.problems, Problem{
			Line: line(),
			Msg:  shortcodeMsg(name),
		})
	}
	return ok
}

func shortcodeMsg(name string) string {
	return fmt.Sprintf("Hugo shortcode %q is not supported: replace it with Markdown or HTML", name)
}

// shortcodeName reads the name of an opening shortcode from rest, the
// text after "{{".
func shortcodeName(rest []byte) (string, bool) {
	if len(rest) == 0 || (rest[0] != '<' && rest[0] != '%') {
		return "", false
	}
	rest = bytes.TrimLeft(rest[1:], " \t")
	if len(rest) == 0 || rest[0] == '/' {
		return "", false // a closing or escaped shortcode
	}
	end := bytes.IndexAny(rest, " \t\r\n>%}")
	if end <= 0 {
		return "", false
	}
	return string(rest[:end]), true
}
