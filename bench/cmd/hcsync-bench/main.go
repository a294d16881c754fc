// Command hcsync-bench measures whole runs of the hcsync CLI on a
// generated tree: it builds the CLI once, generates the tree in a temp
// folder, starts the chosen provider's fake in-process on loopback (or
// uses the folder-backed local provider), runs the real binary for each
// step of -runs, and prints a Markdown table row per run: wall and CPU
// time, peak RSS, API calls, 429s and writes per second against the
// limit, then each run's API calls by endpoint kind.
//
//	go run ./bench/cmd/hcsync-bench -articles 10000 -locales 4 -provider local -runs apply,plan,plan
//	go run ./bench/cmd/hcsync-bench -articles 300 -locales 3 -provider zendesk -limit 100 -window 1s -runs apply,plan
//
// Figures come from the kernel's accounting of each child process
// (getrusage), so the harness's own work, the fake included, is not in
// them.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/hcsync/hcsync/bench"
)

// options are the command's flags.
type options struct {
	articles, locales, perSection int
	provider                      string
	runs                          string
	limit                         limit
	concurrency                   int
	links, images, translated     bool
	imageKB, git                  int
	bin                           string
	keep                          bool
	verbose                       bool
	timeout                       time.Duration
}

func main() {
	var o options
	flag.IntVar(&o.articles, "articles", 1000, "source articles in the generated tree")
	flag.IntVar(&o.locales, "locales", 4, "locales per article, the source included (1-5)")
	flag.IntVar(&o.perSection, "per-section", 50, "articles per section folder")
	// local is the default as it is hcsync's: no fake server, no API.
	flag.StringVar(&o.provider, "provider", "local", strings.Join(providerNames(), ", ")+" (fakes run in-process)")
	flag.StringVar(&o.runs, "runs", "apply,plan,plan", "comma-separated hcsync commands to run in order, each with its flags (\"plan --format json\")")
	flag.IntVar(&o.limit.Requests, "limit", 0, "the fake's rate limit in requests per -window (0 = off); hcsync.yaml's rate_limit says the same")
	flag.DurationVar(&o.limit.Window, "window", time.Minute, "the fake's rate-limit window; shorten it with -limit to scale a per-minute limit down")
	flag.IntVar(&o.concurrency, "concurrency", 8, "hcsync.yaml's concurrency (writes in flight during apply)")
	flag.BoolVar(&o.links, "links", true, "link every article to two others (link cycles included)")
	flag.BoolVar(&o.images, "images", true, "give every section an image its articles show")
	flag.IntVar(&o.imageKB, "image-kb", 0, "give every article a screenshot of its own of about this many KB (0 = none)")
	flag.IntVar(&o.git, "git", 0, "commit the tree into a git repository over this many commits, objects left loose (0 = no repository): each after the first edits 5 articles and replaces 2 of their screenshots")
	flag.BoolVar(&o.translated, "translated", true, "give each locale's body its own text, as real translations have (false: every locale repeats the source body)")
	flag.StringVar(&o.bin, "bin", "", "an hcsync binary to run instead of building ./cmd/hcsync")
	flag.BoolVar(&o.keep, "keep", false, "keep the temp folder holding the tree and print its path (a fake's state ends with the harness)")
	flag.DurationVar(&o.timeout, "timeout", 0, "kill a run that takes longer (0 = no limit); the row shows it as timed out")
	flag.BoolVar(&o.verbose, "v", false, "copy each run's output to stderr")
	flag.Parse()
	if err := run(o, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintf(os.Stderr, "hcsync-bench: %v\n", err)
		os.Exit(1)
	}
}

