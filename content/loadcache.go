package content

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/hcsync/hcsync/internal/checksum"

	"github.com/hcsync/hcsync/internal/cachefile"
)

// loadCacheVersion changes whenever parsing changes what it makes of a
// file; a cache of another version is ignored.
const loadCacheVersion = 7

// racyWindow is how recent a file's modification time may be for its
// entry to be kept. A file written again within one tick of the
// filesystem's clock (a jiffy on Linux, two seconds on FAT) after Load
// read it keeps its size and time; like git's index, the cache does not
// trust what it read of files that young.
const racyWindow = 3 * time.Second

// LoadCache remembers what each file's front-matter said, by the file's
// size, modification time, inode and change time, so that loading an unchanged tree stats
// every file instead of reading and parsing it. Translations loaded from
// the cache have no Body until Tree.Body reads it. The cache only spares
// work: a missing or damaged one costs one slower load.
type LoadCache struct {
	files   *cachefile.Entries[string, cachedFile] // by slash path
	started time.Time                              // when the load began, for racyWindow
	// rules is the fingerprint of the FrontMatterOptions of the load:
	// what a file's front-matter says depends on them.
	rules uint64
}

// cachedFile is one file's parse, without its body.
type cachedFile struct {
	Size     int64
	ModTime  int64 // Unix nanoseconds
	Ino      uint64
	CTime    int64  // Unix nanoseconds; see changeStamp
	Rules    uint64 // FrontMatterOptions.fingerprint of the parse
	FM       *frontMatter
	BodyLine int
	BodySum  uint64
}

// statStamp stats path, following a symlink, and returns its stamp; ok
// is false when the stat fails (the read that follows says why).
func statStamp(path string) (s cachedFile, ok bool) {
	info, err := os.Stat(path)
	if err != nil {
		return cachedFile{}, false
	}
	return stamp(info), true
}

// stamp fills the fields that say which version of a file e describes.
func stamp(info fs.FileInfo) cachedFile {
	ino, ctime := changeStamp(info)
	return cachedFile{Size: info.Size(), ModTime: info.ModTime().UnixNano(), Ino: ino, CTime: ctime}
}

// sameStamp reports whether e describes the version of a file that s,
// its stamp, does.
func (e cachedFile) sameStamp(s cachedFile) bool {
	return e.Size == s.Size && e.ModTime == s.ModTime && e.Ino == s.Ino && e.CTime == s.CTime
}

// NewLoadCache returns an empty cache.
func NewLoadCache() *LoadCache {
	return &LoadCache{files: cachefile.NewEntries[string, cachedFile]()}
}

// ReadLoadCache reads a cache written by Save. A missing, damaged or
// outdated file gives an empty cache.
func ReadLoadCache(path string) *LoadCache {
	return &LoadCache{files: cachefile.ReadEntries(path, decodeLoadCache)}
}

// Damage is why the file ReadLoadCache found was ignored, to report;
// nil when it was read or there was none. Save writes it again.
func (c *LoadCache) Damage() error { return c.files.Damage() }

// Hits is the number of files the last Load took from the cache.
func (c *LoadCache) Hits() int { return c.files.Hits() }

// Save writes the entries of the files the last Load saw, atomically.
// It writes nothing when they are what the cache held already.
func (c *LoadCache) Save(path string) error {
	if c == nil {
		return nil
	}
	return c.files.Save(path, encodeLoadCache)
}

// begin resets what the cache saw, for a new Load under the front-matter
// options of fingerprint rules.
func (c *LoadCache) begin(rules uint64) {
	c.files.Reset()
	c.started = time.Now()
	c.rules = rules
}

// lookup returns the parse of f as the cache has it, when its stamp s
// says it has not changed.
func (c *LoadCache) lookup(f *fileRef, s cachedFile) (*parsedFile, bool) {
	e, ok := c.files.Read(f.rel)
	if !ok || !e.sameStamp(s) || e.Rules != c.rules {
		return nil, false
	}
	c.files.Confirm(f.rel, e)
	pf := f.parsedFile()
	// Each entry read from disk backs one tree; trees are not edited, so
	// it is not copied.
	pf.fm, pf.bodyLine, pf.bodySum, pf.bodyLazy = e.FM, e.BodyLine, e.BodySum, true
	return pf, true
}

// store records the parse of a file that had no problems (nor warnings,
// which the entry could not say again), unless the file is too young to
// be trusted; e is the stamp the file had before it was read.
func (c *LoadCache) store(pf *parsedFile, e cachedFile) {
	if pf.fm == nil || len(pf.problems) > 0 || len(pf.warnings) > 0 {
		return
	}
	e.Rules = c.rules
	// The modification time decides, as in git's index: a write in the
	// same tick as the version read leaves it unchanged. The change time
	// only tells versions apart.
	if e.ModTime > c.started.Add(-racyWindow).UnixNano() {
		c.files.Drop() // the file is read next time
		return
	}
	e.FM, e.BodyLine, e.BodySum = pf.fm.clone(), pf.bodyLine, pf.bodySum
	c.files.Learn(pf.rel, e, nil)
}

// clone copies the maps and lists of fm, so the entry saved later is
// what was parsed whatever becomes of the tree built from it.
func (fm *frontMatter) clone() *frontMatter {
	c := *fm
	c.Lines = make(map[string]int, len(fm.Lines))
	for k, v := range fm.Lines {
		c.Lines[k] = v
	}
	for _, l := range []**[]string{&c.Labels, &c.ContentTags, &c.Segments, &c.RedirectFrom} {
		if *l != nil {
			cp := append([]string(nil), **l...)
			*l = &cp
		}
	}
	return &c
}

