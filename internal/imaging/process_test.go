package imaging

import (
	"bytes"
	"fmt"
	"image/color"
	"reflect"
	"slices"
	"testing"

	"digest/internal/imaging/imagingtest"
)

// stored is the stored quadrant colours: top left, top right, bottom
// left, bottom right.
var stored = [4]color.NRGBA{imagingtest.TopLeft, imagingtest.TopRight, imagingtest.BottomLeft, imagingtest.BottomRight}

func TestOrientation(t *testing.T) {
	const tl, tr, bl, br = 0, 1, 2, 3
	// For each orientation, the stored quadrant displayed at the top left,
	// top right, bottom left and bottom right, from the EXIF definitions
	// ("the 0th row is the visual right-hand side..."), not from the code.
	shown := map[int][4]int{
		1: {tl, tr, bl, br},
		2: {tr, tl, br, bl},
		3: {br, bl, tr, tl},
		4: {bl, br, tl, tr},
		5: {tl, bl, tr, br},
		6: {bl, tl, br, tr},
		7: {br, tr, bl, tl},
		8: {tr, br, tl, bl},
	}
	for o := 1; o <= 8; o++ {
		for _, big := range []bool{false, true} {
			t.Run(fmt.Sprintf("%d/big-endian=%v", o, big), func(t *testing.T) {
				data := imagingtest.JPEG(96, 64, imagingtest.Options{Orientation: o, BigEndian: big, GPS: true})
				res, err := Process(data, Settings{Widths: []int{2000}, Card: true, CardWidth: 40, CardHeight: 40, Focus: [2]float64{0.5, 0.5}})
				if err != nil {
					t.Fatal(err)
				}
				w, h := 96, 64
				if o >= 5 {
					w, h = 64, 96
				}
				if res.Info.Width != w || res.Info.Height != h || res.Info.Orientation != o {
					t.Fatalf("Info = %+v, want %d×%d, orientation %d", res.Info, w, h, o)
				}
				v := res.Variants[0]
				m := decodeBytes(t, v.Data)
				if v.Width != w || v.Height != h || m.Bounds().Dx() != w || m.Bounds().Dy() != h {
					t.Fatalf("copy is %d×%d (decodes to %v), want %d×%d", v.Width, v.Height, m.Bounds(), w, h)
				}
				got := quadrantColors(m)
				for q, s := range shown[o] {
					if !near(got[q], stored[s], 24) {
						t.Errorf("quadrant %d shows %v, want %v (stored quadrant %d)", q, got[q], stored[s], s)
					}
				}
				if o != 1 && got[0] == quadrantColors(decodeBytes(t, data))[0] && shown[o][0] != tl {
					t.Errorf("the top-left quadrant did not move")
				}
			})
		}
	}
}

func TestOrientationOfPNGAndWebP(t *testing.T) {
	for name, data := range map[string][]byte{
		"png":  imagingtest.EncodePNG(imagingtest.Quadrants(40, 20), imagingtest.Options{Orientation: 6}),
		"webp": imagingtest.WebP(40, 20, imagingtest.Options{Orientation: 6}),
	} {
		res, err := Process(data, Settings{Widths: []int{100}})
		if err != nil {
			t.Fatal(err)
		}
		m := decodeBytes(t, res.Variants[0].Data)
		if m.Bounds().Dx() != 20 || m.Bounds().Dy() != 40 {
			t.Fatalf("%s: copy is %v, want 20×40", name, m.Bounds())
		}
		want := quadrantColors(decodeBytes(t, data))[0] // as lossy WebP stored it
		if got := quadrantColors(m)[1]; !near(got, want, 24) {
			t.Errorf("%s: top right is %v, want the stored top left %v", name, got, want)
		}
	}
}

