//go:build !unix

package local

import "os"

// readFile returns the content of the file name, in buf when it is
// large enough.
func readFile(name string, buf []byte) ([]byte, error) {
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
