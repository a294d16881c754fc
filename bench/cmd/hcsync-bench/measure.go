package main

import (
	"bytes"
	"context"
	"encoding/json"
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
	// Err is the trampoline's failure to run or measure the child.
	Err string `json:",omitempty"`
}

// CPU is user plus system time.
func (u usage) CPU() time.Duration { return u.User + u.Sys }

// runChild runs bin with args in dir, HOME set to home (the caches
// live under it), with env added to a minimal environment (no secrets
// leak in from the caller's shell), and measures it from the kernel's
// accounting of the child: wall clock, user and system CPU, and peak
// resident set size.
// With echo set, the child's output is copied there too. A child still
// running after timeout (0 = none) is killed and its usage reported with
// TimedOut set.
//
// The child is started by a trampoline, the harness's own binary run
// afresh: Linux carries the peak RSS of the address space a process
// execs from into its ru_maxrss, and Go starts children with vfork from
// its own, so a child of the harness would report at least the
// harness's RSS, the fake's help center included. The trampoline is a
// few MB.
func runChild(bin, dir, home string, env []string, echo io.Writer, timeout time.Duration, args ...string) (usage, error) {
	self, err := os.Executable()
	if err != nil {
		return usage{}, fmt.Errorf("finding the harness's binary to start hcsync from: %w", err)
	}
	report, reportW, err := os.Pipe()
	if err != nil {
		return usage{}, err
	}
	defer report.Close()
	cmd := exec.Command(self, append([]string{trampolineArg, timeout.String(), bin}, args...)...)
	cmd.Dir = dir
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + home, "CI=true"}, env...)
	cmd.ExtraFiles = []*os.File{reportW}
	var out countWriter
	errTail := &tailWriter{max: 4096}
	cmd.Stdout, cmd.Stderr = &out, errTail
	if echo != nil {
		cmd.Stdout, cmd.Stderr = io.MultiWriter(&out, echo), io.MultiWriter(errTail, echo)
	}
	if err := cmd.Start(); err != nil {
		reportW.Close()
		return usage{}, fmt.Errorf("running hcsync %s: %w", strings.Join(args, " "), err)
	}
	reportW.Close()
	data, _ := io.ReadAll(report)
	runErr := cmd.Wait()
	var u usage
	if err := json.Unmarshal(data, &u); err != nil {
		return u, fmt.Errorf("running hcsync %s: no usage from the trampoline (%v): %w", strings.Join(args, " "), err, runErr)
	}
	if u.Err != "" {
		return u, fmt.Errorf("running hcsync %s: %s", strings.Join(args, " "), u.Err)
	}
	u.Stdout, u.Stderr = out.n, errTail.String()
	return u, nil
}

// trampolineArg, as the harness's first argument, makes it the
// trampoline.
const trampolineArg = "__hcsync-bench-child"

// trampoline runs the command args[1:] with the harness's stdio,
// killing it after the duration args[0] (0s = never), and writes its
// usage as JSON to file descriptor 3. It returns the exit code for the
// harness to exit with.
func trampoline(args []string) int {
	report := os.NewFile(3, "usage")
	var u usage
	defer func() {
		json.NewEncoder(report).Encode(u)
		report.Close()
	}()
	timeout, err := time.ParseDuration(args[0])
	if err != nil || len(args) < 2 {
		u.Err = fmt.Sprintf("trampoline: want a timeout and a command, got %q", args)
		return 1
	}
	ctx := context.Background()
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	cmd := exec.CommandContext(ctx, args[1], args[2:]...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	start := time.Now()
	err = cmd.Run()
	u.Wall, u.TimedOut = time.Since(start), ctx.Err() != nil
	if err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			u.Err = err.Error()
			return 1
		}
		u.Exit = ee.ExitCode()
	}
	var ok bool
	if u.User, u.Sys, u.PeakRSS, ok = resourceUsage(cmd.ProcessState); !ok {
		u.Err = fmt.Sprintf("no resource usage on %s: run the harness on Linux or macOS", runtime.GOOS)
	}
	return 0
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
