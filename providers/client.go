package providers

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// ClientOptions configures a Client. Only BaseURL is required.
type ClientOptions struct {
	// BaseURL is scheme://host[/prefix]. NewClient refuses http:// unless
	// the host is loopback (127.0.0.0/8, ::1, localhost): credentials
	// travel only over TLS, except to the fake servers of tests.
	BaseURL   string
	UserAgent string
	// Authorize sets auth headers on every attempt. Every header value it
	// sets is treated as a secret and redacted from errors and debug lines.
	Authorize func(*http.Request)
	// Secrets are redacted as "[REDACTED]" from every error message and
	// debug line, together with their base64 and URL-escaped forms.
	Secrets []string
	// Header holds extra headers sent on every request (e.g. Intercom-Version).
	Header http.Header
	// RequestsPerMinute is the service's documented limit; 0 = no
	// client-side pacing (the server's headers still pause the client).
	RequestsPerMinute int
	Burst             int           // default 1
	Timeout           time.Duration // per attempt, default 30s
	MaxRetries        int           // default 6
	// HTTPClient sends the requests; nil = a client with sane transport
	// defaults. Its Timeout should be zero: Timeout above bounds each attempt.
	HTTPClient *http.Client
	// Debug receives one line per attempt (method, URL, status, duration,
	// retry reason), secrets redacted. Nil = silent.
	Debug io.Writer
	// DecodeError builds the *APIError for a non-2xx answer from the
	// service's error body; nil = generic (status + body text trimmed).
	// Method, URL, StatusCode and RetryAfter are filled in when left empty.
	DecodeError func(resp *http.Response, body []byte) *APIError
	// RequestIDHeader names the response header in which the service
	// identifies a request for its support, read into APIError.RequestID
	// when X-Request-Id is absent.
	RequestIDHeader string
}

// Request is one API call for Client.Do.
type Request struct {
	Method string
	// Path is relative to BaseURL ("/api/v2/..."), or an absolute URL on
	// the same scheme and host (pagination "next" links).
	Path  string
	Query url.Values
	// JSON is marshalled as the body, with Content-Type application/json.
	JSON any
	// Body is a raw body (multipart uploads) sent with ContentType.
	Body        []byte
	ContentType string
	// Idempotent marks a POST as safe to repeat (publish/unpublish); GET,
	// HEAD, PUT, PATCH and DELETE always are.
	Idempotent bool
}

func (r Request) idempotent() bool {
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodOptions:
		return true
	}
	return r.Idempotent
}

// ClientStats counts what a Client did, for benchmarks and the apply report.
type ClientStats struct {
	Requests    map[string]int // attempts sent, by method
	Retries     int            // attempts that repeated an earlier one
	RateLimited int            // 429 answers received
	// Waited is the time requests spent pacing, paused or backing off,
	// summed over goroutines (two waiting a second together count two).
	Waited time.Duration
}

// Client is the HTTP client every remote adapter shares: it paces
// requests to the service's limit, adapts to the limit headers the
// service sends, retries what is safe to retry, and keeps secrets out of
// errors and debug output. A Client is safe for concurrent use; all
// goroutines share its limiter, so a Retry-After seen by one pauses all.
//
// Retries: a 429 is retried for every request, after exactly the
// Retry-After the service sent, or after backoff when it sent none.
// Idempotent requests are also retried on 500, 502, 503 and 504,
// timeouts, connection resets and EOF, with exponential backoff and full
// jitter (500ms doubling to 30s). A host whose name does not resolve or
// that refuses the connection is tried twice at most and fails with an
// *UnreachableError: waiting longer only delays the news that the
// config names no such host, or the network is down. A POST not marked Idempotent is
// retried otherwise only when the connection could not be opened, which
// proves it was not sent; any other failure returns an error wrapping
// ErrOutcomeUnknown, because the service may have acted on it, and a
// blind retry of a create would make a duplicate.
//
// Redirects: credentials go only to the base URL's origin (scheme, host
// and port). A redirect to another origin is followed without them:
// Authorization, Proxy-Authorization, Cookie and every header Authorize
// sets are removed from that hop, so a service that moves an endpoint to
// a CDN or a new host still answers what needs no credentials, and one
// that needs them fails with the service's own 401. A redirect to plain
// http is refused (unless the base URL is itself http on loopback and
// the target is loopback too): the request would travel in clear, and
// the fix is a base URL on the address the service answers over https.
// A refused redirect is not retried and, as the service answered with it
// rather than acting, does not make an outcome unknown.
type Client struct {
	base    *url.URL
	opts    ClientOptions
	http    *http.Client
	limiter *rate.Limiter
	redact  *redactor

	// backoffBase and backoffCap bound the exponential backoff with full
	// jitter; fields so in-package tests can shrink them.
	backoffBase, backoffCap time.Duration
	// maxPause bounds a pause taken from X-RateLimit-Reset, whose clock
	// is the server's and may be skewed.
	maxPause time.Duration

	mu          sync.Mutex
	pausedUntil time.Time
	stats       ClientStats
	authKeys    map[string]bool // headers Authorize has set, removed off-origin

	debugMu sync.Mutex
}

