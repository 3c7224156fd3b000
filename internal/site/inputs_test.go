package site

import (
	"fmt"
	"html/template"
	"reflect"
	"testing"
	"time"

	"digest/internal/content"
	"digest/internal/fingerprint"
	"digest/internal/markdown"
	"digest/internal/siteurl"
)

// TestInputsCompareEveryField changes each field of every kind of memo
// inputs in turn, by reflection, and fails unless same tells the changed
// inputs from the original: a field added to an inputs struct and left
// out of its same method would let a rebuild reuse a stale value.
func TestInputsCompareEveryField(t *testing.T) {
	for _, k := range []kind{
		kindOf[articleInputs](), kindOf[relatedInputs](), withSum(kindOf[articleViewInputs](), articleViewInputs.sum), kindOf[topicInputs](),
		kindOf[entityInputs](), kindOf[homeInputs](), kindOf[feedInputs](), kindOf[sitemapInputs](), kindOf[linkInputs](),
		kindOf[placementInputs](), kindOf[*placement](), kindOf[skeletonInputs](), kindOf[itemLinkInputs](),
	} {
		typ, same := k.typ, k.same
		// Inputs held by pointer (placements) are compared through it.
		ptr := typ.Kind() == reflect.Pointer
		if ptr {
			typ = typ.Elem()
		}
		value := func(v reflect.Value) reflect.Value {
			if ptr {
				p := reflect.New(typ)
				p.Elem().Set(v)
				return p
			}
			return v
		}
		a := reflect.New(typ).Elem()
		for i := range typ.NumField() {
			a.Field(i).Set(sample(t, typ.Field(i).Type, 1))
		}
		if !same(value(a), value(a)) {
			t.Errorf("%s: inputs are not the same as themselves", typ.Name())
		}
		for i := range typ.NumField() {
			b := reflect.New(typ).Elem()
			b.Set(a)
			b.Field(i).Set(sample(t, typ.Field(i).Type, 2))
			if same(value(a), value(b)) {
				t.Errorf("%s.%s: a change to it goes unnoticed by same", typ.Name(), typ.Field(i).Name)
			}
			if k.sum != nil && k.sum(value(a)) == k.sum(value(b)) {
				t.Errorf("%s.%s: a change to it leaves sum as it was", typ.Name(), typ.Field(i).Name)
			}
			// The same value made anew compares the same: leaves are
			// compared by fingerprint, not by pointer.
			c := reflect.New(typ).Elem()
			c.Set(a)
			c.Field(i).Set(sample(t, typ.Field(i).Type, 1))
			if !same(value(a), value(c)) {
				t.Errorf("%s.%s: an equal value made anew is not the same", typ.Name(), typ.Field(i).Name)
			}
		}
	}
}

// kind is a kind of memo inputs: its type, and its same method on
// values held in reflect.Values.
type kind struct {
	typ  reflect.Type
	same func(a, b reflect.Value) bool
	sum  func(a reflect.Value) fingerprint.Sum // for inputs hashed by hand
}

func withSum[I any](k kind, sum func(I) fingerprint.Sum) kind {
	k.sum = func(a reflect.Value) fingerprint.Sum { return sum(a.Interface().(I)) }
	return k
}

func kindOf[I inputs[I]]() kind {
	return kind{typ: reflect.TypeFor[I](), same: func(a, b reflect.Value) bool { return a.Interface().(I).same(b.Interface().(I)) }}
}

// skeletons are the skeletons samples use, by n.
var skeletons = map[int]*skeleton{1: {}, 2: {}}

// sample returns a value of type typ that is the same for the same n and
// differs for another n; pointers are new each time.
func sample(t *testing.T, typ reflect.Type, n int) reflect.Value {
	s := fmt.Sprint("v", n)
	sum := fingerprint.Strings(s)
	var v any
	switch typ {
	case reflect.TypeFor[string]():
		v = s
	case reflect.TypeFor[Picture]():
		v = Picture{Written: s, Src: s, Width: n}
	case reflect.TypeFor[template.HTML]():
		v = template.HTML(s)
	case reflect.TypeFor[bool]():
		v = n == 1
	case reflect.TypeFor[int]():
		v = n
	case reflect.TypeFor[fingerprint.Sum]():
		v = sum
	case reflect.TypeFor[content.Hash]():
		v = content.Hash(sum)
	case reflect.TypeFor[Ref]():
		v = Ref{Name: s, Slug: s, URL: s}
	case reflect.TypeFor[*Ref]():
		v = &Ref{Name: s, Slug: s, URL: s}
	case reflect.TypeFor[siteurl.Base]():
		v = siteurl.New("https://example.org/" + s + "/")
	case reflect.TypeFor[*content.Item]():
		v = &content.Item{File: "content/articles/a.md", Hash: content.Hash(sum)}
	case reflect.TypeFor[*content.Topic]():
		v = &content.Topic{File: "content/topics/t.md", Hash: content.Hash(sum)}
	case reflect.TypeFor[*Article]():
		v = &Article{fp: sum}
	case reflect.TypeFor[*Teaser]():
		v = &Teaser{fp: sum}
	case reflect.TypeFor[*Info]():
		v = &Info{fp: sum}
	case reflect.TypeFor[*Menu]():
		v = &Menu{fp: sum}
	case reflect.TypeFor[*Topic]():
		v = &Topic{fp: sum}
	case reflect.TypeFor[*skeleton]():
		v = skeletons[n] // compared by identity: the same one for the same n
	case reflect.TypeFor[*placement]():
		v = &placement{File: s}
	case reflect.TypeFor[*content.Config]():
		v = &content.Config{Hash: content.Hash(sum), BaseURL: s}
	case reflect.TypeFor[map[string]bool]():
		v = map[string]bool{s: true}
	case reflect.TypeFor[time.Time]():
		v = time.Unix(int64(n), 0)
	case reflect.TypeFor[fieldLines]():
		v = fieldLines{Date: n}
	case reflect.TypeFor[[]string]():
		v = []string{s}
	case reflect.TypeFor[SitemapEntry]():
		v = SitemapEntry{Loc: s, LastMod: time.Unix(int64(n), 0)}
	case reflect.TypeFor[markdown.Link]():
		v = markdown.Link{Dest: s, Line: n}
	case reflect.TypeFor[content.Resource]():
		v = content.Resource{Path: s, Real: s, Bundle: s, Rel: s}
	case reflect.TypeFor[Picture]():
		v = Picture{Written: s, Src: s, Width: n}
	case reflect.TypeFor[template.HTML]():
		v = template.HTML(s)
	default:
		if typ.Kind() == reflect.Array {
			// The first element differs with n.
			out := reflect.New(typ).Elem()
			out.Index(0).Set(sample(t, typ.Elem(), n))
			return out
		}
		if typ.Kind() == reflect.Slice {
			// One element, which differs with n.
			out := reflect.MakeSlice(typ, 1, 1)
			out.Index(0).Set(sample(t, typ.Elem(), n))
			return out
		}
		t.Fatalf("no sample for %s: teach the test this type", typ)
	}
	return reflect.ValueOf(v)
}
