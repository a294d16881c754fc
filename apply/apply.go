package apply

import (
	"container/heap"
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers"
)

// Executor applies a Plan to a provider: changes run as a dependency
// graph with bounded concurrency; a failed change fails only what depends
// on it.
type Executor struct {
	Provider providers.Provider
	// Concurrency bounds the writes in flight (default 8).
	Concurrency int
	// Root is the content folder, where upload-image changes read their
	// files.
	Root string
	// WriteID records a created or adopted article's id in its file, or
	// a created section's in its folder's _section.md or _category.md (a
	// path relative to the content root); nil with --no-write-ids.
	WriteID func(file, id string) error
	// OnResult, when set, is called after each change ends, one call at
	// a time (progress bars, CI lines).
	OnResult func(r plan.Result, done, total int)
}

// Preflighter is implemented by providers that can check, before the
// first write and without writing, that their credentials allow writing
// (Zendesk's user role) or at least are valid (Help.Center's key).
type Preflighter interface {
	Preflight(ctx context.Context, write bool) error
}

// run is the state of one Apply.
type run struct {
	e    *Executor
	plan *plan.Plan

	mu         sync.Mutex
	articleIDs map[string]string // source file -> remote id
	sectionIDs map[string]string // folder -> remote section id
	claimed    map[string]bool   // remote ids bound to files
	urls       map[string]string // translation file -> URL, for link placeholders
	articleURL map[string]string // source file -> article URL
	imageURLs  map[string]string // short image hash -> URL
	// idNotWritten holds, by change key, the id write-back that failed.
	idNotWritten map[string]*plan.IDWrite
	// resolvedBy holds, by change key, the placeholders of the body the
	// change wrote and the URLs that replaced them.
	resolvedBy map[string]map[string]string
	relistMu   sync.Mutex
	// listings are the sections re-listed right before their first
	// create, one listing per section shared by its creates.
	listings map[string]*sectionListing
	// lateAdopted are the source files bound, instead of created, to an
	// article another run made since the plan.
	lateAdopted map[string]bool
	// sections are the help center's sections, listed once right before
	// the first create-section; lateSections the ones bound since.
	sections     sectionsListing
	lateSections map[string]bool
	lookups      sectionLookups
	// pending are the images waiting for an article to be attached to,
	// by short hash (providers whose images are article attachments).
	pending map[string]*pendingImage
}

