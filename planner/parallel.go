package planner

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// forEach calls fn(i) for every i in [0, n) on every core and returns
// when all have run. Workers take the next index by counter, not from a
// channel: on a warm plan most calls are cache hits of a few
// microseconds, and handing each over a channel cost more than the call.
// fn writes its result to its own slot; nothing is returned.
func forEach(n int, fn func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(n, 1)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				fn(i)
			}
		})
	}
	wg.Wait()
}
