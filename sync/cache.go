package sync

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"slices"
	gosync "sync"

	"github.com/hcsync/hcsync/content"
	"unsafe"
)

// cacheVersion changes whenever rendering, comparison or the checksums
// change in a way that could make an old "equal" verdict wrong; a cache
// of another version is ignored.
const cacheVersion = 5

// bodyKey identifies a Markdown body rendered for one profile.
type bodyKey struct {
	Name uint64 // checksum of profile name, NUL, file
	Body uint64 // content.Checksum of the body
}

// keyOf names the file too: two locales with the same text resolve their
// links differently and must not share an entry. The body is known by
// its checksum, so a cached tree's bodies need not be read.
func keyOf(profile string, t *content.Translation) bodyKey {
	return bodyKey{Name: content.Checksum([]byte(profile + "\x00" + t.Path)), Body: t.BodySum}
}

func remoteSum(body string) uint64 {
	// A read-only view, not a copy: remote bodies run to a hundred
	// megabytes on big help centers, and the checksum only reads them.
	return content.Checksum(unsafe.Slice(unsafe.StringData(body), len(body)))
}

// resolverCall is one link or image the renderer asked the planner to
// resolve, with the answer it got. Rendering is a pure function of the
// body, the profile and these answers.
type resolverCall struct {
	Image  bool
	Dest   string
	Result string
}

// cacheEntry records that a body, rendered with these resolver answers,
// equalled a remote body with this checksum.
type cacheEntry struct {
	Remote uint64
	Calls  []resolverCall
}

// PlanCache remembers which bodies rendered to exactly what the help
// center holds, so a re-plan where nothing changed skips rendering and
// HTML comparison, the planner's hot path. It is an optimisation only:
// deleting it costs one slower plan.
type PlanCache struct {
	mu   gosync.Mutex
	old  map[bodyKey]cacheEntry // as loaded
	now  map[bodyKey]cacheEntry // confirmed or learnt by this plan
	hits int
	// learnt is set when now holds an entry old lacks or has otherwise:
	// with it unset and every old entry confirmed, Save has nothing to
	// write.
	learnt bool
	// proposed holds, by change key, the entry each body-writing change
	// of the plan makes true once applied.
	proposed map[string]proposal
}

type proposal struct {
	key   bodyKey
	entry cacheEntry
}

// Hits is the number of bodies this cache spared rendering.
func (c *PlanCache) Hits() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hits
}

// NewPlanCache returns an empty cache.
func NewPlanCache() *PlanCache {
	return &PlanCache{old: map[bodyKey]cacheEntry{}, now: map[bodyKey]cacheEntry{}}
}

// LoadPlanCache reads a cache written by Save. A missing, unreadable or
// outdated file gives an empty cache: the plan is only slower.
func LoadPlanCache(path string) *PlanCache {
	c := NewPlanCache()
	data, err := os.ReadFile(path)
	if err != nil {
		return c
	}
	if entries, err := decodeCache(data); err == nil {
		c.old = entries
	}
	return c
}

// The cache file is a flat binary list, not gob: a warm re-plan of a big
// tree reads tens of thousands of entries, and gob's reflection cost
// more than the rest of reading the cache. Layout, integers as uvarints
// unless fixed:
//
//	magic "hcsync-plan-cache\n", version, entry count, then per entry:
//	name u64, body u64, remote u64 (little-endian), call count, then per
//	call: kind (0 link, 1 image), dest length, dest, result length, result.
const cacheMagic = "hcsync-plan-cache\n"

func encodeCache(entries map[bodyKey]cacheEntry) []byte {
	buf := make([]byte, 0, 64*len(entries)+len(cacheMagic)+20)
	buf = append(buf, cacheMagic...)
	buf = binary.AppendUvarint(buf, cacheVersion)
	buf = binary.AppendUvarint(buf, uint64(len(entries)))
	str := func(s string) {
		buf = binary.AppendUvarint(buf, uint64(len(s)))
		buf = append(buf, s...)
	}
	for k, e := range entries {
		buf = binary.LittleEndian.AppendUint64(buf, k.Name)
		buf = binary.LittleEndian.AppendUint64(buf, k.Body)
		buf = binary.LittleEndian.AppendUint64(buf, e.Remote)
		buf = binary.AppendUvarint(buf, uint64(len(e.Calls)))
		for _, call := range e.Calls {
			kind := byte(0)
			if call.Image {
				kind = 1
			}
			buf = append(buf, kind)
			str(call.Dest)
			str(call.Result)
		}
	}
	return buf
}

