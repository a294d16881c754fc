package planner

import (
	"runtime/debug"
	"slices"
	"strings"
	"sync"

	"github.com/hcsync/hcsync/internal/checksum"

	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/internal/cachefile"
	"github.com/hcsync/hcsync/plan"
)

// cacheVersion changes whenever rendering, comparison or the checksums
// change in a way that could make an old "equal" verdict wrong; a cache
// of another version is ignored. 9: callouts, heading attributes, task
// list marks, raw HTML references (TestCacheVersionFollowsRendering).
const cacheVersion = 11

// bodyKey identifies a Markdown body rendered for one profile.
type bodyKey struct {
	Name uint64 // checksum of profile name, NUL, file
	Body uint64 // checksum.Of the body
}

// keyOf names the file too: two locales with the same text resolve their
// links differently and must not share an entry. The body is known by
// its checksum, so a cached tree's bodies need not be read.
func keyOf(profile string, t *content.Translation) bodyKey {
	return bodyKey{Name: checksum.String(profile + "\x00" + t.Path), Body: t.BodySum}
}

func remoteSum(body string) uint64 { return checksum.String(body) }

// resolverCall is one link or image the renderer asked the planner to
// resolve, with the answer it got. Rendering is a pure function of the
// body, the profile and these answers.
type resolverCall struct {
	Image bool
	// Anchor marks a link's #fragment into another file, which a body
	// is right about only while that file keeps the heading: Dest is the
	// fragment, Result is empty, and a replay asks whether the page the
	// link opens still has it.
	Anchor bool
	Dest   string
	// Target is the file of the tree Dest points at.
	Target string
	Result string
}

// cacheEntry records that a body, rendered with these resolver answers,
// equalled a remote body with this checksum.
type cacheEntry struct {
	Remote uint64
	Calls  []resolverCall
}

// Cache remembers which bodies rendered to exactly what the help
// center holds, so a re-plan where nothing changed skips rendering and
// HTML comparison, the planner's hot path. It is an optimisation only:
// deleting it costs one slower plan.
//
// A Cache serves one plan at a time: NewPlan reads it without a lock
// while it renders.
type Cache struct {
	bodies *cachefile.Entries[bodyKey, cacheEntry]

	mu sync.Mutex
	// proposed holds, by change key, the entry each body-writing change
	// of the plan makes true once applied.
	proposed map[string]proposal
}

type proposal struct {
	key   bodyKey
	entry cacheEntry
	// html is the body as planned, when it holds placeholders: the
	// entry's checksum and answers are known only once they are resolved.
	html string
}

// Damage is why the file LoadCache found was ignored, to report;
// nil when it was read or there was none. Save writes it again.
func (c *Cache) Damage() error { return c.bodies.Damage() }

// Hits is the number of bodies this cache spared rendering.
func (c *Cache) Hits() int { return c.bodies.Hits() }

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{bodies: cachefile.NewEntries[bodyKey, cacheEntry]()}
}

// LoadCache reads a cache written by Save. A missing, unreadable or
// outdated file gives an empty cache: the plan is only slower.
func LoadCache(path string) *Cache {
	return &Cache{bodies: cachefile.ReadEntries(path, decodeCache)}
}

// The cache file is a cachefile of: the renderers' versions; a table of
// the strings the calls hold, as count then strings; the entry count;
// then per entry name, body and remote checksums, call count, then per
// call: image and anchor flags, then dest, target and result as indexes into the
// table. Links and images repeat across bodies (a section's image, a
// much-linked article), so the table makes the file smaller and its
// reading allocate each string once.
const cacheMagic = "hcsync-plan-cache\n"

// renderers names the versions of the modules that make and compare the
// HTML (goldmark renders, x/net/html parses for comparison, x/text slugs
// headings): an upgrade may render a body otherwise, and the cache's
// verdicts are about the output of these. A cache written by other
// versions is not read.
var renderers = func() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	var b strings.Builder
	for _, d := range bi.Deps {
		switch d.Path {
		case "github.com/yuin/goldmark", "golang.org/x/net", "golang.org/x/text":
			if d.Replace != nil {
				d = d.Replace
			}
			b.WriteString(d.Path + "@" + d.Version + " ")
		}
	}
	return b.String()
}()

func encodeCache(entries map[bodyKey]cacheEntry) []byte {
	index := map[string]uint64{}
	var table []string
	intern := func(s string) {
		if _, ok := index[s]; !ok {
			index[s] = uint64(len(table))
			table = append(table, s)
		}
	}
	for _, e := range entries {
		for _, call := range e.Calls {
			intern(call.Dest)
			intern(call.Target)
			intern(call.Result)
		}
	}
	w := cachefile.NewWriter(cacheMagic, cacheVersion, 32*len(entries))
	w.String(renderers)
	w.Uvarint(uint64(len(table)))
	for _, s := range table {
		w.String(s)
	}
	w.Uvarint(uint64(len(entries)))
	for k, e := range entries {
		w.Uint64(k.Name)
		w.Uint64(k.Body)
		w.Uint64(e.Remote)
		w.Uvarint(uint64(len(e.Calls)))
		for _, call := range e.Calls {
			w.Bool(call.Image)
			w.Bool(call.Anchor)
			w.Uvarint(index[call.Dest])
			w.Uvarint(index[call.Target])
			w.Uvarint(index[call.Result])
		}
	}
	return w.Bytes()
}

