package plan

import (
	"fmt"
	"slices"
	"strings"
)

// The printers speak to someone who has never read the plan's schema: a
// create is shown as a create (its locale and whether it goes live), the
// second write that fills in links to articles created by the same plan
// is a note on its create rather than a change of its own, and the total
// counts what happens to what ("create 9 articles, 7 translations;
// upload 2 images"). The JSON plan keeps every change as apply runs it.

// maxUnmanaged is how many unmanaged articles the text and Markdown
// plans name before saying how many more there are.
const maxUnmanaged = 10

// linkFills indexes the updates that fill in the links of a create or
// create-translation (a new article linking to another new article that
// links back): of maps the create to its update, is marks the updates.
// Such an update is the change of the same file: a file the plan
// creates has no other update.
type linkFills struct {
	of map[*Change]*Change
	is map[*Change]bool
}

func findLinkFills(p *Plan) linkFills {
	created := map[string]*Change{}
	for _, c := range p.Changes {
		if c.Action == ActionCreate || c.Action == ActionCreateTranslation {
			created[c.File] = c
		}
	}
	fills := linkFills{of: map[*Change]*Change{}, is: map[*Change]bool{}}
	for _, c := range p.Changes {
		if cr, ok := created[c.File]; ok && c.Action == ActionUpdateTranslation {
			fills.of[cr], fills.is[c] = c, true
		}
	}
	return fills
}

// createDraft says whether a create leaves its translation a draft,
// once its links are filled in (fill, nil when none); known = false
// when the plan does not say.
func createDraft(c, fill *Change) (draft, known bool) {
	switch {
	case fill != nil && fill.Translation != nil:
		return fill.Translation.Draft, true
	case c.Create != nil:
		return c.Create.Source.Draft, true
	case c.Translation != nil:
		return c.Translation.Draft, true
	case hasField(c, "draft", "true"):
		return true, true
	}
	return false, false
}

