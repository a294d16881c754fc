package helpcenter

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"mime/multipart"
	"net/textproto"
	"slices"
	"strings"

	"github.com/hcsync/hcsync/internal/slug"

	"github.com/hcsync/hcsync/locales"

	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/render"
)

// CreateSection implements providers.Provider: a category, or a
// subcategory when ParentID is set. The API answers with the whole
// category list (SKILL.md, "Create Category"), so the new category is
// the entry with the name under the parent that was not known before.
func (p *Provider) CreateSection(ctx context.Context, s providers.SectionInput) (providers.Section, error) {
	body := map[string]string{"name": s.Name}
	if s.Description != "" {
		body["description"] = s.Description
	}
	if s.ParentID != "" {
		body["parent_id"] = s.ParentID
	}
	var l list[category]
	if err := p.do(ctx, providers.Request{Method: "POST", Path: p.path("articles", "categories"), JSON: body}, &l); err != nil {
		return providers.Section{}, fmt.Errorf("creating category %q: %w", s.Name, err)
	}
	p.mu.Lock()
	var found *category
	kind := providers.KindCategory
	for _, c := range l.Data {
		cands, k := []category{c}, providers.KindCategory
		if s.ParentID != "" {
			if c.ID != s.ParentID {
				continue
			}
			cands, k = c.Children, providers.KindSection
		}
		for i := range cands {
			if cands[i].Name != s.Name {
				continue
			}
			// List order is creation order: the last match is the newest,
			// and an unknown id is surely ours.
			if found == nil || !p.knownCategories[cands[i].ID] {
				found, kind = &cands[i], k
			}
		}
	}
	p.mu.Unlock()
	p.remember(l.Data)
	if found == nil {
		return providers.Section{}, fmt.Errorf("creating category %q: the answer's category list does not hold it: run again to adopt it", s.Name)
	}
	return providers.Section{ID: found.ID, Kind: kind, Name: found.Name, Description: found.Description, ParentID: s.ParentID}, nil
}

// UpdateSection implements providers.Provider: PATCH
// /articles/categories/{cid} with the name and description that change
// (helpcenter-articles.txt, "Updating Categories"). Categories have no
// position in the API (Capabilities.SectionPosition is false), so a
// position is not sent; the PATCH refuses a body with no field, so none
// is made then.
func (p *Provider) UpdateSection(ctx context.Context, id string, s providers.SectionUpdate) error {
	body := map[string]string{}
	if s.Name != nil {
		body["name"] = *s.Name
	}
	if s.Description != nil {
		body["description"] = *s.Description
	}
	if len(body) == 0 {
		return nil
	}
	var l list[category]
	if err := p.do(ctx, providers.Request{Method: "PATCH", Path: p.path("articles", "categories", id), JSON: body}, &l); err != nil {
		return fmt.Errorf("updating category %s: %w", id, err)
	}
	p.remember(l.Data)
	return nil
}

