package zendesk

import (
	"context"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/providers/zendesk/zendesktest"
)

// setup starts a fake Help Center and an adapter pointed at it.
func setup(t *testing.T, fo zendesktest.Options, po Options) (*zendesktest.Server, *Provider) {
	t.Helper()
	fake := zendesktest.New(fo)
	t.Cleanup(fake.Close)
	po.BaseURL = fake.URL
	if po.Email == "" && po.OAuthToken == "" {
		po.Email, po.APIToken = fake.Email(), fake.APIToken()
	}
	if po.PermissionGroup == "" {
		po.PermissionGroup = "Admins"
	}
	po.HTTPClient = fake.Client()
	if po.RequestsPerMinute == 0 {
		// Pacing at Zendesk's 700 a minute would only slow the tests.
		po.RequestsPerMinute = 60000
	}
	p, err := New(po)
	if err != nil {
		t.Fatal(err)
	}
	return fake, p
}

func TestNewRefusesMissingConfig(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		opts Options
		want string
	}{
		{"no subdomain", Options{Email: "a@b.c", APIToken: "t"}, "set zendesk.subdomain"},
		{"full host as subdomain", Options{Subdomain: "acme.zendesk.com", Email: "a@b.c", APIToken: "t"}, "only the first label"},
		{"no credentials", Options{Subdomain: "acme"}, "ZENDESK_EMAIL and ZENDESK_API_TOKEN, or ZENDESK_OAUTH_TOKEN"},
		{"email without token", Options{Subdomain: "acme", Email: "a@b.c"}, "ZENDESK_API_TOKEN"},
		{"plain http off loopback", Options{BaseURL: "http://acme.example.com", OAuthToken: "t"}, "https"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := New(tt.opts)
			if err == nil || !contains(err.Error(), tt.want) {
				t.Fatalf("New(%+v) = %v, want an error mentioning %q", tt.opts, err, tt.want)
			}
		})
	}
}

func TestOAuthToken(t *testing.T) {
	t.Parallel()
	fake, _ := setup(t, zendesktest.Options{}, Options{})
	p, err := New(Options{BaseURL: fake.URL, OAuthToken: fake.OAuthToken(), HTTPClient: fake.Client()})
	if err != nil {
		t.Fatal(err)
	}
	l, err := p.Locales(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if l.Default != "en-us" || !l.Has("fr") || !l.Has("de") {
		t.Errorf("Locales = %+v, want en-us default with fr and de", l)
	}
	reqs := fake.Requests()
	if got := reqs[len(reqs)-1].Header.Get("Authorization"); got != "Bearer "+fake.OAuthToken() {
		t.Errorf("Authorization = %q, want the bearer token", got)
	}
}

func contains(s, sub string) bool {
	return strings.Contains(s, sub)
}
