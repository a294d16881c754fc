package planner

import (
	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/remote"
)

// OfflineLinks resolves the relative links and local images of a tree's
// bodies the way the planner does, without a help center: to the file
// of the tree each one reaches. It is for readers of the tree that want
// the planner's verdicts (a dead link with its "did you mean", a link to
// a file that is not an article, an image that is missing or leads out
// of the content folder) without planning, such as hcsync preview.
//
// Its methods are safe for concurrent use.
type OfflineLinks struct {
	l *linker
}

// NewOfflineLinks prepares the link resolution of tree.
func NewOfflineLinks(tree *content.Tree) *OfflineLinks {
	// A planner with every article bound to nothing remote: linkFile
	// then names, through a placeholder, the translation a reader
	// reaches, by the rules a plan resolves links with.
	pl := &planner{tree: tree, remote: &remote.State{}}
	pl.managed = make([]managedArticle, len(tree.Articles))
	for i, a := range tree.Articles {
		pl.managed[i] = managedArticle{file: a}
	}
	return &OfflineLinks{l: newLinker(pl)}
}

// Link returns the translation file (a slash path relative to the
// tree's root) that the relative link dest, written in the body of t,
// reaches: for a link to a source file, its translation in t's locale
// when there is one. dest is as render.Options.Link receives it. The
// error is the one a plan reports for the link.
func (o *OfflineLinks) Link(t *content.Translation, dest string) (string, error) {
	file, err := target(t.Path, dest)
	if err != nil {
		return "", err
	}
	r := &refs{}
	if _, err := o.l.linkFile(t, dest, file, r); err != nil {
		return "", err
	}
	for _, reached := range r.links {
		return reached, nil
	}
	return file, nil // not reached: every article is bound
}

// Image returns the image file (a slash path relative to the tree's
// root) that the relative image source dest, written in the body of t,
// shows, and the error a plan reports for it whatever the help center:
// the file is missing, not a regular file, or leads out of the content
// folder. Limits of a provider (size, type) are not checked.
func (o *OfflineLinks) Image(t *content.Translation, dest string) (string, error) {
	file, err := target(t.Path, dest)
	if err != nil {
		return "", err
	}
	if info := o.l.readImage(file); info.err != nil {
		return "", info.err
	}
	return file, nil
}
