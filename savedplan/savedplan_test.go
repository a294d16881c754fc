package savedplan

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers"
)

var t0 = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)

// helpCenter is one article (en-us, fr) in section 7 of category 3.
func helpCenter() ([]providers.Article, []providers.Section) {
	pos := 1
	arts := []providers.Article{{ID: "123", SectionID: "7", SourceLocale: "en-us", Labels: []string{"a"}, UpdatedAt: t0,
		Translations: map[string]*providers.Translation{
			"en-us": {Locale: "en-us", Title: "Setup", Body: "<p>one</p>", UpdatedAt: t0},
			"fr":    {Locale: "fr", Title: "Installation", Body: "<p>un</p>", UpdatedAt: t0},
		}}}
	secs := []providers.Section{
		{ID: "3", Kind: providers.KindCategory, Name: "Guides"},
		{ID: "7", Kind: providers.KindSection, Name: "Setup", ParentID: "3", Position: &pos},
	}
	return arts, secs
}

// touchingPlan updates the French translation, creates German, updates
// the article's labels, renames section 7 and creates an article in it.
func touchingPlan() *plan.Plan {
	tr := func(l string) *plan.TranslationSpec {
		return &plan.TranslationSpec{TranslationInput: providers.TranslationInput{Locale: l}}
	}
	name := "Set up"
	return &plan.Plan{SchemaVersion: plan.SchemaVersion, Provider: "zendesk", Changes: []*plan.Change{
		{Key: "update-translation:setup.fr.md", Action: plan.ActionUpdateTranslation, File: "setup.fr.md", ArticleID: "123", Locale: "fr", Translation: tr("fr")},
		{Key: "create-translation:setup.de.md", Action: plan.ActionCreateTranslation, File: "setup.de.md", ArticleID: "123", Locale: "de", Translation: tr("de")},
		{Key: "update-meta:setup.md", Action: plan.ActionUpdateMeta, File: "setup.md", ArticleID: "123", Meta: &plan.MetaSpec{}},
		{Key: "update-section:guides/setup", Action: plan.ActionUpdateSection, File: "guides/setup/_section.md",
			SectionUpdate: &plan.SectionUpdateSpec{ID: "7", SectionUpdate: providers.SectionUpdate{Name: &name}}},
		{Key: "create:guides/setup/new.md", Action: plan.ActionCreate, File: "guides/setup/new.md", Create: &plan.CreateSpec{Section: plan.SectionRef{ID: "7"}}},
	}}
}

