package planner

import (
	"strconv"

	"github.com/hcsync/hcsync/content"
)

// suggest returns ` (did you mean "x"?)` for the candidate nearest to v,
// or "" when none is near enough to be a likely typo.
func suggest(v string, candidates []string) string {
	if best := content.Nearest(v, candidates); best != "" {
		return " (did you mean " + strconv.Quote(best) + "?)"
	}
	return ""
}
