package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/hcsync/hcsync/config"
	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/diag"
	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/planner"
	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/remote"
)

// commonFlags are the flags plan, apply and validate share.
type commonFlags struct {
	config  string
	debug   bool
	noCache bool
	all     bool
}

// gitFlags are the flags plan and apply take about git history.
type gitFlags struct {
	since       string
	failOnDrift bool
	failOnStale bool
	// driftBase is the record of the last successful apply (the
	// Action's refs/hcsync/applied/<name>): drift is measured from it.
	driftBase string
	// jsonFile is where to save the plan as JSON besides printing it,
	// so the Action reads one plan in two forms without planning twice.
	jsonFile string
}

// workspace is a loaded config and tree.
type workspace struct {
	cfg     *config.Config
	tree    *content.Tree
	noCache bool
	debug   bool
	all     bool // --all: print every problem on its own line
	// planCache is the plan cache the last plan used, saved at
	// planCachePath; nil with --no-cache.
	planCache     *planner.Cache
	planCachePath string
	// lazyBodies loads the tree without its bodies (content.LoadOptions).
	// It pays when a plan cache will spare most renders: otherwise every
	// body is read twice and the collector, with less to keep, runs
	// more often; a cold plan of 10k × 4 then costs 18 % more CPU to save
	// 28 % of its memory (BENCHMARKS.md).
	lazyBodies bool
	// live is the help center as the plan read it (plan --out records
	// what of it the changes touch).
	live *remote.State
}

func (a *app) loadWorkspace(flags commonFlags) (*workspace, error) {
	ws, err := newWorkspace(flags)
	if err != nil {
		return nil, err
	}
	ws.lazyBodies = true // nothing is rendered
	return ws, a.loadTree(ws)
}

// newWorkspace finds and reads hcsync.yaml; the tree is loaded apart,
// so that the help center can be read meanwhile.
func newWorkspace(flags commonFlags) (*workspace, error) {
	cfg, err := loadConfig(flags)
	if err != nil {
		return nil, err
	}
	return &workspace{cfg: cfg, noCache: flags.noCache, debug: flags.debug, all: flags.all}, nil
}

// loadConfig finds and loads hcsync.yaml.
func loadConfig(flags commonFlags) (*config.Config, error) {
	path := flags.config
	if path == "" {
		found, err := config.Find(".")
		if err != nil {
			return nil, err
		}
		path = found
	}
	return config.Load(path, configBlocks())
}

// loadTree loads the content folder, through the load cache unless
// --no-cache: files unchanged since the last run are not read.
func (a *app) loadTree(ws *workspace) error {
	opts := content.LoadOptions{DefaultLocale: ws.cfg.DefaultLocale, LazyBodies: ws.lazyBodies, FrontMatter: frontMatterOptions(ws.cfg),
		RootArticles: specOf(ws.cfg) != nil && specOf(ws.cfg).rootArticles}
	var cachePath string
	if !ws.noCache {
		if cachePath = cacheFile(ws.cfg.ContentDir(), "tree", ".bin"); cachePath != "" {
			opts.Cache = content.ReadLoadCache(cachePath)
		}
	}
	tree, err := content.Load(ws.cfg.ContentDir(), opts)
	if tree != nil {
		// Said even when there are problems: one run shows all there is.
		a.printWarnings(ws, tree.Warnings)
	}
	if err != nil {
		// With Problems, the tree Load could build is kept for validate,
		// which reports more problems of it in the same run.
		ws.tree = tree
		return describeProblems(ws, err)
	}
	ws.tree = tree
	if opts.Cache != nil {
		if ws.debug {
			if d := opts.Cache.Damage(); d != nil {
				fmt.Fprintf(a.stderr, "load cache %v, rebuilt\n", d)
			}
			fmt.Fprintf(a.stderr, "load cache: %d files not read: unchanged since the last run\n", opts.Cache.Hits())
		}
		// Like the plan cache, it only spares work.
		if err := opts.Cache.Save(cachePath); err != nil && ws.debug {
			fmt.Fprintf(a.stderr, "load cache not saved: %v\n", err)
		}
	}
	return nil
}

