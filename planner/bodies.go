package planner

import (
	"strings"

	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/diag"
	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/render"
)

// renderBodies renders every translation's Markdown for the provider's
// profile, in parallel: it is the planner's hot path on big trees.
func (pl *planner) renderBodies() {
	type job struct {
		m *managedArticle
		t *content.Translation
	}
	var jobs []job
	for i := range pl.managed {
		m := &pl.managed[i]
		for _, t := range m.file.Translations {
			jobs = append(jobs, job{m, t})
		}
	}
	pl.links = newLinker(pl)
	out := make([]body, len(jobs))
	forEach(len(jobs), func(i int) { out[i] = pl.renderBody(jobs[i].m, jobs[i].t) })
	if c := pl.opts.Cache; c != nil {
		for i := range out {
			b := &out[i]
			switch {
			case b.hit:
				c.hit(b.key, cacheEntry{Remote: b.remote, Calls: b.calls})
			case b.learnt:
				c.keep(b.key, cacheEntry{Remote: b.remote, Calls: b.calls})
			}
		}
	}
	pl.bodies = make(map[string]*body, len(jobs))
	pl.refs = make(map[string]*refs)
	for i, j := range jobs {
		b := &out[i]
		pl.bodies[j.t.Path] = b
		if r := b.refs; r != nil && (len(r.links) > 0 || len(r.images) > 0) {
			pl.refs[j.t.Path] = r
		}
		pl.problems = append(pl.problems, b.problems...)
	}
}

// html is the HTML the translation at path renders to; "" when it
// renders to what the help center holds already.
func (pl *planner) html(path string) string {
	if b := pl.bodies[path]; b != nil {
		return b.html
	}
	return ""
}

// body is one translation's Markdown rendered for the provider, or the
// cache's word that it renders to what the help center holds.
type body struct {
	html     string
	problems []diag.Problem
	refs     *refs
	key      bodyKey
	calls    []resolverCall
	// unchanged is set when the body renders to the remote body as it
	// stands (rendered and compared, or shown by the cache); html is
	// then empty.
	unchanged bool
	// hit says the cache showed it; learnt that it was rendered, matched
	// the remote body whose checksum is remote, and the cache should
	// know. The renderers leave the cache alone: renderBodies tells it
	// afterwards, so the hot loop takes no lock.
	hit, learnt bool
	remote      uint64
}

// renderBody renders t, unless the plan cache proves the result would
// equal the remote translation: same Markdown, same answers from the
// link and image resolvers, same remote body as when they last matched.
func (pl *planner) renderBody(m *managedArticle, t *content.Translation) body {
	b := body{key: keyOf(pl.profile.Name, t)}
	var rt *providers.Translation
	if m.remote != nil {
		rt = providers.FindTranslation(m.remote, pl.locale(t.Locale))
	}
	if c := pl.opts.Cache; c != nil && rt != nil && rt.PendingBody == "" && rt.PendingTitle == "" {
		if e, ok := c.peek(b.key); ok && e.Remote == remoteSum(rt.Body) && pl.replay(t, e.Calls) {
			b.unchanged, b.calls, b.hit, b.remote = true, e.Calls, true, e.Remote
			return b
		}
	}
	r := &refs{}
	resolve := func(image bool, dest string) (string, error) {
		file, err := target(t.Path, dest)
		if err != nil {
			return "", err
		}
		var res string
		if image {
			res, err = pl.links.imageFile(file, r)
		} else {
			res, err = pl.links.linkFile(t, dest, file, r)
		}
		if err == nil {
			b.calls = append(b.calls, resolverCall{Image: image, Dest: dest, Target: file, Result: res})
		}
		return res, err
	}
	opts := render.Options{
		Profile: pl.profile,
		Link:    func(dest string, _ int) (string, error) { return resolve(false, dest) },
		Image:   func(src string, _ int) (string, error) { return resolve(true, src) },
		Rooted: func(dest string, image bool, _ int) (string, error) {
			res, err := pl.links.rooted(t, dest, image, r)
			if err == nil {
				// The target of a rooted call is the destination itself,
				// which no file of the tree is named like: replay asks
				// rooted again.
				b.calls = append(b.calls, resolverCall{Image: image, Dest: dest, Target: dest, Result: res})
			}
			return res, err
		},
	}
	src, err := pl.tree.Body(t)
	if err != nil {
		b.problems = append(b.problems, diag.Problem{File: t.Path, Msg: err.Error()})
		return b
	}
	res := render.Render(src, opts)
	for _, p := range res.Problems {
		line := 0
		if p.Line > 0 {
			line = t.BodyLine + p.Line - 1
		}
		b.problems = append(b.problems, diag.Problem{File: t.Path, Line: line, Msg: p.Msg})
	}
	anchorProblems, anchorCalls := pl.links.checkFragments(t, res)
	b.problems = append(b.problems, anchorProblems...)
	b.calls = append(b.calls, anchorCalls...)
	b.html, b.refs = res.HTML, r
	// Compare here, while the rendered HTML is at hand, so a body that
	// matches keeps nothing: on big trees the rendered bodies would
	// otherwise be the plan's largest allocation.
	if rt != nil && rt.PendingBody == "" && rt.PendingTitle == "" && len(b.problems) == 0 && !plan.HasPlaceholder(b.html) &&
		pl.sameBody(b.html, rt.Body) {
		b.learnt = pl.opts.Cache != nil
		b.remote = remoteSum(rt.Body)
		b.unchanged, b.html, b.refs = true, "", nil
	}
	return b
}

