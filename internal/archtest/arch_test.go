// Package archtest checks the rules of ARCHITECTURE.md that the compiler
// does not: which package may import which, that the fakes import no
// product decision, and that no production file grows past what a
// reader can hold.
package archtest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/hcsync/hcsync/"

type pkg struct {
	ImportPath string
	Name       string
	Dir        string
	GoFiles    []string
	Imports    []string
}

// listPackages runs go list over the module: the test sees the code as
// the build does, build tags included.
func listPackages(t *testing.T) []pkg {
	t.Helper()
	cmd := exec.Command("go", "list", "-json", module+"...")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	var pkgs []pkg
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		var p pkg
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	if len(pkgs) < 20 {
		t.Fatalf("go list found %d packages: run from inside the module", len(pkgs))
	}
	return pkgs
}

func local(p string) string { return strings.TrimPrefix(p, module) }

// hcsyncImports are p's imports inside the module, without the prefix.
func hcsyncImports(p pkg) []string {
	var out []string
	for _, i := range p.Imports {
		if strings.HasPrefix(i, module) {
			out = append(out, local(i))
		}
	}
	return out
}

// isFake reports whether the package is a fake server or the kit they
// share: a witness of a service, not part of the product.
func isFake(path string) bool {
	return path == "providers/fakeserver" || strings.HasPrefix(path, "providers/") && strings.HasSuffix(path, "test")
}

// testHelpers are internal packages only tests import; they may import
// the product like a test does.
var testHelpers = []string{"internal/plantest", "internal/golden", "internal/exampletree", "internal/testtime"}

func TestImportRules(t *testing.T) {
	forbidden := map[string][]string{
		"content":   {"providers", "planner", "plan", "apply", "export", "remote", "render", "config"},
		"config":    {"content", "providers", "planner", "plan", "apply", "export", "render"},
		"apply":     {"planner", "export", "config"},
		"plan":      {"planner", "apply", "export", "content", "remote", "config"},
		"planner":   {"apply", "export", "config"},
		"export":    {"planner", "apply", "config"},
		"render":    {"content", "providers", "planner", "plan", "apply", "export", "config"},
		"savedplan": {"planner", "apply", "export", "content", "config"},
	}
	leaves := []string{"locales", "diag", "internal/atomicfile", "internal/checksum", "internal/slug", "internal/lockfile"}
	// What a fake must not import: product code that decides how a body
	// is cleaned, what a slug or a locale is, what a tree holds.
	fakeForbidden := []string{"render", "internal/slug", "locales", "content", "planner", "plan", "apply", "export", "remote", "config", "diag"}
	for _, p := range listPackages(t) {
		path, imports := local(p.ImportPath), hcsyncImports(p)
		if p.Name == "sync" {
			t.Errorf("%s: a package named sync shadows the standard library's", path)
		}
		for _, bad := range forbidden[path] {
			if slices.Contains(imports, bad) {
				t.Errorf("%s imports %s (ARCHITECTURE.md: it must not)", path, bad)
			}
		}
		if slices.Contains(leaves, path) {
			for _, i := range imports {
				if i != "internal/atomicfile" || path == "internal/atomicfile" {
					t.Errorf("%s is a leaf but imports %s", path, i)
				}
			}
		}
		if strings.HasPrefix(path, "internal/") && !slices.Contains(testHelpers, path) {
			for _, i := range imports {
				if !strings.HasPrefix(i, "internal/") {
					t.Errorf("%s imports %s: internal packages other than test helpers stay below the product", path, i)
				}
			}
		}
		if isFake(path) {
			for _, bad := range fakeForbidden {
				if slices.Contains(imports, bad) {
					t.Errorf("fake %s imports %s: a fake models its service from the docs, not from hcsync's decisions", path, bad)
				}
			}
		}
	}
}

// maxLines is the most lines a production file may have (issue 21).
const maxLines = 650

func TestNoProductionFileTooLong(t *testing.T) {
	for _, p := range listPackages(t) {
		for _, f := range p.GoFiles {
			path := filepath.Join(p.Dir, f)
			n, err := countLines(path)
			if err != nil {
				t.Fatal(err)
			}
			if n > maxLines {
				t.Errorf("%s/%s has %d lines, more than %d: split it by what its parts do", local(p.ImportPath), f, n, maxLines)
			}
		}
	}
}

func countLines(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	n := 0
	s := bufio.NewScanner(f)
	s.Buffer(make([]byte, 1<<20), 1<<20)
	for s.Scan() {
		n++
	}
	return n, s.Err()
}