// describeProblems prefixes tree problems with the content folder so the
// paths they name can be opened from where the user stands, and prints
// them grouped by kind unless --all.
func describeProblems(ws *workspace, err error) error {
	if ps, ok := err.(diag.Problems); ok {
		return problemList{ps: relProblems(ws.cfg, ps), all: ws.all}
	}
	return err
}

// relProblems names the files of ps from where the user stands.
func relProblems(cfg *config.Config, ps diag.Problems) diag.Problems {
	rel := relPath(cfg.ContentDir())
	out := make(diag.Problems, len(ps))
	for i, p := range ps {
		if p.File != "" && !filepath.IsAbs(p.File) && p.File != cfg.File {
			p.File = filepath.ToSlash(filepath.Join(rel, filepath.FromSlash(p.File)))
		}
		out[i] = p
	}
	return out
}

// problemList is the error of a run that found problems: printed grouped
// by kind, or every line with --all. The exit code stays 1.
type problemList struct {
	ps  diag.Problems
	all bool
}

func (l problemList) Error() string {
	text, folded := l.ps.Format(l.all)
	return text + foldedHint(folded)
}

func (l problemList) Unwrap() error { return l.ps }

// foldedHint says how to see the lines a grouped list folded.
func foldedHint(folded int) string {
	if folded == 0 {
		return ""
	}
	return fmt.Sprintf("\n  (%d lines folded by kind: run with --all to see each)", folded)
}

// printWarnings prints what is worth saying about a tree that loaded,
// grouped like problems, to stderr.
func (a *app) printWarnings(ws *workspace, warnings diag.Problems) {
	if len(warnings) == 0 {
		return
	}
	text, folded := relProblems(ws.cfg, warnings).FormatWarnings(ws.all)
	if len(warnings) == 1 {
		text = "warning: " + text
	}
	fmt.Fprintln(a.stderr, text+foldedHint(folded))
}

func relPath(p string) string {
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	if r, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(r, "..") {
		return r
	}
	return p
}

func (a *app) provider(ws *workspace, flags commonFlags) (providers.Provider, error) {
	w := wiring{
		Getenv:     a.getenv,
		HTTPClient: &http.Client{Timeout: 2 * time.Minute},
		UserAgent:  "hcsync/" + versionString(),
	}
	if flags.debug {
		w.Debug = a.stderr
	}
	a.reachHint = reachHint(ws.cfg)
	if err := a.checkProvider(ws); err != nil {
		return nil, err
	}
	return newProvider(ws.cfg, w)
}

// checkProvider says what the config shows, offline, of its provider's
// readiness (config.CheckProvider): warnings on stderr, problems as the
// error, before any request names a host that is a placeholder.
func (a *app) checkProvider(ws *workspace) error {
	ps, warnings := ws.cfg.CheckProvider()
	a.printWarnings(ws, warnings)
	if len(ps) > 0 {
		return problemList{ps: ps, all: ws.all}
	}
	return nil
}

// planOptions are the planner options the config implies.
func planOptions(cfg *config.Config, p providers.Provider) planner.Options {
	opts := planner.Options{
		Provider:        p.Name(),
		Caps:            p.Capabilities(),
		DefaultLocale:   cfg.DefaultLocale,
		Prune:           cfg.Prune,
		ConfigFile:      cfg.File,
		LinksRoot:       cfg.Links.Root,
		RequiredLocales: cfg.RequiredLocales,
	}
	if rd, ok := p.(providers.Redirector); ok {
		opts.ArticlePath = rd.ArticlePath
	}
	if s := specOf(cfg); s != nil && s.planOptions != nil {
		s.planOptions(cfg, &opts)
	}
	return opts
}

