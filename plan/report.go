package plan

import (
	"fmt"
	"time"
)

// Status is how one change of an apply ended.
type Status string

// Statuses.
const (
	StatusApplied Status = "applied"
	StatusFailed  Status = "failed"
	StatusSkipped Status = "skipped" // a dependency failed, or the run was interrupted
)

// Result is the outcome of one change.
type Result struct {
	Key    string `json:"key"`
	Action Action `json:"action"`
	File   string `json:"file,omitempty"`
	// Subject is what the change concerns, for messages (Change.Subject):
	// its file, else its tag or article id. The key carries it in JSON.
	Subject    string `json:"-"`
	Locale     string `json:"locale,omitempty"`
	ArticleID  string `json:"article_id,omitempty"`
	Status     Status `json:"status"`
	Error      string `json:"error,omitempty"`
	HTTPStatus int    `json:"http_status,omitempty"`
	Note       string `json:"note,omitempty"` // e.g. "recovered: adopted after a lost response"
	// IDNotWritten is set when the change stands in the help center but
	// its id could not be written back into its file.
	IDNotWritten *IDWrite      `json:"id_not_written,omitempty"`
	Duration     time.Duration `json:"duration_ns"`
	// Resolved maps each Placeholder of the body the change wrote
	// ("hcsync-link:…", "hcsync-image:…") to the URL that replaced it.
	Resolved map[string]string `json:"-"`
}

// IDWrite is an id write-back that failed: the remote article or
// section exists, and File does not say so.
type IDWrite struct {
	// File is the file the id belongs in: an article's source file, or a
	// folder's _section.md or _category.md.
	File string `json:"file"`
	ID   string `json:"id"`
	// Err is why the write failed.
	Err string `json:"error"`
	// Folder says File is a folder's _section.md or _category.md.
	Folder bool `json:"folder,omitempty"`
}

// Message says what failed and what to do, in one line without the
// file's name.
func (w *IDWrite) Message() string {
	if w.Folder {
		return fmt.Sprintf("id not written (%s): add id: %s to %s by hand, or the next plan binds the folder by its name until it is renamed", w.Err, w.ID, w.File)
	}
	return fmt.Sprintf("id not written (%s): add id: %s to the front-matter by hand, or the next plan adopts it by title", w.Err, w.ID)
}

// Report is the outcome of an apply.
type Report struct {
	Results     []Result `json:"results"`
	Applied     int      `json:"applied"`
	Failed      int      `json:"failed"`
	Skipped     int      `json:"skipped"`
	Interrupted bool     `json:"interrupted"`
	// PreflightError is set when the provider refused the credentials
	// before the first write; nothing was written then.
	PreflightError string `json:"preflight_error,omitempty"`
	// PlanError is set when a change of the plan is invalid
	// (Plan.Validate); nothing was written then.
	PlanError string `json:"plan_error,omitempty"`
	// IDErrors are id write-backs that failed: the remote change stands,
	// and the next plan adopts the article by title.
	IDErrors []string `json:"id_errors,omitempty"`
}

// OK reports whether every change was applied.
func (r *Report) OK() bool {
	return r.Failed == 0 && r.Skipped == 0 && len(r.IDErrors) == 0 && r.PreflightError == "" && r.PlanError == ""
}
