package zendesk

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"

	"github.com/hcsync/hcsync/internal/slug"

	"github.com/hcsync/hcsync/providers"
)

// names maps Zendesk's ids to the names front-matter uses and back. Each
// list is fetched once, on first need, by one goroutine while the others
// wait; content tags found by search or created later join the cache.
type names struct {
	segMu    sync.Mutex
	segments map[int64]string // nil until loaded

	groupMu sync.Mutex
	groups  map[int64]string

	tagMu      sync.Mutex // held while loading, searching or creating tags
	tagsLoaded bool
	tags       map[string]string // id -> name, possibly partial before loading

	secMu      sync.Mutex
	categories map[int64]wireCategory // nil until ListSections ran
	sections   map[int64]wireSection
	partial    bool // categories holds only those with sections
}

func (n *names) loadSegments(ctx context.Context, p *Provider) error {
	n.segMu.Lock()
	defer n.segMu.Unlock()
	if n.segments != nil {
		return nil
	}
	m := map[int64]string{}
	err := listAll(ctx, p, "/api/v2/help_center/user_segments", "user_segments", nil, 100, func(s wireSegment) { m[s.ID] = s.Name })
	if err != nil {
		return fmt.Errorf("listing user segments: %w", err)
	}
	n.segments = m
	return nil
}

func (n *names) loadGroups(ctx context.Context, p *Provider) error {
	n.groupMu.Lock()
	defer n.groupMu.Unlock()
	if n.groups != nil {
		return nil
	}
	m := map[int64]string{}
	err := listAll(ctx, p, "/api/v2/guide/permission_groups", "permission_groups", nil, 100, func(g wireGroup) { m[g.ID] = g.Name })
	if err != nil {
		return fmt.Errorf("listing permission groups: %w", err)
	}
	n.groups = m
	return nil
}

// loadTags lists every content tag; the list endpoint pages by 30 at most
// (seen: NOTES.md).
func (n *names) loadTags(ctx context.Context, p *Provider) error {
	n.tagMu.Lock()
	defer n.tagMu.Unlock()
	if n.tagsLoaded {
		return nil
	}
	m := map[string]string{}
	err := listAll(ctx, p, "/api/v2/guide/content_tags", "records", nil, 30, func(t wireTag) { m[t.ID] = t.Name })
	if err != nil {
		return fmt.Errorf("listing content tags: %w", err)
	}
	if n.tags == nil {
		n.tags = map[string]string{}
	}
	maps.Copy(n.tags, m)
	n.tagsLoaded = true
	return nil
}

// taxonomy copies the cached lists; the segments and permission groups
// stay nil until read, so the planner can tell "not read" from "none".
func (n *names) taxonomy() providers.Taxonomy {
	t := providers.Taxonomy{Tags: map[string]string{}}
	n.tagMu.Lock()
	maps.Copy(t.Tags, n.tags)
	n.tagMu.Unlock()
	n.segMu.Lock()
	t.Segments = idNames(n.segments)
	n.segMu.Unlock()
	n.groupMu.Lock()
	t.PermissionGroups = idNames(n.groups)
	n.groupMu.Unlock()
	return t
}

// idNames turns an id -> name map into the Taxonomy's form; nil stays nil.
func idNames(m map[int64]string) map[string]string {
	if m == nil {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[id(k)] = v
	}
	return out
}

// segmentNames maps ids to names; an id the list lacks (created since it
// was fetched) travels as the id, which resolveSegments accepts back.
func (n *names) segmentNames(ids []int64) []string {
	n.segMu.Lock()
	defer n.segMu.Unlock()
	out := make([]string, 0, len(ids))
	for _, i := range ids {
		if name, ok := n.segments[i]; ok {
			out = append(out, name)
		} else {
			out = append(out, id(i))
		}
	}
	return out
}

func (n *names) groupName(g int64) string {
	if g == 0 {
		return ""
	}
	n.groupMu.Lock()
	defer n.groupMu.Unlock()
	if name, ok := n.groups[g]; ok {
		return name
	}
	return id(g)
}

func (n *names) tagNames(ids []string) []string {
	n.tagMu.Lock()
	defer n.tagMu.Unlock()
	out := make([]string, 0, len(ids))
	for _, i := range ids {
		if name, ok := n.tags[i]; ok {
			out = append(out, name)
		} else {
			out = append(out, i)
		}
	}
	return out
}

// lookup finds ref in an id -> name map: as an id, then as a name
// (exactly, then ignoring case).
func lookup(m map[int64]string, ref string) (int64, bool) {
	if v, ok := parseID(ref); ok {
		if _, known := m[v]; known {
			return v, true
		}
	}
	for k, name := range m {
		if name == ref {
			return k, true
		}
	}
	for k, name := range m {
		if strings.EqualFold(name, ref) {
			return k, true
		}
	}
	return 0, false
}

// unknownName is the error for a name the help center does not know,
// listing the ones it does.
func unknownName(kind, ref string, m map[int64]string) error {
	return fmt.Errorf("unknown %s %q: this help center has %s (a name or an id)", kind, ref, validNames(m))
}

// validNames lists the names of m, sorted and quoted.
func validNames(m map[int64]string) string {
	valid := slices.Sorted(maps.Values(m))
	for i, v := range valid {
		valid[i] = fmt.Sprintf("%q", v)
	}
	return strings.Join(valid, ", ")
}

func (n *names) resolveSegments(ctx context.Context, p *Provider, refs []string) ([]int64, error) {
	if err := n.loadSegments(ctx, p); err != nil {
		return nil, err
	}
	n.segMu.Lock()
	defer n.segMu.Unlock()
	out := make([]int64, 0, len(refs))
	for _, r := range refs {
		v, ok := lookup(n.segments, r)
		if !ok {
			return nil, unknownName("user segment", r, n.segments)
		}
		out = append(out, v)
	}
	return out, nil
}

