package providers

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hcsync/hcsync/providers/fakeserver"
)

// newTestClient returns a client for ts with backoff shrunk so retry
// tests run in milliseconds.
func newTestClient(t *testing.T, baseURL string, o ClientOptions) *Client {
	t.Helper()
	o.BaseURL = baseURL
	c, err := NewClient(o)
	if err != nil {
		t.Fatal(err)
	}
	c.backoffBase = time.Millisecond
	c.backoffCap = 5 * time.Millisecond
	return c
}

func TestNewClientBaseURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		url     string
		wantErr string
	}{
		{"https://acme.zendesk.com", ""},
		{"https://api.help.center/v0/centers/abc", ""},
		{"http://127.0.0.1:8080", ""},
		{"http://127.9.9.9", ""},
		{"http://localhost:1234/prefix", ""},
		{"http://[::1]:80", ""},
		{"http://acme.zendesk.com", "plain http"},
		{"http://127.0.0.1.nip.io", "plain http"},
		{"http://10.0.0.1", "plain http"},
		{"ftp://acme.zendesk.com", "scheme must be https"},
		{"acme.zendesk.com", "want scheme://host"},
		{"https://user:pw@acme.zendesk.com", "credentials in the URL"},
	}
	for _, tt := range tests {
		_, err := NewClient(ClientOptions{BaseURL: tt.url})
		switch {
		case tt.wantErr == "" && err != nil:
			t.Errorf("NewClient(%q): %v", tt.url, err)
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("NewClient(%q) error = %v, want it to mention %q", tt.url, err, tt.wantErr)
		}
		if err != nil && strings.Contains(err.Error(), "pw@") {
			t.Errorf("NewClient(%q) error leaks the password: %v", tt.url, err)
		}
	}
}

func TestPacingReservations(t *testing.T) {
	t.Parallel()
	c, err := NewClient(ClientOptions{BaseURL: "https://x.example", RequestsPerMinute: 120, Burst: 2})
	if err != nil {
		t.Fatal(err)
	}
	if got := float64(c.limiter.Limit()); got != 2 {
		t.Fatalf("limit = %v/s, want 2/s for 120 requests per minute", got)
	}
	// At one instant: the burst goes at once, then one every 500ms.
	t0 := time.Unix(1_700_000_000, 0)
	want := []time.Duration{0, 0, 500 * time.Millisecond, time.Second, 1500 * time.Millisecond}
	for i, w := range want {
		if got := c.limiter.ReserveN(t0, 1).DelayFrom(t0); got != w {
			t.Errorf("reservation %d: delay %v, want %v", i, got, w)
		}
	}
}

