package content

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// Nothing outside the content folder is ever read through the tree: a
// link committed as images/env.png -> /proc/self/environ would otherwise
// publish whatever it points at. Links are resolved and their real path
// compared with the content folder's own real path (the folder may be a
// link itself); links whose target is inside the tree are followed.

// OutsideError is a file of the tree that is a link to something
// outside the content folder.
type OutsideError struct {
	Target string // the real path the link leads to
}

func (e *OutsideError) Error() string {
	return fmt.Sprintf("points outside the content folder (-> %s): copy the file into the tree", e.Target)
}

// NotRegularError is a file of the tree that is not a regular file: a
// named pipe would block the read, a device would never end it.
type NotRegularError struct {
	Mode fs.FileMode
}

func (e *NotRegularError) Error() string {
	return fmt.Sprintf("not a regular file (%s): hcsync reads only files", kindOf(e.Mode))
}

// kindOf names the type of a file that is not a regular one.
func kindOf(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSymlink != 0:
		return "a link"
	}
	return "a special file"
}

// inside reports whether real, a path with no links left in it, is the
// folder root (also resolved) or beneath it.
func inside(root, real string) bool {
	if !strings.HasPrefix(real, root) {
		return false
	}
	return len(real) == len(root) || os.IsPathSeparator(root[len(root)-1]) || os.IsPathSeparator(real[len(root)])
}

// resolve returns the real path of the file rel (a slash path) of the
// content folder root, and that of root, or an OutsideError when the
// file's real path is not inside root's.
func resolve(root, rel string) (realRoot, real string, err error) {
	realRoot, err = filepath.EvalSymlinks(root)
	if err != nil {
		return "", "", err
	}
	real, err = filepath.EvalSymlinks(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		return "", "", err
	}
	if !inside(realRoot, real) {
		return "", "", &OutsideError{Target: real}
	}
	return realRoot, real, nil
}

// ReadFile reads the file rel (a slash path) of the content folder root:
// an image to upload, a sidecar. A file whose real path is outside the
// folder gives an OutsideError, one that is not a regular file a
// NotRegularError, a missing one an error that is fs.ErrNotExist. The
// file is opened beneath the folder (os.Root), so a link swapped in
// between the check and the read cannot lead out of it either.
func ReadFile(root, rel string) ([]byte, error) {
	realRoot, real, err := resolve(root, rel)
	if err != nil {
		return nil, err
	}
	name, err := filepath.Rel(realRoot, real)
	if err != nil {
		return nil, err
	}
	r, err := os.OpenRoot(realRoot)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	// Lstat: name has no link left in it, so a link here was swapped in.
	info, err := r.Lstat(name)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &NotRegularError{Mode: info.Mode()}
	}
	// O_NONBLOCK: should a named pipe be swapped in after the Lstat,
	// opening it does not wait for a writer; the Stat below refuses it.
	f, err := r.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	opened, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !opened.Mode().IsRegular() {
		return nil, &NotRegularError{Mode: opened.Mode()}
	}
	return io.ReadAll(f)
}

// CheckFile reports, without reading it, what ReadFile would refuse of
// the file rel of the content folder root: an OutsideError, a
// NotRegularError, or an error that is fs.ErrNotExist.
func CheckFile(root, rel string) error {
	_, real, err := resolve(root, rel)
	if err != nil {
		return err
	}
	info, err := os.Lstat(real)
	if err != nil {
		return err
	}
	if !info.Mode().IsRegular() {
		return &NotRegularError{Mode: info.Mode()}
	}
	return nil
}

// checkLink looks at the link name in the folder at path, for walk. It returns the problem of a
// link to outside the tree, or of a dangling link or one to something
// other than a file when md (a file of the tree) is set, and whether a
// file of the tree is to be read through it. Links that are not part of
// the tree (an image, a folder inside the tree) are not followed: an
// image is checked where an article shows it.
func checkLink(realRoot, path, name string, md bool) (problem string, read bool) {
	link := osJoin(path, name)
	real, err := filepath.EvalSymlinks(link)
	switch {
	case err != nil && !md:
		return "", false
	case errors.Is(err, fs.ErrNotExist):
		target, _ := os.Readlink(link)
		return fmt.Sprintf("link to %s, which does not exist: remove the link or restore its target", filepath.ToSlash(target)), false
	case err != nil:
		return fmt.Sprintf("cannot read the file: %v", unwrapPath(err)), false
	}
	info, err := os.Stat(real)
	if err != nil {
		if md {
			return fmt.Sprintf("cannot read the file: %v", unwrapPath(err)), false
		}
		return "", false
	}
	if !inside(realRoot, real) {
		switch {
		case md:
			return (&OutsideError{Target: real}).Error(), false
		case info.IsDir():
			return fmt.Sprintf("points outside the content folder (-> %s): copy the folder into the tree", real), false
		}
		return "", false
	}
	if !md {
		return "", false
	}
	// A link to a folder named like a file is left to the read, which
	// says it is a folder.
	if !info.Mode().IsRegular() && !info.IsDir() {
		return (&NotRegularError{Mode: info.Mode()}).Error(), false
	}
	return "", true
}

// unwrapPath drops the path from a *fs.PathError: problems name the file
// already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
