package plan

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// StaleTranslation is a translation whose source's body changed since
// the translation was last edited (or confirmed with source_commit:).
// It comes from git history (content.Repo.Staleness) and is a note for
// the reviewer and the translators, not a change.
type StaleTranslation struct {
	File    string `json:"file"`    // the translation file
	Article string `json:"article"` // its source file
	Locale  string `json:"locale"`
	// Since is the first commit that changed the source's body after
	// the translation was confirmed, SinceTime its committer time.
	Since     string    `json:"since"`
	SinceTime time.Time `json:"since_time,omitzero"`
	// Commits counts the source body changes since; LinesChanged the
	// source body lines added or removed since.
	Commits      int `json:"commits"`
	LinesChanged int `json:"lines_changed"`
	// New says the commits since --since made it stale: it was current
	// there (a pull request that changes a source body).
	New bool `json:"new,omitempty"`
}

// MissingTranslations counts the missing-translation warnings of p.
func (p *Plan) MissingTranslations() int {
	n := 0
	for _, w := range p.Warnings {
		if w.Kind == WarningMissingTranslation {
			n++
		}
	}
	return n
}

// SortedStale is a sorted copy of s, never nil (the JSON shows []).
func SortedStale(s []StaleTranslation) []StaleTranslation {
	out := append([]StaleTranslation{}, s...)
	sort.Slice(out, func(i, j int) bool { return out[i].File < out[j].File })
	return out
}

// shortHash is the abbreviated commit hash people read in git log.
func shortHash(h string) string {
	if len(h) > 10 {
		return h[:10]
	}
	return h
}

// staleLine says in one line why a translation is stale.
func staleLine(s StaleTranslation) string {
	if s.Since == "" {
		return fmt.Sprintf("source %s changed since its source_hash: was recorded (no git history to say more)", s.Article)
	}
	line := fmt.Sprintf("source %s changed since %s (%s, %s), %s",
		s.Article, shortHash(s.Since), s.SinceTime.UTC().Format("2006-01-02"),
		Plural(s.Commits, "1 commit", fmt.Sprintf("%d commits", s.Commits)),
		Plural(s.LinesChanged, "1 line changed", fmt.Sprintf("%d lines changed", s.LinesChanged)))
	if s.New {
		line += "; made stale by this change"
	}
	return line
}

// writeStaleText lists the stale translations for a terminal.
func writeStaleText(ew *errWriter, ss []StaleTranslation) {
	if len(ss) == 0 {
		return
	}
	ew.printf("%d %s behind %s source: update %s, or, where a translation still holds, mark it current with source_commit: (see README, Translations)\n",
		len(ss), Plural(len(ss), "translation is", "translations are"), Plural(len(ss), "its", "their"),
		Plural(len(ss), "it", "them"))
	for _, s := range ss {
		ew.printf("    %s [%s]: %s\n", s.File, s.Locale, staleLine(s))
	}
}

// writeStaleMarkdown lists the stale translations in a PR comment,
// those this change made stale first, at most maxWarnings of them.
func writeStaleMarkdown(b *strings.Builder, ss []StaleTranslation) {
	if len(ss) == 0 {
		return
	}
	newOnes := 0
	for _, s := range ss {
		if s.New {
			newOnes++
		}
	}
	fmt.Fprintf(b, "\n**%d stale %s**", len(ss), Plural(len(ss), "translation", "translations"))
	if newOnes > 0 {
		fmt.Fprintf(b, " (%d made stale by this change)", newOnes)
	}
	b.WriteString(": the source changed since they were translated.\n\n| translation | locale | source | since | source lines changed |\n|---|---|---|---|---|\n")
	ordered := append([]StaleTranslation(nil), ss...)
	sort.SliceStable(ordered, func(i, j int) bool { return ordered[i].New && !ordered[j].New })
	for i, s := range ordered {
		if i == maxWarnings {
			fmt.Fprintf(b, "\n… and %d more: run `hcsync plan` to see them all\n", len(ordered)-maxWarnings)
			break
		}
		file := cellCode(s.File)
		if s.New {
			file += " (new)"
		}
		since, lines := "source_hash", "?"
		if s.Since != "" {
			since, lines = "`"+shortHash(s.Since)+"`", fmt.Sprint(s.LinesChanged)
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s |\n", file, s.Locale, cellCode(s.Article), since, lines)
	}
}
