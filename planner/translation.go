package planner

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hcsync/hcsync/locales"

	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers"
)

// diffMeta compares article-level metadata; nil when nothing differs.
func (pl *planner) diffMeta(m managedArticle, want providers.ArticleMeta) *plan.Change {
	ra := m.remote
	var fields []plan.FieldChange
	var spec plan.MetaSpec
	if m.section.Dir != "" || m.section.ID != ra.SectionID {
		ref := m.section
		spec.Section = &ref
		fields = append(fields, plan.FieldChange{Field: "section", Old: pl.sectionName(plan.SectionRef{ID: ra.SectionID}), New: pl.sectionName(m.section)})
	}
	a := m.file
	if !pl.opts.Caps.SourceLocaleFixed && !locales.Equal(a.Locale, ra.SourceLocale) {
		l := pl.locale(a.Locale)
		spec.Meta.SourceLocale = &l
		fields = append(fields, plan.FieldChange{Field: "source_locale", Old: ra.SourceLocale, New: l})
	}
	list := func(field string, want *[]string, have []string, set func(*[]string)) {
		if want == nil {
			return
		}
		h := content.SortedUnique(have)
		if strings.Join(h, "\x00") != strings.Join(*want, "\x00") {
			set(want)
			fields = append(fields, plan.FieldChange{Field: field, Old: listString(h), New: listString(*want)})
		}
	}
	list("labels", want.Labels, ra.Labels, func(v *[]string) { spec.Meta.Labels = v })
	list("content_tags", want.ContentTags, ra.ContentTags, func(v *[]string) { spec.Meta.ContentTags = v })
	list("segments", want.Segments, ra.Segments, func(v *[]string) { spec.Meta.Segments = v })
	if have := pl.remote.Taxonomy.GroupName(ra); want.PermissionGroup != nil && *want.PermissionGroup != have {
		spec.Meta.PermissionGroup = want.PermissionGroup
		fields = append(fields, plan.FieldChange{Field: "permission_group", Old: have, New: *want.PermissionGroup})
	}
	boolean := func(field string, want *bool, have bool, set func(*bool)) {
		if want != nil && *want != have {
			set(want)
			fields = append(fields, plan.FieldChange{Field: field, Old: strconv.FormatBool(have), New: strconv.FormatBool(*want)})
		}
	}
	boolean("promoted", want.Promoted, ra.Promoted, func(v *bool) { spec.Meta.Promoted = v })
	boolean("comments_disabled", want.CommentsDisabled, ra.CommentsDisabled, func(v *bool) { spec.Meta.CommentsDisabled = v })
	if want.Position != nil && *want.Position != ra.Position {
		spec.Meta.Position = want.Position
		fields = append(fields, plan.FieldChange{Field: "position", Old: strconv.Itoa(ra.Position), New: strconv.Itoa(*want.Position)})
	}
	if len(fields) == 0 {
		return nil
	}
	return &plan.Change{Key: plan.KeyOf(plan.ActionUpdateMeta, a.Path), Action: plan.ActionUpdateMeta, File: a.Path, Fields: fields, Meta: &spec}
}

func listString(l []string) string {
	if len(l) == 0 {
		return "[]"
	}
	return "[" + strings.Join(l, ", ") + "]"
}

