package cachefile

import (
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

func TestWriteAtomicLeavesNoTemp(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nested")
	path := filepath.Join(dir, "cache.bin")
	for _, content := range []string{"one", "two"} {
		if err := WriteAtomic(path, []byte(content)); err != nil {
			t.Fatal(err)
		}
		if got, _ := os.ReadFile(path); string(got) != content {
			t.Errorf("file holds %q, want %q", got, content)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files left in the folder, want only the cache", len(entries))
	}
}
