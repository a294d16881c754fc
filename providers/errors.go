package providers

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// ErrNotFound is wrapped by errors for objects the service does not have.
var ErrNotFound = errors.New("not found")

// APIError is a non-2xx answer from a help center's API. Adapters return
// it (wrapped) for every failed request, so callers use errors.As rather
// than matching strings.
type APIError struct {
	Method     string
	URL        string // without query secrets
	StatusCode int
	Code       string // the service's error code, e.g. RecordInvalid, insufficient_scope
	Message    string // the service's human message
	// Details holds field-level messages (Zendesk 422 details, Intercom
	// error lists), already flattened to "field: message".
	Details   []string
	RequestID string
	// RetryAfter is the wait the service asked for (429, 503), if any.
	RetryAfter time.Duration
}

// Error reads "HTTP 422 Unprocessable Entity (RecordInvalid): message;
// details (POST url, request id)": the status first, the request once,
// so a failure line of apply names each once.
func (e *APIError) Error() string {
	msg := fmt.Sprintf("HTTP %d %s", e.StatusCode, http.StatusText(e.StatusCode))
	if e.Code != "" {
		msg += " (" + e.Code + ")"
	}
	if e.Message != "" {
		msg += ": " + e.Message
	}
	for _, d := range e.Details {
		msg += "; " + d
	}
	req := strings.TrimSpace(e.Method + " " + e.URL)
	if e.RequestID != "" {
		req += ", request " + e.RequestID
	}
	if req != "" {
		msg += " (" + req + ")"
	}
	return msg
}

// Unwrap lets errors.Is(err, ErrNotFound) match 404s.
func (e *APIError) Unwrap() error {
	if e.StatusCode == http.StatusNotFound {
		return ErrNotFound
	}
	return nil
}

// Temporary reports whether repeating the request later may succeed.
func (e *APIError) Temporary() bool {
	return e.StatusCode == http.StatusTooManyRequests || e.StatusCode >= 500
}

// ErrOutcomeUnknown is wrapped by errors of writes whose request may have
// reached the service although no answer came back (timeout, dropped
// connection). A create that fails this way must not be repeated blindly:
// the executor re-lists and adopts first.
var ErrOutcomeUnknown = errors.New("outcome unknown: the request may have been applied")

// UnreachableError is a request that found no service at its host: the
// name does not resolve, or nothing accepts the connection. The request
// was not sent, so it is never an outcome unknown.
type UnreachableError struct {
	Host    string // host[:port] of the URL
	Reason  string // "the name does not resolve", "the connection was refused"
	Request string // method and URL, secrets redacted
	Err     error
}

// Error reads "cannot reach HOST: REASON (METHOD URL)".
func (e *UnreachableError) Error() string {
	return fmt.Sprintf("cannot reach %s: %s (%s)", e.Host, e.Reason, e.Request)
}

// Unwrap returns the transport's error.
func (e *UnreachableError) Unwrap() error { return e.Err }