func TestMoved(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(a []providers.Article, s []providers.Section) ([]providers.Article, []providers.Section)
		want []string
	}{
		{"nothing moved", nil, nil},
		{"an untouched translation edited", func(a []providers.Article, s []providers.Section) ([]providers.Article, []providers.Section) {
			a[0].Translations["en-us"].Body, a[0].Translations["en-us"].UpdatedAt = "<p>edited</p>", t0.Add(time.Hour)
			a[0].UpdatedAt = t0.Add(time.Hour) // as Zendesk moves it
			return a, s
		}, nil},
		{"the French translation edited", func(a []providers.Article, s []providers.Section) ([]providers.Article, []providers.Section) {
			a[0].Translations["fr"].Body, a[0].Translations["fr"].UpdatedAt = "<p>deux</p>", t0.Add(time.Hour)
			return a, s
		}, []string{"article 123 (fr) was edited in the help center at 2026-12-01T10:00:00Z"}},
		{"the French translation published, same time", func(a []providers.Article, s []providers.Section) ([]providers.Article, []providers.Section) {
			a[0].Translations["fr"].Draft = true
			return a, s
		}, []string{"article 123 (fr) was edited in the help center since the plan"}},
		{"German added meanwhile", func(a []providers.Article, s []providers.Section) ([]providers.Article, []providers.Section) {
			a[0].Translations["de"] = &providers.Translation{Locale: "de", Title: "Einrichten", UpdatedAt: t0.Add(time.Minute)}
			return a, s
		}, []string{"article 123 (de) was added in the help center at 2026-12-01T09:01:00Z"}},
		{"labels edited", func(a []providers.Article, s []providers.Section) ([]providers.Article, []providers.Section) {
			a[0].Labels = []string{"a", "b"}
			return a, s
		}, []string{"article 123's settings (section, labels, tags, segments, …) were edited in the help center since the plan"}},
		{"the article archived", func(a []providers.Article, s []providers.Section) ([]providers.Article, []providers.Section) {
			return nil, s
		}, []string{
			"article 123 was deleted or archived in the help center since the plan",
		}},
		{"the section renamed", func(a []providers.Article, s []providers.Section) ([]providers.Article, []providers.Section) {
			s[1].Name = "Installing"
			return a, s
		}, []string{`section 7 ("Setup") was edited in the help center since the plan (now "Installing")`}},
		{"the section deleted", func(a []providers.Article, s []providers.Section) ([]providers.Article, []providers.Section) {
			return a, s[:1]
		}, []string{`section 7 ("Setup") was deleted or archived in the help center since the plan`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := touchingPlan()
			ra, rs := helpCenter()
			recorded := Observe(p, ra, rs)
			a, s := helpCenter()
			if tc.edit != nil {
				a, s = tc.edit(a, s)
			}
			got := Moved(recorded, a, s)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("Moved =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// TestMovedArticleGone: when the article of a plan that touches only
// its translations is gone, the article is named, once.
func TestMovedArticleGone(t *testing.T) {
	p := &plan.Plan{Changes: touchingPlan().Changes[:2]} // update fr, create de
	ra, rs := helpCenter()
	got := Moved(Observe(p, ra, rs), nil, rs)
	want := "article 123 was deleted or archived in the help center since the plan"
	if len(got) != 1 || got[0] != want {
		t.Errorf("Moved = %q, want [%q]", got, want)
	}
}

func TestMovedFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	read := func(name string) ([]byte, error) { return os.ReadFile(filepath.Join(dir, filepath.FromSlash(name))) }
	write("setup.md", "one")
	write("setup.fr.md", "un")
	write("same.md", "same")
	write("_section.md", "title: Guides")
	write("logo.png", "png")
	// A created section's _section.md (its title, and where its id goes)
	// and an uploaded image are files the plan comes from, as a change's
	// own file is.
	p := &plan.Plan{Changes: []*plan.Change{
		{File: "setup.md"}, {File: "setup.fr.md"}, {File: "same.md"}, {File: "gone.de.md"},
		{File: "guides/", Section: &plan.SectionSpec{Dir: "guides", IDFile: "_section.md"}},
		{Image: &plan.ImageSpec{Path: "logo.png"}},
	}}
	recorded, err := SumFiles(p, read)
	if err != nil {
		t.Fatal(err)
	}
	if len(recorded) != 6 {
		t.Errorf("recorded %v, want the 6 files and not the folder", recorded)
	}
	write("setup.md", "two")
	write("_section.md", "title: Guides and more")
	write("logo.png", "png, redrawn")
	os.Remove(filepath.Join(dir, "setup.fr.md"))
	write("gone.de.md", "back")
	got, err := MovedFiles(recorded, read, func(f string) string { return "docs/" + f })
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"docs/_section.md changed since the plan",
		"docs/gone.de.md appeared since the plan (it was absent then)",
		"docs/logo.png changed since the plan",
		"docs/setup.fr.md was deleted since the plan",
		"docs/setup.md changed since the plan",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("MovedFiles =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestReadRefuses(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "plan.hcsync")
	if err := Write(good, &File{Hcsync: "v1.0.0", Plan: touchingPlan()}); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(good); err != nil || info.Mode().Perm() != fs.FileMode(0o600) {
		t.Errorf("saved plan mode = %v, %v; want 0600: it holds unpublished bodies", info.Mode(), err)
	}
	if _, err := Read(good); err != nil {
		t.Fatalf("Read of a plan just written: %v", err)
	}
	data, _ := os.ReadFile(good)
	for _, tc := range []struct{ name, data, want string }{
		{"another format version", strings.Replace(string(data), `"format_version": 2`, `"format_version": 1`, 1), "was saved by hcsync v1.0.0 (saved-plan format 1, plan schema 1)"},
		{"another plan schema", strings.Replace(string(data), `"schema_version": 1`, `"schema_version": 7`, 1), "plan schema 7"},
		{"a plan without header", `{"schema_version": 1, "changes": []}`, "is not a saved plan (no \"format\""},
		{"not JSON", "changes: []", "is not a saved plan"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, "bad.hcsync")
			if err := os.WriteFile(path, []byte(tc.data), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Read(path)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "hcsync plan --out") {
				t.Errorf("Read = %v, want %q and the way out", err, tc.want)
			}
		})
	}
}

// TestMovedDiscardDraft: a plan that discards a translation's
// unpublished edits is refused when the writer edited the draft further
// since the plan (those edits would be lost unseen), and when the draft
// is gone already (as after an apply of the same plan).
func TestMovedDiscardDraft(t *testing.T) {
	p := &plan.Plan{Changes: []*plan.Change{{Key: "discard-draft:setup.md", Action: plan.ActionDiscardDraft, File: "setup.md", ArticleID: "123", Locale: "en-us"}}}
	withDraft := func(body string) []providers.Article {
		a, _ := helpCenter()
		a[0].Translations["en-us"].PendingBody = body
		return a
	}
	_, s := helpCenter()
	recorded := Observe(p, withDraft("<p>draft</p>"), s)
	for _, tc := range []struct {
		name string
		now  []providers.Article
		want string
	}{
		{"nothing moved", withDraft("<p>draft</p>"), ""},
		{"the draft edited further", withDraft("<p>draft, and more the writer wants</p>"), "article 123 (en-us) was edited in the help center since the plan"},
		{"the draft discarded already", withDraft(""), "article 123 (en-us) was edited in the help center since the plan"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := strings.Join(Moved(recorded, tc.now, s), "\n"); got != tc.want {
				t.Errorf("Moved = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestMovedLinkTarget: an article a saved body links to that was
// deleted or archived since the plan refuses the plan, as a fresh plan
// refuses the file whose id the help center no longer has; an edit of
// the linked article does not.
func TestMovedLinkTarget(t *testing.T) {
	a, s := helpCenter()
	a = append(a, providers.Article{ID: "456", SectionID: "7", SourceLocale: "en-us", Translations: map[string]*providers.Translation{
		"en-us": {Locale: "en-us", Title: "Billing", URL: "https://help.example.com/hc/en-us/articles/456-Billing", LinkURL: "https://help.example.com/hc/en-us/articles/456"},
	}})
	body := `<p>See <a href="https://help.example.com/hc/en-us/articles/456#invoices">billing</a> and <a href="https://example.org/">elsewhere</a>.</p>`
	p := &plan.Plan{Changes: []*plan.Change{{Key: "update-translation:setup.md", Action: plan.ActionUpdateTranslation, File: "setup.md", ArticleID: "123", Locale: "en-us",
		Translation: &plan.TranslationSpec{TranslationInput: providers.TranslationInput{Locale: "en-us", Body: body}}}}}
	recorded := Observe(p, a, s)
	edited := append([]providers.Article(nil), a...)
	edited[1].Labels = []string{"edited"}
	if got := Moved(recorded, edited, s); len(got) != 0 {
		t.Errorf("Moved after an edit of the linked article = %q, want nothing", got)
	}
	got := Moved(recorded, a[:1], s)
	want := "article 456, which the plan links to, was deleted or archived in the help center since the plan"
	if len(got) != 1 || got[0] != want {
		t.Errorf("Moved after the linked article's deletion = %q, want [%q]", got, want)
	}
}
