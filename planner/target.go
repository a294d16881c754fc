package planner

import (
	"fmt"
	"path"
	"strings"

	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/plan"
)

// A plan with Options.Targets covers only the articles the targets name
// and what they need: the folders they sit in (and the section: they
// name), with their parents; the tags they name; the images they show.
// The rest of the tree is still read for one thing: a link from a
// target to an article outside it becomes that article's URL when the
// file's id: names an article of the help center, and a problem when it
// does not, since the article it would create is not planned. Archives,
// deleted translations and redirect rules removed since --since (prune)
// and the lists of what no file claims are left out: each is a fact
// about the whole tree, which a scoped plan has not looked at.
//
// Decisions the brief left open:
//   - a translation file as a target names its whole article (the
//     source and every translation): they are one article remotely;
//   - a _section.md or _category.md as a target names its folder's
//     section alone, without its articles; a folder names every article
//     and folder under it;
//   - an article outside the targets is bound by its id: only, never
//     adopted by title, so a link to one without an id is a problem.

// UnmatchedTargetError is the error of targets that name no article or
// folder of the tree.
type UnmatchedTargetError struct {
	Targets []string
}

func (e *UnmatchedTargetError) Error() string {
	quoted := make([]string, len(e.Targets))
	for i, t := range e.Targets {
		quoted[i] = fmt.Sprintf("%q", t)
	}
	return fmt.Sprintf("--target %s %s no article or folder of the tree: give a file or folder of the content folder", strings.Join(quoted, ", "), plan.Plural(len(e.Targets), "matches", "match"))
}

// ScopeTree returns the part of tree that targets (slash paths relative
// to the tree's root; "." is all of it) name: their articles and the
// folders those need. The result shares its articles and sections with
// tree. A target that names nothing is an *UnmatchedTargetError.
func ScopeTree(tree *content.Tree, targets []string) (*content.Tree, error) {
	bySection := make(map[string]*content.Section, len(tree.Sections))
	for _, s := range tree.Sections {
		bySection[s.Dir] = s
	}
	articles := map[*content.Article]bool{}
	sections := map[string]bool{}
	var unmatched []string
	for _, raw := range targets {
		t := cleanTarget(raw)
		found := false
		for _, a := range tree.Articles {
			if names(t, a) {
				articles[a] = true
				found = true
			}
		}
		for _, s := range tree.Sections {
			if t == "." || s.Dir == t || strings.HasPrefix(s.Dir, t+"/") || s.File == t {
				sections[s.Dir] = true
				found = true
			}
		}
		if !found {
			unmatched = append(unmatched, raw)
		}
	}
	if len(unmatched) > 0 {
		return nil, &UnmatchedTargetError{Targets: unmatched}
	}
	for a := range articles {
		sections[a.Dir] = true
		if dir := sectionDir(tree, a); dir != "" {
			sections[dir] = true
		}
	}
	// Each folder's parents: a new section is created inside them.
	for dir := range sections {
		for s := bySection[dir]; s != nil && s.Parent != ""; s = bySection[s.Parent] {
			sections[s.Parent] = true
		}
	}
	scoped := *tree
	scoped.Articles = nil
	for _, a := range tree.Articles {
		if articles[a] {
			scoped.Articles = append(scoped.Articles, a)
		}
	}
	scoped.Sections = nil
	for _, s := range tree.Sections {
		if sections[s.Dir] {
			scoped.Sections = append(scoped.Sections, s)
		}
	}
	return &scoped, nil
}

// cleanTarget is a target as the tree's paths are written.
func cleanTarget(t string) string {
	t = path.Clean(strings.ReplaceAll(t, "\\", "/"))
	return strings.TrimPrefix(t, "./")
}

// names reports whether target t names a.
func names(t string, a *content.Article) bool {
	if t == "." || strings.HasPrefix(a.Path, t+"/") {
		return true
	}
	for _, tr := range a.Translations {
		if tr.Path == t {
			return true
		}
	}
	return false
}

// sectionDir is the folder of the tree a's section: names, as
// articleSection finds it; "" when it names none (or a remote one).
func sectionDir(tree *content.Tree, a *content.Article) string {
	v := strings.Trim(strings.TrimSpace(a.Section), "/")
	if v == "" {
		return ""
	}
	if s := treeSection(tree, v); s != nil {
		return s.Dir
	}
	return ""
}

// whole is the tree the plan's links resolve in: all of it, also when
// the plan is scoped.
func (pl *planner) whole() *content.Tree {
	if pl.all != nil {
		return pl.all
	}
	return pl.tree
}

// scope narrows the plan to opts.Targets, when set: pl.tree becomes the
// scoped tree, and prune is off.
func (pl *planner) scope() error {
	if len(pl.opts.Targets) == 0 {
		return nil
	}
	scoped, err := ScopeTree(pl.tree, pl.opts.Targets)
	if err != nil {
		return err
	}
	pl.all, pl.tree = pl.tree, scoped
	pl.opts.Prune = false
	targets := make([]string, len(pl.opts.Targets))
	for i, t := range pl.opts.Targets {
		targets[i] = cleanTarget(t)
	}
	pl.plan.Scope = &plan.Scope{Targets: targets, Articles: len(scoped.Articles), Of: len(pl.all.Articles)}
	in := make(map[string]bool)
	for _, a := range scoped.Articles {
		in[a.Path] = true
	}
	stale := pl.plan.Stale[:0:0]
	for _, s := range pl.plan.Stale {
		if in[s.Article] {
			stale = append(stale, s)
		}
	}
	pl.plan.Stale = stale
	return nil
}

// bindOutside binds the articles outside the targets by their id: only,
// for the links of the targets' bodies, and claims what they are bound
// to so no target adopts it.
func (pl *planner) bindOutside() {
	if pl.all == nil {
		return
	}
	in := make(map[*content.Article]bool, len(pl.tree.Articles))
	for _, a := range pl.tree.Articles {
		in[a] = true
	}
	for _, a := range pl.all.Articles {
		if in[a] {
			continue
		}
		m := managedArticle{file: a, outside: true}
		if ra, ok := pl.remoteByID[a.ID]; ok && a.ID != "" {
			m.remote = ra
			pl.claimed[a.ID] = a.Path
		}
		pl.outside = append(pl.outside, m)
	}
}
