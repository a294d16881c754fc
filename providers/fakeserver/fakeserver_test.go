package fakeserver

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// manualClock is a clock tests move by hand.
type manualClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *manualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *manualClock) Add(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// counting is a handler that counts the requests it actually ran.
type counting struct{ n atomic.Int32 }

func (h *counting) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.n.Add(1)
	body, _ := io.ReadAll(r.Body)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusCreated)
	w.Write(append([]byte(`{"echo":`), append(body, '}')...))
}

func TestRateLimitFixedWindows(t *testing.T) {
	t.Parallel()
	clock := &manualClock{now: time.Unix(1_700_000_000, 0)} // aligned to 10s
	h := &counting{}
	s := New(h, Options{
		Limit:   2,
		Window:  10 * time.Second,
		Headers: RateHeaders{Limit: "X-RateLimit-Limit", Remaining: "X-RateLimit-Remaining", Reset: "X-RateLimit-Reset", ResetUnix: true},
		Reject: func(w http.ResponseWriter, retryAfter time.Duration) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusTooManyRequests)
			io.WriteString(w, `{"type":"error.list","errors":[{"code":"rate_limit_exceeded"}]}`)
		},
		Clock: clock.Now,
	})
	type want struct {
		status     int
		remaining  string
		reset      string
		retryAfter string
	}
	steps := []struct {
		advance time.Duration
		want    want
	}{
		{0, want{201, "1", "1700000010", ""}},
		{time.Second, want{201, "0", "1700000010", ""}},
		{time.Second, want{429, "0", "1700000010", "8"}},
		{7500 * time.Millisecond, want{429, "0", "1700000010", "1"}},
		{time.Second, want{201, "1", "1700000020", ""}}, // a new window
	}
	for i, st := range steps {
		clock.Add(st.advance)
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest("GET", "/articles", nil))
		got := want{rec.Code, rec.Header().Get("X-RateLimit-Remaining"), rec.Header().Get("X-RateLimit-Reset"), rec.Header().Get("Retry-After")}
		if got != st.want {
			t.Errorf("step %d: got %+v, want %+v", i, got, st.want)
		}
		if rec.Header().Get("X-RateLimit-Limit") != "2" {
			t.Errorf("step %d: limit header %q", i, rec.Header().Get("X-RateLimit-Limit"))
		}
		if st.want.status == 429 && !strings.Contains(rec.Body.String(), "rate_limit_exceeded") {
			t.Errorf("step %d: 429 body %q is not the service's", i, rec.Body.String())
		}
	}
	if got := h.n.Load(); got != 3 {
		t.Errorf("handler ran %d times, want 3 (rejected requests never reach it)", got)
	}
	if got := s.Count("GET", "/articles"); got != 5 {
		t.Errorf("Count = %d, want 5: rejected requests are logged too", got)
	}
}

func TestRateLimitDeltaReset(t *testing.T) {
	t.Parallel()
	clock := &manualClock{now: time.Unix(1_700_000_020, 0)} // 40s into a minute
	s := New(&counting{}, Options{Limit: 1, Headers: RateHeaders{Limit: "X-Rate-Limit", Remaining: "X-Rate-Limit-Remaining", Reset: "RateLimit-Reset"}, Clock: clock.Now})
	for range 2 {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
		if got := rec.Header().Get("RateLimit-Reset"); got != "20" {
			t.Errorf("reset = %q, want 20 seconds to the minute's end", got)
		}
		if rec.Code == 429 && (rec.Header().Get("Retry-After") != "20" || !strings.Contains(rec.Body.String(), "Too Many Requests")) {
			t.Errorf("default 429: Retry-After %q, body %q", rec.Header().Get("Retry-After"), rec.Body.String())
		}
	}
}

