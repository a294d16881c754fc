package diag

import (
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestSplitYAMLError pins the 1-based line of yaml.v3's syntax errors,
// whose printed line is 0-based for parser errors and 1-based for
// scanner errors.
func TestSplitYAMLError(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src string
		line      int
		msg       string
	}{
		{"scanner error", "a: 1\n  b: x\n", 2, "mapping values are not allowed in this context"},
		{"scanner error on the first line", "a: b: c\n", 1, "mapping values are not allowed in this context"},
		{"tab indentation", "a: 1\n\tb: 2\n", 2, "found a tab character that violates indentation"},
		{"parser error at an unclosed flow mapping", "a: 1\nb: {x: 1\nc: 2\n", 2, "did not find expected ',' or '}'"},
		{"parser error at the end of the text", "a: 1\nb: [x,\n", 3, "did not find expected node content"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var n yaml.Node
			err := yaml.Unmarshal([]byte(tt.src), &n)
			if err == nil {
				t.Fatal("no error")
			}
			line, msg := SplitYAMLError(err)
			if line != tt.line || msg != tt.msg {
				t.Errorf("SplitYAMLError(%q) = %d, %q; want %d, %q", err, line, msg, tt.line, tt.msg)
			}
		})
	}
}
