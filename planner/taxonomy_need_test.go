package planner

import (
	"testing"

	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/remote"
)

// TestTaxonomyNeeded: a plan reads a name list only when a file names one
// of its kind, or a default for new articles does and some article is
// new: an article without id, or with one the help center lacks (which
// --forget-ids creates).
func TestTaxonomyNeeded(t *testing.T) {
	group, seg := "Admins", []string{"Staff"}
	caps := providers.Capabilities{PermissionGroups: true, PermissionGroupRequired: true, Segments: true, ContentTags: true}
	live := &remote.State{Articles: []providers.Article{{ID: "1"}}}
	for _, tc := range []struct {
		name     string
		articles []*content.Article
		defaults providers.ArticleMeta
		want     providers.TaxonomyNeed
	}{
		{"nothing named, nothing new", []*content.Article{{ID: "1"}}, providers.ArticleMeta{}, providers.TaxonomyNeed{}},
		{"defaults, nothing new", []*content.Article{{ID: "1"}}, providers.ArticleMeta{PermissionGroup: &group, Segments: &seg}, providers.TaxonomyNeed{}},
		{"defaults, a file without id", []*content.Article{{ID: "1"}, {}}, providers.ArticleMeta{PermissionGroup: &group, Segments: &seg}, providers.TaxonomyNeed{PermissionGroups: true, Segments: true}},
		{"defaults, an id the help center lacks", []*content.Article{{ID: "2"}}, providers.ArticleMeta{PermissionGroup: &group, Segments: &seg}, providers.TaxonomyNeed{PermissionGroups: true, Segments: true}},
		{"no default, a new article needs a group", []*content.Article{{}}, providers.ArticleMeta{}, providers.TaxonomyNeed{PermissionGroups: true}},
		{"a file names a group", []*content.Article{{ID: "1", PermissionGroup: &group}}, providers.ArticleMeta{}, providers.TaxonomyNeed{PermissionGroups: true}},
		{"a file names segments", []*content.Article{{ID: "1", Segments: &seg}}, providers.ArticleMeta{}, providers.TaxonomyNeed{Segments: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := TaxonomyNeeded(&content.Tree{Articles: tc.articles}, live, Options{Caps: caps, Defaults: tc.defaults})
			if got != tc.want {
				t.Errorf("TaxonomyNeeded = %+v, want %+v", got, tc.want)
			}
		})
	}
}

// TestDefaultGroupUncheckedWhenUnread: a plan that creates nothing has
// not read the permission groups, and does not call the config's default
// group unknown; the remote article's group, given as an id, is compared
// by name with the file's.
func TestDefaultGroupUncheckedWhenUnread(t *testing.T) {
	group := "Admins"
	tax := providers.Taxonomy{PermissionGroups: map[string]string{"7": "Admins"}}
	if got := tax.GroupName(&providers.Article{PermissionGroup: "7"}); got != group {
		t.Errorf("id 7) = %q.GroupName(want %q", got, group)
	}
	if got := tax.GroupName(&providers.Article{PermissionGroup: "Admins"}); got != group {
		t.Errorf("name) = %q.GroupName(want %q", got, group)
	}
	pl := &planner{opts: Options{Caps: providers.Capabilities{PermissionGroups: true}, Defaults: providers.ArticleMeta{PermissionGroup: &group}, ConfigFile: "hcsync.yaml", Provider: "zendesk"}, remote: &remote.State{}}
	pl.checkDefaults()
	if len(pl.problems) != 0 {
		t.Errorf("unread group list: problems %v, want none", pl.problems)
	}
}
