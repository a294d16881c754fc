package plan

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// WriteJSON prints the plan in its stable JSON schema (see
// docs/plan-schema.md).
func WriteJSON(w io.Writer, p *Plan) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	// The counts ride beside the plan rather than in it: they are read
	// from the changes, never set.
	return enc.Encode(struct {
		*Plan
		Totals map[string]int `json:"totals"`
	}{p, Totals(p)})
}

// ReadJSON reads a plan written by WriteJSON.
func ReadJSON(r io.Reader) (*Plan, error) {
	var p Plan
	dec := json.NewDecoder(r)
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("reading plan: %w", err)
	}
	if p.SchemaVersion != SchemaVersion {
		return nil, fmt.Errorf("reading plan: schema version %d, this hcsync reads %d: re-run hcsync plan with this version", p.SchemaVersion, SchemaVersion)
	}
	return &p, nil
}

// symbol marks an action in text output the way terraform does.
func symbol(a Action) string {
	switch a {
	case ActionCreate, ActionCreateSection, ActionCreateTag, ActionCreateTranslation, ActionUploadImage, ActionCreateRedirect:
		return "+"
	case ActionDeleteTranslation, ActionArchive, ActionDeleteRedirect, ActionDiscardDraft:
		return "-"
	case ActionAdopt, ActionAdoptSection:
		return "="
	default:
		return "~"
	}
}

// WriteText prints the plan for a terminal: one block per change with
// the fields that differ and a body diff, then a summary line.
func WriteText(w io.Writer, p *Plan) error {
	ew := &errWriter{w: w}
	for _, wn := range p.Warnings {
		if wn.File == "" {
			ew.printf("! %s\n", wn.Msg)
			continue
		}
		ew.printf("! %s: %s\n", wn.File, wn.Msg)
	}
	if len(p.Warnings) > 0 {
		ew.printf("\n")
	}
	writeStaleText(ew, p.Stale)
	if len(p.Stale) > 0 {
		ew.printf("\n")
	}
	if p.Empty() {
		ew.printf("No changes. The help center matches %s.\n", p.matched())
	}
	fills := findLinkFills(p)
	for _, c := range p.Changes {
		if fills.is[c] {
			continue // a note on its create
		}
		ew.printf("%s %-18s %s", symbol(c.Action), c.Action, subject(c))
		if c.Title != "" {
			ew.printf("  %q", c.Title)
		}
		if c.Action == ActionCreate || c.Action == ActionCreateTranslation {
			if st := createState(c, fills.of[c]); st != "" {
				ew.printf("  %s", st)
			}
		}
		ew.printf("\n")
		for _, f := range shownFields(c) {
			if isCreate(c.Action) && (f.Old == "" || f.Old == "(none)") {
				ew.printf("      %s: %s\n", f.Field, f.New)
				continue
			}
			ew.printf("      %s: %s -> %s\n", f.Field, quoteShort(f.Old), quoteShort(f.New))
		}
		if fill := fills.of[c]; fill != nil {
			ew.printf("      %s\n", linkFillNote(fill))
		}
		if c.BodyNote != "" {
			ew.printf("      body: %s\n", c.BodyNote)
		}
		if c.BodyDiff != "" {
			if c.BodyNote == "" {
				ew.printf("      body:\n")
			}
			for _, l := range strings.Split(strings.TrimRight(c.BodyDiff, "\n"), "\n") {
				ew.printf("        %s\n", l)
			}
		}
	}
	if !p.Empty() {
		ew.printf("\n%s.\n", totalLine(p))
	}
	writeUnmanagedText(ew, p.Unmanaged)
	// Each translation is named: one made in the help center beside a
	// managed article is easy to overlook, and its file is easy to add.
	if n := len(p.UnmanagedTranslations); n > 0 {
		ew.printf("%d remote %s no file and %s left alone:\n", n, Plural(n, "translation has", "translations have"), Plural(n, "is", "are"))
		for _, u := range p.UnmanagedTranslations {
			ew.printf("    %s [%s] #%s", u.Article, u.Locale, u.ArticleID)
			if u.Title != "" {
				ew.printf("  %q", u.Title)
			}
			ew.printf("\n")
		}
	}
	if p.Scope != nil {
		ew.printf("%s\n", p.Scope.Note())
	}
	return ew.err
}

// subject names what a change is about: file, locale and remote id.
func subject(c *Change) string {
	s := c.File
	if c.Action == ActionCreateTag {
		s = c.Tag
	}
	if c.Locale != "" && c.Action != ActionCreate {
		s += " [" + c.Locale + "]"
	}
	if c.ArticleID != "" {
		s += " #" + c.ArticleID
	}
	if c.SectionUpdate != nil {
		s += " #" + c.SectionUpdate.ID
	}
	return s
}

func quoteShort(s string) string {
	const max = 80
	if r := []rune(s); len(r) > max {
		s = string(r[:max]) + "…"
	}
	if s == "" {
		return `""`
	}
	if strings.ContainsAny(s, " \t") && !strings.HasPrefix(s, "[") {
		return fmt.Sprintf("%q", s)
	}
	return s
}

// SortedActions returns the actions present in p, in display order.
func SortedActions(p *Plan) []Action {
	counts := p.Counts()
	var out []Action
	for _, a := range Actions {
		if counts[a] > 0 {
			out = append(out, a)
		}
	}
	return out
}

// writeUnmanagedText names the first maxUnmanaged remote articles no
// file claims, so a reviewer can tell a forgotten file from an article
// made in the help center on purpose.
func writeUnmanagedText(ew *errWriter, us []Unmanaged) {
	n := len(us)
	if n == 0 {
		return
	}
	ew.printf("%d remote %s not managed by any file and %s left alone:\n", n, Plural(n, "article is", "articles are"), Plural(n, "is", "are"))
	for i, u := range us {
		if i == maxUnmanaged {
			ew.printf("    … and %d more (hcsync plan --format json lists them all)\n", n-maxUnmanaged)
			break
		}
		ew.printf("    #%s  %q", u.ID, u.Title)
		if u.URL != "" {
			ew.printf("  %s", u.URL)
		}
		ew.printf("\n")
	}
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err != nil {
		return
	}
	_, e.err = fmt.Fprintf(e.w, format, args...)
}
