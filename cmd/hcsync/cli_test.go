package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runApp runs hcsync in-process with args and returns how it exited and
// what it printed.
func runApp(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	a := &app{stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	code = a.run(context.Background(), args)
	return code, out.String(), errb.String()
}

// Help is asked for, so it goes to stdout (hcsync --help | less) and the
// exit is 0; each command has its own usage line and only its own flags.
func TestHelp(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		args   []string
		want   []string // in stdout
		unwant []string // not in stdout
	}{
		{"--help", []string{"--help"}, []string{"Usage:\n  hcsync [command]", "plan ", "apply ", "completion ", "--version"}, []string{"docs "}},
		{"help", []string{"help"}, []string{"Usage:\n  hcsync [command]"}, nil},
		{"help plan", []string{"help", "plan"}, []string{"Usage:\n  hcsync plan [flags]", "--detailed-exitcode", "-c, --config string"}, []string{"hcsync [command]"}},
		{"plan --help", []string{"plan", "--help"}, []string{"Usage:\n  hcsync plan [flags]", "--detailed-exitcode", "--since string", "--max-archive int"}, []string{"(default -1)"}},
		{"plan -h", []string{"plan", "-h"}, []string{"Usage:\n  hcsync plan [flags]"}, nil},
		{"export --help", []string{"export", "--help"}, []string{"Usage:\n  hcsync export --out DIR [flags]"}, nil},
		{"version --help", []string{"version", "--help"}, []string{"Usage:\n  hcsync version [flags]"}, []string{"hcsync dev"}},
		// validate is offline: nothing about HTTP, git or output formats.
		{"validate --help", []string{"validate", "--help"}, []string{"Usage:\n  hcsync validate [flags]", "-c, --config string", "--all", "--no-cache", "--debug"},
			[]string{"HTTP", "--since", "--format", "--prune", "--detailed-exitcode"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := runApp(t, tt.args...)
			if code != exitOK || stderr != "" {
				t.Fatalf("hcsync %s: exit %d, stderr %q; want 0 and nothing on stderr", strings.Join(tt.args, " "), code, stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(stdout, w) {
					t.Errorf("stdout lacks %q:\n%s", w, stdout)
				}
			}
			for _, u := range tt.unwant {
				if strings.Contains(stdout, u) {
					t.Errorf("stdout has %q:\n%s", u, stdout)
				}
			}
		})
	}
}

// Usage errors exit 64, say what was wrong once (no doubled prefix) and
// where to look, on stderr.
func TestUsageErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"no command", nil, []string{"Usage:\n  hcsync [command]"}},
		{"unknown command", []string{"plna"}, []string{`hcsync: unknown command "plna"`, "Did you mean this?\n\tplan", "Run 'hcsync --help' for usage."}},
		{"unknown command with flags", []string{"plna", "--format", "json"}, []string{`hcsync: unknown command "plna"`}},
		{"help for an unknown command", []string{"help", "frob"}, []string{`hcsync help: unknown command "frob"`, "Run 'hcsync help --help' for usage."}},
		{"unknown flag", []string{"plan", "--formt", "json"}, []string{"hcsync plan: unknown flag: --formt", "Run 'hcsync plan --help' for usage."}},
		{"one dash long flag", []string{"validate", "-config", "x.yaml"}, []string{`hcsync validate: -config: long flags take two dashes: --config`}},
		{"flag without value", []string{"plan", "--format"}, []string{"hcsync plan: flag needs an argument: --format"}},
		{"bad int", []string{"apply", "--concurrency", "many"}, []string{`hcsync apply: invalid argument "many" for "--concurrency"`}},
		{"negative concurrency", []string{"apply", "--concurrency", "-3"}, []string{`hcsync apply: invalid argument "-3" for "--concurrency" flag: want 1 to 64`}},
		{"concurrency past the bound", []string{"apply", "--concurrency", "65"}, []string{`hcsync apply: invalid argument "65" for "--concurrency" flag: want 1 to 64`}},
		{"negative count", []string{"plan", "--max-archive", "-3"}, []string{`hcsync plan: invalid argument "-3" for "--max-archive"`}},
		{"argument", []string{"validate", "extra"}, []string{`hcsync validate: unexpected argument "extra"`}},
		{"version argument", []string{"version", "extra"}, []string{`hcsync version: unexpected argument "extra"`}},
		{"apply with two files", []string{"apply", "a.plan", "b.plan"}, []string{`hcsync apply: unexpected argument "b.plan": apply takes one saved plan at most`, "Run 'hcsync apply --help' for usage."}},
		{"missing --out", []string{"export"}, []string{"hcsync export: --out is required"}},
		{"init provider", []string{"init", "--provider", "confluence", "--dir", t.TempDir()}, []string{`hcsync init: --provider "confluence"`}},
		{"completion shell", []string{"completion", "tcsh"}, []string{"hcsync completion: "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := runApp(t, tt.args...)
			if code != exitUsage {
				t.Fatalf("hcsync %s: exit %d, want %d; stderr:\n%s", strings.Join(tt.args, " "), code, exitUsage, stderr)
			}
			if stdout != "" {
				t.Errorf("stdout has %q; a usage error prints on stderr", stdout)
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
			if strings.Count(stderr, "hcsync") > 1 && strings.Contains(stderr, ": hcsync") {
				t.Errorf("stderr names hcsync twice in one line:\n%s", stderr)
			}
		})
	}
}

// Errors are prefixed by the command once: never "hcsync init: init:".
func TestErrorPrefixOnce(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "hcsync.yaml"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runApp(t, "init", "--provider", "local", "--dir", dir)
	if code != exitError {
		t.Fatalf("init over a file: exit %d, want 1; stderr:\n%s", code, stderr)
	}
	if !strings.HasPrefix(stderr, "hcsync init: hcsync.yaml already exists") {
		t.Errorf("stderr = %q; want it to start %q", stderr, "hcsync init: hcsync.yaml already exists")
	}
}

// completion prints a script for each shell the issue names.
func TestCompletion(t *testing.T) {
	t.Parallel()
	for shell, want := range map[string]string{
		"bash":       "__start_hcsync",
		"zsh":        "#compdef hcsync",
		"fish":       "complete -c hcsync",
		"powershell": "Register-ArgumentCompleter",
	} {
		t.Run(shell, func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := runApp(t, "completion", shell)
			if code != exitOK || !strings.Contains(stdout, want) {
				t.Errorf("completion %s: exit %d, stdout lacks %q; stderr %q", shell, code, want, stderr)
			}
		})
	}
}

// Completion offers the commands and a command's flags.
func TestCompletionOffersFlags(t *testing.T) {
	t.Parallel()
	code, stdout, _ := runApp(t, "__complete", "plan", "--det")
	if code != exitOK || !strings.Contains(stdout, "--detailed-exitcode") {
		t.Errorf("__complete plan --det: exit %d, stdout:\n%s", code, stdout)
	}
	code, stdout, _ = runApp(t, "__complete", "wr")
	if code != exitOK || !strings.Contains(stdout, "write-ids") {
		t.Errorf("__complete wr: exit %d, stdout:\n%s", code, stdout)
	}
}

// The built binary prints help on stdout, so `hcsync --help | head`
// shows it.
func TestHelpOnStdoutOfBinary(t *testing.T) {
	t.Parallel()
	res := runCLI(t, t.TempDir(), nil, "--help")
	if res.code != exitOK || !strings.HasPrefix(res.stdout, "hcsync keeps a help center") || res.stderr != "" {
		t.Errorf("hcsync --help: exit %d, stdout %q, stderr %q", res.code, res.stdout, res.stderr)
	}
}
