// Package testtime scales the durations a test waits for (timeouts,
// deadlines, slow answers of a fake server) by how much slower the test
// binary runs than a plain build. The race detector slows Go code 5–10×,
// so a per-attempt timeout that a plain run meets with room to spare is
// missed on many attempts under -race; raising the constant instead would
// make the plain run slow, or stop it testing a timeout at all. It is
// imported by tests only.
package testtime

import (
	"os"
	"strconv"
	"time"
)

// Env names the variable that overrides the factor, for a machine slower
// than the default assumes (a loaded CI runner): HCSYNC_TEST_TIME_SCALE=3.
const Env = "HCSYNC_TEST_TIME_SCALE"

// Factor is how many times longer than in a plain build a test waits:
// Env when set to a number ≥ 1, else raceFactor (1, or 8 under -race).
func Factor() float64 {
	if f, err := strconv.ParseFloat(os.Getenv(Env), 64); err == nil && f >= 1 {
		return f
	}
	return raceFactor
}

// Scale returns d stretched by Factor.
func Scale(d time.Duration) time.Duration {
	return time.Duration(float64(d) * Factor())
}