func TestCopyWidths(t *testing.T) {
	site := []int{480, 960, 1600}
	for _, tc := range []struct {
		w, h int
		want []int
	}{
		{4000, 300, []int{480, 960, 1600}},
		{1200, 90, []int{480, 960, 1200}},
		{1600, 120, []int{480, 960, 1600}},
		{300, 23, []int{300}},
		{480, 36, []int{480}},
	} {
		t.Run(fmt.Sprint(tc.w), func(t *testing.T) {
			data := imagingtest.JPEG(tc.w, tc.h, imagingtest.Options{})
			res, err := Process(data, Settings{Widths: site, WebPQuality: 80})
			if err != nil {
				t.Fatal(err)
			}
			if got := widthsOf(res.Variants); !slices.Equal(got, tc.want) {
				t.Errorf("widths %v, want %v", got, tc.want)
			}
			if res.WebP != nil && !slices.Equal(widthsOf(res.WebP), tc.want) {
				t.Errorf("WebP widths %v, want %v", widthsOf(res.WebP), tc.want)
			}
			for _, v := range outputs(res) {
				m := decodeBytes(t, v.Data)
				if m.Bounds().Dx() != v.Width || m.Bounds().Dy() != v.Height {
					t.Errorf("%s %d×%d decodes to %v", v.Format, v.Width, v.Height, m.Bounds())
				}
				if v.Width > tc.w || v.Height > tc.h {
					t.Errorf("%s %d×%d is larger than the %d×%d source", v.Format, v.Width, v.Height, tc.w, tc.h)
				}
				if want := scaledHeight(v.Width, tc.w, tc.h); v.Height != want {
					t.Errorf("%d wide: height %d, want %d", v.Width, v.Height, want)
				}
			}
		})
	}
	if got := copyWidths(nil, 700); !slices.Equal(got, []int{700}) {
		t.Errorf("no widths: %v, want the source's own", got)
	}
	if got := copyWidths([]int{960, 480, 480, 0, -5}, 700); !slices.Equal(got, []int{480, 700}) {
		t.Errorf("unsorted widths: %v", got)
	}
}

func TestWebPKeptOnlyWhenSmaller(t *testing.T) {
	data := imagingtest.JPEG(800, 533, imagingtest.Options{Photo: true})
	res, err := Process(data, Settings{Widths: []int{400, 800}, Quality: 80, WebPQuality: 75})
	if err != nil {
		t.Fatal(err)
	}
	if res.WebP == nil {
		t.Fatal("WebP at 75 against JPEG at 80 was dropped")
	}
	if w, j := totalSize(res.WebP), totalSize(res.Variants); w >= j {
		t.Errorf("WebP kept though %d bytes against JPEG's %d", w, j)
	}
	for _, v := range res.WebP {
		if v.Format != WebP || sniff(v.Data) != WebP {
			t.Errorf("WebP copy is %s, starts %q", v.Format, v.Data[:12])
		}
	}
	res, err = Process(data, Settings{Widths: []int{400, 800}, Quality: 40, WebPQuality: 100})
	if err != nil {
		t.Fatal(err)
	}
	if res.WebP != nil {
		t.Errorf("WebP at 100 (%d bytes) kept against JPEG at 40 (%d bytes)", totalSize(res.WebP), totalSize(res.Variants))
	}
	res, err = Process(data, Settings{Widths: []int{400}})
	if err != nil || res.WebP != nil {
		t.Errorf("WebP made though not asked: %v, %v", res.WebP, err)
	}
}

func TestNoMetadataInOutputs(t *testing.T) {
	opts := imagingtest.Options{GPS: true, Orientation: 6, XMP: true, ICC: true, IPTC: true, Comment: "secret comment", Photo: true}
	for name, data := range map[string][]byte{
		"jpeg": imagingtest.JPEG(300, 200, opts),
		"png":  imagingtest.EncodePNG(imagingtest.Photo(300, 200, 2), opts),
		"webp": imagingtest.WebP(300, 200, opts),
		"gif":  imagingtest.EncodeGIF(300, 200, 1, opts),
	} {
		t.Run(name, func(t *testing.T) {
			if name != "gif" && (!imagingtest.HasEXIF(data) || !imagingtest.HasGPS(data)) {
				t.Fatal("the source carries no EXIF GPS: the test tests nothing")
			}
			res, err := Process(data, Settings{Widths: []int{100, 1000}, WebPQuality: 90, Card: true, CardWidth: 120, CardHeight: 60})
			if err != nil {
				t.Fatal(err)
			}
			if len(outputs(res)) < 3 {
				t.Fatalf("only %d outputs", len(outputs(res)))
			}
			for _, v := range outputs(res) {
				where := fmt.Sprintf("%s %d×%d", v.Format, v.Width, v.Height)
				if imagingtest.HasEXIF(v.Data) || imagingtest.HasGPS(v.Data) {
					t.Errorf("%s carries EXIF: %v", where, imagingtest.EXIFTags(v.Data))
				}
				for _, s := range []string{"Exif", "xap/1.0", "secret comment", "Photoshop", "ICC_PROFILE", "A. Photographer"} {
					if bytes.Contains(v.Data, []byte(s)) {
						t.Errorf("%s contains %q", where, s)
					}
				}
			}
		})
	}
}