func TestPacingEndToEnd(t *testing.T) {
	t.Parallel()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer ts.Close()
	// 1200/min = one every 50ms; burst 1: five requests need at least
	// four gaps. Only a lower bound is asserted: a slow machine is never
	// too fast.
	c := newTestClient(t, ts.URL, ClientOptions{RequestsPerMinute: 1200})
	start := time.Now()
	var wg sync.WaitGroup
	for range 5 {
		wg.Go(func() {
			if _, err := c.Do(context.Background(), Request{Path: "/x"}, nil); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if el := time.Since(start); el < 190*time.Millisecond {
		t.Errorf("5 requests at 1200/min took %v, want at least 200ms", el)
	}
	if s := c.Stats(); s.Requests["GET"] != 5 || s.Waited <= 0 {
		t.Errorf("stats = %+v, want 5 GETs and some time waited", s)
	}
}

// scripted answers the n-th request (1-based) with answers[n-1], and the
// last answer after that.
func scripted(answers ...func(w http.ResponseWriter)) http.Handler {
	var mu sync.Mutex
	n := 0
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		i := min(n, len(answers)-1)
		n++
		mu.Unlock()
		answers[i](w)
	})
}

func status(code int, hdr ...string) func(http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		for i := 0; i+1 < len(hdr); i += 2 {
			w.Header().Set(hdr[i], hdr[i+1])
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		fmt.Fprintf(w, `{"status":%d}`, code)
	}
}

func TestRetries(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		req     Request
		answers []func(http.ResponseWriter)
		faults  func(n int, r *http.Request) fakeserver.Fault
		timeout time.Duration
		// want
		sent        int
		wantStatus  int // of the APIError, 0 = none
		wantUnknown bool
		wantOK      bool
	}{
		{
			name:    "GET retried on 503 then succeeds",
			req:     Request{Method: "GET", Path: "/a"},
			answers: []func(http.ResponseWriter){status(503), status(502), status(200)},
			sent:    3, wantOK: true,
		},
		{
			name:    "GET gives up after MaxRetries",
			req:     Request{Method: "GET", Path: "/a"},
			answers: []func(http.ResponseWriter){status(500)},
			sent:    3, wantStatus: 500,
		},
		{
			name:    "GET 404 is not retried and is ErrNotFound",
			req:     Request{Method: "GET", Path: "/a"},
			answers: []func(http.ResponseWriter){status(404)},
			sent:    1, wantStatus: 404,
		},
		{
			name:    "PUT retried on 504",
			req:     Request{Method: "PUT", Path: "/a", JSON: map[string]string{"x": "y"}},
			answers: []func(http.ResponseWriter){status(504), status(200)},
			sent:    2, wantOK: true,
		},
		{
			name:    "POST 500 is sent once and outcome unknown",
			req:     Request{Method: "POST", Path: "/a", JSON: map[string]string{"x": "y"}},
			answers: []func(http.ResponseWriter){status(500), status(201)},
			sent:    1, wantStatus: 500, wantUnknown: true,
		},
		{
			name:    "POST 429 is retried",
			req:     Request{Method: "POST", Path: "/a", JSON: map[string]string{"x": "y"}},
			answers: []func(http.ResponseWriter){status(429), status(201)},
			sent:    2, wantOK: true,
		},
		{
			name:    "POST 422 is not retried and outcome known",
			req:     Request{Method: "POST", Path: "/a"},
			answers: []func(http.ResponseWriter){status(422), status(201)},
			sent:    1, wantStatus: 422,
		},
		{
			name:    "idempotent POST retried on 502",
			req:     Request{Method: "POST", Path: "/a/publish", Idempotent: true},
			answers: []func(http.ResponseWriter){status(502), status(200)},
			sent:    2, wantOK: true,
		},
		{
			name:    "POST that times out is sent once and outcome unknown",
			req:     Request{Method: "POST", Path: "/a"},
			answers: []func(http.ResponseWriter){status(201)},
			faults: func(n int, r *http.Request) fakeserver.Fault {
				return fakeserver.Fault{Delay: time.Second}
			},
			timeout: 50 * time.Millisecond,
			sent:    1, wantUnknown: true,
		},
		{
			name:    "GET that times out is retried",
			req:     Request{Method: "GET", Path: "/a"},
			answers: []func(http.ResponseWriter){status(200)},
			faults: func(n int, r *http.Request) fakeserver.Fault {
				if n == 1 {
					return fakeserver.Fault{Delay: time.Second}
				}
				return fakeserver.Fault{}
			},
			timeout: 50 * time.Millisecond,
			sent:    2, wantOK: true,
		},
		{
			name:    "POST whose answer is lost is outcome unknown",
			req:     Request{Method: "POST", Path: "/a"},
			answers: []func(http.ResponseWriter){status(201)},
			faults: func(n int, r *http.Request) fakeserver.Fault {
				return fakeserver.Fault{DropAfter: true}
			},
			sent: 1, wantUnknown: true,
		},
		{
			name:    "GET on a dropped connection is retried",
			req:     Request{Method: "GET", Path: "/a"},
			answers: []func(http.ResponseWriter){status(200)},
			faults: func(n int, r *http.Request) fakeserver.Fault {
				return fakeserver.Fault{Drop: n == 1}
			},
			sent: 2, wantOK: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fs := fakeserver.New(scripted(tt.answers...), fakeserver.Options{})
			fs.SetFaults(tt.faults)
			ts := httptest.NewServer(fs)
			defer ts.Close()
			c := newTestClient(t, ts.URL, ClientOptions{MaxRetries: 2, Timeout: tt.timeout})
			var out map[string]any
			_, err := c.Do(context.Background(), tt.req, &out)
			if got := len(fs.Requests()); got != tt.sent {
				t.Errorf("server saw %d requests, want %d", got, tt.sent)
			}
			if tt.wantOK {
				if err != nil {
					t.Fatalf("Do: %v", err)
				}
				if out["status"] == nil {
					t.Errorf("answer not decoded: %v", out)
				}
				return
			}
			if err == nil {
				t.Fatal("Do succeeded, want an error")
			}
			if got := errors.Is(err, ErrOutcomeUnknown); got != tt.wantUnknown {
				t.Errorf("errors.Is(ErrOutcomeUnknown) = %v, want %v (err: %v)", got, tt.wantUnknown, err)
			}
			var apiErr *APIError
			switch {
			case tt.wantStatus == 0 && errors.As(err, &apiErr):
				t.Errorf("got APIError %v, want a transport error", apiErr)
			case tt.wantStatus != 0 && !errors.As(err, &apiErr):
				t.Errorf("err = %v, want an *APIError", err)
			case tt.wantStatus != 0 && apiErr.StatusCode != tt.wantStatus:
				t.Errorf("status = %d, want %d", apiErr.StatusCode, tt.wantStatus)
			}
			if tt.wantStatus == 404 && !errors.Is(err, ErrNotFound) {
				t.Errorf("404 does not match ErrNotFound: %v", err)
			}
		})
	}
}

