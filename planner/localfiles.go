package planner

import (
	"bytes"
	"errors"
	"fmt"
	"sort"

	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/diag"
	"github.com/hcsync/hcsync/render"
)

// CheckImages finds the local images the bodies of tree show and
// reports, at the line that shows each, those hcsync would refuse to
// read whatever the help center: a path or a link that leads out of the
// content folder, a file that is not a regular one. It needs no help
// center, so validate runs it; a plan finds the same problems (and
// missing or oversized images) while it renders.
func CheckImages(tree *content.Tree) diag.Problems {
	var files []*content.Translation
	for _, a := range tree.Articles {
		files = append(files, a.Translations...)
	}
	checked := newOnceEach[error]()
	out := make([]diag.Problems, len(files))
	forEach(len(files), func(i int) { out[i] = checkImages(tree, files[i], checked) })
	var problems diag.Problems
	for _, ps := range out {
		problems = append(problems, ps...)
	}
	sort.SliceStable(problems, func(i, j int) bool {
		if problems[i].File != problems[j].File {
			return problems[i].File < problems[j].File
		}
		return problems[i].Line < problems[j].Line
	})
	return problems
}

// checkImages is CheckImages for the body of one file; checked holds
// the verdict on each image file, shared by every body that shows it.
func checkImages(tree *content.Tree, t *content.Translation, checked *onceEach[error]) diag.Problems {
	src, err := tree.Body(t)
	if err != nil {
		return diag.Problems{{File: t.Path, Msg: err.Error()}}
	}
	// Most bodies are spared the Markdown parse: every image starts
	// with "![", and when each "![" is a plain ![alt](dest) whose file
	// is fine, no image of the body can be refused.
	dests, plain := plainImages(src)
	if plain {
		refused := false
		for _, dest := range dests {
			file, err := target(t.Path, dest)
			if err != nil || checked.get(file, func() error { return refusedImage(tree.Root, file) }) != nil {
				refused = true
				break
			}
		}
		if !refused {
			return nil
		}
	}
	var problems diag.Problems
	render.Render(src, render.Options{Image: func(dest string, line int) (string, error) {
		file, err := target(t.Path, dest)
		if err == nil {
			err = checked.get(file, func() error { return refusedImage(tree.Root, file) })
		}
		if err != nil {
			problems = append(problems, diag.Problem{File: t.Path, Line: t.BodyLine + line - 1, Msg: fmt.Sprintf("image %q: %v", dest, err)})
		}
		return dest, nil
	}})
	return problems
}

// refusedImage is the error that makes hcsync refuse to read the image
// file, if any: a missing file is for the plan to report.
func refusedImage(root, file string) error {
	err := content.CheckFile(root, file)
	var outside *content.OutsideError
	var special *content.NotRegularError
	if errors.As(err, &outside) || errors.As(err, &special) {
		return err
	}
	return nil
}

// plainImages returns the destination of every "![" of src when each is
// a plain ![alt](dest): alt on one line without brackets, backslashes
// or code, dest without spaces, brackets, parentheses, escapes or
// entities, as Markdown reads it. Then the destinations of the body's
// images are among those returned (a "![" in code gives one more, which
// is harmless). ok is false when some "![" is anything else (a
// reference image, a title, <dest>): the body must be parsed.
func plainImages(src []byte) (dests []string, ok bool) {
	for {
		i := bytes.Index(src, []byte("!["))
		if i < 0 {
			return dests, true
		}
		src = src[i+2:]
		end := bytes.IndexByte(src, ']')
		if end < 0 || bytes.ContainsAny(src[:end], "[\\`\n\r") || end+1 >= len(src) || src[end+1] != '(' {
			return nil, false
		}
		src = src[end+2:]
		close := bytes.IndexByte(src, ')')
		if close < 0 || bytes.ContainsAny(src[:close], " \t\n\r<>()[]\\&\"'?#") {
			return nil, false
		}
		dests = append(dests, string(src[:close]))
		src = src[close+1:]
	}
}