// NewClient checks o and returns a Client for it.
func NewClient(o ClientOptions) (*Client, error) {
	u, err := url.Parse(strings.TrimRight(o.BaseURL, "/"))
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("base URL %q: want scheme://host[/prefix]", o.BaseURL)
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !isLoopback(u.Hostname()) {
			return nil, fmt.Errorf("base URL %s: refusing to send credentials over plain http to a non-loopback host: use https://", u.Redacted())
		}
	default:
		return nil, fmt.Errorf("base URL %q: scheme must be https", o.BaseURL)
	}
	if u.User != nil {
		return nil, fmt.Errorf("base URL %s: credentials in the URL are not allowed: they come from the environment", u.Redacted())
	}
	if o.RequestsPerMinute < 0 {
		return nil, fmt.Errorf("requests per minute %d: must be 0 (unlimited) or more", o.RequestsPerMinute)
	}
	if o.Burst <= 0 {
		o.Burst = 1
	}
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	if o.MaxRetries <= 0 {
		o.MaxRetries = 6
	}
	hc := o.HTTPClient
	if hc == nil {
		hc = defaultHTTPClient()
	}
	lim := rate.NewLimiter(rate.Inf, o.Burst)
	if o.RequestsPerMinute > 0 {
		lim = rate.NewLimiter(rate.Limit(float64(o.RequestsPerMinute)/60), o.Burst)
	}
	c := &Client{
		base:        u,
		opts:        o,
		limiter:     lim,
		redact:      newRedactor(o.Secrets),
		backoffBase: 500 * time.Millisecond,
		backoffCap:  30 * time.Second,
		maxPause:    2 * time.Minute,
		stats:       ClientStats{Requests: map[string]int{}},
	}
	c.http = c.withRedirectPolicy(hc)
	return c, nil
}

func defaultHTTPClient() *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = 16 // the executor runs up to concurrency writes at once
	return &http.Client{Transport: t}
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Stats returns a copy of the client's counters.
func (c *Client) Stats() ClientStats {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.stats
	s.Requests = maps.Clone(c.stats.Requests)
	return s
}

// Do sends r, retrying as the documentation of Client says, and
// decodes a 2xx JSON body into out (nil = discard). The returned
// response's body has been read; it is replaced by a reader of the same
// bytes. A non-2xx answer returns a *APIError (use errors.As); a write
// whose outcome cannot be known wraps ErrOutcomeUnknown.
func (c *Client) Do(ctx context.Context, r Request, out any) (*http.Response, error) {
	if r.Method == "" {
		r.Method = http.MethodGet
	}
	u, err := c.resolve(r)
	if err != nil {
		return nil, err
	}
	body, ctype := r.Body, r.ContentType
	if r.JSON != nil {
		if body, err = json.Marshal(r.JSON); err != nil {
			return nil, fmt.Errorf("%s %s: encoding request body: %w", r.Method, c.redact.url(u), err)
		}
		ctype = "application/json"
	}
	idem := r.idempotent()
	for attempt := 0; ; attempt++ {
		if attempt > 0 {
			c.count(func(s *ClientStats) { s.Retries++ })
		}
		if err := c.waitTurn(ctx); err != nil {
			return nil, fmt.Errorf("%s %s: %w", r.Method, c.redact.url(u), err)
		}
		res := c.attempt(ctx, r.Method, u, body, ctype)
		retry, wait, reason := c.decide(ctx, res, idem, attempt)
		c.debugf(r.Method, u, res, reason)
		if !retry {
			return c.finish(r.Method, u, res, idem, out)
		}
		if err := c.sleep(ctx, wait); err != nil {
			return res.resp, fmt.Errorf("%s %s: waiting to retry (%s): %w", r.Method, c.redact.url(u), reason, err)
		}
	}
}

