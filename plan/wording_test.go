package plan

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/providers"
)

// firstPlan is what a new user meets first: new sections and articles,
// two of which link to each other (so their links are filled in by a
// second write), a translation, and a help center that already holds
// twelve articles no file claims.
func firstPlan() *Plan {
	src := func(draft bool) providers.TranslationInput {
		return providers.TranslationInput{Locale: "en-us", Draft: draft}
	}
	a := &Change{Key: "create:guides/a.md", Action: ActionCreate, File: "guides/a.md", Article: "guides/a.md", Locale: "en-us", Title: "A",
		Fields: []FieldChange{{Field: "section", New: "guides (new)"}},
		Create: &CreateSpec{Source: src(true)}}
	aLinks := &Change{Key: "update-translation:guides/a.md", Action: ActionUpdateTranslation, File: "guides/a.md", Article: "guides/a.md",
		Locale: "en-us", Title: "A", Deps: []string{a.Key}, Links: map[string]string{"t1": "guides/b.md", "t2": "guides/c.md"},
		Translation: &TranslationSpec{TranslationInput: src(false)},
		Fields:      []FieldChange{{Field: "links", Old: "inert", New: "to articles this plan creates"}, {Field: "draft", Old: "true", New: "false"}}}
	b := &Change{Key: "create:guides/b.md", Action: ActionCreate, File: "guides/b.md", Article: "guides/b.md", Locale: "en-us", Title: "B",
		Fields: []FieldChange{{Field: "section", New: "guides (new)"}, {Field: "draft", New: "true"}},
		Create: &CreateSpec{Source: src(true)}}
	bFR := &Change{Key: "create-translation:guides/b.fr.md", Action: ActionCreateTranslation, File: "guides/b.fr.md", Article: "guides/b.md",
		Locale: "fr", Title: "B en français", Translation: &TranslationSpec{TranslationInput: providers.TranslationInput{Locale: "fr"}}}
	p := &Plan{SchemaVersion: SchemaVersion, Provider: "zendesk", Changes: []*Change{
		{Key: "create-section:guides", Action: ActionCreateSection, File: "guides/_section.md", Title: "Guides",
			Section: &SectionSpec{Dir: "guides", Kind: providers.KindSection, Name: "Guides"}},
		a, b, aLinks, bFR,
		{Key: "update-meta:old.md", Action: ActionUpdateMeta, File: "old.md", Article: "old.md", ArticleID: "7", Title: "Old",
			Fields: []FieldChange{{Field: "labels", Old: "[]", New: "[x]"}}},
	}}
	for i := range 12 {
		p.Unmanaged = append(p.Unmanaged, Unmanaged{ID: fmt.Sprint(900 + i), Title: fmt.Sprintf("Made in Zendesk %d", i),
			URL: fmt.Sprintf("https://acme.zendesk.com/hc/en-us/articles/%d", 900+i)})
	}
	return p
}

// A create reads as a create: its locale and whether it is published on
// its line, the links filled in by a second write said once in plain
// words, and no field changes of an article that does not exist yet.
func TestPlanWordingOfCreates(t *testing.T) {
	t.Parallel()
	var text, md strings.Builder
	if err := WriteText(&text, firstPlan()); err != nil {
		t.Fatal(err)
	}
	if err := WriteMarkdown(&md, firstPlan()); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		format, out string
		want        []string
	}{
		{"text", text.String(), []string{
			`+ create             guides/a.md  "A"  (en-us, published)`,
			"      links to 2 new articles are filled in after they are created\n",
			`+ create             guides/b.md  "B"  (en-us, draft)`,
			`+ create-translation guides/b.fr.md [fr]  "B en français"  (published)`,
		}},
		{"markdown", md.String(), []string{
			"| `create` | A | `guides/a.md` | en-us |",
			"| `create` | B (draft) | `guides/b.md` | en-us |",
			"- links to 2 new articles are filled in after they are created\n",
		}},
	}
	for _, tt := range tests {
		for _, want := range tt.want {
			if !strings.Contains(tt.out, want) {
				t.Errorf("%s plan lacks %q:\n%s", tt.format, want, tt.out)
			}
		}
		for _, jargon := range []string{"inert", "true -> false", "`true` → `false`", "update-translation", "draft: true", "**draft**"} {
			if strings.Contains(tt.out, jargon) {
				t.Errorf("%s plan says %q:\n%s", tt.format, jargon, tt.out)
			}
		}
	}
}

