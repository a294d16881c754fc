package planner

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/hcsync/hcsync/diag"
	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers"
)

// bindArticles decides each file's remote article: by id, else by
// adopting an unclaimed remote article of the same section and title,
// else none (create).
func (pl *planner) bindArticles() {
	refs := make([]plan.SectionRef, len(pl.tree.Articles))
	oks := make([]bool, len(pl.tree.Articles))
	for i, a := range pl.tree.Articles {
		refs[i], oks[i] = pl.articleSection(a)
		pl.checkCapabilities(a)
	}
	// Files with ids claim first, so adoption never steals a claimed article.
	bound := make([]*providers.Article, len(pl.tree.Articles))
	forgotten := make([]bool, len(pl.tree.Articles))
	for i, a := range pl.tree.Articles {
		if a.ID == "" {
			continue
		}
		pl.withIDs++
		ra, ok := pl.remoteByID[a.ID]
		if !ok {
			pl.unknown = append(pl.unknown, unknownID{file: a.Path, line: a.IDLine, id: a.ID})
			forgotten[i] = pl.opts.ForgetIDs
			continue
		}
		pl.claimed[a.ID] = a.Path
		bound[i] = ra
	}
	pl.unknownIDs()
	// Index remote articles by section and source title once, so
	// adoption stays linear in the number of articles.
	pl.titled = make(map[titleKey][]*providers.Article)
	for i := range pl.remote.Articles {
		ra := &pl.remote.Articles[i]
		src := ra.Translations[ra.SourceLocale]
		if src == nil {
			continue
		}
		k := titleKey{ra.SectionID, strings.TrimSpace(src.Title)}
		pl.titled[k] = append(pl.titled[k], ra)
	}
	candidates := make(map[titleKey][]*providers.Article, len(pl.titled))
	for k, list := range pl.titled {
		sort.Slice(list, func(i, j int) bool { return providers.IDLess(list[i].ID, list[j].ID) })
		for _, ra := range list {
			if _, ok := pl.claimed[ra.ID]; !ok {
				candidates[k] = append(candidates[k], ra)
			}
		}
	}
	pl.warnedTitles = make(map[titleKey]bool)
	for i, a := range pl.tree.Articles {
		if !oks[i] || (a.ID != "" && bound[i] == nil && !forgotten[i]) {
			continue
		}
		m := managedArticle{file: a, remote: bound[i], section: refs[i]}
		if forgotten[i] {
			m.forgotten = a.ID
		}
		// A section this plan creates has no articles to adopt; every
		// other, and the top level (no section), may.
		if (a.ID == "" || forgotten[i]) && refs[i].Dir == "" {
			k := titleKey{refs[i].ID, strings.TrimSpace(a.Source().Title)}
			for len(candidates[k]) > 0 {
				ra := candidates[k][0]
				candidates[k] = candidates[k][1:]
				if _, taken := pl.claimed[ra.ID]; taken {
					continue
				}
				if len(candidates[k]) > 0 {
					pl.warnedTitles[k] = true
					pl.plan.Warnings = append(pl.plan.Warnings, plan.Warning{File: a.Path, Kind: plan.WarningAmbiguousAdopt,
						Msg: fmt.Sprintf("%d remote articles in this section are titled %q (ids %s); adopting id %s (the oldest): set id: to choose another", len(candidates[k])+1, a.Source().Title, idList(append([]*providers.Article{ra}, candidates[k]...)), ra.ID)})
				}
				pl.claimed[ra.ID] = a.Path
				m.remote = ra
				m.adopted = true
				break
			}
			if m.remote == nil {
				// Created: apply re-lists the section first and adopts an
				// article of this title made since the plan, never one of
				// these.
				for _, ra := range pl.titled[k] {
					m.known = append(m.known, ra.ID)
				}
			}
		}
		if m.remote != nil && m.section == (plan.SectionRef{}) && m.remote.SectionID != "" {
			// No provider's API takes an article out of its section
			// (Intercom's update_article_request has no way to).
			pl.problem(a.Path, 0, "article %s is in %q in the help center, and %s cannot take it out of its section through its API: move the file back into that section's folder, or move the article out in the help center", m.remote.ID, pl.sectionName(plan.SectionRef{ID: m.remote.SectionID}), pl.opts.Provider)
		}
		if m.remote == nil && pl.opts.Caps.CannotCreate != "" {
			pl.problem(a.Path, 0, "%s", pl.opts.Caps.CannotCreate)
		}
		pl.managed = append(pl.managed, m)
	}
}

