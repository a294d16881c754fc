package cachefile

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// A file of "key=value" lines stands in for a real cache's format.
func encodeLines(m map[string]int) []byte {
	var b strings.Builder
	for k, v := range m {
		b.WriteString(k + "=" + strconv.Itoa(v) + "\n")
	}
	return []byte(b.String())
}

func decodeLines(data []byte) (map[string]int, error) {
	m := map[string]int{}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		k, v, ok := strings.Cut(line, "=")
		n, err := strconv.Atoi(v)
		if !ok || err != nil {
			return nil, errors.New("damaged")
		}
		m[k] = n
	}
	return m, nil
}

// TestEntriesSaveOnlyWhatChanged: a run that confirms every entry it
// read writes nothing; one that learns, drops or leaves an entry
// unconfirmed writes exactly the entries it kept.
func TestEntriesSaveOnlyWhatChanged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cache")
	os.WriteFile(path, []byte("a=1\nb=2\n"), 0o644)
	saved := func(run func(e *Entries[string, int])) string {
		t.Helper()
		os.WriteFile(path, []byte("a=1\nb=2\n"), 0o644)
		os.Chtimes(path, time0, time0)
		e := ReadEntries(path, decodeLines)
		run(e)
		if err := e.Save(path, encodeLines); err != nil {
			t.Fatal(err)
		}
		if info, _ := os.Stat(path); info.ModTime().Equal(time0) {
			return "(not written)"
		}
		m, _ := decodeLines(mustRead(t, path))
		return strconv.Itoa(len(m)) + " entries, a=" + strconv.Itoa(m["a"])
	}
	same := func(read int) bool { return read == 1 }
	for _, tt := range []struct {
		name string
		run  func(e *Entries[string, int])
		want string
	}{
		{"all confirmed", func(e *Entries[string, int]) { e.Confirm("a", 1); e.Confirm("b", 2) }, "(not written)"},
		{"learnt what was read", func(e *Entries[string, int]) { e.Learn("a", 1, same); e.Confirm("b", 2) }, "(not written)"},
		{"learnt anew", func(e *Entries[string, int]) { e.Learn("a", 5, nil); e.Confirm("b", 2) }, "2 entries, a=5"},
		{"one not seen", func(e *Entries[string, int]) { e.Confirm("a", 1) }, "1 entries, a=1"},
		{"dropped", func(e *Entries[string, int]) { e.Confirm("a", 1); e.Confirm("b", 2); e.Drop() }, "2 entries, a=1"},
		{"reset after confirming", func(e *Entries[string, int]) { e.Confirm("a", 1); e.Reset(); e.Confirm("b", 2) }, "1 entries, a=0"},
		{"learnt after confirming", func(e *Entries[string, int]) { e.Confirm("a", 1); e.Confirm("b", 2); e.Learn("a", 7, nil) }, "2 entries, a=7"},
		{"confirmed after learning", func(e *Entries[string, int]) { e.Learn("a", 7, nil); e.Confirm("a", 7); e.Confirm("b", 2) }, "2 entries, a=7"},
		{"confirmed, one read not", func(e *Entries[string, int]) { e.Confirm("b", 2); e.Learn("c", 3, nil) }, "2 entries, a=0"},
	} {
		if got := saved(tt.run); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
	os.WriteFile(path, []byte("a=1\nb=2\n"), 0o644)
	e := ReadEntries(path, decodeLines)
	e.Confirm("a", 1)
	e.Confirm("b", 2)
	if e.Hits() != 2 {
		t.Errorf("%d hits, want 2", e.Hits())
	}
	if v, ok := e.Peek("a"); !ok || v != 1 {
		t.Errorf("Peek(a) = %d, %v after confirming it", v, ok)
	}
	e = ReadEntries(filepath.Join(t.TempDir(), "missing"), decodeLines)
	if e.ReadCount() != 0 || e.Hits() != 0 {
		t.Error("a missing file read as entries")
	}
	os.WriteFile(path, []byte("not a cache"), 0o644)
	if e := ReadEntries(path, decodeLines); e.ReadCount() != 0 {
		t.Error("a damaged file read as entries")
	}
}

var time0 = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