// resolve turns r.Path and r.Query into an absolute URL, refusing
// absolute URLs on another host so credentials never leave the service.
func (c *Client) resolve(r Request) (*url.URL, error) {
	var u *url.URL
	if strings.HasPrefix(r.Path, "http://") || strings.HasPrefix(r.Path, "https://") {
		p, err := url.Parse(r.Path)
		if err != nil {
			return nil, fmt.Errorf("%s %s: %w", r.Method, c.redact.s(r.Path), err)
		}
		if p.Scheme != c.base.Scheme || !strings.EqualFold(p.Host, c.base.Host) {
			return nil, fmt.Errorf("%s %s: refusing to follow a link off %s", r.Method, c.redact.url(p), c.base.Host)
		}
		u = p
	} else {
		p, err := url.Parse(r.Path)
		if err != nil {
			return nil, fmt.Errorf("%s %s: %w", r.Method, c.redact.s(r.Path), err)
		}
		u = &url.URL{Scheme: c.base.Scheme, Host: c.base.Host, Path: c.base.Path + "/" + strings.TrimLeft(p.Path, "/"), RawQuery: p.RawQuery}
	}
	if len(r.Query) > 0 {
		q := u.Query()
		for k, vs := range r.Query {
			q[k] = append(q[k], vs...)
		}
		u.RawQuery = q.Encode()
	}
	return u, nil
}

// result is what one attempt produced.
type result struct {
	resp     *http.Response
	body     []byte
	err      error // transport error, nil when an answer came back
	duration time.Duration
}

func (c *Client) attempt(ctx context.Context, method string, u *url.URL, body []byte, ctype string) result {
	actx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(actx, method, u.String(), rd)
	if err != nil {
		return result{err: err}
	}
	for k, vs := range c.opts.Header {
		req.Header[k] = append([]string(nil), vs...)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	req.Header.Set("Accept", "application/json")
	if c.opts.UserAgent != "" {
		req.Header.Set("User-Agent", c.opts.UserAgent)
	}
	if c.opts.Authorize != nil {
		before := req.Header.Clone()
		c.opts.Authorize(req)
		c.redact.learnHeaders(before, req.Header)
		c.noteAuthHeaders(before, req.Header)
	}
	c.count(func(s *ClientStats) { s.Requests[method]++ })
	start := time.Now()
	resp, err := c.http.Do(req)
	if err != nil {
		return result{err: unwrapRedirect(err), duration: time.Since(start)}
	}
	defer resp.Body.Close()
	// Bodies are JSON documents of a page of articles at most; 64 MiB
	// bounds a misbehaving server without truncating real answers.
	data, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return result{resp: resp, err: err, duration: time.Since(start)}
	}
	resp.Body = io.NopCloser(bytes.NewReader(data))
	c.adapt(resp)
	return result{resp: resp, body: data, duration: time.Since(start)}
}

// decide says whether to retry after res and how long to wait first. A
// wait of 0 with retry means the pause set from headers is enough.
func (c *Client) decide(ctx context.Context, res result, idem bool, attempt int) (retry bool, wait time.Duration, reason string) {
	if ctx.Err() != nil {
		return false, 0, ""
	}
	last := attempt >= c.opts.MaxRetries
	if res.err != nil {
		kind := classify(res.err)
		switch {
		case kind == notSent:
			return !last, c.backoff(attempt), "not sent: " + c.redact.s(transportMessage(res.err))
		case kind == unreachable:
			return attempt == 0 && !last, c.backoff(attempt), "not sent: " + c.redact.s(transportMessage(res.err))
		case kind == transient && idem:
			return !last, c.backoff(attempt), c.redact.s(transportMessage(res.err))
		}
		return false, 0, ""
	}
	code := res.resp.StatusCode
	switch {
	case code == http.StatusTooManyRequests:
		c.count(func(s *ClientStats) { s.RateLimited++ })
		if d, ok := retryAfter(res.resp.Header, time.Now()); ok {
			return !last, 0, fmt.Sprintf("429, Retry-After %s", d)
		}
		return !last, c.backoff(attempt), "429"
	case idem && (code == 500 || code == 502 || code == 503 || code == 504):
		if d, ok := retryAfter(res.resp.Header, time.Now()); ok {
			return !last, 0, fmt.Sprintf("%d, Retry-After %s", code, d)
		}
		return !last, c.backoff(attempt), fmt.Sprint(code)
	}
	return false, 0, ""
}

