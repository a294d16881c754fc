package savedplan

import (
	"context"
	"fmt"
	"html"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/hcsync/hcsync/internal/checksum"
	"github.com/hcsync/hcsync/locales"
	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers"
)

// Kind is the kind of a remote object a plan observed.
type Kind string

// Kinds of observed objects.
const (
	KindArticle     Kind = "article"     // its settings: section, labels, tags, segments, …
	KindTranslation Kind = "translation" // one locale: title, body, draft, description, slug
	KindSection     Kind = "section"     // a category or section: name, description, position, parent
	// KindLink is an article a change's body links to: it must still
	// exist, as a fresh plan refuses a link to an id the help center no
	// longer has; its edits do not matter.
	KindLink Kind = "link"
)

// Observation is what the plan read of one remote object a change
// touches. Apply reads the object again and refuses the plan when it
// differs.
type Observation struct {
	Kind   Kind   `json:"kind"`
	ID     string `json:"id"` // the article's or section's id
	Locale string `json:"locale,omitempty"`
	// Exists is false for a translation the plan creates: one added in
	// the help center since would be overwritten.
	Exists    bool      `json:"exists"`
	UpdatedAt time.Time `json:"updated_at,omitzero"`
	// Sum is the checksum of the fields the plan's changes compare.
	Sum string `json:"checksum,omitempty"`
	// Name is a section's name, for messages.
	Name string `json:"name,omitempty"`
}

func (o Observation) key() string {
	return string(o.Kind) + "/" + o.ID + "/" + locales.Normalize(o.Locale)
}

// touched lists the remote objects p's changes write to or depend on,
// without their state.
func touched(p *plan.Plan) []Observation {
	var out []Observation
	seen := map[string]bool{}
	add := func(o Observation) {
		if o.ID != "" && !seen[o.key()] {
			seen[o.key()] = true
			out = append(out, o)
		}
	}
	for _, c := range p.Changes {
		switch c.Action {
		case plan.ActionAdopt, plan.ActionArchive:
			add(Observation{Kind: KindArticle, ID: c.ArticleID})
		case plan.ActionUpdateMeta:
			add(Observation{Kind: KindArticle, ID: c.ArticleID})
			if c.Meta.Section != nil {
				add(Observation{Kind: KindSection, ID: c.Meta.Section.ID})
			}
		case plan.ActionUpdateTranslation, plan.ActionCreateTranslation, plan.ActionDeleteTranslation, plan.ActionPublish, plan.ActionUnpublish,
			plan.ActionDiscardDraft:
			// A discard drops the unpublished edits the plan showed: any
			// made since would be dropped unseen.
			add(Observation{Kind: KindTranslation, ID: c.ArticleID, Locale: c.Locale})
		case plan.ActionCreate:
			add(Observation{Kind: KindSection, ID: c.Create.Section.ID})
		case plan.ActionCreateSection:
			add(Observation{Kind: KindSection, ID: c.Section.ParentID})
		case plan.ActionUpdateSection, plan.ActionUpdateCategory, plan.ActionAdoptSection:
			add(Observation{Kind: KindSection, ID: c.SectionUpdate.ID})
		}
	}
	return out
}

// Observe records the state of the objects p touches, from the
// articles and sections the plan was made from. An object the plan
// did not read (a section outside a partial listing) is not recorded.
func Observe(p *plan.Plan, articles []providers.Article, sections []providers.Section) []Observation {
	return observe(append(touched(p), linked(p, articles)...), articles, sections)
}

// href is a link's target in a body the renderer wrote, up to its
// fragment.
var href = regexp.MustCompile(`href="([^"#]*)`)

