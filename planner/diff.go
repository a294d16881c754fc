package planner

import (
	"fmt"
	"strconv"
	"strings"
)

// maxDiffLines bounds the body diff shown in a plan: a reviewer reads the
// start of a long rewrite, not all of it, and the LCS table stays small.
const maxDiffLines = 400

// diffContext is how many unchanged lines a hunk shows around a change,
// as git does.
const diffContext = 3

// diffOp is one line of a diff: ' ' same, '-' old only, '+' new only,
// with its 0-based line in the old and the new text.
type diffOp struct {
	kind byte
	text string
	a, b int
}

// lineDiff returns a unified diff of two texts the way git prints one:
// hunks headed "@@ -l,n +l,n @@", then " same", "-old" and "+new"
// lines, diffContext unchanged lines around each change; where lines are
// replaced, the old ones come first.
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
	out := hunks(diffOps(a, b))
	if truncated {
		out += "… (diff cut at " + strconv.Itoa(maxDiffLines) + " lines)\n"
	}
	return out
}

// diffOps aligns a and b on a longest common subsequence of lines.
func diffOps(a, b []string) []diffOp {
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
	ops := make([]diffOp, 0, len(a)+len(mb))
	for k := range pre {
		ops = append(ops, diffOp{' ', a[k], k, k})
	}
	i, j := 0, 0
	for i < len(ma) || j < len(mb) {
		switch {
		case i < len(ma) && j < len(mb) && ma[i] == mb[j]:
			ops = append(ops, diffOp{' ', ma[i], pre + i, pre + j})
			i++
			j++
		case i < len(ma) && (j == len(mb) || lcs[i+1][j] >= lcs[i][j+1]):
			ops = append(ops, diffOp{'-', ma[i], pre + i, pre + j})
			i++
		default:
			ops = append(ops, diffOp{'+', mb[j], pre + i, pre + j})
			j++
		}
	}
	for k := range suf {
		ops = append(ops, diffOp{' ', a[len(a)-suf+k], len(a) - suf + k, len(b) - suf + k})
	}
	return ops
}

// hunks prints the changes of ops with their context, one "@@" header
// per run of changes closer than twice the context.
func hunks(ops []diffOp) string {
	var b strings.Builder
	for start := 0; start < len(ops); {
		first := start
		for first < len(ops) && ops[first].kind == ' ' {
			first++
		}
		if first == len(ops) {
			break
		}
		lo := max(start, first-diffContext)
		hi := first // one past the last change of the hunk
		for k := first; k < len(ops); k++ {
			if ops[k].kind != ' ' {
				hi = k + 1
			} else if k-hi >= 2*diffContext {
				break
			}
		}
		end := min(len(ops), hi+diffContext)
		writeHunk(&b, ops[lo:end])
		start = end
	}
	return b.String()
}

func writeHunk(b *strings.Builder, ops []diffOp) {
	na, nb := 0, 0
	for _, op := range ops {
		if op.kind != '+' {
			na++
		}
		if op.kind != '-' {
			nb++
		}
	}
	fmt.Fprintf(b, "@@ -%s +%s @@\n", hunkRange(ops[0].a, na), hunkRange(ops[0].b, nb))
	for _, op := range ops {
		b.WriteByte(op.kind)
		b.WriteString(strings.TrimRight(op.text, " \t"))
		b.WriteByte('\n')
	}
}

// hunkRange is "l,n" with l 1-based, or the line before for an empty
// range, as unified diffs write it.
func hunkRange(at, n int) string {
	if n == 0 {
		return strconv.Itoa(at) + ",0"
	}
	return strconv.Itoa(at+1) + "," + strconv.Itoa(n)
}

func splitLines(s string) []string {
	s = strings.TrimRight(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}
