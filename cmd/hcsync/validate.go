package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/diag"
	"github.com/hcsync/hcsync/planner"
)

// validate checks the tree offline and says what it holds when it
// finds no problem.
func (a *app) validate(f commonFlags) error {
	ws, err := newWorkspace(f)
	if err != nil {
		return err
	}
	// Bodies are kept (not lazyBodies): validate reads every one.
	if err := validate(a, ws); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "%s: %s: no problems found.\n", relPath(ws.cfg.ContentDir()), treeCounts(ws.tree))
	return nil
}

// validate returns every problem the tree alone shows, in one list: those
// of loading (front-matter, keys, ids) and those of its bodies (links,
// anchors, images).
func validate(a *app, ws *workspace) error {
	// The config's readiness for its provider comes first: a starter
	// config is what a new user validates.
	cps, warnings := ws.cfg.CheckProvider()
	a.printWarnings(ws, warnings)
	err := a.loadTree(ws)
	var ps diag.Problems
	switch {
	case err == nil:
		return withBodyProblems(ws, cps)
	case errors.As(err, &ps) && ws.tree != nil:
		return withBodyProblems(ws, append(cps, ps...))
	}
	return err
}

// loadTreeChecked is loadTree for plan: when files have problems, the
// problems of the other files' bodies come with them, so that fixing the
// first does not reveal the next. A sound tree's bodies are the
// planner's to check, while it renders them.
func (a *app) loadTreeChecked(ws *workspace) error {
	err := a.loadTree(ws)
	var ps diag.Problems
	if errors.As(err, &ps) && ws.tree != nil {
		return withBodyProblems(ws, ps)
	}
	return err
}

// withBodyProblems returns problems, found while loading (and named from
// where the user stands), with those planner.Check and planner.CheckImages
// find in the bodies of the files that loaded. A file that does not load
// is left out of the tree, so a problem in one file never hides one in
// another.
func withBodyProblems(ws *workspace, problems diag.Problems) error {
	rel := relPath(ws.cfg.ContentDir())
	broken := map[string]bool{}
	for _, p := range problems {
		// loadTree named the files from where the user stands; Check
		// names them in the tree.
		if r, err := filepath.Rel(rel, filepath.FromSlash(p.File)); err == nil && !strings.HasPrefix(r, "..") {
			broken[filepath.ToSlash(r)] = true
		}
	}
	// Each provider registers its HTML profile under its own id
	// (Capabilities.HTMLProfile), and the profile is what validate needs
	// of it: building the provider would ask for credentials.
	opts := planner.CheckOptions{Broken: broken, Profile: ws.cfg.Provider}
	more := planner.Check(ws.tree, opts)
	more = append(more, planner.CheckImages(ws.tree)...)
	problems = append(problems, relProblems(ws.cfg, more)...)
	if len(problems) == 0 {
		return nil
	}
	problems.Sort()
	problems = slices.Compact(problems)
	return problemList{ps: problems, all: ws.all}
}

// treeCounts says what the tree holds: "9 articles, 16 files, 4 sections
// and 2 categories".
func treeCounts(tree *content.Tree) string {
	files, categories := 0, 0
	for _, art := range tree.Articles {
		files += len(art.Translations)
	}
	for _, s := range tree.Sections {
		if s.Category {
			categories++
		}
	}
	out := fmt.Sprintf("%s, %s, %s", count(len(tree.Articles), "article", "articles"),
		count(files, "file", "files"), count(len(tree.Sections)-categories, "section", "sections"))
	if categories > 0 {
		out += " and " + count(categories, "category", "categories")
	}
	return out
}

// count is n and the noun in the number n takes: "1 article", "2 articles".
func count(n int, one, many string) string {
	return fmt.Sprintf("%d %s", n, plural(n, one, many))
}
