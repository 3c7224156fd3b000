package serve

import (
	"errors"
	"fmt"
	"net"
	"syscall"
)

// Listen opens addr for the preview. When the port is taken and the user did not ask for
// it, the next free port is used; otherwise the error suggests one.
func Listen(addr string, explicit bool) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err == nil || !errors.Is(err, syscall.EADDRINUSE) {
		if err != nil {
			return nil, fmt.Errorf("cannot listen on %s: %w", addr, err)
		}
		return ln, nil
	}
	host, port, _ := net.SplitHostPort(addr)
	var p int
	fmt.Sscan(port, &p)
	for next := p + 1; next < p+50 && next < 65536; next++ {
		cand := net.JoinHostPort(host, fmt.Sprint(next))
		l, err := net.Listen("tcp", cand)
		if err != nil {
			continue
		}
		if !explicit {
			return l, nil
		}
		l.Close()
		return nil, fmt.Errorf("port %s is in use; %s is free: digest serve --addr %s", port, cand, cand)
	}
	return nil, fmt.Errorf("port %s is in use, and so are the next 50", port)
}
