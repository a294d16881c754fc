package export

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/hcsync/hcsync/locales"

	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/remote"
	"github.com/hcsync/hcsync/render"
)

// ImageFetcher is implemented by providers whose image URLs a plain HTTP
// GET cannot reach (the local provider's live in a folder). Export uses
// it when the provider has it, and GETs images on the help center's own
// host otherwise.
type ImageFetcher interface {
	FetchImage(ctx context.Context, url string) ([]byte, error)
}

// Options tune Export.
type Options struct {
	// RelativeLinks rewrites links between articles of the help center
	// to relative .md links, which the planner resolves back to the
	// articles' URLs.
	RelativeLinks bool
	// LocalImages downloads the help center's images into images/ beside
	// the articles and links them relatively. Each images/ folder gets a
	// sidecar, .hcsync-sources.json, recording every file's sha256 and
	// the URL it came from, so plan maps an unchanged copy back to that
	// URL instead of uploading it again.
	LocalImages bool
	// Drafts exports the unpublished edits of an article or translation
	// that has them (Help.Center keeps a draft beside the live version)
	// instead of its published version. Either way, Result.Pending
	// lists them.
	Drafts bool
	// Defaults are what the exported hcsync.yaml gives new articles
	// (Options.Defaults). A file whose permission group is the default
	// one does not name it: an absent key leaves the article's group as
	// the help center has it, and the tree reads as a team writes one
	// (a plan of it then need not read the group list).
	Defaults providers.ArticleMeta
	// Explicit writes every key the provider can hold into every file,
	// defaults too (promoted: false, segments: [], draft: false, …).
	// Without it a file says only what differs from what the help
	// center assumes, as a writer would write it: an absent key is left
	// as the help center has it, so the plan is empty all the same, but
	// the tree no longer holds those values (an edit in the help center
	// that sets one is not undone by apply).
	Explicit bool
	// Like is the folder of a tree this help center was filled from, or
	// exported to before: an article or folder whose id is in it keeps
	// the name it has there (see names.go). "" names everything from the
	// titles.
	Like string
	// HTTPClient fetches images over HTTP; nil = a client of its own.
	// It never carries the provider's credentials: images may live on
	// another host (a CDN).
	HTTPClient *http.Client
	// ImageTimeout bounds each image download, so that one stalled
	// server keeps that image as a URL instead of hanging the export;
	// 0 = DefaultImageTimeout.
	ImageTimeout time.Duration
	// Progress is called after each article is converted.
	Progress func(done, total int)
}

// DefaultImageTimeout is how long export waits for one image: 20 MB
// (maxExportImage) over a slow link.
const DefaultImageTimeout = 2 * time.Minute

// File is one file of an exported tree.
type File struct {
	Path string // slash path relative to the tree's root
	Data []byte
	// Of names what the file holds for an error that it could not be
	// written (`article 123 "Title"`); "" for files of the tree itself.
	Of string
}

// Result is an exported tree, held in memory until Write, and
// what a user should know about it.
type Result struct {
	// DefaultLocale is the help center's default locale: the locale of
	// source files without locale:, for default_locale in hcsync.yaml.
	DefaultLocale string
	Files         []File
	Sections      int // sections and sub-sections (Intercom: sections)
	Categories    int // top-level folders (Intercom: collections)
	Articles      int // source files
	Translations  int // files of other locales
	Images        int
	// KeptArticles and KeptFolders count the articles and the folders
	// named as Options.Like's tree names them.
	KeptArticles, KeptFolders int
	// Bodies lists the bodies that kept some HTML, or did not come back
	// unchanged at all, sorted by file.
	Bodies   []BodyReport
	Warnings []plan.Warning
	// Pending lists, sorted, the files whose article or translation has
	// unpublished edits in the help center: their published version was
	// exported, or with Drafts the edits.
	Pending []PendingEdit
}

// PendingEdit is a file whose article (Source) or translation has
// unpublished edits in the help center.
type PendingEdit struct {
	File   string `json:"file"`
	Source bool   `json:"source"`
}

// BodyReport says how much of one body Markdown could express.
type BodyReport struct {
	File      string `json:"file"`
	Blocks    int    `json:"blocks"`
	RawBlocks int    `json:"raw_blocks"` // kept as inline HTML
	// Lossy: even as HTML the body did not come back as stored, so plan
	// will show a change for it.
	Lossy bool `json:"lossy,omitempty"`
}

