package main

import (
	"fmt"
	"os"
	"sync"

	"github.com/hcsync/hcsync/plan"
	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

func isTerminal(f *os.File) bool {
	return term.IsTerminal(int(f.Fd())) && os.Getenv("CI") == ""
}

// progress shows an apply's advance: a bar on a terminal, one plain line
// per change in CI logs and pipes.
type progress struct {
	a   *app
	bar *progressbar.ProgressBar
	mu  sync.Mutex
}

func newProgress(a *app, total int) *progress {
	p := &progress{a: a}
	if a.isTerminal {
		p.bar = progressbar.NewOptions(total,
			progressbar.OptionSetWriter(a.stderr),
			progressbar.OptionSetDescription("applying"),
			progressbar.OptionShowCount(),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionClearOnFinish(),
		)
	}
	return p
}

func (p *progress) result(r plan.Result, done, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		_ = p.bar.Set(done)
		if r.Status == plan.StatusFailed {
			_ = p.bar.Clear()
			fmt.Fprintf(p.a.stderr, "failed  %s\n", failureLine(r))
		}
		return
	}
	line := fmt.Sprintf("[%d/%d] %-8s %s %s", done, total, r.Status, r.Action, describeResult(r))
	if r.ArticleID != "" {
		line += " #" + r.ArticleID
	}
	if r.Note != "" {
		line += " (" + r.Note + ")"
	}
	if w := r.IDNotWritten; w != nil {
		line += " (" + w.Message() + ")"
	}
	if r.Error != "" {
		line += ": " + r.Error
	}
	fmt.Fprintln(p.a.stderr, line)
}

func (p *progress) finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}
