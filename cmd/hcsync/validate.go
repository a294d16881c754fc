package main

import (
	"context"
	"fmt"

	"github.com/hcsync/hcsync/sync"
)

func init() {
	commands["validate"] = func(a *app, ctx context.Context, args []string) error {
		var f commonFlags
		fs := a.newFlagSet("validate", "Check hcsync.yaml and the tree offline: front-matter, keys, locales' spelling, ids, files and images that lead out of the content folder. Contacts no help center.")
		f.register(fs)
		if err := parseFlags(fs, args); err != nil {
			return err
		}
		ws, err := a.loadWorkspace(f)
		if err != nil {
			return err
		}
		if ps := sync.CheckImages(ws.tree); len(ps) > 0 {
			return describeProblems(ws.cfg, ps)
		}
		n := 0
		for _, art := range ws.tree.Articles {
			n += len(art.Translations)
		}
		fmt.Fprintf(a.stdout, "%s: %d articles, %d files, %d sections: no problems found.\n", relPath(ws.cfg.ContentDir()), len(ws.tree.Articles), n, len(ws.tree.Sections))
		return nil
	}
}
