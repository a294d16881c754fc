package content

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
)

// LoadOptions tunes Load.
type LoadOptions struct {
	// DefaultLocale is the source locale of files without locale:
	// (config default_locale); "" means en-us.
	DefaultLocale string
	// Cache, when set, spares reading and parsing the files that have
	// not changed since it last saw them, and learns the others; save it
	// after Load.
	Cache *LoadCache
	// LazyBodies keeps no body in the tree: Tree.Body reads each again
	// when it is needed. A plan renders only the bodies its cache cannot
	// vouch for, so holding them all would cost memory for nothing.
	LazyBodies bool
}

// Load reads the Markdown tree under root. Every problem in the tree is
// collected in one pass: when there are any, Load returns the tree it
// could build together with a Problems error, sorted by file and line.
// Other errors (root missing, a folder that cannot be listed) come with a
// nil tree.
func Load(root string, opts LoadOptions) (*Tree, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("content folder %s: %w", root, err)
	}
	info, err := os.Stat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("content folder %s does not exist: create it or set content: in hcsync.yaml", root)
	case err != nil:
		return nil, fmt.Errorf("content folder %s: %w", root, err)
	case !info.IsDir():
		return nil, fmt.Errorf("content folder %s is a file, not a folder: set content: in hcsync.yaml to the folder of the tree", root)
	}
	if opts.DefaultLocale == "" {
		opts.DefaultLocale = "en-us"
	}

	dirs, files, err := walk(abs)
	if err != nil {
		return nil, err
	}
	if opts.Cache != nil {
		opts.Cache.begin()
	}
	parsed := parseAll(abs, files, opts.Cache, opts.LazyBodies)
	tree, problems := assemble(abs, dirs, parsed, opts)
	if len(problems) > 0 {
		problems.Sort()
		return tree, problems
	}
	return tree, nil
}

// fileRef is a file found by walk, before it is read.
type fileRef struct {
	rel  string
	kind fileKind
}

// walk lists the folders and Markdown files under root, as sorted slash
// paths relative to it. Dot-folders, dot-files and node_modules are not
// part of the tree; neither is anything but .md files.
func walk(root string) (dirs []string, files []fileRef, err error) {
	// WalkDir joins root and names with the separator, so the relative
	// path is the rest of the path: slicing it costs nothing, where
	// filepath.Rel cleans every path of a big tree again.
	prefix := root + string(filepath.Separator)
	if strings.HasSuffix(root, string(filepath.Separator)) {
		prefix = root
	}
	relOf := func(path string) string {
		rel, ok := strings.CutPrefix(path, prefix)
		if !ok {
			rel, _ = filepath.Rel(root, path)
		}
		return filepath.ToSlash(rel)
	}
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("read content folder: %w", err)
		}
		if path == root {
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if strings.HasPrefix(name, ".") || name == "node_modules" {
				return filepath.SkipDir
			}
			dirs = append(dirs, relOf(path))
			return nil
		}
		if strings.HasPrefix(name, ".") || !strings.HasSuffix(name, ".md") || name == ".md" {
			return nil
		}
		kind := sourceFile
		switch _, _, isTranslation := splitTranslation(name); {
		case name == "_section.md" || name == "_category.md":
			kind = sectionFile
		case isTranslation:
			kind = translationFile
		}
		files = append(files, fileRef{rel: relOf(path), kind: kind})
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	// WalkDir visits in lexical order of OS names; sort the slash paths
	// so the order is the same on every system.
	sort.Strings(dirs)
	sort.Slice(files, func(i, j int) bool { return files[i].rel < files[j].rel })
	return dirs, files, nil
}

// parseAll reads and parses files on GOMAXPROCS workers; trees run to
// tens of thousands of files. Results keep the order of files.
func parseAll(root string, files []fileRef, cache *LoadCache, lazy bool) []*parsedFile {
	out := make([]*parsedFile, len(files))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(files), 1)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= len(files) {
					return
				}
				f := files[i]
				path := filepath.Join(root, filepath.FromSlash(f.rel))
				// Stat before reading: a write in between leaves a newer
				// time than the one stored, so the entry is never used.
				var info fs.FileInfo
				if cache != nil {
					if info, _ = os.Stat(path); info != nil {
						if pf, ok := cache.lookup(f.rel, f.kind, info); ok {
							out[i] = pf
							continue
						}
					}
				}
				data, err := os.ReadFile(path)
				if err != nil {
					var pe *fs.PathError
					if errors.As(err, &pe) {
						err = pe.Err // the path is already in the problem
					}
					pf := newParsedFile(f.rel, f.kind)
					pf.problems = []Problem{{File: f.rel, Msg: fmt.Sprintf("cannot read the file: %v", err)}}
					out[i] = pf
					continue
				}
				pf := parseFile(f.rel, f.kind, data)
				if info != nil {
					cache.store(pf, info)
				}
				if lazy && pf.fm != nil && len(pf.problems) == 0 {
					pf.body, pf.bodyLazy = nil, true
				}
				out[i] = pf
			}
		})
	}
	wg.Wait()
	return out
}
