package content

// Kinds of problem package content reports.
const (
	KindUnknownKey    = "unknown-key"
	KindMisplacedKey  = "misplaced-key"
	KindBadValue      = "bad-value"
	KindMissingTitle  = "missing-title"
	KindEmptyTitle    = "empty-title"
	KindNoFrontMatter = "no-front-matter"
)
