package render

import (
	"runtime"
	"syscall"
	"time"
)

// threadTime measures fn by the CPU time of the thread it runs on, which
// a busy machine (other builds on the same cores) does not stretch as it
// stretches wall time.
func threadTime(fn func()) time.Duration {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	before := threadCPU()
	fn()
	return threadCPU() - before
}

func threadCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(1 /* RUSAGE_THREAD */, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
