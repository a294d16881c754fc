package fakeserver

import (
	"math"
	"net/http"
	"strconv"
	"time"
)

// admit counts a request against the budget (fixed windows, or the
// token bucket of Options.Burst) and sets the rate headers on h. It
// reports false, with the time until a request will be admitted, when
// the budget is spent; rejected requests do not count.
func (s *Server) admit(h http.Header) (ok bool, retryAfter time.Duration) {
	if s.opts.Limit <= 0 {
		return true, 0
	}
	now := s.opts.Clock()
	s.mu.Lock()
	var remaining int
	var reset time.Time
	if s.opts.Burst > s.opts.Limit {
		ok, remaining, reset = s.takeToken(now)
	} else {
		ok, remaining, reset = s.countInWindow(now)
	}
	s.mu.Unlock()

	hs := s.opts.Headers
	if hs.Limit != "" {
		h.Set(hs.Limit, strconv.Itoa(s.opts.Limit))
	}
	if hs.Remaining != "" {
		h.Set(hs.Remaining, strconv.Itoa(remaining))
	}
	if hs.Reset != "" {
		if hs.ResetUnix {
			h.Set(hs.Reset, strconv.FormatInt(int64(math.Ceil(float64(reset.UnixNano())/1e9)), 10))
		} else {
			h.Set(hs.Reset, ceilSeconds(reset.Sub(now)))
		}
	}
	return ok, reset.Sub(now)
}

// countInWindow counts a request in the fixed window of now; reset is
// the window's end. s.mu is held.
func (s *Server) countInWindow(now time.Time) (ok bool, remaining int, reset time.Time) {
	// Windows are aligned to the epoch, as the services' per-minute and
	// per-10-second windows are aligned to the clock.
	start := now.Truncate(s.opts.Window)
	if !start.Equal(s.winStart) {
		s.winStart = start
		s.winCount = 0
	}
	ok = s.winCount < s.opts.Limit
	if ok {
		s.winCount++
	}
	return ok, s.opts.Limit - s.winCount, start.Add(s.opts.Window)
}

// takeToken takes a token from the bucket for a request at now; reset
// is when the bucket next holds one more whole token than remaining,
// that is when a request will next be admitted once remaining is 0.
// s.mu is held.
func (s *Server) takeToken(now time.Time) (ok bool, remaining int, reset time.Time) {
	perSecond := float64(s.opts.Limit) / s.opts.Window.Seconds()
	if s.bucketAt.IsZero() {
		s.tokens = float64(s.opts.Burst)
	} else if elapsed := now.Sub(s.bucketAt).Seconds(); elapsed > 0 {
		s.tokens = math.Min(float64(s.opts.Burst), s.tokens+elapsed*perSecond)
	}
	s.bucketAt = now
	ok = s.tokens >= 1
	if ok {
		s.tokens--
	}
	remaining = int(s.tokens)
	wait := (float64(remaining+1) - s.tokens) / perSecond
	return ok, remaining, now.Add(time.Duration(wait * float64(time.Second)))
}

// ceilSeconds renders d as whole seconds, rounded up, at least 1: the
// form of Retry-After (RFC 9110 section 10.2.3) and of reset headers.
func ceilSeconds(d time.Duration) string {
	secs := int64(math.Ceil(d.Seconds()))
	if secs < 1 {
		secs = 1
	}
	return strconv.FormatInt(secs, 10)
}
