package content

import (
	"io/fs"
	"syscall"
)

// changeStamp: see stat_linux.go.
func changeStamp(info fs.FileInfo) (ino uint64, ctime int64) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, 0
	}
	return st.Ino, st.Ctimespec.Nano()
}