// Apply runs the plan. Cancelling ctx (Ctrl-C) starts no new change;
// changes in flight finish, so nothing is left half-written.
func (e *Executor) Apply(ctx context.Context, p *plan.Plan) *plan.Report {
	r := &run{e: e, plan: p, articleIDs: map[string]string{}, sectionIDs: map[string]string{}, claimed: map[string]bool{},
		urls: map[string]string{}, articleURL: map[string]string{}, imageURLs: map[string]string{}, resolvedBy: map[string]map[string]string{},
		idNotWritten: map[string]*plan.IDWrite{},
		listings:     map[string]*sectionListing{}, lateAdopted: map[string]bool{}, lateSections: map[string]bool{},
		pending: map[string]*pendingImage{}}
	report := &plan.Report{Results: make([]plan.Result, len(p.Changes))}
	// A plan may come from a file (a saved plan): check every change
	// before anything reads them or writes, so a broken one cannot stop
	// the run half way.
	if err := p.Validate(); err != nil {
		report.PlanError = err.Error() + ": make a new plan with hcsync plan"
		skipAll(report, p, "not started: the plan is invalid")
		return report
	}
	for _, c := range p.Changes {
		if c.ArticleID != "" && c.Article != "" {
			r.articleIDs[c.Article] = c.ArticleID
		}
		if c.ArticleID != "" {
			r.claimed[c.ArticleID] = true
		}
		// Only these changes carry the article's own URL; the others carry
		// their translation's.
		if c.URL != "" && c.Article != "" && (c.Action == plan.ActionCreateTranslation || c.Action == plan.ActionUpdateMeta || c.Action == plan.ActionAdopt) {
			r.articleURL[c.Article] = c.URL
		}
	}
	if len(p.Changes) == 0 {
		return report
	}
	if pf, ok := e.Provider.(Preflighter); ok && hasWrites(p) {
		if err := pf.Preflight(ctx, true); err != nil {
			report.PreflightError = err.Error()
			skipAll(report, p, "not started: the credentials cannot write")
			return report
		}
	}

	index := make(map[string]int, len(p.Changes))
	for i, c := range p.Changes {
		index[c.Key] = i
	}
	waiting := make([]int, len(p.Changes)) // unfinished deps
	dependents := make([][]int, len(p.Changes))
	for i, c := range p.Changes {
		for _, d := range c.Deps {
			if j, ok := index[d]; ok {
				waiting[i]++
				dependents[j] = append(dependents[j], i)
			}
		}
	}

	limit := e.Concurrency
	if limit <= 0 {
		limit = 8
	}
	// In-flight writes must finish even after Ctrl-C, or a create could
	// land without its id being recorded.
	work := context.WithoutCancel(ctx)
	var g errgroup.Group
	g.SetLimit(limit)
	finished := make(chan int, len(p.Changes))
	ready := &readyQueue{rank: scheduleRanks(p, dependents)}
	for i := range p.Changes {
		if waiting[i] == 0 {
			heap.Push(ready, i)
		}
	}
	done, total := 0, len(p.Changes)
	ended := make([]bool, len(p.Changes))
	finish := func(i int, res plan.Result) {
		report.Results[i] = res
		ended[i] = true
		done++
		switch res.Status {
		case plan.StatusApplied:
			report.Applied++
		case plan.StatusFailed:
			report.Failed++
		case plan.StatusSkipped:
			report.Skipped++
		}
		if e.OnResult != nil {
			e.OnResult(res, done, total)
		}
	}
	var skip func(i int, why string)
	skip = func(i int, why string) {
		if ended[i] {
			return
		}
		res := resultOf(p.Changes[i], plan.StatusSkipped, nil)
		res.Error = why
		finish(i, res)
		for _, d := range dependents[i] {
			skip(d, "depends on "+p.Changes[i].Key+", which was not applied")
		}
	}
	inFlight := 0
	for done < total {
		// Start no more than the limit, so the loop is back to report
		// each result as it ends, not once the whole first wave (every
		// image, say) has been handed out.
		for inFlight < limit && ready.Len() > 0 {
			i := heap.Pop(ready).(int)
			if ctx.Err() != nil {
				report.Interrupted = true
				skip(i, "interrupted before it started")
				continue
			}
			inFlight++
			g.Go(func() error {
				res := r.apply(work, p.Changes[i])
				report.Results[i] = res
				finished <- i
				return nil
			})
		}
		if inFlight == 0 {
			break
		}
		var i int
		select {
		case i = <-finished:
		case <-ctx.Done():
			// Keep waiting for in-flight changes; ready ones are skipped
			// on the next pass.
			report.Interrupted = true
			i = <-finished
		}
		inFlight--
		res := report.Results[i]
		finish(i, res)
		for _, d := range dependents[i] {
			if res.Status != plan.StatusApplied {
				skip(d, "depends on "+p.Changes[i].Key+", which failed")
				continue
			}
			waiting[d]--
			if waiting[d] == 0 && !ended[d] {
				heap.Push(ready, d)
			}
		}
	}
	_ = g.Wait()
	why := "interrupted before it started"
	if !report.Interrupted {
		// Nothing was left to run, yet these never became ready.
		why = "never started: it waits on a dependency cycle in the plan (a bug in hcsync: please report it with the plan as JSON)"
	}
	for i := range p.Changes {
		if !ended[i] {
			skip(i, why)
		}
	}
	for _, res := range report.Results {
		if w := res.IDNotWritten; w != nil {
			report.IDErrors = append(report.IDErrors, res.File+": "+w.Message())
		}
	}
	return report
}

// skipAll reports every change of p skipped, for why.
func skipAll(report *plan.Report, p *plan.Plan, why string) {
	for i, c := range p.Changes {
		if c == nil {
			report.Results[i] = plan.Result{Status: plan.StatusSkipped, Error: why}
			continue
		}
		res := resultOf(c, plan.StatusSkipped, nil)
		res.Error = why
		report.Results[i] = res
	}
	report.Skipped = len(p.Changes)
}

// scheduleRanks orders the changes that are ready to start: by their
// place in the plan, except that an image upload ranks with the first
// change that needs it. Images are planned before every article, so in
// plan order an apply would upload them all before its first article,
// and a run stopped half-way would have published nothing.
func scheduleRanks(p *plan.Plan, dependents [][]int) []int {
	rank := make([]int, len(p.Changes))
	for i, c := range p.Changes {
		rank[i] = i
		if c.Action == plan.ActionUploadImage && len(dependents[i]) > 0 {
			rank[i] = len(p.Changes)
			for _, d := range dependents[i] {
				rank[i] = min(rank[i], d)
			}
		}
	}
	return rank
}

