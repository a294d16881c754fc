package plan

import (
	"fmt"
	"strings"
)

// Archives returns the plan's archive changes: the articles apply would
// take off the help center (archived, or deleted where the provider
// has no archive).
func (p *Plan) Archives() []*Change {
	var out []*Change
	for _, c := range p.Changes {
		if c.Action == ActionArchive {
			out = append(out, c)
		}
	}
	return out
}

// WarnArchiveCap adds an archive-cap warning to the plan when it
// archives more than max articles, which apply then refuses: the
// reviewer sees it before the merge that would run that apply.
func WarnArchiveCap(p *Plan, max int) {
	n := len(p.Archives())
	if n <= max {
		return
	}
	p.Warnings = append(p.Warnings, Warning{Kind: WarningArchiveCap,
		Msg: fmt.Sprintf("this plan archives %d articles, more than max_archive (%d): apply refuses it unless run with --max-archive %d (or max_archive: %d in hcsync.yaml)", n, max, n, n)})
}

// ArchiveCapError is apply's refusal of a plan that archives more
// articles than allowed, before anything is written.
type ArchiveCapError struct {
	Archives []*Change
	Max      int
}

func (e *ArchiveCapError) Error() string {
	var b strings.Builder
	n := len(e.Archives)
	fmt.Fprintf(&b, "nothing was written: this plan archives %d articles, more than max_archive (%d), in case the deletions were a mistake:", n, e.Max)
	for _, c := range e.Archives {
		what := c.File
		if what == "" {
			what = c.Title
		}
		fmt.Fprintf(&b, "\n  %s #%s", what, c.ArticleID)
	}
	fmt.Fprintf(&b, "\nif every one of these files was deleted on purpose, run apply again with --max-archive %d (or set max_archive: %d in hcsync.yaml); otherwise restore the files", n, n)
	return b.String()
}

// CheckArchiveCap returns an *ArchiveCapError when the plan archives
// more than max articles.
func CheckArchiveCap(p *Plan, max int) error {
	if a := p.Archives(); len(a) > max {
		return &ArchiveCapError{Archives: a, Max: max}
	}
	return nil
}
