package preview

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"path"
	"strings"
	"sync"

	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/diag"
	"github.com/hcsync/hcsync/render"
)

// Options configure a Server.
type Options struct {
	// Root is the content folder.
	Root string
	// Load is how the tree is read (default locale, front-matter
	// rules); its Cache is the Server's own.
	Load content.LoadOptions
	// Profile is the help center's HTML profile the articles are
	// rendered with; nil = the default profile, which stores
	// everything unchanged.
	Profile *render.Profile
	// Provider names the help center the pages say they show, e.g.
	// "zendesk"; "" = the profile's name.
	Provider string
	// Shown names a file of the tree (a slash path relative to Root) the
	// way the writer opens it, as validate prints it; nil = as is.
	Shown func(file string) string
	// Title heads every page, e.g. the content folder's name.
	Title string
	// AnyHost answers requests whatever host they name. Without it only
	// localhost, 127.0.0.1 and [::1] are answered, so that a web page
	// the writer visits cannot read the preview through a DNS name it
	// points at 127.0.0.1 (DNS rebinding). Set it when serving on
	// another address than loopback.
	AnyHost bool
}

// Server serves the preview of one tree. It is an http.Handler; Watch
// keeps it current and Close ends the pages' event streams.
type Server struct {
	opts   Options
	cache  *content.LoadCache
	events *broadcaster

	reloading sync.Mutex // one Reload at a time: each builds on the last
	mu        sync.RWMutex
	site      *site
	version   int // counts loads, so a page knows it is out of date
	mux       *http.ServeMux
}

// New loads and renders the tree and returns a Server for it. Problems
// in the tree are no error: the preview shows them. An error that keeps
// the tree from being read at all (no content folder) is shown on every
// page until a change fixes it.
func New(opts Options) *Server {
	if opts.Shown == nil {
		opts.Shown = func(f string) string { return f }
	}
	if opts.Profile == nil {
		opts.Profile = render.Lookup("")
	}
	if opts.Provider == "" {
		opts.Provider = opts.Profile.Name
	}
	s := &Server{opts: opts, cache: content.NewLoadCache(), events: newBroadcaster()}
	s.Reload()
	s.mux = http.NewServeMux()
	s.mux.HandleFunc("GET /{$}", s.index)
	s.mux.HandleFunc("GET /a/{path...}", s.article)
	s.mux.HandleFunc("GET /img/{path...}", s.image)
	s.mux.HandleFunc("GET /problems", s.problemsPage)
	s.mux.HandleFunc("GET /events", s.eventStream)
	return s
}

// Reload reads and renders the tree again and tells the open pages.
// The load cache spares reading the files that did not change.
func (s *Server) Reload() {
	s.reloading.Lock()
	defer s.reloading.Unlock()
	prev, _ := s.current()
	st := load(s.opts, s.cache, prev)
	s.mu.Lock()
	s.site = st
	s.version++
	v := s.version
	s.mu.Unlock()
	s.events.notify(v)
}

// Problems returns every problem the last load found, for the command
// to summarise.
func (s *Server) Problems() diag.Problems {
	st, _ := s.current()
	return st.problems
}

// Err is why the last load could not read the tree at all (no content
// folder), nil when it could: problems in the tree are no error.
func (s *Server) Err() error {
	st, _ := s.current()
	return st.loadErr
}

// Close ends the event streams of the open pages, so that an
// http.Server holding them can shut down.
func (s *Server) Close() { s.events.close() }

func (s *Server) current() (*site, int) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.site, s.version
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.opts.AnyHost && !isLoopbackHost(r.Host) {
		http.Error(w, "hcsync preview answers only to localhost, 127.0.0.1 and [::1]: open it by one of those names, or serve with --addr on another address", http.StatusForbidden)
		return
	}
	s.mux.ServeHTTP(w, r)
}

// isLoopbackHost reports whether the Host header names the machine
// itself.
func isLoopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.Trim(host, "[]")
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// image serves an image of the tree. content.ReadFile refuses a path or
// a link that leads out of the content folder, and only images are
// served: the preview shows the tree's pictures, not its other files.
func (s *Server) image(w http.ResponseWriter, r *http.Request) {
	rel := r.PathValue("path")
	ctype := mime.TypeByExtension(strings.ToLower(path.Ext(rel)))
	if !strings.HasPrefix(ctype, "image/") {
		http.Error(w, fmt.Sprintf("%s is not an image: the preview serves only the tree's images", rel), http.StatusNotFound)
		return
	}
	if rel != path.Clean(rel) || strings.HasPrefix(rel, "../") || path.IsAbs(rel) {
		http.Error(w, fmt.Sprintf("%s leads out of the content folder", rel), http.StatusForbidden)
		return
	}
	data, err := content.ReadFile(s.opts.Root, rel)
	var outside *content.OutsideError
	var special *content.NotRegularError
	switch {
	case errors.As(err, &outside) || errors.As(err, &special):
		http.Error(w, err.Error(), http.StatusForbidden)
		return
	case errors.Is(err, fs.ErrNotExist):
		http.Error(w, fmt.Sprintf("image %s does not exist", rel), http.StatusNotFound)
		return
	case err != nil:
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", ctype)
	// An SVG of the tree is a document: it may run no script here.
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	w.Header().Set("Cache-Control", "no-cache")
	w.Write(data)
}

// nonce is a fresh value for the Content-Security-Policy of one page,
// which lets the preview's own script run and no script of a body:
// the help centers drop those, and a tree from a pull request should
// not run code in the writer's browser.
func nonce() string {
	b := make([]byte, 16)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// setPageHeaders sets the headers of an HTML page whose script carries
// nonce.
func setPageHeaders(w http.ResponseWriter, nonce string) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Security-Policy", "default-src 'none'; base-uri 'none'; form-action 'none'; img-src * data:; media-src *; frame-src *; style-src 'unsafe-inline'; connect-src 'self'; script-src 'nonce-"+nonce+"'")
}
