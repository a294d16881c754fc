// Package local is a help center kept in a folder on disk: the embedded
// default provider, which needs no account and no network. It holds
// everything the remote services can (labels, content tags, segments,
// permission groups, per-locale drafts, nested sections, images), so a
// tree can be planned, applied and exported before any service is set up,
// and tests of the planner and executor have a real provider to run on.
//
// Layout of the folder:
//
//	center.json          default locale, enabled locales, the id counter,
//	                     sections, content tags, user segments and
//	                     permission groups
//	.lock                held while center.json changes (see below)
//	articles/<id>.json   one article with all its translations, plain
//	                     indented JSON, each body a JSON string (a folder
//	                     written before issue #21, bodies after the JSON,
//	                     is refused: see errEarlierFormat)
//	archive/<id>.json    archived articles, moved out of articles/
//	images/<sha256><ext> uploaded images, named by content
//	redirects.json       redirect rules: id, from (a path such as
//	                     /en-us/articles/12) and to (a URL), sorted by from
//
// A new help center starts with the user segments "Signed-in users" and
// "Staff" and the permission groups "Admins" and "Agents" (ids 1 to 4),
// the built-in ones a new Zendesk Guide has, so front-matter written for
// Zendesk plans cleanly against a local center. Nothing is written to the
// folder until the first change: planning against a folder that does not
// exist yet shows an empty help center.
//
// Ids are decimal strings from one counter shared by articles, sections
// and tags. Every file is written whole to a temporary file and renamed
// into place, so a reader never sees half a file; a Provider serialises
// its own writes. Two processes may write one folder at once (two
// applies of different clones pointed at one local.dir): center.json is
// read, changed and written back under the folder's lock file (.lock,
// an OS lock that dies with its process), so no id is handed out twice
// and no section or tag is lost, and ListSections reads the file again
// to see the other's sections. Two processes writing the same article
// at once still end with the last one's version, as on the services.
package local

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/hcsync/hcsync/locales"

	"github.com/hcsync/hcsync/internal/lockfile"
	"github.com/hcsync/hcsync/providers"
)

// Options configures a local help center.
type Options struct {
	// Dir is the folder that holds the help center; created on first write.
	Dir string
	// BaseURL prefixes the URLs of articles and images; default
	// "https://help.local".
	BaseURL string
	// Locales are the enabled locales; empty = any valid locale code.
	Locales []string
	// DefaultLocale is the help center's default locale; default the one
	// stored in center.json, else "en-us".
	DefaultLocale string
	// Now returns the time stamps of changes; default time.Now.
	Now func() time.Time
}

// Provider is a folder-backed help center. It is safe for concurrent use.
type Provider struct {
	dir     string
	baseURL string
	now     func() time.Time

	// mu guards center and center.json, and dirLock, the folder's lock
	// file, opened at the first change.
	mu      sync.Mutex
	center  *center
	dirLock *lockfile.File

	// locks serialises read-modify-write of one article file.
	locks sync.Map // id -> *sync.Mutex

	// heads is what ListSectionArticles read of each article file.
	headsMu sync.Mutex
	heads   map[string]head
}

var _ providers.Provider = (*Provider)(nil)

// New opens the help center in o.Dir, reading center.json if it exists.
func New(o Options) (*Provider, error) {
	if o.Dir == "" {
		return nil, errors.New("local provider: no folder given: set local.dir in hcsync.yaml")
	}
	if o.BaseURL == "" {
		o.BaseURL = "https://help.local"
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	for _, l := range o.Locales {
		if !validLocale(l) {
			return nil, fmt.Errorf("local provider: %q is not a locale code (like en-us or fr): fix local.locales in hcsync.yaml", l)
		}
	}
	if o.DefaultLocale != "" && !validLocale(o.DefaultLocale) {
		return nil, fmt.Errorf("local provider: default locale %q is not a locale code (like en-us or fr)", o.DefaultLocale)
	}
	c, err := loadCenter(o.Dir)
	if err != nil {
		return nil, err
	}
	if o.DefaultLocale != "" {
		c.DefaultLocale = locales.Normalize(o.DefaultLocale)
	}
	if o.Locales != nil {
		c.Locales = normalizeAll(o.Locales)
	}
	if len(c.Locales) > 0 && !contains(c.Locales, c.DefaultLocale) {
		c.Locales = append([]string{c.DefaultLocale}, c.Locales...)
	}
	return &Provider{
		dir:     o.Dir,
		baseURL: strings.TrimRight(o.BaseURL, "/"),
		now:     o.Now,
		center:  c,
	}, nil
}

// Name returns "local".
func (p *Provider) Name() string { return "local" }

// Capabilities says the local help center holds everything.
func (p *Provider) Capabilities() providers.Capabilities {
	return providers.Capabilities{
		Labels:             true,
		ContentTags:        true,
		Segments:           true,
		PermissionGroups:   true,
		Position:           true,
		Promoted:           true,
		CommentsDisabled:   true,
		Description:        true,
		Slug:               true,
		TranslationDrafts:  true,
		DeleteTranslations: true,
		CreateSections:     true,
		SectionPosition:    true,
		TopLevelArticles:   true,
		MaxSectionDepth:    3,
		ImageUpload:        true,
		MaxImageBytes:      maxImageBytes,
		Archive:            providers.ArchiveArchive,
		HTMLProfile:        "local",
		RequestsPerMinute:  0,
	}
}

// Locales returns the default locale and the enabled ones. When any
// valid code is accepted, Enabled is empty, which the planner reads as
// "no restriction".
func (p *Provider) Locales(ctx context.Context) (providers.Locales, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return providers.Locales{Default: p.center.DefaultLocale, Enabled: append([]string(nil), p.center.Locales...),
		EnableHint: "add it to local.locales in hcsync.yaml or rename the file"}, nil
}

// localePattern is the syntax of locale codes: a two- or three-letter
// language, an optional script and an optional region (fr, pt-br,
// zh-hant-tw, es-419).
var localePattern = regexp.MustCompile(`^(?i)[a-z]{2,3}(?:[-_][a-z]{4})?(?:[-_](?:[a-z]{2}|[0-9]{3}))?$`)

func validLocale(s string) bool { return localePattern.MatchString(s) }

// checkLocale returns the normalised locale, or an error saying why the
// help center cannot hold it.
func (p *Provider) checkLocale(l string) (string, error) {
	if !validLocale(l) {
		return "", fmt.Errorf("%q is not a locale code (like en-us or fr)", l)
	}
	n := locales.Normalize(l)
	p.mu.Lock()
	enabled := p.center.Locales
	p.mu.Unlock()
	if len(enabled) > 0 && !contains(enabled, n) {
		return "", fmt.Errorf("locale %s is not enabled in the local help center (enabled: %s): add it to local.locales in hcsync.yaml", n, strings.Join(enabled, ", "))
	}
	return n, nil
}

func (p *Provider) articleURL(locale, id string) string {
	return p.baseURL + "/" + locale + "/articles/" + id
}

// lock takes the lock of article id and returns its release.
func (p *Provider) lock(id string) func() {
	m, _ := p.locks.LoadOrStore(id, &sync.Mutex{})
	mu := m.(*sync.Mutex)
	mu.Lock()
	return mu.Unlock
}

func (p *Provider) path(parts ...string) string {
	return filepath.Join(append([]string{p.dir}, parts...)...)
}

func normalizeAll(ls []string) []string {
	out := make([]string, 0, len(ls))
	for _, l := range ls {
		if n := locales.Normalize(l); !contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

// exists reports whether path exists, for callers that treat a missing
// file as a normal state.
func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