func run(o options, stdout, stderr io.Writer) error {
	if o.limit.Requests > 0 && o.limit.Window <= 0 {
		return fmt.Errorf("-window %s: a limit needs a positive window", o.limit.Window)
	}
	dir, err := os.MkdirTemp("", "hcsync-bench-")
	if err != nil {
		return fmt.Errorf("making a temp folder for the tree: %w", err)
	}
	if o.keep {
		fmt.Fprintf(stderr, "tree and help center kept in %s\n", dir)
	} else {
		defer os.RemoveAll(dir)
	}
	bin := o.bin
	if bin == "" {
		if bin, err = buildCLI(dir); err != nil {
			return err
		}
	}
	tgt, err := startTarget(o.provider, o.locales, o.concurrency, o.limit)
	if err != nil {
		return err
	}
	defer tgt.close()
	if err := os.WriteFile(filepath.Join(dir, "hcsync.yaml"), []byte(tgt.config), 0o644); err != nil {
		return fmt.Errorf("writing hcsync.yaml: %w", err)
	}
	start := time.Now()
	tree := bench.Tree{
		Articles: o.articles, Locales: o.locales, PerSection: o.perSection,
		NoMeta: tgt.noMeta, Links: o.links, Images: o.images, Translated: o.translated, ImageKB: o.imageKB,
	}
	files, err := bench.Generate(filepath.Join(dir, "docs"), tree)
	if err != nil {
		return fmt.Errorf("generating the tree in %s: %w", dir, err)
	}
	fmt.Fprintf(stderr, "generated %d files in %.1f s\n", files, time.Since(start).Seconds())
	if o.git > 0 {
		start = time.Now()
		if err := bench.CommitHistory(dir, tree, bench.History{Commits: o.git, Edits: 5, Images: 2}); err != nil {
			return fmt.Errorf("committing the tree in %s: %w", dir, err)
		}
		fmt.Fprintf(stderr, "committed it in %d commit(s) in %.1f s\n", o.git, time.Since(start).Seconds())
	}

	fmt.Fprintf(stdout, "Machine: %s. Command: `%s`\n\n%s", machine(), commandLine(), header)
	var results []result
	for _, step := range strings.Split(o.runs, ",") {
		args := strings.Fields(step)
		if len(args) == 0 {
			continue
		}
		before := 0
		if tgt.requests != nil {
			before = len(tgt.requests())
		}
		r := result{Run: strings.Join(args, " "), Provider: o.provider, Tree: fmt.Sprintf("%d×%d", o.articles, o.locales),
			Limit: o.limit, Load: loadAverage()}
		if tgt.requests == nil {
			r.Limit = limit{} // no API, so no limit to report
		}
		var echo io.Writer
		if o.verbose {
			echo = stderr
		}
		r.Usage, err = runChild(bin, dir, tgt.env, echo, o.timeout, args...)
		if err != nil {
			return err
		}
		if tgt.requests != nil {
			c := count(tgt.requests()[before:])
			r.Calls = &c
		}
		fmt.Fprint(stdout, row(r))
		if r.Usage.TimedOut {
			fmt.Fprintf(stderr, "hcsync %s killed after -timeout %s; later runs skipped\n", r.Run, o.timeout)
			results = append(results, r)
			break
		}
		if r.Usage.Exit != 0 && !(args[0] == "plan" && r.Usage.Exit == exitChanges && slices.Contains(args, "--detailed-exitcode")) {
			fmt.Fprintf(stderr, "hcsync %s exited %d; the end of its stderr:\n%s\n", r.Run, r.Usage.Exit, r.Usage.Stderr)
		}
		results = append(results, r)
	}
	writeKinds(stdout, results)
	return nil
}

// exitChanges is hcsync plan --detailed-exitcode's "changes present".
const exitChanges = 2

// buildCLI builds ./cmd/hcsync of the module the harness runs in into
// dir.
func buildCLI(dir string) (string, error) {
	gomod, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("finding the module to build hcsync from: %w", err)
	}
	root := filepath.Dir(strings.TrimSpace(string(gomod)))
	bin := filepath.Join(dir, "hcsync")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/hcsync")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./cmd/hcsync in %s: %w\n%s", root, err, out)
	}
	return bin, nil
}

// machine describes where the figures come from: cores, CPU model and
// the Go that built the harness (and the CLI).
func machine() string {
	cpu := "unknown CPU"
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				cpu = strings.TrimSpace(v)
				break
			}
		}
	}
	return fmt.Sprintf("%d cores (%s), %s %s/%s", runtime.NumCPU(), cpu, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

// commandLine is how the harness was invoked, for the figures to cite,
// quoted for a POSIX shell.
func commandLine() string {
	return "go run ./bench/cmd/hcsync-bench " + shellJoin(os.Args[1:])
}

// shellJoin joins args for a POSIX shell, single-quoting those holding
// anything but letters, digits and -_.,=/:.
func shellJoin(args []string) string {
	out := make([]string, len(args))
	for i, a := range args {
		if a != "" && strings.Trim(a, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.,=/:") == "" {
			out[i] = a
			continue
		}
		out[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	return strings.Join(out, " ")
}
