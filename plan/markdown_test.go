package plan

import (
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/hcsync/hcsync/internal/golden"
	"github.com/hcsync/hcsync/providers"
)

// reviewPlan has one change of each kind a reviewer meets, warnings,
// unmanaged articles and translations, with text that needs escaping in
// Markdown.
func reviewPlan() *Plan {
	return &Plan{
		SchemaVersion: SchemaVersion,
		Provider:      "zendesk",
		Changes: []*Change{
			{Key: "create-section:guides", Action: ActionCreateSection, File: "guides", Title: "Guides"},
			{Key: "create:guides/new.md", Action: ActionCreate, File: "guides/new.md", Locale: "en-us", Title: "A | piped <title>",
				Fields: []FieldChange{{Field: "title", New: "A | piped <title>"}, {Field: "labels", New: "[a, b]"}},
				Create: &CreateSpec{Source: providers.TranslationInput{Locale: "en-us", Title: "A | piped <title>"}}},
			{Key: "update-translation:install.md:en-us", Action: ActionUpdateTranslation, File: "install.md", ArticleID: "101",
				URL: "https://acme.zendesk.com/hc/en-us/articles/101", Locale: "en-us", Title: "Install [beta]",
				Fields:   []FieldChange{{Field: "title", Old: "Install", New: "Install [beta]"}, {Field: "body"}},
				BodyDiff: "@@ -1,2 +1,2 @@\n Run the installer.\n-It takes a minute.\n+It takes ```two``` minutes.\n"},
			{Key: "update-meta:install.md", Action: ActionUpdateMeta, File: "install.md", ArticleID: "101",
				URL: "https://acme.zendesk.com/hc/en-us/articles/101", Title: "Install [beta]",
				Fields: []FieldChange{{Field: "labels", Old: "[setup]", New: "[setup, `cli`]"}}},
			{Key: "publish:faq.fr.md", Action: ActionPublish, File: "faq.fr.md", Article: "faq.md", ArticleID: "102", Locale: "fr", Title: "FAQ"},
			{Key: "discard-draft:guide.md", Action: ActionDiscardDraft, File: "guide.md", ArticleID: "104", Locale: "en-us", Title: "Guide",
				URL:      "https://acme.zendesk.com/hc/en-us/articles/104",
				Fields:   []FieldChange{{Field: "unpublished draft", Old: "differs", New: "discarded: the published version, which matches the file, stays"}, {Field: "body", Old: "…", New: "…"}},
				BodyDiff: "@@ -1 +1 @@\n-Edited in the dashboard.\n+Published text.\n"},
			{Key: "archive:103", Action: ActionArchive, File: "old.md", ArticleID: "103", Title: "Old article",
				URL:    "https://acme.zendesk.com/hc/en-us/articles/103",
				Fields: []FieldChange{{Field: "file", Old: "old.md", New: "(deleted)"}}},
		},
		Unmanaged: []Unmanaged{{ID: "900", Title: "Made in Zendesk"}},
		UnmanagedTranslations: []UnmanagedTranslation{
			{ArticleID: "101", Article: "install.md", Locale: "de", Title: "Installieren | <neu>", URL: "https://acme.zendesk.com/hc/de/articles/101"},
			{ArticleID: "102", Article: "faq.md", Locale: "es", Title: "Preguntas"},
		},
		Warnings: []Warning{
			{File: "install.md", Kind: "drift", Msg: "edited in the help center after the last commit (remote updated 2026-03-01 11:00, file committed 2026-03-01 10:00); apply overwrites it"},
			{File: "faq.fr.md", Kind: "pending-draft", Msg: "the help center holds unpublished draft changes that differ from this file; apply replaces them"},
		},
		Stale: []StaleTranslation{
			{File: "faq.fr.md", Article: "faq.md", Locale: "fr", Since: "0123456789abcdef0123456789abcdef01234567", SinceTime: time.Date(2026, 2, 27, 9, 0, 0, 0, time.UTC), Commits: 2, LinesChanged: 7},
			{File: "install.de.md", Article: "install.md", Locale: "de", Since: "89abcdef0123456789abcdef0123456789abcdef", SinceTime: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC), Commits: 1, LinesChanged: 1, New: true},
		},
	}
}

func TestWriteMarkdownGolden(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		plan *Plan
	}{
		{"plan-review.md", reviewPlan()},
		{"plan-empty.md", &Plan{SchemaVersion: SchemaVersion, Provider: "local", Changes: []*Change{}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var b strings.Builder
			if err := WriteMarkdown(&b, tt.plan); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, tt.name, b.String())
		})
	}
}

// bigPlan has n updates, each with a body diff of about diffBytes.
func bigPlan(n, diffBytes int) *Plan {
	p := &Plan{SchemaVersion: SchemaVersion, Provider: "intercom"}
	line := "+" + strings.Repeat("word ", 15) + "\n"
	diff := "@@ -1 +1 @@\n" + strings.Repeat(line, max(diffBytes/len(line), 1))
	for i := range n {
		file := fmt.Sprintf("section/article-%04d.md", i)
		p.Changes = append(p.Changes, &Change{Key: "update-translation:" + file, Action: ActionUpdateTranslation, File: file,
			ArticleID: fmt.Sprint(1000 + i), URL: fmt.Sprintf("https://help.example.com/articles/%d", 1000+i), Locale: "en",
			Title: fmt.Sprintf("Article number %d", i), Fields: []FieldChange{{Field: "body"}}, BodyDiff: diff})
	}
	for i := range 50 {
		p.Warnings = append(p.Warnings, Warning{File: fmt.Sprintf("section/article-%04d.md", i), Kind: "drift", Msg: "edited in the help center after the last commit; apply overwrites it"})
	}
	return p
}

