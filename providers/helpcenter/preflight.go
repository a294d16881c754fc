package helpcenter

import (
	"context"
	"errors"
	"sync"

	"github.com/hcsync/hcsync/providers"
)

// Preflight checks, before apply's first write, that the API key is a
// key of the center: it reads the center, which proves content.read
// (and costs nothing after a plan, which has read it already).
//
// The write scopes are not checked here. The API has no endpoint that
// reports a key's scopes (helpcenter-articles.txt, "API Key Scopes";
// SKILL.md lists none), and the only way to learn whether a key may
// write is to write: a check that renames a category to its own name is
// still a write to the help center, made by a tool whose promise is to
// write only what the plan shows. So a missing content.write,
// content.publish or content.delete scope shows at the first write that
// needs it, which the service refuses with 403 insufficient_scope, and
// the scope gate (below) sends no other request needing that scope.
//
// The executor calls Preflight (through an optional interface) before
// the first write; write makes no difference: either way it reads.
func (p *Provider) Preflight(ctx context.Context, write bool) error {
	_, err := p.centerInfo(ctx)
	return err
}

// scopeGate holds back requests whose scope the key may lack, so a key
// without a scope meets one refusal, not one per change: under the rate
// limit of 100 requests a minute, each refused request of an apply
// would cost as much as a write. While a scope is unknown, one request
// needing it is sent at a time; once one succeeds, the scope is held
// and requests go freely; once one is refused for it, the requests that
// need it fail without being sent.
type scopeGate struct {
	mu      sync.Mutex
	held    map[string]bool
	refused map[string]error         // scope -> the first refusal
	probing map[string]chan struct{} // scope -> closed when the request in flight is answered
}

func newScopeGate() *scopeGate {
	return &scopeGate{held: map[string]bool{}, refused: map[string]error{}, probing: map[string]chan struct{}{}}
}

// enter waits until a request needing scope may be sent. probe is true
// when the caller's request is the one that tells whether the key holds
// the scope: it must call leave with its outcome.
func (g *scopeGate) enter(ctx context.Context, scope string) (probe bool, err error) {
	for {
		g.mu.Lock()
		if err := g.refused[scope]; err != nil {
			g.mu.Unlock()
			return false, &notSentError{scope: scope, refusal: err}
		}
		if g.held[scope] {
			g.mu.Unlock()
			return false, nil
		}
		wait, busy := g.probing[scope]
		if !busy {
			g.probing[scope] = make(chan struct{})
			g.mu.Unlock()
			return true, nil
		}
		g.mu.Unlock()
		select {
		case <-wait:
		case <-ctx.Done():
			return false, ctx.Err()
		}
	}
}

// leave records what the probe's outcome err proves: success that the
// key holds the scope, insufficient_scope that it does not. Any other
// outcome (a 404, a dropped connection) proves neither, and the next
// request waiting becomes the probe.
func (g *scopeGate) leave(scope string, err error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	switch {
	case err == nil:
		g.held[scope] = true
	case isScopeRefusal(err):
		g.refused[scope] = err
	}
	close(g.probing[scope])
	delete(g.probing, scope)
}

func isScopeRefusal(err error) bool {
	var apiErr *providers.APIError
	return errors.As(err, &apiErr) && apiErr.Code == "insufficient_scope"
}

// notSentError is a request the gate held back because an earlier one
// needing the same scope was refused; it wraps that refusal.
type notSentError struct {
	scope   string
	refusal error
}

func (e *notSentError) Error() string {
	return "not sent: HELPCENTER_API_KEY lacks the " + e.scope + " scope this needs, as the help center answered an earlier request: create a key with it under Settings > General > API in Help.Center"
}

func (e *notSentError) Unwrap() error { return e.refusal }
