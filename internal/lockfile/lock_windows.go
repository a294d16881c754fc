//go:build windows

package lockfile

import (
	"errors"
	"io/fs"
	"os"

	"golang.org/x/sys/windows"
)

// lockedRange is the byte range LockFileEx locks: far past the holder's
// record, because Windows byte-range locks are mandatory and the next
// apply must be able to read who holds the lock.
func lockedRange() *windows.Overlapped { return &windows.Overlapped{OffsetHigh: 1} }

// lock takes LockFileEx on f; without wait it reports false at once when
// another process holds it.
func lock(f *os.File, wait bool) (bool, error) {
	flags := uint32(windows.LOCKFILE_EXCLUSIVE_LOCK)
	if !wait {
		flags |= windows.LOCKFILE_FAIL_IMMEDIATELY
	}
	err := windows.LockFileEx(windows.Handle(f.Fd()), flags, 0, 1, 0, lockedRange())
	if errors.Is(err, windows.ERROR_LOCK_VIOLATION) {
		return false, nil
	}
	return err == nil, err
}

func unlock(f *os.File) {
	_ = windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, lockedRange())
}

// release drops the lock, then removes the file: Windows refuses to
// remove a file another process has open, so a waiter's open file stays
// at the path and the waiter keeps a lock others can see.
func release(f *os.File, path string) error {
	unlock(f)
	cerr := f.Close()
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, windows.ERROR_SHARING_VIOLATION) {
		return errors.Join(cerr, err)
	}
	return cerr
}