var errBadCache = errors.New("not a plan cache of this version")

// decodeCache reads what encodeCache wrote; anything else, truncated or
// damaged, is an error and never a panic.
func decodeCache(data []byte) (map[bodyKey]cacheEntry, error) {
	rest, ok := bytes.CutPrefix(data, []byte(cacheMagic))
	if !ok {
		return nil, errBadCache
	}
	uvarint := func() (uint64, bool) {
		v, n := binary.Uvarint(rest)
		if n <= 0 {
			return 0, false
		}
		rest = rest[n:]
		return v, true
	}
	u64 := func() (uint64, bool) {
		if len(rest) < 8 {
			return 0, false
		}
		v := binary.LittleEndian.Uint64(rest)
		rest = rest[8:]
		return v, true
	}
	str := func() (string, bool) {
		n, ok := uvarint()
		if !ok || n > uint64(len(rest)) {
			return "", false
		}
		s := string(rest[:n])
		rest = rest[n:]
		return s, true
	}
	if v, ok := uvarint(); !ok || v != cacheVersion {
		return nil, errBadCache
	}
	count, ok := uvarint()
	// Each entry takes at least 25 bytes: a count beyond that is damage.
	if !ok || count > uint64(len(rest))/25 {
		return nil, errBadCache
	}
	entries := make(map[bodyKey]cacheEntry, count)
	for range count {
		var k bodyKey
		var e cacheEntry
		var ok1, ok2, ok3, ok4 bool
		k.Name, ok1 = u64()
		k.Body, ok2 = u64()
		e.Remote, ok3 = u64()
		calls, ok4 := uvarint()
		if !ok1 || !ok2 || !ok3 || !ok4 || calls > uint64(len(rest))/3 {
			return nil, errBadCache
		}
		if calls > 0 {
			e.Calls = make([]resolverCall, calls)
		}
		for i := range e.Calls {
			if len(rest) == 0 || rest[0] > 1 {
				return nil, errBadCache
			}
			e.Calls[i].Image = rest[0] == 1
			rest = rest[1:]
			var okd, okr bool
			e.Calls[i].Dest, okd = str()
			e.Calls[i].Result, okr = str()
			if !okd || !okr {
				return nil, errBadCache
			}
		}
		entries[k] = e
	}
	if len(rest) != 0 {
		return nil, errBadCache
	}
	return entries, nil
}

// Save writes the entries this plan used or learnt (so the cache does
// not grow with bodies long gone), atomically.
func (c *PlanCache) Save(path string) error {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	if !c.learnt && len(c.now) == len(c.old) {
		c.mu.Unlock()
		return nil
	}
	data := encodeCache(c.now)
	c.mu.Unlock()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".plan-cache-*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func (c *PlanCache) lookup(k bodyKey) (cacheEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.now[k]; ok {
		return e, true
	}
	e, ok := c.old[k]
	return e, ok
}

func (c *PlanCache) hit(k bodyKey, e cacheEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now[k] = e
	c.hits++
}

func (c *PlanCache) keep(k bodyKey, e cacheEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if o, ok := c.old[k]; !ok || !o.equal(e) {
		c.learnt = true
	}
	c.now[k] = e
}

// propose records what the cache may learn if the change is applied: the
// body it writes is then what the help center holds.
func (c *PlanCache) propose(change string, k bodyKey, e cacheEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.proposed == nil {
		c.proposed = map[string]proposal{}
	}
	c.proposed[change] = proposal{k, e}
}

// Applied learns the bodies that the applied changes of r wrote, so the
// plan after an apply does not render them again. A help center that
// stores a body otherwise than sent (sanitising it) only costs that plan
// a render: the remote checksum no longer matches.
func (c *PlanCache) Applied(r *Report) {
	if c == nil || r == nil {
		return
	}
	for _, res := range r.Results {
		if res.Status != StatusApplied {
			continue
		}
		c.mu.Lock()
		p, ok := c.proposed[res.Key]
		c.mu.Unlock()
		if ok {
			c.keep(p.key, p.entry)
		}
	}
}

func (e cacheEntry) equal(o cacheEntry) bool {
	return e.Remote == o.Remote && slices.Equal(e.Calls, o.Calls)
}
