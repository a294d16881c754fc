package apply

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hcsync/hcsync/providers"
)

// sectionCounter counts ListSectionArticles calls; each takes a while,
// so concurrent recoveries overlap.
type sectionCounter struct {
	providers.Provider
	calls atomic.Int32
}

func (s *sectionCounter) ListSectionArticles(context.Context, string) ([]providers.Article, error) {
	s.calls.Add(1)
	time.Sleep(200 * time.Millisecond)
	return []providers.Article{{ID: "1", SectionID: "7"}}, nil
}

// TestSectionLookupsShared: recoveries whose creates failed before a
// listing of their section started share it; one whose create failed
// after it started gets a listing of its own, which could show its
// article.
func TestSectionLookupsShared(t *testing.T) {
	p := &sectionCounter{}
	var s sectionLookups
	failed := time.Now()
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			list, err := s.get(context.Background(), p, "7", failed)
			if err != nil || len(list) != 1 {
				t.Errorf("get = %v, %v", list, err)
			}
		})
	}
	wg.Wait()
	if n := p.calls.Load(); n != 1 {
		t.Errorf("8 concurrent recoveries in one section listed it %d times, want once", n)
	}
	if _, err := s.get(context.Background(), p, "7", time.Now()); err != nil {
		t.Fatal(err)
	}
	if n := p.calls.Load(); n != 2 {
		t.Errorf("a recovery after the shared listing ended made %d listings in all, want 2", n)
	}
}

// A create that timed out may still land; one answered 5xx or cut off
// after the service answered has landed or never will.
func TestMayStillLand(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want bool
	}{
		{fmt.Errorf("%w: POST /x: %w", providers.ErrOutcomeUnknown, context.DeadlineExceeded), true},
		{fmt.Errorf("%w: POST /x: %w", providers.ErrOutcomeUnknown, io.EOF), false},
		{fmt.Errorf("%w: %w", providers.ErrOutcomeUnknown, &providers.APIError{StatusCode: 503}), false},
		{errors.New("other"), false},
	} {
		if got := mayStillLand(tc.err); got != tc.want {
			t.Errorf("mayStillLand(%v) = %v, want %v", tc.err, got, tc.want)
		}
	}
}
