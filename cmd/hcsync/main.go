// Command hcsync keeps a help center in step with a folder of Markdown
// files: plan shows what would change, apply makes the changes.
//
// Exit codes: 0 success (with --detailed-exitcode: no changes), 1 error,
// failed changes, an apply not approved or a saved plan out of date, 2
// changes present (plan --detailed-exitcode), 64 usage error.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3".
var version = "dev"

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

const usage = `hcsync keeps a help center in step with a folder of Markdown files.

Usage:
  hcsync <command> [flags]

Commands:
  plan       show what apply would change
  apply      make the help center match the tree
  validate   check the tree without contacting the help center
  preview    serve the tree locally as the help center will show it
  status     show which translations are current, stale or missing
  export     write an existing help center out as a tree
  init       write a starter hcsync.yaml and GitHub workflows
  write-ids  write the ids an apply recorded into this checkout's files
  version    print the version

Run 'hcsync <command> -h' for a command's flags.
`

var commands = map[string]func(a *app, ctx context.Context, args []string) error{}

func (a *app) run(ctx context.Context, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(a.stderr, usage)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(a.stderr, "hcsync: unknown command %q\n\n%s", args[0], usage)
		return exitUsage
	}
	err := explainUnreachable(cmd(a, ctx, args[1:]), a.reachHint)
	if err == nil {
		return exitOK
	}
	var ec *exitCodeError
	if errors.As(err, &ec) {
		if ec.err != nil && ec.err.Error() != "" {
			fmt.Fprintf(a.stderr, "hcsync %s: %v\n", args[0], ec.err)
		}
		return ec.code
	}
	fmt.Fprintf(a.stderr, "hcsync %s: %v\n", args[0], err)
	return exitError
}

func init() {
	commands["version"] = func(a *app, _ context.Context, _ []string) error {
		fmt.Fprintf(a.stdout, "hcsync %s\n", version)
		return nil
	}
}
