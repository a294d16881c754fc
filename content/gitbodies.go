package content

import (
	"crypto/sha256"
	"errors"
	"fmt"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/hcsync/hcsync/internal/cachefile"
)

// bodyDigest identifies a file's body (its content after the
// front-matter): the first 16 bytes of its SHA-256. The staleness check
// compares bodies, never front-matter, so it compares these.
type bodyDigest [16]byte

// BodyCache remembers the body digest of each git blob the staleness
// check compared, by blob hash. A blob never changes, so an entry stays
// true across commits, branches and checkouts: a plan on a checkout
// that gained a few commits reads only the blobs those commits brought.
// The cache only spares work: a missing or damaged one costs one slower
// plan.
type BodyCache struct {
	blobs *cachefile.Entries[plumbing.Hash, bodyDigest]
}

// bodyCacheVersion changes whenever what a body is (see bodyOf) changes;
// a cache of another version is ignored.
const bodyCacheVersion = 1

const bodyCacheMagic = "hcsync-git-bodies\n"

// NewBodyCache returns an empty cache.
func NewBodyCache() *BodyCache {
	return &BodyCache{blobs: cachefile.NewEntries[plumbing.Hash, bodyDigest]()}
}

// ReadBodyCache reads a cache written by Save. A missing, damaged or
// outdated file gives an empty cache.
func ReadBodyCache(path string) *BodyCache {
	return &BodyCache{blobs: cachefile.ReadEntries(path, decodeBodyCache)}
}

// Damage is why the file ReadBodyCache found was ignored, to report; nil
// when it was read or there was none. Save writes it again.
func (c *BodyCache) Damage() error { return c.blobs.Damage() }

// Hits is the number of blobs whose digest came from the cache.
func (c *BodyCache) Hits() int { return c.blobs.Hits() }

// Save writes the entries the runs since it was read used, atomically:
// blobs no walk reaches any more are dropped. It writes nothing when
// they are what the file held.
func (c *BodyCache) Save(path string) error {
	if c == nil {
		return nil
	}
	return c.blobs.Save(path, encodeBodyCache)
}

// UseBodyCache makes r take body digests from c and note those it
// computes there; without one each Staleness reads every blob it
// compares.
func (r *Repo) UseBodyCache(c *BodyCache) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.bodyCache = c
}

// digests is what one Staleness call knows of blob bodies.
type digests struct {
	r     *Repo
	cache *BodyCache // nil without one
	seen  map[plumbing.Hash]bodyDigest
	// bodies are those read whole, for counting lines: the translations
	// of one source share its versions.
	bodies map[plumbing.Hash][]byte
}

func (r *Repo) newDigests() *digests {
	return &digests{r: r, cache: r.bodyCache, seen: map[plumbing.Hash]bodyDigest{}, bodies: map[plumbing.Hash][]byte{}}
}

// body returns blob h's body, read once per call.
func (d *digests) body(h plumbing.Hash) ([]byte, error) {
	if b, ok := d.bodies[h]; ok {
		return b, nil
	}
	b, err := d.r.blobBody(h)
	if err != nil {
		return nil, err
	}
	d.bodies[h] = b
	return b, nil
}

// of returns the digest of blob h's body, from this call, the cache, or
// read from the repository.
func (d *digests) of(h plumbing.Hash) (bodyDigest, error) {
	if v, ok := d.seen[h]; ok {
		return v, nil
	}
	if d.cache != nil {
		if v, ok := d.cache.blobs.Read(h); ok {
			d.cache.blobs.Confirm(h, v)
			d.seen[h] = v
			return v, nil
		}
	}
	body, err := d.r.blobBody(h)
	if err != nil {
		return bodyDigest{}, err
	}
	// Not kept in bodies: most blobs compared are never counted.
	sum := sha256.Sum256(body)
	v := bodyDigest(sum[:16])
	d.seen[h] = v
	if d.cache != nil {
		d.cache.blobs.Learn(h, v, nil)
	}
	return v, nil
}

// blobBody reads blob h and returns its body.
func (r *Repo) blobBody(h plumbing.Hash) ([]byte, error) {
	data, err := r.readBlob(h)
	if errors.Is(err, plumbing.ErrObjectNotFound) {
		return nil, fmt.Errorf("this version is not in the clone (a blobless or partial clone?): fetch it or clone without --filter: %w", err)
	}
	if err != nil {
		return nil, err
	}
	return bodyOf(data), nil
}

func encodeBodyCache(blobs map[plumbing.Hash]bodyDigest) []byte {
	w := cachefile.NewWriter(bodyCacheMagic, bodyCacheVersion, 40*len(blobs))
	w.Uvarint(uint64(len(blobs)))
	for h, d := range blobs {
		w.String(string(h[:]))
		w.String(string(d[:]))
	}
	return w.Bytes()
}

func decodeBodyCache(data []byte) (map[plumbing.Hash]bodyDigest, error) {
	rd, err := cachefile.NewReader(data, bodyCacheMagic, bodyCacheVersion)
	if err != nil {
		return nil, err
	}
	n := rd.Count(2 + len(plumbing.Hash{}) + len(bodyDigest{}))
	out := make(map[plumbing.Hash]bodyDigest, n)
	for i := 0; i < n && !rd.Failed(); i++ {
		h, d := rd.String(), rd.String()
		if len(h) != len(plumbing.Hash{}) || len(d) != len(bodyDigest{}) {
			return nil, fmt.Errorf("git body cache: entry %d: a hash of %d bytes and a digest of %d", i, len(h), len(d))
		}
		out[plumbing.Hash([]byte(h))] = bodyDigest([]byte(d))
	}
	if err := rd.Err(); err != nil {
		return nil, err
	}
	return out, nil
}
