//go:build linux

package main

import (
	"os"
	"os/exec"
	"runtime"
	"testing"
)

// TestMain lets the test binary serve as the trampoline runChild starts,
// as the harness's own binary does.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == trampolineArg {
		os.Exit(trampoline(os.Args[2:]))
	}
	os.Exit(m.Run())
}

// TestPeakRSSIsTheChilds: Linux carries the peak RSS of the address space
// a process execs from into its ru_maxrss, and Go starts children with
// vfork, from the harness's own address space (fake and its help center
// included): the figure must be the CLI's alone.
func TestPeakRSSIsTheChilds(t *testing.T) {
	bin, err := exec.LookPath("true")
	if err != nil {
		t.Skip("no true command")
	}
	ballast := make([]byte, 400<<20)
	for i := range ballast {
		ballast[i] = 1 // touched, so resident
	}
	u, err := runChild(bin, t.TempDir(), t.TempDir(), nil, nil, 0)
	runtime.KeepAlive(ballast)
	if err != nil {
		t.Fatal(err)
	}
	if mb := u.PeakRSS >> 20; mb > 100 {
		t.Errorf("peak RSS of true = %d MB, want the child's few MB, not the harness's 400", mb)
	}
}
