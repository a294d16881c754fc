package savedplan

import (
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/hcsync/hcsync/plan"
)

// ReadFunc reads a file of the content folder by its slash path; a
// missing file is an error wrapping fs.ErrNotExist.
type ReadFunc func(path string) ([]byte, error)

// files lists the tree's files p's changes come from, write an id
// into or upload, sorted. Folders (a create-section's "dir/") are not
// files: their _section.md is, when the change writes into it.
func files(p *plan.Plan) []string {
	seen := map[string]bool{}
	add := func(f string) {
		if f != "" && !strings.HasSuffix(f, "/") {
			seen[f] = true
		}
	}
	for _, c := range p.Changes {
		add(c.File)
		add(c.Article)
		if c.Section != nil {
			add(c.Section.IDFile)
		}
		if c.Image != nil {
			add(c.Image.Path)
		}
	}
	out := make([]string, 0, len(seen))
	for f := range seen {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

// SumFiles records the bytes of the files p depends on, as read now.
func SumFiles(p *plan.Plan, read ReadFunc) ([]FileSum, error) {
	out := []FileSum{}
	for _, f := range files(p) {
		s, err := fileSum(f, read)
		if err != nil {
			return nil, err
		}
		out = append(out, FileSum{Path: f, Sum: s})
	}
	return out, nil
}

// fileSum is the checksum of file, "" when it does not exist.
func fileSum(file string, read ReadFunc) (string, error) {
	b, err := read(file)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", nil
	case err != nil:
		return "", fmt.Errorf("%s: %w", file, err)
	}
	return Sum(b), nil
}

// MovedFiles compares the recorded files with the tree now and says,
// one line each, which changed; display turns a content path into the
// path the user sees.
func MovedFiles(recorded []FileSum, read ReadFunc, display func(string) string) ([]string, error) {
	var out []string
	for _, f := range recorded {
		now, err := fileSum(f.Path, read)
		if err != nil {
			return nil, err
		}
		switch {
		case now == f.Sum:
		case f.Sum == "":
			out = append(out, display(f.Path)+" appeared since the plan (it was absent then)")
		case now == "":
			out = append(out, display(f.Path)+" was deleted since the plan")
		default:
			out = append(out, display(f.Path)+" changed since the plan")
		}
	}
	return out, nil
}
