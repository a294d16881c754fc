package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/template"
)

type initFlags struct {
	provider string
	dir      string
	branch   string
	force    bool
}

// providerSetup is what init writes for one provider: its config section
// and the secrets its workflows pass, or why it writes no workflows.
type providerSetup struct {
	Section string
	// Env maps each credential variable to the secret the plan (read-only)
	// and apply workflows read it from.
	Env []envSecret
	// NoWorkflows says why init writes no GitHub workflows for the
	// provider ("" = it writes them).
	NoWorkflows string
}

type envSecret struct {
	Name, PlanSecret, ApplySecret string
}

const configTemplate = `# hcsync configuration: which help center the Markdown tree syncs to.
# Credentials never go here: they come from the environment (see
# docs/github-action.md).
provider: {{.Provider}}
content: docs                      # folder of the tree
default_locale: en-us              # locale of files without locale:
prune: false                       # true: archive articles, delete translations, whose files git deleted
concurrency: 8                     # writes in flight during apply
# A tree written for a site generator (Hugo, Jekyll, Docusaurus) carries
# keys hcsync does not read; say what to do with them:
# front_matter:
#   ignore: [weight, aliases]      # read as if absent
#   unknown: error                 # any other: error, warn or ignore

{{.Setup.Section}}`

const planWorkflowTemplate = `# Plans hcsync changes on every pull request and posts the plan as one
# comment. Pull requests never apply: the credentials here should be
# read-only.
name: hcsync plan

on:
  pull_request:
    paths:
      - "docs/**"
      - hcsync.yaml

permissions:
  contents: read
  pull-requests: write

concurrency:
  group: hcsync-plan-${{"{{"}} github.event.pull_request.number {{"}}"}}
  cancel-in-progress: true

jobs:
  plan:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0 # history for drift warnings and --since
      - uses: hcsync/hcsync@v1
        with:
          command: plan
          comment: true
{{- if .Setup.Env}}
        env:
{{- range .Setup.Env}}
          {{.Name}}: ${{"{{"}} secrets.{{.PlanSecret}} {{"}}"}}
{{- end}}
{{- end}}
`

const applyWorkflowTemplate = `# Applies the tree to the help center on every push to the default
# branch; the action commits back the ids of created articles and
# records the commit it applied (refs/hcsync/applied/*).
name: hcsync apply

on:
  push:
    branches: [{{.Branch}}]
    paths:
      - "docs/**"
      - hcsync.yaml

permissions:
  contents: write # to commit back the ids and push the apply record
  pull-requests: read # to find the pull request a push merged
  actions: read # to download the plan saved on it, and apply exactly that

# One apply at a time, and never cancelled mid-way. GitHub still cancels
# a pending run when a newer one queues behind it: the next run then
# takes deletions from the apply record, so none is lost.
concurrency:
  group: hcsync-apply
  cancel-in-progress: false

jobs:
  apply:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0 # history for prune, drift and the apply record
      - uses: hcsync/hcsync@v1
        with:
          command: apply
{{- if .Setup.Env}}
        env:
{{- range .Setup.Env}}
          {{.Name}}: ${{"{{"}} secrets.{{.ApplySecret}} {{"}}"}}
{{- end}}
{{- end}}
`

var (
	configTmpl = template.Must(template.New("hcsync.yaml").Parse(configTemplate))
	planTmpl   = template.Must(template.New("plan").Parse(planWorkflowTemplate))
	applyTmpl  = template.Must(template.New("apply").Parse(applyWorkflowTemplate))
)

// initFile is one file init writes, relative to --dir.
type initFile struct {
	path string
	tmpl *template.Template
}

var initFiles = []initFile{
	{"hcsync.yaml", configTmpl},
	{".github/workflows/hcsync-plan.yml", planTmpl},
	{".github/workflows/hcsync-apply.yml", applyTmpl},
}

func (a *app) init(f initFlags) error {
	spec, ok := providerSpecs[f.provider]
	if !ok {
		return usageError("--provider %q: choose %s", f.provider, orList(providerNames()))
	}
	setup := spec.setup
	data := struct {
		Provider, Branch string
		Setup            providerSetup
	}{f.provider, f.branch, setup}

	files := initFiles
	if setup.NoWorkflows != "" {
		files = initFiles[:1]
	}
	// Check every file before writing any, so a refusal leaves nothing
	// half-done.
	var exist []string
	for _, file := range files {
		_, err := os.Stat(filepath.Join(f.dir, filepath.FromSlash(file.path)))
		if err == nil {
			exist = append(exist, file.path)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	if len(exist) > 0 && !f.force {
		return fmt.Errorf("%s already %s: pass --force to overwrite", strings.Join(exist, ", "), plural(len(exist), "exists", "exist"))
	}
	for _, file := range files {
		var b strings.Builder
		if err := file.tmpl.Execute(&b, data); err != nil {
			return fmt.Errorf("%s: %w", file.path, err)
		}
		path := filepath.Join(f.dir, filepath.FromSlash(file.path))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "wrote %s\n", filepath.Join(f.dir, filepath.FromSlash(file.path)))
	}
	switch {
	case setup.NoWorkflows != "":
		fmt.Fprintf(a.stdout, "\nNo GitHub workflows written: %s. Use it on your machine; for CI, run init with --provider %s.\n", setup.NoWorkflows, orList(ciProviders()))
		fmt.Fprintf(a.stdout, "\nNext: put your articles in docs/ and run hcsync plan.\n")
	default: // TestProviderSpecsComplete: workflows pass credentials
		var names []string
		for _, e := range setup.Env {
			names = append(names, e.PlanSecret, e.ApplySecret)
		}
		fmt.Fprintf(a.stdout, "\nNext: fill in hcsync.yaml, put your articles in docs/, and add the repository secrets %s (read-only ones for the plan).\n", strings.Join(names, ", "))
	}
	return nil
}

// ciProviders are the providers init writes workflows for.
func ciProviders() []string {
	var names []string
	for _, n := range providerNames() {
		if providerSpecs[n].setup.NoWorkflows == "" {
			names = append(names, n)
		}
	}
	return names
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
