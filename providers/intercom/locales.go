package intercom

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/hcsync/hcsync/locales"

	"github.com/hcsync/hcsync/providers"
)

// languages is what the workspace's answers said of its help center's
// languages.
type languages int

const (
	languagesUnknown languages = iota // no article or collection seen yet
	monolingual                       // answers without default_locale
	multilingual                      // answers with default_locale
)

// singleLanguage is why a single-language help center takes no
// translation, and what to do. Its answers carry no default_locale,
// which Intercom returns "only for multilingual help centers".
const singleLanguage = "the Intercom help center has a single language: add languages to it in Intercom's Help Center settings, or remove the translation file"

// errSingleLanguage refuses a translation write to a single-language
// help center, which Intercom would answer with 400.
var errSingleLanguage = errors.New(singleLanguage)

// Locales implements providers.Provider. The default is the workspace's
// default_locale, which Intercom reports on articles and collections of
// multilingual help centers; a single-language one reports none, and
// the config's default_locale stands. A single-language help center
// enables its default alone. A multilingual one (or an empty workspace,
// whose answers tell nothing yet) enables intercom.locales, or every
// locale Intercom supports: Intercom does not list the enabled ones.
func (p *Provider) Locales(ctx context.Context) (providers.Locales, error) {
	if err := p.probe(ctx); err != nil {
		return providers.Locales{}, err
	}
	def := p.knownDefault()
	if p.knownLanguages() == monolingual {
		return providers.Locales{Default: def, Enabled: []string{def}, EnableHint: singleLanguage}, nil
	}
	enabled := []string{def}
	candidates := p.locales
	if len(candidates) == 0 {
		candidates = supportedLocales
	}
	for _, l := range candidates {
		if !locales.Equal(l, def) {
			enabled = append(enabled, l)
		}
	}
	return providers.Locales{Default: def, Enabled: enabled}, nil
}

// probe reads the first page of articles (shared with the first
// listing), then, if there are none, one collection, to learn the
// workspace's default locale and whether it has more than one, once.
func (p *Provider) probe(ctx context.Context) error {
	p.mu.Lock()
	done := p.probed
	p.mu.Unlock()
	if done {
		return nil
	}
	as, err := p.firstArticles(ctx)
	if err != nil {
		return fmt.Errorf("intercom: reading the workspace's default locale: %w", err)
	}
	for _, a := range as.Data {
		p.learn(a.DefaultLocale)
	}
	if len(as.Data) == 0 {
		q := url.Values{"page": {"1"}, "per_page": {"1"}}
		var cs list[collection]
		if err := p.do(ctx, providers.Request{Method: http.MethodGet, Path: "/help_center/collections", Query: q}, &cs); err != nil {
			return fmt.Errorf("intercom: reading the workspace's default locale: %w", err)
		}
		for _, c := range cs.Data {
			p.learn(c.DefaultLocale)
		}
	}
	p.mu.Lock()
	p.probed = true
	p.mu.Unlock()
	return nil
}

// learn records what an article or collection answer says of the help
// center's languages: its default_locale, or, by leaving it out, that
// the help center has a single language. One multilingual answer
// outweighs any number of others: the workspace may have turned
// languages on since.
func (p *Provider) learn(defaultLocale string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.probed = true
	if defaultLocale == "" {
		if p.langs == languagesUnknown {
			p.langs = monolingual
		}
		return
	}
	p.defaultLocale = defaultLocale
	p.langs = multilingual
}

// knownDefault is the workspace default as far as known: reported by the
// API, else the config's default_locale.
func (p *Provider) knownDefault() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.defaultLocale
}

// knownLanguages is what the answers so far said of the languages.
func (p *Provider) knownLanguages() languages {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.langs
}

// checkTranslatable refuses, before any request, a write to a locale
// other than the default on a single-language help center.
func (p *Provider) checkTranslatable(locale string) error {
	if locale == "" || locales.Equal(locale, p.knownDefault()) || p.knownLanguages() != monolingual {
		return nil
	}
	return errSingleLanguage
}

// wireLocale spells locale the way Intercom does (pt-BR, zh-TW), so
// that pt-br in a file name still writes translated_content["pt-BR"].
func (p *Provider) wireLocale(locale string) string {
	for _, l := range supportedLocales {
		if locales.Equal(l, locale) {
			return l
		}
	}
	return locale
}

// Taxonomy implements providers.Provider: Intercom articles have no
// content tags, user segments or permission groups.
func (p *Provider) Taxonomy(ctx context.Context) (providers.Taxonomy, error) {
	return providers.Taxonomy{
		Tags:             map[string]string{},
		Segments:         map[string]string{},
		PermissionGroups: map[string]string{},
	}, nil
}

// CreateTag implements providers.Provider. Article tags are read-only in
// Intercom's Articles API ("Tags cannot be managed via the Articles API").
func (p *Provider) CreateTag(ctx context.Context, name string) (providers.Tag, error) {
	return providers.Tag{}, fmt.Errorf("intercom: create tag %q: Intercom's Articles API cannot manage tags: remove content_tags: from the front-matter", name)
}

// errNoUpload is returned by UploadImage.
var errNoUpload = errors.New("Intercom takes images by URL only: set intercom.image_base_url to where the repository's images are served, or use absolute image URLs")

// UploadImage implements providers.Provider. Intercom has no upload
// endpoint: it fetches each <img src> itself when an article is saved.
func (p *Provider) UploadImage(ctx context.Context, img providers.Image) (string, error) {
	return "", fmt.Errorf("intercom: image %s: %w", img.Name, errNoUpload)
}