// linked lists the articles the bodies of p's changes link to, found by
// the URLs the plan resolved those links to.
func linked(p *plan.Plan, articles []providers.Article) []Observation {
	byURL := map[string]string{}
	for i := range articles {
		for _, t := range articles[i].Translations {
			for _, u := range []string{t.Link(), t.URL, t.Permalink} {
				if u != "" {
					byURL[u] = articles[i].ID
				}
			}
		}
	}
	var out []Observation
	seen := map[string]bool{}
	for _, c := range p.Changes {
		var body string
		switch {
		case c.Translation != nil:
			body = c.Translation.Body
		case c.Create != nil:
			body = c.Create.Source.Body
		}
		for _, m := range href.FindAllStringSubmatch(body, -1) {
			if id, ok := byURL[html.UnescapeString(m[1])]; ok && !seen[id] {
				seen[id] = true
				out = append(out, Observation{Kind: KindLink, ID: id})
			}
		}
	}
	return out
}

func observe(want []Observation, articles []providers.Article, sections []providers.Section) []Observation {
	arts := make(map[string]*providers.Article, len(articles))
	for i := range articles {
		arts[articles[i].ID] = &articles[i]
	}
	secs := make(map[string]*providers.Section, len(sections))
	for i := range sections {
		secs[sections[i].ID] = &sections[i]
	}
	out := []Observation{}
	for _, o := range want {
		switch o.Kind {
		case KindArticle:
			if a := arts[o.ID]; a != nil {
				o.Exists, o.UpdatedAt, o.Sum = true, a.UpdatedAt.UTC(), articleSum(a)
			}
		case KindTranslation:
			a := arts[o.ID]
			if a == nil {
				continue // created by the plan, or caught by its article
			}
			if t := translation(a, o.Locale); t != nil {
				o.Exists, o.UpdatedAt, o.Sum = true, t.UpdatedAt.UTC(), translationSum(t)
			}
		case KindLink:
			o.Exists = arts[o.ID] != nil
		case KindSection:
			s := secs[o.ID]
			if s == nil {
				continue
			}
			o.Exists, o.Name, o.Sum = true, s.Name, sectionSum(s)
		}
		if (o.Kind == KindArticle || o.Kind == KindLink) && !o.Exists {
			continue // gone before the plan: the plan says so itself
		}
		out = append(out, o)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].key() < out[j].key() })
	return out
}

func translation(a *providers.Article, locale string) *providers.Translation {
	if t, ok := a.Translations[locale]; ok {
		return t
	}
	for l, t := range a.Translations {
		if locales.Equal(l, locale) {
			return t
		}
	}
	return nil
}

// sum joins fields with a separator no field holds unescaped.
func sum(fields ...string) string {
	d := checksum.New()
	for _, f := range fields {
		d.WriteString(strconv.Quote(f))
		d.WriteString("\x00")
	}
	return hex(d.Sum())
}

func translationSum(t *providers.Translation) string {
	return sum(t.Title, t.Body, strconv.FormatBool(t.Draft), t.Description, t.Slug, t.PendingTitle, t.PendingBody)
}

// articleSum leaves the permission group out: an adapter names it by
// id or by name depending on what it read before (providers.Article).
func articleSum(a *providers.Article) string {
	return sum(a.SectionID, a.SourceLocale, strings.Join(a.Labels, ","), strings.Join(a.ContentTags, ","), strings.Join(a.Segments, ","),
		strconv.FormatBool(a.Promoted), strconv.Itoa(a.Position), strconv.FormatBool(a.CommentsDisabled))
}

func sectionSum(s *providers.Section) string {
	pos := ""
	if s.Position != nil {
		pos = strconv.Itoa(*s.Position)
	}
	return sum(string(s.Kind), s.Name, s.Description, s.ParentID, pos)
}