// diffTranslation compares one locale's title, body and extras; nil when
// they match. The update keeps the remote draft state: a draft flip is a
// publish or unpublish of its own. When only unpublished edits in the
// help center differ from the file, and the service can drop them from
// the article's source locale (isSource), the change is a discard-draft.
func (pl *planner) diffTranslation(t *content.Translation, rt *providers.Translation, isSource bool) (*plan.Change, []plan.Warning) {
	var fields []plan.FieldChange
	var warns []plan.Warning
	want := pl.html(t.Path)
	if !sameTitle(t.Title, rt.Title) {
		fields = append(fields, plan.FieldChange{Field: "title", Old: rt.Title, New: t.Title})
	}
	bodyDiff, bodyNote := "", ""
	b := pl.bodies[t.Path]
	bodySame := true
	switch {
	case b.unchanged:
	case pl.sameBody(want, rt.Body):
	default:
		bodySame = false
		fields = append(fields, plan.FieldChange{Field: "body", Old: "…", New: "…"})
		bodyDiff, bodyNote = pl.bodyDiff(t.Path, rt.Body, want)
	}
	desc, slug := pl.translationExtras(t)
	if desc != nil && *desc != rt.Description {
		fields = append(fields, plan.FieldChange{Field: "description", Old: rt.Description, New: *desc})
	}
	if slug != nil && *slug != rt.Slug {
		fields = append(fields, plan.FieldChange{Field: "slug", Old: rt.Slug, New: *slug})
	}
	if rt.PendingTitle != "" || rt.PendingBody != "" {
		var differs []string
		if rt.PendingTitle != "" && !sameTitle(rt.PendingTitle, t.Title) {
			differs = append(differs, "title")
		}
		if rt.PendingBody != "" && !pl.sameBody(want, rt.PendingBody) {
			differs = append(differs, "body")
		}
		if len(differs) > 0 && len(fields) == 0 && isSource && pl.opts.Caps.DiscardDraft && pl.outdatedFlag(t, rt, false) == nil {
			return pl.discardDraft(t, rt, differs)
		}
		if len(differs) > 0 {
			warns = append(warns, plan.Warning{File: t.Path, Kind: plan.WarningPendingDraft, Msg: "the help center holds unpublished edits to the " + strings.Join(differs, " and ") +
				" that differ from this file; apply replaces them with the file (hcsync export --drafts writes them out, to keep them)"})
			if len(fields) == 0 {
				fields = append(fields, plan.FieldChange{Field: "unpublished draft", Old: "differs", New: "replaced by the file"})
				if rt.PendingBody != "" && want != "" && !pl.sameBody(want, rt.PendingBody) {
					bodyDiff, bodyNote = pl.bodyDiff(t.Path, rt.PendingBody, want)
				}
			}
		}
	}
	outdated := pl.outdatedFlag(t, rt, len(fields) > 0)
	if outdated != nil {
		fields = append(fields, plan.FieldChange{Field: "outdated", Old: strconv.FormatBool(rt.Outdated), New: strconv.FormatBool(*outdated)})
	}
	if len(fields) == 0 {
		return nil, nil
	}
	if b.unchanged {
		// The cache spared the render, but the update sends the body too.
		// An article with no remote side never consults the cache. The
		// body is read now when the tree came from the load cache, and
		// the file may have changed since: never send a body that could
		// not be rendered.
		rb := pl.renderBody(&managedArticle{}, t)
		if len(rb.problems) > 0 {
			pl.addProblems(rb.problems)
			return nil, nil
		}
		want = rb.html
	}
	return &plan.Change{
		Key: plan.KeyOf(plan.ActionUpdateTranslation, t.Path), Action: plan.ActionUpdateTranslation, File: t.Path, Title: t.Title,
		Fields: fields, BodyDiff: bodyDiff, BodyNote: bodyNote,
		Translation: &plan.TranslationSpec{TranslationInput: providers.TranslationInput{Locale: pl.locale(t.Locale), Title: t.Title, Body: want, Draft: rt.Draft, Description: desc, Slug: slug, Outdated: outdated,
			TitleSame: t.Title == rt.Title, BodySame: bodySame}},
	}, warns
}

