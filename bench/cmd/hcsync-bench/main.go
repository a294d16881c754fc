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
// Whole runs as users run them, in a git checkout against the Zendesk
// fake, two binaries alternated over three rounds (BENCHMARKS.md, first
// section):
//
//	go run ./bench/cmd/hcsync-bench -articles 10000 -locales 4 -provider zendesk -git 20 -git-binary git \
//	    -bin before=/tmp/hcsync-before,after=/tmp/hcsync -setup 'apply,commit,each:plan' \
//	    -runs 'plan --no-cache --detailed-exitcode,plan --detailed-exitcode' -repeat 3
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
	gitBinary                     string
	bin                           string
	setup                         string
	repeat                        int
	env                           string
	keep                          bool
	verbose                       bool
	timeout                       time.Duration
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == trampolineArg {
		os.Exit(trampoline(os.Args[2:]))
	}
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
	flag.StringVar(&o.gitBinary, "git-binary", "", "make -git's commits with this git command (\"git\"; much faster at 10k articles) instead of go-git")
	flag.StringVar(&o.bin, "bin", "", "hcsync binaries to run instead of building ./cmd/hcsync: path or label=path, comma-separated; each -runs step runs with each in turn, each with a cache folder of its own")
	flag.StringVar(&o.setup, "setup", "", "comma-separated steps run once, with the first binary, before -runs (\"apply,commit,each:plan\"); the step commit commits the tree as it then is (the ids apply wrote) and packs the repository (git gc), so the plans run in a clean checkout packed as a clone is; a step each:S runs S with every binary (to warm each one's caches)")
	flag.StringVar(&o.env, "env", "", "comma-separated NAME=value pairs added to every run's environment (HCSYNC_CPUPROFILE=/tmp/plan.prof: each run overwrites the profile)")
	flag.IntVar(&o.repeat, "repeat", 1, "run the -runs steps this many rounds, then print each step's min–max per binary")
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
	bins, err := parseBins(o.bin)
	if err != nil {
		return err
	}
	if len(bins) == 0 {
		path, err := buildCLI(dir)
		if err != nil {
			return err
		}
		bins = []binary{{path: path}}
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
		if err := bench.CommitHistory(dir, tree, bench.History{Commits: o.git, Edits: 5, Images: 2, GitBinary: o.gitBinary}); err != nil {
			return fmt.Errorf("committing the tree in %s: %w", dir, err)
		}
		fmt.Fprintf(stderr, "committed it in %d commit(s) in %.1f s\n", o.git, time.Since(start).Seconds())
	}

	fmt.Fprintf(stdout, "Machine: %s. Command: `%s`\n\n%s", machine(), commandLine(), header)
	m := &measurer{o: o, dir: dir, tgt: tgt, bins: bins, stdout: stdout, stderr: stderr}
	if done, err := m.steps(o.setup, bins[:1]); err != nil || done {
		writeKinds(stdout, m.results)
		return err
	}
	setup := len(m.results)
	for round := 0; round < max(o.repeat, 1); round++ {
		if done, err := m.steps(o.runs, bins); err != nil || done {
			break
		}
	}
	writeKinds(stdout, m.results)
	if o.repeat > 1 || len(bins) > 1 {
		fmt.Fprintf(stdout, "\nOver %d round(s) of -runs:\n\n", max(o.repeat, 1))
		writeSummary(stdout, m.results[setup:])
	}
	return nil
}

// binary is an hcsync binary to measure and its label in the tables.
type binary struct{ label, path string }

// parseBins reads -bin: paths or label=path pairs, comma-separated.
func parseBins(s string) ([]binary, error) {
	var bins []binary
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		label, path, ok := strings.Cut(f, "=")
		if !ok {
			label, path = filepath.Base(f), f
		}
		abs, err := filepath.Abs(path)
		if err != nil {
			return nil, fmt.Errorf("-bin %s: %w", f, err)
		}
		bins = append(bins, binary{label: label, path: abs})
	}
	if len(bins) == 1 {
		bins[0].label = "" // one binary: rows need no label
	}
	return bins, nil
}

