package providers

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// witness is a server that records the credentials it was sent.
type witness struct {
	*httptest.Server
	mu    sync.Mutex
	hits  int
	creds []string // Authorization and X-Api-Key values received
}

func newWitness(t *testing.T, tls bool, h http.HandlerFunc) *witness {
	t.Helper()
	w := &witness{}
	record := http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		w.mu.Lock()
		w.hits++
		for _, k := range []string{"Authorization", "X-Api-Key", "Cookie"} {
			if v := r.Header.Get(k); v != "" {
				w.creds = append(w.creds, k+": "+v)
			}
		}
		w.mu.Unlock()
		if h != nil {
			h(rw, r)
			return
		}
		rw.Header().Set("Content-Type", "application/json")
		rw.Write([]byte(`{"ok":true}`))
	})
	if tls {
		w.Server = httptest.NewTLSServer(record)
	} else {
		w.Server = httptest.NewServer(record)
	}
	t.Cleanup(w.Close)
	return w
}

func (w *witness) seen() (hits int, creds []string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.hits, append([]string(nil), w.creds...)
}

func redirectTo(target func() string, code int) http.HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) {
		http.Redirect(rw, r, target()+r.URL.Path, code)
	}
}

const redirectToken = "tok-0123456789abcdef"

func authorizeBoth(r *http.Request) {
	r.Header.Set("Authorization", "Bearer "+redirectToken)
	r.Header.Set("X-Api-Key", redirectToken)
}

// A redirect from https to plain http is refused before anything is sent
// to the http address, with an error naming the request and the Location.
func TestRedirectHTTPSToHTTPRefused(t *testing.T) {
	t.Parallel()
	for _, code := range []int{http.StatusMovedPermanently, http.StatusFound, http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
		plain := newWitness(t, false, nil)
		secure := newWitness(t, true, redirectTo(func() string { return plain.URL }, code))
		c := newTestClient(t, secure.URL, ClientOptions{Authorize: authorizeBoth, HTTPClient: secure.Client()})
		for _, method := range []string{http.MethodGet, http.MethodPut} {
			_, err := c.Do(context.Background(), Request{Method: method, Path: "/api/v2/articles/1.json", JSON: map[string]string{"a": "b"}}, nil)
			if err == nil {
				t.Fatalf("%d %s: redirect to plain http followed, want an error", code, method)
			}
			msg := err.Error()
			for _, want := range []string{method + " " + secure.URL + "/api/v2/articles/1.json", plain.URL + "/api/v2/articles/1.json", "plain http", "base URL"} {
				if !strings.Contains(msg, want) {
					t.Errorf("%d %s: error %q does not mention %q", code, method, msg, want)
				}
			}
			if strings.Contains(msg, redirectToken) {
				t.Errorf("%d %s: error leaks the token: %s", code, method, msg)
			}
			if errors.Is(err, ErrOutcomeUnknown) {
				t.Errorf("%d %s: a refused redirect was reported as outcome unknown: %v", code, method, err)
			}
		}
		if hits, creds := plain.seen(); hits != 0 || len(creds) != 0 {
			t.Errorf("%d: the plain http server got %d requests, credentials %q; want none", code, hits, creds)
		}
		if hits, _ := secure.seen(); hits != 2 {
			t.Errorf("%d: the https server got %d requests, want 2 (no retry of a refused redirect)", code, hits)
		}
	}
}

// A redirect to another origin (port, host or scheme) than the base URL
// is followed without credentials; one back to the base origin keeps them.
func TestRedirectCredentialsStayWithBaseOrigin(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name          string
		baseTLS       bool
		otherTLS      bool
		otherHost     func(url string) string
		wantOtherCred bool
	}{
		{"https to https on another port", true, true, nil, false},
		{"http to http on another port", false, false, nil, false},
		{"http to https on another port", false, true, nil, false},
		{"http to another host name", false, false, func(u string) string { return strings.Replace(u, "127.0.0.1", "localhost", 1) }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			other := newWitness(t, tt.otherTLS, nil)
			otherURL := other.URL
			if tt.otherHost != nil {
				otherURL = tt.otherHost(otherURL)
			}
			var base *witness
			base = newWitness(t, tt.baseTLS, func(rw http.ResponseWriter, r *http.Request) {
				switch r.URL.Path {
				case "/same":
					http.Redirect(rw, r, base.URL+"/landed", http.StatusFound)
				case "/landed":
					rw.Write([]byte(`{}`))
				default:
					http.Redirect(rw, r, otherURL+r.URL.Path, http.StatusTemporaryRedirect)
				}
			})
			hc := other.Client() // trusts the test certificate both servers share
			c := newTestClient(t, base.URL, ClientOptions{Authorize: authorizeBoth, HTTPClient: hc})
			for _, method := range []string{http.MethodGet, http.MethodPut} {
				if _, err := c.Do(context.Background(), Request{Method: method, Path: "/api/x"}, nil); err != nil {
					t.Fatalf("%s: %v", method, err)
				}
			}
			if hits, creds := other.seen(); hits != 2 || len(creds) != 0 {
				t.Errorf("other origin got %d requests with credentials %q; want 2 without", hits, creds)
			}
			if _, err := c.Do(context.Background(), Request{Path: "/same"}, nil); err != nil {
				t.Fatal(err)
			}
			_, creds := base.seen()
			// 2 first hops + /same + /landed, each with both headers.
			if len(creds) != 8 {
				t.Errorf("base origin got credentials %d times, want 8 (same-origin redirects keep them): %q", len(creds), creds)
			}
			if hc.CheckRedirect != nil {
				t.Errorf("NewClient changed the caller's http.Client")
			}
		})
	}
}
