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
	"hash"
	"math"
	"reflect"
	"slices"
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

// Of returns the fingerprint of v.
func Of(v any) Sum {
	h := sha256.New()
	w := writer{h: h}
	w.value(reflect.ValueOf(v), 0)
	var s Sum
	copy(s[:], h.Sum(nil))
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
	h := sha256.New()
	w := writer{h: h}
	for _, p := range parts {
		w.str(p)
	}
	var s Sum
	copy(s[:], h.Sum(nil))
	return s
}

type writer struct {
	h   hash.Hash
	buf [9]byte
}

func (w *writer) tag(b byte)   { w.buf[0] = b; w.h.Write(w.buf[:1]) }
func (w *writer) u64(x uint64) { binary.LittleEndian.PutUint64(w.buf[1:], x); w.h.Write(w.buf[1:9]) }
func (w *writer) str(s string) { w.tag('s'); w.u64(uint64(len(s))); w.h.Write([]byte(s)) }
func (w *writer) sum(s Sum)    { w.tag('L'); w.h.Write(s[:]) }
func (w *writer) time(t time.Time) {
	w.tag('t')
	w.u64(uint64(t.UnixNano()))
	w.str(t.Location().String())
}

const maxDepth = 64

func (w *writer) value(v reflect.Value, depth int) {
	if depth > maxDepth {
		panic("fingerprint: value nested too deeply (a cycle?)")
	}
	if !v.IsValid() {
		w.tag('0')
		return
	}
	if v.Type().Implements(leafType) {
		if (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) && v.IsNil() {
			w.tag('0')
			return
		}
		w.sum(v.Interface().(Leaf).Fingerprint())
		return
	}
	if v.Type() == timeType {
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
		slices.SortFunc(keys, func(a, b reflect.Value) int { return compareKeys(a, b) })
		w.tag('{')
		w.u64(uint64(len(keys)))
		for _, k := range keys {
			w.value(k, depth+1)
			w.value(v.MapIndex(k), depth+1)
		}
	case reflect.Struct:
		t := v.Type()
		w.tag('(')
		for i := range v.NumField() {
			if !t.Field(i).IsExported() {
				continue
			}
			w.value(v.Field(i), depth+1)
		}
	case reflect.Func, reflect.Chan, reflect.UnsafePointer:
		panic(fmt.Sprintf("fingerprint: cannot hash a %s", v.Kind()))
	default:
		panic(fmt.Sprintf("fingerprint: unhandled kind %s", v.Kind()))
	}
}

func compareKeys(a, b reflect.Value) int {
	return cmpString(fmt.Sprint(a.Interface()), fmt.Sprint(b.Interface()))
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