// measurer runs steps of the CLI in the tree and keeps their results.
type measurer struct {
	o              options
	dir            string
	tgt            *target
	bins           []binary // all of -bin, for each: steps
	stdout, stderr io.Writer
	results        []result
}

// steps runs each comma-separated step of list with each binary in
// turn, printing a row per run. done is set when a run timed out.
func (m *measurer) steps(list string, bins []binary) (done bool, err error) {
	for _, step := range strings.Split(list, ",") {
		args := strings.Fields(step)
		if len(args) == 0 {
			continue
		}
		if len(args) == 1 && args[0] == "commit" {
			if err := m.commit(); err != nil {
				return true, err
			}
			continue
		}
		runWith := bins
		if rest, ok := strings.CutPrefix(args[0], "each:"); ok {
			args[0], runWith = rest, m.bins
		}
		for i, b := range runWith {
			r, err := m.one(b, i, args)
			if err != nil {
				return true, err
			}
			m.results = append(m.results, r)
			if r.Usage.TimedOut {
				fmt.Fprintf(m.stderr, "hcsync %s killed after -timeout %s; later runs skipped\n", r.Run, m.o.timeout)
				return true, nil
			}
		}
	}
	return false, nil
}

// commit commits every change in the tree, as a writer commits the ids
// an apply wrote back.
func (m *measurer) commit() error {
	if m.o.git == 0 {
		return fmt.Errorf("the step commit needs a repository: give -git N")
	}
	bin := m.o.gitBinary
	if bin == "" {
		bin = "git"
	}
	if err := bench.Git(bin, m.dir, m.o.git, "add", "-A", "docs"); err != nil {
		return err
	}
	if err := bench.Git(bin, m.dir, m.o.git, "commit", "-q", "--allow-empty", "-m", "ids written by apply"); err != nil {
		return err
	}
	return bench.Git(bin, m.dir, m.o.git, "gc", "-q")
}

// one runs hcsync args with binary b (the i-th), its HOME, and so its
// caches, a folder of its own, and prints the run's row.
func (m *measurer) one(b binary, i int, args []string) (result, error) {
	before := 0
	if m.tgt.requests != nil {
		before = len(m.tgt.requests())
	}
	r := result{Bin: b.label, Run: strings.Join(args, " "), Provider: m.o.provider, Tree: fmt.Sprintf("%d×%d", m.o.articles, m.o.locales),
		Limit: m.o.limit, Load: loadAverage()}
	if m.tgt.requests == nil {
		r.Limit = limit{} // no API, so no limit to report
	}
	var echo io.Writer
	if m.o.verbose {
		echo = m.stderr
	}
	home := m.dir
	if i > 0 {
		home = filepath.Join(m.dir, fmt.Sprintf(".home-%d", i))
		if err := os.MkdirAll(home, 0o755); err != nil {
			return r, err
		}
	}
	var err error
	env := m.tgt.env
	if m.o.env != "" {
		env = append(slices.Clip(env), strings.Split(m.o.env, ",")...)
	}
	r.Usage, err = runChild(b.path, m.dir, home, env, echo, m.o.timeout, args...)
	if err != nil {
		return r, err
	}
	if m.tgt.requests != nil {
		c := count(m.tgt.requests()[before:])
		r.Calls = &c
	}
	shown := r
	if b.label != "" {
		shown.Run = "[" + b.label + "] " + r.Run
	}
	fmt.Fprint(m.stdout, row(shown))
	if r.Usage.Exit != 0 && !(args[0] == "plan" && r.Usage.Exit == exitChanges && slices.Contains(args, "--detailed-exitcode")) {
		fmt.Fprintf(m.stderr, "hcsync %s exited %d; the end of its stderr:\n%s\n", r.Run, r.Usage.Exit, r.Usage.Stderr)
	}
	return r, nil
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
