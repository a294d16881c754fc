// Package cachefile reads and writes hcsync's cache files: a magic line,
// a version, then fields as varints, fixed 64-bit words and strings, and
// last a CRC-32C of everything before it, 4 bytes little-endian.
//
// The caches hold tens of thousands of entries and are read at the start
// of every plan; a flat format reads them in a fraction of the time gob
// or JSON take. A file that is truncated, damaged or of another version
// is refused as a whole, never half read: a cache only spares work.
//
// The checksum is verified before any field is read: without it a
// flipped bit in a title read back as another title, which a plan would
// publish. It is there against damage (disks, interrupted copies, cache
// restores in CI), not against someone forging a cache; CRC-32C detects
// every burst of up to 32 flipped bits and is computed in hardware, a
// fraction of a millisecond for the largest caches.
package cachefile

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"strings"
)

// The errors of a file that is not a whole cache of the expected kind
// and version, worded to follow "load cache" or "plan cache".
var (
	// ErrDamaged is a file whose fields do not read as they were written.
	ErrDamaged = errors.New("damaged")
	// ErrChecksum is a file whose checksum does not match: it wraps
	// ErrDamaged.
	ErrChecksum = fmt.Errorf("%w (checksum mismatch)", ErrDamaged)
	// ErrOtherVersion is a file of another kind or version (an older
	// hcsync's).
	ErrOtherVersion = errors.New("of another version")
)

// sumSize is the length of the trailing checksum.
const sumSize = 4

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Writer appends fields to a buffer.
type Writer struct{ buf []byte }

// NewWriter starts a file of the given kind and version; size is a hint
// of the bytes to come.
func NewWriter(magic string, version uint64, size int) *Writer {
	w := &Writer{buf: make([]byte, 0, size+len(magic)+10)}
	w.buf = append(w.buf, magic...)
	w.Uvarint(version)
	return w
}

// Uvarint appends an unsigned varint.
func (w *Writer) Uvarint(v uint64) { w.buf = binary.AppendUvarint(w.buf, v) }

// Varint appends a signed varint.
func (w *Writer) Varint(v int64) { w.buf = binary.AppendVarint(w.buf, v) }

// Uint64 appends a fixed 8-byte word: checksums, which varints would
// not shorten.
func (w *Writer) Uint64(v uint64) { w.buf = binary.LittleEndian.AppendUint64(w.buf, v) }

// Bool appends one byte, 0 or 1.
func (w *Writer) Bool(v bool) {
	b := byte(0)
	if v {
		b = 1
	}
	w.buf = append(w.buf, b)
}

// String appends a length-prefixed string.
func (w *Writer) String(s string) {
	w.Uvarint(uint64(len(s)))
	w.buf = append(w.buf, s...)
}

// Bytes returns the file's content, its checksum appended: call it once,
// after the last field.
func (w *Writer) Bytes() []byte {
	return binary.LittleEndian.AppendUint32(w.buf, crc32.Checksum(w.buf, castagnoli))
}

// Reader reads fields in the order they were written. After the first
// failure every read returns a zero value; Err reports it.
type Reader struct {
	rest   []byte
	failed bool
}

// NewReader checks the magic line, the version and the checksum of data.
// The version comes before the checksum so that a file an older hcsync
// wrote (without a checksum) reads as of another version, not damaged.
func NewReader(data []byte, magic string, version uint64) (*Reader, error) {
	rest, ok := strings.CutPrefix(string(data[:min(len(data), len(magic))]), magic)
	if !ok || rest != "" {
		return nil, ErrOtherVersion
	}
	v, n := binary.Uvarint(data[len(magic):])
	if n <= 0 || v != version {
		return nil, ErrOtherVersion
	}
	if len(data) < len(magic)+n+sumSize {
		return nil, ErrChecksum
	}
	body, sum := data[:len(data)-sumSize], data[len(data)-sumSize:]
	if crc32.Checksum(body, castagnoli) != binary.LittleEndian.Uint32(sum) {
		return nil, ErrChecksum
	}
	return &Reader{rest: body[len(magic)+n:]}, nil
}

// Uvarint reads an unsigned varint.
func (r *Reader) Uvarint() uint64 {
	v, n := binary.Uvarint(r.rest)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.rest = r.rest[n:]
	return v
}

// Varint reads a signed varint.
func (r *Reader) Varint() int64 {
	v, n := binary.Varint(r.rest)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.rest = r.rest[n:]
	return v
}

// Uint64 reads a fixed 8-byte word.
func (r *Reader) Uint64() uint64 {
	if len(r.rest) < 8 {
		r.fail()
		return 0
	}
	v := binary.LittleEndian.Uint64(r.rest)
	r.rest = r.rest[8:]
	return v
}

// Bool reads a byte written by Writer.Bool; any other byte is damage.
func (r *Reader) Bool() bool {
	if len(r.rest) == 0 || r.rest[0] > 1 {
		r.fail()
		return false
	}
	v := r.rest[0] == 1
	r.rest = r.rest[1:]
	return v
}

// String reads a length-prefixed string.
func (r *Reader) String() string {
	n := r.Uvarint()
	if n > uint64(len(r.rest)) {
		r.fail()
		return ""
	}
	s := string(r.rest[:n])
	r.rest = r.rest[n:]
	return s
}

// Count reads a number of items each at least min bytes long, refusing
// a count the rest of the file cannot hold, so that damage never makes
// the caller allocate for billions of items.
func (r *Reader) Count(min int) int {
	n := r.Uvarint()
	if n > uint64(len(r.rest)/max(min, 1)) {
		r.fail()
		return 0
	}
	return int(n)
}

// Err reports whether a read failed or bytes are left over; call it
// after the last read.
func (r *Reader) Err() error {
	if r.failed || len(r.rest) != 0 {
		return ErrDamaged
	}
	return nil
}

// Failed reports whether a read has failed so far, to stop a loop early.
func (r *Reader) Failed() bool { return r.failed }

func (r *Reader) fail() {
	r.failed = true
	r.rest = nil
}
