package main

import (
	"errors"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/planner"
	"github.com/spf13/pflag"
)

// targetFlag is --target, given once per file or folder.
type targetFlag []string

func (t *targetFlag) String() string { return strings.Join(*t, ",") }

func (t *targetFlag) Set(v string) error {
	if strings.TrimSpace(v) == "" {
		return errors.New("empty path: give a file or folder of the tree")
	}
	*t = append(*t, v)
	return nil
}

// Type names the value in help: --target PATH.
func (t *targetFlag) Type() string { return "PATH" }

// registerTarget adds --target to fs.
func registerTarget(fs *pflag.FlagSet, t *targetFlag) {
	fs.Var(t, "target", "plan (and apply) only the file or folder PATH of the tree and what it needs: its sections, tags, images, and the ids of the articles it links to (repeatable; PATH is read from the working directory when it exists there, else from the content folder; archives and unmanaged are off)")
}

// resolveTargets turns --target paths into slash paths relative to the
// content folder contentDir (absolute). A path is read from the working
// directory when something is there inside the content folder, as a
// shell completes it ("docs/guides/a.md"), and from the content folder
// otherwise ("guides/a.md"). It also returns each result's path as
// given, for messages.
func resolveTargets(contentDir string, given []string) (targets []string, asGiven map[string]string, err error) {
	asGiven = make(map[string]string, len(given))
	for _, g := range given {
		t, err := resolveTarget(contentDir, g)
		if err != nil {
			return nil, nil, err
		}
		targets = append(targets, t)
		asGiven[t] = g
	}
	return targets, asGiven, nil
}

func resolveTarget(contentDir, given string) (string, error) {
	p := filepath.FromSlash(given)
	abs, err := filepath.Abs(p)
	if err == nil {
		if _, statErr := os.Lstat(abs); statErr == nil {
			if rel, ok := inside(contentDir, abs); ok {
				return rel, nil
			}
			if filepath.IsAbs(p) {
				return "", usageError("--target %s is outside the content folder %s: give a file or folder of the tree", given, relPath(contentDir))
			}
		}
	}
	if filepath.IsAbs(p) {
		return "", usageError("--target %s does not exist: give a file or folder of the content folder %s", given, relPath(contentDir))
	}
	rel := path.Clean(filepath.ToSlash(p))
	if rel == ".." || strings.HasPrefix(rel, "../") {
		return "", usageError("--target %s is outside the content folder %s: give a file or folder of the tree", given, relPath(contentDir))
	}
	return rel, nil
}

// inside returns abs as a slash path relative to dir, when it is in it.
func inside(dir, abs string) (string, bool) {
	rel, err := filepath.Rel(dir, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// checkTargets is the usage error of targets that match nothing of
// tree, naming them as given; nil when each matches something.
func checkTargets(tree *content.Tree, targets []string, asGiven map[string]string) error {
	if len(targets) == 0 {
		return nil
	}
	_, err := planner.ScopeTree(tree, targets)
	var ute *planner.UnmatchedTargetError
	if errors.As(err, &ute) {
		named := make([]string, len(ute.Targets))
		for i, t := range ute.Targets {
			named[i] = asGiven[t]
		}
		return usageError("%w", &planner.UnmatchedTargetError{Targets: named})
	}
	return err
}

// scopedTree is the part of tree targets name (all of it without
// targets), for the reads that need only the folders a plan covers.
func scopedTree(tree *content.Tree, targets []string) *content.Tree {
	if len(targets) == 0 {
		return tree
	}
	if scoped, err := planner.ScopeTree(tree, targets); err == nil {
		return scoped
	}
	return tree
}