// Export reads a help center through p and lays it out as a tree of
// Markdown files: a folder per section (with _section.md or
// _category.md), a file per article and locale, front-matter holding
// the id and every field the provider can hold. Nothing is written:
// call Write.
//
// The promise is that planning the tree against the same help center
// shows no changes: bodies are converted by render.Markdown, which keeps
// what Markdown cannot express as HTML, and only front-matter keys the
// provider's Capabilities allow are written.
//
// With LocalImages, images come into the tree too, on every provider,
// though only the local one names images by content: each images folder
// gets a sidecar, .hcsync-sources.json, mapping every file to the sha256
// of its bytes and the URL they came from,
//
//	{"screen.png": {"sha256": "9f86d0…", "url": "https://…/screen.png"}}
//
// and the planner resolves a file whose bytes still match to that URL,
// as long as some body of the help center still shows it. An edited
// image, or any without the sidecar, resolves as a new local image does:
// uploaded (or found by the content hash in its URL), or on Intercom,
// which takes no uploads, served from image_base_url.
//
// Every name the help center sends that becomes part of a path is
// checked: titles and names become fileName slugs (bounded, with a
// stable hash suffix when cut), and a locale that is not a locale code
// (locales.Valid) skips its translation, or its whole article when
// it is the source locale, with a warning naming the article.
func Export(ctx context.Context, p providers.Provider, opts Options) (*Result, error) {
	live, err := remote.Fetch(ctx, p)
	if err != nil {
		return nil, err
	}
	if live.Redirects, err = remote.FetchRedirects(ctx, p, true); err != nil {
		return nil, err
	}
	ex := &exporter{
		ctx: ctx, p: p, opts: opts, remote: live, links: remote.NewPermalinks(live.Articles),
		caps:       p.Capabilities(),
		res:        &Result{DefaultLocale: live.Locales.Default},
		files:      map[string]string{},
		imageNames: map[string]map[string]string{},
		fetched:    map[string]fetchedImage{},
	}
	if ex.kept, err = readKeptNames(opts.Like); err != nil {
		return nil, err
	}
	ex.redirects = exportRedirects(live, redirector(p))
	if ex.res.DefaultLocale == "" {
		ex.res.DefaultLocale = "en-us"
	}
	ex.profile = render.Lookup(ex.caps.HTMLProfile)
	if opts.HTTPClient == nil {
		ex.opts.HTTPClient = &http.Client{}
	}
	ex.layoutSections()
	ex.layoutArticles()
	if err := ex.writeArticles(); err != nil {
		return nil, err
	}
	sort.Slice(ex.res.Files, func(i, j int) bool { return ex.res.Files[i].Path < ex.res.Files[j].Path })
	sort.Slice(ex.res.Bodies, func(i, j int) bool { return ex.res.Bodies[i].File < ex.res.Bodies[j].File })
	sort.Slice(ex.res.Pending, func(i, j int) bool { return ex.res.Pending[i].File < ex.res.Pending[j].File })
	return ex.res, nil
}

// exporter holds the state of one Export call.
type exporter struct {
	ctx     context.Context
	p       providers.Provider
	opts    Options
	remote  *remote.State
	caps    providers.Capabilities
	profile *render.Profile
	res     *Result

	dirs     map[string]string // section id -> folder
	articles []placed
	// files maps a URL of an article or translation (without query and
	// fragment, also by path alone) to the file that holds it.
	files map[string]string
	hosts map[string]bool // hosts of the help center's URLs
	// links rewrites links to an article by another form of its URL (an
	// old title's slug) to the one the planner links it by, so that each
	// becomes a relative link and the body still comes back unchanged.
	links remote.Permalinks

	imageNames map[string]map[string]string // folder -> image file name -> source URL
	fetched    map[string]fetchedImage      // image URL -> download
	redirects  map[string][]string          // article id -> redirect_from
	kept       keptNames                    // names of Options.Like's tree
}

// placed is an article and the file its source translation goes to.
type placed struct {
	a    *providers.Article
	dir  string
	base string // file name without .md
	// locales are the article's other locales that export, sorted: those
	// that are locale codes, so each makes a name.<locale>.md.
	locales []string
}

