// Package lockfile is an exclusive lock between processes, kept in a
// file: apply holds one beside hcsync.yaml for its whole run, and the
// local provider one in its folder while it takes ids.
//
// The lock is the operating system's advisory lock on the open file
// (flock on Unix, LockFileEx on Windows), so a process that is killed
// never leaves a stale lock behind: the system drops it with the
// process. The file also records who holds it (pid, host, start time),
// for the message of whoever finds it taken. Releasing removes the file;
// a taker checks, once it holds the lock, that the file it locked is
// still the one at the path, so removal never lets two holders in.
//
// On systems with neither flock nor LockFileEx, the lock is a second
// file created with O_EXCL, which a killed process does leave behind:
// the HeldError says to delete it then.
package lockfile

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"
)

// Holder is the process holding a lock.
type Holder struct {
	PID   int       `json:"pid"`
	Host  string    `json:"host"`
	Since time.Time `json:"since"`
}

// String reads "pid 123 on host ci-7 since 12:03:04 UTC".
func (h Holder) String() string {
	if h.PID == 0 {
		return "holder unknown"
	}
	s := fmt.Sprintf("pid %d", h.PID)
	if h.Host != "" {
		s += " on host " + h.Host
	}
	if !h.Since.IsZero() {
		since := h.Since.UTC()
		layout := "15:04:05 MST"
		if time.Since(since) > 20*time.Hour {
			layout = "2006-01-02 15:04:05 MST"
		}
		s += " since " + since.Format(layout)
	}
	return s
}

// HeldError is returned by TryAcquire when another process holds the
// lock.
type HeldError struct {
	Path   string
	Holder Holder // zero when the holder has not written it yet
}

func (e *HeldError) Error() string {
	return fmt.Sprintf("%s is held (%s)", e.Path, e.Holder)
}

// Lock is a held lock.
type Lock struct {
	f    *os.File
	path string
}

// TryAcquire takes the lock at path, creating the file, or returns a
// *HeldError at once when another process holds it.
func TryAcquire(path string) (*Lock, error) {
	return acquire(path, false)
}

// Acquire takes the lock at path, waiting while another process holds
// it.
func Acquire(path string) (*Lock, error) {
	return acquire(path, true)
}

func acquire(path string, wait bool) (*Lock, error) {
	for {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, fmt.Errorf("opening lock file: %w", err)
		}
		ok, err := lock(f, wait)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("locking %s: %w", path, err)
		}
		if !ok {
			held := &HeldError{Path: path, Holder: awaitHolder(f)}
			f.Close()
			return nil, held
		}
		if same, err := isCurrent(f, path); err != nil || !same {
			// The holder we waited for removed the file on release: the
			// lock is on a file nobody else will look at. Take the new one.
			unlock(f)
			f.Close()
			if err != nil {
				return nil, fmt.Errorf("locking %s: %w", path, err)
			}
			continue
		}
		l := &Lock{f: f, path: path}
		if err := l.writeHolder(); err != nil {
			l.Release()
			return nil, fmt.Errorf("writing lock file %s: %w", path, err)
		}
		return l, nil
	}
}

// isCurrent reports whether f is still the file at path.
func isCurrent(f *os.File, path string) (bool, error) {
	held, err := f.Stat()
	if err != nil {
		return false, err
	}
	now, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return os.SameFile(held, now), nil
}

func (l *Lock) writeHolder() error {
	host, _ := os.Hostname()
	data, err := json.Marshal(Holder{PID: os.Getpid(), Host: host, Since: time.Now().UTC().Truncate(time.Second)})
	if err != nil {
		return err
	}
	if err := l.f.Truncate(0); err != nil {
		return err
	}
	_, err = l.f.WriteAt(append(data, '\n'), 0)
	return err
}

// awaitHolder reads what the holder wrote, giving it a moment: it
// writes right after it takes the lock, and a look in between (or while
// it replaces an older holder's line) would find nothing to name.
func awaitHolder(f *os.File) Holder {
	for range 25 {
		if h := readHolder(f); h.PID != 0 {
			return h
		}
		time.Sleep(20 * time.Millisecond)
	}
	return readHolder(f)
}

// readHolder reads what the holder wrote; zero when it has not yet.
func readHolder(f *os.File) Holder {
	var h Holder
	buf := make([]byte, 512)
	n, _ := f.ReadAt(buf, 0)
	_ = json.Unmarshal(buf[:n], &h)
	return h
}

// Path is the lock file's path.
func (l *Lock) Path() string { return l.path }

// Release removes the lock file and drops the lock. It is safe to call
// more than once.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := release(l.f, l.path)
	l.f = nil
	return err
}

// File is a lock file kept open, for a process that takes the lock often
// and briefly (the local provider, for every id it hands out): Lock and
// Unlock cost a system call each. Its file is never removed.
type File struct {
	f *os.File
}

// Open opens (creating) the lock file at path, without locking it.
func Open(path string) (*File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("opening lock file: %w", err)
	}
	return &File{f: f}, nil
}

// Lock takes the lock, waiting while another process holds it.
func (l *File) Lock() error {
	if _, err := lock(l.f, true); err != nil {
		return fmt.Errorf("locking %s: %w", l.f.Name(), err)
	}
	return nil
}

// Unlock drops the lock.
func (l *File) Unlock() { unlock(l.f) }

// Close closes the file, dropping the lock if held.
func (l *File) Close() error { return l.f.Close() }
