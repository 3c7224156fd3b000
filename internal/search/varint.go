package search

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"unicode/utf8"
)

// alphabet holds the digits of the varint encoding: index 32 and up mean
// more digits follow.
const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

// appendVarint appends v in the varint encoding.
func appendVarint(b []byte, v uint64) []byte {
	for v >= 32 {
		b = append(b, alphabet[32+v&31])
		v >>= 5
	}
	return append(b, alphabet[v])
}

// zigzag maps a signed integer onto the non-negative ones: 0, -1, 1, -2, 2
// become 0, 1, 2, 3, 4.
func zigzag(x int64) uint64 { return uint64(x<<1) ^ uint64(x>>63) }

// appendJSONString appends s as a JSON string, escaped as encoding/json
// escapes it.
func appendJSONString(b []byte, s string) []byte {
	if !plainJSON(s) {
		q, err := json.Marshal(s)
		if err != nil {
			panic(fmt.Sprintf("search: marshal string: %v", err)) // a string always marshals
		}
		return append(b, q...)
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// plainJSON reports whether encoding/json writes s unchanged between quotes.
func plainJSON(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			return false
		}
		i += size
	}
	return true
}

// hashName returns prefix + the first 10 hex digits of the SHA-256 of data
// + ".json".
func hashName(prefix string, data []byte) string {
	sum := sha256.Sum256(data)
	return prefix + hex.EncodeToString(sum[:5]) + ".json"
}