// CreateArticle implements providers.Provider. Help.Center always creates
// a draft; the adapter then sets the slug and publishes when the source
// is not a draft. When a step after the create fails, the returned
// Article still carries the new id with the error, so the caller can
// record it.
func (p *Provider) CreateArticle(ctx context.Context, in providers.ArticleInput) (providers.Article, error) {
	info, err := p.centerInfo(ctx)
	if err != nil {
		return providers.Article{}, err
	}
	if err := unsupported(in.ArticleMeta); err != nil {
		return providers.Article{}, err
	}
	if err := checkSource(info, in.Source.Locale, in.SourceLocale); err != nil {
		return providers.Article{}, err
	}
	section := in.SectionID
	if section == "" && in.ArticleMeta.SectionID != nil {
		section = *in.ArticleMeta.SectionID
	}
	body := map[string]any{"title": in.Source.Title, "content": map[string]string{"html": in.Source.Body}}
	if section != "" {
		body["category_id"] = section
	}
	if in.Source.Description != nil {
		body["metadata"] = map[string]any{"seo": map[string]string{"metaDesc": *in.Source.Description}}
	}
	var d article
	if err := p.do(ctx, providers.Request{Method: "POST", Path: p.path("articles"), JSON: body}, &d); err != nil {
		return providers.Article{}, fmt.Errorf("creating article %q: %w", in.Source.Title, err)
	}
	a := providers.Article{
		ID: d.ID, SectionID: d.CategoryID, SourceLocale: info.DefaultLanguage,
		CreatedAt: d.CreatedAt, UpdatedAt: d.UpdatedAt,
		Translations: map[string]*providers.Translation{info.DefaultLanguage: {
			Locale: info.DefaultLanguage, Title: d.Title, Body: d.Content.html(), Draft: true,
			Description: d.SEO.desc(), Slug: d.Slug, UpdatedAt: d.UpdatedAt,
		}},
	}
	src := a.Translations[info.DefaultLanguage]
	// A draft needs its slug now for its URL to be known: links from
	// other articles of the same apply point at it before it is
	// published. Publishing generates one otherwise.
	// Help.Center makes a draft's slug from its title by the rule of
	// package slug ("a URL-friendly slug", helpcenter-articles.txt).
	want := d.Slug
	switch {
	case in.Source.Slug != nil:
		want = *in.Source.Slug
	case want == "" && in.Source.Draft:
		want = slug.Of(in.Source.Title)
	}
	if want != d.Slug && want != "" {
		if err := p.metadata(ctx, d.ID, "", map[string]any{"slug": want}); err != nil {
			return a, fmt.Errorf("article %s was created, but setting its slug failed: %w", d.ID, err)
		}
		src.Slug = want
	}
	a.URL = articleURL(info, d.SlugID, src.Slug)
	p.rememberSlugID(d.ID, d.SlugID)
	if !in.Source.Draft {
		live, err := p.publish(ctx, d.ID, "", "publish")
		if err != nil {
			return a, fmt.Errorf("article %s was created as a draft, but publishing it failed: %w", d.ID, err)
		}
		src.Draft = false
		if live.URL != "" {
			a.URL = live.URL
		}
		if live.Slug != "" {
			src.Slug = live.Slug
		}
	}
	src.URL = a.URL
	return a, nil
}

// UpdateArticle implements providers.Provider. Only the category can
// change: the source language is the center's default, and the other
// fields have no Help.Center counterpart.
func (p *Provider) UpdateArticle(ctx context.Context, id string, m providers.ArticleMeta) (providers.Article, error) {
	info, err := p.centerInfo(ctx)
	if err != nil {
		return providers.Article{}, err
	}
	if err := unsupported(m); err != nil {
		return providers.Article{}, err
	}
	if err := checkSource(info, info.DefaultLanguage, m.SourceLocale); err != nil {
		return providers.Article{}, err
	}
	a := providers.Article{ID: id, SourceLocale: info.DefaultLanguage}
	if m.SectionID == nil {
		return a, nil
	}
	var d article
	if err := p.do(ctx, providers.Request{Method: "PATCH", Path: p.path("articles", id, "metadata"), JSON: map[string]string{"category": *m.SectionID}}, &d); err != nil {
		return providers.Article{}, fmt.Errorf("moving article %s to category %s: %w", id, *m.SectionID, err)
	}
	a.SectionID, a.UpdatedAt = d.CategoryID, d.UpdatedAt
	return a, nil
}

// CreateTranslation implements providers.Provider: the translation draft
// endpoint creates a translation as it updates one.
func (p *Provider) CreateTranslation(ctx context.Context, articleID string, t providers.TranslationInput) (providers.Translation, error) {
	info, err := p.centerInfo(ctx)
	if err != nil {
		return providers.Translation{}, err
	}
	if locales.Equal(t.Locale, info.DefaultLanguage) {
		return providers.Translation{}, fmt.Errorf("article %s: %s is the center's default language, which the article itself holds: it cannot be a translation", articleID, t.Locale)
	}
	return p.UpdateTranslation(ctx, articleID, t)
}