// readyQueue holds the indexes of the changes ready to start, lowest
// rank first (ties: plan order), as a container/heap.
type readyQueue struct {
	idx  []int
	rank []int
}

func (q *readyQueue) Len() int { return len(q.idx) }
func (q *readyQueue) Less(a, b int) bool {
	i, j := q.idx[a], q.idx[b]
	if q.rank[i] != q.rank[j] {
		return q.rank[i] < q.rank[j]
	}
	return i < j
}
func (q *readyQueue) Swap(a, b int) { q.idx[a], q.idx[b] = q.idx[b], q.idx[a] }
func (q *readyQueue) Push(x any)    { q.idx = append(q.idx, x.(int)) }
func (q *readyQueue) Pop() any {
	last := q.idx[len(q.idx)-1]
	q.idx = q.idx[:len(q.idx)-1]
	return last
}

func hasWrites(p *plan.Plan) bool {
	for _, c := range p.Changes {
		if c.Action.Writes() {
			return true
		}
	}
	return false
}

func resultOf(c *plan.Change, s plan.Status, err error) plan.Result {
	res := plan.Result{Key: c.Key, Action: c.Action, File: c.File, Subject: c.Subject(), Locale: c.Locale, ArticleID: c.ArticleID, Status: s}
	if err != nil {
		res.Error = err.Error()
		var apiErr *providers.APIError
		if errors.As(err, &apiErr) {
			res.HTTPStatus = apiErr.StatusCode
		}
	}
	return res
}

// apply performs one change.
func (r *run) apply(ctx context.Context, c *plan.Change) plan.Result {
	start := time.Now()
	note, err := r.do(ctx, c)
	status := plan.StatusApplied
	if err != nil {
		status = plan.StatusFailed
	}
	res := resultOf(c, status, err)
	res.Note = note
	res.Duration = time.Since(start)
	r.mu.Lock()
	res.Resolved = r.resolvedBy[c.Key]
	res.IDNotWritten = r.idNotWritten[c.Key]
	r.mu.Unlock()
	if res.ArticleID == "" {
		res.ArticleID = r.articleID(c)
	}
	return res
}

