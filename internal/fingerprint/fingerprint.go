// Package fingerprint hashes the data a page is rendered from, so that a
// rebuild re-renders exactly the pages whose data changed and nothing has to
// be tracked by hand.
//
// Of walks a value with reflection: strings, numbers, booleans, times,
// slices, maps (in key order), structs and pointers. A value that implements
// Leaf contributes its own precomputed hash instead of being walked, which
// keeps hashing cheap for views that list hundreds of items; a Leaf must
// therefore hash everything a template can reach through it.
package fingerprint

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"
)

// Sum is a fingerprint.
type Sum [16]byte

// Leaf is implemented by values that carry their own fingerprint.
type Leaf interface {
	Fingerprint() Sum
}

var (
	leafType = reflect.TypeFor[Leaf]()
	timeType = reflect.TypeFor[time.Time]()
)

var bufPool = sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}

// Of returns the fingerprint of v.
func Of(v any) Sum {
	bp := bufPool.Get().(*[]byte)
	w := writer{b: (*bp)[:0]}
	w.value(reflect.ValueOf(v), 0)
	s := Bytes(w.b)
	*bp = w.b
	bufPool.Put(bp)
	return s
}

// Bytes returns the fingerprint of a file's contents.
func Bytes(b []byte) Sum {
	h := sha256.Sum256(b)
	var s Sum
	copy(s[:], h[:])
	return s
}

// Strings hashes a list of strings; leaves use it to build their own sum.
func Strings(parts ...string) Sum {
	var w writer
	for _, p := range parts {
		w.str(p)
	}
	return Bytes(w.b)
}

// Sums combines fingerprints, for leaves derived from other leaves.
func Sums(sums ...Sum) Sum {
	var w writer
	for _, s := range sums {
		w.sum(s)
	}
	return Bytes(w.b)
}

// writer accumulates an unambiguous encoding of a value, hashed once.
type writer struct {
	b []byte
}

func (w *writer) tag(b byte)   { w.b = append(w.b, b) }
func (w *writer) u64(x uint64) { w.b = binary.LittleEndian.AppendUint64(w.b, x) }
func (w *writer) str(s string) { w.tag('s'); w.u64(uint64(len(s))); w.b = append(w.b, s...) }
func (w *writer) sum(s Sum)    { w.tag('L'); w.b = append(w.b, s[:]...) }
func (w *writer) time(t time.Time) {
	w.tag('t')
	w.u64(uint64(t.UnixNano()))
	w.str(t.Location().String())
}

const maxDepth = 64

// plan is what Of needs to know of a type, worked out once per type.
type plan struct {
	leaf   bool  // implements Leaf
	isTime bool  // is time.Time
	fields []int // exported fields, for structs
}

var plans sync.Map // reflect.Type → *plan

func planOf(t reflect.Type) *plan {
	if p, ok := plans.Load(t); ok {
		return p.(*plan)
	}
	p := &plan{leaf: t.Implements(leafType), isTime: t == timeType}
	if t.Kind() == reflect.Struct {
		for i := range t.NumField() {
			if t.Field(i).IsExported() {
				p.fields = append(p.fields, i)
			}
		}
	}
	plans.Store(t, p)
	return p
}

func (w *writer) value(v reflect.Value, depth int) {
	if depth > maxDepth {
		panic("fingerprint: value nested too deeply (a cycle?)")
	}
	if !v.IsValid() {
		w.tag('0')
		return
	}
	p := planOf(v.Type())
	if p.leaf {
		if (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) && v.IsNil() {
			w.tag('0')
			return
		}
		w.sum(v.Interface().(Leaf).Fingerprint())
		return
	}
	if p.isTime {
		w.time(v.Interface().(time.Time))
		return
	}
	switch v.Kind() {
	case reflect.String:
		w.str(v.String())
	case reflect.Bool:
		if v.Bool() {
			w.tag('T')
		} else {
			w.tag('F')
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		w.tag('i')
		w.u64(uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		w.tag('u')
		w.u64(v.Uint())
	case reflect.Float32, reflect.Float64:
		w.tag('f')
		w.u64(math.Float64bits(v.Float()))
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			w.tag('0')
			return
		}
		w.tag('p')
		w.value(v.Elem(), depth+1)
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			w.str(string(v.Bytes()))
			return
		}
		w.tag('[')
		w.u64(uint64(v.Len()))
		for i := range v.Len() {
			w.value(v.Index(i), depth+1)
		}
	case reflect.Map:
		keys := v.MapKeys()
		if v.Type().Key().Kind() == reflect.String {
			slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
		} else {
			slices.SortFunc(keys, compareKeys)
		}
		w.tag('{')
		w.u64(uint64(len(keys)))
		for _, k := range keys {
			w.value(k, depth+1)
			w.value(v.MapIndex(k), depth+1)
		}
	case reflect.Struct:
		w.tag('(')
		for _, i := range p.fields {
			w.value(v.Field(i), depth+1)
		}
	case reflect.Func, reflect.Chan, reflect.UnsafePointer:
		panic(fmt.Sprintf("fingerprint: cannot hash a %s", v.Kind()))
	default:
		panic(fmt.Sprintf("fingerprint: unhandled kind %s", v.Kind()))
	}
}

func compareKeys(a, b reflect.Value) int {
	return strings.Compare(fmt.Sprint(a.Interface()), fmt.Sprint(b.Interface()))
}
