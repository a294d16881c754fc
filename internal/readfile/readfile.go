// Package readfile reads whole files into buffers the caller reuses.
// Programs that read thousands of small files at a time (a tree of
// articles, a folder-backed help center) spend much of it in what
// os.ReadFile does around the read: a fresh buffer for each file, an
// os.File registered with the runtime's poller, a second read to see the
// end.
package readfile

import (
	"io"
	"slices"
)

// readAll reads a file of size bytes, as a stat said, with read, into
// buf (grown when it is too small), until read reports io.EOF or, the
// common case, one read returns exactly size bytes into a buffer of
// size+1: a read of a regular file stops short of the buffer only at the
// end of the file, so a second read to see the end (what os.ReadFile
// does) is spared. A file that grew since the stat fills the byte to
// spare and is read on to its end; one that shrank is read to its end
// too.
func readAll(buf []byte, read func([]byte) (int, error), size int64) ([]byte, error) {
	if size < 0 || int64(int(size)) != size {
		size = 0
	}
	data := buf[:0]
	if cap(data) < int(size)+1 {
		data = make([]byte, 0, int(size)+1)
	}
	for {
		if len(data) == cap(data) {
			data = slices.Grow(data, 1)
		}
		n, err := read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, err
		}
		if n > 0 && int64(len(data)) == size {
			return data, nil
		}
	}
}
