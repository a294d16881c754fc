//go:build unix

package main

import (
	"os"
	"runtime"
	"syscall"
	"time"
)

// resourceUsage is the kernel's accounting of a finished child:
// getrusage's user and system time and peak resident set.
func resourceUsage(ps *os.ProcessState) (user, sys time.Duration, peakRSS int64, ok bool) {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0, 0, 0, false
	}
	return time.Duration(ru.Utime.Nano()), time.Duration(ru.Stime.Nano()), maxRSSBytes(ru.Maxrss), true
}

// maxRSSBytes converts getrusage's ru_maxrss, which Linux reports in
// kilobytes and macOS in bytes (getrusage(2) on each).
func maxRSSBytes(maxrss int64) int64 {
	if runtime.GOOS == "darwin" {
		return maxrss
	}
	return maxrss * 1024
}
