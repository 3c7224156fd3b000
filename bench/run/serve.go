package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"digest/internal/corpus"
)

type event struct {
	Kind  string   `json:"kind"`
	Paths []string `json:"paths"`
}

// startServe starts digest serve on the site in dir, waits until it
// answers, and returns the process, its URL and its reload events.
func startServe(b *bench, dir string) (*exec.Cmd, string, chan event) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	must(err)
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(b.digestBin, "serve", "-s", dir, "--addr", addr)
	cmd.Stdout, cmd.Stderr = nil, nil
	must(cmd.Start())
	base := "http://" + addr
	var resp *http.Response
	for deadline := time.Now().Add(5 * time.Minute); ; {
		if resp, err = http.Get(base + "/__digest/events"); err == nil {
			break
		}
		if time.Now().After(deadline) {
			must(fmt.Errorf("digest serve did not start: %v", err))
		}
		time.Sleep(100 * time.Millisecond)
	}
	events := make(chan event, 1024)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 1<<20), 64<<20)
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				var e event
				if json.Unmarshal([]byte(data), &e) == nil {
					events <- e
				}
			}
		}
	}()
	return cmd, base, events
}

// waitReload waits for the reload event naming url (any, if "") and
// returns how long after start it came.
func waitReload(events chan event, start time.Time, url string) time.Duration {
	timeout := time.After(2 * time.Minute)
	for {
		select {
		case e := <-events:
			if e.Kind == "reload" && (url == "" || slices.ContainsFunc(e.Paths, func(p string) bool { return strings.HasSuffix(p, url) })) {
				return time.Since(start)
			}
			if e.Kind == "error" {
				must(fmt.Errorf("the preview reported a build error"))
			}
		case <-timeout:
			must(fmt.Errorf("no reload event for %s", url))
		}
	}
}

// serveBench measures digest serve on the corpus of n items: save to
// reload event for one item and for a template, 500 new files until all
// are served, and memory after 1,000 edits.
func serveBench(b *bench, n int) {
	dir := b.corpusDir(n)
	cmd, base, events := startServe(b, dir)
	defer func() {
		_ = cmd.Process.Signal(syscall.SIGINT)
		_ = cmd.Wait()
	}()
	rssFirst := rss(cmd.Process.Pid)
	items := itemFiles(dir)
	r := rand.New(rand.NewPCG(1, 2))
	wait := func(start time.Time, url string) time.Duration { return waitReload(events, start, url) }
	edit := func(file string, change func(string) string) time.Duration {
		b, err := os.ReadFile(file)
		must(err)
		must(os.WriteFile(file, []byte(change(string(b))), 0o644))
		return wait(time.Now(), itemURL(file))
	}
	fmt.Printf("%d items: digest serve (RSS after the first build %.0f MiB)\n", n, rssFirst)
	var body, title, tmpl []time.Duration
	for i := range 21 {
		f := items[r.IntN(len(items))]
		body = append(body, edit(f, func(s string) string { return s + fmt.Sprintf("\nA new paragraph %d.\n", i) }))
		time.Sleep(50 * time.Millisecond)
		f = items[r.IntN(len(items))]
		title = append(title, edit(f, func(s string) string { return strings.Replace(s, "title: \"", fmt.Sprintf("title: \"Rev %d: ", i), 1) }))
		time.Sleep(50 * time.Millisecond)
	}
	override := filepath.Join(dir, "templates", "partials", "sources.html")
	must(os.MkdirAll(filepath.Dir(override), 0o755))
	for i := range 5 {
		start := time.Now()
		must(os.WriteFile(override, []byte(fmt.Sprintf(`<span class="source">Via {{range .Sources}}{{.Name}}{{end}} (%d)</span>`, i)), 0o644))
		tmpl = append(tmpl, wait(start, ""))
		time.Sleep(100 * time.Millisecond)
	}
	must(os.RemoveAll(filepath.Join(dir, "templates")))
	wait(time.Now(), "")
	// The reload after a template change goes out before the pages are
	// rendered; let the background render finish, so that the burst below
	// is measured on its own.
	time.Sleep(3 * time.Second)

	// 500 new files at once, until every new page is served.
	var urls []string
	kyiv, err := time.LoadLocation("Europe/Kyiv") // the corpus's time zone
	must(err)
	start := time.Now()
	for i := range 500 {
		date := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Hour)
		f := corpus.Item(r, 900000+i, date, 40)
		p := filepath.Join(dir, "content", "articles", "burst", filepath.Base(f.Path))
		must(os.MkdirAll(filepath.Dir(p), 0o755))
		must(os.WriteFile(p, []byte(f.Text), 0o644))
		urls = append(urls, "/"+date.In(kyiv).Format("2006/01/02")+itemURL(p))
	}
	for pending := urls; len(pending) > 0; {
		var still []string
		for _, u := range pending {
			if res, err := http.Get(base + u); err == nil {
				res.Body.Close()
				if res.StatusCode == 200 {
					continue
				}
			}
			still = append(still, u)
		}
		pending = still
		if time.Since(start) > 5*time.Minute {
			must(fmt.Errorf("%d of the 500 pages never appeared", len(pending)))
		}
	}
	burst := time.Since(start)
	must(os.RemoveAll(filepath.Join(dir, "content", "articles", "burst")))
	time.Sleep(time.Second)

	// Memory after 1,000 edits.
	for i := range 1000 {
		f := items[i%len(items)]
		edit(f, func(s string) string { return s + "x" })
	}
	rssAfter := rss(cmd.Process.Pid)

	fmt.Println()
	fmt.Printf("| %d items, digest serve | median | min | max |\n|---|---:|---:|---:|\n", n)
	for _, m := range []struct {
		what string
		ds   []time.Duration
	}{
		{"save one item (new paragraph) → reload event", body},
		{"save one item (new headline) → reload event", title},
		{"save a template → reload event", tmpl},
		{"500 new files → all 500 pages served", []time.Duration{burst}},
	} {
		slices.Sort(m.ds)
		fmt.Printf("| %s | %s | %s | %s |\n", m.what, ms(m.ds[len(m.ds)/2]), ms(m.ds[0]), ms(m.ds[len(m.ds)-1]))
	}
	fmt.Printf("| RSS after the first build → after 1,000 edits | %.0f MiB → %.0f MiB (%.2f×) | | |\n", rssFirst, rssAfter, rssAfter/rssFirst)
	fmt.Println("\nNote: the corpus's items now carry the benchmark's edits; delete", dir, "to start afresh.")
}

func ms(d time.Duration) string { return fmt.Sprintf("%d ms", d.Milliseconds()) }

// rss reads a process's resident memory in MiB.
func rss(pid int) float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return float64(kb) / 1024
		}
	}
	return 0
}

func itemFiles(dir string) []string {
	var out []string
	_ = filepath.WalkDir(filepath.Join(dir, "content", "articles"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			out = append(out, p)
		}
		return nil
	})
	return out
}

// itemURL is the end of a corpus item's URL path: its slug. (Its date in
// the URL is in the site's time zone, which may differ from the file
// name's.)
func itemURL(file string) string {
	base := strings.TrimSuffix(filepath.Base(file), ".md") // 2024-01-01-item-00000
	return "/" + base[11:] + "/"
}
