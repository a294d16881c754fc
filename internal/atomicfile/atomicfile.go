// Package atomicfile replaces files whole: data goes to a temporary file
// beside the target, which a rename then puts in place, so that a reader,
// or a crash, sees the old file or the new one and never half of one.
package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
)

// Write replaces path with data, mode perm whatever the umask, making
// its folder if missing. Errors name path, never the temporary file.
func Write(path string, data []byte, perm fs.FileMode) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return err
	}
	defer root.Close()
	if err := WriteIn(root, filepath.Base(path), data, perm); err != nil {
		return &fs.PathError{Op: "write", Path: path, Err: err}
	}
	return nil
}

// WriteIn is Write for name inside root: nothing is written outside it,
// through a link or "..". Its errors leave every name out (the caller
// names the file, which may be one of many).
func WriteIn(root *os.Root, name string, data []byte, perm fs.FileMode) error {
	dir := filepath.Dir(name)
	if err := root.MkdirAll(dir, 0o755); err != nil {
		return err // names the folder in the way
	}
	tmp, f, err := createTemp(root, filepath.Join(dir, "."+filepath.Base(name)), perm)
	if err != nil {
		return bare(err)
	}
	_, werr := f.Write(data)
	merr := f.Chmod(perm)
	cerr := f.Close()
	if err := errors.Join(werr, merr, cerr); err != nil {
		root.Remove(tmp)
		return bare(err)
	}
	if err := root.Rename(tmp, name); err != nil {
		root.Remove(tmp)
		return bare(err)
	}
	return nil
}

// createTemp is os.CreateTemp for an os.Root, which has none: a new
// file named prefix, a random number and ".tmp".
func createTemp(root *os.Root, prefix string, perm fs.FileMode) (string, *os.File, error) {
	for range 100 {
		name := prefix + "." + strconv.FormatUint(rand.Uint64(), 36) + ".tmp"
		f, err := root.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return name, f, err
	}
	return "", nil, fmt.Errorf("cannot create a temporary file beside %s", prefix)
}

// bare is err without the path an os call adds to it: the temporary
// file's name means nothing to the person who reads the error.
func bare(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