// The plan ends with a total in plain words, the same in text and
// Markdown, and the JSON plan carries the counts.
func TestPlanTotals(t *testing.T) {
	t.Parallel()
	const want = "Plan: 6 changes (create 2 articles, 1 translation, 1 section; change the settings of 1 article; fill in links in 1 new article)"
	var text, md, js strings.Builder
	if err := WriteText(&text, firstPlan()); err != nil {
		t.Fatal(err)
	}
	if err := WriteMarkdown(&md, firstPlan()); err != nil {
		t.Fatal(err)
	}
	if err := WriteJSON(&js, firstPlan()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), "\n"+want+".\n") {
		t.Errorf("text plan lacks %q:\n%s", want, text.String())
	}
	if !strings.Contains(md.String(), "**"+strings.Replace(want, " (", "** (", 1)+".\n") {
		t.Errorf("markdown plan lacks %q:\n%s", want, md.String())
	}
	var got struct {
		Totals map[string]int `json:"totals"`
	}
	if err := json.Unmarshal([]byte(js.String()), &got); err != nil {
		t.Fatal(err)
	}
	wantTotals := map[string]int{"changes": 6, "create": 2, "create-section": 1, "create-translation": 1, "update-meta": 1, "update-translation": 1}
	if fmt.Sprint(got.Totals) != fmt.Sprint(wantTotals) {
		t.Errorf("JSON totals are %v, want %v", got.Totals, wantTotals)
	}
	if _, err := ReadJSON(strings.NewReader(js.String())); err != nil {
		t.Errorf("a plan with totals does not read back: %v", err)
	}
}

// Unmanaged articles are named, the first ten with title, id and URL,
// then how many more; the JSON plan lists them all.
func TestPlanNamesUnmanagedArticles(t *testing.T) {
	t.Parallel()
	var text, md strings.Builder
	if err := WriteText(&text, firstPlan()); err != nil {
		t.Fatal(err)
	}
	if err := WriteMarkdown(&md, firstPlan()); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		format, out string
		want        []string
		notWant     string
	}{
		{"text", text.String(), []string{
			"12 remote articles are not managed by any file and are left alone:\n",
			`    #900  "Made in Zendesk 0"  https://acme.zendesk.com/hc/en-us/articles/900` + "\n",
			`    #909  "Made in Zendesk 9"  https://acme.zendesk.com/hc/en-us/articles/909` + "\n",
			"    … and 2 more (hcsync plan --format json lists them all)\n",
		}, "Made in Zendesk 10"},
		{"markdown", md.String(), []string{
			"12 remote articles are not managed by any file; hcsync leaves them alone",
			"| [Made in Zendesk 0](https://acme.zendesk.com/hc/en-us/articles/900) | 900 |\n",
			"| [Made in Zendesk 9](https://acme.zendesk.com/hc/en-us/articles/909) | 909 |\n",
			"… and 2 more: `hcsync plan --format json` lists them all",
		}, "Made in Zendesk 10"},
	}
	for _, tt := range tests {
		for _, want := range tt.want {
			if !strings.Contains(tt.out, want) {
				t.Errorf("%s plan lacks %q:\n%s", tt.format, want, tt.out)
			}
		}
		if strings.Contains(tt.out, tt.notWant) {
			t.Errorf("%s plan names an eleventh unmanaged article", tt.format)
		}
	}
}

// Every action is counted in words of the total line: a new action
// needs its words in tallyOrder.
func TestEveryActionHasWords(t *testing.T) {
	t.Parallel()
	for _, a := range Actions {
		for _, c := range []*Change{{Action: a}, {Action: a, File: "a.fr.md", Article: "a.md"}} {
			if item := tallyOf(c, false); !slices.Contains(tallyOrder, item) {
				t.Errorf("%s is counted as %q, which tallyOrder lacks", a, item.verb+" "+item.many)
			}
		}
	}
}

// A publish says it publishes: no "draft: true -> false" under it.
func TestPlanWordingOfPublish(t *testing.T) {
	t.Parallel()
	p := &Plan{SchemaVersion: SchemaVersion, Changes: []*Change{
		{Key: "publish:a.md", Action: ActionPublish, File: "a.md", Article: "a.md", ArticleID: "1", Locale: "en-us", Title: "A",
			Fields: []FieldChange{{Field: "draft", Old: "true", New: "false"}}},
		{Key: "unpublish:b.md", Action: ActionUnpublish, File: "b.md", Article: "b.md", ArticleID: "2", Locale: "en-us", Title: "B",
			Fields: []FieldChange{{Field: "draft", Old: "false", New: "true"}}},
	}}
	var text, md strings.Builder
	if err := WriteText(&text, p); err != nil {
		t.Fatal(err)
	}
	if err := WriteMarkdown(&md, p); err != nil {
		t.Fatal(err)
	}
	for format, out := range map[string]string{"text": text.String(), "markdown": md.String()} {
		if strings.Contains(out, "draft") || !strings.Contains(out, "publish 1 article; unpublish 1 article") {
			t.Errorf("%s plan:\n%s", format, out)
		}
	}
}
