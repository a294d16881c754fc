package content

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/hcsync/hcsync/diag"
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
	// FrontMatter says which keys to ignore and what other keys hcsync
	// does not read are (hcsync.yaml's front_matter).
	FrontMatter FrontMatterOptions
	// RootArticles lets a file at the top of the tree, without section:,
	// be an article in no section (Section ""), for help centers whose
	// articles may stand alone (Intercom's, outside any collection).
	// Without it such a file is a problem.
	RootArticles bool
}

// Load reads the Markdown tree under root. Every problem in the tree is
// collected in one pass: when there are any, Load returns the tree it
// could build together with a diag.Problems error, sorted by file and line.
// Warnings (unknown keys, with FrontMatter.Unknown warn) are in
// Tree.Warnings.
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

	realRoot, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return nil, fmt.Errorf("content folder %s: %w", root, err)
	}
	w := walker{realRoot: realRoot}
	dirs, folders, files, err := w.all(abs)
	if err != nil {
		return nil, err
	}
	if opts.Cache != nil {
		opts.Cache.begin(opts.FrontMatter.fingerprint())
	}
	parsed := parseAll(folders, files, opts.Cache, opts.LazyBodies, newKeyRules(opts.FrontMatter))
	tree, problems := assemble(abs, dirs, parsed, opts)
	problems = append(problems, w.problems...)
	if len(problems) > 0 {
		problems.Sort()
		return tree, problems
	}
	return tree, nil
}

// fileRef is a file found by walk, before it is read.
type fileRef struct {
	rel    string // slash path relative to the root
	name   string // file name: the end of rel
	folder int    // index of its folder's OS path in what walk returns
	kind   fileKind
	source string // translations: rel of the source file
	locale string // translations: the locale suffix as written
	// refused is the problem that keeps the file from being read: a
	// link out of the tree, a named pipe.
	refused string
}

// parsedFile starts the parse of f with what its path says about it.
func (f *fileRef) parsedFile() *parsedFile {
	return &parsedFile{rel: f.rel, dir: f.rel[:max(len(f.rel)-len(f.name)-1, 0)], kind: f.kind, source: f.source, locale: f.locale, bodyLine: 1}
}

// walk lists the folders and Markdown files under root: folders as
// sorted slash paths relative to it, files sorted by that path, and the
// OS path of every folder holding files (root first). Dot-folders,
// dot-files and node_modules are not part of the tree; neither is
// anything but .md files.
//
// It visits what filepath.WalkDir does, in the same order, failing on
// the same folder with the same error, but reads each folder with one
// open and no path cleaning: trees run to tens of thousands of files.
// As with WalkDir, symlinks to folders inside the tree are not followed,
// and a symlink to a file of the tree is that file. Links that lead out
// of the tree, to a .md file or a folder, are problems (checkLink), and
// a .md that is not a regular file is one: nothing outside the content
// folder is read. The root may be a symlink to a folder (a docs folder
// linked into a repository): Load has checked that it leads to one.
func (w *walker) all(root string) (dirs, folders []string, files []fileRef, err error) {
	if err := w.walk(root, ""); err != nil {
		return nil, nil, nil, err
	}
	// The order of OS names is not that of slash paths ("a-b" sorts
	// before "a/b" but "a.md" after "a/b"); sort so it is the same on
	// every system.
	slices.Sort(w.dirs)
	slices.SortFunc(w.files, func(a, b fileRef) int { return strings.Compare(a.rel, b.rel) })
	return w.dirs, w.folders, w.files, nil
}

type walker struct {
	realRoot      string // the root with its links resolved
	dirs, folders []string
	files         []fileRef
	problems      diag.Problems // of links that are not files of the tree
}

// walk adds the folder at path, whose slash path is rel, and what it
// holds.
func (w *walker) walk(path, rel string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("read content folder: %w", err)
	}
	entries, err := f.ReadDir(-1)
	f.Close()
	if err != nil {
		return fmt.Errorf("read content folder: %w", err)
	}
	folder := len(w.folders)
	w.folders = append(w.folders, path)
	var sub []string
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() {
			if !strings.HasPrefix(name, ".") && name != "node_modules" {
				sub = append(sub, name)
			}
			continue
		}
		md := strings.HasSuffix(name, ".md") && name != ".md"
		if strings.HasPrefix(name, ".") || !md && (e.Type()&fs.ModeSymlink == 0 || name == "node_modules") {
			continue
		}
		fr := fileRef{rel: joinDir(rel, name), name: name, folder: folder, kind: sourceFile}
		switch t := e.Type(); {
		case t&fs.ModeSymlink != 0:
			problem, read := checkLink(w.realRoot, path, name, md)
			if !md {
				if problem != "" {
					w.problems = append(w.problems, diag.Problem{File: fr.rel, Msg: problem})
				}
				continue
			}
			if !read {
				fr.refused = problem
			}
		case !t.IsRegular():
			fr.refused = (&NotRegularError{Mode: t}).Error()
		}
		switch dot, ok := localeSuffix(name); {
		case name == "_section.md" || name == "_category.md":
			fr.kind = sectionFile
		case ok:
			fr.kind = translationFile
			fr.locale = name[dot+1 : len(name)-len(".md")]
			fr.source = fr.rel[:len(fr.rel)-len(name)+dot] + ".md"
		}
		w.files = append(w.files, fr)
	}
	if len(sub) == 0 {
		return nil
	}
	// WalkDir goes into folders in the order of their names; the first
	// that cannot be read is the one reported.
	slices.Sort(sub)
	for _, name := range sub {
		r := joinDir(rel, name)
		w.dirs = append(w.dirs, r)
		if err := w.walk(osJoin(path, name), r); err != nil {
			return err
		}
	}
	return nil
}

// osJoin joins a clean OS path and a name in it.
func osJoin(dir, name string) string {
	if os.IsPathSeparator(dir[len(dir)-1]) {
		return dir + name // a root such as / or C:\
	}
	return dir + string(filepath.Separator) + name
}

// parseAll reads and parses files on GOMAXPROCS workers; trees run to
// tens of thousands of files. Results keep the order of files.
func parseAll(folders []string, files []fileRef, cache *LoadCache, lazy bool, rules keyRules) []*parsedFile {
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
				f := &files[i]
				if f.refused != "" {
					pf := f.parsedFile()
					pf.problems = []diag.Problem{{File: f.rel, Msg: f.refused}}
					out[i] = pf
					continue
				}
				// Stat before reading: a write in between leaves a newer
				// time than the one stored, so the entry is never used.
				var s cachedFile
				var statted bool
				if cache != nil {
					if s, statted = statStamp(osJoin(folders[f.folder], f.name)); statted {
						if pf, ok := cache.lookup(f, s); ok {
							out[i] = pf
							continue
						}
					}
				}
				data, err := os.ReadFile(osJoin(folders[f.folder], f.name))
				if err != nil {
					var pe *fs.PathError
					if errors.As(err, &pe) {
						err = pe.Err // the path is already in the problem
					}
					pf := f.parsedFile()
					pf.problems = []diag.Problem{{File: f.rel, Msg: fmt.Sprintf("cannot read the file: %v", err)}}
					out[i] = pf
					continue
				}
				pf := f.parsedFile()
				parse(pf, data, rules)
				if statted {
					cache.store(pf, s)
				}
				if lazy && pf.fm != nil && len(pf.problems) == 0 && len(pf.warnings) == 0 {
					pf.body, pf.bodyLazy = nil, true
				}
				out[i] = pf
			}
		})
	}
	wg.Wait()
	return out
}