// proposeBodies tells the cache what each body-writing change would
// make true. A body with placeholders is learnt from the URLs the
// executor put in their place (Cache.Applied).
func (pl *planner) proposeBodies() {
	c := pl.opts.Cache
	if c == nil {
		return
	}
	c.forgetProposals()
	for _, ch := range pl.plan.Changes {
		var html string
		switch ch.Action {
		case plan.ActionCreate:
			html = ch.Create.Source.Body
		case plan.ActionCreateTranslation, plan.ActionUpdateTranslation:
			html = ch.Translation.Body
		default:
			continue
		}
		b := pl.bodies[ch.File]
		if b == nil || html == "" || len(b.problems) > 0 {
			continue
		}
		p := proposal{key: b.key, entry: cacheEntry{Calls: b.calls}}
		if plan.HasPlaceholder(html) || answeredWithPlaceholder(b.calls) {
			p.html = html
		} else {
			p.entry.Remote = remoteSum(html)
		}
		c.propose(ch.Key, p)
	}
}

// answeredWithPlaceholder reports whether a resolver answered a call
// with a placeholder: the body as first written in a link cycle has none
// left, but its links were made inert, so it is not what the next plan
// renders.
func answeredWithPlaceholder(calls []resolverCall) bool {
	for _, c := range calls {
		if strings.HasPrefix(c.Result, plan.LinkPrefix) || strings.HasPrefix(c.Result, plan.ImagePrefix) {
			return true
		}
	}
	return false
}

// replay asks the resolvers the cached questions again: the cached
// verdict holds only if every answer is the same (a target's URL, an
// image's upload, can change while the Markdown does not). Where a
// destination points in the tree depends only on the file and the
// destination, which the cache key and the body's checksum fix, so the
// cached target is asked about directly.
func (pl *planner) replay(t *content.Translation, calls []resolverCall) bool {
	r := &refs{}
	for _, c := range calls {
		if c.Anchor {
			if !pl.links.hasAnchor(t, c.Target, c.Dest) {
				return false
			}
			continue
		}
		var res string
		var err error
		if strings.HasPrefix(c.Target, "/") {
			res, err = pl.links.rooted(t, c.Dest, c.Image, r)
		} else if c.Image {
			res, err = pl.links.imageFile(c.Target, r)
		} else {
			res, err = pl.links.linkFile(t, c.Dest, c.Target, r)
		}
		if err != nil || res != c.Result {
			return false
		}
	}
	return true
}
