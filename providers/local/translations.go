package local

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hcsync/hcsync/locales"

	"github.com/hcsync/hcsync/providers"
)

func newTranslation(locale string, in providers.TranslationInput, now time.Time) *translationFile {
	t := &translationFile{
		Locale:    locale,
		Title:     strings.TrimSpace(in.Title),
		Body:      in.Body,
		Draft:     in.Draft,
		CreatedAt: now,
		UpdatedAt: now,
	}
	if in.Description != nil {
		t.Description = *in.Description
	}
	if in.Slug != nil {
		t.Slug = *in.Slug
	}
	return t
}

// CreateTranslation adds a locale to an article.
func (p *Provider) CreateTranslation(ctx context.Context, articleID string, in providers.TranslationInput) (providers.Translation, error) {
	fail := func(err error) (providers.Translation, error) {
		return providers.Translation{}, fmt.Errorf("create %s translation of article %s: %w", in.Locale, articleID, err)
	}
	locale, err := p.checkLocale(in.Locale)
	if err != nil {
		return fail(err)
	}
	if strings.TrimSpace(in.Title) == "" {
		return fail(errors.New("the title is empty: set title: in the translation's front-matter"))
	}
	defer p.lock(articleID)()
	a, err := p.readArticle(articleID)
	if err != nil {
		return fail(err)
	}
	if a.Translations[locale] != nil {
		return fail(fmt.Errorf("the article already has a %s translation: update it instead", locale))
	}
	now := p.stamp()
	t := newTranslation(locale, in, now)
	a.Translations[locale] = t
	a.UpdatedAt = now
	if err := p.writeArticle(a); err != nil {
		return fail(err)
	}
	return *p.toTranslation(a.ID, t), nil
}

// UpdateTranslation sets the title, body and draft state of one locale,
// and its description and slug when given. As on Zendesk, an update that
// changes nothing leaves updated_at alone.
func (p *Provider) UpdateTranslation(ctx context.Context, articleID string, in providers.TranslationInput) (providers.Translation, error) {
	fail := func(err error) (providers.Translation, error) {
		return providers.Translation{}, fmt.Errorf("update %s translation of article %s: %w", in.Locale, articleID, err)
	}
	if strings.TrimSpace(in.Title) == "" {
		return fail(errors.New("the title is empty: set title: in the front-matter"))
	}
	locale := locales.Normalize(in.Locale)
	return p.editTranslation(articleID, locale, fail, func(t *translationFile) {
		t.Title = strings.TrimSpace(in.Title)
		t.Body = in.Body
		t.Draft = in.Draft
		if in.Description != nil {
			t.Description = *in.Description
		}
		if in.Slug != nil {
			t.Slug = *in.Slug
		}
	})
}

// Publish makes one locale visible to readers.
func (p *Provider) Publish(ctx context.Context, articleID, locale string) error {
	return p.setDraft(articleID, locale, false)
}

// Unpublish returns one locale to draft.
func (p *Provider) Unpublish(ctx context.Context, articleID, locale string) error {
	return p.setDraft(articleID, locale, true)
}

func (p *Provider) setDraft(articleID, locale string, draft bool) error {
	verb := "publish"
	if draft {
		verb = "unpublish"
	}
	_, err := p.editTranslation(articleID, locales.Normalize(locale), func(err error) (providers.Translation, error) {
		return providers.Translation{}, fmt.Errorf("%s %s translation of article %s: %w", verb, locale, articleID, err)
	}, func(t *translationFile) { t.Draft = draft })
	return err
}

// editTranslation applies edit to one translation under the article's
// lock and writes the article if the translation changed.
func (p *Provider) editTranslation(articleID, locale string, fail func(error) (providers.Translation, error), edit func(*translationFile)) (providers.Translation, error) {
	defer p.lock(articleID)()
	a, err := p.readArticle(articleID)
	if err != nil {
		return fail(err)
	}
	t := a.Translations[locale]
	if t == nil {
		return fail(fmt.Errorf("no %s translation: %w: create it first", locale, providers.ErrNotFound))
	}
	before := *t
	edit(t)
	if *t != before {
		now := p.stamp()
		t.UpdatedAt, a.UpdatedAt = now, now
		if err := p.writeArticle(a); err != nil {
			return fail(err)
		}
	}
	return *p.toTranslation(a.ID, t), nil
}

// DeleteTranslation removes a locale other than the source one.
func (p *Provider) DeleteTranslation(ctx context.Context, articleID, locale string) error {
	locale = locales.Normalize(locale)
	defer p.lock(articleID)()
	a, err := p.readArticle(articleID)
	if err != nil {
		return fmt.Errorf("delete %s translation: %w", locale, err)
	}
	if locale == a.SourceLocale {
		return fmt.Errorf("delete %s translation of article %s: it is the source translation: archive the article, or change its source locale first", locale, articleID)
	}
	if a.Translations[locale] == nil {
		return fmt.Errorf("delete %s translation of article %s: %w", locale, articleID, providers.ErrNotFound)
	}
	delete(a.Translations, locale)
	a.UpdatedAt = p.stamp()
	if err := p.writeArticle(a); err != nil {
		return fmt.Errorf("delete %s translation of article %s: %w", locale, articleID, err)
	}
	return nil
}
