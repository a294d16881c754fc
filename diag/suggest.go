package diag

import "strconv"

// Nearest returns the word of known closest to word by edit distance, or
// "" when none is close enough to be a plausible typo. Callers use it for
// "did you mean" hints on unknown keys.
func Nearest(word string, known []string) string {
	best, bestDist := "", -1
	for _, k := range known {
		d := levenshtein(word, k)
		if bestDist < 0 || d < bestDist {
			best, bestDist = k, d
		}
	}
	// Allow about one edit per three letters, and at least two, so that
	// "labls" finds "labels" while "colour" does not find "slug".
	limit := max(2, len(word)/3)
	if bestDist < 0 || bestDist > limit || bestDist >= len(word) {
		return ""
	}
	return best
}

// levenshtein is the edit distance between a and b, counted in bytes:
// keys are ASCII, so runes would buy nothing.
func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// DidYouMean returns ` (did you mean "x"?)` for the candidate nearest to v,
// or "" when none is near enough to be a likely typo.
func DidYouMean(v string, candidates []string) string {
	if best := Nearest(v, candidates); best != "" {
		return " (did you mean " + strconv.Quote(best) + "?)"
	}
	return ""
}
