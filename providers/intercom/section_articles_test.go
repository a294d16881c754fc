package intercom

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/providers/intercom/intercomtest"
)

// ListSectionArticles keeps the articles of one collection or section:
// version 2.15 lists articles with no filter, so the pages of GET
// /articles are read and the section's kept.
func TestListSectionArticles(t *testing.T) {
	t.Parallel()
	p, srv := newPair(t, intercomtest.Options{}, Options{})
	coll := srv.AddCollection(intercomtest.Collection{Name: "Billing"})
	sec := srv.AddCollection(intercomtest.Collection{Name: "Invoices", ParentID: coll})
	add := func(parent, title string) {
		srv.AddArticle(intercomtest.Article{ParentID: parent, Contents: map[string]*intercomtest.Content{"en": {Title: title, State: "published"}}})
	}
	add(sec, "Download invoices")
	add(sec, "Refunds")
	add(coll, "About billing")
	add("", "Stands alone")
	for _, tt := range []struct{ id, want string }{
		{sec, "Download invoices, Refunds"},
		{coll, "About billing"},
	} {
		list, err := p.ListSectionArticles(context.Background(), tt.id)
		if err != nil {
			t.Fatal(err)
		}
		var titles []string
		for _, a := range list {
			titles = append(titles, a.Translations[a.SourceLocale].Title)
		}
		sort.Strings(titles)
		if got := strings.Join(titles, ", "); got != tt.want {
			t.Errorf("section %s lists %s, want %s", tt.id, got, tt.want)
		}
	}
}
