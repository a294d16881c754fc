package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/schollz/progressbar/v3"
	"go.yaml.in/yaml/v3"

	"github.com/hcsync/hcsync/config"
	"github.com/hcsync/hcsync/export"
	"github.com/hcsync/hcsync/planner"
)

type exportFlags struct {
	commonFlags
	out      string
	force    bool
	keepURLs bool
	drafts   bool
	explicit bool
	like     string
}

func (a *app) export(ctx context.Context, f exportFlags) error {
	// Refuse before reading anything: a mistyped --out must not cost a
	// full download first.
	if err := checkOut(f.out, f.force); err != nil {
		return err
	}
	cfg, err := loadConfig(f.commonFlags)
	if err != nil {
		return err
	}
	p, err := a.provider(&workspace{cfg: cfg}, f.commonFlags)
	if err != nil {
		return err
	}
	var bar *progressbar.ProgressBar
	// Downloaded images plan clean on every provider: the sidecar export
	// writes beside them maps an unchanged copy back to its URL.
	// The exported config keeps the defaults for new articles, so files
	// need not repeat them (ExportOptions.Defaults).
	opts := export.Options{RelativeLinks: !f.keepURLs, LocalImages: !f.keepURLs, Drafts: f.drafts,
		Defaults: planOptions(cfg, p).Defaults, Explicit: f.explicit, Like: likeDir(f)}
	if a.isTerminal {
		opts.Progress = func(done, total int) {
			if bar == nil {
				bar = progressbar.NewOptions(total,
					progressbar.OptionSetWriter(a.stderr),
					progressbar.OptionSetDescription("exporting"),
					progressbar.OptionShowCount(),
					progressbar.OptionClearOnFinish(),
				)
			}
			_ = bar.Set(done)
		}
	}
	fmt.Fprintf(a.stderr, "Reading the %s help center...\n", p.Name())
	res, err := export.Export(ctx, p, opts)
	if bar != nil {
		_ = bar.Finish()
	}
	if err != nil {
		return err
	}
	conf, err := exportedConfig(cfg, res.DefaultLocale, f.out)
	if err != nil {
		return err
	}
	res.Files = append(res.Files, export.File{Path: "hcsync.yaml", Data: conf})
	if err := res.Write(f.out); err != nil {
		return err
	}
	writeExportSummary(a.stdout, res, f.out, opts.Like, f.drafts)
	return nil
}

// likeDir is the tree whose names export keeps: --like, else with
// --force the folder written over, when it exists.
func likeDir(f exportFlags) string {
	if f.like != "" || !f.force {
		return f.like
	}
	if info, err := os.Stat(f.out); err == nil && info.IsDir() {
		return f.out
	}
	return ""
}

// checkOut refuses an --out that holds anything, unless force.
func checkOut(out string, force bool) error {
	entries, err := os.ReadDir(out)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("--out %s: %w", out, err)
	case len(entries) > 0 && !force:
		return fmt.Errorf("--out %s is not empty (%d entries): choose an empty or new folder, or pass --force to write over files of the same names", out, len(entries))
	}
	return nil
}

// exportedConfig is the hcsync.yaml written at the top of the tree: the
// same help center (its provider's block as loaded, or as the provider
// exports it: a local folder still points where it was), content: the
// tree itself, the help center's default locale, and links rooted at
// the help center's own site.
func exportedConfig(cfg *config.Config, defaultLocale, out string) ([]byte, error) {
	head := struct {
		Provider      string `yaml:"provider"`
		Content       string `yaml:"content"`
		DefaultLocale string `yaml:"default_locale"`
		Concurrency   int    `yaml:"concurrency,omitempty"`
	}{Provider: cfg.Provider, Content: ".", DefaultLocale: defaultLocale, Concurrency: cfg.Concurrency}
	block, err := exportedBlock(cfg, out)
	if err != nil {
		return nil, err
	}
	tail := struct {
		Links config.Links `yaml:"links"`
	}{
		// Paths in the help center's bodies ("/cmd/go/") are on the
		// site the help center is served on: published as written.
		Links: config.Links{Root: planner.SiteRoot},
	}
	// Three mappings one after the other are one mapping, in the order
	// hcsync.yaml has always been written.
	text := []byte("# Written by hcsync export. Secrets come from the environment, never from this file.\n")
	for _, part := range []any{head, block, tail} {
		body, err := yaml.Marshal(part)
		if err != nil {
			return nil, fmt.Errorf("writing hcsync.yaml: %w", err)
		}
		if string(body) != "{}\n" {
			text = append(text, body...)
		}
	}
	return text, nil
}

