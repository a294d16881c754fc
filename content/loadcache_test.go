package content

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hcsync/hcsync/internal/checksum"

	"github.com/hcsync/hcsync/diag"
)

// copyDir copies the trees of testdata into a temp folder whose files
// all carry a modification time an hour old, past the racy window.
func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		out := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(out, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(out, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	ageAll(t, dst)
	return dst
}

func ageAll(t *testing.T, root string) {
	t.Helper()
	old := time.Now().Add(-time.Hour)
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			os.Chtimes(p, old, old)
		}
		return err
	})
}

// dumpBodies dumps tree as dump does, with the bodies of cached
// translations read through Tree.Body.
func dumpBodies(t *testing.T, tree *Tree) string {
	t.Helper()
	for _, a := range tree.Articles {
		for _, tr := range a.Translations {
			b, err := tree.Body(tr)
			if err != nil {
				t.Fatalf("%s: %v", tr.Path, err)
			}
			if checksum.Of(b) != tr.BodySum {
				t.Errorf("%s: BodySum does not match the body", tr.Path)
			}
			tr.Body = b
		}
	}
	return dump(tree)
}

func loadWith(t *testing.T, root string, c *LoadCache) *Tree {
	t.Helper()
	tree, err := Load(root, LoadOptions{DefaultLocale: "en-us", Cache: c})
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

// TestLoadCache checks that a tree loaded from the cache is the tree
// loaded from the files, and that a changed file is read again.
func TestLoadCache(t *testing.T) {
	root := copyDir(t, filepath.Join("..", "testdata", "example", "docs"))
	want := dump(loadWith(t, root, nil))
	files := 0
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if strings.HasSuffix(p, ".md") {
			files++
		}
		return err
	})

	path := filepath.Join(t.TempDir(), "load.json")
	cold := ReadLoadCache(path)
	if got := dump(loadWith(t, root, cold)); got != want {
		t.Fatalf("cold load differs:\n%s\nwant:\n%s", got, want)
	}
	if cold.Hits() != 0 {
		t.Errorf("cold load: %d hits", cold.Hits())
	}
	if err := cold.Save(path); err != nil {
		t.Fatal(err)
	}

	warm := ReadLoadCache(path)
	tree := loadWith(t, root, warm)
	if warm.Hits() != files {
		t.Errorf("warm load took %d of %d files from the cache", warm.Hits(), files)
	}
	if tree.Articles[0].Source().Body != nil {
		t.Error("a cached translation carries its body: the cache would spare no memory")
	}
	if got := dumpBodies(t, tree); got != want {
		t.Fatalf("warm load differs:\n%s\nwant:\n%s", got, want)
	}
	// Nothing learnt: the file is left as it is.
	before, _ := os.Stat(path)
	if err := warm.Save(path); err != nil {
		t.Fatal(err)
	}
	if after, _ := os.Stat(path); !after.ModTime().Equal(before.ModTime()) {
		t.Error("a cache with nothing new was rewritten")
	}

	// An edit is read again, whatever its size.
	edited := filepath.Join(root, "account", "billing", "invoices.md")
	data, err := os.ReadFile(edited)
	if err != nil {
		t.Fatal(err)
	}
	changed := strings.Replace(string(data), "draft: true", "draft: false", 1)
	if changed == string(data) {
		t.Fatal("invoices.md has no draft: true line")
	}
	if err := os.WriteFile(edited, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	halfHour := time.Now().Add(-30 * time.Minute)
	os.Chtimes(edited, halfHour, halfHour)
	want = dump(loadWith(t, root, nil))
	again := ReadLoadCache(path)
	if got := dumpBodies(t, loadWith(t, root, again)); got != want {
		t.Fatalf("after an edit:\n%s\nwant:\n%s", got, want)
	}
	if again.Hits() != files-1 {
		t.Errorf("after one edit: %d hits, want %d", again.Hits(), files-1)
	}
	// What the cache confirmed is saved with what it learnt.
	if err := again.Save(path); err != nil {
		t.Fatal(err)
	}
	last := ReadLoadCache(path)
	loadWith(t, root, last)
	if last.Hits() != files {
		t.Errorf("after saving the edit: %d hits, want %d", last.Hits(), files)
	}
}

