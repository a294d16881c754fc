// Package plantest holds what the tests of the planner, the executor
// and export share: trees written to a temporary folder, a help center's
// state in memory, and the files outside a tree that must never be
// read. It is imported by tests only.
package plantest

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/providers/local"
	"github.com/hcsync/hcsync/remote"
	"github.com/hcsync/hcsync/render"
)

// WriteTree writes files (slash path -> text) into a temp dir and
// returns it.
func WriteTree(t testing.TB, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, text := range files {
		path := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// LoadTree writes files as WriteTree does and loads them as a tree with
// default locale en-us.
func LoadTree(t testing.TB, files map[string]string) *content.Tree {
	t.Helper()
	return LoadTreeWith(t, files, content.LoadOptions{})
}

// LoadTreeWith is LoadTree with load options (en-us unless they say).
func LoadTreeWith(t testing.TB, files map[string]string, opts content.LoadOptions) *content.Tree {
	t.Helper()
	if opts.DefaultLocale == "" {
		opts.DefaultLocale = "en-us"
	}
	tree, err := content.Load(WriteTree(t, files), opts)
	if err != nil {
		t.Fatalf("loading tree: %v", err)
	}
	return tree
}

// WriteRaw writes data to file (a slash path) under tree's root.
func WriteRaw(t testing.TB, tree *content.Tree, file, data string) {
	t.Helper()
	p := filepath.Join(tree.Root, filepath.FromSlash(file))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// FullCaps is a provider that can hold everything.
var FullCaps = providers.Capabilities{
	Labels: true, ContentTags: true, Segments: true, PermissionGroups: true, Position: true, Promoted: true,
	CommentsDisabled: true, Description: true, Slug: true, TranslationDrafts: true, DeleteTranslations: true, CreateSections: true,
	TopLevelArticles: true, MaxSectionDepth: 3, Archive: providers.ArchiveArchive, SectionPosition: true,
}

// BaseRemote is a help center with one category, Guides (id 100), in
// en-us, fr and de, and a tag, two segments and a permission group.
func BaseRemote() *remote.State {
	return &remote.State{
		Locales:  providers.Locales{Default: "en-us", Enabled: []string{"en-us", "fr", "de"}},
		Sections: []providers.Section{{ID: "100", Kind: providers.KindCategory, Name: "Guides"}},
		Taxonomy: providers.Taxonomy{
			Tags:             map[string]string{"1": "setup"},
			Segments:         map[string]string{"7": "Signed-in users", "8": "Staff"},
			PermissionGroups: map[string]string{"3": "Admins"},
		},
	}
}

// RemoteArticle is an en-us article of section, with more translations.
func RemoteArticle(id, section, title, body string, draft bool, more ...*providers.Translation) providers.Article {
	a := providers.Article{ID: id, SectionID: section, SourceLocale: "en-us", URL: "https://hc/" + id,
		Translations: map[string]*providers.Translation{"en-us": {Locale: "en-us", Title: title, Body: body, Draft: draft}}}
	for _, tr := range more {
		a.Translations[tr.Locale] = tr
	}
	return a
}

// HTML is md rendered with the default options, as a help center that
// hcsync wrote it would hold it.
func HTML(md string) string { return render.Render([]byte(md), render.Options{}).HTML }

// Keys are the keys of p's changes, in order.
func Keys(p *plan.Plan) []string {
	var out []string
	for _, c := range p.Changes {
		out = append(out, c.Key)
	}
	return out
}

// NewLocal is an empty local help center in en-us, fr and de.
func NewLocal(t testing.TB) *local.Provider {
	t.Helper()
	p, err := local.New(local.Options{Dir: t.TempDir(), Locales: []string{"en-us", "fr", "de"}, DefaultLocale: "en-us"})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// RecordIDs stands in for the id write-back, remembering ids by file so
// that re-plans see them as the files would.
type RecordIDs struct {
	mu sync.Mutex
	// IDs maps each file to the id written for it.
	IDs map[string]string
}

// Write records id for file; it is an Executor's WriteID.
func (r *RecordIDs) Write(file, id string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.IDs == nil {
		r.IDs = map[string]string{}
	}
	r.IDs[file] = id
	return nil
}

// ApplyTo sets the recorded ids on tree's articles and sections.
func (r *RecordIDs) ApplyTo(tree *content.Tree) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, a := range tree.Articles {
		if id, ok := r.IDs[a.Path]; ok {
			a.ID = id
		}
	}
	for _, s := range tree.Sections {
		if id, ok := r.IDs[s.IDFile()]; ok {
			s.ID = id
		}
	}
}
