package main

import (
	"strings"
	"testing"
	"time"
)

func TestLimit(t *testing.T) {
	t.Parallel()
	tests := []struct {
		l         limit
		perMinute int
		perSecond float64
		str       string
	}{
		{limit{}, unlimited, 0, "off"},
		{limit{100, time.Second}, 6000, 100, "100/1s"},
		// Zendesk's 700 a minute scaled to a tenth of the window.
		{limit{70, 6 * time.Second}, 700, 70.0 / 6, "70/6s"},
	}
	for _, tt := range tests {
		if got := tt.l.PerMinute(); got != tt.perMinute {
			t.Errorf("%v.PerMinute() = %d, want %d", tt.l, got, tt.perMinute)
		}
		if got := tt.l.PerSecond(); got != tt.perSecond {
			t.Errorf("%v.PerSecond() = %g, want %g", tt.l, got, tt.perSecond)
		}
		if got := tt.l.String(); got != tt.str {
			t.Errorf("String() = %q, want %q", got, tt.str)
		}
	}
}

// TestStartTarget checks that each fake starts with the CLI told its
// address and the same limit, and that the secrets go in the
// environment, not in hcsync.yaml.
func TestStartTarget(t *testing.T) {
	t.Parallel()
	for _, p := range []string{"local", "zendesk", "helpcenter", "intercom"} {
		tgt, err := startTarget(p, 3, 4, limit{50, time.Second})
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		defer tgt.close()
		if !strings.HasPrefix(tgt.config, "provider: "+p+"\n") || !strings.Contains(tgt.config, "rate_limit: 3000\n") {
			t.Errorf("%s: hcsync.yaml lacks the provider or the limit:\n%s", p, tgt.config)
		}
		for _, kv := range tgt.env {
			_, secret, _ := strings.Cut(kv, "=")
			if strings.Contains(tgt.config, secret) {
				t.Errorf("%s: hcsync.yaml holds the secret of %s", p, kv)
			}
		}
		if p != "local" && (len(tgt.env) == 0 || tgt.requests == nil || !strings.Contains(tgt.config, "base_url: http://127.0.0.1:")) {
			t.Errorf("%s: not pointed at a fake on loopback with credentials:\n%s", p, tgt.config)
		}
	}
	if _, err := startTarget("confluence", 1, 1, limit{}); err == nil {
		t.Error("an unknown provider started")
	}
}