func (n *names) resolveGroup(ctx context.Context, p *Provider, ref string) (int64, error) {
	if err := n.loadGroups(ctx, p); err != nil {
		return 0, err
	}
	n.groupMu.Lock()
	defer n.groupMu.Unlock()
	v, ok := lookup(n.groups, ref)
	if !ok {
		return 0, unknownName("permission group", ref, n.groups)
	}
	return v, nil
}

// resolveTags maps tag names to ids. A name not in the cache is searched
// with filter[name_prefix] (doc: Search Content Tags) and created when
// the help center does not have it.
func (n *names) resolveTags(ctx context.Context, p *Provider, refs []string) ([]string, error) {
	out := make([]string, 0, len(refs))
	for _, r := range refs {
		t, err := n.tag(ctx, p, r, true)
		if err != nil {
			return nil, err
		}
		out = append(out, t.ID)
	}
	return out, nil
}

// tag finds the content tag named name (ignoring case), creating it when
// create is set.
func (n *names) tag(ctx context.Context, p *Provider, name string, create bool) (providers.Tag, error) {
	n.tagMu.Lock()
	defer n.tagMu.Unlock()
	if n.tags == nil {
		n.tags = map[string]string{}
	}
	if t, ok := n.cachedTag(name); ok {
		return t, nil
	}
	if !n.tagsLoaded {
		if t, ok, err := n.searchTag(ctx, p, name); err != nil || ok {
			return t, err
		}
	}
	if !create {
		return providers.Tag{}, fmt.Errorf("unknown content tag %q", name)
	}
	var out struct {
		ContentTag wireTag `json:"content_tag"`
	}
	body := map[string]any{"content_tag": map[string]string{"name": name}}
	_, err := p.c.Do(ctx, providers.Request{Method: http.MethodPost, Path: "/api/v2/guide/content_tags", JSON: body}, &out)
	if err != nil {
		// Another run may have created it meanwhile: a name already taken
		// answers 422, and the search finds it.
		if t, ok, serr := n.searchTag(ctx, p, name); serr == nil && ok {
			return t, nil
		}
		return providers.Tag{}, fmt.Errorf("creating content tag %q: %w", name, explain(err))
	}
	n.tags[out.ContentTag.ID] = out.ContentTag.Name
	return providers.Tag{ID: out.ContentTag.ID, Name: out.ContentTag.Name}, nil
}

func (n *names) cachedTag(name string) (providers.Tag, bool) {
	for k, v := range n.tags {
		if strings.EqualFold(v, name) || k == name {
			return providers.Tag{ID: k, Name: v}, true
		}
	}
	return providers.Tag{}, false
}

// searchTag looks a name up with filter[name_prefix]; the caller holds tagMu.
func (n *names) searchTag(ctx context.Context, p *Provider, name string) (providers.Tag, bool, error) {
	q := url.Values{"filter[name_prefix]": {name}}
	err := listAll(ctx, p, "/api/v2/guide/content_tags", "records", q, 30, func(t wireTag) { n.tags[t.ID] = t.Name })
	if err != nil {
		return providers.Tag{}, false, fmt.Errorf("searching content tag %q: %w", name, err)
	}
	t, ok := n.cachedTag(name)
	return t, ok, nil
}

// setContainers caches the listed categories and sections; partial says
// the categories are only those that hold a section.
func (n *names) setContainers(cats []wireCategory, secs []wireSection, partial bool) {
	n.secMu.Lock()
	defer n.secMu.Unlock()
	n.partial = partial
	n.categories = map[int64]wireCategory{}
	n.sections = map[int64]wireSection{}
	for _, c := range cats {
		n.categories[c.ID] = c
	}
	for _, s := range secs {
		n.sections[s.ID] = s
	}
}

func (n *names) addCategory(c wireCategory) {
	n.secMu.Lock()
	defer n.secMu.Unlock()
	if n.categories == nil {
		n.categories = map[int64]wireCategory{}
	}
	n.categories[c.ID] = c
}

func (n *names) addSection(s wireSection) {
	n.secMu.Lock()
	defer n.secMu.Unlock()
	if n.sections == nil {
		n.sections = map[int64]wireSection{}
	}
	n.sections[s.ID] = s
}

// container says what a parent id is: a category, or a section (with its
// category). loaded is false when ListSections has not run yet, or when
// only the categories with sections were listed and v is not among them.
func (n *names) container(v int64) (cat *wireCategory, sec *wireSection, loaded bool) {
	n.secMu.Lock()
	defer n.secMu.Unlock()
	if c, ok := n.categories[v]; ok {
		return &c, nil, true
	}
	if s, ok := n.sections[v]; ok {
		return nil, &s, true
	}
	return nil, nil, n.categories != nil && !n.partial
}

// sectionRef resolves a section reference (id, name, or slug of the name)
// against the cached sections.
func (n *names) sectionRef(ref string) (int64, bool) {
	n.secMu.Lock()
	defer n.secMu.Unlock()
	if v, ok := parseID(ref); ok {
		if _, known := n.sections[v]; known {
			return v, true
		}
	}
	want := slug.Of(ref)
	var found []int64
	for k, s := range n.sections {
		if s.Name == ref || strings.EqualFold(s.Name, ref) || slug.Of(s.Name) == want {
			found = append(found, k)
		}
	}
	if len(found) != 1 {
		return 0, false
	}
	return found[0], true
}