// UpdateTranslation implements providers.Provider. Content goes to the
// draft; with Draft false the draft is then published, so the content
// is live after the call. (A plan drops a diverged draft whose published
// version is the file with DiscardDraft instead, never through here.) Only
// what the plan found changed is written: content it found the remote
// already holds (TitleSame, BodySame), in the state ListArticles read,
// is neither written nor published again, and the slug and SEO
// description go in a metadata write only when they differ.
func (p *Provider) UpdateTranslation(ctx context.Context, articleID string, t providers.TranslationInput) (providers.Translation, error) {
	info, lang, err := p.translationLanguage(ctx, articleID, t.Locale)
	if err != nil {
		return providers.Translation{}, err
	}
	out := providers.Translation{Locale: t.Locale, Title: t.Title, Body: render.HelpCenterSanitize(t.Body), Draft: t.Draft}
	if t.Description != nil {
		out.Description = *t.Description
	}
	if t.Slug != nil {
		out.Slug = *t.Slug
	}

	locale := lang
	if lang == "" {
		locale = info.DefaultLanguage
	}
	lv, known := p.getLive(articleID, locale)
	same := known && contentUnchanged(lv, t)
	// Whatever happens next, what ListArticles saw is no longer a safe
	// basis for a skipped write.
	p.forgetLive(articleID, locale)
	// have is the remote's slug and SEO object once the content is as t
	// says: from the write's answer, or as read when nothing is written.
	var have translation
	switch {
	case same:
		have.Slug, have.SEO = lv.slug, lv.seo
	default:
		if err := p.do(ctx, providers.Request{Method: "PATCH", Path: p.draftPath(articleID, lang), JSON: draftWrite(lv, known, t)}, &have); err != nil {
			return out, fmt.Errorf("writing the %s draft of article %s: %w", t.Locale, articleID, err)
		}
		out.Body, out.UpdatedAt = have.Content.html(), have.UpdatedAt
	}
	out.Slug = have.Slug

	meta := map[string]any{}
	switch {
	case t.Slug != nil:
		if *t.Slug != have.Slug {
			meta["slug"] = *t.Slug
		}
		out.Slug = *t.Slug
	case lang != "" && out.Slug == "" && t.Draft:
		// As for articles: a draft translation needs its slug now for its
		// URL to be known to links written before it is published.
		if out.Slug = slug.Of(t.Title); out.Slug != "" {
			meta["slug"] = out.Slug
		}
	}
	// An answer without an SEO object says nothing of the description:
	// write it.
	if t.Description != nil && (have.SEO == nil || have.SEO.desc() != *t.Description) {
		seo, err := p.seoWithDesc(ctx, articleID, lang, have.SEO, *t.Description)
		if err != nil {
			return out, err
		}
		meta["seo"] = seo
	}
	if len(meta) > 0 {
		if err := p.metadata(ctx, articleID, lang, meta); err != nil {
			return out, err
		}
	}
	// Content that was already live needs no new version: nothing to
	// publish.
	if !t.Draft && !same {
		live, err := p.publish(ctx, articleID, lang, "publish")
		if err != nil {
			return out, err
		}
		out.URL = live.URL
	}
	if out.URL == "" {
		if lang != "" {
			out.URL = translationURL(info, lang, p.slugID(articleID), out.Slug)
		} else {
			out.URL = articleURL(info, p.slugID(articleID), out.Slug)
		}
	}
	return out, nil
}

// draftWrite is the body of a draft write: the title and the html, less
// the one the plan found the draft already holds (TitleSame, BodySame;
// the endpoint takes either alone, SKILL.md, "Update Translation
// Draft"). Both are sent when the draft was not read, or holds
// unpublished changes hcsync did not make.
func draftWrite(lv liveVersion, known bool, t providers.TranslationInput) map[string]string {
	body := map[string]string{"title": t.Title, "html": t.Body}
	if !known || lv.status == statusPublishedWithChanges {
		return body
	}
	switch {
	case t.TitleSame:
		delete(body, "title")
	case t.BodySame:
		delete(body, "html")
	}
	return body
}