// Reread reads again what the check and the writes of pl need, with as
// few requests as the provider allows: the articles recorded (one by one
// when the provider can and that costs fewer requests than listing the
// listed articles again, else the article list), and the section list
// when a section was recorded or pl creates one. Adapters learn from
// these reads the ids and versions they write to, as from a plan's (a
// created category is told apart from those listed before).
func Reread(ctx context.Context, p providers.Provider, f *File) ([]providers.Article, []providers.Section, error) {
	var ids []string
	seen := map[string]bool{}
	needSections := false
	for _, o := range f.Remote {
		needSections = needSections || o.Kind == KindSection
		if o.Kind != KindSection && !seen[o.ID] {
			seen[o.ID] = true
			ids = append(ids, o.ID)
		}
	}
	for _, c := range f.Plan.Changes {
		needSections = needSections || c.Action == plan.ActionCreateSection
	}
	var arts []providers.Article
	var secs []providers.Section
	g, ctx := errgroup.WithContext(ctx)
	if len(ids) > 0 {
		g.Go(func() (err error) {
			if r, ok := p.(providers.ArticleReader); ok && fewerOneByOne(r, len(ids), f.ListedArticles) {
				arts, err = r.ReadArticles(ctx, ids)
			} else {
				arts, err = p.ListArticles(ctx)
			}
			if err != nil {
				return fmt.Errorf("reading the articles the plan touches: %w", err)
			}
			return nil
		})
	}
	if needSections {
		g.Go(func() (err error) {
			if secs, err = p.ListSections(ctx); err != nil {
				return fmt.Errorf("reading the sections the plan touches: %w", err)
			}
			return nil
		})
	}
	return arts, secs, g.Wait()
}

// fewerOneByOne says reading n articles one by one costs fewer requests
// than listing the listed articles again.
func fewerOneByOne(r providers.ArticleReader, n, listed int) bool {
	per, page := r.ArticleReadCost()
	if page <= 0 {
		return false
	}
	pages := max(1, (listed+page-1)/page)
	return per*n < pages
}

// Moved compares what the plan read with the help center now and
// says, one line each, what changed since.
func Moved(recorded []Observation, articles []providers.Article, sections []providers.Section) []string {
	want := make([]Observation, len(recorded))
	for i, o := range recorded {
		want[i] = Observation{Kind: o.Kind, ID: o.ID, Locale: o.Locale}
	}
	now := map[string]Observation{}
	for _, o := range observe(want, articles, sections) {
		now[o.key()] = o
	}
	present := make(map[string]bool, len(articles))
	for _, a := range articles {
		present[a.ID] = true
	}
	var out []string
	said := map[string]bool{} // articles said gone: their translations go unsaid
	for _, was := range recorded {
		if was.Kind != KindSection && !present[was.ID] {
			if !said[was.ID] {
				said[was.ID] = true
				kind := KindArticle
				if was.Kind == KindLink {
					kind = KindLink
				}
				out = append(out, describe(Observation{Kind: kind, ID: was.ID})+" was deleted or archived in the help center since the plan")
			}
			continue
		}
		is, found := now[was.key()]
		if line := movedLine(was, is, found); line != "" {
			out = append(out, line)
		}
	}
	return out
}

func movedLine(was, is Observation, found bool) string {
	exists := found && is.Exists
	switch {
	case was.Exists && !exists:
		return describe(was) + " was deleted or archived in the help center since the plan"
	case !was.Exists && exists:
		return describe(was) + " was added in the help center" + at(is.UpdatedAt, "since the plan")
	// An article's updated_at moves with any of its translations: its
	// settings are compared by their checksum alone.
	case !exists, was.Sum == is.Sum && (was.Kind == KindArticle || was.UpdatedAt.Equal(is.UpdatedAt)):
		return ""
	case was.Kind == KindSection:
		return describe(was) + " was edited in the help center since the plan (now " + strconv.Quote(is.Name) + ")"
	case was.Kind == KindArticle:
		return describe(was) + "'s settings (section, labels, tags, segments, …) were edited in the help center since the plan"
	}
	if was.UpdatedAt.Equal(is.UpdatedAt) {
		return describe(was) + " was edited in the help center since the plan"
	}
	return describe(was) + " was edited in the help center" + at(is.UpdatedAt, "since the plan")
}

func describe(o Observation) string {
	switch o.Kind {
	case KindSection:
		return fmt.Sprintf("section %s (%q)", o.ID, o.Name)
	case KindTranslation:
		return fmt.Sprintf("article %s (%s)", o.ID, o.Locale)
	case KindLink:
		return "article " + o.ID + ", which the plan links to,"
	}
	return "article " + o.ID
}

// at says when t was, or else otherwise.
func at(t time.Time, otherwise string) string {
	if t.IsZero() {
		return " " + otherwise
	}
	return " at " + t.UTC().Format(time.RFC3339)
}