// Body returns the Markdown body of t: t.Body, or, for a translation
// Load took from its cache, the body read from the file again. The file
// must still hold the body Load saw; an error names it otherwise.
func (tr *Tree) Body(t *Translation) ([]byte, error) {
	if !t.bodyLazy {
		return t.Body, nil
	}
	data, err := os.ReadFile(filepath.Join(tr.Root, filepath.FromSlash(t.Path)))
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("cannot read the file: %v", err)
	}
	doc := split(data)
	body := data[doc.bodyStart:]
	if !doc.closed || doc.bodyLine != t.BodyLine || checksum.Of(body) != t.BodySum {
		return nil, fmt.Errorf("the file changed while hcsync was reading the tree: run hcsync again")
	}
	return body, nil
}

// The cache file is a cachefile of: file count, then per file its slash
// path, size, time, body line and checksum, and its front-matter: a
// bit set of the keys present, their values in the order of
// frontMatter's fields, then the key lines.
const loadCacheMagic = "hcsync-load-cache\n"

func encodeLoadCache(files map[string]cachedFile) []byte {
	w := cachefile.NewWriter(loadCacheMagic, loadCacheVersion, 160*len(files))
	w.Uvarint(uint64(len(files)))
	for rel, e := range files {
		w.String(rel)
		w.Varint(e.Size)
		w.Varint(e.ModTime)
		w.Uvarint(e.Ino)
		w.Varint(e.CTime)
		w.Uint64(e.Rules)
		w.Uvarint(uint64(e.BodyLine))
		w.Uint64(e.BodySum)
		fm := e.FM
		strs, lists, bools := fm.strings(), fm.lists(), fm.bools()
		var set uint64
		bit := uint(0)
		mark := func(present bool) {
			if present {
				set |= 1 << bit
			}
			bit++
		}
		for _, p := range strs {
			mark(*p != nil)
		}
		for _, p := range lists {
			mark(*p != nil)
		}
		for _, p := range bools {
			mark(*p != nil)
		}
		mark(fm.Position != nil)
		w.Uvarint(set)
		for _, p := range strs {
			if *p != nil {
				w.String(**p)
			}
		}
		for _, p := range lists {
			if *p != nil {
				w.Uvarint(uint64(len(**p)))
				for _, v := range **p {
					w.String(v)
				}
			}
		}
		for _, p := range bools {
			if *p != nil {
				w.Bool(**p)
			}
		}
		if fm.Position != nil {
			w.Varint(int64(*fm.Position))
		}
		w.Uvarint(uint64(len(fm.Lines)))
		for k, line := range fm.Lines {
			w.String(k)
			w.Uvarint(uint64(line))
		}
	}
	return w.Bytes()
}

// decodeLoadCache reads what encodeLoadCache wrote; anything else is an
// error, never a panic.
func decodeLoadCache(data []byte) (map[string]cachedFile, error) {
	r, err := cachefile.NewReader(data, loadCacheMagic, loadCacheVersion)
	if err != nil {
		return nil, err
	}
	count := r.Count(22)
	files := make(map[string]cachedFile, count)
	for range count {
		rel := r.String()
		e := cachedFile{Size: r.Varint(), ModTime: r.Varint(), Ino: r.Uvarint(), CTime: r.Varint(), Rules: r.Uint64()}
		e.BodyLine, e.BodySum = int(r.Uvarint()), r.Uint64()
		fm := &frontMatter{}
		e.FM = fm
		set := r.Uvarint()
		bit := uint(0)
		has := func() bool {
			ok := set&(1<<bit) != 0
			bit++
			return ok
		}
		for _, p := range fm.strings() {
			if has() {
				v := r.String()
				*p = &v
			}
		}
		for _, p := range fm.lists() {
			if has() {
				l := make([]string, r.Count(1))
				for i := range l {
					l[i] = r.String()
				}
				*p = &l
			}
		}
		for _, p := range fm.bools() {
			if has() {
				v := r.Bool()
				*p = &v
			}
		}
		if has() {
			v := int(r.Varint())
			fm.Position = &v
		}
		if set>>bit != 0 {
			return nil, cachefile.ErrDamaged // keys this version does not know
		}
		n := r.Count(2)
		fm.Lines = make(map[string]int, n)
		for range n {
			k := r.String()
			fm.Lines[k] = int(r.Uvarint())
		}
		if r.Failed() {
			break
		}
		files[rel] = e
	}
	if err := r.Err(); err != nil {
		return nil, err
	}
	return files, nil
}

// strings, lists and bools list the optional fields of fm by kind, in a
// fixed order: the cache file's layout.
func (fm *frontMatter) strings() []**string {
	return []**string{&fm.Title, &fm.ID, &fm.Locale, &fm.Section, &fm.PermissionGroup, &fm.Description, &fm.Slug, &fm.SourceCommit, &fm.SourceHash}
}

func (fm *frontMatter) lists() []**[]string {
	return []**[]string{&fm.Labels, &fm.ContentTags, &fm.Segments, &fm.RedirectFrom}
}

func (fm *frontMatter) bools() []**bool {
	return []**bool{&fm.Draft, &fm.Promoted, &fm.CommentsDisabled}
}