// TestLoadCacheSymlinks checks that links inside the tree are taken as
// filepath.WalkDir and os.Stat take them: a link to a file is that file,
// cached by what it points to, and a link to a folder is not followed.
// (Links out of the tree: TestLoadRefusesLinksOutside.)
func TestLoadCacheSymlinks(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(dir, "docs")
	old := time.Now().Add(-time.Hour)
	for name, data := range map[string]string{
		"docs/s/a.md":              "---\ntitle: A\n---\nBody.\n",
		"docs/.hidden/b.md":        "---\ntitle: B\n---\nBody.\n",
		"docs/.hidden/sub/c.md":    "---\ntitle: C\n---\nBody.\n",
		"docs/.hidden/sub/c.fr.md": "---\ntitle: C fr\n---\nCorps.\n",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		os.Chtimes(p, old, old)
	}
	for link, target := range map[string]string{
		"docs/s/b.md":      "../.hidden/b.md",
		"docs/sub":         ".hidden/sub",
		"docs/s/folder.md": "../.hidden/sub",
	} {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(link))); err != nil {
			t.Skip("no symlinks here:", err)
		}
	}
	path := filepath.Join(t.TempDir(), "load.bin")
	for _, run := range []string{"cold", "warm"} {
		c := ReadLoadCache(path)
		tree, err := Load(root, LoadOptions{Cache: c})
		var got []string
		for _, a := range tree.Articles {
			got = append(got, a.Path+" "+a.Source().Title)
		}
		if want := []string{"s/a.md A", "s/b.md B"}; !slices.Equal(got, want) {
			t.Errorf("%s: articles %q, want %q", run, got, want)
		}
		var problems diag.Problems
		if !errors.As(err, &problems) || len(problems) != 1 || problems[0].File != "s/folder.md" ||
			!strings.HasPrefix(problems[0].Msg, "cannot read the file: ") {
			t.Errorf("%s: %v, want that s/folder.md cannot be read", run, err)
		}
		if want := map[string]int{"cold": 0, "warm": 2}[run]; c.Hits() != want {
			t.Errorf("%s: %d hits, want %d", run, c.Hits(), want)
		}
		if err := c.Save(path); err != nil {
			t.Fatal(err)
		}
	}
	// A content folder that is itself a link holds its target's files.
	linked := filepath.Join(dir, "linked-docs")
	if err := os.Symlink("docs", linked); err != nil {
		t.Fatal(err)
	}
	tree, _ := Load(linked, LoadOptions{})
	if tree == nil || len(tree.Articles) != 2 {
		t.Errorf("a linked content folder loaded %v, want its 2 articles", tree)
	}
}

// TestLoadCacheDistrustsYoungFiles checks the racy window: a file
// written just before the load may be written again within the same
// clock tick, so its parse is not kept.
func TestLoadCacheDistrustsYoungFiles(t *testing.T) {
	root := writeTree(t, map[string]string{"Guides/a.md": "---\ntitle: A\ndraft: false\n---\nBody.\n"})
	path := filepath.Join(t.TempDir(), "load.json")
	c := ReadLoadCache(path)
	loadWith(t, root, c)
	if err := c.Save(path); err != nil {
		t.Fatal(err)
	}
	c = ReadLoadCache(path)
	loadWith(t, root, c)
	if c.Hits() != 0 {
		t.Fatalf("a file written just now came from the cache")
	}
	ageAll(t, root)
	loadWith(t, root, c)
	c.Save(path)
	c = ReadLoadCache(path)
	tree := loadWith(t, root, c)
	if c.Hits() != 1 {
		t.Fatalf("hits = %d, want 1", c.Hits())
	}
	// draft: false is kept as written, not lost as a zero value.
	if tr := tree.Articles[0].Source(); tr.Draft || tr.KeyLines["draft"] != 3 {
		t.Errorf("draft = %t at line %d", tr.Draft, tr.KeyLines["draft"])
	}
}

// TestTreeBodyNoticesChange checks that a body read after Load is the
// one Load saw, or an error naming the cause.
func TestTreeBodyNoticesChange(t *testing.T) {
	root := writeTree(t, map[string]string{"Guides/a.md": "---\ntitle: A\n---\nBody.\n"})
	ageAll(t, root)
	path := filepath.Join(t.TempDir(), "load.json")
	c := ReadLoadCache(path)
	loadWith(t, root, c)
	c.Save(path)
	c = ReadLoadCache(path)
	tree := loadWith(t, root, c)
	tr := tree.Articles[0].Source()
	if b, err := tree.Body(tr); err != nil || string(b) != "Body.\n" {
		t.Fatalf("Body = %q, %v", b, err)
	}
	os.WriteFile(filepath.Join(root, "Guides", "a.md"), []byte("---\ntitle: A\n---\nEdited.\n"), 0o644)
	if _, err := tree.Body(tr); err == nil || !strings.Contains(err.Error(), "changed while hcsync was reading") {
		t.Errorf("Body after an edit: %v", err)
	}
	os.Remove(filepath.Join(root, "Guides", "a.md"))
	if _, err := tree.Body(tr); err == nil || !strings.Contains(err.Error(), "cannot read the file") {
		t.Errorf("Body after a delete: %v", err)
	}
}

func TestLoadCacheDamaged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "load.json")
	good := string(encodeLoadCache(map[string]cachedFile{"a.md": {FM: &frontMatter{Lines: map[string]int{}}}}))
	for _, data := range []string{"not a cache", good[:len(good)-1], strings.Replace(good, "\x01", "\x63", 1), good + "x"} {
		os.WriteFile(path, []byte(data), 0o644)
		if c := ReadLoadCache(path); c.files.ReadCount() != 0 {
			t.Errorf("%s: read %d entries", data, c.files.ReadCount())
		}
	}
}

