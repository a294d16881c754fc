package planner

import (
	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/diag"
	"github.com/hcsync/hcsync/remote"
	"github.com/hcsync/hcsync/render"
)

// CheckOptions tune Check.
type CheckOptions struct {
	// Broken names the files (slash paths in the tree) whose own problems
	// were reported already and which the tree therefore lacks, such as
	// a file whose front-matter does not parse: a link to one is not
	// reported again as a link to a file that is not an article.
	Broken map[string]bool
	// Profile names the HTML profile of the service the tree is for
	// (providers.Capabilities.HTMLProfile): what its Check finds (HTML
	// the service rejects) is reported too. "" = the default profile,
	// which rejects nothing.
	Profile string
}

// Check returns the problems of tree that the files alone show, the
// ones NewPlan finds while rendering and that need no help center: a
// relative link to a file that does not exist or is not an article, a
// local image that does not exist, a link to a heading its page does not
// have, and HTML the profile's service rejects. validate runs it, so
// that a tree it passes plans without them.
//
// What depends on the help center itself (a locale it has not enabled,
// its sections, image sizes and types it refuses) is the plan's to
// report.
func Check(tree *content.Tree, opts CheckOptions) diag.Problems {
	pl := &planner{tree: tree, remote: &remote.State{}, profile: render.Lookup(opts.Profile)}
	pl.links = newLinker(pl)
	var jobs []*content.Translation
	for _, a := range tree.Articles {
		jobs = append(jobs, a.Translations...)
	}
	out := make([][]diag.Problem, len(jobs))
	forEach(len(jobs), func(i int) { out[i] = pl.checkBody(jobs[i], opts) })
	var problems diag.Problems
	for _, ps := range out {
		problems = append(problems, ps...)
	}
	problems.Sort()
	return problems
}

// checkBody renders t with resolvers that only ask whether the files
// exist, and checks its #fragments.
func (pl *planner) checkBody(t *content.Translation, opts CheckOptions) []diag.Problem {
	src, err := pl.tree.Body(t)
	if err != nil {
		return []diag.Problem{{File: t.Path, Msg: err.Error()}}
	}
	r := &refs{}
	res := render.Render(src, render.Options{
		Profile: pl.profile,
		Link: func(dest string, _ int) (string, error) {
			file, err := target(t.Path, dest)
			if err != nil || opts.Broken[file] {
				return dest, err
			}
			// Without a help center every target is unbound, so
			// linkFile only checks that the file is an article.
			return pl.links.linkFile(t, dest, file, r)
		},
		Image: func(dest string, _ int) (string, error) {
			file, err := target(t.Path, dest)
			if err != nil {
				return dest, err
			}
			return dest, pl.links.readImage(file).err
		},
	})
	var problems []diag.Problem
	for _, p := range res.Problems {
		line := 0
		if p.Line > 0 {
			line = t.BodyLine + p.Line - 1
		}
		problems = append(problems, diag.Problem{File: t.Path, Line: line, Msg: p.Msg})
	}
	anchors, _ := pl.links.checkFragments(t, res)
	return append(problems, anchors...)
}