func TestFormats(t *testing.T) {
	s := Settings{Widths: []int{20, 40}, WebPQuality: 80, Card: true}
	for _, tc := range []struct {
		name     string
		data     []byte
		fallback Format
		widths   []int
	}{
		{"still gif", imagingtest.GIF(64, 48, 1), PNG, []int{20, 40}},
		{"webp", imagingtest.WebP(64, 48, imagingtest.Options{}), WebP, []int{20, 40}},
		{"lossless webp", imagingtest.EncodeWebP(imagingtest.Quadrants(64, 48), true, imagingtest.Options{}), WebP, []int{20, 40}},
		{"small png", imagingtest.PNG(30, 10, false), PNG, []int{20, 30}},
		{"animated gif", imagingtest.GIF(64, 48, 3), "", nil},
		{"animated webp", imagingtest.AnimatedWebP(64, 48, 3), "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Process(tc.data, s)
			if err != nil {
				t.Fatal(err)
			}
			if got := widthsOf(res.Variants); !slices.Equal(got, tc.widths) {
				t.Errorf("widths %v, want %v", got, tc.widths)
			}
			for _, v := range res.Variants {
				if v.Format != tc.fallback || sniff(v.Data) != tc.fallback {
					t.Errorf("copy %d wide is %s (bytes say %s), want %s", v.Width, v.Format, sniff(v.Data), tc.fallback)
				}
				want := quadrantColors(decodeBytes(t, tc.data)) // as a lossy source stored them
				if got := quadrantColors(decodeBytes(t, v.Data)); !near(got[0], want[0], 20) || !near(got[3], want[3], 20) {
					t.Errorf("copy %d wide shows %v, want %v", v.Width, got, want)
				}
			}
			if tc.fallback == WebP && res.WebP != nil {
				t.Errorf("WebP copies of a WebP")
			}
			if res.Info.Animated != (tc.widths == nil) {
				t.Errorf("Animated = %v", res.Info.Animated)
			}
			if res.Card == nil && tc.name != "animated webp" {
				t.Errorf("no card")
			}
		})
	}
}

func TestPNGAtItsOwnSizeIsLossless(t *testing.T) {
	src := imagingtest.Photo(120, 80, 3)
	res, err := Process(imagingtest.EncodePNG(src, imagingtest.Options{}), Settings{Widths: []int{60, 480}})
	if err != nil {
		t.Fatal(err)
	}
	if same, diff := samePixels(src, decodeBytes(t, res.Variants[1].Data)); !same {
		t.Errorf("the copy at the PNG's own size differs: %s", diff)
	}
	g := imagingtest.GIF(64, 48, 1)
	res, err = Process(g, Settings{Widths: []int{480}})
	if err != nil {
		t.Fatal(err)
	}
	if same, diff := samePixels(decodeBytes(t, g), decodeBytes(t, res.Variants[0].Data)); !same {
		t.Errorf("the copy of a GIF at its own size differs: %s", diff)
	}
}

func TestDeterministic(t *testing.T) {
	data := imagingtest.JPEG(900, 600, imagingtest.Options{Photo: true, Orientation: 8})
	s := Settings{Widths: []int{200, 400, 800}, Quality: 80, WebPQuality: 75, Card: true, CardWidth: 300, CardHeight: 150, Focus: [2]float64{0.3, 0.7}}
	a, err := Process(data, s)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Process(data, s)
	if err != nil {
		t.Fatal(err)
	}
	oa, ob := outputs(a), outputs(b)
	if len(oa) != len(ob) || len(oa) != 7 {
		t.Fatalf("%d and %d outputs, want 7", len(oa), len(ob))
	}
	for i := range oa {
		if !bytes.Equal(oa[i].Data, ob[i].Data) {
			t.Errorf("output %d (%s %d wide) differs between runs", i, oa[i].Format, oa[i].Width)
		}
	}
}

func TestSettingsKey(t *testing.T) {
	base := Settings{Widths: []int{480, 960}, Quality: 80, WebPQuality: 75, Card: true, CardWidth: 1200, CardHeight: 630, Focus: [2]float64{0.5, 0.5}}
	same := base
	same.Widths = slices.Clone(base.Widths)
	if base.Key() != same.Key() {
		t.Fatal("Key is not stable")
	}
	// Change each field in turn, found by reflection so that a field added
	// later is covered too.
	v := reflect.ValueOf(&base).Elem()
	for i := range v.NumField() {
		changed := base
		changed.Widths = slices.Clone(base.Widths)
		f := reflect.ValueOf(&changed).Elem().Field(i)
		switch f.Kind() {
		case reflect.Int:
			f.SetInt(f.Int() + 1)
		case reflect.Bool:
			f.SetBool(!f.Bool())
		case reflect.Slice:
			f.Index(0).SetInt(f.Index(0).Int() + 1)
		case reflect.Array:
			f.Index(1).SetFloat(f.Index(1).Float() + 0.01)
		default:
			t.Fatalf("field %s: kind %s not covered by this test", v.Type().Field(i).Name, f.Kind())
		}
		if changed.Key() == base.Key() {
			t.Errorf("changing %s leaves Key as it was", v.Type().Field(i).Name)
		}
	}
}
