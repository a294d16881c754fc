package local

import (
	"context"
	"fmt"
	"strings"

	"github.com/hcsync/hcsync/providers"
)

// ListSections returns every category and section, in creation order
// (parents before children).
func (p *Provider) ListSections(ctx context.Context) ([]providers.Section, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	// Another process may have added some: apply lists sections to adopt
	// those rather than make them twice.
	if err := p.reloadCenter(); err != nil {
		return nil, err
	}
	out := make([]providers.Section, 0, len(p.center.Sections))
	for _, s := range p.center.Sections {
		out = append(out, p.toSection(s))
	}
	return out, nil
}

func (p *Provider) toSection(s section) providers.Section {
	var pos *int
	if s.Position != nil {
		v := *s.Position
		pos = &v
	}
	return providers.Section{
		ID:          s.ID,
		Kind:        providers.SectionKind(s.Kind),
		Name:        s.Name,
		Description: s.Description,
		ParentID:    s.ParentID,
		Position:    pos,
		URL:         p.baseURL + "/" + p.center.DefaultLocale + "/sections/" + s.ID,
	}
}

// CreateSection creates a category (no parent) or a section inside a
// category or section, at most three levels deep.
func (p *Provider) CreateSection(ctx context.Context, in providers.SectionInput) (providers.Section, error) {
	if strings.TrimSpace(in.Name) == "" {
		return providers.Section{}, fmt.Errorf("create section: the name is empty: give the folder a name or a title: in _section.md")
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	var s section
	err := p.updateCenter(func() (err error) {
		s, err = p.addSection(in)
		return err
	})
	if err != nil {
		return providers.Section{}, err
	}
	return p.toSection(s), nil
}

// addSection checks in and adds it to the center. The caller holds p.mu
// and saves the center.
func (p *Provider) addSection(in providers.SectionInput) (section, error) {
	switch in.Kind {
	case providers.KindCategory:
		if in.ParentID != "" {
			return section{}, fmt.Errorf("create category %q: a category has no parent (got parent %s)", in.Name, in.ParentID)
		}
	case providers.KindSection:
		if in.ParentID == "" {
			return section{}, fmt.Errorf("create section %q: a section needs a parent category or section", in.Name)
		}
		depth := p.depthLocked(in.ParentID)
		if depth == 0 {
			return section{}, fmt.Errorf("create section %q: parent %s: %w", in.Name, in.ParentID, providers.ErrNotFound)
		}
		if depth >= p.Capabilities().MaxSectionDepth {
			return section{}, fmt.Errorf("create section %q: parent %s is already %d levels deep, the most the local help center holds: move the folder up", in.Name, in.ParentID, depth)
		}
	default:
		return section{}, fmt.Errorf("create section %q: kind %q: want %s or %s", in.Name, in.Kind, providers.KindCategory, providers.KindSection)
	}
	s := section{
		ID:          p.center.newID(),
		Kind:        string(in.Kind),
		Name:        in.Name,
		Description: in.Description,
		ParentID:    in.ParentID,
	}
	if in.Position != nil {
		v := *in.Position
		s.Position = &v
	}
	p.center.Sections = append(p.center.Sections, s)
	return s, nil
}

// UpdateSection changes the name, description or position of a
// category or section; the kind must be the one it has.
func (p *Provider) UpdateSection(ctx context.Context, id string, u providers.SectionUpdate) error {
	if u.Name != nil && strings.TrimSpace(*u.Name) == "" {
		return fmt.Errorf("update section %s: the name is empty: give the folder a name or a title: in _section.md", id)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	s := p.sectionLocked(id)
	if s == nil {
		return fmt.Errorf("update section %s: %w", id, providers.ErrNotFound)
	}
	if u.Kind != "" && string(u.Kind) != s.Kind {
		return fmt.Errorf("update section %s: it is a %s, not a %s", id, s.Kind, u.Kind)
	}
	before := *s
	if u.Name != nil {
		s.Name = *u.Name
	}
	if u.Description != nil {
		s.Description = *u.Description
	}
	if u.Position != nil {
		v := *u.Position
		s.Position = &v
	}
	if err := p.saveCenter(); err != nil {
		*s = before
		return fmt.Errorf("update section %s: %w", id, err)
	}
	return nil
}

// depthLocked returns the level of section id (category = 1), or 0 when
// there is no such section. The caller holds p.mu.
func (p *Provider) depthLocked(id string) int {
	depth := 0
	for id != "" && depth <= len(p.center.Sections) {
		s := p.sectionLocked(id)
		if s == nil {
			return 0
		}
		depth++
		id = s.ParentID
	}
	return depth
}

func (p *Provider) sectionLocked(id string) *section {
	for i := range p.center.Sections {
		if p.center.Sections[i].ID == id {
			return &p.center.Sections[i]
		}
	}
	return nil
}

// Taxonomy returns the help center's content tags, user segments and
// permission groups, each as id -> name.
func (p *Provider) Taxonomy(ctx context.Context) (providers.Taxonomy, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	m := func(list []named) map[string]string {
		out := make(map[string]string, len(list))
		for _, n := range list {
			out[n.ID] = n.Name
		}
		return out
	}
	return providers.Taxonomy{
		Tags:             m(p.center.Tags),
		Segments:         m(p.center.Segments),
		PermissionGroups: m(p.center.PermissionGroups),
	}, nil
}

// CreateTag creates a content tag. A tag of the same name (in any case)
// is returned as it is: names are unique, as on Zendesk.
func (p *Provider) CreateTag(ctx context.Context, name string) (providers.Tag, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return providers.Tag{}, fmt.Errorf("create tag: the name is empty")
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	var t named
	err := p.updateCenter(func() error {
		var ok bool
		if t, ok = find(p.center.Tags, name); !ok {
			t = named{ID: p.center.newID(), Name: name}
			p.center.Tags = append(p.center.Tags, t)
		}
		return nil
	})
	if err != nil {
		return providers.Tag{}, fmt.Errorf("create tag %q: %w", name, err)
	}
	return providers.Tag{ID: t.ID, Name: t.Name}, nil
}

// find looks a name up by name (case-insensitively) or by id.
func find(list []named, nameOrID string) (named, bool) {
	for _, n := range list {
		if strings.EqualFold(n.Name, nameOrID) || n.ID == nameOrID {
			return n, true
		}
	}
	return named{}, false
}

// resolveNames maps names or ids to the stored names, failing on the
// first unknown one with what exists.
func (p *Provider) resolveNames(kind string, list []named, in []string) ([]string, error) {
	out := make([]string, 0, len(in))
	for _, s := range in {
		n, ok := find(list, s)
		if !ok {
			known := make([]string, len(list))
			for i, k := range list {
				known[i] = k.Name
			}
			return nil, fmt.Errorf("unknown %s %q (known: %s)", kind, s, strings.Join(known, ", "))
		}
		out = append(out, n.Name)
	}
	return out, nil
}