// decodeCache reads what encodeCache wrote; anything else, truncated or
// damaged, is an error and never a panic.
func decodeCache(data []byte) (map[bodyKey]cacheEntry, error) {
	r, err := cachefile.NewReader(data, cacheMagic, cacheVersion)
	if err != nil {
		return nil, err
	}
	if r.String() != renderers {
		return nil, cachefile.ErrDamaged
	}
	table := make([]string, r.Count(1))
	for i := range table {
		table[i] = r.String()
	}
	str := func() (string, bool) {
		i := r.Uvarint()
		if i >= uint64(len(table)) {
			return "", false
		}
		return table[i], true
	}
	count := r.Count(25)
	entries := make(map[bodyKey]cacheEntry, count)
	for range count {
		k := bodyKey{Name: r.Uint64(), Body: r.Uint64()}
		e := cacheEntry{Remote: r.Uint64()}
		if n := r.Count(4); n > 0 {
			e.Calls = make([]resolverCall, n)
		}
		for i := range e.Calls {
			c := &e.Calls[i]
			c.Image = r.Bool()
			c.Anchor = r.Bool()
			var okDest, okTarget, okResult bool
			c.Dest, okDest = str()
			c.Target, okTarget = str()
			c.Result, okResult = str()
			if !okDest || !okTarget || !okResult {
				return nil, cachefile.ErrDamaged
			}
		}
		if r.Failed() {
			break
		}
		entries[k] = e
	}
	if err := r.Err(); err != nil {
		return nil, err
	}
	return entries, nil
}

// Save writes the entries this plan used or learnt (so the cache does
// not grow with bodies long gone), atomically.
func (c *Cache) Save(path string) error {
	if c == nil {
		return nil
	}
	return c.bodies.Save(path, encodeCache)
}

// peek looks k up without a lock: the planner's renderers call it while
// nothing writes to the cache (renderBodies records hits and learnt
// entries once they are done).
func (c *Cache) peek(k bodyKey) (cacheEntry, bool) { return c.bodies.Peek(k) }

func (c *Cache) hit(k bodyKey, e cacheEntry) { c.bodies.Confirm(k, e) }

func (c *Cache) keep(k bodyKey, e cacheEntry) { c.bodies.Learn(k, e, e.equal) }

// propose records what the cache may learn if the change is applied: the
// body it writes is then what the help center holds.
func (c *Cache) propose(change string, p proposal) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.proposed[change] = p
}

// forgetProposals starts a plan's proposals afresh: those of an earlier
// plan on the same cache must not meet a later report's change keys.
func (c *Cache) forgetProposals() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.proposed = map[string]proposal{}
}

// Applied learns the bodies that the applied changes of r wrote, so the
// plan after an apply does not render them again. A help center that
// stores a body otherwise than sent (sanitising it) only costs that plan
// a render: the remote checksum no longer matches.
func (c *Cache) Applied(r *plan.Report) {
	if c == nil || r == nil {
		return
	}
	for _, res := range r.Results {
		if res.Status != plan.StatusApplied {
			continue
		}
		c.mu.Lock()
		p, ok := c.proposed[res.Key]
		c.mu.Unlock()
		if !ok {
			continue
		}
		if p.html != "" {
			var learnt bool
			if p.entry, learnt = p.resolve(res.Resolved); !learnt {
				continue
			}
		}
		c.keep(p.key, p.entry)
	}
}

// resolve fills in the entry of a body planned with placeholders, from
// the URLs the executor put in their place: the checksum of the body as
// written, and the answers the resolvers will give the next plan. A
// placeholder the write did not resolve (a link made inert in a link
// cycle's first write) leaves nothing to learn.
func (p proposal) resolve(urls map[string]string) (cacheEntry, bool) {
	// The checksum of the body as the executor wrote it, summed piece by
	// piece: building each body again would double what an apply holds.
	d := checksum.New()
	complete := true
	plan.EachPlaceholder(p.html, func(kind, key string) (string, bool) {
		u, ok := urls[plan.Placeholder(kind, key)]
		return u, ok
	}, d.WriteString, func(string) { complete = false })
	if !complete {
		return cacheEntry{}, false
	}
	e := cacheEntry{Remote: d.Sum(), Calls: slices.Clone(p.entry.Calls)}
	for i, call := range e.Calls {
		if answeredWithPlaceholder([]resolverCall{call}) {
			u, ok := urls[call.Result]
			if !ok {
				return cacheEntry{}, false
			}
			e.Calls[i].Result = u
		}
	}
	return e, true
}

func (e cacheEntry) equal(o cacheEntry) bool {
	return e.Remote == o.Remote && slices.Equal(e.Calls, o.Calls)
}