func TestPostRetriedWhenNeverSent(t *testing.T) {
	t.Parallel()
	// A port nobody listens on: the dial fails, so the POST never left.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	c := newTestClient(t, "http://"+addr, ClientOptions{MaxRetries: 2})
	_, err = c.Do(context.Background(), Request{Method: "POST", Path: "/a", JSON: 1}, nil)
	if err == nil {
		t.Fatal("Do succeeded against a closed port")
	}
	if errors.Is(err, ErrOutcomeUnknown) {
		t.Errorf("a refused connection proves the POST was not sent, got %v", err)
	}
	// Retried once: nothing listening is not a blip that more retries
	// wait out (TestUnreachableFailsFast).
	if got := c.Stats().Requests["POST"]; got != 2 {
		t.Errorf("attempts = %d, want 2 (one retry)", got)
	}
}

func TestRetryAfterPausesWholeClient(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var first429, secondArrived time.Time
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if r.URL.Path == "/limited" && first429.IsZero() {
			first429 = time.Now()
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		if r.URL.Path == "/other" {
			secondArrived = time.Now()
		}
	}))
	defer ts.Close()
	c := newTestClient(t, ts.URL, ClientOptions{})
	ctx := context.Background()
	done := make(chan error, 1)
	go func() {
		_, err := c.Do(ctx, Request{Path: "/limited"}, nil)
		done <- err
	}()
	// Wait until the 429 has paused the client, then send from another
	// goroutine: it must wait for the pause too.
	for {
		mu.Lock()
		got := !first429.IsZero()
		mu.Unlock()
		if got {
			break
		}
		time.Sleep(time.Millisecond)
	}
	time.Sleep(20 * time.Millisecond)
	if _, err := c.Do(ctx, Request{Path: "/other"}, nil); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if gap := secondArrived.Sub(first429); gap < 950*time.Millisecond {
		t.Errorf("another goroutine's request came %v after Retry-After: 1, want >= 1s", gap)
	}
	if s := c.Stats(); s.RateLimited != 1 || s.Retries != 1 {
		t.Errorf("stats = %+v, want 1 429 and 1 retry", s)
	}
}

func TestCancelStopsWaiting(t *testing.T) {
	t.Parallel()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "120")
		w.WriteHeader(http.StatusTooManyRequests)
	}))
	defer ts.Close()
	c := newTestClient(t, ts.URL, ClientOptions{})
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.Do(ctx, Request{Path: "/a"}, nil)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want context.DeadlineExceeded", err)
	}
	if el := time.Since(start); el > 10*time.Second {
		t.Errorf("Do returned %v after its context ended", el)
	}
}

