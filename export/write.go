package export

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/hcsync/hcsync/internal/atomicfile"
)

// Write puts the tree's files under dir. Each file is written to a
// temporary file and renamed into place, so a failure half-way leaves
// whole files only; a path that would leave dir is refused, and so is
// one through a folder that is a link out of dir (export --force into a
// folder that holds links): nothing is written outside dir. A file that
// is a link is replaced, not written through. An error names what the
// file holds (the article) and where it was going.
func (r *Result) Write(dir string) error {
	for _, f := range r.Files {
		if !filepath.IsLocal(filepath.FromSlash(f.Path)) {
			return fmt.Errorf("%srefusing to write %s outside %s", of(f), f.Path, dir)
		}
		if err := linkedOut(dir, path.Dir(f.Path)); err != nil {
			return fmt.Errorf("%s: %w", f.Path, err)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return err
	}
	defer root.Close()
	for _, f := range r.Files {
		if err := atomicfile.WriteIn(root, filepath.FromSlash(f.Path), f.Data, 0o644); err != nil {
			return fmt.Errorf("%swrite %s: %w", of(f), filepath.Join(dir, filepath.FromSlash(f.Path)), err)
		}
	}
	return nil
}

// of is what f holds and ": ", or "" for a file of the tree itself.
func of(f File) string {
	if f.Of == "" {
		return ""
	}
	return f.Of + ": "
}

// linkedOut returns an error naming the first folder on the slash path
// rel under dir that is a link leading out of dir. Writes go through an
// os.Root, which refuses such a path anyway; this says which folder it
// is and what to do.
func linkedOut(dir, rel string) error {
	realDir, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return nil // dir is made by the write
	}
	p := ""
	for _, seg := range strings.Split(rel, "/") {
		if seg == "." {
			break
		}
		p = path.Join(p, seg)
		full := filepath.Join(dir, filepath.FromSlash(p))
		info, err := os.Lstat(full)
		if err != nil {
			return nil // the rest is made by the write
		}
		if info.Mode()&os.ModeSymlink == 0 {
			continue
		}
		real, err := filepath.EvalSymlinks(full)
		if err != nil {
			return fmt.Errorf("%s is a link to a folder that does not exist: remove the link", p)
		}
		if r, err := filepath.Rel(realDir, real); err != nil || !filepath.IsLocal(r) {
			return fmt.Errorf("%s points outside the folder (-> %s): remove the link, or export elsewhere", p, real)
		}
	}
	return nil
}
