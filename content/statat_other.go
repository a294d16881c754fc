//go:build !linux || !(amd64 || arm64)

package content

import "os"

// folder is a folder of the tree. Here its files are stat'ed by path.
type folder struct{ path string }

func openFolder(path string) folder { return folder{path: path} }

func (folder) close() {}

// stat returns the stamp of the file name in f, following a symlink;
// ok is false when os.Stat fails.
func (f folder) stat(name string) (cachedFile, bool) {
	info, err := os.Stat(osJoin(f.path, name))
	if err != nil {
		return cachedFile{}, false
	}
	return stamp(info), true
}
