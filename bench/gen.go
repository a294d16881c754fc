// Package bench generates help-center trees of a chosen size and measures
// whole hcsync runs on them. Its benchmarks are the source of the figures
// in BENCHMARKS.md.
package bench

import (
	"fmt"
	"os"
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
}

// Generate writes the tree under dir: categories of sections of articles
// with realistic bodies (headings, lists, a table, code, links) and their
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
		cat := sec / 10
		folder := filepath.Join(dir, fmt.Sprintf("category-%03d", cat), fmt.Sprintf("section-%04d", sec))
		if i%t.PerSection == 0 {
			if err := os.MkdirAll(folder, 0o755); err != nil {
				return files, err
			}
		}
		name := fmt.Sprintf("article-%05d", i)
		if err := os.WriteFile(filepath.Join(folder, name+".md"), []byte(article(i, "en-us", !t.NoMeta)), 0o644); err != nil {
			return files, err
		}
		files++
		for _, l := range Locales[:t.Locales-1] {
			if err := os.WriteFile(filepath.Join(folder, name+"."+l+".md"), []byte(article(i, l, false)), 0o644); err != nil {
				return files, err
			}
			files++
		}
	}
	return files, nil
}

// article returns a ~3 KB article in the shape support teams write.
func article(i int, locale string, meta bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: Article %d (%s)\n", i, locale)
	if meta {
		fmt.Fprintf(&b, "labels: [topic-%d, area-%d]\nposition: %d\n", i%17, i%5, i%50)
	}
	b.WriteString("---\n")
	fmt.Fprintf(&b, "This article explains feature %d and how to set it up for your team.\n\n", i)
	b.WriteString("## Before you start\n\nYou need **admin** rights and the latest version of the app. ")
	b.WriteString("Check the [release notes](https://example.com/releases) if you are unsure.\n\n")
	b.WriteString("## Steps\n\n")
	for s := 1; s <= 6; s++ {
		fmt.Fprintf(&b, "%d. Open **Settings → Feature %d** and choose option %d. This may take a minute while the change is saved.\n", s, i, s)
	}
	b.WriteString("\n## Options\n\n| Option | Default | Meaning |\n|---|---|---|\n")
	for o := 0; o < 5; o++ {
		fmt.Fprintf(&b, "| `opt_%d` | %d | Controls part %d of the behaviour |\n", o, o*10, o)
	}
	b.WriteString("\n## From the command line\n\n```sh\nlumen config set feature.enabled true\nlumen config get feature\n```\n\n")
	b.WriteString("> Changes apply to every member of the workspace.\n\n")
	b.WriteString("- Works on desktop and mobile\n- Synced across devices\n- Reversible at any time\n\n")
	b.WriteString("If something goes wrong, contact support with the ~~old~~ new diagnostics bundle.\n")
	return b.String()
}