// contentUnchanged reports whether t's content is, as the plan found,
// what the remote already holds in the state t asks for: the published
// version of a translation that is published without pending changes,
// or the draft of one that was never published, which t keeps a draft.
// The plan compared the bodies; the adapter only knows the states.
func contentUnchanged(lv liveVersion, t providers.TranslationInput) bool {
	published := !t.Draft && lv.status == statusPublished
	unpublished := t.Draft && lv.status == statusUnpublished
	return (published || unpublished) && t.TitleSame && t.BodySame
}

// draftPath is the draft endpoint of the article (lang "") or of one
// translation.
func (p *Provider) draftPath(articleID, lang string) string {
	if lang == "" {
		return p.path("articles", articleID, "draft")
	}
	return p.path("articles", articleID, "translations", lang, "draft")
}

// seoWithDesc is the SEO object to write for a new description: the
// remote's object with only metaDesc changed, since a write replaces the
// whole object and would otherwise erase the SEO title a person set in
// the help center. have is the object the draft write answered with;
// when the answer held none, the draft is read for it.
func (p *Provider) seoWithDesc(ctx context.Context, articleID, lang string, have *seo, desc string) (seo, error) {
	if have == nil {
		var d translation
		if err := p.do(ctx, providers.Request{Method: "GET", Path: p.draftPath(articleID, lang)}, &d); err != nil {
			return seo{}, fmt.Errorf("reading the SEO fields of %s, to keep them when writing its description: %w", subject(articleID, lang), err)
		}
		// A draft without seo has no SEO fields to keep.
		have = d.SEO
	}
	return have.withDesc(desc), nil
}

// subject names the article (lang "") or one translation in messages.
func subject(articleID, lang string) string {
	if lang == "" {
		return "article " + articleID
	}
	return "the " + lang + " translation of article " + articleID
}

// DiscardDraft implements providers.DraftDiscarder: the article's
// unpublished changes are dropped and its draft is the published version
// again ("Discard Draft Changes", helpcenter-articles.txt). Only the
// article, in the center's default language, has a discard: the API has
// none for translations, so a plan never asks one of them.
func (p *Provider) DiscardDraft(ctx context.Context, articleID, locale string) error {
	info, lang, err := p.translationLanguage(ctx, articleID, locale)
	if err != nil {
		return err
	}
	if lang != "" {
		return fmt.Errorf("article %s: the %s translation has no draft discard in the Help.Center API (only the article in %s has): make a new plan with hcsync plan", articleID, locale, info.DefaultLanguage)
	}
	p.forgetLive(articleID, info.DefaultLanguage)
	if err := p.do(ctx, providers.Request{Method: "POST", Path: p.path("articles", articleID, "draft", "discard"), Idempotent: true}, nil); err != nil {
		return fmt.Errorf("discarding the unpublished changes of article %s: %w", articleID, err)
	}
	return nil
}

// DeleteTranslation implements providers.Provider.
func (p *Provider) DeleteTranslation(ctx context.Context, articleID, locale string) error {
	_, lang, err := p.translationLanguage(ctx, articleID, locale)
	if err != nil {
		return err
	}
	if lang == "" {
		return fmt.Errorf("article %s: %s is the article's own language: delete the article instead", articleID, locale)
	}
	err = p.do(ctx, providers.Request{Method: "DELETE", Path: p.path("articles", articleID, "translations", lang)}, nil)
	if err != nil && !errors.Is(err, providers.ErrNotFound) {
		return fmt.Errorf("deleting the %s translation of article %s: %w", lang, articleID, err)
	}
	return nil
}

// Publish implements providers.Provider. A translation can be published
// only once the article is (the API answers root_not_published).
func (p *Provider) Publish(ctx context.Context, articleID, locale string) error {
	return p.setPublished(ctx, articleID, locale, "publish")
}

