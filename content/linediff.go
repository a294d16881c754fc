package content

import "bytes"

// maxDiffLines bounds the quadratic part of LinesChanged: beyond it the
// differing middle counts as wholly replaced.
const maxDiffLines = 4000

// LinesChanged counts the lines removed from a plus the lines added in
// b, as a line diff of the two shows them.
func LinesChanged(a, b []byte) int {
	x, y := lines(a), lines(b)
	for len(x) > 0 && len(y) > 0 && x[0] == y[0] {
		x, y = x[1:], y[1:]
	}
	for len(x) > 0 && len(y) > 0 && x[len(x)-1] == y[len(y)-1] {
		x, y = x[:len(x)-1], y[:len(y)-1]
	}
	if len(x) > maxDiffLines || len(y) > maxDiffLines {
		return len(x) + len(y)
	}
	return len(x) + len(y) - 2*lcs(x, y)
}

func lines(b []byte) []string {
	if len(b) == 0 {
		return nil
	}
	parts := bytes.SplitAfter(b, []byte("\n"))
	if len(parts[len(parts)-1]) == 0 {
		parts = parts[:len(parts)-1]
	}
	out := make([]string, len(parts))
	for i, p := range parts {
		out[i] = string(bytes.TrimSuffix(p, []byte("\n")))
	}
	return out
}

// lcs is the length of the longest common subsequence of x and y, in
// two rows of memory.
func lcs(x, y []string) int {
	prev, cur := make([]int, len(y)+1), make([]int, len(y)+1)
	for i := range x {
		for j := range y {
			switch {
			case x[i] == y[j]:
				cur[j+1] = prev[j] + 1
			case prev[j+1] >= cur[j]:
				cur[j+1] = prev[j+1]
			default:
				cur[j+1] = cur[j]
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(y)]
}