// createState is what the header of a create says: "(en-us, draft)",
// "(published)" for a translation, whose locale is in its subject; ""
// when the plan does not say.
func createState(c, fill *Change) string {
	var parts []string
	if c.Action == ActionCreate && c.Locale != "" {
		parts = append(parts, c.Locale)
	}
	if draft, known := createDraft(c, fill); known && draft {
		parts = append(parts, "draft")
	} else if known {
		parts = append(parts, "published")
	}
	if len(parts) == 0 {
		return ""
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

func hasField(c *Change, field, value string) bool {
	for _, f := range c.Fields {
		if f.Field == field && f.New == value {
			return true
		}
	}
	return false
}

// linkFillNote says once, in plain words, that a new article's links
// to other new articles are written after those exist.
func linkFillNote(fill *Change) string {
	files := map[string]bool{}
	for _, f := range fill.Links {
		files[f] = true
	}
	n := len(files)
	return fmt.Sprintf("links to %d new %s are filled in after %s created", n, Plural(n, "article", "articles"), Plural(n, "it is", "they are"))
}

// shownFields are the fields a change's block lists: a create's draft
// state is on its header line, a publish says what it does, and a body
// is shown as a diff.
func shownFields(c *Change) []FieldChange {
	draftSaid := isCreate(c.Action) || c.Action == ActionPublish || c.Action == ActionUnpublish
	var out []FieldChange
	for _, f := range c.Fields {
		if f.Field == "body" || (draftSaid && f.Field == "draft") {
			continue
		}
		out = append(out, f)
	}
	return out
}

// isCreate reports whether the action makes something new, whose fields
// have no old value worth showing.
func isCreate(a Action) bool {
	switch a {
	case ActionCreate, ActionCreateTranslation, ActionCreateSection, ActionCreateTag, ActionUploadImage, ActionCreateRedirect, ActionAdopt:
		return true
	}
	return false
}

// tallyItem is one entry of the total line: what is done to what.
type tallyItem struct{ verb, one, many string }

// tallyOrder is the order of the total line: verbs in the order apply
// runs them, the article before what hangs on it.
var tallyOrder = []tallyItem{
	{"create", "article", "articles"}, {"create", "translation", "translations"}, {"create", "category", "categories"},
	{"create", "section", "sections"}, {"create", "tag", "tags"}, {"create", "redirect", "redirects"},
	{"adopt", "article", "articles"}, {"adopt", "section", "sections"},
	{"upload", "image", "images"},
	{"update", "article", "articles"}, {"update", "translation", "translations"},
	{"update", "category", "categories"},
	{"update", "section", "sections"}, {"update", "redirect", "redirects"},
	{"change the settings of", "article", "articles"},
	{"fill in links in", "new article", "new articles"},
	{"publish", "article", "articles"}, {"publish", "translation", "translations"},
	{"unpublish", "article", "articles"}, {"unpublish", "translation", "translations"},
	{"archive", "article", "articles"},
	{"discard the unpublished draft of", "article", "articles"},
	{"delete", "translation", "translations"}, {"delete", "redirect", "redirects"},
}

// tallyOf says what c does to what, as an entry of tallyOrder.
func tallyOf(c *Change, linkFill bool) tallyItem {
	item := func(verb, one string) tallyItem {
		for _, t := range tallyOrder {
			if t.verb == verb && t.one == one {
				return t
			}
		}
		return tallyItem{verb, one, one + "s"} // not in tallyOrder: shown last
	}
	// The source locale of an article is its article to a reader; other
	// locales are its translations.
	locale := "translation"
	if c.Article == "" || c.File == c.Article {
		locale = "article"
	}
	switch c.Action {
	case ActionCreateSection:
		if c.Section != nil && c.Section.Kind == "category" {
			return item("create", "category")
		}
		return item("create", "section")
	case ActionUpdateSection:
		return item("update", "section")
	case ActionUpdateCategory:
		return item("update", "category")
	case ActionAdoptSection:
		return item("adopt", "section")
	case ActionCreateTag:
		return item("create", "tag")
	case ActionUploadImage:
		return item("upload", "image")
	case ActionCreate:
		return item("create", "article")
	case ActionAdopt:
		return item("adopt", "article")
	case ActionUpdateMeta:
		return item("change the settings of", "article")
	case ActionUpdateTranslation:
		if linkFill {
			return item("fill in links in", "new article")
		}
		return item("update", locale)
	case ActionCreateTranslation:
		return item("create", "translation")
	case ActionDeleteTranslation:
		return item("delete", "translation")
	case ActionPublish:
		return item("publish", locale)
	case ActionUnpublish:
		return item("unpublish", locale)
	case ActionArchive:
		return item("archive", "article")
	case ActionDiscardDraft:
		return item("discard the unpublished draft of", "article")
	case ActionCreateRedirect:
		return item("create", "redirect")
	case ActionUpdateRedirect:
		return item("update", "redirect")
	case ActionDeleteRedirect:
		return item("delete", "redirect")
	}
	return tallyItem{string(c.Action), "change", "changes"}
}

// totalLine is "Plan: 29 changes (create 9 articles, 7 translations;
// update 12 translations; publish 3 articles; archive 2 articles)".
func totalLine(p *Plan) string {
	count, what := totals(p)
	return "Plan: " + count + " (" + what + ")"
}

// totals says how many changes apply makes ("29 changes") and what they
// do to what ("create 9 articles, 7 translations; upload 2 images"),
// every change counted, the link fills too.
func totals(p *Plan) (count, what string) {
	fills := findLinkFills(p)
	counts := map[tallyItem]int{}
	var unknown []tallyItem
	for _, c := range p.Changes {
		t := tallyOf(c, fills.is[c])
		if counts[t] == 0 && !slices.Contains(tallyOrder, t) {
			unknown = append(unknown, t)
		}
		counts[t]++
	}
	var groups, items []string
	var verb string
	flush := func() {
		if len(items) > 0 {
			groups = append(groups, verb+" "+strings.Join(items, ", "))
		}
		items = nil
	}
	for _, t := range append(append([]tallyItem(nil), tallyOrder...), unknown...) {
		n := counts[t]
		if n == 0 {
			continue
		}
		if t.verb != verb {
			flush()
			verb = t.verb
		}
		items = append(items, fmt.Sprintf("%d %s", n, Plural(n, t.one, t.many)))
	}
	flush()
	n := len(p.Changes)
	return fmt.Sprintf("%d %s", n, Plural(n, "change", "changes")), strings.Join(groups, "; ")
}

// Totals counts the plan's changes per action, with "changes" the total:
// what the JSON plan's "totals" holds.
func Totals(p *Plan) map[string]int {
	m := map[string]int{"changes": len(p.Changes)}
	for a, n := range p.Counts() {
		m[string(a)] = n
	}
	return m
}
