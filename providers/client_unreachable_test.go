package providers

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"
)

// TestUnreachableFailsFast: a host whose name does not resolve, or
// where nothing listens, fails in one short line that names the host,
// after one retry at most, not after the backoff a flaky network earns.
func TestUnreachableFailsFast(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := l.Addr().String()
	l.Close()
	tests := []struct {
		name, base, host, reason string
	}{
		// RFC 2606 reserves .invalid: it never resolves.
		{"name does not resolve", "https://acme.hcsync-test.invalid", "acme.hcsync-test.invalid", "the name does not resolve"},
		{"connection refused", "http://" + closed, closed, "the connection was refused"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, err := NewClient(ClientOptions{BaseURL: tt.base}) // the real backoff
			if err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			_, err = c.Do(context.Background(), Request{Path: "/api/v2/help_center/articles"}, nil)
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %s, want a few seconds at most", d)
			}
			var ue *UnreachableError
			if !errors.As(err, &ue) {
				t.Fatalf("err = %v, want an *UnreachableError", err)
			}
			if ue.Host != tt.host || ue.Reason != tt.reason {
				t.Errorf("host %q reason %q, want %q, %q", ue.Host, ue.Reason, tt.host, tt.reason)
			}
			if msg := err.Error(); strings.Contains(msg, "\n") || strings.Count(msg, tt.host) != 2 {
				// Once as the host, once in the request.
				t.Errorf("error %q: want one line naming the host and the request once each", msg)
			}
			if n := c.Stats().Requests["GET"]; n > 2 {
				t.Errorf("%d attempts, want 2 at most", n)
			}
		})
	}
}
