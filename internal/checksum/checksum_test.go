package checksum

import "testing"

func TestPiecesSumAsWhole(t *testing.T) {
	whole := "---\ntitle: A\n---\nBody with <a href=\"x\">a link</a>.\n"
	for cut := 0; cut <= len(whole); cut++ {
		d := New()
		d.WriteString(whole[:cut])
		d.Write([]byte(whole[cut:]))
		if got, want := d.Sum(), Of([]byte(whole)); got != want {
			t.Fatalf("cut at %d: %x, want %x", cut, got, want)
		}
	}
	if String(whole) != Of([]byte(whole)) {
		t.Error("String and Of disagree")
	}
}

// TestKnownValue pins the function: caches written by one build are
// read by the next, and a silent change would make every entry miss.
func TestKnownValue(t *testing.T) {
	// sha256("abc") = ba7816bf8f01cfea 414140de5dae2223 …
	if got := Of([]byte("abc")); got != 0xba7816bf8f01cfea {
		t.Errorf("Of(abc) = %x, want ba7816bf8f01cfea", got)
	}
}

func TestOneByteChanges(t *testing.T) {
	seen := map[uint64]string{}
	base := []byte("Install the app, then sign in.")
	for i := range base {
		for _, c := range []byte("aeiou .") {
			b := append([]byte{}, base...)
			b[i] = c
			sum := Of(b)
			if prev, ok := seen[sum]; ok && prev != string(b) {
				t.Fatalf("%q and %q share %x", prev, b, sum)
			}
			seen[sum] = string(b)
		}
	}
}

func BenchmarkOf(b *testing.B) {
	body := make([]byte, 8<<10)
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		Of(body)
	}
}
