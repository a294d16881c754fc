package providers

import "testing"

func TestPermalink(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want string }{
		{"https://acme.zendesk.com/hc/en-us/articles/360026053753-Article-title", "https://acme.zendesk.com/hc/en-us/articles/360026053753"},
		{"https://acme.zendesk.com/hc/en-us/articles/360026053753", "https://acme.zendesk.com/hc/en-us/articles/360026053753"},
		{"https://acme.zendesk.com/hc/en-us/articles/360026053753-Title#steps", "https://acme.zendesk.com/hc/en-us/articles/360026053753"},
		{"https://intercom.help/acme/fr/articles/3-french-multilingual?x=1", "https://intercom.help/acme/fr/articles/3"},
		{"https://acme.zendesk.com/hc/en-us/articles/12/", "https://acme.zendesk.com/hc/en-us/articles/12"},
		{"https://support.help.center/article/1091-getting-started", ""},
		{"https://acme.zendesk.com/hc/en-us/articles/abc-1", ""},
		{"https://acme.zendesk.com/hc/en-us/articles/12x", ""},
		{"", ""},
	} {
		if got := Permalink(tc.in); got != tc.want {
			t.Errorf("Permalink(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
