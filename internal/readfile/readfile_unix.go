//go:build unix

package readfile

import (
	"io"
	"io/fs"
	"syscall"
)

// Read returns the content of the file name, in buf when it is large
// enough: the result shares buf's memory then, so the caller must be
// done with one result before it reads into the same buffer again.
// Errors are those of os.ReadFile.
//
// It calls the system directly rather than through os.File: opening an
// os.File registers it with the runtime's poller (two fcntl and an
// epoll_ctl on Linux, a finalizer), a third of the cost of opening.
func Read(name string, buf []byte) ([]byte, error) {
	var fd int
	var err error
	for {
		fd, err = syscall.Open(name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	defer syscall.Close(fd)
	// Without a size (fstat failing is rare), readAll reads to the end.
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		st.Size = 0
	}
	data, err := readAll(buf, func(b []byte) (int, error) {
		for {
			n, err := syscall.Read(fd, b)
			switch {
			case err == syscall.EINTR:
				continue
			case err != nil:
				return 0, &fs.PathError{Op: "read", Path: name, Err: err}
			case n == 0 && len(b) > 0:
				return 0, io.EOF
			}
			return n, nil
		}
	}, st.Size)
	return data, err
}
