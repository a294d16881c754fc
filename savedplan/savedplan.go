// Package savedplan keeps a plan between `hcsync plan --out FILE` and
// `hcsync apply FILE`, as Terraform keeps its plan files: the plan a
// reviewer saw, plus what it was made from, so that apply runs exactly
// that plan or nothing.
//
// Decisions the format makes (docs/plan-schema.md, "The saved plan"):
//
//   - It is JSON: a header, then the plan in its stable schema. A
//     reviewer can read it; it holds bodies, never credentials.
//   - "What it was made from" is, for the tree, the bytes of every file a
//     change comes from, writes an id into or uploads (a checksum each,
//     or absent); for the help center, each article, translation and
//     section a change touches, as the plan read it (Observation).
//   - The config is part of the plan: a plan made with other hcsync.yaml
//     bytes (another help center, other defaults) is refused, as is one
//     for another provider.
//   - Compatibility is the format's version and the plan's schema
//     version, not hcsync's release: a plan saved by another release
//     that writes the same versions applies.
//   - Redirect rules, tags and images are not observed: a rule changed in
//     the help center since the plan is overwritten by the plan's, a tag
//     made meanwhile is found by name, an image already there is not
//     uploaded twice.
package savedplan

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/hcsync/hcsync/internal/atomicfile"
	"github.com/hcsync/hcsync/internal/checksum"
	"github.com/hcsync/hcsync/plan"
)

// Format names the file kind in its first field, so a plan printed with
// --format json, or any other JSON, is not taken for a saved plan.
const Format = "hcsync-saved-plan"

// Version is the saved-plan format version this hcsync reads and
// writes; bumped on any change an older hcsync would misread.
const Version = 2 // 2: link observations

// File is a saved plan.
type File struct {
	Format  string `json:"format"`
	Version int    `json:"format_version"`
	// Hcsync is the version of hcsync that made the plan, for messages.
	Hcsync    string    `json:"hcsync_version"`
	CreatedAt time.Time `json:"created_at"`
	// ConfigSum is the checksum of the bytes of hcsync.yaml.
	ConfigSum string `json:"config_checksum"`
	// Files are the tree's files the changes depend on, relative to the
	// content folder, sorted.
	Files []FileSum `json:"files"`
	// Remote is what the plan read of the help center's objects its
	// changes touch.
	Remote []Observation `json:"remote"`
	// ListedArticles is how many articles the help center listed: apply
	// reads the touched ones one by one when that costs fewer requests
	// than listing them all again.
	ListedArticles int        `json:"listed_articles"`
	Plan           *plan.Plan `json:"plan"`
}

// FileSum is one file of the tree as the plan read it.
type FileSum struct {
	Path string `json:"path"` // slash path in the content folder
	// Sum is the checksum of the file's bytes; "" when the file did not
	// exist (a deleted file an archive comes from).
	Sum string `json:"checksum,omitempty"`
}

// Sum is the checksum the format records of b: 16 hex digits.
func Sum(b []byte) string { return hex(checksum.Of(b)) }

func hex(v uint64) string {
	s := strconv.FormatUint(v, 16)
	for len(s) < 16 {
		s = "0" + s
	}
	return s
}

// Write saves f at path atomically: a reader, or a crash, sees the old
// file or the new one.
func Write(path string, f *File) error {
	f.Format, f.Version = Format, Version
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(f); err != nil {
		return fmt.Errorf("saving the plan to %s: %w", path, err)
	}
	// The plan holds bodies not yet published: readable by its owner.
	if err := atomicfile.Write(path, buf.Bytes(), 0o600); err != nil {
		return fmt.Errorf("saving the plan: %w", err)
	}
	return nil
}

// Read loads the saved plan at path and checks that this hcsync can
// apply it: its format and versions, and every change's shape.
func Read(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading the saved plan: %w", err)
	}
	var f File
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("%s is not a saved plan (%w): make one with hcsync plan --out %s", path, err, path)
	}
	if f.Format != Format {
		return nil, fmt.Errorf("%s is not a saved plan (no \"format\": %q): make one with hcsync plan --out %s", path, Format, path)
	}
	if f.Version != Version || f.Plan == nil || f.Plan.SchemaVersion != plan.SchemaVersion {
		sv := 0
		if f.Plan != nil {
			sv = f.Plan.SchemaVersion
		}
		return nil, fmt.Errorf("%s was saved by hcsync %s (saved-plan format %d, plan schema %d); this hcsync reads format %d, schema %d: re-run hcsync plan --out with this version",
			path, f.Hcsync, f.Version, sv, Version, plan.SchemaVersion)
	}
	if err := f.Plan.Validate(); err != nil {
		return nil, fmt.Errorf("%s: %w: re-run hcsync plan --out (a saved plan is not edited by hand)", path, err)
	}
	return &f, nil
}
