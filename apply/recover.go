package apply

import (
	"context"
	"errors"
	"net"
	"sync"
	"time"

	"github.com/hcsync/hcsync/providers"
)

// sectionLookups shares the listings that recoveries of lost creates
// make. A recovery may join a listing only if it started after the
// recovery's create failed: an earlier one may not show that create.
// Otherwise it starts a new one, which later recoveries join.
type sectionLookups struct {
	mu   sync.Mutex
	last map[string]*sectionLookup // section id -> newest listing
}

type sectionLookup struct {
	started time.Time
	done    chan struct{}
	list    []providers.Article
	err     error
}

// get returns the articles of section as listed after the moment
// after: a recovery shares a listing that started after its own create
// failed, never an older one that cannot hold its article.
func (s *sectionLookups) get(ctx context.Context, p providers.Provider, section string, after time.Time) ([]providers.Article, error) {
	s.mu.Lock()
	if s.last == nil {
		s.last = map[string]*sectionLookup{}
	}
	l := s.last[section]
	if l != nil && l.started.After(after) {
		s.mu.Unlock()
		<-l.done
		return l.list, l.err
	}
	l = &sectionLookup{started: time.Now(), done: make(chan struct{})}
	s.last[section] = l
	s.mu.Unlock()
	l.list, l.err = p.ListSectionArticles(ctx, section)
	close(l.done)
	return l.list, l.err
}

// mayStillLand reports whether a write whose outcome is unknown timed
// out on the client's side: the service may still be working on it, so
// a look that finds nothing does not prove it failed. An answer (a 5xx)
// or a dropped connection comes after the service is done with the
// request, and a look then does.
func mayStillLand(err error) bool {
	var ne net.Error
	return errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout()
}
