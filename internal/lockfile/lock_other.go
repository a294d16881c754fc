//go:build !unix && !windows

package lockfile

import (
	"errors"
	"io/fs"
	"os"
	"time"
)

// lock creates path+".held" exclusively: these systems have no advisory
// lock, so a killed holder leaves that file behind and it must be
// deleted by hand (the HeldError names the lock file).
func lock(f *os.File, wait bool) (bool, error) {
	for {
		h, err := os.OpenFile(f.Name()+".held", os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if err == nil {
			return true, h.Close()
		}
		if !errors.Is(err, fs.ErrExist) {
			return false, err
		}
		if !wait {
			return false, nil
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func unlock(f *os.File) { _ = os.Remove(f.Name() + ".held") }

func release(f *os.File, path string) error {
	rerr := os.Remove(path)
	unlock(f)
	return errors.Join(rerr, f.Close())
}
