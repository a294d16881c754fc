//go:build unix

package lockfile

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// lock takes flock(2) on f; without wait it reports false at once when
// another process holds it.
func lock(f *os.File, wait bool) (bool, error) {
	how := unix.LOCK_EX
	if !wait {
		how |= unix.LOCK_NB
	}
	for {
		err := unix.Flock(int(f.Fd()), how)
		switch {
		case err == nil:
			return true, nil
		case errors.Is(err, unix.EINTR):
			continue
		case errors.Is(err, unix.EWOULDBLOCK):
			return false, nil
		}
		return false, err
	}
}

func unlock(f *os.File) { _ = unix.Flock(int(f.Fd()), unix.LOCK_UN) }

// release removes the file while still holding the lock, so a waiter
// that wakes up finds its file gone from the path and opens the next.
func release(f *os.File, path string) error {
	rerr := os.Remove(path)
	unlock(f)
	return errors.Join(rerr, f.Close())
}
