package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"
)

// usage is what one child process cost.
type usage struct {
	Wall    time.Duration
	User    time.Duration
	Sys     time.Duration
	PeakRSS int64 // bytes
	Exit    int
	Stdout  int64  // bytes printed on stdout (the plan can be large)
	Stderr  string // the end of stderr, for a failed run's report
	// TimedOut is set when the run was killed for taking longer than
	// the harness's -timeout.
	TimedOut bool
}

// CPU is user plus system time.
func (u usage) CPU() time.Duration { return u.User + u.Sys }

// runChild runs bin with args in dir, with env added to a minimal
// environment (no secrets leak in from the caller's shell), and measures
// it from the kernel's accounting of the child: wall clock, user and
// system CPU, and peak resident set size.
// With echo set, the child's output is copied there too. A child still
// running after timeout (0 = none) is killed and its usage reported with
// TimedOut set.
func runChild(bin, dir string, env []string, echo io.Writer, timeout time.Duration, args ...string) (usage, error) {
	ctx := context.Background()
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = dir
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "CI=true"}, env...)
	var out countWriter
	errTail := &tailWriter{max: 4096}
	cmd.Stdout, cmd.Stderr = &out, errTail
	if echo != nil {
		cmd.Stdout, cmd.Stderr = io.MultiWriter(&out, echo), io.MultiWriter(errTail, echo)
	}
	start := time.Now()
	err := cmd.Run()
	u := usage{Wall: time.Since(start), Stdout: out.n, Stderr: errTail.String(), TimedOut: ctx.Err() != nil}
	if err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			return u, fmt.Errorf("running hcsync %s: %w", strings.Join(args, " "), err)
		}
		u.Exit = ee.ExitCode()
	}
	var ok bool
	if u.User, u.Sys, u.PeakRSS, ok = resourceUsage(cmd.ProcessState); !ok {
		return u, fmt.Errorf("no resource usage for hcsync %s on %s: run the harness on Linux or macOS", strings.Join(args, " "), runtime.GOOS)
	}
	return u, nil
}

// countWriter discards what it is given and counts the bytes.
type countWriter struct{ n int64 }

func (w *countWriter) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	return len(p), nil
}

// tailWriter keeps the last max bytes written to it.
type tailWriter struct {
	max int
	buf bytes.Buffer
}

func (w *tailWriter) Write(p []byte) (int, error) {
	w.buf.Write(p)
	if over := w.buf.Len() - w.max; over > 0 {
		w.buf.Next(over)
	}
	return len(p), nil
}

func (w *tailWriter) String() string { return w.buf.String() }

// loadAverage returns the one-minute load average from /proc/loadavg, or
// "?" where there is none.
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(data))
	if len(f) == 0 {
		return "?"
	}
	return f[0]
}
