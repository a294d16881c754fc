package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/config"
)

func runInit(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	a := &app{stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	code = a.run(context.Background(), append([]string{"init"}, args...))
	return code, out.String(), errb.String()
}

func TestInit(t *testing.T) {
	t.Parallel()
	for _, provider := range []string{"zendesk", "intercom", "helpcenter", "local"} {
		t.Run(provider, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			code, stdout, stderr := runInit(t, "--provider", provider, "--dir", dir)
			if code != exitOK {
				t.Fatalf("init: exit %d: %s", code, stderr)
			}
			cfg, err := config.Load(filepath.Join(dir, "hcsync.yaml"), configBlocks())
			if err != nil {
				t.Fatalf("the starter hcsync.yaml does not load: %v", err)
			}
			if cfg.Provider != provider || cfg.Content != "docs" {
				t.Errorf("hcsync.yaml: provider %q content %q, want %s and docs", cfg.Provider, cfg.Content, provider)
			}
			if provider == "local" {
				// Its help center would live in the runner's throwaway
				// checkout: no workflows, and init says why.
				if _, err := os.Stat(filepath.Join(dir, ".github")); err == nil {
					t.Errorf("init --provider local wrote GitHub workflows")
				}
				if !strings.Contains(stdout, "No GitHub workflows written") || !strings.Contains(stdout, "throws away") {
					t.Errorf("init --provider local does not say why it wrote no workflows:\n%s", stdout)
				}
				return
			}
			pl := readFile(t, filepath.Join(dir, ".github/workflows/hcsync-plan.yml"))
			apply := readFile(t, filepath.Join(dir, ".github/workflows/hcsync-apply.yml"))
			if strings.Contains(pl, "command: apply") || !strings.Contains(pl, "pull_request:") {
				t.Errorf("the plan workflow must plan on pull_request and never apply:\n%s", pl)
			}
			if !strings.Contains(apply, "push:") || !strings.Contains(apply, "cancel-in-progress: false") || !strings.Contains(apply, "fetch-depth: 0") {
				t.Errorf("the apply workflow must run on push, queue rather than cancel, and fetch the history:\n%s", apply)
			}
			for _, e := range providerSpecs[provider].setup.Env {
				if !strings.Contains(pl, e.Name+": ${{ secrets."+e.PlanSecret+" }}") || !strings.Contains(apply, e.Name+": ${{ secrets."+e.ApplySecret+" }}") {
					t.Errorf("workflows do not pass %s from secrets", e.Name)
				}
			}
		})
	}
}

// The example workflows in the repository are what init writes.
func TestInitMatchesExamples(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if code, _, stderr := runInit(t, "--provider", "zendesk", "--dir", dir); code != exitOK {
		t.Fatalf("init: exit %d: %s", code, stderr)
	}
	for _, name := range []string{"hcsync-plan.yml", "hcsync-apply.yml"} {
		got := readFile(t, filepath.Join(dir, ".github/workflows", name))
		want := readFile(t, filepath.Join("../../examples/workflows", name))
		if got != want {
			t.Errorf("examples/workflows/%s differs from what init --provider zendesk writes:\n%s", name, got)
		}
	}
}

func TestInitRefusesToOverwrite(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	mine := "provider: local\n# my own config\n"
	writeFile(t, filepath.Join(dir, "hcsync.yaml"), mine)

	code, _, stderr := runInit(t, "--provider", "zendesk", "--dir", dir)
	if code != exitError || !strings.Contains(stderr, "hcsync.yaml already exists: pass --force") {
		t.Errorf("init over an existing hcsync.yaml: exit %d, stderr %q; want 1 and --force named", code, stderr)
	}
	if got := readFile(t, filepath.Join(dir, "hcsync.yaml")); got != mine {
		t.Errorf("refused init changed hcsync.yaml:\n%s", got)
	}
	if _, err := os.Stat(filepath.Join(dir, ".github")); err == nil {
		t.Errorf("refused init wrote the workflows anyway")
	}

	if code, _, stderr := runInit(t, "--provider", "zendesk", "--dir", dir, "--force"); code != exitOK {
		t.Fatalf("init --force: exit %d: %s", code, stderr)
	}
	if got := readFile(t, filepath.Join(dir, "hcsync.yaml")); !strings.Contains(got, "provider: zendesk") {
		t.Errorf("init --force did not overwrite hcsync.yaml:\n%s", got)
	}

	if code, _, stderr := runInit(t, "--provider", "confluence", "--dir", t.TempDir()); code != exitUsage || !strings.Contains(stderr, "helpcenter, intercom, local or zendesk") {
		t.Errorf("init --provider confluence: exit %d, stderr %q; want 64 and the choices", code, stderr)
	}
}

// TestInitShowsFrontMatter checks that the starter config shows, commented
// out, the front_matter settings a tree from a site generator needs, and
// that they load once uncommented.
func TestInitShowsFrontMatter(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if code, _, stderr := runInit(t, "--provider", "local", "--dir", dir); code != exitOK {
		t.Fatalf("init: exit %d: %s", code, stderr)
	}
	path := filepath.Join(dir, "hcsync.yaml")
	text := readFile(t, path)
	if !strings.Contains(text, "# front_matter:") {
		t.Fatalf("the starter hcsync.yaml does not show front_matter:\n%s", text)
	}
	writeFile(t, path, strings.NewReplacer("# front_matter:", "front_matter:", "#   ", "  ").Replace(text))
	cfg, err := config.Load(path, configBlocks())
	if err != nil {
		t.Fatalf("front_matter uncommented does not load: %v", err)
	}
	if strings.Join(cfg.FrontMatter.Ignore, ",") != "weight,aliases" || cfg.FrontMatter.Unknown != "error" {
		t.Errorf("front_matter = %+v, want ignore [weight aliases] and unknown error", cfg.FrontMatter)
	}
}

// TestInitIntercomExports: the Intercom starter file, with only the
// token in the environment, builds a provider that can export; the
// author is needed only to create articles.
func TestInitIntercomExports(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if code, _, stderr := runInit(t, "--provider", "intercom", "--dir", dir); code != exitOK {
		t.Fatalf("init: exit %d: %s", code, stderr)
	}
	cfg, err := config.Load(filepath.Join(dir, "hcsync.yaml"), configBlocks())
	if err != nil {
		t.Fatal(err)
	}
	p, err := newProvider(cfg, wiring{Getenv: func(k string) string { return map[string]string{"INTERCOM_TOKEN": "t"}[k] }})
	if err != nil {
		t.Fatalf("the starter file does not make a provider: %v", err)
	}
	if why := p.Capabilities().CannotCreate; !strings.Contains(why, "intercom.author_id") {
		t.Errorf("CannotCreate = %q, want it to name intercom.author_id", why)
	}
}