// Unpublish implements providers.Provider. Unpublishing the source
// language also unpublishes every translation (SKILL.md, "Unpublish
// Article").
func (p *Provider) Unpublish(ctx context.Context, articleID, locale string) error {
	return p.setPublished(ctx, articleID, locale, "unpublish")
}

func (p *Provider) setPublished(ctx context.Context, articleID, locale, verb string) error {
	info, lang, err := p.translationLanguage(ctx, articleID, locale)
	if err != nil {
		return err
	}
	// The state ListArticles read is no longer the remote's, whatever
	// the outcome; unpublishing the article unpublishes its
	// translations too.
	if lang == "" {
		p.forgetLive(articleID, info.DefaultLanguage)
		if verb == "unpublish" {
			for _, l := range info.AdditionalLanguages {
				p.forgetLive(articleID, l)
			}
		}
	} else {
		p.forgetLive(articleID, lang)
	}
	_, err = p.publish(ctx, articleID, lang, verb)
	return err
}

// published is what publishing answers: the article or translation
// response, of which the adapter needs the URL and slug.
type published struct {
	URL  string `json:"url"`
	Slug string `json:"slug"`
}

// publish runs verb (publish or unpublish) on the article (lang "") or
// one translation. Both are safe to repeat.
func (p *Provider) publish(ctx context.Context, articleID, lang, verb string) (published, error) {
	path := p.path("articles", articleID, verb)
	what := "article " + articleID
	if lang != "" {
		path = p.path("articles", articleID, "translations", lang, verb)
		what = "the " + lang + " translation of article " + articleID
	}
	var res published
	err := p.do(ctx, providers.Request{Method: "POST", Path: path, Idempotent: true}, &res)
	var apiErr *providers.APIError
	if errors.As(err, &apiErr) && apiErr.Code == "root_not_published" {
		return res, fmt.Errorf("%s: publish article %s in the default language first: %w", verb+"ing "+what, articleID, err)
	}
	if err != nil {
		return res, fmt.Errorf("%s: %w", verb+"ing "+what, err)
	}
	return res, nil
}

// metadata patches the article's (lang "") or a translation's metadata,
// which is live at once.
func (p *Provider) metadata(ctx context.Context, articleID, lang string, body map[string]any) error {
	path, what := p.path("articles", articleID, "metadata"), "article "+articleID
	if lang != "" {
		path = p.path("articles", articleID, "translations", lang, "metadata")
		what = "the " + lang + " translation of article " + articleID
	}
	if err := p.do(ctx, providers.Request{Method: "PATCH", Path: path, JSON: body}, nil); err != nil {
		return fmt.Errorf("updating the slug and SEO description of %s: %w", what, err)
	}
	return nil
}

// Archive implements providers.Provider: Help.Center has no archive, so
// the article is deleted with all its translations. An article already
// gone counts as done.
func (p *Provider) Archive(ctx context.Context, articleID string) error {
	err := p.do(ctx, providers.Request{Method: "DELETE", Path: p.path("articles", articleID)}, nil)
	if err != nil && !errors.Is(err, providers.ErrNotFound) {
		return fmt.Errorf("deleting article %s: %w", articleID, err)
	}
	return nil
}

// CreateTag implements providers.Provider; Help.Center has no tags.
func (p *Provider) CreateTag(ctx context.Context, name string) (providers.Tag, error) {
	return providers.Tag{}, fmt.Errorf("content tag %q: Help.Center has no content tags: remove content_tags from the front-matter", name)
}

