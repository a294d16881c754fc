package plan

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Translation states of a status report, per article and locale.
const (
	StateCurrent   = "current"   // the file is as new as its source's body
	StateStale     = "stale"     // the source's body changed since (git)
	StateMissing   = "missing"   // an expected locale has no file
	StateDraft     = "draft"     // the file says draft: true
	StateUnmanaged = "unmanaged" // the help center has it, no file does
	// StateNone is a locale that is not expected and has no file.
	StateNone = ""
)

// TranslationStatus is the translation matrix of a tree: for each article, the
// state of each locale, and totals per locale. It is data, like Plan;
// WriteStatusText, WriteStatusMarkdown and WriteStatusJSON print it.
type TranslationStatus struct {
	// Offline is set when the help center was not read: no unmanaged
	// state is known.
	Offline  bool            `json:"offline"`
	Locales  []string        `json:"locales"`
	Articles []StatusArticle `json:"articles"`
	Totals   []LocaleTotals  `json:"totals"`
}

// StatusArticle is one row of the matrix.
type StatusArticle struct {
	File   string `json:"file"` // the source file
	Title  string `json:"title"`
	Locale string `json:"locale"` // the source locale
	// SourceHash is content.SourceHash of the source's body: what a
	// translation's source_hash: records, outside git, to say it matches
	// this version.
	SourceHash string `json:"source_hash"`
	// Cells holds one entry per locale of TranslationStatus.Locales other than the
	// source's, in that order.
	Cells []StatusCell `json:"cells"`
}

// StatusCell is the state of one locale of one article.
type StatusCell struct {
	Locale string `json:"locale"`
	State  string `json:"state"`          // one of the State constants; "" = not expected, no file
	File   string `json:"file,omitempty"` // the translation file, when there is one
	// Since and LinesChanged say, for a stale translation, from which
	// commit and by how many lines its source changed.
	Since        string `json:"since,omitempty"`
	LinesChanged int    `json:"lines_changed,omitempty"`
}

// LocaleTotals counts the states of one locale.
type LocaleTotals struct {
	Locale    string `json:"locale"`
	Current   int    `json:"current"`
	Stale     int    `json:"stale"`
	Missing   int    `json:"missing"`
	Draft     int    `json:"draft"`
	Unmanaged int    `json:"unmanaged"`
}

// Add counts one cell in state.
func (t *LocaleTotals) Add(state string) {
	switch state {
	case StateCurrent:
		t.Current++
	case StateStale:
		t.Stale++
	case StateMissing:
		t.Missing++
	case StateDraft:
		t.Draft++
	case StateUnmanaged:
		t.Unmanaged++
	}
}

// String is the totals line: "fr: 312 current, 14 stale, 9 missing";
// drafts and unmanaged translations are named only when there are some.
func (t LocaleTotals) String() string {
	s := fmt.Sprintf("%s: %d current, %d stale, %d missing", t.Locale, t.Current, t.Stale, t.Missing)
	if t.Draft > 0 {
		s += fmt.Sprintf(", %d draft", t.Draft)
	}
	if t.Unmanaged > 0 {
		s += fmt.Sprintf(", %d unmanaged", t.Unmanaged)
	}
	return s
}

// cellText is a cell as the text and Markdown matrices show it.
func cellText(c StatusCell) string {
	if c.State == StateNone {
		return "-"
	}
	return c.State
}

// cellOf returns the cell of locale l in row, and whether the row has
// one (not for its own source locale).
func cellOf(row StatusArticle, l string) (StatusCell, bool) {
	for _, c := range row.Cells {
		if c.Locale == l {
			return c, true
		}
	}
	return StatusCell{}, false
}

// WriteStatusText prints the matrix for a terminal, columns aligned,
// then the totals per locale.
func WriteStatusText(w io.Writer, st *TranslationStatus) error {
	ew := &errWriter{w: w}
	width := len("article")
	for _, a := range st.Articles {
		width = max(width, len(a.File))
	}
	ew.printf("%-*s", width, "article")
	for _, l := range st.Locales {
		ew.printf("  %-9s", l)
	}
	ew.printf("\n")
	for _, a := range st.Articles {
		ew.printf("%-*s", width, a.File)
		for _, l := range st.Locales {
			text := "source"
			if c, ok := cellOf(a, l); ok {
				text = cellText(c)
			}
			ew.printf("  %-9s", text)
		}
		ew.printf("\n")
	}
	ew.printf("\n")
	for _, t := range st.Totals {
		ew.printf("%s\n", t)
	}
	if st.Offline {
		ew.printf("(offline: the help center was not read, so translations it has without a file are not shown)\n")
	}
	return ew.err
}

// WriteStatusMarkdown prints the totals and the matrix as a Markdown
// table, for an issue or a pull request.
func WriteStatusMarkdown(w io.Writer, st *TranslationStatus) error {
	var b strings.Builder
	b.WriteString("### hcsync translation status\n\n")
	for _, t := range st.Totals {
		fmt.Fprintf(&b, "- **%s**\n", t)
	}
	b.WriteString("\n| article |")
	for _, l := range st.Locales {
		fmt.Fprintf(&b, " %s |", l)
	}
	b.WriteString("\n|---|")
	for range st.Locales {
		b.WriteString("---|")
	}
	b.WriteString("\n")
	for _, a := range st.Articles {
		fmt.Fprintf(&b, "| %s |", cellCode(a.File))
		for _, l := range st.Locales {
			text := "source"
			if c, ok := cellOf(a, l); ok {
				text = cellText(c)
				if c.State == StateStale && c.Since != "" {
					text = fmt.Sprintf("**stale** (`%s`, %s)", shortHash(c.Since), Plural(c.LinesChanged, "1 line", fmt.Sprintf("%d lines", c.LinesChanged)))
				}
			}
			fmt.Fprintf(&b, " %s |", text)
		}
		b.WriteString("\n")
	}
	if st.Offline {
		b.WriteString("\n_Offline: the help center was not read._\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteStatusJSON prints the status as JSON (see docs/plan-schema.md).
func WriteStatusJSON(w io.Writer, st *TranslationStatus) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(st)
}
