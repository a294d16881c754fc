package sync

import (
	"strconv"
	"strings"
)

// maxDiffLines bounds the body diff shown in a plan: a reviewer reads the
// start of a long rewrite, not all of it, and the LCS table stays small.
const maxDiffLines = 400

// lineDiff returns a unified-style diff of two texts ("- old", "+ new",
// "  same"), with unchanged runs longer than six lines folded.
func lineDiff(old, new string) string {
	a := splitLines(old)
	b := splitLines(new)
	truncated := false
	if len(a) > maxDiffLines {
		a, truncated = a[:maxDiffLines], true
	}
	if len(b) > maxDiffLines {
		b, truncated = b[:maxDiffLines], true
	}
	// Trim the common prefix and suffix before the quadratic step.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	ma, mb := a[pre:len(a)-suf], b[pre:len(b)-suf]
	// lcs[i][j] = length of the LCS of ma[i:] and mb[j:].
	lcs := make([][]int, len(ma)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(mb)+1)
	}
	for i := len(ma) - 1; i >= 0; i-- {
		for j := len(mb) - 1; j >= 0; j-- {
			if ma[i] == mb[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var ops []string
	for _, l := range a[:pre] {
		ops = append(ops, "  "+l)
	}
	i, j := 0, 0
	for i < len(ma) || j < len(mb) {
		switch {
		case i < len(ma) && j < len(mb) && ma[i] == mb[j]:
			ops = append(ops, "  "+ma[i])
			i++
			j++
		case j < len(mb) && (i == len(ma) || lcs[i][j+1] >= lcs[i+1][j]):
			ops = append(ops, "+ "+mb[j])
			j++
		default:
			ops = append(ops, "- "+ma[i])
			i++
		}
	}
	for _, l := range a[len(a)-suf:] {
		ops = append(ops, "  "+l)
	}
	out := foldContext(ops, 2)
	if truncated {
		out += "  … (diff cut at " + strconv.Itoa(maxDiffLines) + " lines)\n"
	}
	return out
}

// foldContext keeps ctx unchanged lines around each change and replaces
// the rest by "…".
func foldContext(ops []string, ctx int) string {
	keep := make([]bool, len(ops))
	for i, op := range ops {
		if op[0] != ' ' {
			for k := max(0, i-ctx); k <= min(len(ops)-1, i+ctx); k++ {
				keep[k] = true
			}
		}
	}
	var b strings.Builder
	skipped := false
	for i, op := range ops {
		if !keep[i] {
			skipped = true
			continue
		}
		if skipped {
			b.WriteString("  …\n")
			skipped = false
		}
		b.WriteString(strings.TrimRight(op, " "))
		b.WriteByte('\n')
	}
	if skipped {
		b.WriteString("  …\n")
	}
	return b.String()
}

func splitLines(s string) []string {
	s = strings.TrimRight(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}
