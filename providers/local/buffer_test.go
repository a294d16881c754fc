package local

import (
	"os"
	"strings"
	"testing"
)

// TestBodiesOutliveTheBuffer: files are read into reused buffers, so
// what parseArticle returns must not point into the one it was given.
func TestBodiesOutliveTheBuffer(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("testdata/article-v2.json")
	if err != nil {
		t.Fatal(err)
	}
	a, err := parseArticle(data)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for l, tr := range a.Translations {
		want[l] = tr.Title + "\x00" + tr.Body
	}
	for i := range data {
		data[i] = '#'
	}
	for l, tr := range a.Translations {
		if got := tr.Title + "\x00" + tr.Body; got != want[l] || strings.Contains(got, "###") {
			t.Errorf("the %s translation changed with the buffer: %q", l, got)
		}
	}
}