// addGitFacts fills opts from the history of the repository holding the
// content folder: each file's last commit time (drift warnings) and, with
// --since, the article and translation files deleted since that ref
// (prune). A tree outside git gets no git facts, unless --since asks for
// them. --debug says how long it took: in a clone it is a plan's own
// step, not part of reading the help center.
func (a *app) addGitFacts(ctx context.Context, ws *workspace, g gitFlags, opts *planner.Options) error {
	start := time.Now()
	repo, err := content.OpenRepo(ws.cfg.ContentDir())
	if err != nil {
		return err
	}
	if repo != nil {
		defer func() { a.debugf(ws, "timing: git history read in %s", since(start)) }()
	}
	if repo == nil {
		if g.since != "" {
			return usageError("--since %s: %s is not inside a git repository: run hcsync from a clone, or drop --since", g.since, relPath(ws.cfg.ContentDir()))
		}
		if g.driftBase != "" {
			return usageError("--drift-base %s: %s is not inside a git repository: run hcsync from a clone, or drop --drift-base", g.driftBase, relPath(ws.cfg.ContentDir()))
		}
		opts.Stale, err = staleByHash(ws.tree)
		return err
	}
	if g.driftBase != "" {
		st, err := repo.AppliedAt(g.driftBase)
		if err != nil {
			return usageError("%w", err)
		}
		opts.Applied = &planner.AppliedRecord{At: st.At, Files: st.Files}
	}
	var files []string
	for _, art := range ws.tree.Articles {
		for _, t := range art.Translations {
			files = append(files, t.Path)
		}
	}
	last, err := repo.LastCommits(ctx, files)
	if err != nil {
		return fmt.Errorf("reading git history for drift checks: %w", err)
	}
	opts.LastCommit = make(map[string]time.Time, len(last))
	truncated := 0
	for p, fc := range last {
		opts.LastCommit[p] = fc.Time
		if fc.Truncated {
			truncated++
		}
	}
	root := ws.cfg.ContentDir()
	opts.Committed = func(file string) bool {
		working, err := content.ReadFile(root, file)
		if err != nil {
			return false
		}
		ok, err := repo.Committed(file, working)
		return err == nil && ok
	}
	if opts.Stale, err = a.staleTranslationsCached(ctx, ws, repo, g.since); err != nil {
		return err
	}
	if truncated > 0 {
		fmt.Fprintf(a.stderr, "note: shallow clone: %d file(s) last changed before the oldest commit fetched, so drift is checked against that commit; set fetch-depth: 0 on actions/checkout for exact drift warnings\n", truncated)
	}
	// Deletions matter only to prune; without it a shallow clone that
	// lacks the ref is no reason to fail.
	if g.since == "" || !opts.Prune {
		return nil
	}
	deleted, err := repo.DeletedSince(ctx, g.since)
	if err != nil {
		return err
	}
	if opts.RemovedRedirects, err = repo.RedirectsSince(ctx, g.since); err != nil {
		return err
	}
	for _, d := range deleted {
		if d.Locale != "" {
			opts.DeletedTranslations = append(opts.DeletedTranslations, planner.DeletedTranslation{Path: d.Path, Locale: d.Locale, Article: d.Source, ID: d.ID})
			continue
		}
		opts.Deleted = append(opts.Deleted, planner.Deleted{Path: d.Path, ID: d.ID})
	}
	return nil
}

// staleTranslationsCached is staleTranslations with the body digests of
// the blobs earlier runs compared (content.BodyCache), unless --no-cache:
// a plan of an unchanged checkout then reads no blob but those a stale
// translation's line count needs.
func (a *app) staleTranslationsCached(ctx context.Context, ws *workspace, repo *content.Repo, since string) ([]plan.StaleTranslation, error) {
	var path string
	if !ws.noCache {
		path = cacheFile(ws.cfg.ContentDir(), "git-bodies", ".bin")
	}
	if path == "" {
		return staleTranslations(ctx, repo, ws.tree, since)
	}
	cache := content.ReadBodyCache(path)
	if err := cache.Damage(); err != nil {
		a.debugf(ws, "git body cache %v, rebuilt", err)
	}
	repo.UseBodyCache(cache)
	stale, err := staleTranslations(ctx, repo, ws.tree, since)
	if err == nil {
		if err := cache.Save(path); err != nil {
			a.debugf(ws, "git body cache not saved: %v", err)
		}
		a.debugf(ws, "git body cache: %d blob(s) from the cache", cache.Hits())
	}
	return stale, err
}