// discardDraft is the change that drops the unpublished edits of t's
// remote rt, whose published version equals the file: what stays live
// is the file, and nothing is written over the draft. differs names what
// the edits change ("title", "body"); the body diff shows the draft
// against the published version that stays.
func (pl *planner) discardDraft(t *content.Translation, rt *providers.Translation, differs []string) (*plan.Change, []plan.Warning) {
	fields := []plan.FieldChange{{Field: "unpublished draft", Old: "differs", New: "discarded: the published version, which matches the file, stays"}}
	if slices.Contains(differs, "title") {
		fields = append(fields, plan.FieldChange{Field: "draft title", Old: rt.PendingTitle, New: rt.Title})
	}
	var bodyDiff, bodyNote string
	if slices.Contains(differs, "body") {
		// Against the published body, not the file's render, which a warm
		// cache spares: the two are the same here.
		if bodyDiff, bodyNote = pl.bodyDiff(t.Path, rt.PendingBody, rt.Body); bodyDiff != "" || bodyNote != "" {
			fields = append(fields, plan.FieldChange{Field: "body", Old: "…", New: "…"})
		}
	}
	warn := plan.Warning{File: t.Path, Kind: plan.WarningPendingDraft, Msg: "the help center holds unpublished edits to the " + strings.Join(differs, " and ") +
		" that differ from this file, whose content is the published version: apply discards them (hcsync export --drafts writes them out, to keep them)"}
	return &plan.Change{
		Key: plan.KeyOf(plan.ActionDiscardDraft, t.Path), Action: plan.ActionDiscardDraft, File: t.Path, Title: t.Title,
		Fields: fields, BodyDiff: bodyDiff, BodyNote: bodyNote,
	}, []plan.Warning{warn}
}

// outdatedFlag is what to write to the help center's outdated flag of
// t, nil for nothing: on a service that has the flag, a translation git
// finds stale is marked outdated, and an outdated one is cleared when
// this plan updates it (updated) and git finds it current. A flag an
// editor set on a translation that is not updated is left alone (and
// reported).
func (pl *planner) outdatedFlag(t *content.Translation, rt *providers.Translation, updated bool) *bool {
	if !pl.opts.Caps.OutdatedFlag {
		return nil
	}
	stale := pl.stale[t.Path]
	switch {
	case stale && !rt.Outdated:
		return &stale
	case !stale && rt.Outdated && updated:
		return &stale
	}
	return nil
}

// createdOutdated flags a create-translation of a translation that is
// already stale, on a service with an outdated flag: one apply then
// leaves nothing to do.
func (pl *planner) createdOutdated(c *plan.Change) {
	if pl.opts.Caps.OutdatedFlag && pl.stale[c.File] {
		yes := true
		c.Translation.Outdated = &yes
		c.Fields = append(c.Fields, plan.FieldChange{Field: "outdated", New: "true"})
	}
}

// onlyOutdated reports whether c changes nothing but the outdated flag:
// it overwrites no edit made in the help center.
func onlyOutdated(c *plan.Change) bool {
	return len(c.Fields) == 1 && c.Fields[0].Field == "outdated"
}

// sameTitle compares a file's title with a help center's as the services
// store them: without surrounding whitespace, which the local provider
// trims and a title edited in a help center's UI may keep. A title:
// "Board? " then converges whichever side trims it.
func sameTitle(file, live string) bool {
	return strings.TrimSpace(file) == strings.TrimSpace(live)
}

// drift warns when the help center's copy of file, which differs from
// the file, was edited there after the last apply wrote it (with an
// apply record) or after the file's last commit (without one): apply
// would overwrite that edit.
func (pl *planner) drift(file string, updated time.Time) (plan.Warning, bool) {
	// A file with uncommitted edits may differ by that edit alone.
	if updated.IsZero() || (pl.opts.Committed != nil && !pl.opts.Committed(file)) {
		return plan.Warning{}, false
	}
	if a := pl.opts.Applied; a != nil && a.Files[file] {
		if !updated.After(a.At) {
			return plan.Warning{}, false
		}
		return plan.Warning{File: file, Kind: plan.WarningDrift, Msg: fmt.Sprintf(
			"edited in the help center after the last apply (remote updated %s, applied %s); apply overwrites it",
			updated.UTC().Format("2006-01-02 15:04"), a.At.UTC().Format("2006-01-02 15:04"))}, true
	}
	when, ok := pl.opts.LastCommit[file]
	if !ok || !updated.After(when) {
		return plan.Warning{}, false
	}
	return plan.Warning{File: file, Kind: plan.WarningDrift, Msg: fmt.Sprintf(
		"edited in the help center after the last commit (remote updated %s, file committed %s); apply overwrites it",
		updated.UTC().Format("2006-01-02 15:04"), when.UTC().Format("2006-01-02 15:04"))}, true
}
