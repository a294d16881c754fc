package cachefile

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	w := NewWriter("magic\n", 3, 0)
	w.Uvarint(300)
	w.Varint(-7)
	w.Uint64(1<<64 - 1)
	w.Bool(true)
	w.String("héllo")
	w.Uvarint(2) // a count of two one-byte items
	w.Bool(false)
	w.Bool(true)
	data := w.Bytes()

	r, err := NewReader(data, "magic\n", 3)
	if err != nil {
		t.Fatal(err)
	}
	if v := r.Uvarint(); v != 300 {
		t.Errorf("Uvarint = %d", v)
	}
	if v := r.Varint(); v != -7 {
		t.Errorf("Varint = %d", v)
	}
	if v := r.Uint64(); v != 1<<64-1 {
		t.Errorf("Uint64 = %d", v)
	}
	if !r.Bool() {
		t.Error("Bool = false")
	}
	if s := r.String(); s != "héllo" {
		t.Errorf("String = %q", s)
	}
	if n := r.Count(1); n != 2 || r.Bool() || !r.Bool() {
		t.Errorf("Count = %d, or the items after it misread", n)
	}
	if err := r.Err(); err != nil {
		t.Errorf("Err = %v", err)
	}
}

func TestRefusesDamage(t *testing.T) {
	good := NewWriter("magic\n", 3, 0)
	good.String("abc")
	for name, c := range map[string]struct {
		data    string
		version uint64
		read    func(r *Reader)
	}{
		"other magic":      {"magix\n\x03\x03abc", 3, func(r *Reader) { _ = r.String() }},
		"other version":    {string(good.Bytes()), 4, func(r *Reader) { _ = r.String() }},
		"short string":     {"magic\n\x03\x05abc", 3, func(r *Reader) { _ = r.String() }},
		"bytes left over":  {string(good.Bytes()) + "x", 3, func(r *Reader) { _ = r.String() }},
		"bad bool":         {"magic\n\x03\x02", 3, func(r *Reader) { r.Bool() }},
		"count beyond end": {"magic\n\x03\xff\xff\x03ab", 3, func(r *Reader) { r.Count(1) }},
		"short word":       {"magic\n\x03\x01\x02", 3, func(r *Reader) { r.Uint64() }},
		"empty":            {"", 3, func(r *Reader) {}},
	} {
		r, err := NewReader([]byte(c.data), "magic\n", c.version)
		if err == nil {
			c.read(r)
			err = r.Err()
		}
		if err == nil {
			t.Errorf("%s: read without error", name)
		}
	}
}

// TestChecksumCatchesEveryFlip flips each bit of a file in turn: every
// damaged copy is refused before a field is read, so no damage can read
// back as other values (a title with one letter changed).
func TestChecksumCatchesEveryFlip(t *testing.T) {
	w := NewWriter("magic\n", 3, 0)
	w.String("Hardware Support")
	w.Uvarint(42)
	w.Uint64(7)
	w.Bool(true)
	good := w.Bytes()
	if _, err := NewReader(good, "magic\n", 3); err != nil {
		t.Fatalf("the good file: %v", err)
	}
	for i := range good {
		for bit := range 8 {
			data := append([]byte(nil), good...)
			data[i] ^= 1 << bit
			_, err := NewReader(data, "magic\n", 3)
			if err == nil {
				t.Fatalf("flipping bit %d of byte %d: read without error", bit, i)
			}
			// The magic line and the version byte name the format; a
			// flip there reads as another format, anywhere else as damage.
			want := ErrChecksum
			if i <= len("magic\n") {
				want = ErrOtherVersion
			}
			if !errors.Is(err, want) {
				t.Errorf("flipping bit %d of byte %d: error %v, want %v", bit, i, err, want)
			}
		}
	}
}

// TestDamageReportedAndRebuilt: a damaged file reads as empty, says why
// once, and is written again on the next Save even when the run learnt
// nothing, so the report does not repeat.
func TestDamageReportedAndRebuilt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cache.bin")
	decode := func(data []byte) (map[string]string, error) {
		r, err := NewReader(data, "magic\n", 1)
		if err != nil {
			return nil, err
		}
		m := map[string]string{}
		for range r.Count(1) {
			m[r.String()] = r.String()
		}
		return m, r.Err()
	}
	encode := func(m map[string]string) []byte {
		w := NewWriter("magic\n", 1, 0)
		w.Uvarint(uint64(len(m)))
		for k, v := range m {
			w.String(k)
			w.String(v)
		}
		return w.Bytes()
	}
	if e := ReadEntries(path, decode); e.Damage() != nil {
		t.Errorf("a missing file reported as damage: %v", e.Damage())
	}
	older := NewWriter("magic\n", 0, 0).Bytes()
	if err := os.WriteFile(path, older, 0o644); err != nil {
		t.Fatal(err)
	}
	if e := ReadEntries(path, decode); !errors.Is(e.Damage(), ErrOtherVersion) {
		t.Errorf("a file of an older version: damage %v, want ErrOtherVersion", e.Damage())
	}
	data := encode(map[string]string{"a.md": "Hardware Support"})
	data[len(data)/2] ^= 1
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	e := ReadEntries(path, decode)
	if e.ReadCount() != 0 || !errors.Is(e.Damage(), ErrChecksum) {
		t.Fatalf("damaged file: %d entries, damage %v; want 0 and ErrChecksum", e.ReadCount(), e.Damage())
	}
	if got := e.Damage().Error(); got != "damaged (checksum mismatch)" {
		t.Errorf("damage reads %q", got)
	}
	if err := e.Save(path, encode); err != nil {
		t.Fatal(err)
	}
	if e := ReadEntries(path, decode); e.Damage() != nil {
		t.Errorf("after Save the file is still damaged: %v", e.Damage())
	}
}