// withUnmanagedTranslations adds n remote translations no file holds.
func withUnmanagedTranslations(p *Plan, n int) *Plan {
	for i := range n {
		p.UnmanagedTranslations = append(p.UnmanagedTranslations, UnmanagedTranslation{ArticleID: fmt.Sprint(5000 + i),
			Article: fmt.Sprintf("section/made-in-the-help-center-%04d.md", i), Locale: "de", Title: fmt.Sprintf("Artikel %d", i),
			URL: fmt.Sprintf("https://help.example.com/de/articles/%d", 5000+i)})
	}
	return p
}

// The comment stays under GitHub's limit whatever the plan's size, says
// what it left out, and never leaves a code fence or <details> open.
func TestWriteMarkdownTruncates(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		plan      *Plan
		wantNotes []string
		rows      int // table rows expected, -1 = all changes
	}{
		{"details cut", bigPlan(100, 2000), []string{"more changes are left out", "and 30 more"}, -1},
		{"table cut", bigPlan(3000, 10), []string{"more changes are not shown"}, 0},
		{"fits", bigPlan(5, 200), nil, -1},
		{"many unmanaged translations", withUnmanagedTranslations(bigPlan(5, 200), 5000), []string{"and 4980 more: run `hcsync plan`"}, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var b strings.Builder
			if err := WriteMarkdown(&b, tt.plan); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			if len(out) > MaxMarkdownBytes {
				t.Errorf("comment is %d bytes, over MaxMarkdownBytes %d", len(out), MaxMarkdownBytes)
			}
			for _, note := range tt.wantNotes {
				if !strings.Contains(out, note) {
					t.Errorf("comment lacks the note %q", note)
				}
			}
			if tt.wantNotes == nil && (strings.Contains(out, "left out") || strings.Contains(out, "not shown")) {
				t.Errorf("a plan that fits says something was left out")
			}
			if o, c := strings.Count(out, "<details>"), strings.Count(out, "</details>"); o != c {
				t.Errorf("%d <details> but %d </details>", o, c)
			}
			if n := strings.Count(out, "```"); n%2 != 0 {
				t.Errorf("odd number of code fences (%d): one is left open", n)
			}
			rows := strings.Count(out, "| `update-translation` |")
			if tt.rows == -1 && rows != len(tt.plan.Changes) {
				t.Errorf("table has %d rows, want all %d", rows, len(tt.plan.Changes))
			}
			if tt.rows == 0 && (rows == 0 || rows == len(tt.plan.Changes)) {
				t.Errorf("table has %d rows, want some but not all %d", rows, len(tt.plan.Changes))
			}
		})
	}
}

func BenchmarkWriteMarkdown(b *testing.B) {
	p := bigPlan(3000, 500)
	for b.Loop() {
		if err := WriteMarkdown(io.Discard, p); err != nil {
			b.Fatal(err)
		}
	}
}

// TestPrintSectionUpdate: all three printers show an update of a
// section with its remote id and each field old -> new, and the JSON
// form reads back into the same desired state.
func TestPrintSectionUpdate(t *testing.T) {
	t.Parallel()
	name, pos := "Setting up", 5
	p := &Plan{SchemaVersion: SchemaVersion, Provider: "zendesk", Changes: []*Change{{
		Key: "update-section:guides/setup", Action: ActionUpdateSection, File: "guides/setup/_section.md", Title: name,
		URL:    "https://acme.zendesk.com/hc/en-us/sections/200",
		Fields: []FieldChange{{Field: "name", Old: "Setup", New: name}, {Field: "position", Old: "1", New: "5"}},
		SectionUpdate: &SectionUpdateSpec{ID: "200", Dir: "guides/setup", SectionUpdate: providers.SectionUpdate{
			Kind: providers.KindSection, Name: &name, Position: &pos, Locale: "en-us"}},
	}}}
	var text, md, js strings.Builder
	if err := WriteText(&text, p); err != nil {
		t.Fatal(err)
	}
	if err := WriteMarkdown(&md, p); err != nil {
		t.Fatal(err)
	}
	if err := WriteJSON(&js, p); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`~ update-section     guides/setup/_section.md #200  "Setting up"`, `name: Setup -> "Setting up"`, "position: 1 -> 5", "Plan: 1 change (update 1 section)."} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text plan lacks %q:\n%s", want, text.String())
		}
	}
	for _, want := range []string{"| `update-section` | [Setting up](https://acme.zendesk.com/hc/en-us/sections/200) | `guides/setup/_section.md` #200 |", "- **name**: `Setup` → `Setting up`"} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("markdown plan lacks %q:\n%s", want, md.String())
		}
	}
	back, err := ReadJSON(strings.NewReader(js.String()))
	if err != nil {
		t.Fatal(err)
	}
	u := back.Changes[0].SectionUpdate
	if u == nil || u.ID != "200" || u.Kind != providers.KindSection || *u.Name != name || *u.Position != 5 || u.Description != nil {
		t.Errorf("JSON read back as %+v", u)
	}
	if !strings.Contains(js.String(), `"section_update": {`) {
		t.Errorf("JSON plan lacks section_update:\n%s", js.String())
	}
}
