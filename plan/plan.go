// Package plan is the Plan value, its printers (text, JSON, Markdown)
// and the apply Report.
//
// A Plan is plain data: the planner never writes, the printers only read
// it, and the executor applies the same value the reviewer saw. Changes
// are typed: keys come from KeyOf and are compared, never parsed; each
// change carries exactly the desired state its Action needs (Validate);
// warnings have a WarningKind.
package plan

import (
	"fmt"

	"github.com/hcsync/hcsync/providers"
)

// Action is the kind of one change.
type Action string

// Actions, in the order a plan lists them within one article.
const (
	ActionCreateSection     Action = "create-section"
	ActionUpdateSection     Action = "update-section"
	ActionUpdateCategory    Action = "update-category"
	ActionAdoptSection      Action = "adopt-section"
	ActionCreateTag         Action = "create-tag"
	ActionUploadImage       Action = "upload-image"
	ActionCreate            Action = "create"
	ActionAdopt             Action = "adopt"
	ActionUpdateMeta        Action = "update-meta"
	ActionUpdateTranslation Action = "update-translation"
	// ActionDiscardDraft drops unpublished edits held in the help center
	// (Help.Center's draft) when the file equals the published version:
	// what stays live is what the file says.
	ActionDiscardDraft      Action = "discard-draft"
	ActionCreateTranslation Action = "create-translation"
	ActionDeleteTranslation Action = "delete-translation"
	ActionPublish           Action = "publish"
	ActionUnpublish         Action = "unpublish"
	ActionArchive           Action = "archive"
	// Redirects come after the archives: a help center redirects only
	// from a path that no longer serves an article.
	ActionCreateRedirect Action = "create-redirect"
	ActionUpdateRedirect Action = "update-redirect"
	ActionDeleteRedirect Action = "delete-redirect"
)

// Actions lists every action in display order.
var Actions = []Action{
	ActionCreateSection, ActionUpdateSection, ActionUpdateCategory, ActionAdoptSection, ActionCreateTag, ActionUploadImage, ActionCreate, ActionAdopt,
	ActionUpdateMeta, ActionUpdateTranslation, ActionDiscardDraft, ActionCreateTranslation,
	ActionDeleteTranslation, ActionPublish, ActionUnpublish, ActionArchive,
	ActionCreateRedirect, ActionUpdateRedirect, ActionDeleteRedirect,
}

// Writes reports whether applying the action changes the help center.
// Adopt only binds a file to a remote article (and writes its id into the
// file); adopt-section writes a folder's id into its _section.md.
func (a Action) Writes() bool { return a != ActionAdopt && a != ActionAdoptSection }

// Plan is what apply would do, and why.
type Plan struct {
	// SchemaVersion of the JSON form; bumped only on incompatible change.
	SchemaVersion int    `json:"schema_version"`
	Provider      string `json:"provider"`
	// Changes in the order they are shown; Deps say what must succeed
	// first.
	Changes []*Change `json:"changes"`
	// Unmanaged are remote articles that no file claims; hcsync leaves
	// them alone.
	Unmanaged []Unmanaged `json:"unmanaged"`
	// UnmanagedTranslations are remote translations of managed articles
	// that no file holds (added in the help center): hcsync leaves them
	// alone too, unless their file was deleted in git (prune).
	UnmanagedTranslations []UnmanagedTranslation `json:"unmanaged_translations"`
	// Warnings are things a reviewer should see that are not changes
	// (an edit in the help center that apply would overwrite).
	Warnings []Warning `json:"warnings"`
	// Stale are the translations whose source changed since they were
	// translated (from git history), by file.
	Stale []StaleTranslation `json:"stale"`
	// Scope is set when --target scoped the plan to part of the tree.
	Scope *Scope `json:"scope,omitempty"`
}

// Scope is the part of the tree a plan covers (--target). Such a plan
// archives nothing and lists nothing as unmanaged: it has not looked at
// the rest of the tree.
type Scope struct {
	// Targets are the files and folders given, as slash paths relative
	// to the content folder.
	Targets []string `json:"targets"`
	// Articles is how many articles of the tree's Of the targets hold.
	Articles int `json:"articles"`
	Of       int `json:"of"`
}

// matched is what an empty plan found the help center to match.
func (p *Plan) matched() string {
	if p.Scope != nil {
		return "the targets"
	}
	return "the tree"
}

// Note is the line printers show under a scoped plan.
func (s *Scope) Note() string {
	return fmt.Sprintf("(--target: %d of %d %s; archives and unmanaged are not shown)", s.Articles, s.Of, Plural(s.Of, "article", "articles"))
}

// SchemaVersion is the current JSON schema version of Plan.
const SchemaVersion = 1