// what names the article in warnings and errors.
func (pl placed) what() string {
	return fmt.Sprintf("article %s %q", pl.a.ID, pl.a.Translations[pl.a.SourceLocale].Title)
}

type fetchedImage struct {
	data []byte
	hash string
	err  error
}

func (ex *exporter) index(rawURL, file string) {
	if rawURL == "" {
		return
	}
	p, _, _ := strings.Cut(rawURL, "#")
	p, _, _ = strings.Cut(p, "?")
	if _, dup := ex.files[p]; !dup {
		ex.files[p] = file
	}
	if u, err := url.Parse(p); err == nil && u.Host != "" && u.Path != "" {
		if _, dup := ex.files[u.Path]; !dup {
			ex.files[u.Path] = file
		}
	}
	ex.noteHost(rawURL)
}

func (ex *exporter) noteHost(rawURL string) {
	if ex.hosts == nil {
		ex.hosts = map[string]bool{}
	}
	if u, err := url.Parse(rawURL); err == nil && u.Host != "" {
		ex.hosts[u.Host] = true
	}
}

func (ex *exporter) add(file string, data []byte) { ex.addOf(file, data, "") }

// addOf adds a file holding what of names, for errors.
func (ex *exporter) addOf(file string, data []byte, of string) {
	ex.res.Files = append(ex.res.Files, File{Path: file, Data: data, Of: of})
}

// writeArticles converts every article's translations and adds their
// files, the images they use, and each images folder's sidecar.
func (ex *exporter) writeArticles() error {
	total := len(ex.articles)
	images := map[string]string{} // file -> source URL, for images a body links
	for i, pl := range ex.articles {
		if err := ex.ctx.Err(); err != nil {
			return err
		}
		a := pl.a
		for j, locale := range append([]string{a.SourceLocale}, pl.locales...) {
			file := pl.file(locale, a.SourceLocale)
			t := ex.version(file, j == 0, a.Translations[locale])
			md, used := ex.convert(file, pl.base, t.Body)
			for name, src := range used {
				images[path.Join(pl.dir, "images", name)] = src
			}
			var fm content.FrontMatterWriter
			if j == 0 {
				ex.sourceFrontMatter(&fm, a, t)
				ex.res.Articles++
			} else {
				fm.Text("title", t.Title)
				// Without draft: a translation follows its source.
				if ex.opts.Explicit || t.Draft != a.Translations[a.SourceLocale].Draft {
					fm.Bool("draft", t.Draft)
				}
				ex.extras(&fm, t)
				ex.res.Translations++
			}
			ex.addOf(file, fm.Bytes(md), pl.what())
		}
		if ex.opts.Progress != nil {
			ex.opts.Progress(i+1, total)
		}
	}
	sidecars := map[string]map[string]content.ImageSource{} // images folder -> sidecar
	for file, src := range images {
		f := ex.fetched[src]
		ex.addOf(file, f.data, "image "+src)
		ex.res.Images++
		dir := path.Dir(file)
		if sidecars[dir] == nil {
			sidecars[dir] = map[string]content.ImageSource{}
		}
		sidecars[dir][path.Base(file)] = content.ImageSource{SHA256: f.hash, URL: src}
	}
	for dir, sources := range sidecars {
		data, err := json.MarshalIndent(sources, "", "  ")
		if err != nil {
			return fmt.Errorf("%s: %w", path.Join(dir, content.ImageSourcesFile), err)
		}
		ex.add(path.Join(dir, content.ImageSourcesFile), append(data, '\n'))
	}
	return nil
}

// version is the title and body of t to export to file: the published
// version, or with Drafts the unpublished edits when t has some, which
// are noted either way.
func (ex *exporter) version(file string, source bool, t *providers.Translation) *providers.Translation {
	if t.PendingTitle == "" && t.PendingBody == "" {
		return t
	}
	ex.res.Pending = append(ex.res.Pending, PendingEdit{File: file, Source: source})
	if !ex.opts.Drafts {
		return t
	}
	v := *t
	if t.PendingTitle != "" {
		v.Title = t.PendingTitle
	}
	if t.PendingBody != "" {
		v.Body = t.PendingBody
	}
	return &v
}

