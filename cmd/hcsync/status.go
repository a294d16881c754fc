package main

import (
	"context"
	"io"

	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/planner"
)

type statusFlags struct {
	commonFlags
	format  string
	locale  string
	offline bool
	since   string
}

func (a *app) status(ctx context.Context, f statusFlags) error {
	printer, err := statusPrinter(f.format)
	if err != nil {
		return err
	}
	var in planner.StatusInput
	var ws *workspace
	if f.offline {
		if ws, err = a.loadWorkspace(f.commonFlags); err != nil {
			return err
		}
		if in.Stale, err = a.offlineStale(ctx, ws, f.since); err != nil {
			return err
		}
		in.Offline = true
	} else {
		var pl *plan.Plan
		pf := planningFlags{commonFlags: f.commonFlags, gitFlags: gitFlags{since: f.since}}
		if ws, _, pl, err = a.planFor(ctx, pf); err != nil {
			return err
		}
		in.Stale, in.Unmanaged = pl.Stale, pl.UnmanagedTranslations
	}
	in.Tree, in.Required, in.Only = ws.tree, ws.cfg.RequiredLocales, f.locale
	st, err := planner.NewStatus(in)
	if err != nil {
		return err
	}
	return printer(a.stdout, st)
}

// offlineStale reads the stale translations from git alone, with the
// git body cache as plan does; a tree outside git has none that hcsync
// can tell but by source_hash:.
func (a *app) offlineStale(ctx context.Context, ws *workspace, since string) ([]plan.StaleTranslation, error) {
	repo, err := content.OpenRepo(ws.cfg.ContentDir())
	if err != nil {
		return nil, err
	}
	if repo == nil {
		if since != "" {
			return nil, usageError("--since %s: %s is not inside a git repository: run hcsync from a clone, or drop --since", since, relPath(ws.cfg.ContentDir()))
		}
		return staleByHash(ws.tree)
	}
	return a.staleTranslationsCached(ctx, ws, repo, since)
}

func statusPrinter(format string) (func(w io.Writer, st *plan.TranslationStatus) error, error) {
	switch format {
	case "text", "":
		return plan.WriteStatusText, nil
	case "json":
		return plan.WriteStatusJSON, nil
	case "markdown", "md":
		return plan.WriteStatusMarkdown, nil
	}
	return nil, usageError("unknown format %q: use text, json or markdown", format)
}