func TestAdaptToRateHeaders(t *testing.T) {
	t.Parallel()
	now := time.Now()
	tests := []struct {
		name   string
		header map[string]string
		min    time.Duration // pause at least
		max    time.Duration // and at most
	}{
		{"no headers", nil, 0, 0},
		{"remaining left", map[string]string{"X-RateLimit-Remaining": "3", "X-RateLimit-Reset": fmt.Sprint(now.Unix() + 30)}, 0, 0},
		{"intercom spent, unix reset", map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": fmt.Sprint(now.Unix() + 5)}, 3 * time.Second, 6 * time.Second},
		{"ietf spent, delta reset", map[string]string{"RateLimit-Remaining": "0", "RateLimit-Reset": "7"}, 6 * time.Second, 8 * time.Second},
		{"zendesk spent, no reset", map[string]string{"X-Rate-Limit-Remaining": "0"}, 0, 0},
		{"skewed reset capped", map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": fmt.Sprint(now.Unix() + 3600)}, time.Minute, 2*time.Minute + time.Second},
		{"retry-after on 200", map[string]string{"Retry-After": "4"}, 3 * time.Second, 5 * time.Second},
	}
	for _, tt := range tests {
		c, err := NewClient(ClientOptions{BaseURL: "https://x.example"})
		if err != nil {
			t.Fatal(err)
		}
		resp := &http.Response{Header: http.Header{}}
		for k, v := range tt.header {
			resp.Header.Set(k, v)
		}
		c.adapt(resp)
		got := time.Until(c.pausedUntil)
		if got < 0 {
			got = 0
		}
		if got < tt.min || got > tt.max {
			t.Errorf("%s: paused %v, want between %v and %v", tt.name, got, tt.min, tt.max)
		}
	}
}

func TestRetryAfterParse(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		v    string
		want time.Duration
		ok   bool
	}{
		{"", 0, false},
		{"3", 3 * time.Second, true},
		{"0", 0, true},
		{"-1", 0, false},
		{"soon", 0, false},
		{now.Add(10 * time.Second).Format(http.TimeFormat), 10 * time.Second, true},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0, true},
	}
	for _, tt := range tests {
		h := http.Header{}
		if tt.v != "" {
			h.Set("Retry-After", tt.v)
		}
		got, ok := retryAfter(h, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("retryAfter(%q) = %v, %v; want %v, %v", tt.v, got, ok, tt.want, tt.ok)
		}
	}
}

func TestSecretsRedacted(t *testing.T) {
	t.Parallel()
	const token = "s3cr3t-t0ken-value"
	const email = "ann@example.com"
	basic := base64.StdEncoding.EncodeToString([]byte(email + "/token:" + token))
	// A service that echoes credentials back in its error body, as badly
	// behaved proxies do.
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprintf(w, "bad credentials %q (token %s, %s) for %s", r.Header.Get("Authorization"), token,
			base64.StdEncoding.EncodeToString([]byte(token)), r.URL.RawQuery)
	}))
	defer ts.Close()

	tests := []struct {
		name    string
		secrets []string
		auth    func(*http.Request)
	}{
		{"listed secret", []string{token}, func(r *http.Request) { r.Header.Set("Authorization", "Basic "+basic) }},
		{"learned from Authorize", nil, func(r *http.Request) { r.Header.Set("Authorization", "Basic "+basic) }},
		{"bearer learned", nil, func(r *http.Request) { r.Header.Set("Authorization", "Bearer "+token) }},
	}
	for _, tt := range tests {
		var debug bytes.Buffer
		c := newTestClient(t, ts.URL, ClientOptions{Secrets: tt.secrets, Authorize: tt.auth, Debug: &debug})
		_, err := c.Do(context.Background(), Request{Path: "/a", Query: map[string][]string{"key": {token}}}, nil)
		var apiErr *APIError
		if !errors.As(err, &apiErr) || apiErr.StatusCode != 401 {
			t.Fatalf("%s: err = %v, want a 401 APIError", tt.name, err)
		}
		for _, out := range []string{err.Error(), debug.String()} {
			for _, leak := range []string{token, basic, base64.StdEncoding.EncodeToString([]byte(token))} {
				if strings.Contains(out, leak) {
					t.Errorf("%s: output leaks %q: %s", tt.name, leak, out)
				}
			}
		}
		if !strings.Contains(err.Error(), "[REDACTED]") {
			t.Errorf("%s: error %q does not show where a secret was removed", tt.name, err)
		}
		if !strings.Contains(debug.String(), "401") {
			t.Errorf("%s: debug output %q lacks the status line", tt.name, debug.String())
		}
	}
}

