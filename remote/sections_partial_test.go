package remote

import (
	"testing"

	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/providers"
)

// TestAllCategoriesListed: a listing that holds only the categories with
// sections is enough while every category folder of the tree is among
// them, by id or (without id) by name; sub-folders are sections, always
// listed.
func TestAllCategoriesListed(t *testing.T) {
	listed := []providers.Section{
		{ID: "1", Kind: providers.KindCategory, Name: "Guides"},
		{ID: "2", Kind: providers.KindSection, Name: "Setup", ParentID: "1"},
	}
	for _, tc := range []struct {
		name     string
		sections []*content.Section
		want     bool
	}{
		{"bound by id", []*content.Section{{Dir: "g", ID: "1"}, {Dir: "g/s", Parent: "g", ID: "2"}}, true},
		{"found by name", []*content.Section{{Dir: "g", Name: " guides "}}, true},
		{"a new section under a listed category", []*content.Section{{Dir: "g", ID: "1"}, {Dir: "g/new", Parent: "g", Name: "New"}}, true},
		{"an id not listed", []*content.Section{{Dir: "e", ID: "9"}}, false},
		{"a name not listed", []*content.Section{{Dir: "e", Name: "Empty"}}, false},
		{"a section's name is no category's", []*content.Section{{Dir: "s", Name: "Setup"}}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := allCategoriesListed(&content.Tree{Sections: tc.sections}, listed); got != tc.want {
				t.Errorf("allCategoriesListed = %v, want %v", got, tc.want)
			}
		})
	}
}
