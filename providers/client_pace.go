package providers

import (
	"context"
	"crypto/tls"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"strconv"
	"syscall"
	"time"

	"golang.org/x/time/rate"
)

// waitTurn blocks until the client may send: no pause is in force and
// the limiter grants a token. Every goroutine goes through it, so a pause
// set by one answer holds back all of them.
func (c *Client) waitTurn(ctx context.Context) error {
	for {
		c.mu.Lock()
		d := time.Until(c.pausedUntil)
		c.mu.Unlock()
		if d > 0 {
			if err := c.sleep(ctx, d); err != nil {
				return err
			}
			continue
		}
		start := time.Now()
		if err := c.limiter.Wait(ctx); err != nil {
			// Wait fails early when the wait would outlast ctx's deadline.
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return err
		}
		if waited := time.Since(start); waited > time.Millisecond {
			c.count(func(s *ClientStats) { s.Waited += waited })
		}
		c.mu.Lock()
		paused := time.Now().Before(c.pausedUntil)
		c.mu.Unlock()
		if !paused {
			return nil
		}
	}
}

// sleep waits d or until ctx is done, counting the time waited.
func (c *Client) sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	start := time.Now()
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		c.count(func(s *ClientStats) { s.Waited += time.Since(start) })
		return ctx.Err()
	case <-t.C:
		c.count(func(s *ClientStats) { s.Waited += d })
		return nil
	}
}

// pauseUntil holds every request of the client back until t.
func (c *Client) pauseUntil(t time.Time) {
	c.mu.Lock()
	if t.After(c.pausedUntil) {
		c.pausedUntil = t
	}
	c.mu.Unlock()
}

// adapt reads the rate-limit headers of an answer and pauses the client
// when the service says its budget is spent: Retry-After on any answer,
// or a remaining count of 0 with a reset time. Without a reset time
// (Zendesk sends only X-Rate-Limit-Remaining) the client keeps going and
// the service's 429 with Retry-After says how long to wait.
func (c *Client) adapt(resp *http.Response) {
	now := time.Now()
	if d, ok := retryAfter(resp.Header, now); ok {
		c.pauseUntil(now.Add(d))
		return
	}
	rem, ok := firstInt(resp.Header, "X-RateLimit-Remaining", "X-Rate-Limit-Remaining", "RateLimit-Remaining")
	if !ok {
		return
	}
	c.trimBurst(now, rem)
	if rem > 0 {
		return
	}
	reset, ok := firstInt(resp.Header, "X-RateLimit-Reset", "X-Rate-Limit-Reset", "RateLimit-Reset")
	if !ok || reset <= 0 {
		return
	}
	var until time.Time
	if reset > 1_000_000_000 {
		// Unix seconds (Intercom, Help.Center): the window ends then.
		until = time.Unix(reset, 0)
	} else {
		// Seconds until the window resets (IETF RateLimit-Reset).
		until = now.Add(time.Duration(reset) * time.Second)
	}
	// The server's clock may be skewed from ours: never pause longer
	// than maxPause on its word alone.
	if until.Sub(now) > c.maxPause {
		until = now.Add(c.maxPause)
	}
	c.pauseUntil(until)
}

// trimBurst spends tokens of the limiter the service says it no longer
// has: a client starts with its whole burst, but the key's budget may
// have been spent by another client (or the previous run) already.
func (c *Client) trimBurst(now time.Time, remaining int64) {
	if c.limiter.Limit() == rate.Inf {
		return
	}
	if extra := int(c.limiter.TokensAt(now)) - int(max(remaining, 0)); extra > 0 {
		c.limiter.AllowN(now, extra)
	}
}

func firstInt(h http.Header, names ...string) (int64, bool) {
	for _, n := range names {
		if v := h.Get(n); v != "" {
			i, err := strconv.ParseInt(v, 10, 64)
			if err == nil {
				return i, true
			}
		}
	}
	return 0, false
}

// retryAfter parses a Retry-After header: delay seconds or an HTTP date
// (RFC 9110 section 10.2.3).
func retryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	v := h.Get("Retry-After")
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseFloat(v, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		return time.Duration(secs * float64(time.Second)), true
	}
	if t, err := http.ParseTime(v); err == nil {
		d := t.Sub(now)
		if d < 0 {
			d = 0
		}
		return d, true
	}
	return 0, false
}

// backoff returns the wait before retry attempt+1: exponential from
// backoffBase, capped at backoffCap, with full jitter so clients that
// failed together do not retry together.
func (c *Client) backoff(attempt int) time.Duration {
	ceiling := c.backoffBase << min(attempt, 30)
	if ceiling <= 0 || ceiling > c.backoffCap {
		ceiling = c.backoffCap
	}
	return rand.N(ceiling + 1)
}

// failure classifies a transport error.
type failure int

const (
	permanent failure = iota // retrying will not help
	transient                // the request may or may not have arrived: timeouts, resets, EOF
	notSent                  // the request provably never left (dial failed): safe to retry
	refused                  // the request never reached its target and never will (TLS verification failed, redirect refused)
	// unreachable: the request never left because the host's name does
	// not resolve or nothing listens at its port. A retry a moment later
	// covers a blip; more only delay the answer that the config names a
	// host that is not there, or the network is down.
	unreachable
)

func classify(err error) failure {
	var certErr *tls.CertificateVerificationError
	var redirErr *redirectError
	if errors.As(err, &certErr) || errors.As(err, &redirErr) {
		return refused
	}
	if _, ok := unreachableReason(err); ok {
		return unreachable
	}
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return notSent
	}
	if errors.Is(err, context.Canceled) {
		// The caller's own cancellation: not something to retry.
		return permanent
	}
	var ne net.Error
	switch {
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded):
		return transient
	case errors.As(err, &ne) && ne.Timeout():
		return transient
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return transient
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.ECONNABORTED), errors.Is(err, syscall.EPIPE):
		return transient
	}
	return permanent
}

// unreachableReason says why err found no service: the host's name does
// not resolve, or the connection was refused.
func unreachableReason(err error) (string, bool) {
	var dns *net.DNSError
	switch {
	case errors.As(err, &dns) && dns.IsNotFound:
		return "the name does not resolve", true
	case errors.As(err, &dns):
		return "the name could not be looked up (" + dns.Err + ")", true
	case errors.Is(err, syscall.ECONNREFUSED):
		return "the connection was refused", true
	}
	return "", false
}
