package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/hcsync/hcsync/config"
	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/savedplan"
	"github.com/spf13/pflag"
)

// savePlan writes pl to path (plan --out) with what it was made from:
// the config's bytes, the bytes of the files its changes come from, and
// the help center's state of what they touch (package savedplan).
func savePlan(path string, ws *workspace, pl *plan.Plan) error {
	cfgBytes, err := os.ReadFile(ws.cfg.File)
	if err != nil {
		return fmt.Errorf("--out %s: reading the config: %w", path, err)
	}
	files, err := savedplan.SumFiles(pl, contentReader(ws.cfg))
	if err != nil {
		return fmt.Errorf("--out %s: %w", path, err)
	}
	sf := &savedplan.File{
		Hcsync:    version,
		CreatedAt: time.Now().UTC().Truncate(time.Second),
		ConfigSum: savedplan.Sum(cfgBytes),
		Files:     files,
		Remote:    savedplan.Observe(pl, ws.live.Articles, ws.live.Sections),
		// What a re-read one by one is weighed against.
		ListedArticles: len(ws.live.Articles),
		Plan:           pl,
	}
	return savedplan.Write(path, sf)
}

// contentReader reads the files of the content folder the way apply
// does: beneath the folder, never through a link out of it.
func contentReader(cfg *config.Config) savedplan.ReadFunc {
	root := cfg.ContentDir()
	return func(file string) ([]byte, error) { return content.ReadFile(root, file) }
}

// planningOnly are apply's flags that make a plan: a saved plan was
// made with its own, so they have nothing to say to apply FILE.
var planningOnly = []string{"since", "prune", "target", "forget-ids", "drift-base", "json-file", "fail-on-drift", "fail-on-stale", "fail-on-missing"}

// applySaved applies the plan saved at path by plan --out, exactly as
// saved, once nothing it was made from moved: the config, the tree's
// files its changes come from, and the help center's objects they touch.
// It does not ask for confirmation: the plan was reviewed.
func (a *app) applySaved(ctx context.Context, path string, f applyFlags) error {
	for _, name := range planningOnly {
		if f.set[name] {
			return usageError("--%s: a saved plan is applied as it was made: give planning flags to hcsync plan --out instead", name)
		}
	}
	if f.format != "text" && f.format != "json" {
		return usageError("unknown format %q: use text or json", f.format)
	}
	sf, err := savedplan.Read(path)
	if err != nil {
		return err
	}
	ws, err := newWorkspace(f.commonFlags)
	if err != nil {
		return err
	}
	if err := checkSavedConfig(path, sf, ws.cfg); err != nil {
		return err
	}
	if !f.dryRun {
		lock, err := lockApply(f.commonFlags)
		if err != nil {
			return err
		}
		defer lock.Release()
	}
	p, err := a.provider(ws, f.commonFlags)
	if err != nil {
		return err
	}
	if err := checkSavedMoved(ctx, path, sf, ws.cfg, p); err != nil {
		return err
	}
	pl := sf.Plan
	if !f.dryRun {
		if err := plan.CheckArchiveCap(pl, f.archiveCap(ws.cfg)); err != nil {
			return err
		}
	}
	if f.format == "text" {
		verb := "Applying"
		if f.dryRun {
			verb = "--dry-run, nothing written: would apply"
		}
		fmt.Fprintf(a.stdout, "%s the plan saved in %s at %s: %d change(s); nothing it was made from changed since.\n",
			verb, path, sf.CreatedAt.Format(time.RFC3339), len(pl.Changes))
	}
	return a.execute(ctx, ws, p, pl, f)
}

// checkSavedConfig refuses a plan made for another provider or with
// another hcsync.yaml (another help center, other defaults).
func checkSavedConfig(path string, sf *savedplan.File, cfg *config.Config) error {
	if sf.Plan.Provider != cfg.Provider {
		return fmt.Errorf("%s was made for provider %s, and %s says %s: apply it with the config it was made with, or re-run hcsync plan --out",
			path, sf.Plan.Provider, relPath(cfg.File), cfg.Provider)
	}
	b, err := os.ReadFile(cfg.File)
	if err != nil {
		return fmt.Errorf("reading %s: %w", cfg.File, err)
	}
	if savedplan.Sum(b) != sf.ConfigSum {
		return fmt.Errorf("%s changed since the plan in %s was made (it names the help center and how files map to it): re-run hcsync plan --out %s",
			relPath(cfg.File), path, path)
	}
	return nil
}

// checkSavedMoved refuses the plan, naming each, when a file it comes
// from or a remote object it touches changed since it was made.
func checkSavedMoved(ctx context.Context, path string, sf *savedplan.File, cfg *config.Config, p providers.Provider) error {
	rel := relPath(cfg.ContentDir())
	display := func(file string) string { return filepath.ToSlash(filepath.Join(rel, filepath.FromSlash(file))) }
	moved, err := savedplan.MovedFiles(sf.Files, contentReader(cfg), display)
	if err != nil {
		return err
	}
	arts, secs, err := savedplan.Reread(ctx, p, sf)
	if err != nil {
		return err
	}
	moved = append(moved, savedplan.Moved(sf.Remote, arts, secs)...)
	if len(moved) == 0 {
		return nil
	}
	return fmt.Errorf("the plan in %s is out of date, nothing was written:\n  %s\n"+
		"(if this plan was applied already, that apply made these changes: a saved plan is applied once)\n"+
		"re-run hcsync plan --out %s, review it, and apply that",
		path, strings.Join(moved, "\n  "), path)
}

// setFlags are the names of the flags given on the command line.
func setFlags(fs *pflag.FlagSet) map[string]bool {
	set := map[string]bool{}
	fs.Visit(func(f *pflag.Flag) { set[f.Name] = true })
	return set
}
