package sync

import (
	"bytes"
	"encoding/gob"
	"errors"
	"hash/crc64"
	"os"
	"path/filepath"
	gosync "sync"
)

// cacheVersion changes whenever rendering or comparison changes in a way
// that could make an old "equal" verdict wrong; a cache of another
// version is ignored.
const cacheVersion = 2

var crcTable = crc64.MakeTable(crc64.ECMA)

// bodyKey identifies a Markdown body rendered for one profile.
type bodyKey struct {
	Sum uint64 // crc64 of profile name, NUL, file, NUL, body
	Len int
}

// keyOf names the file too: two locales with the same text resolve their
// links differently and must not share an entry.
func keyOf(profile, file string, src []byte) bodyKey {
	h := crc64.Update(0, crcTable, []byte(profile))
	h = crc64.Update(h, crcTable, []byte{0})
	h = crc64.Update(h, crcTable, []byte(file))
	h = crc64.Update(h, crcTable, []byte{0})
	h = crc64.Update(h, crcTable, src)
	return bodyKey{Sum: h, Len: len(src)}
}

func remoteSum(body string) uint64 { return crc64.Checksum([]byte(body), crcTable) }

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

type cacheFile struct {
	Version int
	Entries map[bodyKey]cacheEntry
}

// LoadPlanCache reads a cache written by Save. A missing, unreadable or
// outdated file gives an empty cache: the plan is only slower.
func LoadPlanCache(path string) *PlanCache {
	c := NewPlanCache()
	data, err := os.ReadFile(path)
	if err != nil {
		return c
	}
	var f cacheFile
	if gob.NewDecoder(bytes.NewReader(data)).Decode(&f) == nil && f.Version == cacheVersion && f.Entries != nil {
		c.old = f.Entries
	}
	return c
}

// Save writes the entries this plan used or learnt (so the cache does
// not grow with bodies long gone), atomically.
func (c *PlanCache) Save(path string) error {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	f := cacheFile{Version: cacheVersion, Entries: c.now}
	var buf bytes.Buffer
	err := gob.NewEncoder(&buf).Encode(f)
	c.mu.Unlock()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".plan-cache-*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(buf.Bytes())
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
	c.now[k] = e
}
