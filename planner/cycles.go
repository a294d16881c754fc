package planner

import (
	"maps"
	"slices"
	"strings"

	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers"
)

// breakLinkCycles handles new articles that link to each other (or to
// themselves): neither can be written with the other's URL first. Each
// create in such a cycle is made as a draft whose links into the cycle
// are inert, then one update writes the final body once every target
// exists and leaves the translation in the file's draft state. No reader
// ever sees a broken link.
func (pl *planner) breakLinkCycles() {
	changes := pl.plan.Changes
	index := make(map[string]int, len(changes))
	for i, c := range changes {
		index[c.Key] = i
	}
	// Edges: a creating change -> the creating changes its links wait for.
	edges := make([][]int, len(changes))
	hasEdges := false
	for i, c := range changes {
		if (c.Action != plan.ActionCreate && c.Action != plan.ActionCreateTranslation) || len(c.Links) == 0 {
			continue
		}
		for _, file := range c.Links {
			if j, ok := index[pl.creatorKey(file)]; ok {
				edges[i] = append(edges[i], j)
				hasEdges = true
			}
		}
	}
	// A new article's translations wait for its create: with a link from
	// the article to one of them ("lire en français") that is a cycle too.
	for i, c := range changes {
		if c.Action == plan.ActionCreateTranslation && c.ArticleID == "" {
			if j, ok := index[plan.KeyOf(plan.ActionCreate, c.Article)]; ok {
				edges[i] = append(edges[i], j)
			}
		}
	}
	if !hasEdges {
		return
	}
	comp, cyclic := stronglyConnected(edges)
	out := make([]*plan.Change, 0, len(changes))
	// Help.Center refuses to publish a translation while its article is
	// unpublished: when a source is published late, its article's other
	// locales wait for it.
	sourcePublish := map[string]string{} // article -> key of the change that publishes its source
	drafted := map[string]bool{}         // cycle members, now written as drafts first
	for i, c := range changes {
		out = append(out, c)
		if !cyclic[i] {
			continue
		}
		drafted[c.Key] = true
		sameCycle := func(key string) bool {
			j, ok := index[key]
			return ok && comp[j] == comp[i]
		}
		var tin *providers.TranslationInput
		if c.Create != nil {
			tin = &c.Create.Source
		} else {
			tin = &c.Translation.TranslationInput
		}
		final := *tin
		wantDraft := tin.Draft
		allLinks := c.Links

		first := tin.Body
		links := map[string]string{}
		for tok, file := range allLinks {
			if sameCycle(pl.creatorKey(file)) {
				first = strings.ReplaceAll(first, `="`+plan.LinkPrefix+tok, `="#`)
			} else {
				links[tok] = file
			}
		}
		tin.Body, tin.Draft = first, true
		c.Links = links
		// Links into the cycle are inert now, so their deps go; the
		// article's own create stays: a translation needs its article.
		var deps []string
		for _, d := range c.Deps {
			if !sameCycle(d) || d == plan.KeyOf(plan.ActionCreate, c.Article) {
				deps = append(deps, d)
			}
		}
		c.Deps = deps

		// The update leaves the translation in its final draft state: on
		// every provider that is one write less than a separate publish.
		final.Draft = wantDraft
		upd := &plan.Change{
			Key: plan.KeyOf(plan.ActionUpdateTranslation, c.File), Action: plan.ActionUpdateTranslation, File: c.File, Article: c.Article,
			Locale: c.Locale, Title: c.Title, Deps: []string{c.Key}, Links: allLinks,
			Translation: &plan.TranslationSpec{TranslationInput: final},
			Fields:      []plan.FieldChange{{Field: "links", Old: "inert", New: "to articles this plan creates"}},
		}
		// In the files' order: a map's would make two plans of one tree
		// differ, and a saved plan compare unequal with a fresh one.
		for _, file := range slices.Sorted(maps.Values(allLinks)) {
			upd.Deps = appendUnique(upd.Deps, pl.creatorKey(file))
		}
		out = append(out, upd)
		if !wantDraft {
			upd.Fields = append(upd.Fields, plan.FieldChange{Field: "draft", Old: "true", New: "false"})
			if c.Action == plan.ActionCreate {
				sourcePublish[c.Article] = upd.Key
			}
		}
	}
	for _, c := range out {
		if key, ok := sourcePublish[c.Article]; ok && c.File != c.Article && c.Key != key && !drafted[c.Key] {
			c.Deps = appendUnique(c.Deps, key)
		}
	}
	pl.plan.Changes = out
}

// stronglyConnected labels the strongly connected components of a graph
// (Tarjan's algorithm) and reports the nodes that lie on a cycle: in a
// component of two or more, or with an edge to themselves.
func stronglyConnected(edges [][]int) (comp []int, cyclic []bool) {
	n := len(edges)
	comp = make([]int, n)
	cyclic = make([]bool, n)
	index := make([]int, n)
	low := make([]int, n)
	onStack := make([]bool, n)
	for i := range index {
		index[i] = -1
	}
	var stack []int
	next, label := 0, 0
	var visit func(v int)
	visit = func(v int) {
		index[v], low[v] = next, next
		next++
		stack = append(stack, v)
		onStack[v] = true
		for _, w := range edges[v] {
			if index[w] < 0 {
				visit(w)
				low[v] = min(low[v], low[w])
			} else if onStack[w] {
				low[v] = min(low[v], index[w])
			}
		}
		if low[v] != index[v] {
			return
		}
		var members []int
		for {
			w := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			onStack[w] = false
			comp[w] = label
			members = append(members, w)
			if w == v {
				break
			}
		}
		if len(members) > 1 {
			for _, m := range members {
				cyclic[m] = true
			}
		}
		label++
	}
	for v := 0; v < n; v++ {
		if index[v] < 0 {
			visit(v)
		}
		for _, w := range edges[v] {
			if w == v {
				cyclic[v] = true
			}
		}
	}
	return comp, cyclic
}
