//go:build linux && (amd64 || arm64)

package content

import (
	"os"
	"syscall"
)

// folder is a folder of the tree, open to stat its files by name: the
// kernel then resolves one name per file instead of its whole path.
type folder struct {
	path string
	fd   int // -1 when the folder could not be opened
}

func openFolder(path string) folder {
	fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_CLOEXEC, 0)
	if err != nil {
		fd = -1
	}
	return folder{path: path, fd: fd}
}

func (f folder) close() {
	if f.fd >= 0 {
		syscall.Close(f.fd)
	}
}

// stat returns the stamp of the file name in f, following a symlink as
// os.Stat does; ok is false when os.Stat would fail.
func (f folder) stat(name string) (s cachedFile, ok bool) {
	if f.fd < 0 {
		info, err := os.Stat(osJoin(f.path, name))
		if err != nil {
			return cachedFile{}, false
		}
		return stamp(info), true
	}
	var st syscall.Stat_t
	for {
		err := fstatat(f.fd, name, &st)
		if err == nil {
			return stampOf(&st), true
		}
		if err != syscall.EINTR {
			return cachedFile{}, false
		}
	}
}

// stampOf is stamp for the file st describes.
func stampOf(st *syscall.Stat_t) cachedFile {
	return cachedFile{Size: st.Size, ModTime: st.Mtim.Nano(), Ino: st.Ino, CTime: st.Ctim.Nano()}
}
