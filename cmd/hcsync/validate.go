package main

import (
	"context"
	"fmt"
)

func init() {
	commands["validate"] = func(a *app, ctx context.Context, args []string) error {
		var f commonFlags
		fs := a.newFlagSet("validate", "Check hcsync.yaml and the tree offline: front-matter, keys, locales' spelling, ids. Contacts no help center.")
		f.register(fs)
		f.registerAll(fs)
		if err := parseFlags(fs, args); err != nil {
			return err
		}
		ws, err := a.loadWorkspace(f)
		if err != nil {
			return err
		}
		n := 0
		for _, art := range ws.tree.Articles {
			n += len(art.Translations)
		}
		fmt.Fprintf(a.stdout, "%s: %d articles, %d files, %d sections: no problems found.\n", relPath(ws.cfg.ContentDir()), len(ws.tree.Articles), n, len(ws.tree.Sections))
		return nil
	}
}
