package planner

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/locales"
	"github.com/hcsync/hcsync/plan"
)

// StatusInput is what a status report is made of.
type StatusInput struct {
	Tree  *content.Tree
	Stale []plan.StaleTranslation
	// Unmanaged are the remote translations no file holds; nil offline.
	Unmanaged []plan.UnmanagedTranslation
	Offline   bool
	// Required are the locales every article must have
	// (required_locales:); when empty, every locale the tree translates
	// into is expected of every article.
	Required []string
	// Only, when set, keeps that locale alone (--locale).
	Only string
}

// NewStatus builds the matrix. Columns are the expected locales and any
// other locale a file or the help center has, sorted.
func NewStatus(in StatusInput) (*plan.TranslationStatus, error) {
	expected := map[string]bool{}
	for _, l := range in.Required {
		expected[strings.ToLower(l)] = true
	}
	seen := map[string]bool{}
	for _, a := range in.Tree.Articles {
		for _, t := range a.Translations[1:] {
			seen[strings.ToLower(t.Locale)] = true
		}
	}
	for _, u := range in.Unmanaged {
		seen[strings.ToLower(u.Locale)] = true
	}
	if len(in.Required) == 0 {
		for l := range seen {
			expected[l] = true
		}
	}
	var localeList []string
	for l := range seen {
		localeList = append(localeList, l)
	}
	for l := range expected {
		if !seen[l] {
			localeList = append(localeList, l)
		}
	}
	if in.Only != "" {
		localeList = []string{strings.ToLower(in.Only)}
	}
	slices.Sort(localeList)

	stale := map[string]plan.StaleTranslation{}
	for _, s := range in.Stale {
		stale[s.File] = s
	}
	unmanaged := map[string]bool{}
	for _, u := range in.Unmanaged {
		unmanaged[u.Article+"\x00"+strings.ToLower(u.Locale)] = true
	}
	st := &plan.TranslationStatus{Offline: in.Offline, Locales: localeList, Articles: []plan.StatusArticle{}}
	totals := map[string]*plan.LocaleTotals{}
	for _, l := range localeList {
		totals[l] = &plan.LocaleTotals{Locale: l}
	}
	for _, a := range in.Tree.Articles {
		body, err := in.Tree.Body(a.Source())
		if err != nil {
			return nil, fmt.Errorf("%s: %w", a.Path, err)
		}
		row := plan.StatusArticle{File: a.Path, Title: a.Source().Title, Locale: a.Locale, SourceHash: content.SourceHash(body), Cells: []plan.StatusCell{}}
		for _, l := range localeList {
			if locales.Equal(l, a.Locale) {
				continue
			}
			cell := plan.StatusCell{Locale: l}
			switch t := a.Translation(l); {
			case t != nil:
				cell.File = t.Path
				s, isStale := stale[t.Path]
				switch {
				case isStale:
					cell.State, cell.Since, cell.LinesChanged = plan.StateStale, s.Since, s.LinesChanged
				case t.Draft:
					cell.State = plan.StateDraft
				default:
					cell.State = plan.StateCurrent
				}
			case unmanaged[a.Path+"\x00"+l]:
				cell.State = plan.StateUnmanaged
			case expected[l]:
				cell.State = plan.StateMissing
			}
			totals[l].Add(cell.State)
			row.Cells = append(row.Cells, cell)
		}
		st.Articles = append(st.Articles, row)
	}
	for _, l := range localeList {
		st.Totals = append(st.Totals, *totals[l])
	}
	return st, nil
}