// staleTranslations asks git which translations of tree fell behind
// their source; since, when set, marks those the commits since made
// stale.
func staleTranslations(ctx context.Context, repo *content.Repo, tree *content.Tree, since string) ([]plan.StaleTranslation, error) {
	var refs []content.TranslationRef
	locales := map[string]string{}
	for _, art := range tree.Articles {
		for _, t := range art.Translations[1:] {
			refs = append(refs, content.TranslationRef{Source: art.Path, Translation: t.Path, SourceCommit: t.SourceCommit})
			locales[t.Path] = t.Locale
		}
	}
	stale, err := repo.Staleness(ctx, refs, since)
	if err != nil {
		return nil, fmt.Errorf("reading git history for stale translations: %w", err)
	}
	out := make([]plan.StaleTranslation, 0, len(stale))
	for _, s := range stale {
		out = append(out, plan.StaleTranslation{File: s.Translation, Article: s.Source, Locale: locales[s.Translation],
			Since: s.Since, SinceTime: s.SinceTime, Commits: s.Commits, LinesChanged: s.Lines, New: s.New})
	}
	return out, nil
}

// staleByHash is staleness without git: a translation whose
// source_hash: differs from its source's body's is stale. Since and the
// counts are unknown then.
func staleByHash(tree *content.Tree) ([]plan.StaleTranslation, error) {
	out := []plan.StaleTranslation{}
	for _, art := range tree.Articles {
		var now string
		for _, t := range art.Translations[1:] {
			if t.SourceHash == "" {
				continue
			}
			if now == "" {
				body, err := tree.Body(art.Source())
				if err != nil {
					return nil, fmt.Errorf("%s: %w", art.Path, err)
				}
				now = content.SourceHash(body)
			}
			if t.SourceHash != now {
				out = append(out, plan.StaleTranslation{File: t.Path, Article: art.Path, Locale: t.Locale})
			}
		}
	}
	return out, nil
}

// checkStale fails with a list of the stale translations when
// --fail-on-stale is set and the plan has any.
func checkStale(g gitFlags, pl *plan.Plan) error {
	if !g.failOnStale || len(pl.Stale) == 0 {
		return nil
	}
	files := make([]string, len(pl.Stale))
	for i, s := range pl.Stale {
		files[i] = s.File
	}
	return fmt.Errorf("--fail-on-stale: %d translation(s) are behind their source (%s): update them, or set source_commit: in those that still hold", len(files), strings.Join(files, ", "))
}

// checkMissing fails when --fail-on-missing is set and the plan warns
// of missing translations.
func checkMissing(f planningFlags, pl *plan.Plan) error {
	if n := pl.MissingTranslations(); f.failOnMissing && n > 0 {
		return fmt.Errorf("--fail-on-missing: %d translation(s) required by required_locales are missing (the plan's warnings name them): add the files, or drop the locale from required_locales", n)
	}
	return nil
}

