package sync

import (
	"strconv"
	"testing"

	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/providers/helpcenter"
	"github.com/hcsync/hcsync/providers/helpcenter/helpcentertest"
	"github.com/hcsync/hcsync/providers/intercom"
	"github.com/hcsync/hcsync/providers/intercom/intercomtest"
	"github.com/hcsync/hcsync/providers/zendesk"
	"github.com/hcsync/hcsync/providers/zendesk/zendesktest"
)

// noPacing is a rate far above any fake's, so the client-side limiter
// does not slow the tests; the fakes still enforce their own limits.
const noPacing = 1 << 20

// The promise, for each remote provider: seed its fake through the
// adapter, export, plan the tree against the same fake: no changes.
func TestExportRoundTripProviders(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		new  func(t *testing.T) providers.Provider
	}{
		{"zendesk", func(t *testing.T) providers.Provider {
			fake := zendesktest.New(zendesktest.Options{RateLimit: noPacing})
			t.Cleanup(fake.Close)
			p, err := zendesk.New(zendesk.Options{BaseURL: fake.URL, Email: fake.Email(), APIToken: fake.APIToken(),
				PermissionGroup: "Admins", HTTPClient: fake.Client(), RequestsPerMinute: noPacing})
			if err != nil {
				t.Fatal(err)
			}
			return p
		}},
		{"intercom", func(t *testing.T) providers.Provider {
			fake := intercomtest.New(intercomtest.Options{RequestsPerMinute: -1})
			t.Cleanup(fake.Close)
			p, err := intercom.New(intercom.Options{Token: fake.Token(), AuthorID: strconv.Itoa(fake.AuthorID()), BaseURL: fake.URL,
				DefaultLocale: "en", Locales: []string{"en", "fr", "de"}, RequestsPerMinute: noPacing})
			if err != nil {
				t.Fatal(err)
			}
			return p
		}},
		{"helpcenter", func(t *testing.T) providers.Provider {
			const key = "hc-export-test-key-0123456789"
			fake := helpcentertest.NewServer(helpcentertest.Options{
				DefaultLanguage: "en", AdditionalLanguages: []string{"fr", "de"},
				Keys: map[string][]string{key: helpcentertest.AllScopes}, RateLimit: noPacing,
			})
			t.Cleanup(fake.Close)
			p, err := helpcenter.New(helpcenter.Options{CenterID: fake.CenterID, APIKey: key, BaseURL: fake.URL, RequestsPerMinute: noPacing})
			if err != nil {
				t.Fatal(err)
			}
			return p
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := tt.new(t)
			seedHelpCenter(t, p)
			// Images stay URLs: the planner would upload a local copy anew (its
			// upload-image change), since these services do not name images by content.
			res, plan, _ := roundTrip(t, p, ExportOptions{RelativeLinks: true}, Options{})
			assertNoChanges(t, plan)
			if res.Articles != 52 {
				t.Errorf("exported %d articles, want 52", res.Articles)
			}
		})
	}
}
