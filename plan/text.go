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
	return enc.Encode(p)
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
	case ActionDeleteTranslation, ActionArchive, ActionDeleteRedirect:
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
	for _, c := range p.Changes {
		ew.printf("%s %-18s %s", symbol(c.Action), c.Action, subject(c))
		if c.Title != "" {
			ew.printf("  %q", c.Title)
		}
		ew.printf("\n")
		for _, f := range c.Fields {
			switch {
			case f.Field == "body":
				continue
			case f.Old == "" && (c.Action == ActionCreate || c.Action == ActionUploadImage || c.Action == ActionCreateTranslation || c.Action == ActionCreateSection || c.Action == ActionCreateTag || c.Action == ActionAdopt):
				ew.printf("      %s: %s\n", f.Field, f.New)
			default:
				ew.printf("      %s: %s -> %s\n", f.Field, quoteShort(f.Old), quoteShort(f.New))
			}
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
		ew.printf("\nPlan: %s.\n", summary(p))
	}
	if n := len(p.Unmanaged); n > 0 {
		ew.printf("%d remote %s not managed by any file and %s left alone.\n", n, Plural(n, "article is", "articles are"), Plural(n, "is", "are"))
	}
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

// summary is "2 to create, 1 to update-translation, …" in action order.
func summary(p *Plan) string {
	counts := p.Counts()
	var parts []string
	for _, a := range Actions {
		if n := counts[a]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, a))
		}
	}
	return strings.Join(parts, ", ")
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
