package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/hcsync/hcsync/config"
	"github.com/hcsync/hcsync/diag"
)

// The commands' flags are registered here, and each command's work done
// by an app method in the command's own file.

func (a *app) planCommand() *cobra.Command {
	var f planFlags
	cmd := command("plan", "Show what apply would change",
		"Show what apply would change in the help center. Writes nothing.",
		func(ctx context.Context) error { return a.plan(ctx, f) })
	fs := cmd.Flags()
	f.planningFlags.register(fs)
	fs.StringVar(&f.format, "format", "text", "output format: text, json or markdown")
	fs.BoolVar(&f.detailedExitcode, "detailed-exitcode", false, "exit 0 when there are no changes, 2 when there are, 1 on error")
	fs.StringVar(&f.out, "out", "", "also save the plan, with what it was made from, to this `FILE`: hcsync apply FILE applies exactly it")
	return cmd
}

func (a *app) applyCommand() *cobra.Command {
	var f applyFlags
	cmd := &cobra.Command{
		Use:   "apply [FILE]",
		Short: "Make the help center match the tree",
		Long: "Make the help center match the tree: plan, then apply the plan (on a terminal, after you answer yes).\n" +
			"With FILE, a plan saved by plan --out: apply exactly it, unless what it was made from changed since.",
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) > 1 {
				return commandLineError(fmt.Errorf("unexpected argument %q: apply takes one saved plan at most", args[1]))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			f.set = setFlags(cmd.Flags())
			if len(args) == 1 {
				return a.applySaved(cmd.Context(), args[0], f)
			}
			return a.apply(cmd.Context(), f)
		},
	}
	fs := cmd.Flags()
	f.planningFlags.register(fs)
	fs.StringVar(&f.format, "format", "text", "output format: text, or json for a machine-readable report")
	fs.BoolVar(&f.dryRun, "dry-run", false, "print the plan and write nothing")
	fs.BoolVar(&f.noWriteIDs, "no-write-ids", false, "do not write id: into the files of created articles and sections")
	fs.Var(concurrencyFlag{&f.concurrency}, "concurrency", fmt.Sprintf("writes in flight at once, 1 to %d (default: concurrency: in hcsync.yaml)", config.MaxConcurrency))
	fs.StringVar(&f.resultFile, "result-file", "", "also write the counts of the apply and the ids written into files, as JSON, to this file (read by write-ids)")
	fs.BoolVar(&f.autoApprove, "auto-approve", false, "on a terminal, apply without asking for yes first")
	return cmd
}

func (a *app) validateCommand() *cobra.Command {
	var f commonFlags
	cmd := command("validate", "Check the tree without contacting the help center",
		"Check hcsync.yaml and the tree offline: the provider's block (keys still set to init's placeholders, locale spellings), front-matter, keys, locales' spelling, ids, relative links, their #anchors, local images, files and images that lead out of the content folder, HTML the provider rejects. Contacts no help center.",
		func(context.Context) error { return a.validate(f) })
	fs := cmd.Flags()
	configFlag(fs, &f.config)
	// validate sends no request: --debug tells only of the load cache.
	fs.BoolVar(&f.debug, "debug", false, "log what the load cache spared, to stderr")
	fs.BoolVar(&f.noCache, "no-cache", false, "read every file, ignoring the load cache (in the user cache folder, e.g. ~/.cache/hcsync)")
	f.registerAll(fs)
	return cmd
}

func (a *app) previewCommand() *cobra.Command {
	var f previewFlags
	cmd := command("preview", "Serve the tree locally as the help center will show it",
		"Serve the tree on this machine as the help center will show it: each article rendered with the provider's HTML profile, its problems on its page, pages that reload when a file is saved. Contacts no help center and reads no credentials.",
		func(ctx context.Context) error { return a.preview(ctx, f) })
	fs := cmd.Flags()
	configFlag(fs, &f.config)
	fs.StringVar(&f.addr, "addr", defaultPreviewAddr, "address to serve on; anything but loopback shows the tree to the network")
	fs.BoolVar(&f.open, "open", false, "open the preview in the default browser")
	fs.StringVar(&f.provider, "provider", "", "render with this provider's HTML profile instead of the configured one (see what it would drop): "+strings.Join(providerNames(), ", "))
	return cmd
}

