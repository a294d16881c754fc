package export

import (
	"crypto/sha256"
	"fmt"
	"maps"
	"path"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hcsync/hcsync/internal/slug"

	"github.com/hcsync/hcsync/locales"

	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers"
)

// layoutSections gives every section a folder: the slug of its name,
// unique among its siblings, under its parent's folder.
func (ex *exporter) layoutSections() {
	secs := ex.remote.Sections
	byID := make(map[string]*providers.Section, len(secs))
	for i := range secs {
		byID[secs[i].ID] = &secs[i]
	}
	children := map[string][]*providers.Section{}
	for i := range secs {
		s := &secs[i]
		parent := s.ParentID
		if _, ok := byID[parent]; !ok {
			parent = ""
		}
		children[parent] = append(children[parent], s)
	}
	ex.dirs = map[string]string{}
	var walk func(parentID, parentDir string, depth int)
	walk = func(parentID, parentDir string, depth int) {
		list := children[parentID]
		sort.Slice(list, func(i, j int) bool { return providers.IDLess(list[i].ID, list[j].ID) })
		// "images" holds the images of the folder's articles.
		used := map[string]bool{"images": true}
		ids := make([]string, len(list))
		for i, s := range list {
			ids[i] = s.ID
		}
		kept := claim(ids, ex.kept.dirs, used)
		ex.res.KeptFolders += len(kept)
		for _, s := range list {
			if depth > 8 {
				return // a cycle in the parent ids; the rest stay unexported
			}
			name, ok := kept[s.ID]
			if !ok {
				name = uniqueName(fileName(s.Name), used)
			}
			dir := path.Join(parentDir, name)
			ex.dirs[s.ID] = dir
			file := "_section.md"
			if s.Kind == providers.KindCategory {
				file = "_category.md"
				ex.res.Categories++
			} else {
				ex.res.Sections++
			}
			var fm content.FrontMatterWriter
			fm.Text("title", s.Name)
			fm.ID(s.ID)
			if s.Description != "" {
				fm.Text("description", s.Description)
			}
			if s.Position != nil && ex.caps.Position && (ex.opts.Explicit || *s.Position != 0) {
				fm.Int("position", *s.Position)
			}
			ex.addOf(path.Join(dir, file), fm.Bytes(""), fmt.Sprintf("%s %s %q", s.Kind, s.ID, s.Name))
			ex.noteHost(s.URL)
			walk(s.ID, dir, depth+1)
		}
	}
	walk("", "", 0)
}

// maxNameBytes bounds a file or folder name made from a name the help
// center holds. File systems refuse names over 255 bytes (and encrypted
// home folders about 143); 100 leaves room for a "-2", a locale and
// ".md", and keeps paths readable.
const maxNameBytes = 100

// fileName is the file or folder name for a title or name from the help
// center: its slug.Of ("untitled" when empty), shortened to maxNameBytes, the cut ended
// with a hash of the whole name, so that two long titles alike in their
// first hundred bytes get two names, and one title the same name on
// every export. Whatever slug.Of becomes, a name that could leave its
// folder or hide (a separator, "..", a leading dot, a control character)
// is never returned.
func fileName(name string) string {
	s := slug.Of(name)
	if s == "" {
		s = "untitled" // a title in a script slugs do not spell
	}
	return shortName(s, name, maxNameBytes)
}

// shortName returns slug when it is a safe name within limit bytes,
// else its longest start that is, then "-" and 8 hex digits of the
// sha256 of full.
func shortName(slug, full string, limit int) string {
	if len(slug) <= limit && safeName(slug) {
		return slug
	}
	sum := sha256.Sum256([]byte(full))
	suffix := fmt.Sprintf("-%x", sum[:4])
	cut := min(len(slug), limit-len(suffix))
	for cut > 0 && !utf8.RuneStart(slug[cut]) {
		cut--
	}
	head := strings.Trim(slug[:cut], "-.")
	if !safeName(head) {
		head = "untitled"
	}
	return head + suffix
}

// safeName reports whether name can be a file name in any folder
// without leaving it, hiding, or being read otherwise than written.
func safeName(name string) bool {
	if name == "" || name == "." || name == ".." || name[0] == '.' || !utf8.ValidString(name) {
		return false
	}
	for _, r := range name {
		if r == '/' || r == '\\' || r == ':' || unicode.IsControl(r) {
			return false
		}
	}
	return true
}

func uniqueName(base string, used map[string]bool) string {
	name := base
	for i := 2; used[name]; i++ {
		name = base + "-" + strconv.Itoa(i)
	}
	used[name] = true
	return name
}