// finish turns the last attempt into Do's result.
func (c *Client) finish(method string, u *url.URL, res result, idem bool, out any) (*http.Response, error) {
	where := method + " " + c.redact.url(u)
	if res.err != nil {
		if reason, ok := unreachableReason(res.err); ok {
			return res.resp, &UnreachableError{Host: u.Host, Reason: reason, Request: where, Err: res.err}
		}
		err := &redactedError{msg: where + ": " + c.redact.s(transportMessage(res.err)), err: res.err}
		if k := classify(res.err); !idem && k != notSent && k != refused {
			return res.resp, fmt.Errorf("%w: %w", ErrOutcomeUnknown, err)
		}
		return res.resp, err
	}
	if code := res.resp.StatusCode; code < 200 || code > 299 {
		apiErr := c.apiError(method, u, res)
		if !idem && code >= 500 {
			return res.resp, fmt.Errorf("%w: %w", ErrOutcomeUnknown, apiErr)
		}
		return res.resp, apiErr
	}
	if out != nil && len(bytes.TrimSpace(res.body)) > 0 {
		if err := json.Unmarshal(res.body, out); err != nil {
			return res.resp, fmt.Errorf("%s: decoding the %d answer: %w", where, res.resp.StatusCode, err)
		}
	}
	return res.resp, nil
}

func (c *Client) apiError(method string, u *url.URL, res result) *APIError {
	var e *APIError
	if c.opts.DecodeError != nil {
		e = c.opts.DecodeError(res.resp, res.body)
	}
	if e == nil {
		e = &APIError{Message: trimBody(res.body)}
	}
	if e.Method == "" {
		e.Method = method
	}
	e.URL = c.redact.url(u)
	if e.StatusCode == 0 {
		e.StatusCode = res.resp.StatusCode
	}
	if e.RetryAfter == 0 {
		e.RetryAfter, _ = retryAfter(res.resp.Header, time.Now())
	}
	if e.RequestID == "" {
		for _, h := range []string{"X-Request-Id", c.opts.RequestIDHeader} {
			if h == "" {
				continue
			}
			if v := res.resp.Header.Get(h); v != "" {
				e.RequestID = v
				break
			}
		}
	}
	e.Code = c.redact.s(e.Code)
	e.Message = c.redact.s(e.Message)
	for i, d := range e.Details {
		e.Details[i] = c.redact.s(d)
	}
	return e
}

// trimBody makes a short one-line message of an error body the service
// did not describe in a known shape.
func trimBody(b []byte) string {
	s := strings.Join(strings.Fields(string(b)), " ")
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return s
}

func (c *Client) count(f func(*ClientStats)) {
	c.mu.Lock()
	f(&c.stats)
	c.mu.Unlock()
}

func (c *Client) debugf(method string, u *url.URL, res result, reason string) {
	if c.opts.Debug == nil {
		return
	}
	var status string
	if res.err != nil {
		status = "error: " + transportMessage(res.err)
	} else {
		status = res.resp.Status
	}
	line := fmt.Sprintf("hcsync: %s %s -> %s (%s)", method, u, status, res.duration.Round(time.Millisecond))
	if reason != "" {
		line += "; retrying: " + reason
	}
	line = c.redact.s(line)
	c.debugMu.Lock()
	defer c.debugMu.Unlock()
	fmt.Fprintln(c.opts.Debug, line)
}

// transportMessage is what went wrong with an attempt that got no
// answer, without the method and URL that net/http puts first
// (`Post "https://…": EOF`): messages name the request once, before it.
func transportMessage(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) && ue.Err != nil {
		return ue.Err.Error()
	}
	return err.Error()
}

// redactedError carries a message with secrets removed while keeping the
// original error reachable for errors.Is and errors.As.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }
