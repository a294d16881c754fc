package export

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image/color"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/planner"
	"github.com/hcsync/hcsync/providers"
)

// A file says only what differs from what the help center assumes: no
// promoted: false, segments: [], draft: false … unless Explicit, and the
// plan of the tree is empty either way, on every provider.
func TestExportLeavesDefaultsOut(t *testing.T) {
	t.Parallel()
	providersUnderTest := []struct {
		name string
		new  func(t *testing.T) providers.Provider
	}{
		{"local", func(t *testing.T) providers.Provider { return newExportLocal(t) }},
		{"zendesk", newExportZendesk},
		{"intercom", newExportIntercom},
		{"helpcenter", newExportHelpCenter},
	}
	defaults := []string{"promoted: false", "comments_disabled: false", "segments: []", "labels: []", "content_tags: []", "position: 0", "draft: false"}
	for _, pt := range providersUnderTest {
		for _, explicit := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/explicit=%v", pt.name, explicit), func(t *testing.T) {
				t.Parallel()
				p := pt.new(t)
				seedHelpCenter(t, p)
				res, pl, _ := roundTrip(t, p, Options{RelativeLinks: true, Explicit: explicit}, planner.Options{})
				assertNoChanges(t, pl)
				caps := p.Capabilities()
				// What each source file writes, by key.
				keys := map[string]int{}
				for _, f := range res.Files {
					fm := frontMatterOf(f)
					if !strings.HasSuffix(f.Path, ".md") || strings.HasPrefix(path.Base(f.Path), "_") || isTranslation(fm) {
						if !explicit && strings.Contains(fm, "\ndraft: false\n") && isTranslation(fm) {
							t.Errorf("%s: a translation says draft: false though its source is published:\n%s", f.Path, fm)
						}
						continue
					}
					for _, line := range strings.Split(fm, "\n") {
						key, _, _ := strings.Cut(line, ":")
						keys[key]++
						if !explicit && slices.Contains(defaults, line) {
							t.Errorf("%s spells out the default %q:\n%s", f.Path, line, fm)
						}
					}
				}
				want := map[string]bool{"draft": true, "labels": caps.Labels, "content_tags": caps.ContentTags, "segments": caps.Segments,
					"promoted": caps.Promoted, "position": caps.Position, "comments_disabled": caps.CommentsDisabled}
				for key, can := range want {
					switch {
					case !can && keys[key] > 0:
						t.Errorf("%d files write %s:, which %s cannot hold", keys[key], key, pt.name)
					case can && explicit && keys[key] != res.Articles:
						t.Errorf("with Explicit %d of %d files write %s:", keys[key], res.Articles, key)
					case can && !explicit && key != "comments_disabled" && keys[key] == 0:
						// The seed sets each but comments_disabled on some
						// articles.
						t.Errorf("no file writes %s:, want those whose value is not the default", key)
					}
				}
			})
		}
	}
}

func frontMatterOf(f File) string {
	fm, _, _ := strings.Cut(strings.TrimPrefix(string(f.Data), "---\n"), "---\n")
	return "\n" + fm
}

// isTranslation: a translation's front-matter has no id.
func isTranslation(fm string) bool { return !strings.Contains(fm, "\nid: ") }

// Images keep the names the help center gives them, without the content
// hash hcsync puts in the names it uploads; an image the service names
// by content alone (the local provider) is named after its alt text.
// Names are unique in their folder, and the plan of the tree is empty.
func TestExportImageNames(t *testing.T) {
	t.Parallel()
	screenA, screenB := solidPNG(t, color.RGBA{R: 200, A: 255}), solidPNG(t, color.RGBA{G: 200, A: 255})
	installer := tinyPNG(t)
	// As apply names an upload: 16 hex digits of its sha256, then its
	// file's name.
	uploadName := func(data []byte, name string) string {
		sum := sha256.Sum256(data)
		return hex.EncodeToString(sum[:])[:16] + "-" + name
	}
	tests := []struct {
		name string
		new  func(t *testing.T) providers.Provider
		want []string // image files of the section's images/
	}{
		{"zendesk", newExportZendesk, []string{"installer.png", "screen-2.png", "screen.png"}},
		{"local", func(t *testing.T) providers.Provider { return newExportLocal(t) }, []string{"a-red-screen.png", "a-red-screen-2.png", "the-lumen-installer.png"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := tt.new(t)
			ctx := context.Background()
			cat, err := p.CreateSection(ctx, providers.SectionInput{Kind: providers.KindCategory, Name: "Guides", Locale: "en-us"})
			if err != nil {
				t.Fatal(err)
			}
			sec, err := p.CreateSection(ctx, providers.SectionInput{Kind: providers.KindSection, Name: "Setup", ParentID: cat.ID, Locale: "en-us"})
			if err != nil {
				t.Fatal(err)
			}
			upload := func(data []byte, name string) string {
				u, err := p.UploadImage(ctx, providers.Image{Name: name, ContentType: "image/png", Data: data})
				if err != nil {
					t.Fatal(err)
				}
				return u
			}
			urls := []string{upload(installer, uploadName(installer, "installer.png")), upload(screenA, "screen.png"), upload(screenB, "screen.png")}
			alts := []string{"The Lumen installer", "A red screen", "A red screen"}
			for i, title := range []string{"Install", "Red", "Green"} {
				body := fmt.Sprintf(`<p>%s</p><p><img src="%s" alt="%s"></p>`, title, urls[i], alts[i])
				if _, err := p.CreateArticle(ctx, providers.ArticleInput{SectionID: sec.ID, Source: providers.TranslationInput{Locale: "en-us", Title: title, Body: body}}); err != nil {
					t.Fatal(err)
				}
			}
			res, pl, _ := roundTrip(t, p, Options{RelativeLinks: true, LocalImages: true, HTTPClient: http.DefaultClient}, planner.Options{})
			assertNoChanges(t, pl)
			var got []string
			for _, f := range res.Files {
				if path.Dir(f.Path) == "guides/setup/images" && !strings.HasPrefix(path.Base(f.Path), ".") {
					got = append(got, path.Base(f.Path))
				}
			}
			slices.Sort(got)
			want := slices.Sorted(slices.Values(tt.want))
			if !slices.Equal(got, want) {
				t.Errorf("images exported as %v, want %v", got, want)
			}
		})
	}
}