// UploadImage implements providers.Provider: multipart field "image" to
// the article's image endpoint, or the center's when the article does
// not exist yet (SKILL.md, "Upload Image").
func (p *Provider) UploadImage(ctx context.Context, img providers.Image) (string, error) {
	if len(img.Data) > MaxImageBytes {
		return "", fmt.Errorf("image %s: %d bytes is over Help.Center's 10 MB limit: shrink it", img.Name, len(img.Data))
	}
	if !slices.Contains(imageTypes, img.ContentType) {
		return "", fmt.Errorf("image %s: Help.Center takes JPEG, PNG, GIF, WebP and SVG, not %s: convert it", img.Name, img.ContentType)
	}
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="image"; filename=%q`, img.Name))
	h.Set("Content-Type", img.ContentType)
	part, err := mw.CreatePart(h)
	if err != nil {
		return "", fmt.Errorf("image %s: %w", img.Name, err)
	}
	part.Write(img.Data)
	if err := mw.Close(); err != nil {
		return "", fmt.Errorf("image %s: %w", img.Name, err)
	}
	path := p.path("articles", "images")
	if img.ArticleID != "" {
		path = p.path("articles", img.ArticleID, "images")
	}
	var res struct {
		Success bool `json:"success"`
		Data    struct {
			URL string `json:"url"`
		} `json:"data"`
	}
	// A repeated upload only stores the same image twice, so the POST is
	// safe to retry.
	if err := p.do(ctx, providers.Request{Method: "POST", Path: path, Body: buf.Bytes(), ContentType: mw.FormDataContentType(), Idempotent: true}, &res); err != nil {
		return "", fmt.Errorf("uploading image %s: %w", img.Name, err)
	}
	if res.Data.URL == "" {
		return "", fmt.Errorf("uploading image %s: the answer holds no url", img.Name)
	}
	return res.Data.URL, nil
}

// translationLanguage reads the center's languages and maps the locale
// of a translation of article articleID with language (below).
func (p *Provider) translationLanguage(ctx context.Context, articleID, locale string) (*centerInfo, string, error) {
	info, err := p.centerInfo(ctx)
	if err != nil {
		return nil, "", err
	}
	lang, err := language(info, locale)
	if err != nil {
		return nil, "", fmt.Errorf("article %s: %w", articleID, err)
	}
	return info, lang, nil
}

// language maps a locale to the path segment of translation endpoints:
// "" for the center's default language (the article itself), else the
// additional language it names.
func language(info *centerInfo, locale string) (string, error) {
	if locales.Equal(locale, info.DefaultLanguage) {
		return "", nil
	}
	for _, l := range info.AdditionalLanguages {
		if locales.Equal(l, locale) {
			return l, nil
		}
	}
	return "", fmt.Errorf("language %s is not enabled in the help center (default %s, additional: %s): add it under the center's language settings or remove the file",
		locale, info.DefaultLanguage, strings.Join(info.AdditionalLanguages, ", "))
}

// checkSource refuses a source locale other than the center's default:
// Help.Center articles are written in the default language.
func checkSource(info *centerInfo, locale string, want *string) error {
	for _, l := range []*string{&locale, want} {
		if l != nil && *l != "" && !locales.Equal(*l, info.DefaultLanguage) {
			return fmt.Errorf("source locale %s: Help.Center articles are written in the center's default language %s: set locale: %s (or default_locale) or make the file a translation", *l, info.DefaultLanguage, info.DefaultLanguage)
		}
	}
	return nil
}

// unsupported refuses metadata Help.Center cannot hold. Zero values
// (no labels, not promoted) ask for nothing and pass.
func unsupported(m providers.ArticleMeta) error {
	var names []string
	if m.Labels != nil && len(*m.Labels) > 0 {
		names = append(names, "labels")
	}
	if m.ContentTags != nil && len(*m.ContentTags) > 0 {
		names = append(names, "content_tags")
	}
	if m.Segments != nil && len(*m.Segments) > 0 {
		names = append(names, "segments")
	}
	if m.PermissionGroup != nil && *m.PermissionGroup != "" {
		names = append(names, "permission_group")
	}
	if m.Promoted != nil && *m.Promoted {
		names = append(names, "promoted")
	}
	if m.Position != nil {
		names = append(names, "position")
	}
	if m.CommentsDisabled != nil && *m.CommentsDisabled {
		names = append(names, "comments_disabled")
	}
	if len(names) > 0 {
		return fmt.Errorf("front-matter sets %s, which Help.Center articles do not have: remove them", strings.Join(names, ", "))
	}
	return nil
}
