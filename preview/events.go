package preview

import (
	"fmt"
	"net/http"
	"sync"
)

// broadcaster tells every open page that the tree was loaded again.
type broadcaster struct {
	mu     sync.Mutex
	subs   map[chan int]bool
	closed chan struct{}
	once   sync.Once
}

func newBroadcaster() *broadcaster {
	return &broadcaster{subs: map[chan int]bool{}, closed: make(chan struct{})}
}

// subscribe returns a channel that receives the version of each load
// from now on; cancel ends the subscription.
func (b *broadcaster) subscribe() (ch chan int, cancel func()) {
	ch = make(chan int, 1)
	b.mu.Lock()
	b.subs[ch] = true
	b.mu.Unlock()
	return ch, func() {
		b.mu.Lock()
		delete(b.subs, ch)
		b.mu.Unlock()
	}
}

// notify sends version to every subscriber. A page that has not taken
// the last one yet gets the newest instead: it only needs to know that
// it is out of date.
func (b *broadcaster) notify(version int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for ch := range b.subs {
		select {
		case <-ch:
		default:
		}
		ch <- version
	}
}

func (b *broadcaster) close() { b.once.Do(func() { close(b.closed) }) }

// eventStream is the server-sent events of one page: the version of the
// tree now, then that of every load. The page's script reloads when the
// version is not the one it was rendered from, so a change made while
// the page was loading is not missed.
func (s *Server) eventStream(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	ch, cancel := s.events.subscribe()
	defer cancel()
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	_, v := s.current()
	fmt.Fprintf(w, "retry: 500\ndata: %d\n\n", v)
	flusher.Flush()
	for {
		select {
		case v := <-ch:
			fmt.Fprintf(w, "data: %d\n\n", v)
			flusher.Flush()
		case <-r.Context().Done():
			return
		case <-s.events.closed:
			return
		}
	}
}
