package plan

import (
	"fmt"
	"io"
	"strings"
)

// MaxMarkdownBytes keeps a plan comment under GitHub's 65,536-character
// limit for issue and pull-request comments, with room for the marker
// and footer the Action adds. Bytes are counted, which is never less
// than GitHub's count of characters.
const MaxMarkdownBytes = 60000

// maxWarnings is how many warnings the comment lists before it says how
// many more there are: a reviewer reads the first few, not the hundredth.
// maxUnmanagedTranslations does the same for remote translations no file
// holds.
const (
	maxWarnings              = 20
	maxUnmanagedTranslations = 20
)

// WriteMarkdown prints the plan as a pull-request comment that reads in
// ten seconds: a headline with the counts per action, warnings on top, a
// table of the changes with links to the remote articles, then the
// details of each change (fields, body diff) folded in <details>.
//
// The comment never exceeds MaxMarkdownBytes: details that do not fit are
// left out whole (never cut inside a block, so no fence or <details> is
// left open), then rows of the table, each time with a note that says
// how many are missing and how to see them.
func WriteMarkdown(w io.Writer, p *Plan) error {
	var head strings.Builder
	head.WriteString("### hcsync plan")
	if p.Provider != "" {
		fmt.Fprintf(&head, " · `%s`", p.Provider)
	}
	head.WriteString("\n\n")
	if p.Empty() {
		fmt.Fprintf(&head, "**No changes.** The help center matches %s.\n", p.matched())
	} else {
		count, what := totals(p)
		fmt.Fprintf(&head, "**Plan: %s** (%s).\n", count, what)
	}
	writeRemovals(&head, p.Changes)
	writeWarnings(&head, p.Warnings)
	writeStaleMarkdown(&head, p.Stale)

	var tail strings.Builder
	writeUnmanaged(&tail, p.Unmanaged)
	writeUnmanagedTranslations(&tail, p.UnmanagedTranslations)
	if p.Scope != nil {
		fmt.Fprintf(&tail, "\n%s\n", p.Scope.Note())
	}

	var rows, blocks []string
	fills := findLinkFills(p)
	for _, c := range p.Changes {
		if fills.is[c] {
			continue // a note on its create
		}
		rows = append(rows, tableRow(c, fills.of[c]))
		if d := detailsBlock(c, fills.of[c]); d != "" {
			blocks = append(blocks, d)
		}
	}

	// What must fit: head, table header, tail, and room for the notes.
	const tableHead = "\n| change | article | file | locale |\n|---|---|---|---|\n"
	const noteRoom = 300
	budget := MaxMarkdownBytes - head.Len() - tail.Len() - noteRoom
	var out strings.Builder
	out.WriteString(head.String())
	if len(rows) > 0 {
		budget -= len(tableHead)
		out.WriteString(tableHead)
		shown := fit(rows, budget)
		for _, r := range rows[:shown] {
			out.WriteString(r)
			budget -= len(r)
		}
		if shown < len(rows) {
			fmt.Fprintf(&out, "\n_%d more %s not shown to fit a comment: run `hcsync plan` to see every change._\n", len(rows)-shown, Plural(len(rows)-shown, "change is", "changes are"))
			blocks = nil
		}
	}
	if len(blocks) > 0 {
		const detailsHead = "\n#### Details\n\n"
		budget -= len(detailsHead)
		shown := fit(blocks, budget)
		if shown > 0 {
			out.WriteString(detailsHead)
		}
		for _, b := range blocks[:shown] {
			out.WriteString(b)
		}
		if shown < len(blocks) {
			fmt.Fprintf(&out, "\n_The details of %d more %s are left out to fit a comment: run `hcsync plan` to see them._\n", len(blocks)-shown, Plural(len(blocks)-shown, "change", "changes"))
		}
	}
	out.WriteString(tail.String())
	_, err := io.WriteString(w, out.String())
	return err
}