func (a *app) statusCommand() *cobra.Command {
	var f statusFlags
	cmd := command("status", "Show which translations are current, stale or missing",
		"Show, per article and locale, whether each translation is current, stale (its source changed since, from git), missing, a draft or, with the help center, only there. Writes nothing.",
		func(ctx context.Context) error { return a.status(ctx, f) })
	fs := cmd.Flags()
	f.commonFlags.register(fs)
	fs.StringVar(&f.format, "format", "text", "output format: text, json or markdown")
	fs.StringVar(&f.locale, "locale", "", "show this locale only (e.g. fr)")
	fs.BoolVar(&f.offline, "offline", false, "read git and the files only, not the help center (no credentials needed; translations only the help center has are not shown)")
	fs.StringVar(&f.since, "since", "", "mark the translations the commits since this git ref made stale (as plan does)")
	return cmd
}

func (a *app) exportCommand() *cobra.Command {
	var f exportFlags
	cmd := command("export --out DIR", "Write an existing help center out as a tree",
		"Write the help center named in hcsync.yaml out as a Markdown tree, with a\nhcsync.yaml for it, such that plan on the tree shows no changes.",
		func(ctx context.Context) error {
			if f.out == "" {
				return usageError("--out is required: name the folder to write the tree to")
			}
			return a.export(ctx, f)
		})
	fs := cmd.Flags()
	f.register(fs)
	fs.StringVar(&f.out, "out", "", "folder to write the tree to (required; must be empty unless --force)")
	fs.BoolVar(&f.force, "force", false, "write into a folder that is not empty, replacing files of the same names and keeping the names\nof the tree there (see --like)")
	fs.BoolVar(&f.keepURLs, "keep-urls", false, "keep links between articles and images as the help center's URLs instead of relative .md links\nand files downloaded into images/ folders")
	fs.BoolVar(&f.drafts, "drafts", false, "export the unpublished edits of articles and translations that have some (on help\ncenters that keep them apart from the published version) instead of their\npublished version; the next apply publishes them")
	fs.BoolVar(&f.explicit, "explicit", false, "write every front-matter key into every file, defaults too (promoted: false, segments: [], …)")
	fs.StringVar(&f.like, "like", "", "keep the file and folder names of the tree in `DIR` for the articles and sections whose ids it holds\n(default with --force: the tree already in --out)")
	return cmd
}

func (a *app) initCommand() *cobra.Command {
	var f initFlags
	cmd := command("init", "Write a starter hcsync.yaml and GitHub workflows",
		"Write a starter hcsync.yaml and the GitHub workflows that plan on pull requests and apply on push.",
		func(context.Context) error { return a.init(f) })
	fs := cmd.Flags()
	fs.StringVar(&f.provider, "provider", "", "help center: "+orList(providerNames())+" (required)")
	fs.StringVar(&f.dir, "dir", ".", "root of the repository to write into")
	fs.StringVar(&f.branch, "branch", "main", "default branch, which apply runs on")
	fs.BoolVar(&f.force, "force", false, "overwrite files that exist")
	return cmd
}

func (a *app) writeIDsCommand() *cobra.Command {
	var f writeIDsFlags
	cmd := command("write-ids", "Write the ids an apply recorded into this checkout's files",
		"Write the ids an apply recorded (apply --result-file) into the files of this checkout, e.g. a newer commit of the branch.",
		func(context.Context) error {
			if f.from == "" {
				return usageError("--from is required: the file apply --result-file wrote")
			}
			return a.writeIDs(f)
		})
	fs := cmd.Flags()
	configFlag(fs, &f.config)
	fs.StringVar(&f.from, "from", "", "the file apply --result-file wrote (required)")
	return cmd
}