func TestResolve(t *testing.T) {
	t.Parallel()
	c, err := NewClient(ClientOptions{BaseURL: "https://api.help.center/v0/centers/abc/"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		req     Request
		want    string
		wantErr bool
	}{
		{Request{Path: "/articles"}, "https://api.help.center/v0/centers/abc/articles", false},
		{Request{Path: "articles", Query: map[string][]string{"limit": {"100"}}}, "https://api.help.center/v0/centers/abc/articles?limit=100", false},
		{Request{Path: "https://api.help.center/v0/centers/abc/articles?starting_after=x"}, "https://api.help.center/v0/centers/abc/articles?starting_after=x", false},
		{Request{Path: "https://evil.example/articles"}, "", true},
		{Request{Path: "http://api.help.center/v0/articles"}, "", true},
	}
	for _, tt := range tests {
		u, err := c.resolve(tt.req)
		if (err != nil) != tt.wantErr {
			t.Errorf("resolve(%q): err = %v, want error %v", tt.req.Path, err, tt.wantErr)
			continue
		}
		if err == nil && u.String() != tt.want {
			t.Errorf("resolve(%q) = %s, want %s", tt.req.Path, u, tt.want)
		}
	}
}

func TestExtraHeadersAndBody(t *testing.T) {
	t.Parallel()
	var got *http.Request
	var body []byte
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r
		body, _ = io.ReadAll(r.Body)
		w.Write([]byte(`{"id":"7"}`))
	}))
	defer ts.Close()
	c := newTestClient(t, ts.URL, ClientOptions{UserAgent: "hcsync/test", Header: http.Header{"Intercom-Version": {"2.15"}}})
	var out struct{ ID string }
	resp, err := c.Do(context.Background(), Request{Method: "POST", Path: "/articles", JSON: map[string]string{"title": "T"}}, &out)
	if err != nil {
		t.Fatal(err)
	}
	if out.ID != "7" || resp.StatusCode != 200 {
		t.Errorf("decoded %+v, status %d", out, resp.StatusCode)
	}
	for h, want := range map[string]string{"Intercom-Version": "2.15", "User-Agent": "hcsync/test", "Content-Type": "application/json"} {
		if v := got.Header.Get(h); v != want {
			t.Errorf("header %s = %q, want %q", h, v, want)
		}
	}
	if string(body) != `{"title":"T"}` {
		t.Errorf("body = %s", body)
	}
}

func TestDecodeError(t *testing.T) {
	t.Parallel()
	const token = "abcdef-123456-token"
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Request-Id", "req-42")
		w.Header().Set("Retry-After", "0")
		w.WriteHeader(http.StatusUnprocessableEntity)
		fmt.Fprintf(w, `{"error":"RecordInvalid","description":"token %s is not valid","details":{"title":["is blank"]}}`, token)
	}))
	defer ts.Close()
	c := newTestClient(t, ts.URL, ClientOptions{
		Secrets: []string{token},
		DecodeError: func(resp *http.Response, body []byte) *APIError {
			// A service decoder fills what its error body holds.
			return &APIError{Code: "RecordInvalid", Message: "token " + token + " is not valid", Details: []string{"title: is blank"}}
		},
	})
	_, err := c.Do(context.Background(), Request{Method: "PUT", Path: "/api/v2/articles/1"}, nil)
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %v, want *APIError", err)
	}
	want := "HTTP 422 Unprocessable Entity (RecordInvalid): token [REDACTED] is not valid; title: is blank (PUT " + ts.URL + "/api/v2/articles/1, request req-42)"
	if err.Error() != want {
		t.Errorf("error\n got %s\nwant %s", err, want)
	}
	if apiErr.Temporary() {
		t.Error("a 422 reported as temporary")
	}
}

