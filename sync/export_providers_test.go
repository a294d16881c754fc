package sync

import (
	"testing"

	"github.com/hcsync/hcsync/providers"
)

// The promise, for each remote provider: seed its fake through the
// adapter, export, plan the tree against the same fake: no changes.
func TestExportRoundTripProviders(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		new  func(t *testing.T) providers.Provider
	}{
		{"zendesk", newExportZendesk},
		{"intercom", newExportIntercom},
		{"helpcenter", newExportHelpCenter},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := tt.new(t)
			seedHelpCenter(t, p)
			// Images stay URLs (--keep-urls); TestExportImagesRoundTrip
			// downloads them.
			res, plan, _ := roundTrip(t, p, ExportOptions{RelativeLinks: true}, Options{})
			assertNoChanges(t, plan)
			if res.Articles != 52 {
				t.Errorf("exported %d articles, want 52", res.Articles)
			}
		})
	}
}
