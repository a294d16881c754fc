// Package bench generates help-center trees of a chosen size and measures
// whole hcsync runs on them. Its benchmarks are the source of the figures
// in BENCHMARKS.md.
package bench

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Locales used for translations, after the source locale en-us.
var Locales = []string{"fr", "de", "es", "ja"}

// Tree describes a generated tree.
type Tree struct {
	Articles int // source articles
	Locales  int // locales per article, the source included (1-5)
	// PerSection is the number of articles per section folder.
	PerSection int
	// NoMeta leaves out labels and position, for providers without them
	// (Intercom, Help.Center).
	NoMeta bool
	// Links adds links to two other articles to every body: the previous
	// article (often in the same section) and one in another category,
	// which link back in turn, so the tree holds link cycles as real
	// help centers do.
	Links bool
	// Images gives each section folder a screenshot (images/screen.png,
	// a distinct PNG per section) that every article of the section
	// shows.
	Images bool
	// Translated gives each locale's body its own text (its intro names
	// the locale), as real translations do; without it every locale
	// repeats the source body and only titles differ.
	Translated bool
	// ImageKB, when above 0, gives every article a screenshot of its
	// own (images/article-NNNNN.png) of about that many KB, which its
	// body shows in every locale: the bulk of a real docs repository.
	// Its pixels are noise, so it does not compress, as a PNG does not.
	ImageKB int
}

// Generate writes the tree under dir: categories of sections of articles
// with realistic bodies (headings, lists, a table, code, links, and with
// Links and Images set, links between articles and images) and their
// translations. It returns the number of files written.
func Generate(dir string, t Tree) (int, error) {
	if t.PerSection <= 0 {
		t.PerSection = 50
	}
	if t.Locales < 1 || t.Locales > 1+len(Locales) {
		return 0, fmt.Errorf("locales must be 1 to %d", 1+len(Locales))
	}
	files := 0
	for i := 0; i < t.Articles; i++ {
		sec := i / t.PerSection
		folder := filepath.Join(dir, articleDir(i, t.PerSection))
		if i%t.PerSection == 0 {
			if err := os.MkdirAll(folder, 0o755); err != nil {
				return files, err
			}
			if t.Images {
				if err := writeScreenshot(filepath.Join(folder, "images", "screen.png"), sec); err != nil {
					return files, err
				}
				files++
			}
		}
		b := body{i: i, meta: !t.NoMeta, images: t.Images, translated: t.Translated, own: t.ImageKB > 0}
		if b.own {
			if err := WriteNoisePNG(filepath.Join(folder, ownImage(i)), t.ImageKB, int64(i)); err != nil {
				return files, err
			}
			files++
		}
		if t.Links && t.Articles > 1 {
			b.links = links(i, t.Articles, t.PerSection)
		}
		name := fmt.Sprintf("article-%05d", i)
		b.locale = "en-us"
		if err := os.WriteFile(filepath.Join(folder, name+".md"), []byte(b.String()), 0o644); err != nil {
			return files, err
		}
		files++
		b.meta = false
		for _, l := range Locales[:t.Locales-1] {
			b.locale = l
			if err := os.WriteFile(filepath.Join(folder, name+"."+l+".md"), []byte(b.String()), 0o644); err != nil {
				return files, err
			}
			files++
		}
	}
	return files, nil
}

// articleDir is the folder of article i, relative to the tree's root:
// ten sections to a category.
func articleDir(i, perSection int) string {
	sec := i / perSection
	return filepath.Join(fmt.Sprintf("category-%03d", sec/10), fmt.Sprintf("section-%04d", sec))
}

// links returns the relative paths from article i's folder to the
// articles it links to: the one before it (the last, for the first) and
// the one half the tree away, which links back to i.
func links(i, n, perSection int) []string {
	targets := []int{(i + n - 1) % n, (i + n/2) % n}
	var out []string
	for _, j := range targets {
		if j == i {
			continue
		}
		rel, err := filepath.Rel(articleDir(i, perSection), articleDir(j, perSection))
		if err != nil {
			// Both are relative paths under the same root, so Rel
			// cannot fail.
			panic(err)
		}
		out = append(out, filepath.ToSlash(filepath.Join(rel, fmt.Sprintf("article-%05d.md", j))))
	}
	return out
}

