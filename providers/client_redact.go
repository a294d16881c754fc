package providers

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
)

// redactor replaces secrets, and the encoded forms they travel in, with
// [REDACTED]. It learns the values Authorize puts in headers, so a
// credential reaches no output even if the adapter forgot to list it.
type redactor struct {
	mu      sync.RWMutex
	secrets map[string]bool
	r       *strings.Replacer
}

// minSecretLen keeps short values (a header like "1") from blanking out
// every digit of an error message.
const minSecretLen = 6

func newRedactor(secrets []string) *redactor {
	r := &redactor{secrets: map[string]bool{}}
	for _, s := range secrets {
		r.addLocked(s)
	}
	r.rebuild()
	return r
}

// addLocked adds s and its encodings; the caller holds mu or owns r.
func (r *redactor) addLocked(s string) bool {
	s = strings.TrimSpace(s)
	if len(s) < minSecretLen || r.secrets[s] {
		return false
	}
	forms := []string{
		s,
		base64.StdEncoding.EncodeToString([]byte(s)),
		base64.RawStdEncoding.EncodeToString([]byte(s)),
		base64.URLEncoding.EncodeToString([]byte(s)),
		base64.RawURLEncoding.EncodeToString([]byte(s)),
		url.QueryEscape(s),
		url.PathEscape(s),
	}
	for _, f := range forms {
		if len(f) >= minSecretLen {
			r.secrets[f] = true
		}
	}
	return true
}

func (r *redactor) rebuild() {
	list := make([]string, 0, len(r.secrets))
	for s := range r.secrets {
		list = append(list, s)
	}
	// Longest first, so a secret that contains another is replaced whole.
	sort.Slice(list, func(i, j int) bool { return len(list[i]) > len(list[j]) })
	pairs := make([]string, 0, 2*len(list))
	for _, s := range list {
		pairs = append(pairs, s, "[REDACTED]")
	}
	r.r = strings.NewReplacer(pairs...)
}

// learnHeaders treats every header value Authorize set or changed as a
// secret, and for "Scheme credentials" values the credentials alone too.
func (r *redactor) learnHeaders(before, after http.Header) {
	var fresh []string
	for k, vs := range after {
		old := before[k]
		for i, v := range vs {
			if i < len(old) && old[i] == v {
				continue
			}
			fresh = append(fresh, v)
			if _, cred, ok := strings.Cut(v, " "); ok {
				fresh = append(fresh, cred)
			}
		}
	}
	if len(fresh) == 0 {
		return
	}
	r.mu.RLock()
	known := true
	for _, f := range fresh {
		if len(strings.TrimSpace(f)) >= minSecretLen && !r.secrets[strings.TrimSpace(f)] {
			known = false
		}
	}
	r.mu.RUnlock()
	if known {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	changed := false
	for _, f := range fresh {
		changed = r.addLocked(f) || changed
		if cred, err := base64.StdEncoding.DecodeString(f); err == nil {
			// Basic auth: "email/token:secret" or "user:password"; the
			// password alone may be echoed by a service.
			if _, pw, ok := strings.Cut(string(cred), ":"); ok {
				changed = r.addLocked(pw) || changed
			}
		}
	}
	if changed {
		r.rebuild()
	}
}

// s returns text with every known secret replaced.
func (r *redactor) s(text string) string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	if len(r.secrets) == 0 {
		return text
	}
	return r.r.Replace(text)
}

// url renders u with secrets (including any in its query) replaced.
func (r *redactor) url(u *url.URL) string {
	return r.s(u.Redacted())
}
