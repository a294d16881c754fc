package bench

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"
)

// BenchmarkGoldmarkTree is the reference of issue #21's cold target: the
// CPU time goldmark alone takes to convert every body of the tree the
// whole-run harness plans (the same Tree as hcsync-bench's defaults:
// links, images, text of its own in every locale), with the extensions
// render uses. A cold plan renders each body once, so it cannot cost
// less; the target is within 1.3× of this. cpu-s/op is user + system
// time of the process, steadier than ns/op on a shared machine.
//
//	go test ./bench -run '^$' -bench BenchmarkGoldmarkTree -benchtime 3x
func BenchmarkGoldmarkTree(b *testing.B) {
	for _, n := range sizes() {
		b.Run(fmt.Sprintf("articles=%d/locales=4", n), func(b *testing.B) {
			bodies := treeBodies(b, Tree{Articles: n, Locales: 4, Links: true, Images: true, Translated: true})
			md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote), goldmark.WithRendererOptions(html.WithUnsafe()))
			var buf bytes.Buffer
			b.ReportAllocs()
			start := cpuTime()
			for b.Loop() {
				for _, body := range bodies {
					buf.Reset()
					if err := md.Convert(body, &buf); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric((cpuTime()-start).Seconds()/float64(b.N), "cpu-s/op")
			b.ReportMetric(float64(len(bodies)), "bodies")
		})
	}
}

// treeBodies generates t and returns the Markdown bodies of its files,
// front-matter cut off.
func treeBodies(tb testing.TB, t Tree) [][]byte {
	tb.Helper()
	root := filepath.Join(tb.TempDir(), "docs")
	if _, err := Generate(root, t); err != nil {
		tb.Fatal(err)
	}
	var bodies [][]byte
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".md") || strings.HasPrefix(d.Name(), "_") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		_, body, _ := bytes.Cut(data[4:], []byte("\n---\n"))
		bodies = append(bodies, body)
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return bodies
}
