package content

import "syscall"

// fstatat stats name in the folder open as dirfd, following symlinks.
func fstatat(dirfd int, name string, st *syscall.Stat_t) error {
	return syscall.Fstatat(dirfd, name, st, 0)
}
