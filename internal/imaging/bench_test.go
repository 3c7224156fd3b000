package imaging

import (
	"sync"
	"testing"

	"digest/internal/imaging/imagingtest"
)

// photo12MP is a 4000×3000 photo-like JPEG (quality 90, with EXIF and
// GPS, as a camera writes it), made once.
var photo12MP = sync.OnceValue(func() []byte {
	return imagingtest.EncodeJPEG(imagingtest.Photo(4000, 3000, 7), imagingtest.Options{GPS: true, Orientation: 1})
})

// siteSettings are the settings a site uses.
var siteSettings = Settings{
	Widths: []int{480, 960, 1600}, Quality: 80, WebPQuality: 75,
	Card: true, CardWidth: 1200, CardHeight: 630, Focus: [2]float64{0.5, 0.5},
}

func BenchmarkProcess12MP(b *testing.B) {
	data := photo12MP()
	if _, err := Process(data, siteSettings); err != nil { // compiles the WebP encoder once
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Process(data, siteSettings); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkProbe(b *testing.B) {
	data := photo12MP()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Probe(data); err != nil {
			b.Fatal(err)
		}
	}
}
