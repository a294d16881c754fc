package export

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/apply"
	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/internal/plantest"
	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/planner"
	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/remote"
	"github.com/hcsync/hcsync/render"
)

// markupBody is what writers put in help-center Markdown that goldmark
// marks up beyond plain HTML. GitHub alerts are blockquotes to hcsync.
const markupBody = `Read this first.[^first] Then this.[^first] And this.[^second]

- [x] Mount the camera
- [ ] Set the timer

| Setting | Default |
|:--------|--------:|
| iso     | auto    |

> [!NOTE]
> Batteries drain faster in the cold.

<!-- a note for writers, never published -->

Text with an inline <!-- hidden --> comment.

[^first]: The first note.
[^second]: The second note, with **bold**.
`

// nestedBody holds nested lists, which Intercom refuses (400).
const nestedBody = `1. One
   - [ ] One point one
   - [x] One point two
2. Two
   1. Two point one

- a
  - b
    - c
`

// TestRoundTripRenderedMarkup is issue #17's second promise: a tree
// hcsync wrote itself, with footnotes, task lists, tables, alerts,
// comments and nested lists, applied to each provider (render, the fake
// stores), plans empty, exports, and plans empty again, with no HTML
// comment in the exported files and the task lists back as "[ ]".
func TestRoundTripRenderedMarkup(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		new    func(t *testing.T) providers.Provider
		locale string
		nested bool
	}{
		{"local", func(t *testing.T) providers.Provider { return newExportLocal(t) }, "en-us", true},
		{"zendesk", newExportZendesk, "en-us", true},
		{"intercom", newExportIntercom, "en", false},
		{"helpcenter", newExportHelpCenter, "en", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := tt.new(t)
			files := map[string]string{
				"Guides/Camera/markup.md": "---\ntitle: Markup\n---\n" + markupBody,
			}
			if tt.nested {
				files["Guides/Camera/nested.md"] = "---\ntitle: Nested\n---\n" + nestedBody
			}
			for name, body := range goldenMarkdown(t, tt.name) {
				files["Guides/Golden/"+name] = "---\ntitle: " + name + "\n---\n" + body
			}
			// The target of the golden files' relative links.
			files["Guides/Golden/install.md"] = "---\ntitle: Install\n---\nRun the installer.\n"
			dir := plantest.WriteTree(t, files)
			applyTree(t, p, dir, tt.locale)

			_, pl, out := roundTrip(t, p, Options{}, planner.Options{})
			assertNoChanges(t, pl)
			assertNoEmptyComments(t, out)
			md := readAll(t, out)
			for _, want := range []string{"- [x] Mount the camera", "- [ ] Set the timer"} {
				if !strings.Contains(md, want) {
					t.Errorf("exported Markdown lacks %q:\n%s", want, md)
				}
			}
		})
	}
}

// goldenMarkdown returns render's golden Markdown bodies (code, GFM,
// footnotes, headings, lists, raw HTML) that the profile accepts: what
// the service refuses, plan reports instead of applying.
func goldenMarkdown(t *testing.T, profile string) map[string]string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "render", "testdata", "golden", "*.md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden Markdown: %v", err)
	}
	out := map[string]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if filepath.Base(f) == "links.md" {
			continue // links to missing files, on purpose
		}
		if res := render.Render(b, render.Options{Profile: render.Lookup(profile)}); len(res.Problems) > 0 {
			continue
		}
		out[filepath.Base(f)] = string(b)
	}
	return out
}

// applyTree plans the tree at dir against p, applies the plan, and
// checks that the next plan is empty.
func applyTree(t *testing.T, p providers.Provider, dir, locale string) {
	t.Helper()
	ctx := context.Background()
	pl := func() *plan.Plan {
		tree, err := content.Load(dir, content.LoadOptions{DefaultLocale: locale})
		if err != nil {
			t.Fatal(err)
		}
		live, err := remote.Fetch(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		opts := planner.Options{Provider: p.Name(), Caps: p.Capabilities(), DefaultLocale: locale}
		if opts.Caps.PermissionGroupRequired {
			// As hcsync.yaml's zendesk.permission_group would.
			opts.Defaults.PermissionGroup = new("Admins")
		}
		pl, err := planner.NewPlan(tree, live, opts)
		if err != nil {
			t.Fatalf("plan: %v", err)
		}
		return pl
	}
	ids := &plantest.RecordIDs{}
	rep := (&apply.Executor{Provider: p, Concurrency: 2, WriteID: ids.Write}).Apply(ctx, pl())
	if !rep.OK() {
		t.Fatalf("apply: %d failed: %+v", rep.Failed, rep)
	}
	for file, id := range ids.IDs {
		if err := content.WriteTreeID(dir, file, id); err != nil {
			t.Fatal(err)
		}
	}
	if pl := pl(); !pl.Empty() {
		var b strings.Builder
		_ = plan.WriteText(&b, pl)
		t.Fatalf("the plan after apply is not empty:\n%s", b.String())
	}
}

func readAll(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		data, err := os.ReadFile(path)
		b.Write(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}