// saveJSON writes the plan to --json-file, when given.
func saveJSON(g gitFlags, pl *plan.Plan) error {
	if g.jsonFile == "" {
		return nil
	}
	f, err := os.Create(g.jsonFile)
	if err != nil {
		return fmt.Errorf("--json-file: %w", err)
	}
	if err := plan.WriteJSON(f, pl); err != nil {
		f.Close()
		return fmt.Errorf("--json-file %s: %w", g.jsonFile, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("--json-file %s: %w", g.jsonFile, err)
	}
	return nil
}

// checkDrift fails with a list of the drifted files when --fail-on-drift
// is set and the plan warns of drift.
func checkDrift(g gitFlags, pl *plan.Plan) error {
	if !g.failOnDrift {
		return nil
	}
	var files []string
	for _, w := range pl.Warnings {
		if w.Kind == plan.WarningDrift {
			files = append(files, w.File)
		}
	}
	if len(files) == 0 {
		return nil
	}
	sort.Strings(files)
	return fmt.Errorf("--fail-on-drift: %d file(s) were edited in the help center after their last commit (%s): copy those edits into the files, or drop --fail-on-drift to overwrite them", len(files), strings.Join(files, ", "))
}

// readPlanCacheAsync reads the plan cache of provider in the background,
// unless --no-cache; the returned function waits for it. The cache only
// spares work: a failure to read or write it costs speed, never
// correctness, so it is not an error.
func (ws *workspace) readPlanCacheAsync(provider string) func() *planner.Cache {
	if ws.planCachePath = cacheFile(ws.cfg.File, "plan", "-"+provider+".bin"); ws.noCache || ws.planCachePath == "" {
		return func() *planner.Cache { return nil }
	}
	done := make(chan *planner.Cache, 1)
	go func() { done <- planner.LoadCache(ws.planCachePath) }()
	return func() *planner.Cache { return <-done }
}

// fetchAsync reads the help center in the background: the listing waits
// on the network while the tree loads. The returned function waits for
// it. The name lists (tags, segments, groups) are read after, by
// planFor, once the tree says which it names.
func fetchAsync(ctx context.Context, p providers.Provider) func() (*remote.State, error) {
	type result struct {
		remote *remote.State
		err    error
	}
	done := make(chan result, 1)
	go func() {
		r, err := remote.FetchLists(ctx, p)
		done <- result{r, err}
	}()
	return func() (*remote.State, error) {
		r := <-done
		return r.remote, r.err
	}
}

// makePlan plans against the remote. Tree problems the remote reveals
// come back as diag.Problems.
func (a *app) makePlan(ws *workspace, live *remote.State, opts planner.Options) (*plan.Plan, error) {
	pl, err := planner.NewPlan(ws.tree, live, opts)
	if err != nil {
		return nil, describeProblems(ws, err)
	}
	ws.planCache = opts.Cache
	if ws.debug && ws.planCache != nil {
		if d := ws.planCache.Damage(); d != nil {
			fmt.Fprintf(a.stderr, "plan cache %v, rebuilt\n", d)
		}
		n := 0
		for _, art := range ws.tree.Articles {
			n += len(art.Translations)
		}
		fmt.Fprintf(a.stderr, "plan cache: %d of %d bodies not rendered: unchanged since they last matched the help center\n", ws.planCache.Hits(), n)
	}
	a.savePlanCache(ws)
	return pl, nil
}

// savePlanCache writes the plan cache. It only spares work, so a failure is
// no error; --debug tells of it.
func (a *app) savePlanCache(ws *workspace) {
	if ws.planCache == nil {
		return
	}
	if err := ws.planCache.Save(ws.planCachePath); err != nil && ws.debug {
		fmt.Fprintf(a.stderr, "plan cache not saved: %v\n", err)
	}
}

// cacheFile is where a cache of hcsync's lives: in the user's cache
// folder, not the repository, so no workflow ever commits it, and named
// after the absolute path it describes (the config, the content folder)
// so two checkouts do not share one. It is "" when the user has no cache
// folder: a folder every user may write to (the temp folder) would let
// one plant a cache that hides changes from another, so then nothing is
// cached.
func cacheFile(of, kind, suffix string) string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	abs, err := filepath.Abs(of)
	if err != nil {
		abs = of
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(dir, "hcsync", kind+"-"+hex.EncodeToString(sum[:8])+suffix)
}

// frontMatterOptions are the config's front_matter settings as package
// content takes them.
func frontMatterOptions(cfg *config.Config) content.FrontMatterOptions {
	return content.FrontMatterOptions{Ignore: cfg.FrontMatter.Ignore, Unknown: content.UnknownKeys(cfg.FrontMatter.Unknown)}
}
