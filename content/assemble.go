package content

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/hcsync/hcsync/locales"

	"github.com/hcsync/hcsync/diag"
)

// assemble builds the tree from parsed files and adds the problems that
// need more than one file to see: translations without a source, two
// files for one locale, two files claiming one id.
func assemble(root string, dirs []string, files []*parsedFile, opts LoadOptions) (*Tree, diag.Problems) {
	var problems diag.Problems
	problem := func(file string, line int, format string, args ...any) {
		problems = append(problems, diag.Problem{File: file, Line: line, Msg: fmt.Sprintf(format, args...)})
	}
	tree := &Tree{Root: root}
	for _, pf := range files {
		problems = append(problems, pf.problems...)
		tree.Warnings = append(tree.Warnings, pf.warnings...)
	}
	tree.Warnings.Sort()

	tree.Sections = sections(dirs, files, problem)

	// Sources first, so translations find them whatever the file order.
	sources := map[string]*Article{} // by rel; nil when the source could not be read
	claimed := map[string]string{}   // id -> path of the first file claiming it
	for _, pf := range files {
		if pf.kind != sourceFile {
			continue
		}
		if pf.fm == nil {
			sources[pf.rel] = nil
			continue
		}
		a := newArticle(pf, opts.DefaultLocale)
		if a.Dir == "" && pf.fm.Section == nil && !opts.RootArticles {
			problem(pf.rel, 0, "article is not in a section: move it into a folder or add section: to its front-matter")
		}
		if a.ID != "" {
			if first, dup := claimed[a.ID]; dup {
				problem(pf.rel, a.IDLine, "id %s is also claimed by %s: one remote article can back only one file; remove one of the two", a.ID, first)
			} else {
				claimed[a.ID] = pf.rel
			}
		}
		sources[pf.rel] = a
		tree.Articles = append(tree.Articles, a)
	}

	for _, pf := range files {
		if pf.kind != translationFile {
			continue
		}
		a, ok := sources[pf.source]
		switch {
		case !ok:
			problem(pf.rel, 0, "translation without a source file %s: add it, or rename this file if %q is not a locale", pf.source, pf.locale)
			continue
		case a == nil || pf.fm == nil:
			continue // its own problems are reported already
		case locales.Equal(pf.locale, a.Locale):
			problem(pf.rel, 0, "translation in the source's own locale %s: merge it into %s or change the suffix", a.Locale, a.Path)
			continue
		}
		if other := a.Translation(pf.locale); other != nil {
			problem(pf.rel, 0, "second %s translation of %s (the first is %s): remove one", locales.Normalize(pf.locale), a.Path, other.Path)
			continue
		}
		t := newTranslation(pf, pf.locale)
		if pf.fm.Draft == nil {
			t.Draft = a.Source().Draft
		}
		a.Translations = append(a.Translations, t)
	}
	for _, a := range tree.Articles {
		others := a.Translations[1:]
		sort.Slice(others, func(i, j int) bool {
			return locales.Normalize(others[i].Locale) < locales.Normalize(others[j].Locale)
		})
	}
	return tree, problems
}

// newArticle builds an article and its source translation from a parsed
// source file.
func newArticle(pf *parsedFile, defaultLocale string) *Article {
	fm := pf.fm
	a := &Article{
		Path:             pf.rel,
		Dir:              pf.dir,
		Locale:           defaultLocale,
		Section:          pf.dir,
		Labels:           fm.Labels,
		ContentTags:      fm.ContentTags,
		Segments:         fm.Segments,
		PermissionGroup:  fm.PermissionGroup,
		Promoted:         fm.Promoted,
		Position:         fm.Position,
		CommentsDisabled: fm.CommentsDisabled,
		KeyLines:         fm.Lines,
	}
	if fm.RedirectFrom != nil {
		a.RedirectFrom = *fm.RedirectFrom
	}
	if fm.ID != nil {
		a.ID, a.IDLine = *fm.ID, fm.Lines["id"]
	}
	if fm.Locale != nil {
		a.Locale = *fm.Locale
	}
	if fm.Section != nil {
		a.Section, a.SectionLine = *fm.Section, fm.Lines["section"]
	}
	a.Translations = []*Translation{newTranslation(pf, a.Locale)}
	return a
}

func newTranslation(pf *parsedFile, locale string) *Translation {
	fm := pf.fm
	t := &Translation{
		Path:        pf.rel,
		Locale:      locale,
		Description: fm.Description,
		Slug:        fm.Slug,
		Body:        pf.body,
		BodySum:     pf.bodySum,
		BodyLine:    pf.bodyLine,
		KeyLines:    fm.Lines,
		bodyLazy:    pf.bodyLazy,
	}
	if fm.Title != nil {
		t.Title = *fm.Title
	}
	if fm.SourceCommit != nil {
		t.SourceCommit = strings.TrimSpace(*fm.SourceCommit)
	}
	if fm.SourceHash != nil {
		t.SourceHash = strings.ToLower(strings.TrimSpace(*fm.SourceHash))
	}
	if fm.Draft != nil {
		t.Draft = *fm.Draft
	}
	return t
}

// sections turns folders into sections. A folder is part of the help
// center's tree when it holds articles, holds such folders, or has a
// _section.md/_category.md; a top-level one holding only folders is a
// category. A folder of images alone is not a section.
func sections(dirs []string, files []*parsedFile, problem func(string, int, string, ...any)) []*Section {
	hasArticles := map[string]bool{}
	meta := map[string]*parsedFile{}
	for _, pf := range files {
		switch pf.kind {
		case sectionFile:
			if first, dup := meta[pf.dir]; dup {
				problem(pf.rel, 0, "folder has both %s and %s: keep one", path.Base(first.rel), path.Base(pf.rel))
				continue
			}
			meta[pf.dir] = pf
		default:
			hasArticles[pf.dir] = true
		}
	}
	if pf, ok := meta[""]; ok {
		problem(pf.rel, 0, "the top of the content folder is not a section: move %s into a folder", pf.rel)
	}

	// Deepest folders first, so a parent knows whether a child is a
	// section before it decides about itself.
	byDepth := append([]string(nil), dirs...)
	sort.SliceStable(byDepth, func(i, j int) bool {
		return strings.Count(byDepth[i], "/") > strings.Count(byDepth[j], "/")
	})
	hasSections := map[string]bool{}
	var out []*Section
	for _, dir := range byDepth {
		_, hasMeta := meta[dir]
		if !hasArticles[dir] && !hasSections[dir] && !hasMeta {
			continue
		}
		parent, name := splitDir(dir)
		hasSections[parent] = true
		s := &Section{Dir: dir, Parent: parent, Name: name}
		if parent == "" && !hasArticles[dir] && hasSections[dir] {
			s.Category = true
		}
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Dir < out[j].Dir })

	claimed := map[string]string{}
	for _, s := range out {
		pf, ok := meta[s.Dir]
		if !ok || pf.fm == nil {
			continue
		}
		fm := pf.fm
		s.File = pf.rel
		if fm.Title != nil && strings.TrimSpace(*fm.Title) != "" {
			s.Name, s.HasTitle = *fm.Title, true
		}
		if fm.Description != nil {
			s.Description, s.HasDescription = *fm.Description, true
		}
		s.Position = fm.Position
		if fm.ID != nil {
			s.ID = *fm.ID
			if first, dup := claimed[s.ID]; dup {
				problem(pf.rel, fm.Lines["id"], "id %s is also claimed by %s: one remote section can back only one folder; remove one of the two", s.ID, first)
			} else {
				claimed[s.ID] = pf.rel
			}
		}
	}
	return out
}
