package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/hcsync/hcsync/plan"
)

// interactive says a person runs apply: stdin and stderr are terminals
// (and CI is unset). Pipes and CI logs are never asked anything.
func (a *app) interactive() bool { return a.isTerminal && a.stdinTerminal && a.stdin != nil }

// colour says whether output to stderr may carry ANSI colour: a
// terminal, and NO_COLOR (no-color.org) unset.
func (a *app) colour() bool {
	return a.isTerminal && a.getenv("NO_COLOR") == "" && a.getenv("TERM") != "dumb"
}

// removes says a change takes something away, which the question shows
// apart: an archive or deletion from readers, a draft discard from the
// writer who made the edits in the help center.
func removes(act plan.Action) bool {
	switch act {
	case plan.ActionArchive, plan.ActionDeleteTranslation, plan.ActionDeleteRedirect, plan.ActionDiscardDraft:
		return true
	}
	return false
}

const (
	boldRed = "\x1b[1;31m"
	reset   = "\x1b[0m"
)

// errNotApproved is the answer to anything but yes.
var errNotApproved = &exitCodeError{code: exitError, err: fmt.Errorf("apply cancelled: nothing was written (only 'yes' applies; --auto-approve skips the question)")}

// confirm asks, as Terraform does, whether to apply pl, after listing
// the changes that remove something (in bold red with colour). Only a
// line reading "yes" approves; anything else, the end of in, or ctx
// ending (Ctrl-C while it waits) does not, and nothing is written then.
func confirm(ctx context.Context, in io.Reader, out io.Writer, pl *plan.Plan, colour bool) error {
	var rm []*plan.Change
	for _, c := range pl.Changes {
		if removes(c.Action) {
			rm = append(rm, c)
		}
	}
	paint := func(s string) string {
		if colour {
			return boldRed + s + reset
		}
		return s
	}
	if len(rm) > 0 {
		fmt.Fprintf(out, "\n%s\n", paint(fmt.Sprintf("%d change(s) remove content from the help center:", len(rm))))
		for _, c := range rm {
			fmt.Fprintf(out, "  %s\n", paint(fmt.Sprintf("- %s %s", c.Action, removedWhat(c))))
		}
	}
	fmt.Fprintf(out, "\nhcsync will apply %d change(s) to the help center.\nDo you want to apply these changes? Only 'yes' will be accepted: ", len(pl.Changes))
	answer := make(chan string, 1)
	go func() {
		// Left behind on Ctrl-C: the process ends soon after.
		line, _ := bufio.NewReader(in).ReadString('\n')
		answer <- line
	}()
	select {
	case line := <-answer:
		if !strings.HasSuffix(line, "\n") {
			fmt.Fprintln(out)
		}
		if strings.TrimSpace(line) != "yes" {
			return errNotApproved
		}
		return nil
	case <-ctx.Done():
		fmt.Fprintln(out)
		return errNotApproved
	}
}

// removedWhat names what a removing change removes.
func removedWhat(c *plan.Change) string {
	var parts []string
	if c.File != "" {
		parts = append(parts, c.File)
	}
	switch {
	case c.ArticleID != "" && c.Locale != "":
		parts = append(parts, fmt.Sprintf("(article %s, %s)", c.ArticleID, c.Locale))
	case c.ArticleID != "":
		parts = append(parts, fmt.Sprintf("(article %s)", c.ArticleID))
	case c.Redirect != nil:
		parts = append(parts, "(redirect from "+c.Redirect.From+")")
	}
	if c.Title != "" {
		parts = append(parts, fmt.Sprintf("%q", c.Title))
	}
	return strings.Join(parts, " ")
}
