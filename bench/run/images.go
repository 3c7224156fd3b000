package main

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/chromedp/chromedp"

	"digest/internal/imaging/imagingtest"
)

// imagesBench measures the images: n items, each a page bundle with a
// 12-megapixel photo (4000×3000, with GPS in its EXIF) as its lead image,
// built cold (no cache), again with nothing changed (from the cache), and
// again with one photo changed; then what a 375-pixel-wide phone fetches
// for one of those articles.
func imagesBench(b *bench, n int, serveOnly bool) {
	dir := filepath.Join(b.work, fmt.Sprintf("photos-%d", n))
	if _, err := os.Stat(filepath.Join(dir, "content", "_index.md")); err != nil {
		fmt.Printf("writing %d items with a 12-megapixel photo each in %s\n", n, dir)
		must(os.RemoveAll(dir))
		must(writePhotoSite(dir, n))
	}
	cache := filepath.Join(b.work, "cache-images")
	defer os.Setenv("DIGEST_CACHE_DIR", filepath.Join(b.work, "cache"))
	if serveOnly {
		must(os.Setenv("DIGEST_CACHE_DIR", cache))
		imageEdits(b, dir, n)
		return
	}
	must(os.RemoveAll(cache))
	must(os.Setenv("DIGEST_CACHE_DIR", cache))
	fmt.Printf("%d photos: cold build, warm build, one photo changed\n", n)
	out := b.fresh("photos-cold")
	cold := measure(b.repo, b.digestBin, "build", "-s", dir, "-d", out, "--quiet")
	warm := measure(b.repo, b.digestBin, "build", "-s", dir, "-d", b.fresh("photos-warm"), "--quiet")
	photo := filepath.Join(dir, "content", "articles", "2025-01-01-photo-0", "photo.jpg")
	must(os.WriteFile(photo, photoBytes(int(time.Now().UnixNano()%1e12)), 0o644))
	one := measure(b.repo, b.digestBin, "build", "-s", dir, "-d", b.fresh("photos-one"), "--quiet")
	fmt.Printf("\n| %d photos of 12 MP | wall | CPU | peak RSS |\n|---|---:|---:|---:|\n", n)
	for _, r := range []struct {
		what string
		s    sample
	}{{"cold (no cache)", cold}, {"warm (from the cache)", warm}, {"one photo changed", one}} {
		fmt.Printf("| %s | %.2f s | %.2f s | %.0f MiB |\n", r.what, r.s.wall.Seconds(), r.s.cpu.Seconds(), r.s.rssMiB)
	}
	phoneBytes(out, filepath.Join(dir, "content", "articles", "2025-01-01-photo-1", "photo.jpg"))
	imageEdits(b, dir, n)
}

// writePhotoSite writes n items, each a page bundle with its own photo.
func writePhotoSite(dir string, n int) error {
	files := map[string][]byte{
		"content/_index.md": []byte("---\ntitle: Photos\nbase_url: https://photos.example/\n---\n"),
	}
	for i := range n {
		bundle := fmt.Sprintf("content/articles/2025-01-01-photo-%d/", i)
		files[bundle+"index.md"] = fmt.Appendf(nil, "---\ntitle: Photo %d\ndate: 2025-01-01\ntopics: [photos]\n"+
			"image: {src: photo.jpg, alt: A generated landscape}\n---\nAn item with a photo.\n", i)
		files[bundle+"photo.jpg"] = photoBytes(i)
	}
	for p, data := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(full, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

var basePhoto []byte

// photoBytes is a 12-megapixel JPEG, a camera's with GPS, distinct for
// each i: the pixels are the same (made once: encoding one takes a
// second), a comment differs, so each is a new image to the build.
func photoBytes(i int) []byte {
	if basePhoto == nil {
		basePhoto = imagingtest.EncodeJPEG(imagingtest.Photo(4000, 3000, 7), imagingtest.Options{GPS: true, Quality: 90})
	}
	// A COM segment right after SOI.
	com := fmt.Appendf(nil, "photo %d", i)
	seg := []byte{0xFF, 0xFE, byte((len(com) + 2) >> 8), byte(len(com) + 2)}
	out := append([]byte{}, basePhoto[:2]...)
	out = append(out, seg...)
	out = append(out, com...)
	return append(out, basePhoto[2:]...)
}

// phoneBytes loads one article in Chromium as a 375-pixel-wide phone
// (device pixel ratio 2) and prints the bytes fetched, against sending
// the original photo as the theme did before.
func phoneBytes(out, original string) {
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		fmt.Println("chromium not found: install Debian's chromium to measure what a phone fetches")
		return
	}
	srv := &gzipServer{root: out}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	ctx, stop, err := startChromium(chromium)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer stop()
	tctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	srv.drain(time.Second)
	err = chromedp.Do(tctx, chromedp.EmulateViewport(375, 812, chromedp.EmulateScale(2)),
		chromedp.Navigate(ts.URL+"/2025/01/01/photo-1/"),
		chromedp.Poll[chromedp.Void](`document.querySelector(".lead img").complete`, chromedp.WithPollingInterval(10*time.Millisecond)))
	if err != nil {
		fmt.Println("loading the article:", err)
		return
	}
	var total, img int64
	var picked string
	for _, f := range srv.drain(2 * time.Second) {
		total += f.sent
		if strings.HasPrefix(f.path, "/media/") {
			img += f.sent
			picked = f.path
		}
	}
	info, err := os.Stat(original)
	must(err)
	fmt.Printf("\n375-px phone (DPR 2), one article: %s in all, of which the lead image %s (%s);\n"+
		"sending the original photo instead, as before: %s in all\n",
		kb(total), kb(img), picked, kb(total-img+info.Size()))
}

// imageEdits measures digest serve on the photo site: from saving a
// changed photo to the reload event of its article, median of 5 edits.
func imageEdits(b *bench, dir string, n int) {
	cmd, _, events := startServe(b, dir)
	defer func() {
		_ = cmd.Process.Signal(syscall.SIGINT)
		_ = cmd.Wait()
	}()
	var took []time.Duration
	for i := range 5 {
		photo := filepath.Join(dir, "content", "articles", fmt.Sprintf("2025-01-01-photo-%d", i), "photo.jpg")
		// Saved as editors and image tools do: a new file renamed over
		// the old, so the preview never reads half a photo.
		tmp := filepath.Join(b.work, "photo.tmp") // outside the site: unwatched
		// A comment never written before: bytes the site has not had.
		must(os.WriteFile(tmp, photoBytes(int(time.Now().UnixNano()%1e12)+i), 0o644))
		start := time.Now()
		must(os.Rename(tmp, photo))
		took = append(took, waitReload(events, start, fmt.Sprintf("/photo-%d/", i)))
		time.Sleep(1500 * time.Millisecond) // the last photo's larger copies are made meanwhile
	}
	slices.Sort(took)
	fmt.Printf("\ndigest serve, a 12-megapixel photo replaced: reload after %s (median of 5; all: %v)\n", ms(took[2]), took)
}
