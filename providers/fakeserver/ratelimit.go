package fakeserver

import (
	"math"
	"net/http"
	"strconv"
	"time"
)

// admit counts a request against the current fixed window and sets the
// rate headers on h. It reports false, with the time left in the window,
// when the window's budget is spent; rejected requests do not count.
func (s *Server) admit(h http.Header) (ok bool, retryAfter time.Duration) {
	if s.opts.Limit <= 0 {
		return true, 0
	}
	now := s.opts.Clock()
	s.mu.Lock()
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
	remaining := s.opts.Limit - s.winCount
	s.mu.Unlock()

	end := start.Add(s.opts.Window)
	hs := s.opts.Headers
	if hs.Limit != "" {
		h.Set(hs.Limit, strconv.Itoa(s.opts.Limit))
	}
	if hs.Remaining != "" {
		h.Set(hs.Remaining, strconv.Itoa(remaining))
	}
	if hs.Reset != "" {
		if hs.ResetUnix {
			h.Set(hs.Reset, strconv.FormatInt(int64(math.Ceil(float64(end.UnixNano())/1e9)), 10))
		} else {
			h.Set(hs.Reset, ceilSeconds(end.Sub(now)))
		}
	}
	return ok, end.Sub(now)
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
