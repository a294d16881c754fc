package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// run runs the command args name and returns the exit code. Each call
// builds its commands afresh, so flags never carry over between runs
// (tests run many in one process).
func (a *app) run(ctx context.Context, args []string) int {
	root := a.rootCommand()
	root.SetArgs(args)
	if cmd, err := checkDashes(root, args); err != nil {
		return a.exit(cmd, err)
	}
	cmd, err := root.ExecuteContextC(ctx)
	return a.exit(cmd, explainUnreachable(err, a.reachHint))
}

// exit prints err, prefixed with the command that failed, and returns
// its exit code: 64 for usage errors, with a pointer to the command's
// help, the code an exitCodeError carries, else 1.
func (a *app) exit(cmd *cobra.Command, err error) int {
	if err == nil {
		return exitOK
	}
	code := exitError
	var ec *exitCodeError
	if errors.As(err, &ec) {
		code = ec.code
	}
	if msg := err.Error(); msg != "" {
		fmt.Fprintf(a.stderr, "%s: %s\n", cmd.CommandPath(), msg)
	}
	var ue *flagUsageError
	if errors.As(err, &ue) {
		fmt.Fprintf(a.stderr, "Run '%s --help' for usage.\n", cmd.CommandPath())
	}
	return code
}

// flagUsageError is a command line hcsync could not read: an unknown
// command or flag, a missing or malformed value, a stray argument. The
// command's help says what it takes.
type flagUsageError struct{ err error }

func (e *flagUsageError) Error() string { return e.err.Error() }
func (e *flagUsageError) Unwrap() error { return e.err }

// commandLineError wraps err as a usage error that points to the help.
func commandLineError(err error) error {
	return &exitCodeError{code: exitUsage, err: &flagUsageError{err: err}}
}

const rootLong = `hcsync keeps a help center in step with a folder of Markdown files.

Exit codes: 0 success (with --detailed-exitcode: no changes), 1 an error
or failed changes, 2 changes present (plan --detailed-exitcode), 64 a
usage error.`

// rootCommand is hcsync and its commands, writing to a's streams.
func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:     "hcsync",
		Short:   "Keep a help center in step with a folder of Markdown files",
		Long:    rootLong,
		Version: versionString(),
		// A bare hcsync is a usage error (exit 64), as before: scripts
		// that call it without a command learn so.
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return nil
			}
			msg := fmt.Sprintf("unknown command %q", args[0])
			if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
				msg += "\n\nDid you mean this?\n\t" + strings.Join(s, "\n\t") + "\n"
			}
			return commandLineError(errors.New(msg))
		},
		RunE: func(cmd *cobra.Command, _ []string) error {
			cmd.SetOut(a.stderr)
			cmd.Usage()
			return &exitCodeError{code: exitUsage, err: errors.New("")}
		},
		SuggestionsMinimumDistance: 2,
		SilenceErrors:              true,
		SilenceUsage:               true,
		// Unknown flags before an unknown command are the command's, so
		// "hcsync plna --format json" says the command is unknown.
		FParseErrWhitelist: cobra.FParseErrWhitelist{UnknownFlags: true},
	}
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	root.SetVersionTemplate("hcsync {{.Version}}\n")
	// hcsync runs only to say it needs a command: its usage shows
	// "hcsync [command]" alone.
	root.SetUsageTemplate(strings.Replace(root.UsageTemplate(), "{{if .Runnable}}", "{{if and .Runnable (not .HasAvailableSubCommands)}}", 1))
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		return commandLineError(err)
	})
	// The help lists the everyday commands apart from those run once
	// when setting up, as gh does.
	root.AddGroup(&cobra.Group{ID: "sync", Title: "Keeping the help center in step:"},
		&cobra.Group{ID: "setup", Title: "Setting up:"})
	for group, cmds := range map[string][]*cobra.Command{
		"sync":  {a.planCommand(), a.applyCommand(), a.validateCommand(), a.previewCommand(), a.statusCommand()},
		"setup": {a.initCommand(), a.exportCommand(), a.writeIDsCommand()},
		"":      {a.versionCommand(), a.docsCommand()},
	} {
		for _, c := range cmds {
			c.GroupID = group
			root.AddCommand(c)
		}
	}
	a.completionCommand(root)
	helpCommand(root)
	return root
}

// helpCommand makes "hcsync help frob" a usage error, where cobra's help
// prints the usage and exits 0.
func helpCommand(root *cobra.Command) {
	root.InitDefaultHelpCmd()
	for _, c := range root.Commands() {
		if c.Name() != "help" {
			continue
		}
		run := c.Run
		c.Run = nil
		c.RunE = func(cmd *cobra.Command, args []string) error {
			if found, _, err := root.Find(args); err != nil || found == root && len(args) > 0 {
				return commandLineError(fmt.Errorf("unknown command %q", strings.Join(args, " ")))
			}
			run(cmd, args)
			return nil
		}
	}
}

// completionCommand makes cobra's completion command's wrong shell a
// usage error like any other.
func (a *app) completionCommand(root *cobra.Command) {
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() != "completion" {
			continue
		}
		for _, sh := range c.Commands() {
			sh.Args = noArgs
		}
		c.Args = func(_ *cobra.Command, args []string) error {
			if len(args) > 0 {
				return commandLineError(fmt.Errorf("unknown shell %q: use bash, zsh, fish or powershell", args[0]))
			}
			return nil
		}
		c.RunE = func(cmd *cobra.Command, _ []string) error {
			return commandLineError(errors.New("name a shell: bash, zsh, fish or powershell"))
		}
	}
}

// noArgs refuses arguments: every command takes flags only.
func noArgs(_ *cobra.Command, args []string) error {
	if len(args) > 0 {
		return commandLineError(fmt.Errorf("unexpected argument %q", args[0]))
	}
	return nil
}

// checkDashes refuses a long flag given with one dash (-config), which
// hcsync took before it read flags as gh does: pflag would read it as -c
// with the value "onfig".
func checkDashes(root *cobra.Command, args []string) (*cobra.Command, error) {
	cmd, _, err := root.Find(args)
	if err != nil || cmd == nil {
		return root, nil
	}
	for _, arg := range args {
		if arg == "--" {
			break
		}
		if len(arg) < 3 || arg[0] != '-' || arg[1] == '-' {
			continue
		}
		name, _, _ := strings.Cut(arg[1:], "=")
		if cmd.Flags().Lookup(name) != nil || cmd.InheritedFlags().Lookup(name) != nil {
			return cmd, commandLineError(fmt.Errorf("%s: long flags take two dashes: -%s", arg, arg))
		}
	}
	return cmd, nil
}

// command is a cobra command of hcsync's: flags only, no arguments, and
// run given the context the command was run with.
func command(use, short, long string, run func(ctx context.Context) error) *cobra.Command {
	return &cobra.Command{
		Use:   use,
		Short: short,
		Long:  long,
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return run(cmd.Context())
		},
	}
}

// configFlag adds --config/-c to fs.
func configFlag(fs *pflag.FlagSet, p *string) {
	fs.StringVarP(p, "config", "c", "", "path of hcsync.yaml (default: ./hcsync.yaml or ./docs/hcsync.yaml)")
}
