package main

import (
	"errors"
	"fmt"

	"github.com/hcsync/hcsync/config"
	"github.com/hcsync/hcsync/providers"
)

// reachHint is what to check when the help center's host cannot be
// reached: the key of cfg that names it (from the provider's
// registration) and the network.
func reachHint(cfg *config.Config) string {
	if s := specOf(cfg); s != nil && s.hostSetting != nil {
		if key := s.hostSetting(cfg); key != "" {
			return fmt.Sprintf("check %s in %s, and the network", key, relPath(cfg.File))
		}
	}
	return "check the network"
}

// unreachableError is a request that found no help center at its host,
// said in one line with what to check: every request of the run would
// fail the same way, so the request itself is left to --debug.
type unreachableError struct {
	err  *providers.UnreachableError
	hint string
}

func (e *unreachableError) Error() string {
	return fmt.Sprintf("cannot reach %s: %s: %s", e.err.Host, e.err.Reason, e.hint)
}

func (e *unreachableError) Unwrap() error { return e.err }

// explainUnreachable is err, or, when a request of it found no service
// at its host, that said in one line with hint.
func explainUnreachable(err error, hint string) error {
	var ue *providers.UnreachableError
	if hint == "" || !errors.As(err, &ue) {
		return err
	}
	var ec *exitCodeError
	if errors.As(err, &ec) {
		return &exitCodeError{code: ec.code, err: &unreachableError{err: ue, hint: hint}}
	}
	return &unreachableError{err: ue, hint: hint}
}
