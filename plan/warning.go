package plan

// WarningKind says what a Warning is about. Its text is the "kind" of
// the JSON plan (docs/plan-schema.md), which scripts and the Action
// match on: a kind's text never changes.
type WarningKind string

// Warning kinds.
const (
	// WarningingDrift: the help center's copy was edited after the last apply
	// (or commit), and apply overwrites that edit.
	WarningDrift WarningKind = "drift"
	// WarningingPruneWithoutSince: --prune without --since deletes nothing.
	WarningPruneWithoutSince WarningKind = "prune-without-since"
	// WarningArchiveCap: the plan archives more than max_archive allows.
	WarningArchiveCap WarningKind = "archive-cap"
	// WarningingPendingDraft: the help center holds unpublished edits that
	// apply replaces or discards.
	WarningPendingDraft WarningKind = "pending-draft"
	// WarningingOutdated: the help center marks a translation outdated.
	WarningOutdated WarningKind = "outdated"
	// WarningingAmbiguousAdopt: several remote articles could be adopted.
	WarningAmbiguousAdopt WarningKind = "ambiguous-adopt"
	// WarningingOrphanTranslation: a remote translation lost its file.
	WarningOrphanTranslation WarningKind = "orphan-translation"
	// WarningingDuplicateTitle: another article of the section has the title.
	WarningDuplicateTitle WarningKind = "duplicate-title"
	// WarningingForgottenIDs: ids were dropped with --forget-ids.
	WarningForgottenIDs WarningKind = "forgotten-ids"
	// WarningingMissingTranslation: a required locale has no file.
	WarningMissingTranslation WarningKind = "missing-translation"
)

// WarningKinds lists every kind, for documentation checks.
var WarningKinds = []WarningKind{
	WarningDrift, WarningPruneWithoutSince, WarningArchiveCap, WarningPendingDraft, WarningOutdated,
	WarningAmbiguousAdopt, WarningOrphanTranslation, WarningDuplicateTitle, WarningForgottenIDs, WarningMissingTranslation,
}
