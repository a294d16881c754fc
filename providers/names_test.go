package providers_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// providerName matches a provider's name in an identifier or a string
// literal, in any case: "zendesk", ZendeskOptions, "Help.Center".
var providerName = regexp.MustCompile(`(?i)zendesk|intercom|help\.?center`)

// TestSharedFilesNameNoProvider keeps provider knowledge in the
// provider, so that adding one touches only its own files. It walks the
// repository's non-test Go files and lists every shared file whose code
// (string literals and identifiers; comments are free to give examples)
// names zendesk, intercom, helpcenter or Help.Center, in any case.
//
// A file is the provider's own, not shared, when it
//   - lies under providers/<name>/ (the adapter and its fake), or
//   - has the provider's name as one word of its file name, between
//     underscores: <name>.go, <name>_*.go, provider_<name>.go (the CLI's
//     registration), profile_<name>.go (render's per-service profile),
//     fakes_<name>.go (the benchmark harness's fake).
//
// Everything else is shared and must reach a provider through what it
// registers (the CLI's providerSpec, providers.Capabilities).
func TestSharedFilesNameNoProvider(t *testing.T) {
	t.Parallel()
	root := filepath.Join("..")
	var offenders []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(path, root+string(filepath.Separator)))
		if d.IsDir() {
			if name := d.Name(); path != root && (strings.HasPrefix(name, ".") || name == "testdata" || providerDir(rel)) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(rel, ".go") || strings.HasSuffix(rel, "_test.go") || ownFile(d.Name()) {
			return nil
		}
		if names := namesInCode(t, path); len(names) > 0 {
			offenders = append(offenders, rel+": "+strings.Join(names, ", "))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(offenders) > 0 {
		t.Errorf("shared files name a provider; move that knowledge into the provider's own files (see this test's doc):\n  %s", strings.Join(offenders, "\n  "))
	}
}

// providerDir reports whether rel (slash-separated, from the module
// root) is a provider's own folder, providers/<name>.
func providerDir(rel string) bool {
	dir, name, ok := strings.Cut(rel, "/")
	return ok && dir == "providers" && !strings.Contains(name, "/") && providerName.MatchString(name)
}

// ownFile reports whether a file's name says it belongs to one
// provider: one of the words its stem's underscores separate is a
// provider's name (zendesk.go, provider_zendesk.go, fakes_zendesk.go).
func ownFile(name string) bool {
	return slices.ContainsFunc(strings.Split(strings.TrimSuffix(name, ".go"), "_"), func(w string) bool {
		m := providerName.FindString(w)
		return m != "" && len(m) == len(w)
	})
}

// namesInCode lists the provider names the code of the file at path
// spells, in identifiers and string literals, each once.
func namesInCode(t *testing.T, path string) []string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	ast.Inspect(f, func(n ast.Node) bool {
		var s string
		switch n := n.(type) {
		case *ast.Ident:
			s = n.Name
		case *ast.BasicLit:
			if n.Kind == token.STRING {
				s = n.Value
			}
		}
		for _, m := range providerName.FindAllString(s, -1) {
			if m = strings.ToLower(m); !slices.Contains(found, m) {
				found = append(found, m)
			}
		}
		return true
	})
	slices.Sort(found)
	return found
}