// sourceFrontMatter writes the front-matter of a's source file: every
// key the provider can hold whose value is not what the help center
// assumes when the key is absent (a published article, no labels,
// promoted: false, position 0 …), or with Explicit every key.
func (ex *exporter) sourceFrontMatter(fm *content.FrontMatterWriter, a *providers.Article, t *providers.Translation) {
	caps, all := ex.caps, ex.opts.Explicit
	fm.Text("title", t.Title)
	fm.ID(a.ID)
	if !locales.Equal(a.SourceLocale, ex.res.DefaultLocale) {
		fm.Text("locale", locales.Normalize(a.SourceLocale))
	}
	list := func(can bool, key string, v []string) {
		if can && (all || len(content.SortedUnique(v)) > 0) {
			fm.List(key, v)
		}
	}
	list(caps.Labels, "labels", a.Labels)
	list(caps.ContentTags, "content_tags", a.ContentTags)
	list(caps.Segments, "segments", a.Segments)
	if caps.PermissionGroups && a.PermissionGroup != "" && !ex.defaultGroup(a) {
		fm.Text("permission_group", ex.remote.Taxonomy.GroupName(a))
	}
	if all || t.Draft {
		fm.Bool("draft", t.Draft)
	}
	if caps.Promoted && (all || a.Promoted) {
		fm.Bool("promoted", a.Promoted)
	}
	// Zendesk: "0 by default" (zendesk-articles.txt, position).
	if caps.Position && (all || a.Position != 0) {
		fm.Int("position", a.Position)
	}
	if caps.CommentsDisabled && (all || a.CommentsDisabled) {
		fm.Bool("comments_disabled", a.CommentsDisabled)
	}
	ex.extras(fm, t)
	if rf := ex.redirects[a.ID]; len(rf) > 0 {
		fm.IDList("redirect_from", rf)
	}
}

func (ex *exporter) extras(fm *content.FrontMatterWriter, t *providers.Translation) {
	if ex.caps.Description && t.Description != "" {
		fm.Text("description", t.Description)
	}
	if ex.caps.Slug && t.Slug != "" {
		fm.Text("slug", t.Slug)
	}
}

// convert turns one body into Markdown for file, of the article whose
// files are named base, and returns the images the Markdown links: file
// name in the folder's images/ -> source URL.
func (ex *exporter) convert(file, base, body string) (string, map[string]string) {
	dir := path.Dir(file)
	pending := map[string]string{}
	opts := render.MarkdownOptions{Profile: ex.profile}
	if ex.opts.RelativeLinks {
		opts.Link = func(href string) (string, bool) {
			target, ok := ex.files[href]
			if !ok {
				return "", false
			}
			rel, err := content.RelSlash(dir, target)
			return rel, err == nil
		}
	}
	if ex.opts.LocalImages {
		alts := imageAlts(body)
		opts.Image = func(src string) (string, bool) {
			name, ok := ex.image(file, dir, src, alts[src], base)
			if ok {
				pending[name] = src
			}
			return "images/" + name, ok
		}
	}
	if ex.opts.RelativeLinks {
		body = ex.links.Relink(body)
	}
	res := render.Markdown(body, opts)
	if res.RawBlocks > 0 || res.Lossy {
		ex.res.Bodies = append(ex.res.Bodies, BodyReport{File: file, Blocks: res.Blocks, RawBlocks: res.RawBlocks, Lossy: res.Lossy})
	}
	if res.Lossy {
		ex.res.Warnings = append(ex.res.Warnings, plan.Warning{File: file, Kind: "lossy", Msg: "the body does not come back unchanged even as HTML: plan will show a change for it"})
	}
	used := map[string]string{}
	for name, src := range pending {
		// A block that fell back to HTML keeps the image's URL.
		if strings.Contains(res.Markdown, "images/"+name) {
			used[name] = src
		}
	}
	return res.Markdown, used
}

// defaultGroup reports whether a's permission group is the one the
// exported config gives new articles, by name or id.
func (ex *exporter) defaultGroup(a *providers.Article) bool {
	d := ex.opts.Defaults.PermissionGroup
	if d == nil {
		return false
	}
	want, ok := providers.LookupName(ex.remote.Taxonomy.PermissionGroups, *d)
	if !ok {
		want = strings.TrimSpace(*d)
	}
	return strings.EqualFold(ex.remote.Taxonomy.GroupName(a), want)
}
