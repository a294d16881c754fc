package zendesktest

import (
	"cmp"
	"maps"
	"slices"
	"sort"
	"time"
)

// Article is the fake's record of one article, as a test sees it through
// Server.Articles. Ids are Zendesk's numbers; content tag ids are
// Zendesk's ULID strings.
type Article struct {
	ID                int64
	SectionID         int64
	AuthorID          int64
	PermissionGroupID int64
	UserSegmentIDs    []int64 // empty = everyone
	LabelNames        []string
	ContentTagIDs     []string
	Promoted          bool
	Position          int
	CommentsDisabled  bool
	SourceLocale      string
	Archived          bool
	// NotifySubscribers is the notify_subscribers value sent at the root
	// of the create request, nil when absent.
	NotifySubscribers *bool
	CreatedAt         time.Time
	UpdatedAt         time.Time
	// Translations by locale.
	Translations map[string]*Translation
}

// Translation is one locale of an article.
type Translation struct {
	ID        int64
	ArticleID int64
	Locale    string
	Title     string
	Body      string // as stored: after Help Center's HTML sanitising
	Draft     bool
	Outdated  bool
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Category is a top-level container of sections.
type Category struct {
	ID          int64
	Name        string
	Description string
	Position    int
	Locale      string
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Section holds articles; ParentSectionID is set for sub-sections.
type Section struct {
	ID              int64
	CategoryID      int64
	ParentSectionID int64 // 0 = directly in the category
	Name            string
	Description     string
	Position        int
	Locale          string
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

// Segment is a user segment (who may read).
type Segment struct {
	ID       int64
	Name     string
	UserType string // signed_in_users | staff
	BuiltIn  bool
}

// PermissionGroup says who may edit and publish.
type PermissionGroup struct {
	ID      int64
	Name    string
	BuiltIn bool
}

// ContentTag is a Guide content tag.
type ContentTag struct {
	ID        string
	Name      string
	CreatedAt time.Time
	UpdatedAt time.Time
}

func (a *Article) clone() Article {
	c := *a
	c.UserSegmentIDs = append([]int64(nil), a.UserSegmentIDs...)
	c.LabelNames = append([]string(nil), a.LabelNames...)
	c.ContentTagIDs = append([]string(nil), a.ContentTagIDs...)
	if a.NotifySubscribers != nil {
		v := *a.NotifySubscribers
		c.NotifySubscribers = &v
	}
	c.Translations = make(map[string]*Translation, len(a.Translations))
	for l, t := range a.Translations {
		tc := *t
		c.Translations[l] = &tc
	}
	return c
}

// locales returns the article's translation locales, source first.
func (a *Article) locales() []string {
	ls := make([]string, 0, len(a.Translations))
	for l := range a.Translations {
		if l != a.SourceLocale {
			ls = append(ls, l)
		}
	}
	sort.Strings(ls)
	return append([]string{a.SourceLocale}, ls...)
}

// Articles returns a copy of every article the fake holds, archived ones
// included, by id.
func (s *Server) Articles() []Article {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Article, 0, len(s.articles))
	for _, a := range s.articleList() {
		out = append(out, a.clone())
	}
	return out
}

// Article returns a copy of one article.
func (s *Server) Article(id int64) (Article, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.articles[id]
	if !ok {
		return Article{}, false
	}
	return a.clone(), true
}

// Categories returns every category, by id.
func (s *Server) Categories() []Category {
	s.mu.Lock()
	defer s.mu.Unlock()
	return copies(sorted(s.categories, func(a, b *Category) int { return cmp.Compare(a.ID, b.ID) }))
}

// Sections returns every section, by id.
func (s *Server) Sections() []Section {
	s.mu.Lock()
	defer s.mu.Unlock()
	return copies(sorted(s.sections, func(a, b *Section) int { return cmp.Compare(a.ID, b.ID) }))
}

// ContentTags returns every content tag, by name.
func (s *Server) ContentTags() []ContentTag {
	s.mu.Lock()
	defer s.mu.Unlock()
	return copies(sorted(s.tags, func(a, b *ContentTag) int { return cmp.Compare(a.Name, b.Name) }))
}

// SegmentName returns the name of a user segment id, "" if unknown.
func (s *Server) SegmentName(id int64) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if g, ok := s.segments[id]; ok {
		return g.Name
	}
	return ""
}

// PermissionGroupName returns the name of a permission group id, "" if unknown.
func (s *Server) PermissionGroupName(id int64) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if g, ok := s.groups[id]; ok {
		return g.Name
	}
	return ""
}

// ContentTagName returns the name of a content tag id, "" if unknown.
func (s *Server) ContentTagName(id string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t, ok := s.tags[id]; ok {
		return t.Name
	}
	return ""
}

func (s *Server) articleList() []*Article {
	return sorted(s.articles, func(a, b *Article) int { return cmp.Compare(a.ID, b.ID) })
}

// sorted returns the values of m in the given order; the fake keeps its
// records in maps, and every list it answers or returns has a fixed order.
func sorted[K comparable, V any](m map[K]*V, order func(a, b *V) int) []*V {
	out := slices.Collect(maps.Values(m))
	slices.SortFunc(out, order)
	return out
}

// copies returns a copy of each record, so that a test cannot change the
// fake's state through what an accessor returned.
func copies[V any](ps []*V) []V {
	out := make([]V, 0, len(ps))
	for _, p := range ps {
		out = append(out, *p)
	}
	return out
}
