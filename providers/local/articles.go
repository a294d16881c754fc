package local

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hcsync/hcsync/locales"

	"github.com/hcsync/hcsync/providers"
)

// ListArticles returns every article that is not archived, sorted by id.
func (p *Provider) ListArticles(ctx context.Context) ([]providers.Article, error) {
	dir := p.path("articles")
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("local provider: %w", err)
	}
	var list []providers.Article
	for _, e := range entries {
		id, ok := strings.CutSuffix(e.Name(), ".json")
		if !ok || e.IsDir() || !validID(id) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		a, err := p.decodeArticle(p.articlePath(id))
		if errors.Is(err, fs.ErrNotExist) {
			continue // archived while we listed
		}
		if err != nil {
			return nil, err
		}
		list = append(list, p.toArticle(a))
	}
	slices.SortFunc(list, func(a, b providers.Article) int {
		x, _ := strconv.ParseUint(a.ID, 10, 64)
		y, _ := strconv.ParseUint(b.ID, 10, 64)
		return cmp.Compare(x, y)
	})
	return list, nil
}

// ListSectionArticles returns the articles of one section or category,
// each with its source translation's title and URL only (no bodies, no
// other locales): apply matches titles. Articles are kept one file each,
// not by section, so it looks at every file; what it read of a file is
// kept with the file's size and time, so a call reads only the files
// written since the last (apply calls it once per section).
func (p *Provider) ListSectionArticles(ctx context.Context, sectionID string) ([]providers.Article, error) {
	dir := p.path("articles")
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("local provider: %w", err)
	}
	p.headsMu.Lock()
	defer p.headsMu.Unlock()
	if p.heads == nil {
		p.heads = map[string]head{}
	}
	var out []providers.Article
	for _, e := range entries {
		id, ok := strings.CutSuffix(e.Name(), ".json")
		if !ok || e.IsDir() || !validID(id) {
			continue
		}
		h, err := p.head(filepath.Join(dir, e.Name()), id, e)
		if errors.Is(err, fs.ErrNotExist) {
			continue // archived while we listed
		}
		if err != nil {
			return nil, err
		}
		if h.section != sectionID {
			continue
		}
		url := p.articleURL(h.locale, id)
		out = append(out, providers.Article{ID: id, SectionID: h.section, SourceLocale: h.locale, URL: url,
			Translations: map[string]*providers.Translation{h.locale: {Locale: h.locale, Title: h.title, URL: url}}})
	}
	slices.SortFunc(out, func(a, b providers.Article) int {
		x, _ := strconv.ParseUint(a.ID, 10, 64)
		y, _ := strconv.ParseUint(b.ID, 10, 64)
		return cmp.Compare(x, y)
	})
	return out, nil
}

// head is what ListSectionArticles keeps of an article file, with the
// file's size and time to tell when it was written again.
type head struct {
	size                   int64
	modTime                time.Time
	section, locale, title string
}

// head returns what ListSectionArticles needs of the article file at
// path, read again only when the file changed. The caller holds
// p.headsMu.
func (p *Provider) head(path, id string, e fs.DirEntry) (head, error) {
	info, err := e.Info()
	if err != nil {
		return head{}, err
	}
	if h, ok := p.heads[id]; ok && h.size == info.Size() && h.modTime.Equal(info.ModTime()) {
		return h, nil
	}
	a, err := p.decodeArticle(path)
	if err != nil {
		return head{}, err
	}
	h := head{size: info.Size(), modTime: info.ModTime(), section: a.SectionID, locale: a.SourceLocale, title: a.Translations[a.SourceLocale].Title}
	p.heads[id] = h
	return h, nil
}

// CreateArticle creates an article with its source translation in an
// existing section or category.
func (p *Provider) CreateArticle(ctx context.Context, in providers.ArticleInput) (providers.Article, error) {
	sectionID := in.SectionID
	if sectionID == "" && in.ArticleMeta.SectionID != nil {
		sectionID = *in.ArticleMeta.SectionID
	}
	title := strings.TrimSpace(in.Source.Title)
	fail := func(err error) (providers.Article, error) {
		return providers.Article{}, fmt.Errorf("create article %q: %w", title, err)
	}
	if title == "" {
		return fail(errors.New("the title is empty: every article needs a title: in its front-matter"))
	}
	if sectionID == "" {
		return fail(errors.New("no section given: put the file in a folder"))
	}
	locale := in.Source.Locale
	if locale == "" {
		p.mu.Lock()
		locale = p.center.DefaultLocale
		p.mu.Unlock()
	}
	locale, err := p.checkLocale(locale)
	if err != nil {
		return fail(err)
	}
	now := p.stamp()
	a := &articleFile{
		SectionID:    sectionID,
		SourceLocale: locale,
		CreatedAt:    now,
		UpdatedAt:    now,
		Translations: map[string]*translationFile{locale: newTranslation(locale, in.Source, now)},
	}
	meta := in.ArticleMeta
	meta.SectionID, meta.SourceLocale = nil, nil
	if _, err := p.applyMeta(a, meta); err != nil {
		return fail(err)
	}

	p.mu.Lock()
	err = p.updateCenter(func() error {
		if p.sectionLocked(sectionID) == nil {
			return fmt.Errorf("section %s: %w: create it first or fix section: in the front-matter", sectionID, providers.ErrNotFound)
		}
		a.ID = p.center.newID()
		return nil
	})
	p.mu.Unlock()
	if err != nil {
		return fail(err)
	}
	if err := p.writeArticle(a); err != nil {
		return fail(err)
	}
	return p.toArticle(a), nil
}

