package content

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

var fuzzSeeds = []string{
	okSource,
	"---\r\ntitle: A\r\nid: 3 # c\r\n---\r\nbody\r\n",
	"\n\n---\ntitle: \"x\n  id: y\"\nlabels: [a, b]\n---\n---\nid: 4\n",
	"---\ntitle: >\n  long\n\n---",
	"---\ntitle: A\nid:\n---\n",
	"---\n---\n",
	"---\ntitle: [x\n---\n",
	"\xef\xbb\xbf---\ntitle: BOM\n---\nbody",
	"no front-matter",
	"---\n{title: a, id: 1}\n---\n",
}

// FuzzParse checks that no input panics the parser, and that on any
// file that parses cleanly WriteID's edit reads back as the id with the
// body untouched.
func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		pf := parseFile("s/a.md", sourceFile, data)
		if len(pf.problems) > 0 || pf.fm == nil {
			return
		}
		out, err := setID("s/a.md", data, "12345")
		if err != nil {
			return // refusing an odd layout is fine; corrupting it is not
		}
		again := parseFile("s/a.md", sourceFile, out)
		if len(again.problems) > 0 {
			t.Fatalf("after setID: %v\n%q", again.problems, out)
		}
		if again.fm.ID == nil || *again.fm.ID != "12345" {
			t.Fatalf("after setID the id is %v\n%q", again.fm.ID, out)
		}
		if !bytes.Equal(again.body, pf.body) {
			t.Fatalf("setID changed the body from %q to %q", pf.body, again.body)
		}
		if *again.fm.Title != *pf.fm.Title {
			t.Fatalf("setID changed the title from %q to %q", *pf.fm.Title, *again.fm.Title)
		}
	})
}

// FuzzLoad runs the whole loader over a source file and a translation
// of it: it must never panic, and a clean tree must survive WriteID.
func FuzzLoad(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, "---\ntitle: Traduction\n---\ncorps\n")
	}
	f.Fuzz(func(t *testing.T, source, translation string) {
		root := t.TempDir()
		dir := filepath.Join(root, "s")
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for name, content := range map[string]string{"a.md": source, "a.fr.md": translation} {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		tree, err := Load(root, LoadOptions{})
		if err != nil || len(tree.Articles) != 1 {
			return
		}
		body := tree.Articles[0].Source().Body
		if err := WriteID(filepath.Join(dir, "a.md"), "777"); err != nil {
			return
		}
		tree, err = Load(root, LoadOptions{})
		if err != nil {
			t.Fatalf("after WriteID: %v", err)
		}
		a := tree.Articles[0]
		if a.ID != "777" || !bytes.Equal(a.Source().Body, body) || len(a.Translations) != 2 {
			t.Fatalf("after WriteID: id %q, body %q (was %q), %d translations", a.ID, a.Source().Body, body, len(a.Translations))
		}
	})
}
