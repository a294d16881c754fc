// Package checksum names content by what it holds: the first 64 bits
// of its SHA-256. The caches key bodies by it (a file's Markdown, a help
// center's HTML), so two different bodies must practically never share
// one; a cryptographic hash, which CPUs compute in hardware (SHA-NI,
// ARMv8), gives that at a cost the whole-run benchmarks do not see.
package checksum

import (
	"crypto/sha256"
	"encoding/binary"
	"hash"
	"io"
)

// Of is the checksum of b.
func Of(b []byte) uint64 {
	sum := sha256.Sum256(b)
	return binary.BigEndian.Uint64(sum[:8])
}

// String is the checksum of s.
func String(s string) uint64 {
	d := New()
	d.WriteString(s)
	return d.Sum()
}

// Digest computes a checksum of data given in pieces, so that a body
// need not be put together only to be summed.
type Digest struct{ h hash.Hash }

// New returns an empty Digest.
func New() *Digest { return &Digest{h: sha256.New()} }

// Write adds b to the data.
func (d *Digest) Write(b []byte) { d.h.Write(b) }

// WriteString adds s to the data.
func (d *Digest) WriteString(s string) { io.WriteString(d.h, s) }

// Sum is the checksum of everything written.
func (d *Digest) Sum() uint64 {
	var buf [sha256.Size]byte
	return binary.BigEndian.Uint64(d.h.Sum(buf[:0])[:8])
}