// UpdateArticle changes the article-level fields that are set in m. The
// article's updated_at moves only when a value actually changes.
func (p *Provider) UpdateArticle(ctx context.Context, id string, m providers.ArticleMeta) (providers.Article, error) {
	defer p.lock(id)()
	a, err := p.readArticle(id)
	if err != nil {
		return providers.Article{}, fmt.Errorf("update article: %w", err)
	}
	changed, err := p.applyMeta(a, m)
	if err != nil {
		return providers.Article{}, fmt.Errorf("update article %s: %w", id, err)
	}
	if changed {
		a.UpdatedAt = p.stamp()
		if err := p.writeArticle(a); err != nil {
			return providers.Article{}, fmt.Errorf("update article %s: %w", id, err)
		}
	}
	return p.toArticle(a), nil
}

// applyMeta sets the non-nil fields of m on a, after checking every
// value, and reports whether anything changed. On error a is unchanged.
func (p *Provider) applyMeta(a *articleFile, m providers.ArticleMeta) (bool, error) {
	next := *a
	if m.SectionID != nil {
		p.mu.Lock()
		ok := p.sectionLocked(*m.SectionID) != nil
		p.mu.Unlock()
		if !ok {
			return false, fmt.Errorf("section %s: %w: create it first or fix section: in the front-matter", *m.SectionID, providers.ErrNotFound)
		}
		next.SectionID = *m.SectionID
	}
	if m.SourceLocale != nil {
		l := locales.Normalize(*m.SourceLocale)
		if next.Translations[l] == nil {
			return false, fmt.Errorf("source locale %s: the article has no %s translation: create it first", l, l)
		}
		next.SourceLocale = l
	}
	if m.Labels != nil {
		next.Labels = nonEmpty(*m.Labels)
	}
	if err := p.resolveMeta(&next, m); err != nil {
		return false, err
	}
	if m.Promoted != nil {
		next.Promoted = *m.Promoted
	}
	if m.Position != nil {
		next.Position = *m.Position
	}
	if m.CommentsDisabled != nil {
		next.CommentsDisabled = *m.CommentsDisabled
	}
	next.ContentTags = nonEmpty(next.ContentTags)
	next.Segments = nonEmpty(next.Segments)
	changed := next.SectionID != a.SectionID || next.SourceLocale != a.SourceLocale ||
		!slices.Equal(next.Labels, a.Labels) || !slices.Equal(next.ContentTags, a.ContentTags) ||
		!slices.Equal(next.Segments, a.Segments) || next.PermissionGroup != a.PermissionGroup ||
		next.Promoted != a.Promoted || next.Position != a.Position || next.CommentsDisabled != a.CommentsDisabled
	*a = next
	return changed, nil
}

// resolveMeta sets the taxonomy fields of m on a, mapping names or ids
// to the names the help center stores.
func (p *Provider) resolveMeta(a *articleFile, m providers.ArticleMeta) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	var err error
	if m.ContentTags != nil {
		if a.ContentTags, err = p.resolveNames("content tag", p.center.Tags, *m.ContentTags); err != nil {
			return err
		}
	}
	if m.Segments != nil {
		if a.Segments, err = p.resolveNames("user segment", p.center.Segments, *m.Segments); err != nil {
			return err
		}
	}
	if m.PermissionGroup != nil {
		a.PermissionGroup = ""
		if *m.PermissionGroup != "" {
			g, err := p.resolveNames("permission group", p.center.PermissionGroups, []string{*m.PermissionGroup})
			if err != nil {
				return err
			}
			a.PermissionGroup = g[0]
		}
	}
	return nil
}

// nonEmpty returns a copy of list, nil when empty, so that "no labels"
// has one stored form.
func nonEmpty(list []string) []string {
	if len(list) == 0 {
		return nil
	}
	return append([]string(nil), list...)
}

// Archive moves the article to archive/, out of ListArticles. Its id is
// not reused.
func (p *Provider) Archive(ctx context.Context, id string) error {
	defer p.lock(id)()
	if _, err := p.readArticle(id); err != nil {
		return fmt.Errorf("archive article: %w", err)
	}
	if err := os.MkdirAll(p.path("archive"), 0o755); err != nil {
		return fmt.Errorf("archive article %s: %w", id, err)
	}
	if err := os.Rename(p.articlePath(id), p.path("archive", id+".json")); err != nil {
		return fmt.Errorf("archive article %s: %w", id, err)
	}
	return nil
}
