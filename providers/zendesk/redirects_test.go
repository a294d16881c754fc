package zendesk

import (
	"context"
	"fmt"
	"testing"

	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/providers/zendesk/zendesktest"
)

// TestRedirects: every page of the rules is read, a rule is set by its
// path (twice is one rule), and deleted by id.
func TestRedirects(t *testing.T) {
	t.Parallel()
	fake, p := setup(t, zendesktest.Options{}, Options{})
	ctx := context.Background()
	for i := range 150 {
		fake.AddRedirect(fmt.Sprintf("/hc/en-us/articles/%d", 1000+i), "/hc/en-us/articles/1")
	}
	rs, err := p.ListRedirects(ctx)
	if err != nil || len(rs) != 150 {
		t.Fatalf("ListRedirects = %d rules, %v; want all 150 over two pages", len(rs), err)
	}
	from := p.ArticlePath("42", "FR")
	if from != "/hc/fr/articles/42" {
		t.Fatalf("ArticlePath = %q, want /hc/fr/articles/42", from)
	}
	for _, to := range []string{"https://acme.zendesk.com/hc/fr/articles/7", "https://acme.zendesk.com/hc/fr/articles/8"} {
		if err := p.SetRedirect(ctx, providers.Redirect{From: from, To: to}); err != nil {
			t.Fatal(err)
		}
	}
	var id string
	for _, r := range fake.Redirects() {
		if r.RedirectFrom == from {
			if id != "" || r.RedirectTo != "https://acme.zendesk.com/hc/fr/articles/8" || r.RedirectStatus != "301" {
				t.Errorf("rule %+v, want one 301 to the last target", r)
			}
			id = r.ID
		}
	}
	if err := p.DeleteRedirect(ctx, id); err != nil {
		t.Fatal(err)
	}
	if err := p.DeleteRedirect(ctx, id); err == nil {
		t.Error("deleting a rule twice succeeded")
	}
	if n := len(fake.Redirects()); n != 150 {
		t.Errorf("%d rules left, want 150", n)
	}
}