// ownImage is the path of article i's own screenshot, relative to its
// folder.
func ownImage(i int) string { return fmt.Sprintf("images/article-%05d.png", i) }

// WriteNoisePNG writes a PNG of about kb KB of noise pixels from seed,
// stored without compression: each seed gives its own content hash.
func WriteNoisePNG(path string, kb int, seed int64) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	w := 256
	h := max(1, kb*1024/(4*w))
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	rng := rand.New(rand.NewPCG(uint64(seed), 0x5eed))
	for i := range img.Pix {
		img.Pix[i] = uint8(rng.Uint32())
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.NoCompression}
	if err := enc.Encode(&buf, img); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// writeScreenshot writes a small PNG whose colour depends on seed, so
// each section's image has its own content hash.
func writeScreenshot(path string, seed int) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	img := image.NewRGBA(image.Rect(0, 0, 64, 40))
	c := color.RGBA{uint8(seed), uint8(seed >> 8), uint8(seed * 7), 255}
	for y := 0; y < 40; y++ {
		for x := 0; x < 64; x++ {
			if y < 8 {
				img.Set(x, y, color.RGBA{40, 40, 40, 255}) // a title bar
			} else {
				img.Set(x, y, c)
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// body is one generated article file.
type body struct {
	i      int
	locale string
	meta   bool     // labels and position in the front-matter
	images bool     // show the section's screenshot
	own    bool     // show the article's own screenshot
	links  []string // relative paths of linked articles
	// translated names the locale in the intro, so bodies differ by
	// locale.
	translated bool
}

// String returns a ~3 KB article in the shape support teams write.
func (a body) String() string {
	var b strings.Builder
	i := a.i
	fmt.Fprintf(&b, "---\ntitle: Article %d (%s)\n", i, a.locale)
	if a.meta {
		fmt.Fprintf(&b, "labels: [topic-%d, area-%d]\nposition: %d\n", i%17, i%5, i%50)
	}
	b.WriteString("---\n")
	if a.translated {
		fmt.Fprintf(&b, "This article (%s) explains feature %d and how to set it up for your team.\n\n", a.locale, i)
	} else {
		fmt.Fprintf(&b, "This article explains feature %d and how to set it up for your team.\n\n", i)
	}
	b.WriteString("## Before you start\n\nYou need **admin** rights and the latest version of the app. ")
	b.WriteString("Check the [release notes](https://example.com/releases) if you are unsure.\n\n")
	b.WriteString("## Steps\n\n")
	for s := 1; s <= 6; s++ {
		fmt.Fprintf(&b, "%d. Open **Settings → Feature %d** and choose option %d. This may take a minute while the change is saved.\n", s, i, s)
	}
	if a.images {
		fmt.Fprintf(&b, "\n![The Feature %d settings page](images/screen.png)\n", i)
	}
	if a.own {
		fmt.Fprintf(&b, "\n![Feature %d turned on](%s)\n", i, ownImage(i))
	}
	b.WriteString("\n## Options\n\n| Option | Default | Meaning |\n|---|---|---|\n")
	for o := 0; o < 5; o++ {
		fmt.Fprintf(&b, "| `opt_%d` | %d | Controls part %d of the behaviour |\n", o, o*10, o)
	}
	b.WriteString("\n## From the command line\n\n```sh\nlumen config set feature.enabled true\nlumen config get feature\n```\n\n")
	b.WriteString("> Changes apply to every member of the workspace.\n\n")
	b.WriteString("- Works on desktop and mobile\n- Synced across devices\n- Reversible at any time\n\n")
	b.WriteString("If something goes wrong, contact support with the ~~old~~ new diagnostics bundle.\n")
	if len(a.links) > 0 {
		b.WriteString("\n## Related\n\n")
		for _, l := range a.links {
			fmt.Fprintf(&b, "- [%s](%s)\n", strings.TrimSuffix(path.Base(l), ".md"), l)
		}
	}
	return b.String()
}
