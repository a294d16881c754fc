package render

import (
	"sort"
	"sync"

	"github.com/yuin/goldmark/ast"
)

// Profile describes the HTML one help center stores unchanged. Rendering
// for a profile emits only that subset, Check turns what the service
// would reject into plan-time problems, and Sanitize applies the
// service's own HTML cleaning to the desired side before comparison, so
// a service that rewrites HTML does not yield a plan that never converges.
//
// A profile is not changed after Register: Render builds its goldmark
// instance once, on first use.
type Profile struct {
	Name string
	// MaxHeading caps heading levels: deeper headings render at this
	// level (Intercom keeps only h1 and h2). 0 = no cap.
	MaxHeading int
	// Check reports constructs of the Markdown document (or raw HTML in
	// it) that the service rejects. Lines are 1-based within src.
	//
	// doc is the tree Render is about to write: headings already capped
	// at MaxHeading, link and image destinations already rewritten.
	// Line(n, src) gives the line of any node, block or inline, so a
	// check needs no position arithmetic of its own, and RawHTML(n, src)
	// gives the markup of *ast.HTMLBlock and *ast.RawHTML nodes.
	Check func(doc ast.Node, src []byte) []Problem
	// Sanitize returns html as the service would store it. Nil = stored
	// unchanged.
	Sanitize func(html string) string
	// OpaqueImageSrc says the service re-hosts images and stores its own
	// URL in src (Intercom: "Images will be uploaded to Intercom and we'll
	// use an Intercom link to display these"), so Equal does not compare
	// image sources: the rest of the body, alt text included, still is.
	OpaqueImageSrc bool
}

// Problem is something in a Markdown body that cannot be published as
// written.
type Problem struct {
	Line int // 1-based line within the body; 0 = unknown
	Msg  string
}

var (
	profilesMu sync.RWMutex
	profiles   = map[string]*Profile{}
)

// Register makes a profile available by name. Profiles register
// themselves from init functions in this package.
func Register(p *Profile) {
	profilesMu.Lock()
	defer profilesMu.Unlock()
	profiles[p.Name] = p
}

// Lookup returns the named profile. The empty name and unknown names
// return the default profile, which stores everything unchanged.
func Lookup(name string) *Profile {
	profilesMu.RLock()
	defer profilesMu.RUnlock()
	if p, ok := profiles[name]; ok {
		return p
	}
	return defaultProfile
}

// Profiles lists the registered profile names, sorted.
func Profiles() []string {
	profilesMu.RLock()
	defer profilesMu.RUnlock()
	names := make([]string, 0, len(profiles))
	for n := range profiles {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

var defaultProfile = &Profile{Name: "default"}
