package plan

import (
	"errors"
	"fmt"
	"strings"
)

// spec names one desired-state field of a Change.
type spec string

const (
	specSection       spec = "section"
	specSectionUpdate spec = "section_update"
	specTag           spec = "tag"
	specImage         spec = "image"
	specCreate        spec = "create"
	specMeta          spec = "meta"
	specTranslation   spec = "translation"
	specRedirect      spec = "redirect"
	specNone          spec = ""
)

// needs is the desired-state field each action reads. Adopt, archive,
// delete-translation and discard-draft carry none: the article's id
// (and locale) say everything.
var needs = map[Action]spec{
	ActionCreateSection:     specSection,
	ActionUpdateSection:     specSectionUpdate,
	ActionUpdateCategory:    specSectionUpdate,
	ActionAdoptSection:      specSectionUpdate,
	ActionCreateTag:         specTag,
	ActionUploadImage:       specImage,
	ActionCreate:            specCreate,
	ActionAdopt:             specNone,
	ActionUpdateMeta:        specMeta,
	ActionUpdateTranslation: specTranslation,
	ActionDiscardDraft:      specNone,
	ActionCreateTranslation: specTranslation,
	ActionDeleteTranslation: specNone,
	ActionPublish:           specTranslation,
	ActionUnpublish:         specTranslation,
	ActionArchive:           specNone,
	ActionCreateRedirect:    specRedirect,
	ActionUpdateRedirect:    specRedirect,
	ActionDeleteRedirect:    specRedirect,
}

// needsArticleID are the actions on an article that exists before the
// plan runs: without its id the executor would not know which.
var needsArticleID = map[Action]bool{
	ActionAdopt: true, ActionUpdateMeta: true, ActionDeleteTranslation: true, ActionArchive: true, ActionDiscardDraft: true,
}

// needsLocale are the actions on one locale that carry no translation.
var needsLocale = map[Action]bool{ActionDeleteTranslation: true, ActionDiscardDraft: true}

// specs lists the desired-state fields c sets.
func (c *Change) specs() []spec {
	var set []spec
	add := func(ok bool, s spec) {
		if ok {
			set = append(set, s)
		}
	}
	add(c.Section != nil, specSection)
	add(c.SectionUpdate != nil, specSectionUpdate)
	add(c.Tag != "", specTag)
	add(c.Image != nil, specImage)
	add(c.Create != nil, specCreate)
	add(c.Meta != nil, specMeta)
	add(c.Translation != nil, specTranslation)
	add(c.Redirect != nil, specRedirect)
	return set
}

// Validate reports whether c is a change the executor can carry out:
// a key, a known action, and exactly the one desired-state field its
// action reads (none for adopt, archive, delete-translation and
// discard-draft), with the article id an action on an existing article
// needs. A plan read from a file is checked with it before anything is
// written.
func (c *Change) Validate() error {
	if c.Key == "" {
		return errors.New("the change has no key")
	}
	want, known := needs[c.Action]
	if !known {
		return fmt.Errorf("unknown action %q", c.Action)
	}
	set := c.specs()
	switch {
	case want == specNone && len(set) > 0:
		return fmt.Errorf("%s carries no desired state, but %s is set", c.Action, list(set))
	case want != specNone && (len(set) != 1 || set[0] != want):
		return fmt.Errorf("%s needs exactly %q set, but the change sets %s", c.Action, want, list(set))
	}
	if needsArticleID[c.Action] && c.ArticleID == "" {
		return fmt.Errorf("%s needs article_id", c.Action)
	}
	if needsLocale[c.Action] && c.Locale == "" {
		return fmt.Errorf("%s needs locale", c.Action)
	}
	return nil
}

// list names the fields set, for messages.
func list(set []spec) string {
	if len(set) == 0 {
		return "none"
	}
	names := make([]string, len(set))
	for i, s := range set {
		names[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(names, " and ")
}

// Validate checks every change (Change.Validate), that keys are unique
// and that every dependency is a change of the plan, naming the first
// bad change by its key.
func (p *Plan) Validate() error {
	seen := make(map[string]bool, len(p.Changes))
	for i, c := range p.Changes {
		if c == nil {
			return fmt.Errorf("change %d is empty", i+1)
		}
		if err := c.Validate(); err != nil {
			if c.Key == "" {
				return fmt.Errorf("change %d: %w", i+1, err)
			}
			return fmt.Errorf("change %s: %w", c.Key, err)
		}
		if seen[c.Key] {
			return fmt.Errorf("change %s: the key appears twice in the plan", c.Key)
		}
		seen[c.Key] = true
	}
	// A dependency on a change the plan lacks would let a change run
	// before what it needs.
	for _, c := range p.Changes {
		for _, d := range c.Deps {
			if !seen[d] {
				return fmt.Errorf("change %s: it depends on %s, which the plan does not hold", c.Key, d)
			}
		}
	}
	return nil
}
