package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync"

	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/plan"
)

// applyResult is the file apply --result-file writes: what the apply did
// to the help center and which ids it wrote into which files. The Action
// reads it to decide whether the apply counts as done and to write the
// same ids into a newer commit of the branch (write-ids).
type applyResult struct {
	SchemaVersion int `json:"schema_version"`
	Applied       int `json:"applied"`
	Failed        int `json:"failed"`
	Skipped       int `json:"skipped"`
	// RemovalsNotApplied counts the archive and delete-translation
	// changes that failed or were skipped: the only changes a later plan
	// cannot find again by itself (they come from git since a ref), so
	// the Action moves its record past this apply only when it is 0.
	RemovalsNotApplied int `json:"removals_not_applied"`
	// IDs are the id write-backs that succeeded, by file (a slash path
	// relative to the content folder), sorted by file.
	IDs []writtenID `json:"ids"`
}

type writtenID struct {
	File string `json:"file"`
	ID   string `json:"id"`
}

// writtenIDs collects the ids apply wrote; the executor calls WriteID
// from several goroutines.
type writtenIDs struct {
	mu  sync.Mutex
	ids []writtenID
}

func (w *writtenIDs) add(file, id string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.ids = append(w.ids, writtenID{File: file, ID: id})
}

// writeResultFile writes --result-file, when given.
func writeResultFile(path string, r *plan.Report, w *writtenIDs) error {
	if path == "" {
		return nil
	}
	w.mu.Lock()
	ids := append([]writtenID{}, w.ids...)
	w.mu.Unlock()
	sort.Slice(ids, func(i, j int) bool { return ids[i].File < ids[j].File })
	res := applyResult{SchemaVersion: 1, Applied: r.Applied, Failed: r.Failed, Skipped: r.Skipped, IDs: ids}
	for _, x := range r.Results {
		if (x.Action == plan.ActionArchive || x.Action == plan.ActionDeleteTranslation) && x.Status != plan.StatusApplied {
			res.RemovalsNotApplied++
		}
	}
	data, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("--result-file: %w", err)
	}
	return nil
}

type writeIDsFlags struct {
	config string
	from   string
}

// writeIDs re-applies recorded id write-backs. It edits only the id:
// line (content.WriteID), so it lands cleanly on a commit where a writer
// changed the same file meanwhile, where a rebase of the id commit would
// conflict. A file that is gone in this checkout is reported and
// skipped: the next plan adopts its article by title.
func (a *app) writeIDs(f writeIDsFlags) error {
	cfg, err := loadConfig(commonFlags{config: f.config})
	if err != nil {
		return err
	}
	data, err := os.ReadFile(f.from)
	if err != nil {
		return fmt.Errorf("--from: %w", err)
	}
	var res applyResult
	if err := json.Unmarshal(data, &res); err != nil {
		return fmt.Errorf("--from %s: not a file apply --result-file wrote: %w", f.from, err)
	}
	root := cfg.ContentDir()
	failed := 0
	for _, w := range res.IDs {
		path := filepath.Join(root, filepath.FromSlash(w.File))
		// A section's id goes into its folder, which needs no file yet.
		must := path
		if isSectionIDFile(w.File) {
			must = filepath.Dir(path)
		}
		if _, err := os.Stat(must); errors.Is(err, fs.ErrNotExist) {
			fmt.Fprintf(a.stderr, "warning: %s: gone in this checkout, id %s not written: the next plan adopts the article by its title, or add id: %s to its new file\n", relPath(path), w.ID, w.ID)
			continue
		}
		if err := content.WriteID(path, w.ID); err != nil {
			fmt.Fprintf(a.stderr, "%s: %v\n", relPath(path), err)
			failed++
			continue
		}
		fmt.Fprintf(a.stdout, "%s: id %s\n", relPath(path), w.ID)
	}
	if failed > 0 {
		return fmt.Errorf("%d id(s) not written: add them by hand as above, or the next plan adopts the articles by title", failed)
	}
	return nil
}

// isSectionIDFile reports whether file is a folder's _section.md or
// _category.md, which WriteID creates when the folder has none.
func isSectionIDFile(file string) bool {
	base := filepath.Base(filepath.FromSlash(file))
	return base == "_section.md" || base == "_category.md"
}
