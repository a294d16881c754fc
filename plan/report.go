package plan

import "time"

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
	Key        string        `json:"key"`
	Action     Action        `json:"action"`
	File       string        `json:"file,omitempty"`
	Locale     string        `json:"locale,omitempty"`
	ArticleID  string        `json:"article_id,omitempty"`
	Status     Status        `json:"status"`
	Error      string        `json:"error,omitempty"`
	HTTPStatus int           `json:"http_status,omitempty"`
	Note       string        `json:"note,omitempty"` // e.g. "recovered: adopted after a lost response"
	Duration   time.Duration `json:"duration_ns"`
	// Resolved maps each Placeholder of the body the change wrote
	// ("hcsync-link:…", "hcsync-image:…") to the URL that replaced it.
	Resolved map[string]string `json:"-"`
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
	// IDErrors are id write-backs that failed: the remote change stands,
	// and the next plan adopts the article by title.
	IDErrors []string `json:"id_errors,omitempty"`
}

// OK reports whether every change was applied.
func (r *Report) OK() bool {
	return r.Failed == 0 && r.Skipped == 0 && len(r.IDErrors) == 0 && r.PreflightError == ""
}
