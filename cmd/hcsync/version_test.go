package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"testing"
)

// Without -ldflags -X main.version, the version comes from what the go
// command recorded in the binary: the module version under go install,
// else the commit it was built from.
func TestBuildVersion(t *testing.T) {
	t.Parallel()
	vcs := func(rev, modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: modified}}
	}
	const rev = "9772efa1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7"
	tests := []struct {
		name string
		info *debug.BuildInfo
		want string
	}{
		{"no build info", nil, "dev"},
		{"go install @v1.4.0", &debug.BuildInfo{Main: debug.Module{Version: "v1.4.0"}}, "v1.4.0"},
		{"go install @commit", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261206074223-9772efa1c2d3"}}, "v0.0.0-20261206074223-9772efa1c2d3"},
		{"go build in a clean clone", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs(rev, "false")}, "devel-9772efa1c2d3"},
		{"go build with edits", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs(rev, "true")}, "devel-9772efa1c2d3+dirty"},
		{"pseudo-version with edits", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261206074223-9772efa1c2d3+dirty"}, Settings: vcs(rev, "true")}, "v0.0.0-20261206074223-9772efa1c2d3+dirty"},
		{"go build outside git", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "dev"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := buildVersion(tt.info); got != tt.want {
				t.Errorf("buildVersion = %q, want %q", got, tt.want)
			}
		})
	}
}

// hcsync version and hcsync --version print the same line.
func TestVersionCommandAndFlag(t *testing.T) {
	t.Parallel()
	_, cmd, _ := runApp(t, "version")
	code, flag, stderr := runApp(t, "--version")
	if code != exitOK || cmd != flag || !strings.HasPrefix(cmd, "hcsync ") {
		t.Errorf("version printed %q, --version %q (exit %d, stderr %q); want the same line", cmd, flag, code, stderr)
	}
}

// go build in a clone names the commit it was built from, as the issue's
// user does before any release exists.
func TestVersionOfBuildInClone(t *testing.T) {
	if testing.Short() {
		t.Skip("builds hcsync in a copy of the repository")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	t.Parallel()
	dir := t.TempDir()
	copyModule(t, filepath.Join("..", ".."), dir)
	git := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com",
			"GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	git("init", "-q")
	git("add", "-A")
	git("commit", "-q", "-m", "clone")
	rev := git("rev-parse", "HEAD")
	bin := filepath.Join(t.TempDir(), "hcsync")
	build := exec.Command("go", "build", "-trimpath", "-o", bin, "./cmd/hcsync")
	build.Dir = dir
	build.Env = append(os.Environ(), "GOFLAGS=-buildvcs=true")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "--version").Output()
	if err != nil {
		t.Fatalf("hcsync --version: %v", err)
	}
	if got := string(out); strings.Contains(got, "dev\n") || !strings.Contains(got, rev[:12]) {
		t.Errorf("hcsync --version = %q; want the commit %s, not dev", got, rev[:12])
	}
	if !regexp.MustCompile(`^hcsync \S+\n$`).MatchString(string(out)) {
		t.Errorf("hcsync --version = %q; want one line", out)
	}
}

// copyModule copies the module's Go files, go.mod and go.sum (what go
// build reads) from src to dst.
func copyModule(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			if name := d.Name(); rel != "." && (strings.HasPrefix(name, ".") || name == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if name := d.Name(); !(strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go")) && name != "go.mod" && name != "go.sum" {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		out := filepath.Join(dst, rel)
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		return os.WriteFile(out, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
