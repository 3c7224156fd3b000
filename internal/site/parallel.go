package site

import (
	"runtime"
	"sync"
)

// parallel calls f(i) for every i in [0, n), on every core for large n:
// each goroutine takes a contiguous share. f must only write to state of
// its own i.
func parallel(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n/256)
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w * n / workers; i < (w+1)*n/workers; i++ {
				f(i)
			}
		})
	}
	wg.Wait()
}