func (a *app) versionCommand() *cobra.Command {
	return command("version", "Print the version",
		"Print the version of hcsync: the release, else the module version or the commit it was built from.",
		func(context.Context) error {
			fmt.Fprintf(a.stdout, "hcsync %s\n", versionString())
			return nil
		})
}

func (c *commonFlags) register(fs *pflag.FlagSet) {
	configFlag(fs, &c.config)
	fs.BoolVar(&c.debug, "debug", false, "log every HTTP request (secrets redacted), what the caches spared and where the time went, to stderr")
	fs.BoolVar(&c.noCache, "no-cache", false, "read every file and render every body, ignoring the load, plan and git body caches (in the user cache folder, e.g. ~/.cache/hcsync)")
}

// registerAll adds --all, for the commands that check the tree.
func (c *commonFlags) registerAll(fs *pflag.FlagSet) {
	fs.BoolVar(&c.all, "all", false, fmt.Sprintf("print every problem and warning on a line of its own (default: one line for each problem found in more than %d places)", diag.GroupOver))
}

func (g *gitFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&g.since, "since", "", "plan archive and delete-translation (with prune) only for files the commits since this git ref deleted")
	fs.BoolVar(&g.failOnDrift, "fail-on-drift", false, "exit 1 when an article was edited in the help center after its file's last commit (or the last apply, with --drift-base)")
	fs.StringVar(&g.driftBase, "drift-base", "", "git ref recording the last successful apply (a commit of the applied tree, made when the apply ended): warn of help-center edits made after it, even if the file was committed since")
	fs.StringVar(&g.jsonFile, "json-file", "", "also write the plan as JSON to this file")
	fs.BoolVar(&g.failOnStale, "fail-on-stale", false, "exit 1 when a translation is behind its source (the source's body changed in a commit after the translation's)")
}

func (f *planningFlags) register(fs *pflag.FlagSet) {
	f.commonFlags.register(fs)
	f.commonFlags.registerAll(fs)
	f.gitFlags.register(fs)
	fs.BoolVar(&f.prune, "prune", false, "archive articles, and delete translations, whose files were deleted since --since (overrides prune: in hcsync.yaml)")
	fs.BoolVar(&f.failOnMissing, "fail-on-missing", false, "exit 1 when an article lacks a translation into a locale of required_locales (hcsync.yaml)")
	f.maxArchive = -1
	fs.Var(countFlag{&f.maxArchive}, "max-archive", "the most articles this run may archive before apply refuses (default: max_archive: in hcsync.yaml, itself 10 by default)")
	registerTarget(fs, &f.targets)
	fs.BoolVar(&f.forgetIDs, "forget-ids", false, "treat ids the help center does not have (a tree from another help center) as absent: adopt by title or create; apply writes the new ids")
}

// countFlag is a count that, left unset, is -1: the value of hcsync.yaml
// applies. Its help shows no default, where an int flag would say
// "(default -1)".
type countFlag struct{ p *int }

func (c countFlag) String() string {
	if c.p == nil || *c.p < 0 {
		return ""
	}
	return strconv.Itoa(*c.p)
}

func (c countFlag) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return errors.New("want a whole number, 0 or more")
	}
	*c.p = n
	return nil
}

// Type names the value in help: --max-archive int.
func (c countFlag) Type() string { return "int" }

// concurrencyFlag is --concurrency: left unset it is 0, and the value of
// hcsync.yaml applies; set, it is bound as concurrency: there is.
type concurrencyFlag struct{ p *int }

func (c concurrencyFlag) String() string {
	if c.p == nil || *c.p == 0 {
		return ""
	}
	return strconv.Itoa(*c.p)
}

func (c concurrencyFlag) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > config.MaxConcurrency {
		return fmt.Errorf("want 1 to %d", config.MaxConcurrency)
	}
	*c.p = n
	return nil
}

// Type names the value in help: --concurrency int.
func (c concurrencyFlag) Type() string { return "int" }