// titleKey groups remote articles by section and source title: the
// identity adoption goes by.
type titleKey struct{ section, title string }

// warnDuplicates flags each set of remote articles that share a section
// and a source title: two applies at once, or a copy made by hand,
// leave such duplicates, and adoption can bind a file to only one.
// Sets an ambiguous-adopt warning named already are left out, and so
// are sets whose every article a file claims: those are meant.
func (pl *planner) warnDuplicates() {
	var keys []titleKey
	for k, list := range pl.titled {
		if len(list) > 1 && !pl.warnedTitles[k] && slices.ContainsFunc(list, pl.unclaimed) {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].section != keys[j].section {
			return providers.IDLess(keys[i].section, keys[j].section)
		}
		return keys[i].title < keys[j].title
	})
	for _, k := range keys {
		list := pl.titled[k]
		file := ""
		for _, ra := range list {
			if f, ok := pl.claimed[ra.ID]; ok {
				file = f
				break
			}
		}
		pl.plan.Warnings = append(pl.plan.Warnings, plan.Warning{File: file, Kind: plan.WarningDuplicateTitle, Msg: fmt.Sprintf(
			"remote articles %s in section %q are all titled %q, likely duplicates (two applies at once make them): archive the extra ones in the help center, or give each file its own id:",
			idList(list), pl.sectionName(plan.SectionRef{ID: k.section}), k.title)})
	}
}

func (pl *planner) unclaimed(ra *providers.Article) bool {
	_, ok := pl.claimed[ra.ID]
	return !ok
}

// idList reads "10, 12 and 14".
func idList(list []*providers.Article) string {
	ids := make([]string, len(list))
	for i, ra := range list {
		ids[i] = ra.ID
	}
	if len(ids) < 2 {
		return strings.Join(ids, "")
	}
	return strings.Join(ids[:len(ids)-1], ", ") + " and " + ids[len(ids)-1]
}

// unknownID is an id: of the tree the help center does not have.
type unknownID struct {
	file    string // the article's file, or the folder's _section.md
	line    int
	id      string
	section bool
}

// unknownIDs reports the ids of files the help center does not have.
// When most of the tree's ids are unknown, the tree is another help
// center's: that is said once, not for every file. With ForgetIDs they
// are set aside, which a warning says.
func (pl *planner) unknownIDs() {
	unknown := pl.unknown
	if len(unknown) == 0 {
		return
	}
	sort.Slice(unknown, func(i, j int) bool { return unknown[i].file < unknown[j].file })
	first := make([]string, 0, 4)
	for _, u := range unknown[:min(3, len(unknown))] {
		first = append(first, u.file+" id "+u.id)
	}
	if len(unknown) > 3 {
		first = append(first, "…")
	}
	switch {
	case pl.opts.ForgetIDs:
		pl.plan.Warnings = append(pl.plan.Warnings, plan.Warning{Kind: plan.WarningForgottenIDs, Msg: fmt.Sprintf(
			"%d of %d files carry ids this help center does not have, set aside with --forget-ids (%s): each is bound by its title (a folder by its name) or created, and apply writes the new id",
			len(unknown), pl.withIDs, strings.Join(first, ", "))})
	case len(unknown) >= ForeignIDsMin && float64(len(unknown)) > ForeignIDsShare*float64(pl.withIDs):
		pl.problems = append(pl.problems, diag.Problem{Kind: KindForeignIDs, Msg: fmt.Sprintf(
			"%d of %d files carry ids this help center does not have (first: %s): they belong to another help center; point hcsync.yaml at the right one, or run plan and apply with --forget-ids to adopt those files by title or create them, and apply writes the new ids",
			len(unknown), pl.withIDs, strings.Join(first, ", "))})
	default:
		for _, u := range unknown {
			msg := "id %s does not exist in the help center (deleted there, or another help center): remove the id: line to create the article anew, or point hcsync.yaml at the right help center"
			if u.section {
				msg = "section id %s does not exist in the help center: remove the id: line to create the section, or point hcsync.yaml at the right help center"
			}
			pl.problems = append(pl.problems, diag.Problem{File: u.file, Line: u.line, Kind: KindUnknownID, Msg: fmt.Sprintf(msg, u.id)})
		}
	}
}
