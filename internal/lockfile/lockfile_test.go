package lockfile

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// helperEnv makes the test binary a process that takes the lock named
// by the variable, says so on stdout and waits to be killed.
const helperEnv = "LOCKFILE_TEST_HOLD"

func TestMain(m *testing.M) {
	if path := os.Getenv(helperEnv); path != "" {
		if _, err := TryAcquire(path); err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
		fmt.Println("held")
		time.Sleep(time.Minute)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func TestSecondTakerIsToldWhoHoldsIt(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".hcsync.lock")
	l, err := TryAcquire(path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = TryAcquire(path)
	var held *HeldError
	if !errors.As(err, &held) {
		t.Fatalf("second TryAcquire: %v, want a *HeldError", err)
	}
	host, _ := os.Hostname()
	if held.Path != path || held.Holder.PID != os.Getpid() || held.Holder.Host != host || time.Since(held.Holder.Since) > time.Minute {
		t.Errorf("held by %+v at %s, want this process (pid %d on %s) just now at %s", held.Holder, held.Path, os.Getpid(), host, path)
	}
	if msg := err.Error(); !strings.Contains(msg, path) || !strings.Contains(msg, "pid "+strconv.Itoa(os.Getpid())) {
		t.Errorf("error %q names neither the file nor the pid", msg)
	}
	if err := l.Release(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("lock file left after release: %v", err)
	}
	l2, err := TryAcquire(path)
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	l2.Release()
}

// A second taker that looks between the holder's lock and its line
// still names the holder: it gives the line a moment to land.
func TestHolderNamedWhenItWritesLate(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".hcsync.lock")
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if ok, err := lock(f, false); err != nil || !ok {
		t.Fatalf("lock: %v %v", ok, err)
	}
	go func() {
		time.Sleep(100 * time.Millisecond)
		(&Lock{f: f, path: path}).writeHolder()
	}()
	_, err = TryAcquire(path)
	var held *HeldError
	if !errors.As(err, &held) || held.Holder.PID != os.Getpid() {
		t.Errorf("TryAcquire while the holder writes late: %v, want it named", err)
	}
}

// A holder that is killed leaves its file, but not its lock.
func TestKilledHolderLeavesNoStaleLock(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".hcsync.lock")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), helperEnv+"="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	line, _ := bufio.NewReader(out).ReadString('\n')
	if line != "held\n" {
		t.Fatalf("helper said %q", line)
	}
	_, err = TryAcquire(path)
	var held *HeldError
	if !errors.As(err, &held) || held.Holder.PID != cmd.Process.Pid {
		t.Fatalf("while the helper holds it: %v, want held by pid %d", err, cmd.Process.Pid)
	}
	cmd.Process.Kill()
	cmd.Wait()
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("the killed holder's file: %v, want it left behind", err)
	}
	l, err := TryAcquire(path)
	if err != nil {
		t.Fatalf("after the holder was killed: %v", err)
	}
	l.Release()
}

// Waiters take turns, even though each release removes the file they
// may have opened: no two ever hold the lock at once.
func TestAcquireExcludesAndWaits(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lock")
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		inside  int
		overlap bool
	)
	for range 8 {
		wg.Go(func() {
			for range 20 {
				l, err := Acquire(path)
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				inside++
				overlap = overlap || inside > 1
				mu.Unlock()
				time.Sleep(100 * time.Microsecond)
				mu.Lock()
				inside--
				mu.Unlock()
				if err := l.Release(); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	if overlap {
		t.Error("two holders at once")
	}
}

func TestHolderString(t *testing.T) {
	since := time.Now().UTC().Add(-time.Minute).Truncate(time.Second)
	tests := []struct {
		h    Holder
		want string
	}{
		{Holder{}, "holder unknown"},
		{Holder{PID: 123, Host: "ci-7", Since: since}, "pid 123 on host ci-7 since " + since.Format("15:04:05") + " UTC"},
		{Holder{PID: 9, Since: time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)}, "pid 9 since 2020-01-02 03:04:05 UTC"},
	}
	for _, tt := range tests {
		if got := tt.h.String(); got != tt.want {
			t.Errorf("%+v = %q, want %q", tt.h, got, tt.want)
		}
	}
}

// A File kept open excludes another File on the same path until it
// unlocks, as two processes' would.
func TestFileLockWaits(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".lock")
	a, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if err := a.Lock(); err != nil {
		t.Fatal(err)
	}
	got := make(chan struct{})
	go func() {
		if err := b.Lock(); err != nil {
			t.Error(err)
		}
		close(got)
	}()
	select {
	case <-got:
		t.Fatal("the second File took the lock while the first held it")
	case <-time.After(50 * time.Millisecond):
	}
	a.Unlock()
	select {
	case <-got:
	case <-time.After(5 * time.Second):
		t.Fatal("the second File never took the lock after the first dropped it")
	}
	b.Unlock()
}
