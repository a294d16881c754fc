//go:build !linux

package render

import "time"

// threadTime measures fn by wall time where a thread's CPU time is not
// at hand.
func threadTime(fn func()) time.Duration {
	start := time.Now()
	fn()
	return time.Since(start)
}
