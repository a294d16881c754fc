package export

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

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
	// HTTPClient fetches images over HTTP; nil = http.DefaultClient.
	HTTPClient *http.Client
	// Progress is called after each article is converted.
	Progress func(done, total int)
}

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
// (content.ValidLocale) skips its translation, or its whole article when
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
	ex.redirects = exportRedirects(live, redirector(p))
	if ex.res.DefaultLocale == "" {
		ex.res.DefaultLocale = "en-us"
	}
	ex.profile = render.Lookup(ex.caps.HTMLProfile)
	if opts.HTTPClient == nil {
		ex.opts.HTTPClient = http.DefaultClient
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

// layoutSections gives every section a folder: the slug of its name,
// unique among its siblings, under its parent's folder.
func (ex *exporter) layoutSections() {
	secs := ex.remote.Sections
	byID := make(map[string]*providers.Section, len(secs))
	for i := range secs {
		byID[secs[i].ID] = &secs[i]
	}
	children := map[string][]*providers.Section{}
	for i := range secs {
		s := &secs[i]
		parent := s.ParentID
		if _, ok := byID[parent]; !ok {
			parent = ""
		}
		children[parent] = append(children[parent], s)
	}
	ex.dirs = map[string]string{}
	var walk func(parentID, parentDir string, depth int)
	walk = func(parentID, parentDir string, depth int) {
		list := children[parentID]
		sort.Slice(list, func(i, j int) bool { return providers.IDLess(list[i].ID, list[j].ID) })
		// "images" holds the images of the folder's articles.
		used := map[string]bool{"images": true}
		for _, s := range list {
			if depth > 8 {
				return // a cycle in the parent ids; the rest stay unexported
			}
			name := uniqueName(fileName(s.Name), used)
			dir := path.Join(parentDir, name)
			ex.dirs[s.ID] = dir
			file := "_section.md"
			if s.Kind == providers.KindCategory {
				file = "_category.md"
				ex.res.Categories++
			} else {
				ex.res.Sections++
			}
			var fm content.FrontMatterWriter
			fm.Text("title", s.Name)
			fm.ID(s.ID)
			if s.Description != "" {
				fm.Text("description", s.Description)
			}
			if s.Position != nil && ex.caps.Position {
				fm.Int("position", *s.Position)
			}
			ex.addOf(path.Join(dir, file), fm.Bytes(""), fmt.Sprintf("%s %s %q", s.Kind, s.ID, s.Name))
			ex.noteHost(s.URL)
			walk(s.ID, dir, depth+1)
		}
	}
	walk("", "", 0)
}

// maxNameBytes bounds a file or folder name made from a name the help
// center holds. File systems refuse names over 255 bytes (and encrypted
// home folders about 143); 100 leaves room for a "-2", a locale and
// ".md", and keeps paths readable.
const maxNameBytes = 100

// fileName is the file or folder name for a title or name from the help
// center: its render.FileSlug, shortened to maxNameBytes, the cut ended
// with a hash of the whole name, so that two long titles alike in their
// first hundred bytes get two names, and one title the same name on
// every export. Whatever FileSlug becomes, a name that could leave its
// folder or hide (a separator, "..", a leading dot, a control character)
// is never returned.
func fileName(name string) string {
	return shortName(render.FileSlug(name), name, maxNameBytes)
}

// shortName returns slug when it is a safe name within limit bytes,
// else its longest start that is, then "-" and 8 hex digits of the
// sha256 of full.
func shortName(slug, full string, limit int) string {
	if len(slug) <= limit && safeName(slug) {
		return slug
	}
	sum := sha256.Sum256([]byte(full))
	suffix := fmt.Sprintf("-%x", sum[:4])
	cut := min(len(slug), limit-len(suffix))
	for cut > 0 && !utf8.RuneStart(slug[cut]) {
		cut--
	}
	head := strings.Trim(slug[:cut], "-.")
	if !safeName(head) {
		head = "untitled"
	}
	return head + suffix
}

// safeName reports whether name can be a file name in any folder
// without leaving it, hiding, or being read otherwise than written.
func safeName(name string) bool {
	if name == "" || name == "." || name == ".." || name[0] == '.' || !utf8.ValidString(name) {
		return false
	}
	for _, r := range name {
		if r == '/' || r == '\\' || r == ':' || unicode.IsControl(r) {
			return false
		}
	}
	return true
}

func uniqueName(base string, used map[string]bool) string {
	name := base
	for i := 2; used[name]; i++ {
		name = base + "-" + strconv.Itoa(i)
	}
	used[name] = true
	return name
}

// layoutArticles names every article's files and indexes their URLs,
// before any body is converted, so links can point at any of them.
func (ex *exporter) layoutArticles() {
	arts := ex.remote.Articles
	order := make([]*providers.Article, len(arts))
	for i := range arts {
		order[i] = &arts[i]
	}
	sort.Slice(order, func(i, j int) bool { return providers.IDLess(order[i].ID, order[j].ID) })
	used := map[string]map[string]bool{}
	for _, a := range order {
		src := a.Translations[a.SourceLocale]
		dir, ok := ex.dirs[a.SectionID]
		if a.SectionID == "" && ex.caps.RootArticles {
			dir, ok = "", true // stands alone: a file at the top of the tree
		}
		if src == nil || !ok {
			why := "it is in no section the help center lists"
			if a.SectionID == "" {
				why = "it is in no section, and every article of the tree must be"
			}
			if src == nil {
				why = "it has no translation in its source locale " + a.SourceLocale
			}
			title := ""
			if t := anyTranslation(a); t != nil {
				title = fmt.Sprintf(" %q", t.Title)
			}
			ex.res.Warnings = append(ex.res.Warnings, plan.Warning{Kind: "skipped", Msg: fmt.Sprintf("article %s%s%s not exported: %s", a.ID, title, urlNote(a.URL), why)})
			continue
		}
		if !content.ValidLocale(a.SourceLocale) {
			ex.res.Warnings = append(ex.res.Warnings, plan.Warning{Kind: "skipped", Msg: fmt.Sprintf("article %s %q%s not exported: its source locale %q is not a locale code", a.ID, src.Title, urlNote(a.URL), a.SourceLocale)})
			continue
		}
		if used[dir] == nil {
			used[dir] = map[string]bool{}
		}
		name := src.Slug
		if name == "" {
			name = src.Title
		}
		pl := placed{a: a, dir: dir, base: uniqueName(fileName(name), used[dir])}
		pl.locales = ex.exportedLocales(pl)
		ex.articles = append(ex.articles, pl)
		ex.index(a.URL, pl.file(a.SourceLocale, a.SourceLocale))
		ex.index(src.URL, pl.file(a.SourceLocale, a.SourceLocale))
		// Bodies link by the URL links use (convert relinks the other
		// forms to it).
		ex.index(src.LinkURL, pl.file(a.SourceLocale, a.SourceLocale))
		for _, locale := range pl.locales {
			t := a.Translations[locale]
			ex.index(t.URL, pl.file(locale, a.SourceLocale))
			ex.index(t.LinkURL, pl.file(locale, a.SourceLocale))
		}
	}
}

// anyTranslation is a's source translation, else the one of the first
// locale in order: something to name the article by.
func anyTranslation(a *providers.Article) *providers.Translation {
	if t := a.Translations[a.SourceLocale]; t != nil {
		return t
	}
	locales := make([]string, 0, len(a.Translations))
	for l := range a.Translations {
		locales = append(locales, l)
	}
	sort.Strings(locales)
	if len(locales) == 0 {
		return nil
	}
	return a.Translations[locales[0]]
}

// urlNote is " (url)", or "" for an article the help center gives no
// URL (Intercom's that stand alone have none).
func urlNote(url string) string {
	if url == "" {
		return ""
	}
	return " (" + url + ")"
}

// exportedLocales returns the other locales of pl's article that make
// files, sorted. A locale becomes part of a file name, so one the help
// center sends that is no locale code ("../../etc", "fr/x") is skipped
// with a warning, as is a second spelling of one already taken ("FR"
// beside "fr"), which would overwrite its file.
func (ex *exporter) exportedLocales(pl placed) []string {
	a := pl.a
	var locales []string
	for l := range a.Translations {
		if !providers.EqualLocale(l, a.SourceLocale) {
			locales = append(locales, l)
		}
	}
	sort.Strings(locales)
	taken := map[string]bool{providers.NormalizeLocale(a.SourceLocale): true}
	kept := locales[:0]
	for _, l := range locales {
		why := ""
		switch {
		case !content.ValidLocale(l):
			why = "is not a locale code (like fr or pt-br)"
		case taken[providers.NormalizeLocale(l)]:
			why = "is another spelling of a locale already exported"
		}
		if why != "" {
			ex.res.Warnings = append(ex.res.Warnings, plan.Warning{File: pl.file(a.SourceLocale, a.SourceLocale), Kind: "skipped",
				Msg: fmt.Sprintf("%s: translation %q not exported: the locale %s", pl.what(), l, why)})
			continue
		}
		taken[providers.NormalizeLocale(l)] = true
		kept = append(kept, l)
	}
	return kept
}

// file is the slash path of one locale's file of the article.
func (pl placed) file(locale, source string) string {
	if providers.EqualLocale(locale, source) {
		return path.Join(pl.dir, pl.base+".md")
	}
	return path.Join(pl.dir, pl.base+"."+providers.NormalizeLocale(locale)+".md")
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
			md, used := ex.convert(file, t.Body)
			for name, src := range used {
				images[path.Join(pl.dir, "images", name)] = src
			}
			var fm content.FrontMatterWriter
			if j == 0 {
				ex.sourceFrontMatter(&fm, a, t)
				ex.res.Articles++
			} else {
				fm.Text("title", t.Title)
				fm.Bool("draft", t.Draft)
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
			return fmt.Errorf("export: %s: %w", path.Join(dir, content.ImageSourcesFile), err)
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

func (ex *exporter) sourceFrontMatter(fm *content.FrontMatterWriter, a *providers.Article, t *providers.Translation) {
	caps := ex.caps
	fm.Text("title", t.Title)
	fm.ID(a.ID)
	if !providers.EqualLocale(a.SourceLocale, ex.res.DefaultLocale) {
		fm.Text("locale", providers.NormalizeLocale(a.SourceLocale))
	}
	if caps.Labels {
		fm.List("labels", a.Labels)
	}
	if caps.ContentTags {
		fm.List("content_tags", a.ContentTags)
	}
	if caps.Segments {
		fm.List("segments", a.Segments)
	}
	if caps.PermissionGroups && a.PermissionGroup != "" && !ex.defaultGroup(a) {
		fm.Text("permission_group", ex.remote.Taxonomy.GroupName(a))
	}
	fm.Bool("draft", t.Draft)
	if caps.Promoted {
		fm.Bool("promoted", a.Promoted)
	}
	if caps.Position {
		fm.Int("position", a.Position)
	}
	if caps.CommentsDisabled {
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

// convert turns one body into Markdown for file, and returns the images
// the Markdown links: file name in the folder's images/ -> source URL.
func (ex *exporter) convert(file, body string) (string, map[string]string) {
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
		opts.Image = func(src string) (string, bool) {
			name, ok := ex.image(file, dir, src)
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

// image downloads the image at src for a body in dir and names its file
// there; ok = false keeps src (an image of another site, or one that
// could not be downloaded, with a warning). Each file holds the image of
// one URL: two URLs with the same bytes get two files, so that each body
// resolves back to the URL it showed.
func (ex *exporter) image(file, dir, src string) (name string, ok bool) {
	f, seen := ex.fetched[src]
	if !seen {
		f = ex.fetch(src)
		ex.fetched[src] = f
		if f.err != nil {
			ex.res.Warnings = append(ex.res.Warnings, plan.Warning{File: file, Kind: "image", Msg: fmt.Sprintf("image %s kept as a URL: %v", src, f.err)})
		}
	}
	if f.data == nil {
		return "", false
	}
	names := ex.imageNames[dir]
	if names == nil {
		names = map[string]string{}
		ex.imageNames[dir] = names
	}
	for n, s := range names {
		if s == src {
			return n, true
		}
	}
	base := imageBase(src)
	ext := path.Ext(base)
	stem := strings.TrimSuffix(base, ext)
	name = base
	for i := 2; names[name] != ""; i++ {
		name = stem + "-" + strconv.Itoa(i) + ext
	}
	names[name] = src
	return name, true
}

// imageBase is a safe file name for the image at src.
func imageBase(src string) string {
	u, err := url.Parse(src)
	base := ""
	if err == nil {
		base = path.Base(u.Path)
	}
	ext := strings.ToLower(path.Ext(base))
	stem := render.FileSlug(strings.TrimSuffix(base, path.Ext(base)))
	if stem == "untitled" {
		stem = "image"
	}
	switch ext {
	case ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg":
	default:
		ext = ""
	}
	return shortName(stem, base, maxNameBytes-len(ext)) + ext
}

// imageHosts are where the services serve the images they hold, when
// not on the help center's own host (Zendesk serves attachments there).
var imageHosts = map[string][]string{
	// Upload Image answers "url": "https://cdn.help.center/images/..."
	// (helpcenter-articles.txt, Image Upload).
	"helpcenter": {"cdn.help.center"},
	// "Images will be uploaded to Intercom and we'll use an Intercom link
	// to display these", links like
	// https://downloads.intercomcdn.com/i/o/204050460/... (intercom-articles.txt).
	"intercom": {"downloads.intercomcdn.com"},
}

// fetch downloads one image: through the provider when it can, by GET
// when the image lives on the help center's own host or the service's
// image host, else not at all.
func (ex *exporter) fetch(src string) fetchedImage {
	var data []byte
	var err error
	if f, ok := ex.p.(ImageFetcher); ok {
		data, err = f.FetchImage(ex.ctx, src)
	} else {
		u, perr := url.Parse(src)
		if perr != nil || u.Host == "" || !ex.hostsImages(u.Host) || (u.Scheme != "https" && u.Scheme != "http") {
			return fetchedImage{} // another site's image stays a link
		}
		data, err = ex.get(src)
	}
	if err != nil {
		return fetchedImage{err: err}
	}
	sum := sha256.Sum256(data)
	return fetchedImage{data: data, hash: fmt.Sprintf("%x", sum)}
}

// hostsImages reports whether host serves the help center's images.
func (ex *exporter) hostsImages(host string) bool {
	if ex.hosts[host] {
		return true
	}
	for _, h := range imageHosts[ex.p.Name()] {
		if strings.EqualFold(host, h) {
			return true
		}
	}
	return false
}

// maxExportImage bounds an image download, as the services bound uploads.
const maxExportImage = 20 << 20

func (ex *exporter) get(src string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ex.ctx, http.MethodGet, src, nil)
	if err != nil {
		return nil, err
	}
	resp, err := ex.opts.HTTPClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s", src, resp.Status)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxExportImage+1))
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", src, err)
	}
	if len(data) > maxExportImage {
		return nil, fmt.Errorf("GET %s: larger than %d MB", src, maxExportImage>>20)
	}
	return data, nil
}

// Write puts the tree's files under dir. Each file is written to a
// temporary file and renamed into place, so a failure half-way leaves
// whole files only; a path that would leave dir is refused, and so is
// one through a folder that is a link out of dir (export --force into a
// folder that holds links): nothing is written outside dir. A file that
// is a link is replaced, not written through. An error names what the
// file holds (the article) and where it was going.
func (r *Result) Write(dir string) error {
	for _, f := range r.Files {
		if !filepath.IsLocal(filepath.FromSlash(f.Path)) {
			return fmt.Errorf("export: %srefusing to write %s outside %s", of(f), f.Path, dir)
		}
		if err := linkedOut(dir, path.Dir(f.Path)); err != nil {
			return fmt.Errorf("export: %s: %w", f.Path, err)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer root.Close()
	for _, f := range r.Files {
		if err := writeAtomic(root, filepath.FromSlash(f.Path), f.Data); err != nil {
			return fmt.Errorf("export: %swrite %s: %w", of(f), filepath.Join(dir, filepath.FromSlash(f.Path)), err)
		}
	}
	return nil
}

// of is what f holds and ": ", or "" for a file of the tree itself.
func of(f File) string {
	if f.Of == "" {
		return ""
	}
	return f.Of + ": "
}

// linkedOut returns an error naming the first folder on the slash path
// rel under dir that is a link leading out of dir. Writes go through an
// os.Root, which refuses such a path anyway; this says which folder it
// is and what to do.
func linkedOut(dir, rel string) error {
	realDir, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return nil // dir is made by the write
	}
	p := ""
	for _, seg := range strings.Split(rel, "/") {
		if seg == "." {
			break
		}
		p = path.Join(p, seg)
		full := filepath.Join(dir, filepath.FromSlash(p))
		info, err := os.Lstat(full)
		if err != nil {
			return nil // the rest is made by the write
		}
		if info.Mode()&os.ModeSymlink == 0 {
			continue
		}
		real, err := filepath.EvalSymlinks(full)
		if err != nil {
			return fmt.Errorf("%s is a link to a folder that does not exist: remove the link", p)
		}
		if r, err := filepath.Rel(realDir, real); err != nil || !filepath.IsLocal(r) {
			return fmt.Errorf("%s points outside the folder (-> %s): remove the link, or export elsewhere", p, real)
		}
	}
	return nil
}

// bare is the cause of a file operation's error without the paths it
// names ("file exists", "no space left on device").
func bare(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// writeAtomic writes data to a temporary file beside name, in root, and
// renames it into place. Its errors leave the temporary file's name
// out: the caller names the file.
func writeAtomic(root *os.Root, name string, data []byte) error {
	dir := filepath.Dir(name)
	if err := root.MkdirAll(dir, 0o755); err != nil {
		return err // names the folder in the way
	}
	tmp, f, err := createTemp(root, filepath.Join(dir, "."+filepath.Base(name)), ".tmp")
	if err != nil {
		return bare(err)
	}
	_, werr := f.Write(data)
	merr := f.Chmod(0o644) // whatever the umask, as a checkout would
	cerr := f.Close()
	if err := errors.Join(werr, merr, cerr); err != nil {
		root.Remove(tmp)
		return bare(err)
	}
	if err := root.Rename(tmp, name); err != nil {
		root.Remove(tmp)
		return bare(err)
	}
	return nil
}

// createTemp is os.CreateTemp for an os.Root, which has none: a new
// file named prefix, a random number and suffix, mode 0644.
func createTemp(root *os.Root, prefix, suffix string) (string, *os.File, error) {
	for range 100 {
		name := prefix + "." + strconv.FormatUint(rand.Uint64(), 36) + suffix
		f, err := root.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return name, f, err
	}
	return "", nil, fmt.Errorf("cannot create a temporary file beside %s", prefix)
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