// layoutArticles names every article's files and indexes their URLs,
// before any body is converted, so links can point at any of them.
func (ex *exporter) layoutArticles() {
	arts := ex.remote.Articles
	order := make([]*providers.Article, len(arts))
	for i := range arts {
		order[i] = &arts[i]
	}
	sort.Slice(order, func(i, j int) bool { return providers.IDLess(order[i].ID, order[j].ID) })
	type located struct {
		a   *providers.Article
		src *providers.Translation
		dir string
	}
	var found []located
	for _, a := range order {
		src := a.Translations[a.SourceLocale]
		dir, ok := ex.dirs[a.SectionID]
		if a.SectionID == "" && ex.caps.RootArticles {
			dir, ok = "", true // stands alone: a file at the top of the tree
		}
		if src == nil || !ok {
			why := "it is in no section the help center lists"
			if a.SectionID == "" {
				why = "it is in no section, and every article of the tree must be"
			}
			if src == nil {
				why = "it has no translation in its source locale " + a.SourceLocale
			}
			title := ""
			if t := anyTranslation(a); t != nil {
				title = fmt.Sprintf(" %q", t.Title)
			}
			ex.res.Warnings = append(ex.res.Warnings, plan.Warning{Kind: "skipped", Msg: fmt.Sprintf("article %s%s%s not exported: %s", a.ID, title, urlNote(a.URL), why)})
			continue
		}
		if !locales.Valid(a.SourceLocale) {
			ex.res.Warnings = append(ex.res.Warnings, plan.Warning{Kind: "skipped", Msg: fmt.Sprintf("article %s %q%s not exported: its source locale %q is not a locale code", a.ID, src.Title, urlNote(a.URL), a.SourceLocale)})
			continue
		}
		found = append(found, located{a, src, dir})
	}
	// Kept names first, so that a title never takes one.
	used := map[string]map[string]bool{}
	byDir := map[string][]string{}
	for _, f := range found {
		if used[f.dir] == nil {
			used[f.dir] = map[string]bool{}
		}
		byDir[f.dir] = append(byDir[f.dir], f.a.ID)
	}
	kept := map[string]string{}
	for dir, ids := range byDir {
		maps.Copy(kept, claim(ids, ex.kept.articles, used[dir]))
	}
	ex.res.KeptArticles = len(kept)
	for _, f := range found {
		a, src, dir := f.a, f.src, f.dir
		base, ok := kept[a.ID]
		if !ok {
			name := src.Slug
			if name == "" {
				name = src.Title
			}
			base = uniqueName(fileName(name), used[dir])
		}
		pl := placed{a: a, dir: dir, base: base}
		pl.locales = ex.exportedLocales(pl)
		ex.articles = append(ex.articles, pl)
		ex.index(a.URL, pl.file(a.SourceLocale, a.SourceLocale))
		ex.index(src.URL, pl.file(a.SourceLocale, a.SourceLocale))
		// Bodies link by the URL links use (convert relinks the other
		// forms to it).
		ex.index(src.LinkURL, pl.file(a.SourceLocale, a.SourceLocale))
		for _, locale := range pl.locales {
			t := a.Translations[locale]
			ex.index(t.URL, pl.file(locale, a.SourceLocale))
			ex.index(t.LinkURL, pl.file(locale, a.SourceLocale))
		}
	}
}

// anyTranslation is a's source translation, else the one of the first
// locale in order: something to name the article by.
func anyTranslation(a *providers.Article) *providers.Translation {
	if t := a.Translations[a.SourceLocale]; t != nil {
		return t
	}
	localeList := make([]string, 0, len(a.Translations))
	for l := range a.Translations {
		localeList = append(localeList, l)
	}
	sort.Strings(localeList)
	if len(localeList) == 0 {
		return nil
	}
	return a.Translations[localeList[0]]
}

// urlNote is " (url)", or "" for an article the help center gives no
// URL (Intercom's that stand alone have none).
func urlNote(url string) string {
	if url == "" {
		return ""
	}
	return " (" + url + ")"
}

// exportedLocales returns the other locales of pl's article that make
// files, sorted. A locale becomes part of a file name, so one the help
// center sends that is no locale code ("../../etc", "fr/x") is skipped
// with a warning, as is a second spelling of one already taken ("FR"
// beside "fr"), which would overwrite its file.
func (ex *exporter) exportedLocales(pl placed) []string {
	a := pl.a
	var localeList []string
	for l := range a.Translations {
		if !locales.Equal(l, a.SourceLocale) {
			localeList = append(localeList, l)
		}
	}
	sort.Strings(localeList)
	taken := map[string]bool{locales.Normalize(a.SourceLocale): true}
	kept := localeList[:0]
	for _, l := range localeList {
		why := ""
		switch {
		case !locales.Valid(l):
			why = "is not a locale code (like fr or pt-br)"
		case taken[locales.Normalize(l)]:
			why = "is another spelling of a locale already exported"
		}
		if why != "" {
			ex.res.Warnings = append(ex.res.Warnings, plan.Warning{File: pl.file(a.SourceLocale, a.SourceLocale), Kind: "skipped",
				Msg: fmt.Sprintf("%s: translation %q not exported: the locale %s", pl.what(), l, why)})
			continue
		}
		taken[locales.Normalize(l)] = true
		kept = append(kept, l)
	}
	return kept
}

// file is the slash path of one locale's file of the article.
func (pl placed) file(locale, source string) string {
	if locales.Equal(locale, source) {
		return path.Join(pl.dir, pl.base+".md")
	}
	return path.Join(pl.dir, pl.base+"."+locales.Normalize(locale)+".md")
}
