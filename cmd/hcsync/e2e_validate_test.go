package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeTree writes files (slash paths relative to dir) into dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		writeFile(t, p, text)
	}
}

const validateConfig = "provider: local\ncontent: docs\ndefault_locale: en-us\nlocal:\n  dir: .hcsync/local\n"

// TestValidateFindsEveryProblem: validate reports, in one run, every
// problem the files alone show, whatever its kind, each at its file and
// line: a bad YAML file does not hide a dead link in another. So does
// plan, which stops at them before reading the help center.
func TestValidateFindsEveryProblem(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"hcsync.yaml":             validateConfig,
		"docs/Guides/a-yaml.md":   "---\ntitle: Broken\nlabels: [one, two\n---\nBody.\n",
		"docs/Guides/b-key.md":    "---\ntitle: Key\ntitel: Key\n---\nBody.\n",
		"docs/Guides/c-link.md":   "---\ntitle: Link\n---\nIntro.\n\nSee [install](instal.md) and [the broken one](a-yaml.md).\n",
		"docs/Guides/d-image.md":  "---\ntitle: Image\n---\n![screen](images/screen.png)\n",
		"docs/Guides/e-anchor.md": "---\ntitle: Anchor\n---\nText.\n\n[Linux](install.md#linx)\n",
		"docs/Guides/install.md":  "---\ntitle: Install\n---\n## Linux\n",
	})
	for _, cmd := range []string{"validate", "plan"} {
		t.Run(cmd, func(t *testing.T) { assertFiveProblems(t, runCLI(t, dir, nil, cmd)) })
	}
}

func assertFiveProblems(t *testing.T, res cliResult) {
	t.Helper()
	if res.code != 1 {
		t.Fatalf("exit %d, want 1\nstdout: %s\nstderr: %s", res.code, res.stdout, res.stderr)
	}
	want := []string{
		"docs/Guides/a-yaml.md:3: ",
		`docs/Guides/b-key.md:3: unknown key "titel"`,
		`docs/Guides/c-link.md:6: link "instal.md": dead link: Guides/instal.md does not exist (did you mean "install.md"?)`,
		`docs/Guides/d-image.md:4: image "images/screen.png": image Guides/images/screen.png does not exist`,
		`docs/Guides/e-anchor.md:6: link "install.md#linx": no heading "linx" in Guides/install.md (did you mean "linux"?)`,
	}
	at := 0
	for _, w := range want {
		i := strings.Index(res.stderr[at:], w)
		if i < 0 {
			t.Errorf("missing, or out of file order: %s\nstderr:\n%s", w, res.stderr)
			continue
		}
		at += i + len(w)
	}
	if strings.Contains(res.stderr, "a-yaml.md, which is not an article") {
		t.Errorf("a link to the file with bad YAML is reported again:\n%s", res.stderr)
	}
	if n := strings.Count(res.stderr, "docs/Guides/"); n != len(want) {
		t.Errorf("%d problems reported, want %d:\n%s", n, len(want), res.stderr)
	}
	if strings.Contains(res.stdout, "no problems found") {
		t.Errorf("stdout says no problems: %s", res.stdout)
	}
}

// TestValidateSummary: the counts read as English and tell sections
// from categories.
func TestValidateSummary(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"hcsync.yaml":      validateConfig,
		"docs/Guides/a.md": "---\ntitle: A\n---\nBody.\n",
	})
	example := copyTree(t, "../../testdata/example")
	for _, tt := range []struct{ dir, want string }{
		{dir, "docs: 1 article, 1 file, 1 section: no problems found.\n"},
		{example, "docs: 9 articles, 16 files, 4 sections and 2 categories: no problems found.\n"},
	} {
		res := runCLI(t, tt.dir, nil, "validate")
		if res.code != 0 || res.stdout != tt.want {
			t.Errorf("validate: exit %d\n got %q\nwant %q\nstderr: %s", res.code, res.stdout, tt.want, res.stderr)
		}
	}
}

// TestLocaleNotEnabledLocal: on the local provider the enabled locales
// are hcsync.yaml's local.locales, so that is where the problem sends
// the writer.
func TestLocaleNotEnabledLocal(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"hcsync.yaml":         validateConfig + "  locales: [en-us, fr]\n",
		"docs/Guides/a.md":    "---\ntitle: A\n---\nBody.\n",
		"docs/Guides/a.de.md": "---\ntitle: A de\n---\nText.\n",
	})
	res := runCLI(t, dir, nil, "plan")
	want := `docs/Guides/a.de.md: locale "de" is not enabled in the help center (enabled: en-us, fr): add it to local.locales in hcsync.yaml or rename the file`
	if res.code != 1 || !strings.Contains(res.stderr, want) {
		t.Errorf("plan: exit %d\nstderr: %s\nwant the problem %s", res.code, res.stderr, want)
	}
}

// TestValidateProviderHTML: HTML the configured service rejects is known
// from the files and the provider's name alone, so validate reports it
// without credentials.
func TestValidateProviderHTML(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"hcsync.yaml":      "provider: intercom\ncontent: docs\ndefault_locale: en\nintercom:\n  author_id: 1\n",
		"docs/Guides/a.md": "---\ntitle: A\n---\nSteps:\n\n- one\n  - nested\n",
	})
	res := runCLI(t, dir, nil, "validate")
	want := "docs/Guides/a.md:7: nested lists are not supported by Intercom"
	if res.code != 1 || !strings.Contains(res.stderr, want) {
		t.Errorf("validate: exit %d\nstdout: %s\nstderr: %s\nwant the problem %s", res.code, res.stdout, res.stderr, want)
	}
}
