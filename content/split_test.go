package content

import "testing"

// splitSeeds are layouts where the fast and slow paths of split could
// disagree: delimiters with spaces, CRs or unicode spaces around them,
// blocks closed at EOF, never closed, or closed by a look-alike.
var splitSeeds = []string{
	"---\ntitle: A\n---\nbody\n",
	"---\ntitle: A\n---",
	"---\ntitle: A\n---\n",
	"---\n---\n",
	"---\n---",
	"---\n",
	"---",
	"---\n\n\n---\n\nbody",
	"---\ntitle: A\n--- \nbody\n",
	"---\ntitle: A\n ---\nbody\n",
	"---\ntitle: A\n---\r\nbody\r\n",
	"---\r\ntitle: A\r\n---\r\nbody\r\n",
	"---\ntitle: A\n\u00a0---\nbody\n",
	"---\ntitle: A\n---\u0085\nbody\n",
	"---\ntitle: A\n\t---\t\n---\nbody\n",
	"---\ntitle: A\n----\n---\nbody\n",
	"---\ntitle: A\n-- -\n---\nbody\n",
	"---\ntitle: A\n--- x\n---\nbody\n",
	"---\ntitle: A\n...\n---\n---\n",
	"---\ntitle: A\nbody without a close\n",
	"\n---\ntitle: A\n---\nbody\n",
	" ---\ntitle: A\n---\nbody\n",
	"--- \ntitle: A\n---\nbody\n",
	"\xef\xbb\xbf---\ntitle: A\n---\nbody\n",
	"---\ntitle: é\n---\nbödy\n---\n",
	"---\ntitle: A\n---\n---\nid: 4\n---\n",
	"no front-matter\n---\n",
	"",
}

func TestSplitFast(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		fast bool // splitFast takes it
		want document
	}{
		{
			name: "plain block",
			in:   "---\ntitle: A\nid: 1\n---\nbody\n",
			fast: true,
			want: document{open: true, closed: true, openLine: 1, yamlStart: 4, yamlEnd: 19, yamlLine: 2, bodyStart: 23, bodyLine: 5},
		},
		{
			name: "closed at EOF",
			in:   "---\ntitle: A\n---",
			fast: true,
			want: document{open: true, closed: true, openLine: 1, yamlStart: 4, yamlEnd: 13, yamlLine: 2, bodyStart: 16, bodyLine: 3},
		},
		{
			name: "empty block",
			in:   "---\n---\nbody",
			fast: true,
			want: document{open: true, closed: true, openLine: 1, yamlStart: 4, yamlEnd: 4, yamlLine: 2, bodyStart: 8, bodyLine: 3},
		},
		{
			name: "a later --- in the body stays in the body",
			in:   "---\ntitle: A\n---\n---\n",
			fast: true,
			want: document{open: true, closed: true, openLine: 1, yamlStart: 4, yamlEnd: 13, yamlLine: 2, bodyStart: 17, bodyLine: 4},
		},
		{
			name: "CRLF",
			in:   "---\r\ntitle: A\r\n---\r\nbody\r\n",
			want: document{open: true, closed: true, openLine: 1, yamlStart: 5, yamlEnd: 15, yamlLine: 2, bodyStart: 20, bodyLine: 4},
		},
		{
			name: "closing line with a trailing space",
			in:   "---\ntitle: A\n--- \nbody\n",
			want: document{open: true, closed: true, openLine: 1, yamlStart: 4, yamlEnd: 13, yamlLine: 2, bodyStart: 18, bodyLine: 4},
		},
		{
			name: "closing line with a no-break space",
			in:   "---\ntitle: A\n\u00a0---\nbody\n",
			want: document{open: true, closed: true, openLine: 1, yamlStart: 4, yamlEnd: 13, yamlLine: 2, bodyStart: 19, bodyLine: 4},
		},
		{
			name: "BOM",
			in:   "\xef\xbb\xbf---\ntitle: A\n---\nbody\n",
			want: document{open: true, closed: true, openLine: 1, yamlStart: 7, yamlEnd: 16, yamlLine: 2, bodyStart: 20, bodyLine: 4},
		},
		{
			name: "leading blank line",
			in:   "\n---\ntitle: A\n---\nbody\n",
			want: document{open: true, closed: true, openLine: 2, yamlStart: 5, yamlEnd: 14, yamlLine: 3, bodyStart: 18, bodyLine: 5},
		},
		{
			name: "never closed",
			in:   "---\ntitle: A\nbody\n",
			want: document{open: true, openLine: 1, bodyLine: 1},
		},
		{
			name: "no front-matter",
			in:   "body\n---\n",
			want: document{bodyLine: 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			data := []byte(tt.in)
			if got := split(data); got != tt.want {
				t.Errorf("split(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
			if got := splitSlow(data); got != tt.want {
				t.Errorf("splitSlow(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
			if _, ok := splitFast(data); ok != tt.fast {
				t.Errorf("splitFast(%q) took it: %v, want %v", tt.in, ok, tt.fast)
			}
		})
	}
}

// FuzzSplitFast holds splitFast to splitSlow's answer on every input it
// takes.
func FuzzSplitFast(f *testing.F) {
	for _, s := range append(splitSeeds, fuzzSeeds...) {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fast, ok := splitFast(data)
		if !ok {
			return
		}
		if slow := splitSlow(data); fast != slow {
			t.Fatalf("split %q:\nfast %+v\nslow %+v", data, fast, slow)
		}
	})
}
