//go:build !unix

package readfile

import "os"

// Read returns the content of the file name, in buf when it is large
// enough: the result shares buf's memory then, so the caller must be
// done with one result before it reads into the same buffer again.
// Errors are those of os.ReadFile.
func Read(name string, buf []byte) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var size int64
	if info, err := f.Stat(); err == nil {
		size = info.Size()
	}
	return readAll(buf, f.Read, size)
}