func TestFaults(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		fault      Fault
		wantErr    bool // the client sees no answer
		wantStatus int
		wantRan    int32 // times the real handler ran
		wantLogged int
		dropped    bool
	}{
		{"none", Fault{}, false, 201, 1, 201, false},
		{"status", Fault{Status: 503, Header: http.Header{"Retry-After": {"2"}}}, false, 503, 0, 503, false},
		{"drop", Fault{Drop: true}, true, 0, 0, 0, true},
		{"drop after", Fault{DropAfter: true}, true, 0, 1, 201, true},
		{"status after", Fault{StatusAfter: 500}, false, 500, 1, 500, false},
		{"delay", Fault{Delay: 30 * time.Millisecond}, false, 201, 1, 201, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := &counting{}
			s := New(h, Options{})
			s.SetFaults(func(n int, r *http.Request) Fault { return tt.fault })
			ts := httptest.NewServer(s)
			defer ts.Close()
			start := time.Now()
			resp, err := ts.Client().Post(ts.URL+"/articles?x=1", "application/json", strings.NewReader(`{"a":1}`))
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if err == nil {
				resp.Body.Close()
				if resp.StatusCode != tt.wantStatus {
					t.Errorf("status %d, want %d", resp.StatusCode, tt.wantStatus)
				}
				if tt.fault.Status != 0 && resp.Header.Get("Retry-After") != "2" {
					t.Errorf("fault header not sent")
				}
			}
			if el := time.Since(start); el < tt.fault.Delay {
				t.Errorf("answered after %v, want at least the %v delay", el, tt.fault.Delay)
			}
			if got := h.n.Load(); got != tt.wantRan {
				t.Errorf("handler ran %d times, want %d", got, tt.wantRan)
			}
			log := s.Requests()
			if len(log) != 1 {
				t.Fatalf("logged %d requests, want 1", len(log))
			}
			l := log[0]
			if l.Method != "POST" || l.Path != "/articles" || l.Query.Get("x") != "1" || string(l.Body) != `{"a":1}` || l.Header.Get("Content-Type") != "application/json" {
				t.Errorf("log entry %+v does not describe the request", l)
			}
			if l.Status != tt.wantLogged || l.Dropped != tt.dropped {
				t.Errorf("logged status %d dropped %v, want %d %v", l.Status, l.Dropped, tt.wantLogged, tt.dropped)
			}
		})
	}
}

func TestDelayBeyondClientTimeout(t *testing.T) {
	t.Parallel()
	h := &counting{}
	s := New(h, Options{})
	s.SetFaults(func(n int, r *http.Request) Fault { return Fault{Delay: 5 * time.Second} })
	ts := httptest.NewServer(s)
	defer ts.Close()
	c := ts.Client()
	c.Timeout = 50 * time.Millisecond
	start := time.Now()
	_, err := c.Get(ts.URL)
	var ne interface{ Timeout() bool }
	if !errors.As(err, &ne) || !ne.Timeout() {
		t.Fatalf("err = %v, want a timeout", err)
	}
	ts.Close() // waits for the handler: it must stop when the client leaves
	if el := time.Since(start); el > 3*time.Second {
		t.Errorf("handler kept sleeping %v after the client gave up", el)
	}
	if h.n.Load() != 0 {
		t.Error("the handler ran for a request whose client had gone")
	}
}

func TestResetAndCount(t *testing.T) {
	t.Parallel()
	s := New(&counting{}, Options{})
	var seen []int
	s.SetFaults(func(n int, r *http.Request) Fault { seen = append(seen, n); return Fault{} })
	for _, p := range []string{"/api/v2/articles", "/api/v2/articles/1", "/api/v2/sections"} {
		s.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", p, nil))
	}
	s.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("PUT", "/api/v2/articles/1", nil))
	if got := s.Count("GET", "/api/v2/articles"); got != 2 {
		t.Errorf("Count(GET, articles) = %d, want 2", got)
	}
	if got := s.Count("", "/api/v2/"); got != 4 {
		t.Errorf("Count(any) = %d, want 4", got)
	}
	s.Reset()
	s.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/x", nil))
	if len(s.Requests()) != 1 || seen[len(seen)-1] != 1 {
		t.Errorf("after Reset: log %d entries, fault numbering %v; want 1 entry numbered 1", len(s.Requests()), seen)
	}
}