// Change is one write (or adoption) of the plan.
type Change struct {
	// Key identifies the change within the plan, e.g.
	// "update-translation:getting-started/install.fr.md"; made by KeyOf,
	// compared, never parsed.
	Key    string `json:"key"`
	Action Action `json:"action"`
	// File is the file the change comes from: the translation file for
	// translation actions, the source file otherwise, _section.md or the
	// folder for create-section; "" for create-tag and archive.
	File string `json:"file,omitempty"`
	// Article is the source file of the article concerned.
	Article string `json:"article,omitempty"`
	// ArticleID is the remote id, "" when the article is created by this
	// plan.
	ArticleID string `json:"article_id,omitempty"`
	// URL of the remote article (or section), when it exists.
	URL    string `json:"url,omitempty"`
	Locale string `json:"locale,omitempty"`
	Title  string `json:"title,omitempty"`
	// Fields say why: each differing field with its old and new value.
	Fields []FieldChange `json:"fields,omitempty"`
	// BodyDiff is a unified diff (git's form) of the Markdown a writer
	// would write for the help center's body and for the file's, when the
	// body changes; of the normalised HTML when BodyNote says the
	// Markdown reads the same.
	BodyDiff string `json:"body_diff,omitempty"`
	// BodyNote says what differs when the Markdown of both bodies reads
	// the same: "attributes only: dir, lang on 3 elements", or "markup
	// only: …" with BodyDiff showing the HTML.
	BodyNote string `json:"body_note,omitempty"`
	// Deps are keys of changes that must succeed before this one runs.
	Deps []string `json:"deps,omitempty"`
	// Links maps the link placeholders in the body (hcsync-link:TOKEN) to
	// the translation files whose URLs replace them once created.
	Links map[string]string `json:"links,omitempty"`

	// Desired state, for the executor: exactly the one its Action reads
	// is set, none for adopt, archive, delete-translation and
	// discard-draft (Validate).
	Section       *SectionSpec       `json:"section,omitempty"`
	SectionUpdate *SectionUpdateSpec `json:"section_update,omitempty"`
	Tag           string             `json:"tag,omitempty"`
	Image         *ImageSpec         `json:"image,omitempty"`
	Create        *CreateSpec        `json:"create,omitempty"`
	Meta          *MetaSpec          `json:"meta,omitempty"`
	Translation   *TranslationSpec   `json:"translation,omitempty"`
	Redirect      *RedirectSpec      `json:"redirect,omitempty"`
}

// RedirectSpec is a redirect rule to set (create-redirect,
// update-redirect) or delete (delete-redirect, by ID).
type RedirectSpec struct {
	ID   string `json:"id,omitempty"` // the service's id: update and delete
	From string `json:"from"`
	To   string `json:"to,omitempty"`
	// ToFile is set instead of To when the target is created by the
	// same plan: the URL of that translation file once it exists.
	ToFile string `json:"to_file,omitempty"`
}

// FieldChange is one differing field. Values are display strings.
type FieldChange struct {
	Field string `json:"field"`
	Old   string `json:"old"`
	New   string `json:"new"`
}

// SectionSpec is a section to create. Parent is the folder of the parent
// section when that is created by the same plan, else ParentID is set.
type SectionSpec struct {
	Dir         string                `json:"dir"`
	Kind        providers.SectionKind `json:"kind"`
	Name        string                `json:"name"`
	Description string                `json:"description,omitempty"`
	Position    *int                  `json:"position,omitempty"`
	ParentDir   string                `json:"parent_dir,omitempty"`
	ParentID    string                `json:"parent_id,omitempty"`
	Locale      string                `json:"locale"`
	// IDFile is the folder's _section.md or _category.md (slash path in
	// the content folder), where apply writes the new id; it is created
	// when missing.
	IDFile string `json:"id_file,omitempty"`
}

// SectionUpdateSpec is a change to an existing category or section:
// only non-nil fields are written.
type SectionUpdateSpec struct {
	ID  string `json:"id"`
	Dir string `json:"dir"`
	providers.SectionUpdate
}

// ImageSpec is a local image to upload. Bodies refer to it as
// hcsync-image:SHORT until it is uploaded.
type ImageSpec struct {
	Path        string `json:"path"` // slash path in the content folder
	Hash        string `json:"hash"` // hex sha256 of the bytes
	Short       string `json:"short"`
	Name        string `json:"name"` // upload file name
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
}

// SectionRef names the section an article belongs in: a remote id, or
// the folder of a section the same plan creates.
type SectionRef struct {
	ID  string `json:"id,omitempty"`
	Dir string `json:"dir,omitempty"`
}

// CreateSpec is an article to create with its source translation.
type CreateSpec struct {
	Section SectionRef                 `json:"section"`
	Meta    providers.ArticleMeta      `json:"meta"`
	Source  providers.TranslationInput `json:"source"`
	// Known are the ids of the articles of the section that had this
	// title when the plan was made (claimed by other files). Right before
	// creating, apply re-lists the section and adopts an article of the
	// title made since the plan (by another apply), never one of these.
	Known []string `json:"known,omitempty"`
}

// MetaSpec is an article-level metadata update: only non-nil fields are
// written.
type MetaSpec struct {
	Section *SectionRef           `json:"section,omitempty"`
	Meta    providers.ArticleMeta `json:"meta"`
}

// TranslationSpec is the desired state of one locale.
type TranslationSpec struct {
	providers.TranslationInput
}

// Unmanaged is a remote article no file claims.
type Unmanaged struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	URL   string `json:"url,omitempty"`
}

// UnmanagedTranslation is a remote locale of a managed article that no
// file holds.
type UnmanagedTranslation struct {
	ArticleID string `json:"article_id"`
	// Article is the source file of the article.
	Article string `json:"article"`
	Locale  string `json:"locale"`
	Title   string `json:"title"`
	URL     string `json:"url,omitempty"`
}

// Warning is a note for the reviewer tied to a file ("" when it is
// about the whole tree).
type Warning struct {
	File string      `json:"file,omitempty"`
	Kind WarningKind `json:"kind"`
	Msg  string      `json:"message"`
}

// Empty reports whether applying the plan would change nothing.
func (p *Plan) Empty() bool { return len(p.Changes) == 0 }

// Counts returns the number of changes per action.
func (p *Plan) Counts() map[Action]int {
	m := make(map[Action]int)
	for _, c := range p.Changes {
		m[c.Action]++
	}
	return m
}
