package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
)

// startProfiles writes a CPU profile to $HCSYNC_CPUPROFILE and, when the
// returned function runs, a heap profile to $HCSYNC_MEMPROFILE. They are
// for measuring whole runs (BENCHMARKS.md), so a failure to write them
// is reported and otherwise ignored.
func startProfiles(getenv func(string) string, stderr *os.File) (stop func()) {
	cpu, mem := getenv("HCSYNC_CPUPROFILE"), getenv("HCSYNC_MEMPROFILE")
	var cpuFile *os.File
	if cpu != "" {
		f, err := os.Create(cpu)
		if err == nil {
			if err = pprof.StartCPUProfile(f); err != nil {
				f.Close()
			}
		}
		if err != nil {
			fmt.Fprintf(stderr, "HCSYNC_CPUPROFILE: %v\n", err)
		} else {
			cpuFile = f
		}
	}
	return func() {
		if cpuFile != nil {
			pprof.StopCPUProfile()
			cpuFile.Close()
		}
		if mem == "" {
			return
		}
		f, err := os.Create(mem)
		if err != nil {
			fmt.Fprintf(stderr, "HCSYNC_MEMPROFILE: %v\n", err)
			return
		}
		defer f.Close()
		runtime.GC()
		if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
			fmt.Fprintf(stderr, "HCSYNC_MEMPROFILE: %v\n", err)
		}
	}
}
