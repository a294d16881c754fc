package render

import (
	"os"
	"path/filepath"
	"testing"
)

func benchBody(b *testing.B) []byte {
	src, err := os.ReadFile(filepath.Join("testdata", "bench.md"))
	if err != nil {
		b.Fatal(err)
	}
	return src
}

// BenchmarkRender renders a realistic ~3 KB article with link and image
// rewriting, as the planner does for every file of a tree.
func BenchmarkRender(b *testing.B) {
	src := benchBody(b)
	opts := Options{
		Link:  func(dest string, _ int) (string, error) { return "https://help.example.com/hc/articles/1", nil },
		Image: func(dest string, _ int) (string, error) { return "https://cdn.example.com/x.png", nil },
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		Render(src, opts)
	}
}

// BenchmarkNormalize normalises the HTML of the same article, as the
// planner does for both sides of every comparison.
func BenchmarkNormalize(b *testing.B) {
	html := Render(benchBody(b), Options{}).HTML
	b.SetBytes(int64(len(html)))
	b.ReportAllocs()
	for b.Loop() {
		Normalize(html)
	}
}