// TestLoadCacheFileKeepsEveryKey writes a parse with every key set (and
// false, 0 and "" values, which must not read back as absent) and reads
// it back; and it fails when frontMatter gains a field the cache file
// does not carry.
func TestLoadCacheFileKeepsEveryKey(t *testing.T) {
	str := func(s string) *string { return &s }
	list := func(l ...string) *[]string { l = append([]string{}, l...); return &l }
	f, zero := false, 0
	fm := &frontMatter{
		Title: str("T"), ID: str("12"), Locale: str("fr"), Section: str(""), Labels: list("a", "b"),
		ContentTags: list(), Segments: list("Staff"), PermissionGroup: str("Admins"), Draft: &f,
		Promoted: &f, Position: &zero, CommentsDisabled: &f, Description: str("d"), Slug: str("s"),
		Lines: map[string]int{"title": 2, "id": 3},
	}
	covered := len(fm.strings()) + len(fm.lists()) + len(fm.bools()) + 2 // Position, Lines
	if n := reflect.TypeOf(*fm).NumField(); n != covered {
		t.Fatalf("frontMatter has %d fields and the load cache file carries %d: add the new one to strings, lists or bools", n, covered)
	}
	in := map[string]cachedFile{"a/b.md": {Size: 1234, ModTime: -5, Ino: 1<<64 - 2, CTime: 99, FM: fm, BodyLine: 9, BodySum: 1<<64 - 1},
		"c.md": {FM: &frontMatter{Lines: map[string]int{}}}}
	data := encodeLoadCache(in)
	out, err := decodeLoadCache(data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(out, in) {
		t.Errorf("read back\n%+v\nwant\n%+v", out, in)
	}
	for n := range len(data) {
		if _, err := decodeLoadCache(data[:n]); err == nil {
			t.Fatalf("a file cut to %d of %d bytes was read", n, len(data))
		}
	}
}

// FuzzDecodeLoadCache: damaged cache files are refused or read to
// something that writes back the same, never a panic.
func FuzzDecodeLoadCache(f *testing.F) {
	one := 1
	f.Add(encodeLoadCache(map[string]cachedFile{"a.md": {Size: 3, FM: &frontMatter{Position: &one, Lines: map[string]int{"position": 2}}}}))
	f.Add(encodeLoadCache(map[string]cachedFile{}))
	f.Add([]byte(loadCacheMagic + "\x01\xff\xff\xff\x0f"))
	f.Fuzz(func(t *testing.T, data []byte) {
		files, err := decodeLoadCache(data)
		if err != nil {
			return
		}
		again, err := decodeLoadCache(encodeLoadCache(files))
		if err != nil || !reflect.DeepEqual(again, files) {
			t.Fatalf("re-encoded cache reads back as %v, %v", again, err)
		}
	})
}

// TestLoadCacheSeesRestoredTimes: an edit of the same size whose
// modification time is set back to the cached one (rsync -t, cp -p,
// touch -r do this) is still read again, where the change time is known.
func TestLoadCacheSeesRestoredTimes(t *testing.T) {
	if _, ctime := changeStamp(statOf(t, ".")); ctime == 0 {
		t.Skip("no change time on this system")
	}
	root := writeTree(t, map[string]string{"Guides/a.md": "---\ntitle: A\n---\nBody one.\n"})
	ageAll(t, root)
	file := filepath.Join(root, "Guides", "a.md")
	mtime := statOf(t, file).ModTime()
	path := filepath.Join(t.TempDir(), "load.json")
	c := ReadLoadCache(path)
	loadWith(t, root, c)
	c.Save(path)

	os.WriteFile(file, []byte("---\ntitle: A\n---\nBody two.\n"), 0o644)
	os.Chtimes(file, mtime, mtime)
	c = ReadLoadCache(path)
	tree := loadWith(t, root, c)
	if c.Hits() != 0 {
		t.Fatal("an edit hidden behind a restored modification time came from the cache")
	}
	if b, _ := tree.Body(tree.Articles[0].Source()); string(b) != "Body two.\n" {
		t.Errorf("body = %q", b)
	}
}

func statOf(t *testing.T, path string) fs.FileInfo {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info
}

// TestLoadLazyBodies: a tree loaded without its bodies gives the same
// bodies through Tree.Body, and keeps none itself.
func TestLoadLazyBodies(t *testing.T) {
	root := filepath.Join("..", "testdata", "example", "docs")
	want := dump(loadWith(t, root, nil))
	tree, err := Load(root, LoadOptions{DefaultLocale: "en-us", LazyBodies: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range tree.Articles {
		for _, tr := range a.Translations {
			if tr.Body != nil {
				t.Fatalf("%s: body kept", tr.Path)
			}
		}
	}
	if got := dumpBodies(t, tree); got != want {
		t.Errorf("lazy load differs:\n%s\nwant:\n%s", got, want)
	}
}