func TestStatsCounts(t *testing.T) {
	t.Parallel()
	fs := fakeserver.New(scripted(status(429, "Retry-After", "0"), status(200)), fakeserver.Options{})
	ts := httptest.NewServer(fs)
	defer ts.Close()
	c := newTestClient(t, ts.URL, ClientOptions{})
	ctx := context.Background()
	for _, m := range []string{"GET", "PUT", "DELETE"} {
		if _, err := c.Do(ctx, Request{Method: m, Path: "/x"}, nil); err != nil {
			t.Fatal(err)
		}
	}
	s := c.Stats()
	if s.Requests["GET"] != 2 || s.Requests["PUT"] != 1 || s.Requests["DELETE"] != 1 || s.Retries != 1 || s.RateLimited != 1 {
		t.Errorf("stats = %+v, want GET 2 (one 429 retried), PUT 1, DELETE 1", s)
	}
	s.Requests["GET"] = 99
	if c.Stats().Requests["GET"] != 2 {
		t.Error("Stats returned the client's own map")
	}
}

// BenchmarkDo measures the client's own cost per request against a
// local server: pacing disabled, no retries.
func BenchmarkDo(b *testing.B) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"article":{"id":1,"title":"T"}}`))
	}))
	defer ts.Close()
	c, err := NewClient(ClientOptions{BaseURL: ts.URL, Secrets: []string{"secret-token-value"},
		Authorize: func(r *http.Request) { r.Header.Set("Authorization", "Bearer secret-token-value") }})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		var out struct{ Article struct{ ID int } }
		if _, err := c.Do(ctx, Request{Path: "/api/v2/help_center/articles/1"}, &out); err != nil {
			b.Fatal(err)
		}
	}
}

// TestFaultSchedule runs many requests at once through a server that
// fails at random (5xx, dropped connections, lost answers, slow answers)
// and rate-limits, and checks the promises the executor relies on:
// every read gets through, and no create is ever applied twice.
func TestFaultSchedule(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	applied := map[string]int{} // create key -> times the server applied it
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			body, _ := io.ReadAll(r.Body)
			mu.Lock()
			applied[string(body)]++
			mu.Unlock()
			w.WriteHeader(http.StatusCreated)
		}
		w.Write([]byte(`{}`))
	})
	for _, seed := range []int64{1, 2, 3} {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			t.Parallel()
			faultSchedule(t, seed, handler, applied, &mu)
		})
	}
}

// faultSchedule runs one seed of TestFaultSchedule.
func faultSchedule(t *testing.T, seed int64, handler http.Handler, applied map[string]int, mu *sync.Mutex) {
	fs := fakeserver.New(handler, fakeserver.Options{Limit: 40, Window: time.Second})
	fs.SetFaults(fakeserver.RandomFaults(seed, fakeserver.FaultRates{Status5xx: 0.15, Drop: 0.05, DropAfter: 0.05, Delay: 0.2, MaxDelay: 5 * time.Millisecond}))
	ts := httptest.NewServer(fs)
	c := newTestClient(t, ts.URL, ClientOptions{MaxRetries: 10})
	ctx := context.Background()
	var wg sync.WaitGroup
	results := make([]error, 30)
	for i := range 30 {
		wg.Go(func() {
			if _, err := c.Do(ctx, Request{Method: "GET", Path: "/articles"}, nil); err != nil {
				t.Errorf("seed %d: GET failed after retries: %v", seed, err)
			}
		})
		wg.Go(func() {
			_, results[i] = c.Do(ctx, Request{Method: "POST", Path: "/articles", Body: []byte(fmt.Sprint(seed, "-", i)), ContentType: "text/plain"}, nil)
		})
	}
	wg.Wait()
	ts.Close()
	mu.Lock()
	defer mu.Unlock()
	for i, err := range results {
		key := fmt.Sprint(seed, "-", i)
		n := applied[key]
		switch {
		case n > 1:
			t.Errorf("seed %d: create %s applied %d times", seed, key, n)
		case err == nil && n != 1:
			t.Errorf("seed %d: create %s succeeded but was applied %d times", seed, key, n)
		case err != nil && !errors.Is(err, ErrOutcomeUnknown):
			var apiErr *APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != 429 {
				t.Errorf("seed %d: create %s: %v, want success or ErrOutcomeUnknown", seed, key, err)
			}
		}
	}
}

// TestTransportErrorNamesTheRequestOnce: a request that got no answer
// fails with one line naming the method and URL once, then what went
// wrong, in the error and in the debug line: not the transport's own
// `Post "URL": EOF` after them.
func TestTransportErrorNamesTheRequestOnce(t *testing.T) {
	t.Parallel()
	fs := fakeserver.New(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}), fakeserver.Options{})
	fs.SetFaults(func(n int, r *http.Request) fakeserver.Fault { return fakeserver.Fault{Drop: true} })
	ts := httptest.NewServer(fs)
	defer ts.Close()
	var debug strings.Builder
	c := newTestClient(t, ts.URL, ClientOptions{MaxRetries: 1, Debug: &debug})
	for _, method := range []string{"POST", "GET"} {
		_, err := c.Do(context.Background(), Request{Method: method, Path: "/articles"}, nil)
		if err == nil {
			t.Fatalf("%s succeeded against a server that drops every connection", method)
		}
		if n := strings.Count(err.Error(), ts.URL); n != 1 || !strings.Contains(err.Error(), method+" "+ts.URL+"/articles: ") || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: error %q names the URL %d times; want one line naming the request once", method, err, n)
		}
	}
	for _, line := range strings.Split(strings.TrimSpace(debug.String()), "\n") {
		if n := strings.Count(line, ts.URL); n != 1 {
			t.Errorf("debug line %q names the URL %d times, want once", line, n)
		}
	}
}

// TestBurstTrimmedToTheServersBudget: a client starts with its whole
// burst; an answer saying fewer requests are left in the key's budget
// takes the difference out of it, so the next requests wait their turn
// rather than meet 429s. More left than the client holds changes
// nothing: the client's own limit stands.
func TestBurstTrimmedToTheServersBudget(t *testing.T) {
	t.Parallel()
	tests := []struct {
		remaining string
		want      float64 // tokens left, at most
	}{
		{"3", 3},
		{"0", 0},
		{"50", 10},
	}
	for _, tt := range tests {
		c, err := NewClient(ClientOptions{BaseURL: "https://x.example", RequestsPerMinute: 60, Burst: 10})
		if err != nil {
			t.Fatal(err)
		}
		c.adapt(&http.Response{Header: http.Header{"X-Ratelimit-Remaining": {tt.remaining}}})
		if got := c.limiter.Tokens(); got > tt.want+0.5 || got < tt.want-0.5 {
			t.Errorf("remaining %s: the client holds %.1f tokens, want %v", tt.remaining, got, tt.want)
		}
	}
}

// TestRequestIDHeader: the request id a support ticket needs comes from
// X-Request-Id, or else from the header the adapter names.
func TestRequestIDHeader(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, header string
		answer       []string
		want         string
	}{
		{"standard header", "", []string{"X-Request-Id", "std-1"}, "std-1"},
		{"service's header", "X-Acme-Request-Id", []string{"X-Acme-Request-Id", "acme-1"}, "acme-1"},
		{"standard header first", "X-Acme-Request-Id", []string{"X-Request-Id", "std-1", "X-Acme-Request-Id", "acme-1"}, "std-1"},
		{"another service's header ignored", "", []string{"X-Acme-Request-Id", "acme-1"}, ""},
	}
	for _, tt := range tests {
		ts := httptest.NewServer(scripted(status(http.StatusBadRequest, tt.answer...)))
		c := newTestClient(t, ts.URL, ClientOptions{RequestIDHeader: tt.header})
		_, err := c.Do(context.Background(), Request{Path: "/a"}, nil)
		ts.Close()
		var ae *APIError
		if !errors.As(err, &ae) {
			t.Fatalf("%s: error %v, want an *APIError", tt.name, err)
		}
		if ae.RequestID != tt.want {
			t.Errorf("%s: request id %q, want %q", tt.name, ae.RequestID, tt.want)
		}
	}
}
