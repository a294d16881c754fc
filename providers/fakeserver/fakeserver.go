// Package fakeserver is the kit the fake help-center servers share: a
// middleware that logs every request, enforces a rate limit (fixed
// windows, or a token bucket where the service documents a burst) with
// the service's own header names, and injects faults (errors, slow
// answers, dropped connections, errors after acting) so adapter tests
// can exercise the shared client's retries against a service-shaped
// server.
//
// A fake wraps its handler once:
//
//	srv := fakeserver.New(mux, fakeserver.Options{Limit: 700, Window: time.Minute, ...})
//	ts := httptest.NewServer(srv)
package fakeserver

import (
	"bytes"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Options configures a Server.
type Options struct {
	// Limit is the number of requests allowed per Window; 0 = unlimited.
	Limit int
	// Window is the length of the fixed rate-limit windows (Zendesk and
	// Help.Center: a minute; Intercom: 10 seconds). Default one minute.
	Window time.Duration
	// Burst, when more than Limit, makes the budget a token bucket rather
	// than fixed windows: it holds up to Burst requests and refills at
	// Limit per Window, so a client that has been idle may send Burst at
	// once (Help.Center: "100 requests per minute per API key (burst up
	// to 200)"). The bucket starts full.
	Burst int
	// Headers names the rate-limit headers set on every response.
	Headers RateHeaders
	// Reject writes the service's 429 body; the Server has already set
	// Retry-After and the rate headers. Nil = a text/plain body.
	Reject func(w http.ResponseWriter, retryAfter time.Duration)
	// Clock returns the current time; nil = time.Now. Tests pass a
	// manual clock to move between windows without waiting.
	Clock func() time.Time
}

// RateHeaders names a service's rate-limit headers. Empty names are not sent.
type RateHeaders struct {
	Limit     string // e.g. X-Rate-Limit (Zendesk), X-RateLimit-Limit (Intercom)
	Remaining string // e.g. X-Rate-Limit-Remaining, X-RateLimit-Remaining
	Reset     string // e.g. X-RateLimit-Reset
	// ResetUnix sends Reset as the Unix time the window ends (Intercom);
	// otherwise as the seconds until it ends.
	ResetUnix bool
}

// Logged is one request the Server received.
type Logged struct {
	Method string
	Path   string
	Query  url.Values
	Body   []byte
	Header http.Header
	// Status is the status answered; 0 when the connection was dropped
	// before an answer.
	Status int
	// Dropped is set when the connection was closed instead of answered
	// (Fault.Drop or Fault.DropAfter), or the client left during a
	// Fault.Delay.
	Dropped bool
}

// Server is an http.Handler wrapping a fake's handler. It is safe for
// concurrent use.
type Server struct {
	next http.Handler
	opts Options

	mu       sync.Mutex
	log      []Logged
	seen     int // requests received since New or Reset, numbering faults
	gen      int // bumped by Reset, so requests in flight leave the new log alone
	faults   func(n int, r *http.Request) Fault
	winStart time.Time
	winCount int
	// The token bucket of Options.Burst: tokens held at bucketAt (zero:
	// full, not used yet).
	tokens   float64
	bucketAt time.Time
}

// New wraps next.
func New(next http.Handler, opts Options) *Server {
	if opts.Window <= 0 {
		opts.Window = time.Minute
	}
	if opts.Clock == nil {
		opts.Clock = time.Now
	}
	return &Server{next: next, opts: opts}
}

// Requests returns a copy of the request log, in arrival order.
func (s *Server) Requests() []Logged {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Logged(nil), s.log...)
}

// Reset clears the request log, the fault numbering and the current
// rate-limit window. Faults set with SetFaults stay.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.log = nil
	s.seen = 0
	s.gen++
	s.winStart = time.Time{}
	s.winCount = 0
	s.bucketAt = time.Time{}
}

// Count returns how many logged requests have the method ("" = any) and
// a path starting with pathPrefix.
func (s *Server) Count(method, pathPrefix string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, l := range s.log {
		if (method == "" || l.Method == method) && strings.HasPrefix(l.Path, pathPrefix) {
			n++
		}
	}
	return n
}

// SetFaults installs f, called with each request's 1-based arrival
// number (since New or Reset) to choose its fault; nil removes faults.
func (s *Server) SetFaults(f func(n int, r *http.Request) Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = f
}

// ServeHTTP logs r, applies its fault and the rate limit, then hands it
// to the wrapped handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(body))

	s.mu.Lock()
	s.seen++
	n := s.seen
	faults := s.faults
	idx, gen := len(s.log), s.gen
	s.log = append(s.log, Logged{
		Method: r.Method,
		Path:   r.URL.Path,
		Query:  r.URL.Query(),
		Body:   body,
		Header: r.Header.Clone(),
	})
	s.mu.Unlock()

	var f Fault
	if faults != nil {
		f = faults(n, r)
	}
	// The log is updated before any byte reaches the client, so a test
	// that reads it right after its request returns sees the outcome.
	record := func(status int, dropped bool) {
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.gen == gen {
			s.log[idx].Status = status
			s.log[idx].Dropped = dropped
		}
	}
	s.serve(w, r, f, record)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request, f Fault, record func(status int, dropped bool)) {
	if f.Delay > 0 {
		t := time.NewTimer(f.Delay)
		select {
		case <-t.C:
		case <-r.Context().Done():
			// The client gave up; nobody reads the answer.
			t.Stop()
			record(0, true)
			return
		}
	}
	if f.Drop {
		record(0, true)
		drop(w)
		return
	}
	if f.Status != 0 {
		record(f.Status, false)
		writeFault(w, f)
		return
	}
	sw := &statusWriter{ResponseWriter: w, onStatus: func(code int) { record(code, false) }}
	if ok, retry := s.admit(w.Header()); !ok {
		w.Header().Set("Retry-After", ceilSeconds(retry))
		if s.opts.Reject != nil {
			s.opts.Reject(sw, retry)
		}
		if sw.status == 0 {
			// No Reject, or one that wrote nothing: still a 429.
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			sw.WriteHeader(http.StatusTooManyRequests)
			io.WriteString(sw, "Too Many Requests\n")
		}
		return
	}
	if f.DropAfter {
		// The handler runs and its changes stay, but its answer is lost.
		rec := &bufferWriter{header: http.Header{}}
		s.next.ServeHTTP(rec, r)
		record(rec.statusOr200(), true)
		drop(w)
		return
	}
	if f.StatusAfter != 0 {
		// The handler runs and its changes stay; its answer is replaced.
		s.next.ServeHTTP(&bufferWriter{header: http.Header{}}, r)
		record(f.StatusAfter, false)
		writeFault(w, Fault{Status: f.StatusAfter, Header: f.Header, Body: f.Body})
		return
	}
	s.next.ServeHTTP(sw, r)
	if sw.status == 0 {
		// The handler wrote nothing: net/http answers 200.
		record(http.StatusOK, false)
	}
}
