package render

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzNormalize checks that Normalize never panics and is idempotent:
// a plan compares Normalize(a) with Normalize(b), and HTML that is
// already normal must compare equal to itself.
func FuzzNormalize(f *testing.F) {
	for _, s := range normalizeSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		once := Normalize(s)
		if twice := Normalize(once); twice != once {
			t.Errorf("not idempotent on %q:\nonce  %q\ntwice %q", s, once, twice)
		}
	})
}

// FuzzRender checks that any body renders without panicking, with the
// resolvers and a capped profile in play, and that every problem has a
// line within the body.
func FuzzRender(f *testing.F) {
	golden, _ := filepath.Glob(filepath.Join("testdata", "golden", "*.md"))
	for _, file := range append(golden, filepath.Join("testdata", "bench.md")) {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	capped := &Profile{Name: "fuzz-capped", MaxHeading: 2}
	f.Fuzz(func(t *testing.T, src []byte) {
		res := Render(src, Options{Profile: capped, Link: testResolve, Image: testResolve})
		lines := 1
		for _, c := range src {
			if c == '\n' {
				lines++
			}
		}
		for _, p := range res.Problems {
			if p.Line < 1 || p.Line > lines {
				t.Errorf("problem %q on line %d of a %d-line body", p.Msg, p.Line, lines)
			}
		}
	})
}