// writeRemovals calls out, above everything else, what the apply would
// take off the help center (archive, delete-translation): the one kind of
// change a reviewer must never miss in a long table. At most maxWarnings
// are listed.
func writeRemovals(b *strings.Builder, cs []*Change) {
	var gone []*Change
	for _, c := range cs {
		if c.Action == ActionArchive || c.Action == ActionDeleteTranslation {
			gone = append(gone, c)
		}
	}
	if len(gone) == 0 {
		return
	}
	fmt.Fprintf(b, "\n> [!CAUTION]\n> **%d %s off the help center**, because %s deleted in git:\n", len(gone),
		Plural(len(gone), "change takes content", "changes take content"), Plural(len(gone), "its file was", "their files were"))
	for i, c := range gone {
		if i == maxWarnings {
			fmt.Fprintf(b, "> - … and %d more: see the table\n", len(gone)-maxWarnings)
			break
		}
		what := mdEscape(c.Title)
		if what == "" {
			what = "article"
		}
		if c.URL != "" {
			what = fmt.Sprintf("[%s](%s)", what, c.URL)
		}
		if c.ArticleID != "" {
			what += " #" + c.ArticleID
		}
		file := ""
		if c.File != "" {
			file = ", whose file " + mdCode(c.File) + " was deleted"
		}
		if c.Action == ActionDeleteTranslation {
			fmt.Fprintf(b, "> - delete the %s translation of %s%s\n", mdCode(c.Locale), what, file)
			continue
		}
		fmt.Fprintf(b, "> - archive %s%s\n", what, file)
	}
}

// writeWarnings puts the warnings in one GitHub alert, at most
// maxWarnings of them.
func writeWarnings(b *strings.Builder, ws []Warning) {
	if len(ws) == 0 {
		return
	}
	fmt.Fprintf(b, "\n> [!WARNING]\n> **%d %s**\n", len(ws), Plural(len(ws), "warning", "warnings"))
	for i, wn := range ws {
		if i == maxWarnings {
			fmt.Fprintf(b, "> - … and %d more: run `hcsync plan` to see them all\n", len(ws)-maxWarnings)
			break
		}
		if wn.File != "" {
			fmt.Fprintf(b, "> - `%s`: %s\n", wn.File, mdEscape(wn.Msg))
		} else {
			fmt.Fprintf(b, "> - %s\n", mdEscape(wn.Msg))
		}
	}
}

// writeUnmanaged names, folded, the first maxUnmanaged remote articles
// no file claims.
func writeUnmanaged(b *strings.Builder, us []Unmanaged) {
	n := len(us)
	if n == 0 {
		return
	}
	fmt.Fprintf(b, "\n<details><summary>%d remote %s not managed by any file; hcsync leaves %s alone</summary>\n\n", n, Plural(n, "article is", "articles are"), Plural(n, "it", "them"))
	b.WriteString("| article | id |\n|---|---|\n")
	for i, u := range us {
		if i == maxUnmanaged {
			fmt.Fprintf(b, "\n… and %d more: `hcsync plan --format json` lists them all\n", n-maxUnmanaged)
			break
		}
		fmt.Fprintf(b, "| %s | %s |\n", linkedTitle(u.Title, u.URL), u.ID)
	}
	b.WriteString("\n</details>\n")
}

// linkedTitle is a table cell for a remote title: escaped, linked to url
// when there is one, a dash when the title is empty.
func linkedTitle(title, url string) string {
	t := mdEscape(title)
	if t == "" {
		t = "—"
	}
	if url != "" {
		t = fmt.Sprintf("[%s](%s)", t, url)
	}
	return t
}

