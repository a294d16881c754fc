package content

import (
	"io/fs"
	"syscall"
)

// changeStamp is what the load cache keeps of a file besides its size
// and modification time: its inode and the time of its last change of
// any kind. Tools that restore a modification time (rsync -t, cp -p,
// touch -r) cannot restore those, so an edit they hide is still seen.
func changeStamp(info fs.FileInfo) (ino uint64, ctime int64) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, 0
	}
	return st.Ino, st.Ctim.Nano()
}