// A tree exported once and then renamed keeps its names on the next
// export that is told of it (Options.Like): articles and folders are
// found by their ids; what is new is named from its title.
func TestExportKeepsNamesOfATree(t *testing.T) {
	t.Parallel()
	p := newExportLocal(t)
	ctx := context.Background()
	cat, _ := p.CreateSection(ctx, providers.SectionInput{Kind: providers.KindCategory, Name: "Guides"})
	sec, _ := p.CreateSection(ctx, providers.SectionInput{Kind: providers.KindSection, Name: "First steps", ParentID: cat.ID})
	create := func(title string) providers.Article {
		a, err := p.CreateArticle(ctx, providers.ArticleInput{SectionID: sec.ID,
			Source: providers.TranslationInput{Locale: "en-us", Title: title, Body: "<p>" + title + "</p>"}})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	hello := create("Hello")
	if _, err := p.CreateTranslation(ctx, hello.ID, providers.TranslationInput{Locale: "fr", Title: "Bonjour", Body: "<p>Bonjour</p>"}); err != nil {
		t.Fatal(err)
	}
	create("World")

	old := t.TempDir()
	first, err := Export(ctx, p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := first.Write(old); err != nil {
		t.Fatal(err)
	}
	// The team renamed what export named: the category folder, the
	// section folder, an article with its translation, another.
	for _, mv := range [][2]string{
		{"guides/first-steps/hello.md", "guides/first-steps/welcome.md"},
		{"guides/first-steps/hello.fr.md", "guides/first-steps/welcome.fr.md"},
		// A name a Markdown link cannot take as it is: named anew.
		{"guides/first-steps/world.md", "guides/first-steps/the world (v2).md"},
		{"guides/first-steps", "guides/start"},
		{"guides", "handbook"},
	} {
		if err := os.Rename(filepath.Join(old, filepath.FromSlash(mv[0])), filepath.Join(old, filepath.FromSlash(mv[1]))); err != nil {
			t.Fatal(err)
		}
	}
	create("Hello") // new since, and named like the renamed one was

	res, pl, _ := roundTrip(t, p, Options{Like: old}, planner.Options{})
	assertNoChanges(t, pl)
	var got []string
	for _, f := range res.Files {
		got = append(got, f.Path)
	}
	want := []string{"handbook/_category.md", "handbook/start/_section.md", "handbook/start/hello.md", "handbook/start/welcome.fr.md", "handbook/start/welcome.md", "handbook/start/world.md"}
	if !slices.Equal(got, want) {
		t.Errorf("files = %v, want %v", got, want)
	}

	// A folder without a tree, or one that does not exist, names nothing.
	if _, err := Export(ctx, p, Options{Like: filepath.Join(old, "missing")}); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("Like a missing folder: err = %v, want one naming it", err)
	}
}

// With Options.Like, an image whose bytes are those of an image file of
// the earlier tree keeps that file's name, unless a Markdown link cannot
// take the name as it is; a link in that tree to a file outside it names
// nothing (its bytes are not read as the tree's).
func TestExportKeepsImageNamesOfATree(t *testing.T) {
	t.Parallel()
	p := newExportZendesk(t)
	ctx := context.Background()
	cat, err := p.CreateSection(ctx, providers.SectionInput{Kind: providers.KindCategory, Name: "Guides", Locale: "en-us"})
	if err != nil {
		t.Fatal(err)
	}
	sec, err := p.CreateSection(ctx, providers.SectionInput{Kind: providers.KindSection, Name: "Setup", ParentID: cat.ID, Locale: "en-us"})
	if err != nil {
		t.Fatal(err)
	}
	installer := tinyPNG(t)
	red, green := solidPNG(t, color.RGBA{R: 200, A: 255}), solidPNG(t, color.RGBA{G: 200, A: 255})
	for i, img := range [][]byte{installer, red, green} {
		name := []string{"installer.png", "red.png", "green.png"}[i]
		u, err := p.UploadImage(ctx, providers.Image{Name: name, ContentType: "image/png", Data: img})
		if err != nil {
			t.Fatal(err)
		}
		body := fmt.Sprintf(`<p>Step %d</p><p><img src="%s" alt="Step %d"></p>`, i, u, i)
		if _, err := p.CreateArticle(ctx, providers.ArticleInput{SectionID: sec.ID, Source: providers.TranslationInput{Locale: "en-us", Title: fmt.Sprint("Step ", i), Body: body}}); err != nil {
			t.Fatal(err)
		}
	}
	// The tree the images were uploaded from, under the team's names.
	old := t.TempDir()
	write := func(rel string, data []byte) {
		p := filepath.Join(old, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("guides/setup/images/setup-wizard.png", installer)
	write("guides/setup/images/red screen.png", red) // no name a link takes as it is
	outside := filepath.Join(t.TempDir(), "green.png")
	if err := os.WriteFile(outside, green, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(old, "guides", "setup", "images", "linked.png")); err != nil {
		t.Skip("no symlinks here:", err)
	}

	res, pl, _ := roundTrip(t, p, Options{Like: old, RelativeLinks: true, LocalImages: true, HTTPClient: http.DefaultClient}, planner.Options{})
	assertNoChanges(t, pl)
	var got []string
	for _, f := range res.Files {
		if path.Dir(f.Path) == "guides/setup/images" && !strings.HasPrefix(path.Base(f.Path), ".") {
			got = append(got, path.Base(f.Path))
		}
	}
	slices.Sort(got)
	if want := []string{"green.png", "red.png", "setup-wizard.png"}; !slices.Equal(got, want) {
		t.Errorf("images exported as %v, want %v", got, want)
	}
}