func TestRandomFaultsReplay(t *testing.T) {
	t.Parallel()
	rates := FaultRates{Status5xx: 0.2, Drop: 0.1, DropAfter: 0.1, Delay: 0.3, MaxDelay: 10 * time.Millisecond}
	a, b, other := RandomFaults(42, rates), RandomFaults(42, rates), RandomFaults(43, rates)
	counts := map[string]int{}
	differs := false
	for n := 1; n <= 2000; n++ {
		fa, fb := a(n, nil), b(n, nil)
		if fa.Status != fb.Status || fa.Drop != fb.Drop || fa.DropAfter != fb.DropAfter || fa.Delay != fb.Delay {
			t.Fatalf("request %d: same seed gave %+v and %+v", n, fa, fb)
		}
		fo := other(n, nil)
		differs = differs || fo.Status != fa.Status || fo.Drop != fa.Drop || fo.Delay != fa.Delay
		switch {
		case fa.Status != 0:
			counts["5xx"]++
			if fa.Status < 500 || fa.Status > 504 || fa.Status == 501 {
				t.Errorf("status %d, want 500, 502, 503 or 504", fa.Status)
			}
		case fa.Drop:
			counts["drop"]++
		case fa.DropAfter:
			counts["dropafter"]++
		}
		if fa.Delay > 0 {
			counts["delay"]++
			if fa.Delay > rates.MaxDelay {
				t.Errorf("delay %v over MaxDelay", fa.Delay)
			}
		}
	}
	if !differs {
		t.Error("seeds 42 and 43 gave the same schedule")
	}
	// Rates within generous bounds of the expected 400, 200, 200, 600.
	for k, want := range map[string]int{"5xx": 400, "drop": 200, "dropafter": 200, "delay": 600} {
		if got := counts[k]; got < want*3/4 || got > want*5/4 {
			t.Errorf("%s: %d of 2000, want about %d", k, got, want)
		}
	}
}

func TestResetWhileInFlight(t *testing.T) {
	t.Parallel()
	s := New(&counting{}, Options{})
	s.SetFaults(func(n int, r *http.Request) Fault { return Fault{Delay: 50 * time.Millisecond} })
	ts := httptest.NewServer(s)
	defer ts.Close()
	done := make(chan error)
	go func() {
		resp, err := ts.Client().Get(ts.URL + "/slow")
		if err == nil {
			resp.Body.Close()
		}
		done <- err
	}()
	for s.Count("", "/slow") == 0 {
		time.Sleep(time.Millisecond)
	}
	s.Reset()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if got := s.Requests(); len(got) != 0 {
		t.Errorf("log after Reset holds %+v: a request from before Reset wrote into it", got)
	}
}

func TestRateLimitBurst(t *testing.T) {
	t.Parallel()
	clock := &manualClock{now: time.Unix(1_700_000_000, 0)}
	// 2 requests a second, bursts up to 4: a token bucket of 4 that
	// refills one token every 500ms.
	s := New(&counting{}, Options{
		Limit: 2, Window: time.Second, Burst: 4,
		Headers: RateHeaders{Limit: "X-RateLimit-Limit", Remaining: "X-RateLimit-Remaining", Reset: "X-RateLimit-Reset", ResetUnix: true},
		Clock:   clock.Now,
	})
	type want struct {
		status     int
		remaining  string
		retryAfter string
	}
	steps := []struct {
		advance time.Duration
		want    want
	}{
		// A full bucket: four at once.
		{0, want{201, "3", ""}},
		{0, want{201, "2", ""}},
		{0, want{201, "1", ""}},
		{0, want{201, "0", ""}},
		{0, want{429, "0", "1"}},
		// Half a second refills one token.
		{500 * time.Millisecond, want{201, "0", ""}},
		{100 * time.Millisecond, want{429, "0", "1"}},
		// Idle long enough to fill the bucket, and no more.
		{10 * time.Second, want{201, "3", ""}},
	}
	for i, st := range steps {
		clock.Add(st.advance)
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest("GET", "/articles", nil))
		got := want{rec.Code, rec.Header().Get("X-RateLimit-Remaining"), rec.Header().Get("Retry-After")}
		if got != st.want {
			t.Errorf("step %d: got %+v, want %+v", i, got, st.want)
		}
		if got.remaining == "0" {
			// The reset is when the next request will be admitted.
			reset, _ := strconv.ParseInt(rec.Header().Get("X-RateLimit-Reset"), 10, 64)
			if wait := time.Unix(reset, 0).Sub(clock.Now()); wait <= 0 || wait > time.Second {
				t.Errorf("step %d: reset %s is %v away, want within the next token's 500ms, rounded up to the second", i, rec.Header().Get("X-RateLimit-Reset"), wait)
			}
		}
	}
}
