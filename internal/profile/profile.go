// Package profile writes profiles of a digest run for performance work:
// a CPU profile to the file DIGEST_CPUPROFILE names, and the heap at the
// end to the file DIGEST_MEMPROFILE names (go tool pprof reads both).
package profile

import (
	"os"
	"runtime/pprof"
)

// Run runs f, profiled as the environment asks, and returns its result.
func Run(f func() int) int {
	if path := os.Getenv("DIGEST_CPUPROFILE"); path != "" {
		if out, err := os.Create(path); err == nil {
			_ = pprof.StartCPUProfile(out)
			defer func() {
				pprof.StopCPUProfile()
				out.Close()
			}()
		}
	}
	code := f()
	if path := os.Getenv("DIGEST_MEMPROFILE"); path != "" {
		if out, err := os.Create(path); err == nil {
			_ = pprof.WriteHeapProfile(out)
			out.Close()
		}
	}
	return code
}
