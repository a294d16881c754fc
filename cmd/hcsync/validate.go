package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/sync"
)

func init() {
	commands["validate"] = func(a *app, ctx context.Context, args []string) error {
		var f commonFlags
		fs := a.newFlagSet("validate", "Check hcsync.yaml and the tree offline: front-matter, keys, locales' spelling, ids, files and images that lead out of the content folder. Contacts no help center.")
		f.register(fs)
		f.registerAll(fs)
		if err := parseFlags(fs, args); err != nil {
			return err
		}
		ws, err := a.loadWorkspace(f)
		var problems content.Problems
		isProblems := errors.As(err, &problems)
		if err != nil && (!isProblems || ws == nil || ws.tree == nil) {
			return err
		}
		// Every problem in one run: the images of the files that loaded
		// are checked even when others did not.
		if ps := sync.CheckImages(ws.tree); len(ps) > 0 {
			problems = append(problems, relProblems(ws.cfg, ps)...)
			problems.Sort()
		}
		if len(problems) > 0 {
			return problemList{ps: problems, all: ws.all}
		}
		n := 0
		for _, art := range ws.tree.Articles {
			n += len(art.Translations)
		}
		fmt.Fprintf(a.stdout, "%s: %d articles, %d files, %d sections: no problems found.\n", relPath(ws.cfg.ContentDir()), len(ws.tree.Articles), n, len(ws.tree.Sections))
		return nil
	}
}
