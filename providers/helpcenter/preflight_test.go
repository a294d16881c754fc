package helpcenter

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/hcsync/hcsync/providers"
)

// The gate learns a scope only from an answer that proves it: a refusal
// for the scope stops the requests needing it, success lets them all
// go, and any other failure hands the probe to the next request.
func TestScopeGate(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	refusal := &providers.APIError{StatusCode: 403, Code: "insufficient_scope"}
	tests := []struct {
		name      string
		outcome   error
		nextProbe bool // the next request is a probe too
		nextErr   bool // the next request fails unsent
	}{
		{"success", nil, false, false},
		{"refused for the scope", refusal, false, true},
		{"invalid request", &providers.APIError{StatusCode: 400, Code: "root_not_published"}, true, false},
		{"connection lost", providers.ErrOutcomeUnknown, true, false},
	}
	for _, tt := range tests {
		g := newScopeGate()
		probe, err := g.enter(ctx, "content.write")
		if !probe || err != nil {
			t.Fatalf("%s: first request: probe %v, %v", tt.name, probe, err)
		}
		// A second request waits while the first is in flight.
		next := make(chan error, 1)
		var nextProbe bool
		go func() {
			var err error
			nextProbe, err = g.enter(ctx, "content.write")
			next <- err
		}()
		select {
		case <-next:
			t.Fatalf("%s: a second request went while the first was in flight", tt.name)
		case <-time.After(20 * time.Millisecond):
		}
		g.leave("content.write", tt.outcome)
		err = <-next
		if nextProbe != tt.nextProbe || (err != nil) != tt.nextErr {
			t.Errorf("%s: next request: probe %v, err %v; want probe %v, error %v", tt.name, nextProbe, err, tt.nextProbe, tt.nextErr)
		}
		if tt.nextErr && !errors.Is(err, refusal) {
			t.Errorf("%s: %v does not wrap the refusal", tt.name, err)
		}
		// Other scopes are not held back.
		if probe, err := g.enter(ctx, "content.publish"); !probe || err != nil {
			t.Errorf("%s: another scope: probe %v, %v", tt.name, probe, err)
		}
	}
}
