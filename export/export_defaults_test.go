package export

import (
	"testing"

	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/remote"
)

// TestExportLeavesOutTheDefaultGroup: a file names its article's
// permission group only when it is not the one the exported config gives
// new articles, whether the config names that group or gives its id.
func TestExportLeavesOutTheDefaultGroup(t *testing.T) {
	tax := providers.Taxonomy{PermissionGroups: map[string]string{"1": "Admins", "2": "Agents"}}
	tests := []struct {
		def   string // the config's default; "" for none
		group string // the article's, as listed (an id)
		named bool
	}{
		{"Admins", "1", false},
		{"admins", "1", false},
		{"1", "1", false},
		{"Admins", "2", true},
		{"", "1", true},
		{"Gone", "1", true},
	}
	for _, tt := range tests {
		ex := &exporter{remote: &remote.State{Taxonomy: tax}}
		if tt.def != "" {
			ex.opts.Defaults.PermissionGroup = &tt.def
		}
		a := &providers.Article{PermissionGroup: tt.group}
		if got := !ex.defaultGroup(a); got != tt.named {
			t.Errorf("default %q, article's group %s: named = %v, want %v", tt.def, tt.group, got, tt.named)
		}
	}
}
