package sync

import (
	"fmt"
	"io"
	"strings"
)

// MaxMarkdownBytes keeps a plan comment under GitHub's 65,536-character
// limit for issue and pull-request comments, with room for a header the
// Action adds.
const MaxMarkdownBytes = 60000

// WriteMarkdown prints the plan as a pull-request comment: warnings on
// top, counts per action, a table of changed articles with links, and
// the details of each change folded. Past MaxMarkdownBytes the details
// are cut with a note.
func WriteMarkdown(w io.Writer, p *Plan) error {
	var b strings.Builder
	b.WriteString("### hcsync plan")
	if p.Provider != "" {
		fmt.Fprintf(&b, " (%s)", p.Provider)
	}
	b.WriteString("\n\n")
	for _, wn := range p.Warnings {
		fmt.Fprintf(&b, "> [!WARNING]\n> `%s`: %s\n\n", wn.File, mdEscape(wn.Msg))
	}
	if p.Empty() {
		b.WriteString("**No changes.** The help center matches the tree.\n")
	} else {
		fmt.Fprintf(&b, "**%d change(s):** %s.\n\n", len(p.Changes), summary(p))
		b.WriteString("| action | file | locale | article |\n|---|---|---|---|\n")
		head := b.String()
		var rows, details strings.Builder
		for _, c := range p.Changes {
			article := mdEscape(c.Title)
			if c.URL != "" {
				article = fmt.Sprintf("[%s](%s)", article, c.URL)
			}
			fmt.Fprintf(&rows, "| `%s` | `%s` | %s | %s |\n", c.Action, subject(c), c.Locale, article)
			if len(c.Fields) > 0 || c.BodyDiff != "" {
				fmt.Fprintf(&details, "<details><summary><code>%s</code> %s</summary>\n\n", c.Action, htmlEscape(subject(c)))
				for _, f := range c.Fields {
					if f.Field == "body" {
						continue
					}
					fmt.Fprintf(&details, "- **%s**: %s → %s\n", f.Field, mdCode(f.Old), mdCode(f.New))
				}
				if c.BodyDiff != "" {
					fmt.Fprintf(&details, "\n```diff\n%s```\n", strings.ReplaceAll(c.BodyDiff, "```", "ˋˋˋ"))
				}
				details.WriteString("\n</details>\n")
			}
		}
		b.Reset()
		b.WriteString(head)
		budget := MaxMarkdownBytes - len(head) - 400
		if rows.Len() > budget {
			cut := truncateLines(rows.String(), budget)
			b.WriteString(cut)
			fmt.Fprintf(&b, "\n_The table is cut to fit a comment: run `hcsync plan` for all %d changes._\n", len(p.Changes))
		} else {
			b.WriteString(rows.String())
			budget -= rows.Len()
			if details.Len() > 0 {
				b.WriteString("\n#### Details\n\n")
				if details.Len() > budget {
					b.WriteString(truncateLines(details.String(), budget))
					b.WriteString("\n</details>\n\n_Details are cut to fit a comment: run `hcsync plan` to see them all._\n")
				} else {
					b.WriteString(details.String())
				}
			}
		}
	}
	if n := len(p.Unmanaged); n > 0 {
		fmt.Fprintf(&b, "\n%d remote article(s) are not managed by any file and are left alone.\n", n)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// truncateLines cuts s at the last line end within max bytes.
func truncateLines(s string, max int) string {
	if len(s) <= max {
		return s
	}
	if max < 0 {
		max = 0
	}
	s = s[:max]
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		s = s[:i+1]
	}
	return s
}

func mdEscape(s string) string {
	r := strings.NewReplacer("|", `\|`, "\n", " ", "<", "&lt;", ">", "&gt;")
	return r.Replace(s)
}

func mdCode(s string) string {
	if s == "" {
		return "_(empty)_"
	}
	s = strings.ReplaceAll(s, "\n", " ")
	if strings.Contains(s, "`") {
		return "`` " + s + " ``"
	}
	return "`" + s + "`"
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}
