package fakeserver

import (
	"bytes"
	"math/rand/v2"
	"net/http"
	"time"
)

// Fault is what goes wrong with one request. The zero Fault is none.
// Delay applies first; then Drop, Status, DropAfter or StatusAfter.
type Fault struct {
	// Status answers with this status instead of calling the handler
	// (e.g. 500, 503). The body is Body, or the status text.
	Status int
	// Delay holds the answer back (a slow server; beyond the client's
	// timeout it is a timeout).
	Delay time.Duration
	// Drop closes the connection without answering: the handler never
	// runs, so nothing changed on the server.
	Drop bool
	// DropAfter runs the real handler (the write happens) and then closes
	// the connection without answering: a lost response.
	DropAfter bool
	// StatusAfter runs the real handler (the write happens) and then
	// answers with this status instead of the handler's answer: a
	// service that acted and failed before it could say so.
	StatusAfter int
	// Header and Body go with Status and StatusAfter (e.g. Retry-After
	// on a 503).
	Header http.Header
	Body   []byte
}

// FaultRates are the probabilities, each in [0, 1], that RandomFaults
// gives a request each kind of fault. They are tried in the order of the
// fields; at most one applies, plus an independent delay.
type FaultRates struct {
	Status5xx float64 // a 500, 502, 503 or 504
	Drop      float64
	DropAfter float64
	Delay     float64
	MaxDelay  time.Duration // delays are uniform in (0, MaxDelay]; default 50ms
}

// RandomFaults returns a fault schedule for SetFaults. The fault of the
// n-th request depends only on seed and n, so a failing schedule can be
// replayed with the same seed.
func RandomFaults(seed int64, p FaultRates) func(n int, r *http.Request) Fault {
	if p.MaxDelay <= 0 {
		p.MaxDelay = 50 * time.Millisecond
	}
	codes := []int{500, 502, 503, 504}
	return func(n int, _ *http.Request) Fault {
		rng := rand.New(rand.NewPCG(uint64(seed), uint64(n)))
		var f Fault
		switch x := rng.Float64(); {
		case x < p.Status5xx:
			f.Status = codes[rng.IntN(len(codes))]
		case x < p.Status5xx+p.Drop:
			f.Drop = true
		case x < p.Status5xx+p.Drop+p.DropAfter:
			f.DropAfter = true
		}
		if rng.Float64() < p.Delay {
			f.Delay = time.Duration(rng.Int64N(int64(p.MaxDelay))) + 1
		}
		return f
	}
}

// writeFault answers with f's status.
func writeFault(w http.ResponseWriter, f Fault) {
	for k, vs := range f.Header {
		w.Header()[k] = append([]string(nil), vs...)
	}
	body := f.Body
	if body == nil {
		body = []byte(http.StatusText(f.Status) + "\n")
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	}
	w.WriteHeader(f.Status)
	w.Write(body)
}

// drop closes the client's connection without an answer. Under HTTP/2
// or a writer that cannot hijack, it aborts the handler, which the
// server also turns into a reset stream or closed connection.
func drop(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	conn.Close()
}

// statusWriter remembers the status a handler wrote and reports it
// before it is sent.
type statusWriter struct {
	http.ResponseWriter
	status   int
	onStatus func(int)
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
		w.onStatus(code)
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// bufferWriter collects an answer that will never be sent.
type bufferWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (w *bufferWriter) Header() http.Header { return w.header }

func (w *bufferWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
}

func (w *bufferWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.body.Write(b)
}

func (w *bufferWriter) statusOr200() int {
	if w.status == 0 {
		return http.StatusOK
	}
	return w.status
}