// writeUnmanagedTranslations lists, folded, the remote translations no
// file holds, at most maxUnmanagedTranslations of them.
func writeUnmanagedTranslations(b *strings.Builder, us []UnmanagedTranslation) {
	if len(us) == 0 {
		return
	}
	n := len(us)
	fmt.Fprintf(b, "\n<details><summary>%d remote %s no file; hcsync leaves %s alone</summary>\n\n", n, Plural(n, "translation has", "translations have"), Plural(n, "it", "them"))
	b.WriteString("| translation | article | locale |\n|---|---|---|\n")
	for i, u := range us {
		if i == maxUnmanagedTranslations {
			fmt.Fprintf(b, "\n… and %d more: run `hcsync plan` to see them all\n", n-maxUnmanagedTranslations)
			break
		}
		fmt.Fprintf(b, "| %s | %s #%s | %s |\n", linkedTitle(u.Title, u.URL), cellCode(u.Article), u.ArticleID, u.Locale)
	}
	b.WriteString("\n</details>\n")
}

// tableRow is one change as a table row: action, linked title, file,
// locale. A create says when it stays a draft.
func tableRow(c, fill *Change) string {
	article := mdEscape(c.Title)
	if article == "" {
		article = "—"
	}
	if c.Action == ActionCreate || c.Action == ActionCreateTranslation {
		if draft, _ := createDraft(c, fill); draft {
			article += " (draft)"
		}
	}
	if c.URL != "" {
		article = fmt.Sprintf("[%s](%s)", article, c.URL)
	}
	file := c.File
	if c.Action == ActionCreateTag {
		file = c.Tag
	}
	if file != "" {
		file = cellCode(file)
	}
	if c.ArticleID != "" {
		file += " #" + c.ArticleID
	}
	if c.SectionUpdate != nil {
		file += " #" + c.SectionUpdate.ID
	}
	return fmt.Sprintf("| `%s` | %s | %s | %s |\n", c.Action, article, strings.TrimSpace(file), c.Locale)
}

// detailsBlock is a change's fields and body diff folded in <details>,
// or "" when the table row says it all. fill is the later write that
// fills in a new article's links, said in one line.
func detailsBlock(c, fill *Change) string {
	fields := shownFields(c)
	if len(fields) == 0 && c.BodyDiff == "" && c.BodyNote == "" && fill == nil {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<details><summary><code>%s</code> %s</summary>\n\n", c.Action, htmlEscape(subject(c)))
	for _, f := range fields {
		if f.Old == "" || (isCreate(c.Action) && f.Old == "(none)") {
			fmt.Fprintf(&b, "- **%s**: %s\n", f.Field, mdCode(f.New))
			continue
		}
		fmt.Fprintf(&b, "- **%s**: %s → %s\n", f.Field, mdCode(f.Old), mdCode(f.New))
	}
	if fill != nil {
		fmt.Fprintf(&b, "- %s\n", linkFillNote(fill))
	}
	if c.BodyNote != "" {
		fmt.Fprintf(&b, "- **body**: %s\n", mdEscape(c.BodyNote))
	}
	if c.BodyDiff != "" {
		diff := strings.TrimRight(c.BodyDiff, "\n") + "\n"
		fence := "```"
		for strings.Contains(diff, fence) {
			fence += "`"
		}
		if len(fields) > 0 || c.BodyNote != "" {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "%sdiff\n%s%s\n", fence, diff, fence)
	}
	b.WriteString("\n</details>\n")
	return b.String()
}

// fit returns how many of parts, from the first, fit in budget bytes.
func fit(parts []string, budget int) int {
	for i, p := range parts {
		budget -= len(p)
		if budget < 0 {
			return i
		}
	}
	return len(parts)
}

// Plural is "1 file" or "2 files".
func Plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func mdEscape(s string) string {
	r := strings.NewReplacer("|", `\|`, "\n", " ", "<", "&lt;", ">", "&gt;", "[", `\[`, "]", `\]`)
	return r.Replace(s)
}

// mdCode is s as inline code, with a fence longer than any run of
// backticks inside it.
func mdCode(s string) string {
	if s == "" {
		return "_(empty)_"
	}
	s = strings.ReplaceAll(s, "\n", " ")
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	if fence != "`" || strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

// cellCode is s as inline code in a table cell: GitHub splits cells at
// every | not escaped, even inside code, and drops the backslash of \|
// there.
func cellCode(s string) string {
	return strings.ReplaceAll(mdCode(s), "|", `\|`)
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}
