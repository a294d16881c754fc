package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/hcsync/hcsync/config"
	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/planner"
	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/remote"
)

type planFlags struct {
	planningFlags
	format           string
	detailedExitcode bool
	// out is where plan --out saves the plan for apply FILE.
	out string
}

func (a *app) plan(ctx context.Context, f planFlags) error {
	printer, err := planPrinter(f.format)
	if err != nil {
		return err
	}
	ws, _, pl, err := a.planFor(ctx, f.planningFlags)
	if err != nil {
		return err
	}
	if err := printer(a.stdout, pl); err != nil {
		return err
	}
	if err := checkDrift(f.gitFlags, pl); err != nil {
		return err
	}
	if err := checkStale(f.gitFlags, pl); err != nil {
		return err
	}
	if err := checkMissing(f.planningFlags, pl); err != nil {
		return err
	}
	// Saved only once every check passed: apply FILE must not run a
	// plan that plan itself failed.
	if f.out != "" {
		if err := savePlan(f.out, ws, pl); err != nil {
			return err
		}
		// Beside the plan, not inside a JSON or Markdown one.
		w := a.stderr
		if f.format == "text" || f.format == "" {
			w = a.stdout
		}
		fmt.Fprintf(w, "\nSaved the plan to %s. To apply exactly this plan, run: hcsync apply %s\n", f.out, f.out)
	}
	if f.detailedExitcode && !pl.Empty() {
		return &exitCodeError{code: exitChanges, err: fmt.Errorf("")}
	}
	return nil
}

func planPrinter(format string) (func(w io.Writer, p *plan.Plan) error, error) {
	switch format {
	case "text", "":
		return plan.WriteText, nil
	case "json":
		return plan.WriteJSON, nil
	case "markdown", "md":
		return plan.WriteMarkdown, nil
	}
	return nil, usageError("unknown format %q: use text, json or markdown", format)
}

// planningFlags are the flags of every command that plans.
type planningFlags struct {
	commonFlags
	gitFlags
	prune     bool
	forgetIDs bool
	// failOnMissing fails when a translation required_locales asks for
	// is missing.
	failOnMissing bool
	// maxArchive overrides max_archive when >= 0.
	maxArchive int
	// targets scope the plan (--target): see resolveTargets.
	targets targetFlag
}

// archiveCap is the most articles this run may archive: --max-archive,
// else max_archive in hcsync.yaml.
func (f *planningFlags) archiveCap(cfg *config.Config) int {
	if f.maxArchive >= 0 {
		return f.maxArchive
	}
	return cfg.MaxArchive
}

// planFor loads the workspace, reads the help center and plans: the
// shared first half of plan and apply.
func (a *app) planFor(ctx context.Context, f planningFlags) (*workspace, providers.Provider, *plan.Plan, error) {
	ws, err := newWorkspace(f.commonFlags)
	if err != nil {
		return nil, nil, nil, err
	}
	targets, asGiven, err := resolveTargets(ws.cfg.ContentDir(), f.targets)
	if err != nil {
		return nil, nil, nil, err
	}
	// The help center is read while the tree loads. Problems in the
	// files still come first: they need no credentials to fix.
	p, perr := a.provider(ws, f.commonFlags)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var fetched func() (*remote.State, error)
	var planCache func() *planner.Cache
	if perr == nil {
		fetched = fetchAsync(ctx, p)
		planCache = ws.readPlanCacheAsync(p.Name())
		if ws.planCachePath != "" && !ws.noCache {
			_, err := os.Stat(ws.planCachePath)
			ws.lazyBodies = err == nil
		}
	}
	start := time.Now()
	if err := a.loadTreeChecked(ws); err != nil {
		return nil, nil, nil, err
	}
	a.debugf(ws, "timing: tree loaded in %s", since(start))
	if err := checkTargets(ws.tree, targets, asGiven); err != nil {
		return nil, nil, nil, err
	}
	if perr != nil {
		return nil, nil, nil, perr
	}
	opts := planOptions(ws.cfg, p)
	opts.Prune = opts.Prune || f.prune
	opts.ForgetIDs = f.forgetIDs
	opts.Targets = targets
	if err := a.addGitFacts(ctx, ws, f.gitFlags, &opts); err != nil {
		return nil, nil, nil, err
	}
	live, err := fetched()
	if err != nil {
		return nil, nil, nil, err
	}
	if err := remote.CompleteSections(ctx, p, scopedTree(ws.tree, targets), live); err != nil {
		return nil, nil, nil, err
	}
	if live.Taxonomy, err = remote.FetchTaxonomy(ctx, p, planner.TaxonomyNeeded(ws.tree, live, opts)); err != nil {
		return nil, nil, nil, err
	}
	if live.Redirects, err = remote.FetchRedirects(ctx, p, planner.RedirectsNeeded(ws.tree, opts)); err != nil {
		return nil, nil, nil, err
	}
	a.debugf(ws, "timing: help center read after %s", since(start))
	opts.Cache = planCache()
	ws.live = live
	pl, err := a.makePlan(ws, live, opts)
	if err != nil {
		return nil, nil, nil, err
	}
	if opts.Prune && f.since == "" && len(targets) == 0 {
		// Deletions come only from git since a ref: without one, prune
		// archives nothing, which a reviewer should not take for "none".
		pl.Warnings = append(pl.Warnings, plan.Warning{Kind: plan.WarningPruneWithoutSince,
			Msg: "prune is on, but without --since no deleted file is known, so nothing is archived: pass --since with a commit from before the deletions (the Action passes the last apply's record)"})
	}
	plan.WarnArchiveCap(pl, f.archiveCap(ws.cfg))
	a.debugf(ws, "timing: plan made after %s", since(start))
	if err := saveJSON(f.gitFlags, pl); err != nil {
		return nil, nil, nil, err
	}
	return ws, p, pl, nil
}

// debugf prints a line to stderr with --debug.
func (a *app) debugf(ws *workspace, format string, args ...any) {
	if ws.debug {
		fmt.Fprintf(a.stderr, format+"\n", args...)
	}
}

func since(t time.Time) time.Duration { return time.Since(t).Round(time.Millisecond) }
