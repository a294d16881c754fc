package planner

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/diag"
	"github.com/hcsync/hcsync/internal/plantest"
	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/remote"
)

func makePlan(t *testing.T, tree *content.Tree, live *remote.State, opts Options) *plan.Plan {
	t.Helper()
	if opts.Caps.HTMLProfile == "" && !opts.Caps.CreateSections {
		opts.Caps = plantest.FullCaps
	}
	opts.Provider = "test"
	p, err := NewPlan(tree, live, opts)
	if err != nil {
		t.Fatalf("NewPlan: %v", err)
	}
	if err := p.Validate(); err != nil {
		t.Fatalf("NewPlan made an invalid plan: %v", err)
	}
	return p
}

func TestPlanProblems(t *testing.T) {
	tests := []struct {
		name   string
		files  map[string]string
		caps   *providers.Capabilities
		remote func(r *remote.State)
		want   []string
	}{
		{
			name:  "id the help center does not have",
			files: map[string]string{"Guides/a.md": "---\ntitle: A\nid: 999\n---\nbody\n"},
			want:  []string{"Guides/a.md:3: id 999 does not exist in the help center (deleted there, or another help center): remove the id: line to create the article anew, or point hcsync.yaml at the right help center"},
		},
		{
			name:  "locale not enabled",
			files: map[string]string{"Guides/a.md": "---\ntitle: A\n---\nbody\n", "Guides/a.it.md": "---\ntitle: A it\n---\nbody\n"},
			want:  []string{`Guides/a.it.md: locale "it" is not enabled in the help center (enabled: en-us, fr, de): enable it there or rename the file`},
		},
		{
			name:  "unknown segment lists the valid names",
			files: map[string]string{"Guides/a.md": "---\ntitle: A\nsegments: [Everyone]\n---\nbody\n"},
			want:  []string{`Guides/a.md:3: unknown user segment "Everyone": use one of "Signed-in users", "Staff"`},
		},
		{
			name:  "unknown permission group",
			files: map[string]string{"Guides/a.md": "---\ntitle: A\npermission_group: Editors\n---\nbody\n"},
			want:  []string{`Guides/a.md:3: unknown permission group "Editors": use one of "Admins"`},
		},
		{
			name:  "front-matter the provider cannot hold",
			files: map[string]string{"Guides/a.md": "---\ntitle: A\nlabels: [x]\n---\nbody\n"},
			caps:  &providers.Capabilities{CreateSections: true, TopLevelArticles: true},
			want:  []string{"Guides/a.md:3: test has no labels: remove labels: from the front-matter"},
		},
		{
			name:  "unknown section",
			files: map[string]string{"Guides/a.md": "---\ntitle: A\nsection: Guidse\n---\nbody\n"},
			want:  []string{`Guides/a.md:3: unknown section "Guidse": use a folder of the tree, a section name or a section id (did you mean "Guides"?)`},
		},
		{
			name:  "articles at the top level of a provider that keeps them in categories",
			files: map[string]string{"Guides/a.md": "---\ntitle: A\n---\nbody\n"},
			caps:  &providers.Capabilities{CreateSections: true, MaxSectionDepth: 3},
			want:  []string{`Guides/: test keeps articles in sections inside categories: move the articles of "Guides" into a sub-folder (a section), or the folder into a category folder`},
		},
		{
			name:  "all problems in one run",
			files: map[string]string{"Guides/a.md": "---\ntitle: A\nid: 5\n---\nbody\n", "Guides/b.md": "---\ntitle: B\nsegments: [Nobody]\n---\nbody\n"},
			want: []string{
				"Guides/a.md:3: id 5 does not exist in the help center (deleted there, or another help center): remove the id: line to create the article anew, or point hcsync.yaml at the right help center",
				`Guides/b.md:3: unknown user segment "Nobody": use one of "Signed-in users", "Staff"`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tree := plantest.LoadTree(t, tt.files)
			live := plantest.BaseRemote()
			if tt.remote != nil {
				tt.remote(live)
			}
			caps := plantest.FullCaps
			if tt.caps != nil {
				caps = *tt.caps
			}
			_, err := NewPlan(tree, live, Options{Provider: "test", Caps: caps})
			ps, ok := err.(diag.Problems)
			if !ok {
				t.Fatalf("err = %v, want diag.Problems", err)
			}
			var got []string
			for _, p := range ps {
				got = append(got, p.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestPlanIdentity(t *testing.T) {
	body := "Hello.\n"
	tree := plantest.LoadTree(t, map[string]string{
		"Guides/a.md": "---\ntitle: Same title\n---\n" + body,
		"Guides/b.md": "---\ntitle: Claimed\nid: 11\n---\n" + body,
		"Guides/c.md": "---\ntitle: Claimed\n---\n" + body,
	})
	live := plantest.BaseRemote()
	live.Articles = []providers.Article{
		plantest.RemoteArticle("12", "100", "Same title", plantest.HTML(body), false),
		plantest.RemoteArticle("10", "100", "Same title", plantest.HTML(body), false),
		plantest.RemoteArticle("11", "100", "Claimed", plantest.HTML(body), false),
		plantest.RemoteArticle("50", "100", "Nobody's", plantest.HTML(body), false),
	}
	p := makePlan(t, tree, live, Options{})
	got := strings.Join(plantest.Keys(p), " ")
	// a adopts the oldest of two same-titled articles; c cannot adopt 11,
	// which b claims by id, so it is created.
	want := "adopt:Guides/a.md create:Guides/c.md"
	if got != want {
		t.Fatalf("changes = %s, want %s", got, want)
	}
	if p.Changes[0].ArticleID != "10" {
		t.Errorf("adopted %s, want the oldest, 10", p.Changes[0].ArticleID)
	}
	if len(p.Warnings) != 1 || p.Warnings[0].Kind != "ambiguous-adopt" {
		t.Errorf("warnings = %+v, want one ambiguous-adopt", p.Warnings)
	}
	var unmanaged []string
	for _, u := range p.Unmanaged {
		unmanaged = append(unmanaged, u.ID)
	}
	if strings.Join(unmanaged, ",") != "12,50" {
		t.Errorf("unmanaged = %v, want 12,50", unmanaged)
	}
}

func TestPlanTranslationChanges(t *testing.T) {
	tree := plantest.LoadTree(t, map[string]string{
		"Guides/a.md":    "---\ntitle: A\nid: 1\ndraft: true\n---\nNew body.\n",
		"Guides/a.fr.md": "---\ntitle: A fr\ndraft: false\n---\nCorps.\n",
	})
	live := plantest.BaseRemote()
	live.Articles = []providers.Article{plantest.RemoteArticle("1", "100", "A", plantest.HTML("Old body.\n"), false,
		&providers.Translation{Locale: "fr", Title: "A fr", Body: plantest.HTML("Corps.\n"), Draft: true},
		&providers.Translation{Locale: "de", Title: "A de", Body: plantest.HTML("Körper.\n")},
	)}
	p := makePlan(t, tree, live, Options{})
	got := strings.Join(plantest.Keys(p), " ")
	// The German translation has no file: made in the help center, it
	// is left alone (see TestPlanRemoteOnlyTranslations).
	want := "update-translation:Guides/a.md unpublish:Guides/a.md publish:Guides/a.fr.md"
	if got != want {
		t.Fatalf("changes:\n%s\nwant:\n%s", got, want)
	}
	if u := p.UnmanagedTranslations; len(u) != 1 || u[0].Locale != "de" || u[0].ArticleID != "1" {
		t.Errorf("unmanaged translations = %+v, want de of 1", u)
	}
	up := p.Changes[0]
	if up.Translation.Draft != false {
		t.Error("update-translation must keep the remote draft state; the unpublish changes it")
	}
	if !strings.Contains(up.BodyDiff, "-Old body.\n+New body.") {
		t.Errorf("body diff = %q", up.BodyDiff)
	}
	// The French publish waits for the source's writes (Help.Center
	// refuses translation publishes while the article is unpublished).
	if deps := strings.Join(p.Changes[2].Deps, ","); deps != "update-translation:Guides/a.md,unpublish:Guides/a.md" {
		t.Errorf("publish fr deps = %s", deps)
	}
}

func TestPlanMetaAndTags(t *testing.T) {
	tree := plantest.LoadTree(t, map[string]string{
		"Guides/a.md":            "---\ntitle: A\nid: 1\nlabels: [b, a]\ncontent_tags: [Setup, new tag]\nsegments: ['8']\nposition: 4\n---\nBody.\n",
		"Guides/Sub/_section.md": "---\ntitle: Sub\n---\n",
		"Guides/Sub/b.md":        "---\ntitle: B\nid: 2\n---\nBody.\n",
	})
	live := plantest.BaseRemote()
	a := plantest.RemoteArticle("1", "100", "A", plantest.HTML("Body.\n"), false)
	a.Labels = []string{"a", "b"}
	a.ContentTags = []string{"setup"}
	a.Position = 4
	live.Articles = []providers.Article{a, plantest.RemoteArticle("2", "100", "B", plantest.HTML("Body.\n"), false)}
	p := makePlan(t, tree, live, Options{})
	got := strings.Join(plantest.Keys(p), " ")
	want := "create-section:Guides/Sub create-tag:new tag update-meta:Guides/Sub/b.md update-meta:Guides/a.md"
	if got != want {
		t.Fatalf("changes:\n%s\nwant:\n%s", got, want)
	}
	meta := p.Changes[3]
	if meta.Meta.Meta.Labels != nil || meta.Meta.Meta.Position != nil {
		t.Error("labels and position match and must not be written")
	}
	if tags := *meta.Meta.Meta.ContentTags; strings.Join(tags, ",") != "new tag,setup" {
		t.Errorf("tags = %v, want the help center's spelling of setup", tags)
	}
	if segs := *meta.Meta.Meta.Segments; strings.Join(segs, ",") != "Staff" {
		t.Errorf("segments = %v, want ids mapped to names", segs)
	}
	if strings.Join(meta.Deps, ",") != "create-tag:new tag" {
		t.Errorf("deps = %v", meta.Deps)
	}
	move := p.Changes[2]
	if move.Meta.Section == nil || move.Meta.Section.Dir != "Guides/Sub" || strings.Join(move.Deps, ",") != "create-section:Guides/Sub" {
		t.Errorf("move = %+v deps %v", move.Meta.Section, move.Deps)
	}
}

func TestPlanPruneAndDrift(t *testing.T) {
	tree := plantest.LoadTree(t, map[string]string{
		"Guides/renamed.md": "---\ntitle: A\nid: 1\n---\nBody.\n",
		"Guides/b.md":       "---\ntitle: B\nid: 2\n---\nMine.\n",
		"Guides/c.md":       "---\ntitle: C\nid: 3\n---\nSame.\n",
	})
	live := plantest.BaseRemote()
	committed := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	b := plantest.RemoteArticle("2", "100", "B", plantest.HTML("Theirs.\n"), false)
	b.Translations["en-us"].UpdatedAt = committed.Add(time.Hour)
	c := plantest.RemoteArticle("3", "100", "C", plantest.HTML("Same.\n"), false)
	c.Translations["en-us"].UpdatedAt = committed.Add(time.Hour)
	live.Articles = []providers.Article{plantest.RemoteArticle("1", "100", "A", plantest.HTML("Body.\n"), false), b, c, plantest.RemoteArticle("4", "100", "Gone", "", false)}
	opts := Options{
		Prune:      true,
		Deleted:    []Deleted{{Path: "Guides/a.md", ID: "1"}, {Path: "Guides/gone.md", ID: "4"}, {Path: "Guides/old.md", ID: "77"}},
		LastCommit: map[string]time.Time{"Guides/b.md": committed, "Guides/c.md": committed},
	}
	p := makePlan(t, tree, live, opts)
	got := strings.Join(plantest.Keys(p), " ")
	// a.md was renamed (its id lives on), old.md's article is already gone.
	want := "update-translation:Guides/b.md archive:4"
	if got != want {
		t.Fatalf("changes:\n%s\nwant:\n%s", got, want)
	}
	// Drift only where the remote differs: c was re-applied after its
	// commit but matches.
	if len(p.Warnings) != 1 || p.Warnings[0].File != "Guides/b.md" || p.Warnings[0].Kind != "drift" {
		t.Errorf("warnings = %+v, want one drift on Guides/b.md", p.Warnings)
	}
	opts.Prune = false
	if got := strings.Join(plantest.Keys(makePlan(t, tree, live, opts)), " "); got != "update-translation:Guides/b.md" {
		t.Errorf("without prune: %s", got)
	}
	// An uncommitted edit of b explains the difference: no drift.
	opts.Committed = func(file string) bool { return file != "Guides/b.md" }
	if p := makePlan(t, tree, live, opts); len(p.Warnings) != 0 {
		t.Errorf("warnings for a file with uncommitted edits: %+v", p.Warnings)
	}
}

func TestPlanPendingDraft(t *testing.T) {
	tree := plantest.LoadTree(t, map[string]string{"Guides/a.md": "---\ntitle: A\nid: 1\n---\nLive.\n"})
	live := plantest.BaseRemote()
	a := plantest.RemoteArticle("1", "100", "A", plantest.HTML("Live.\n"), false)
	a.Translations["en-us"].PendingBody = plantest.HTML("Someone's unpublished edit.\n")
	live.Articles = []providers.Article{a}
	p := makePlan(t, tree, live, Options{})
	if got := strings.Join(plantest.Keys(p), " "); got != "update-translation:Guides/a.md" {
		t.Fatalf("changes = %s", got)
	}
	if len(p.Warnings) != 1 || p.Warnings[0].Kind != "pending-draft" {
		t.Errorf("warnings = %+v", p.Warnings)
	}
}

func TestPlanIsDeterministic(t *testing.T) {
	files := map[string]string{}
	for _, n := range []string{"a", "b", "c", "d", "e", "f", "g", "h"} {
		files["Guides/"+n+".md"] = "---\ntitle: " + n + "\ncontent_tags: [t" + n + "]\n---\nBody " + n + "\n"
		files["Guides/"+n+".fr.md"] = "---\ntitle: " + n + " fr\n---\nCorps " + n + "\n"
	}
	tree := plantest.LoadTree(t, files)
	first := strings.Join(plantest.Keys(makePlan(t, tree, plantest.BaseRemote(), Options{})), " ")
	for i := 0; i < 5; i++ {
		if got := strings.Join(plantest.Keys(makePlan(t, tree, plantest.BaseRemote(), Options{})), " "); got != first {
			t.Fatalf("plan order changed between runs:\n%s\n%s", first, got)
		}
	}
}

// TestPlanCache checks that a warm cache gives the same plan as no cache:
// unchanged bodies are skipped, and a changed body, title, link target or
// remote body is still seen.
func TestPlanCache(t *testing.T) {
	files := map[string]string{
		"Guides/a.md": "---\ntitle: A\nid: 1\n---\nSee [b](b.md).\n",
		"Guides/b.md": "---\ntitle: B\nid: 2\n---\nPlain.\n",
	}
	tree := plantest.LoadTree(t, files)
	live := plantest.BaseRemote()
	a := plantest.RemoteArticle("1", "100", "A", `<p>See <a href="https://hc/2">b</a>.</p>`, false)
	b := plantest.RemoteArticle("2", "100", "B", plantest.HTML("Plain.\n"), false)
	b.URL = "https://hc/2"
	live.Articles = []providers.Article{a, b}

	cache := NewCache()
	if p := makePlan(t, tree, live, Options{Cache: cache}); !p.Empty() {
		t.Fatalf("cold plan: %v", plantest.Keys(p))
	}
	path := filepath.Join(t.TempDir(), "cache.bin")
	if err := cache.Save(path); err != nil {
		t.Fatal(err)
	}
	warm := func() *Cache { return LoadCache(path) }
	if c := warm(); c.bodies.ReadCount() != 2 {
		t.Fatalf("cache holds %d bodies, want 2", c.bodies.ReadCount())
	}
	w := warm()
	if p := makePlan(t, tree, live, Options{Cache: w}); !p.Empty() {
		t.Fatalf("warm plan: %v", plantest.Keys(p))
	}
	if w.Hits() != 2 {
		t.Errorf("warm plan rendered %d bodies, want 0", 2-w.Hits())
	}
	// A plan that only confirmed what the cache held leaves the file
	// alone; one that no longer needs an entry rewrites it.
	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	os.Chtimes(path, old, old)
	if err := w.Save(path); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path); err != nil || !fi.ModTime().Equal(old) {
		t.Errorf("a cache with nothing new was rewritten")
	}
	onlyB := plantest.LoadTree(t, map[string]string{"Guides/b.md": files["Guides/b.md"]})
	shrunk := warm()
	makePlan(t, onlyB, live, Options{Cache: shrunk})
	if err := shrunk.Save(path); err != nil {
		t.Fatal(err)
	}
	if c := warm(); c.bodies.ReadCount() != 1 {
		t.Errorf("cache holds %d bodies after one was dropped, want 1", c.bodies.ReadCount())
	}
	if err := cache.Save(path); err != nil {
		t.Fatal(err)
	}
	// The link target's URL changes: a's body must be updated although
	// its Markdown did not change.
	live.Articles[1].URL = "https://hc/2-renamed"
	p := makePlan(t, tree, live, Options{Cache: warm()})
	if got := strings.Join(plantest.Keys(p), " "); got != "update-translation:Guides/a.md" {
		t.Fatalf("after the target moved: %s", got)
	}
	live.Articles[1].URL = "https://hc/2"
	// The target's file is gone: the cached answer no longer holds, and
	// the dead link is reported as on a cold plan.
	if _, err := NewPlan(plantest.LoadTree(t, map[string]string{"Guides/a.md": files["Guides/a.md"]}), live, Options{Provider: "zendesk", Caps: plantest.FullCaps, Cache: warm()}); err == nil || !strings.Contains(err.Error(), "dead link: Guides/b.md does not exist") {
		t.Fatalf("after the target's file was deleted: %v", err)
	}
	// An edit in the help center shows although the file did not change.
	live.Articles[1].Translations["en-us"].Body = "<p>Edited there.</p>"
	if got := strings.Join(plantest.Keys(makePlan(t, tree, live, Options{Cache: warm()})), " "); got != "update-translation:Guides/b.md" {
		t.Fatalf("after a remote edit: %s", got)
	}
	// A title change with a cached body still sends the full body.
	live.Articles[1].Translations["en-us"].Body = plantest.HTML("Plain.\n")
	live.Articles[1].Translations["en-us"].Title = "Old B"
	p = makePlan(t, tree, live, Options{Cache: warm()})
	if len(p.Changes) != 1 || p.Changes[0].Translation.Body != plantest.HTML("Plain.\n") {
		t.Fatalf("title change: %+v", p.Changes)
	}
	// A corrupt cache is an empty one.
	os.WriteFile(path, []byte("not a cache"), 0o644)
	if c := warm(); c.bodies.ReadCount() != 0 {
		t.Error("a corrupt cache was read")
	}
}

// TestPlanRemoteOnlyTranslations: a remote translation no file holds is
// made by a person in the help center and left alone, listed as
// unmanaged; only a translation file deleted in git since --since, with
// prune on, deletes its translation. A translation file that moved (to
// a renamed article, or beside it) is no deletion.
func TestPlanRemoteOnlyTranslations(t *testing.T) {
	files := map[string]string{
		"Guides/a.md":    "---\ntitle: A\nid: 1\n---\nBody.\n",
		"Guides/b.md":    "---\ntitle: B\n---\nBody.\n",
		"Guides/c.md":    "---\ntitle: C\nid: 3\n---\nBody.\n",
		"Guides/c.de.md": "---\ntitle: C de\n---\nKörper.\n",
	}
	live := func() *remote.State {
		r := plantest.BaseRemote()
		r.Articles = []providers.Article{
			plantest.RemoteArticle("1", "100", "A", plantest.HTML("Body.\n"), false,
				&providers.Translation{Locale: "fr", Title: "A fr", Body: plantest.HTML("Corps.\n"), URL: "https://hc/fr/1"}),
			// b adopts 2 (no id in its file).
			plantest.RemoteArticle("2", "100", "B", plantest.HTML("Body.\n"), false,
				&providers.Translation{Locale: "de", Title: "B de", Body: plantest.HTML("Körper.\n"), URL: "https://hc/de/2"}),
			plantest.RemoteArticle("3", "100", "C", plantest.HTML("Body.\n"), false,
				&providers.Translation{Locale: "de", Title: "C de", Body: plantest.HTML("Körper.\n")}),
			plantest.RemoteArticle("4", "100", "Gone", plantest.HTML("Body.\n"), false,
				&providers.Translation{Locale: "fr", Title: "Gone fr", Body: plantest.HTML("Corps.\n")}),
		}
		return r
	}
	aFr := plan.UnmanagedTranslation{ArticleID: "1", Article: "Guides/a.md", Locale: "fr", Title: "A fr", URL: "https://hc/fr/1"}
	bDe := plan.UnmanagedTranslation{ArticleID: "2", Article: "Guides/b.md", Locale: "de", Title: "B de", URL: "https://hc/de/2"}
	deleted := []DeletedTranslation{
		{Path: "Guides/a.fr.md", Locale: "fr", Article: "Guides/a.md", ID: "1"},
		// b's source had no id when its translation was deleted.
		{Path: "Guides/b.de.md", Locale: "de", Article: "Guides/b.md"},
		// c's German file was renamed along with c: c.de.md holds it.
		{Path: "Guides/old-c.de.md", Locale: "de", Article: "Guides/old-c.md", ID: "3"},
		// 4's files are gone: its archive takes its translations along.
		{Path: "Guides/gone.fr.md", Locale: "fr", Article: "Guides/gone.md", ID: "4"},
		// an article the help center no longer has.
		{Path: "Guides/old.fr.md", Locale: "fr", Article: "Guides/old.md", ID: "77"},
	}
	noDelete := plantest.FullCaps
	noDelete.DeleteTranslations = false
	tests := []struct {
		name      string
		opts      Options
		want      string // change plantest.Keys
		unmanaged []plan.UnmanagedTranslation
		warnings  []string // files warned of orphan translations
	}{
		{name: "no prune, no deletion", want: "adopt:Guides/b.md", unmanaged: []plan.UnmanagedTranslation{aFr, bDe}},
		{name: "prune without deletions", opts: Options{Prune: true}, want: "adopt:Guides/b.md", unmanaged: []plan.UnmanagedTranslation{aFr, bDe}},
		{name: "deletions without prune", opts: Options{DeletedTranslations: deleted, Deleted: []Deleted{{Path: "Guides/gone.md", ID: "4"}}},
			want: "adopt:Guides/b.md", unmanaged: []plan.UnmanagedTranslation{aFr, bDe}},
		{name: "deletions with prune", opts: Options{Prune: true, DeletedTranslations: deleted, Deleted: []Deleted{{Path: "Guides/gone.md", ID: "4"}}},
			want: "delete-translation:Guides/a.fr.md adopt:Guides/b.md delete-translation:Guides/b.de.md archive:4"},
		{name: "a provider that cannot delete translations", opts: Options{Caps: noDelete},
			want: "adopt:Guides/b.md", unmanaged: []plan.UnmanagedTranslation{aFr, bDe}},
		{name: "a provider that cannot delete translations, deletions with prune", opts: Options{Caps: noDelete, Prune: true, DeletedTranslations: deleted[:1]},
			want: "adopt:Guides/b.md", unmanaged: []plan.UnmanagedTranslation{bDe}, warnings: []string{"Guides/a.fr.md"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := makePlan(t, plantest.LoadTree(t, files), live(), tt.opts)
			if got := strings.Join(plantest.Keys(p), " "); got != tt.want {
				t.Errorf("changes = %s\nwant      %s", got, tt.want)
			}
			if fmt.Sprint(p.UnmanagedTranslations) != fmt.Sprint(tt.unmanaged) {
				t.Errorf("unmanaged translations = %+v\nwant %+v", p.UnmanagedTranslations, tt.unmanaged)
			}
			var warned []string
			for _, w := range p.Warnings {
				if w.Kind == "orphan-translation" {
					warned = append(warned, w.File)
				}
			}
			if fmt.Sprint(warned) != fmt.Sprint(tt.warnings) {
				t.Errorf("orphan-translation warnings for %v, want %v", warned, tt.warnings)
			}
			for _, c := range p.Changes {
				if c.Action == plan.ActionDeleteTranslation && (c.File != strings.TrimPrefix(c.Key, "delete-translation:") || c.ArticleID == "" || c.Locale == "") {
					t.Errorf("delete-translation %+v: want the deleted file, its article id and locale", c)
				}
			}
		})
	}
}

// TestPlanSectionEdits: a _section.md or _category.md bound to a remote
// one (by id, or by its name) plans an update of the fields it sets that
// differ; a folder bound by id and renamed renames the remote one.
func TestPlanSectionEdits(t *testing.T) {
	t.Parallel()
	noPosition := plantest.FullCaps
	noPosition.SectionPosition = false
	tests := []struct {
		name   string
		files  map[string]string
		caps   *providers.Capabilities
		want   string // key: fields, or "" for no change
		update providers.SectionUpdate
	}{
		{
			name:   "title",
			files:  map[string]string{"Guides/Setup/_section.md": "---\nid: 200\ntitle: Setting up\n---\n"},
			want:   "update-section:Guides/Setup: name Setup -> Setting up",
			update: providers.SectionUpdate{Kind: providers.KindSection, Name: new("Setting up")},
		},
		{
			name:   "description and position",
			files:  map[string]string{"Guides/Setup/_section.md": "---\nid: 200\ndescription: New\nposition: 5\n---\n"},
			want:   "update-section:Guides/Setup: description Old -> New, position 1 -> 5",
			update: providers.SectionUpdate{Kind: providers.KindSection, Description: new("New"), Position: new(5)},
		},
		{
			name:  "fields the file leaves out are left alone",
			files: map[string]string{"Guides/Setup/_section.md": "---\nid: 200\n---\n"},
		},
		{
			name:  "a position the provider cannot hold is not compared",
			files: map[string]string{"Guides/Setup/_section.md": "---\nid: 200\nposition: 5\n---\n"},
			caps:  &noPosition,
		},
		{
			name:   "a renamed folder bound by id renames the remote",
			files:  map[string]string{"Guides/Install/_section.md": "---\nid: 200\n---\n"},
			want:   "update-section:Guides/Install: name Setup -> Install",
			update: providers.SectionUpdate{Kind: providers.KindSection, Name: new("Install")},
		},
		{
			name:  "a folder name differing only in case is no rename",
			files: map[string]string{"Guides/setup/_section.md": "---\nid: 200\n---\n"},
		},
		{
			name:   "a folder bound by its name updates too",
			files:  map[string]string{"Guides/Setup/_section.md": "---\ndescription: New\n---\n"},
			want:   "update-section:Guides/Setup: description Old -> New",
			update: providers.SectionUpdate{Kind: providers.KindSection, Description: new("New")},
		},
		{
			name:   "a category",
			files:  map[string]string{"Handbook/_category.md": "---\nid: 100\n---\n", "Handbook/Setup/_section.md": "---\nid: 200\n---\n"},
			want:   "update-category:Handbook: name Guides -> Handbook",
			update: providers.SectionUpdate{Kind: providers.KindCategory, Name: new("Handbook")},
		},
		{
			name:  "everything matches",
			files: map[string]string{"Guides/Setup/_section.md": "---\nid: 200\ntitle: Setup\ndescription: Old\nposition: 1\n---\n"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			live := plantest.BaseRemote()
			live.Sections = append(live.Sections, providers.Section{ID: "200", Kind: providers.KindSection, Name: "Setup", Description: "Old", ParentID: "100", Position: new(1), URL: "https://hc/s/200"})
			opts := Options{DefaultLocale: "en-us"}
			if tt.caps != nil {
				opts.Caps = *tt.caps
			}
			p := makePlan(t, plantest.LoadTree(t, tt.files), live, opts)
			var got []string
			for _, c := range p.Changes {
				var fields []string
				for _, f := range c.Fields {
					fields = append(fields, f.Field+" "+f.Old+" -> "+f.New)
				}
				got = append(got, c.Key+": "+strings.Join(fields, ", "))
			}
			if strings.Join(got, "; ") != tt.want {
				t.Fatalf("changes: %q\nwant %q", got, tt.want)
			}
			if tt.want == "" {
				return
			}
			c := p.Changes[0]
			tt.update.Locale = "en-us"
			if c.SectionUpdate == nil || jsonOf(t, c.SectionUpdate.SectionUpdate) != jsonOf(t, tt.update) {
				t.Errorf("update = %+v, want %+v", c.SectionUpdate, tt.update)
			}
			if wantID := map[providers.SectionKind]string{providers.KindSection: "200", providers.KindCategory: "100"}[tt.update.Kind]; c.SectionUpdate.ID != wantID {
				t.Errorf("update of id %s, want %s", c.SectionUpdate.ID, wantID)
			}
		})
	}
}

// TestPlanTitlesCompareTrimmed: surrounding whitespace on either side
// of a title is no change, since services trim titles as they store them.
func TestPlanTitlesCompareTrimmed(t *testing.T) {
	for _, tc := range []struct {
		name, file, remote string
		change             bool
	}{
		{"file has a trailing space", `"Board? "`, "Board?", false},
		{"remote has a trailing space", "Board?", "Board? ", false},
		{"both, differently", `" Board?"`, "Board?\t", false},
		{"a real change", `"Boards? "`, "Board?", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tree := plantest.LoadTree(t, map[string]string{"Guides/a.md": "---\ntitle: " + tc.file + "\nid: 1\n---\nBody.\n"})
			live := plantest.BaseRemote()
			live.Articles = []providers.Article{plantest.RemoteArticle("1", "100", tc.remote, plantest.HTML("Body.\n"), false)}
			p := makePlan(t, tree, live, Options{})
			if got := len(p.Changes) > 0; got != tc.change {
				t.Errorf("changes = %v, want a change: %v", plantest.Keys(p), tc.change)
			}
		})
	}
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
