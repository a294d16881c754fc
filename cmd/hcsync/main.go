// Command hcsync keeps a help center in step with a folder of Markdown
// files: plan shows what would change, apply makes the changes.
//
// Exit codes: 0 success (with --detailed-exitcode: no changes), 1 error,
// failed changes, an apply not approved or a saved plan out of date, 2
// changes present (plan --detailed-exitcode), 64 usage error.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3"
// (the releases, .goreleaser.yaml); left empty, versionString reads
// what the go command recorded in the binary.
var version = ""

// Exit codes.
const (
	exitOK      = 0
	exitError   = 1
	exitChanges = 2
	exitUsage   = 64
)

// app is the process's surroundings, so tests run commands in-process
// with their own streams and environment.
type app struct {
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
	// isTerminal reports whether stderr is an interactive terminal
	// (progress bar) rather than a pipe or CI log.
	isTerminal bool
	// stdin is where apply reads its confirmation; stdinTerminal says
	// a person types there (nil and false in tests and pipes).
	stdin         io.Reader
	stdinTerminal bool
	// reachHint says what to check when the provider built last cannot
	// reach its host (see explainUnreachable).
	reachHint string
}

// exitError carries an exit code through the error chain.
type exitCodeError struct {
	code int
	err  error
}

func (e *exitCodeError) Error() string { return e.err.Error() }
func (e *exitCodeError) Unwrap() error { return e.err }

func usageError(format string, args ...any) error {
	return &exitCodeError{code: exitUsage, err: fmt.Errorf(format, args...)}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	a := &app{stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv, isTerminal: isTerminal(os.Stderr),
		stdin: os.Stdin, stdinTerminal: isTerminal(os.Stdin)}
	stopProfiles := startProfiles(os.Getenv, os.Stderr)
	code := a.run(ctx, os.Args[1:])
	stopProfiles()
	os.Exit(code)
}
