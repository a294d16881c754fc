package cachefile

import (
	"os"
	"sync"

	"github.com/hcsync/hcsync/internal/atomicfile"
)

// Entries is the bookkeeping hcsync's caches share: the entries read
// from the file, and those the current run confirmed or learnt. Only the
// latter are saved, so a cache does not grow with files and bodies long
// gone, and a run that only confirmed what it read writes nothing.
type Entries[K comparable, V any] struct {
	mu  sync.Mutex
	old map[K]V // as read; never written after ReadEntries
	now map[K]V
	// confirmed are the entries confirmed since now was last brought up
	// to date: a run that changes nothing confirms every entry of a big
	// cache, and appending is much cheaper than a map's insert.
	confirmed []entry[K, V]
	hits      int
	learnt    bool
	// damage is why the file read could not be used; Save then writes
	// it again whatever the run learnt.
	damage error
}

type entry[K comparable, V any] struct {
	k K
	v V
}

// NewEntries returns an empty set.
func NewEntries[K comparable, V any]() *Entries[K, V] {
	return &Entries[K, V]{old: map[K]V{}, now: map[K]V{}}
}

// ReadEntries reads the file at path with decode. A missing, damaged or
// outdated file gives an empty set: a cache only spares work. Damage says
// why a file that was there was not used.
func ReadEntries[K comparable, V any](path string, decode func([]byte) (map[K]V, error)) *Entries[K, V] {
	e := NewEntries[K, V]()
	data, err := os.ReadFile(path)
	if err != nil {
		return e
	}
	old, err := decode(data)
	if err != nil {
		e.damage = err
		return e
	}
	e.old = old
	return e
}

// Damage is why the file ReadEntries found was ignored (ErrChecksum,
// ErrOtherVersion, or another decoding error), nil when it was read or
// there was none. Save replaces such a file even when the run learnt
// nothing, so it is reported once.
func (e *Entries[K, V]) Damage() error { return e.damage }

// Read returns the entry for k as the file held it. It is safe while
// others confirm and learn.
func (e *Entries[K, V]) Read(k K) (V, bool) {
	v, ok := e.old[k]
	return v, ok
}

// Peek returns the entry for k this run learnt, else the one read (which
// is what a confirmation keeps). It takes no lock: call it only while nothing confirms or
// learns (a plan's renderers look up tens of thousands of bodies, and a
// lock for each made them wait for each other).
func (e *Entries[K, V]) Peek(k K) (V, bool) {
	if v, ok := e.now[k]; ok {
		return v, true
	}
	return e.Read(k)
}

// Confirm keeps v, the entry Peek or Read gave for k, and counts a hit.
// A run confirms each key at most once.
func (e *Entries[K, V]) Confirm(k K, v V) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.confirmed = append(e.confirmed, entry[K, V]{k, v})
	e.hits++
}

// settle brings now up to date with the confirmations; call it with mu
// held.
func (e *Entries[K, V]) settle() {
	for _, c := range e.confirmed {
		e.now[c.k] = c.v
	}
	e.confirmed = nil
}

// Learn keeps v for k; same, when set, tells whether v is what the file
// held for k, in which case there is nothing new to save.
func (e *Entries[K, V]) Learn(k K, v V, same func(read V) bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.settle()
	if o, ok := e.old[k]; !ok || same == nil || !same(o) {
		e.learnt = true
	}
	e.now[k] = v
}

// Drop notes that an entry read is not kept: the file must be written.
func (e *Entries[K, V]) Drop() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.learnt = true
}

// Reset forgets what a previous run confirmed and learnt.
func (e *Entries[K, V]) Reset() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.now, e.confirmed, e.hits, e.learnt = map[K]V{}, nil, 0, false
}

// Hits is the number of entries confirmed.
func (e *Entries[K, V]) Hits() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.hits
}

// ReadCount is the number of entries the file held.
func (e *Entries[K, V]) ReadCount() int { return len(e.old) }

// Save writes the entries confirmed or learnt with encode, atomically,
// unless they are what the file held already.
func (e *Entries[K, V]) Save(path string, encode func(map[K]V) []byte) error {
	e.mu.Lock()
	if e.damage == nil && !e.learnt && len(e.now) == 0 && len(e.confirmed) == len(e.old) {
		e.mu.Unlock()
		return nil // every entry read confirmed, nothing else
	}
	e.settle()
	if e.damage == nil && !e.learnt && len(e.now) == len(e.old) {
		e.mu.Unlock()
		return nil
	}
	data := encode(e.now)
	e.mu.Unlock()
	return atomicfile.Write(path, data, 0o644)
}
