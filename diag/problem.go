// Package diag is how hcsync reports what is wrong with a user's files:
// problems tied to a file and line, folded when many share a message,
// with a "did you mean" for typos, and YAML's errors made 1-based.
package diag

import (
	"fmt"
	"sort"
	"strings"
)

// Problem is one thing wrong with the tree, tied to a file and line.
type Problem struct {
	File string // slash path relative to the content root (or the config path)
	Line int    // 1-based; 0 when the problem concerns the whole file
	Msg  string
	// Kind is a stable short code for the sort of problem (one of the
	// Kind constants, or another package's), "" when none is given.
	// Problems of one kind and message are printed as one line when
	// there are many (Problems.Format).
	Kind string
	// Note is said once under a list that holds problems with it (the
	// front-matter keys hcsync reads, under unknown keys), instead of in
	// every line.
	Note string
}

func (p Problem) String() string {
	switch {
	case p.File == "":
		return p.Msg
	case p.Line > 0:
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
	default:
		return fmt.Sprintf("%s: %s", p.File, p.Msg)
	}
}

// where is the file and line of p, as String prefixes them.
func (p Problem) where() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return p.File
}

// Problems is every problem found in one pass. It is an error so that a
// whole run's findings travel as one value.
type Problems []Problem

// Error is Format(false).
func (ps Problems) Error() string {
	s, _ := ps.Format(false)
	return s
}

// GroupOver is how many problems of one kind and message are printed
// one by one: beyond it they fold into one line naming the first
// GroupOver files and the count of the rest.
const GroupOver = 5

// FormatWarnings is Format for warnings: "N warnings:" heads the list.
func (ps Problems) FormatWarnings(all bool) (text string, folded int) {
	return ps.format("warnings", all)
}

// Format prints the problems for a person. A single problem is its
// line. Otherwise a count comes first; then, unless all, each kind and
// message shared by more than GroupOver problems is one line (most
// frequent first), e.g. `unknown key "weight": 412 files (a.md:3, …
// and 407 more): …`; then the other problems, one line each, in file
// order; then the note of each kind present (the keys hcsync reads,
// under unknown keys). folded is how many lines the groups stand for.
func (ps Problems) Format(all bool) (text string, folded int) {
	return ps.format("problems", all)
}

func (ps Problems) format(noun string, all bool) (text string, folded int) {
	var b strings.Builder
	if len(ps) == 1 {
		b.WriteString(ps[0].String())
	} else {
		fmt.Fprintf(&b, "%d %s:", len(ps), noun)
		folded = ps.writeLines(&b, all)
	}
	seen := map[string]bool{}
	for _, p := range ps {
		if p.Note != "" && !seen[p.Note] {
			seen[p.Note] = true
			b.WriteString("\n  ")
			b.WriteString(p.Note)
		}
	}
	return b.String(), folded
}

// writeLines writes the problems after the count, each on a line of its
// own, groups first.
func (ps Problems) writeLines(b *strings.Builder, all bool) (folded int) {
	type key struct{ kind, msg string }
	groups := map[key][]Problem{}
	var order []key
	if !all {
		for _, p := range ps {
			k := key{p.Kind, p.Msg}
			if groups[k] == nil {
				order = append(order, k)
			}
			groups[k] = append(groups[k], p)
		}
		sort.SliceStable(order, func(i, j int) bool { return len(groups[order[i]]) > len(groups[order[j]]) })
	}
	for _, k := range order {
		g := groups[k]
		if len(g) <= GroupOver {
			continue
		}
		folded += len(g)
		b.WriteString("\n  ")
		b.WriteString(groupLine(g))
	}
	for _, p := range ps {
		if g := groups[key{p.Kind, p.Msg}]; len(g) > GroupOver {
			continue
		}
		b.WriteString("\n  ")
		b.WriteString(p.String())
	}
	return folded
}

// groupLine is one line for problems sharing a message: the message's
// subject, how many files (and times, when a file has it more than
// once), the first GroupOver places, then the rest of the message.
func groupLine(g []Problem) string {
	head, tail := splitMsg(g[0].Msg)
	files, places := map[string]bool{}, make([]string, 0, GroupOver)
	seen := map[string]bool{}
	for _, p := range g {
		files[p.File] = true
		if w := p.where(); !seen[w] && len(places) < GroupOver {
			seen[w] = true
			places = append(places, w)
		}
	}
	var b strings.Builder
	b.WriteString(head)
	if len(files) == len(g) {
		fmt.Fprintf(&b, ": %d files (", len(g))
	} else {
		fmt.Fprintf(&b, ": %d times in %d files (", len(g), len(files))
	}
	b.WriteString(strings.Join(places, ", "))
	if rest := len(g) - len(places); rest > 0 {
		fmt.Fprintf(&b, ", … and %d more", rest)
	}
	b.WriteString(")")
	if tail != "" {
		b.WriteString(": ")
		b.WriteString(tail)
	}
	return b.String()
}

// splitMsg splits a message at its first ": " outside parentheses and
// quotes: `unknown key "x" (hint): fix` into the subject and the fix.
func splitMsg(msg string) (head, tail string) {
	depth, quoted := 0, false
	for i := 0; i+1 < len(msg); i++ {
		switch c := msg[i]; {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '(':
			depth++
		case c == ')':
			depth--
		case c == ':' && msg[i+1] == ' ' && depth == 0:
			return msg[:i], msg[i+2:]
		}
	}
	return msg, ""
}

// Sort orders problems by file, then line, so output is stable.
func (ps Problems) Sort() {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].File != ps[j].File {
			return ps[i].File < ps[j].File
		}
		return ps[i].Line < ps[j].Line
	})
}
