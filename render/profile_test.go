package render

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// FuzzNodeChecks checks that running a profile's check inside
// bodyTransformer's walk (nodeChecks) finds what its Check finds on the
// finished tree. A copy of a registered profile has no nodeChecks entry,
// so Render runs the copy's Check after parsing, as for any profile.
func FuzzNodeChecks(f *testing.F) {
	golden, _ := filepath.Glob(filepath.Join("testdata", "golden", "*.md"))
	for _, file := range append(golden, filepath.Join("testdata", "bench.md")) {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range []string{
		"- a\n  - b\n\n<dl><dt>x</dt></dl>\n",
		"- a\n\n  | h |\n  |---|\n  | c |\n",
		"Text[^1].\n\n[^1]: - a\n    - b\n\n    <iframe src=\"https://evil.example/x\"></iframe>\n",
		"[^unused]: <script>x</script>\n\n# T <span onclick=\"x\">s</span>\n",
		"term\n: definition\n\n-\n\n<ul></ul> <iframe src=x>\n",
	} {
		f.Add([]byte(s))
	}
	type pair struct{ walked, after *Profile }
	var pairs []pair
	for p := range nodeChecks {
		after := *p
		pairs = append(pairs, pair{p, &after})
	}
	if len(pairs) == 0 {
		f.Fatal("no profile has a per-node check")
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, p := range pairs {
			got := Render(src, Options{Profile: p.walked, Link: testResolve, Image: testResolve})
			want := Render(src, Options{Profile: p.after, Link: testResolve, Image: testResolve})
			if fmt.Sprint(got.Problems) != fmt.Sprint(want.Problems) || got.HTML != want.HTML {
				t.Errorf("%s on %q: checked in the walk\n%q %v\nchecked after it\n%q %v",
					p.walked.Name, src, got.HTML, got.Problems, want.HTML, want.Problems)
			}
		}
	})
}
