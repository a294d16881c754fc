package intercom

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/hcsync/hcsync/providers"
)

// Locales implements providers.Provider. The default is the workspace's
// default_locale, which Intercom reports on articles and collections of
// multilingual help centers (a monolingual one reports none, and the
// config's default_locale stands). Intercom does not list the enabled
// locales, so they come from intercom.locales, or are every locale
// Intercom supports.
func (p *Provider) Locales(ctx context.Context) (providers.Locales, error) {
	if err := p.probe(ctx); err != nil {
		return providers.Locales{}, err
	}
	def := p.knownDefault()
	enabled := []string{def}
	candidates := p.locales
	if len(candidates) == 0 {
		candidates = supportedLocales
	}
	for _, l := range candidates {
		if !providers.EqualLocale(l, def) {
			enabled = append(enabled, l)
		}
	}
	return providers.Locales{Default: def, Enabled: enabled}, nil
}

// probe asks for one article, then one collection, to learn the
// workspace's default locale, once.
func (p *Provider) probe(ctx context.Context) error {
	p.mu.Lock()
	done := p.probed
	p.mu.Unlock()
	if done {
		return nil
	}
	q := url.Values{"page": {"1"}, "per_page": {"1"}}
	var as list[article]
	if _, err := p.c.Do(ctx, providers.Request{Method: http.MethodGet, Path: "/articles", Query: q}, &as); err != nil {
		return fmt.Errorf("intercom: reading the workspace's default locale: %w", err)
	}
	for _, a := range as.Data {
		p.learnDefault(a.DefaultLocale)
	}
	if len(as.Data) == 0 {
		var cs list[struct {
			DefaultLocale string `json:"default_locale"`
		}]
		if _, err := p.c.Do(ctx, providers.Request{Method: http.MethodGet, Path: "/help_center/collections", Query: q}, &cs); err != nil {
			return fmt.Errorf("intercom: reading the workspace's default locale: %w", err)
		}
		for _, c := range cs.Data {
			p.learnDefault(c.DefaultLocale)
		}
	}
	p.mu.Lock()
	p.probed = true
	p.mu.Unlock()
	return nil
}

// learnDefault records the workspace default an answer reported.
func (p *Provider) learnDefault(locale string) {
	if locale == "" {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.defaultLocale = locale
	p.probed = true
}

// knownDefault is the workspace default as far as known: reported by the
// API, else the config's default_locale.
func (p *Provider) knownDefault() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.defaultLocale
}

// wireLocale spells locale the way Intercom does (pt-BR, zh-TW), so
// that pt-br in a file name still writes translated_content["pt-BR"].
func (p *Provider) wireLocale(locale string) string {
	for _, l := range supportedLocales {
		if providers.EqualLocale(l, locale) {
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
