package planner

import (
	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/remote"
)

// TaxonomyNeeded says which name lists planning tree against remote
// uses: a list is needed when some file names one of its kind or a
// default for new articles does and some article is new (no id, or one
// remote lacks). Defaults apply on create only, so a plan that creates
// nothing reads no list for them. With Targets, only the targets'
// articles count.
func TaxonomyNeeded(tree *content.Tree, live *remote.State, opts Options) providers.TaxonomyNeed {
	if len(opts.Targets) > 0 {
		scoped, err := ScopeTree(tree, opts.Targets)
		if err != nil {
			return providers.TaxonomyNeed{} // NewPlan says so
		}
		tree = scoped
	}
	caps := opts.Caps
	known := make(map[string]bool, len(live.Articles))
	for _, ra := range live.Articles {
		known[ra.ID] = true
	}
	var need providers.TaxonomyNeed
	anyNew := false
	for _, a := range tree.Articles {
		isNew := a.ID == "" || !known[a.ID]
		anyNew = anyNew || isNew
		// An empty list ("segments: []", as export writes) names nothing.
		need.Tags = need.Tags || caps.ContentTags && a.ContentTags != nil && len(*a.ContentTags) > 0
		need.Segments = need.Segments || caps.Segments && a.Segments != nil && len(*a.Segments) > 0
		need.PermissionGroups = need.PermissionGroups || caps.PermissionGroups &&
			(a.PermissionGroup != nil || caps.PermissionGroupRequired && isNew)
	}
	need.Segments = need.Segments || caps.Segments && opts.Defaults.Segments != nil && anyNew
	need.PermissionGroups = need.PermissionGroups || caps.PermissionGroups && opts.Defaults.PermissionGroup != nil && anyNew
	return need
}