func (r *run) articleID(c *plan.Change) string {
	if c.ArticleID != "" {
		return c.ArticleID
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.articleIDs[c.Article]
}

func (r *run) sectionID(ref plan.SectionRef) (string, error) {
	if ref.ID != "" || ref.Dir == "" {
		return ref.ID, nil // "" for none: an article that stands alone
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	id, ok := r.sectionIDs[ref.Dir]
	if !ok {
		return "", fmt.Errorf("section %s was not created", ref.Dir)
	}
	return id, nil
}

func (r *run) do(ctx context.Context, c *plan.Change) (string, error) {
	p := r.e.Provider
	switch c.Action {
	case plan.ActionCreateSection:
		return r.createSection(ctx, c)
	case plan.ActionUpdateSection, plan.ActionUpdateCategory:
		return "", p.UpdateSection(ctx, c.SectionUpdate.ID, c.SectionUpdate.SectionUpdate)
	case plan.ActionCreateTag:
		_, err := p.CreateTag(ctx, c.Tag)
		if errors.Is(err, providers.ErrOutcomeUnknown) {
			tax, terr := p.Taxonomy(ctx)
			if terr == nil {
				if _, ok := providers.LookupName(tax.Tags, c.Tag); ok {
					return "recovered: the tag exists after a lost response", nil
				}
				_, err = p.CreateTag(ctx, c.Tag)
			}
		}
		return "", err
	case plan.ActionUploadImage:
		return r.uploadImage(ctx, c)
	case plan.ActionCreate:
		return r.create(ctx, c)
	case plan.ActionAdopt:
		r.bind(c.Article, c.ArticleID)
		r.writeID(c, plan.IDWrite{File: c.Article, ID: c.ArticleID})
		return "", nil
	case plan.ActionAdoptSection:
		r.writeID(c, plan.IDWrite{File: c.File, ID: c.SectionUpdate.ID, Folder: true})
		return "", nil
	case plan.ActionUpdateMeta:
		meta := c.Meta.Meta
		if c.Meta.Section != nil {
			id, err := r.sectionID(*c.Meta.Section)
			if err != nil {
				return "", err
			}
			meta.SectionID = &id
		}
		_, err := p.UpdateArticle(ctx, c.ArticleID, meta)
		return "", err
	case plan.ActionCreateTranslation:
		id := r.articleID(c)
		if err := r.attachPending(ctx, id, c.Translation.Body); err != nil {
			return "", err
		}
		in, err := r.resolved(c, c.Translation.TranslationInput)
		if err != nil {
			return "", err
		}
		if r.adoptedLate(c.Article) {
			// The run that made the article may have made this locale too.
			return r.writeTranslation(ctx, c, id, in)
		}
		tr, err := p.CreateTranslation(ctx, id, in)
		note := ""
		if errors.Is(err, providers.ErrOutcomeUnknown) {
			// The translation may exist now: writing it as an update is
			// safe either way.
			tr, err = p.UpdateTranslation(ctx, id, in)
			note = "recovered: updated after a lost response"
			if errors.Is(err, providers.ErrNotFound) {
				tr, err = p.CreateTranslation(ctx, id, in)
				note = ""
			}
		}
		if err == nil {
			r.setURL(c.File, tr.Link(), c.Article)
		}
		return note, err
	case plan.ActionUpdateTranslation:
		if err := r.attachPending(ctx, r.articleID(c), c.Translation.Body); err != nil {
			return "", err
		}
		in, err := r.resolved(c, c.Translation.TranslationInput)
		if err != nil {
			return "", err
		}
		_, err = p.UpdateTranslation(ctx, r.articleID(c), in)
		return "", err
	case plan.ActionDiscardDraft:
		d, ok := p.(providers.DraftDiscarder)
		if !ok {
			return "", fmt.Errorf("this provider cannot discard unpublished edits: make a new plan with hcsync plan, which updates the translation instead")
		}
		return "", d.DiscardDraft(ctx, c.ArticleID, c.Locale)
	case plan.ActionDeleteTranslation:
		err := p.DeleteTranslation(ctx, c.ArticleID, c.Locale)
		if errors.Is(err, providers.ErrNotFound) {
			return "already gone", nil
		}
		return "", err
	case plan.ActionPublish:
		return "", p.Publish(ctx, r.articleID(c), c.Locale)
	case plan.ActionUnpublish:
		return "", p.Unpublish(ctx, r.articleID(c), c.Locale)
	case plan.ActionArchive:
		err := p.Archive(ctx, c.ArticleID)
		if errors.Is(err, providers.ErrNotFound) {
			return "already gone", nil
		}
		return "", err
	case plan.ActionCreateRedirect, plan.ActionUpdateRedirect, plan.ActionDeleteRedirect:
		return r.redirect(ctx, c)
	}
	return "", fmt.Errorf("unknown action %q", c.Action)
}

func (r *run) bind(article, id string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.articleIDs[article] = id
	r.claimed[id] = true
}

// writeID writes w.ID into w.File for change c; a failure is recorded for
// c's result (IDNotWritten), since the remote change stands.
func (r *run) writeID(c *plan.Change, w plan.IDWrite) {
	if r.e.WriteID == nil {
		return
	}
	if err := r.e.WriteID(w.File, w.ID); err != nil {
		w.Err = err.Error()
		r.mu.Lock()
		r.idNotWritten[c.Key] = &w
		r.mu.Unlock()
	}
}

// resolved returns in with its body's placeholders replaced by the URLs
// of what this apply created.
func (r *run) resolved(c *plan.Change, in providers.TranslationInput) (providers.TranslationInput, error) {
	return r.resolvedWith(c, in, false)
}

// resolvedWith is resolved where, with blankImages, images not uploaded
// yet get an empty URL rather than fail the change.
func (r *run) resolvedWith(c *plan.Change, in providers.TranslationInput, blankImages bool) (providers.TranslationInput, error) {
	if !plan.HasPlaceholder(in.Body) {
		return in, nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	resolved := map[string]string{}
	body, err := plan.ResolvePlaceholders(in.Body, func(kind, key string) (string, bool) {
		var u string
		var ok bool
		if kind == "image" {
			u, ok = r.imageURLs[key]
			if !ok && blankImages {
				return "", true
			}
		} else if file, known := c.Links[key]; known {
			u, ok = r.urls[file]
			ok = ok && u != ""
		}
		if ok {
			resolved[plan.Placeholder(kind, key)] = u
		}
		return u, ok
	})
	if err != nil {
		return in, err
	}
	r.resolvedBy[c.Key] = resolved
	in.Body = body
	return in, nil
}
