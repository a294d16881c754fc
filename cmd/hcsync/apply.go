package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/hcsync/hcsync/apply"
	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/internal/lockfile"
	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers"
)

type applyFlags struct {
	planningFlags
	format      string
	dryRun      bool
	noWriteIDs  bool
	concurrency int
	// resultFile receives the apply's counts and the ids written back,
	// so the Action can re-apply the ids onto a newer commit.
	resultFile string
	// autoApprove skips the question an interactive apply asks.
	autoApprove bool
	// set are the flags given on the command line, by name.
	set map[string]bool
}

func (a *app) apply(ctx context.Context, f applyFlags) error {
	if f.format != "text" && f.format != "json" {
		return usageError("unknown format %q: use text or json", f.format)
	}
	if !f.dryRun {
		lock, err := lockApply(f.commonFlags)
		if err != nil {
			return err
		}
		defer lock.Release()
	}
	ws, p, pl, err := a.planFor(ctx, f.planningFlags)
	if err != nil {
		return err
	}
	if f.format == "text" {
		if err := plan.WriteText(a.stdout, pl); err != nil {
			return err
		}
	}
	// Drift stops apply before it writes anything.
	if err := checkDrift(f.gitFlags, pl); err != nil {
		return err
	}
	if err := checkStale(f.gitFlags, pl); err != nil {
		return err
	}
	if err := checkMissing(f.planningFlags, pl); err != nil {
		return err
	}
	// So does a plan that archives more than allowed.
	if !f.dryRun {
		if err := plan.CheckArchiveCap(pl, f.archiveCap(ws.cfg)); err != nil {
			return err
		}
	}
	if a.interactive() && !f.autoApprove && !f.dryRun && !pl.Empty() {
		if f.format != "text" {
			// The plan went nowhere yet: show it where the question is.
			if err := plan.WriteText(a.stderr, pl); err != nil {
				return err
			}
		}
		if err := confirm(ctx, a.stdin, a.stderr, pl, a.colour()); err != nil {
			return err
		}
	}
	return a.execute(ctx, ws, p, pl, f)
}

// execute applies pl, a plan checked and approved, and reports: the
// shared second half of apply and of apply FILE.
func (a *app) execute(ctx context.Context, ws *workspace, p providers.Provider, pl *plan.Plan, f applyFlags) error {
	if f.dryRun || pl.Empty() {
		if !f.dryRun {
			if err := writeResultFile(f.resultFile, &plan.Report{}, &writtenIDs{}); err != nil {
				return err
			}
		}
		if f.format == "json" {
			return writeReport(a, pl, &plan.Report{Results: []plan.Result{}}, f.dryRun)
		}
		return nil
	}

	ex := &apply.Executor{Provider: p, Concurrency: ws.cfg.Concurrency, Root: ws.cfg.ContentDir()}
	if f.concurrency > 0 {
		ex.Concurrency = f.concurrency
	}
	written := &writtenIDs{}
	if !f.noWriteIDs {
		root := ws.cfg.ContentDir()
		ex.WriteID = func(file, id string) error {
			if err := content.WriteTreeID(root, file, id); err != nil {
				return err
			}
			written.add(file, id)
			return nil
		}
	}
	prog := newProgress(a, len(pl.Changes))
	ex.OnResult = prog.result
	report := ex.Apply(ctx, pl)
	prog.finish()
	ws.planCache.Applied(report)
	a.savePlanCache(ws)
	if err := writeResultFile(f.resultFile, report, written); err != nil {
		return err
	}

	if f.format == "json" {
		if err := writeReport(a, pl, report, false); err != nil {
			return err
		}
	} else {
		printSummary(a, report)
	}
	if report.PlanError != "" {
		return fmt.Errorf("nothing was written: %s", report.PlanError)
	}
	if report.PreflightError != "" {
		return fmt.Errorf("nothing was written: %s", report.PreflightError)
	}
	if report.Interrupted {
		return &exitCodeError{code: exitError, err: fmt.Errorf("interrupted: %d change(s) applied, %d not started; run hcsync plan to see what remains", report.Applied, report.Skipped)}
	}
	if report.Failed == 0 && report.Skipped == 0 && len(report.IDErrors) > 0 {
		return fmt.Errorf("every change was applied, but %d id(s) were not written back into their files: add them by hand as the warnings above say, or the next plan adopts the articles by title", len(report.IDErrors))
	}
	if !report.OK() {
		return &exitCodeError{code: exitError, err: fmt.Errorf("%d change(s) failed, %d skipped: fix the causes above and run apply again (what succeeded stays applied)", report.Failed, report.Skipped)}
	}
	return nil
}

// lockFile is the name of apply's lock, beside hcsync.yaml.
const lockFile = ".hcsync.lock"

// lockApply takes the lock that keeps two applies of one tree from
// racing each other: both would plan the same creates and make every
// new article twice. It is taken before the plan, so the plan is made
// from the help center the previous apply left.
func lockApply(flags commonFlags) (*lockfile.Lock, error) {
	cfg, err := loadConfig(flags)
	if err != nil {
		return nil, err
	}
	path := filepath.Join(cfg.Dir, lockFile)
	l, err := lockfile.TryAcquire(path)
	var held *lockfile.HeldError
	if errors.As(err, &held) {
		return nil, fmt.Errorf("another apply holds %s (%s): wait for it to finish", held.Path, held.Holder)
	}
	if err != nil {
		return nil, fmt.Errorf("apply cannot take its lock %s: %w: apply needs to write beside %s", path, err, cfg.File)
	}
	return l, nil
}

func printSummary(a *app, r *plan.Report) {
	if r.PreflightError != "" || r.PlanError != "" {
		return // said once, as the command's error
	}
	fmt.Fprintf(a.stdout, "\nApplied %d change(s)", r.Applied)
	if r.Failed > 0 || r.Skipped > 0 {
		fmt.Fprintf(a.stdout, ", %d failed, %d skipped", r.Failed, r.Skipped)
	}
	fmt.Fprintln(a.stdout, ".")
	for _, res := range r.Results {
		if res.Status != plan.StatusFailed {
			continue
		}
		fmt.Fprintf(a.stdout, "  failed  %s\n", failureLine(res))
	}
	for _, e := range r.IDErrors {
		fmt.Fprintf(a.stdout, "  warning %s\n", e)
	}
}

// failureLine is one failed change on one line: "file [locale]:
// action: cause", where an API error's cause names the HTTP status, the
// request and what to do, each once.
func failureLine(r plan.Result) string {
	return fmt.Sprintf("%s: %s: %s", describeResult(r), r.Action, r.Error)
}

func describeResult(r plan.Result) string {
	s := r.Subject
	if r.Locale != "" {
		s += " [" + r.Locale + "]"
	}
	return s
}

// applyReport is the JSON form of an apply (--format json).
type applyReport struct {
	SchemaVersion int          `json:"schema_version"`
	DryRun        bool         `json:"dry_run"`
	Plan          *plan.Plan   `json:"plan"`
	Report        *plan.Report `json:"report"`
}

func writeReport(a *app, pl *plan.Plan, r *plan.Report, dry bool) error {
	enc := json.NewEncoder(a.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(applyReport{SchemaVersion: pl.SchemaVersion, DryRun: dry, Plan: pl, Report: r})
}