// exportedBlock is the provider's block of the exported hcsync.yaml,
// keyed by its name.
func exportedBlock(cfg *config.Config, out string) (map[string]any, error) {
	s := specOf(cfg)
	if s == nil {
		return nil, nil
	}
	var block any = cfg.Blocks[s.name]
	if s.exported != nil {
		b, err := s.exported(cfg, out)
		if err != nil {
			return nil, err
		}
		block = b
	}
	if block == nil {
		return nil, nil
	}
	return map[string]any{s.name: block}, nil
}

func writeExportSummary(w io.Writer, res *export.Result, out, like string, drafts bool) {
	counts := []string{count(res.Articles, "article", "articles"), count(res.Translations, "translation", "translations"),
		count(res.Images, "image", "images"), count(res.Sections, "section", "sections")}
	if res.Categories > 0 {
		counts = append(counts, count(res.Categories, "category", "categories"))
	}
	fmt.Fprintf(w, "Exported %s and %s into %s.\n", strings.Join(counts[:len(counts)-1], ", "), counts[len(counts)-1], out)
	if like != "" {
		fmt.Fprintf(w, "%s and %s keep the names they have in %s (their ids match).\n", count(res.KeptArticles, "article", "articles"), count(res.KeptFolders, "folder", "folders"), like)
	}
	raw, lossy := 0, 0
	for _, b := range res.Bodies {
		if b.RawBlocks > 0 {
			raw++
		}
		if b.Lossy {
			lossy++
		}
	}
	if raw > 0 {
		fmt.Fprintf(w, "\n%s HTML that Markdown cannot express (blocks kept as HTML / all blocks):\n", count(raw, "body keeps", "bodies keep"))
		for _, b := range res.Bodies {
			if b.RawBlocks > 0 {
				fmt.Fprintf(w, "  %s: %d/%d\n", b.File, b.RawBlocks, b.Blocks)
			}
		}
	}
	writePending(w, res.Pending, drafts)
	if len(res.Warnings) > 0 {
		fmt.Fprintf(w, "\n%s:\n", count(len(res.Warnings), "warning", "warnings"))
		for _, wr := range res.Warnings {
			if wr.File != "" {
				fmt.Fprintf(w, "  %s: %s\n", wr.File, wr.Msg)
			} else {
				fmt.Fprintf(w, "  %s\n", wr.Msg)
			}
		}
	} else {
		fmt.Fprintln(w, "0 warnings.")
	}
	if lossy > 0 {
		fmt.Fprintf(w, "\n%s will show as changed in plan (see warnings).\n", count(lossy, "body", "bodies"))
	}
	fmt.Fprintf(w, "\nNext: hcsync plan -c %s\n", filepath.Join(out, "hcsync.yaml"))
}

// writePending says how many articles and translations have unpublished
// edits in the help center, which version of them was exported, and
// lists their files: neither version may be lost without a word.
func writePending(w io.Writer, pending []export.PendingEdit, drafts bool) {
	if len(pending) == 0 {
		return
	}
	articles := 0
	for _, p := range pending {
		if p.Source {
			articles++
		}
	}
	var parts []string
	if articles > 0 {
		parts = append(parts, fmt.Sprintf("%d %s", articles, plural(articles, "article", "articles")))
	}
	if n := len(pending) - articles; n > 0 {
		parts = append(parts, fmt.Sprintf("%d %s", n, plural(n, "translation", "translations")))
	}
	verb := plural(len(pending), "has", "have")
	what := "exported the published version (use --drafts to export the pending edits)"
	if drafts {
		what = "exported the pending edits, which plan shows as changes and the next apply publishes"
	}
	fmt.Fprintf(w, "\n%s %s unpublished edits in the help center; %s:\n", strings.Join(parts, " and "), verb, what)
	for _, p := range pending {
		fmt.Fprintf(w, "  %s\n", p.File)
	}
}
