package readfile

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// fakeFile reads content at most chunk bytes a call, as a file that
// changed after its size was taken, or a read cut short, gives it.
type fakeFile struct {
	content []byte
	chunk   int
	reads   int
	err     error // returned once content is read, instead of io.EOF
}

func (f *fakeFile) read(b []byte) (int, error) {
	f.reads++
	if len(f.content) == 0 {
		if f.err != nil {
			return 0, f.err
		}
		return 0, io.EOF
	}
	n := copy(b[:min(len(b), f.chunk)], f.content)
	f.content = f.content[n:]
	return n, nil
}

// TestReadAll: the buffer holds the file as it is when read, whatever
// size the stat said, and a file of the size the stat said takes one read.
func TestReadAll(t *testing.T) {
	t.Parallel()
	content := bytes.Repeat([]byte("0123456789"), 1000)
	tests := []struct {
		name      string
		size      int64
		chunk     int
		wantReads int // 0: any
	}{
		{"as stated", 10_000, 1 << 20, 1},
		{"grew by one byte", 9_999, 1 << 20, 0},
		{"grew", 100, 1 << 20, 0},
		{"shrank", 20_000, 1 << 20, 2},
		{"short reads", 10_000, 7, 0},
		{"short reads, grew", 5_000, 7, 0},
		{"short reads, shrank", 15_000, 7, 0},
		{"no size", 0, 1 << 20, 0},
		{"size out of range", -1, 1 << 20, 0},
	}
	for _, tt := range tests {
		f := &fakeFile{content: content, chunk: tt.chunk}
		got, err := readAll(nil, f.read, tt.size)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if !bytes.Equal(got, content) {
			t.Errorf("%s: read %d bytes, want the %d of the file", tt.name, len(got), len(content))
		}
		if tt.wantReads != 0 && f.reads != tt.wantReads {
			t.Errorf("%s: %d reads, want %d", tt.name, f.reads, tt.wantReads)
		}
	}
	for _, size := range []int64{0, 5} {
		f := &fakeFile{}
		if got, err := readAll(nil, f.read, size); err != nil || len(got) != 0 {
			t.Errorf("empty file of stated size %d: %q, %v", size, got, err)
		}
	}
	broken := errors.New("input/output error")
	f := &fakeFile{content: content[:10], chunk: 4, err: broken}
	if got, err := readAll(nil, f.read, 20); err != broken {
		t.Errorf("failing read: %q, %v, want the error", got, err)
	}
}

// TestRead: Read reads what os.ReadFile reads and fails as it does.
func TestRead(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, size := range []int{0, 1, 4096, 100_000} {
		file := filepath.Join(dir, "f")
		want := bytes.Repeat([]byte{'x'}, size)
		if err := os.WriteFile(file, want, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := Read(file, make([]byte, 0, 10))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%d bytes: read %d bytes, %v", size, len(got), err)
		}
	}
	for _, name := range []string{filepath.Join(dir, "missing.json"), dir} {
		_, want := os.ReadFile(name)
		_, err := Read(name, nil)
		if err == nil || want == nil || err.Error() != want.Error() {
			t.Errorf("Read(%s): err = %v, want %v", name, err, want)
		}
		if errors.Is(want, os.ErrNotExist) != errors.Is(err, os.ErrNotExist) {
			t.Errorf("Read(%s): err = %v is not like %v", name, err, want)
		}
	}
}
