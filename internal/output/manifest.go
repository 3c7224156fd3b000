package output

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"fmt"
	"io"
	"slices"
	"strings"

	"digest/internal/fingerprint"
)

// Marker is the file every destination written by digest carries. It
// holds the manifest of the tree: each file's content hash and the
// fingerprint of the inputs it was made from. A non-empty folder without
// it is never replaced.
const Marker = ".digest-manifest"

const manifestHeader = "# digest output manifest v1: output hash, input fingerprint, path. Do not edit.\n"

// entry is one file of a tree.
type entry struct {
	sum   fingerprint.Sum // of the bytes
	input fingerprint.Sum // of what the file was made from; zero if unknown
}

type manifest map[string]entry

func (m manifest) write(w io.Writer) error {
	paths := make([]string, 0, len(m))
	for p := range m {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	bw := bufio.NewWriter(w)
	bw.WriteString(manifestHeader)
	for _, p := range paths {
		e := m[p]
		fmt.Fprintf(bw, "%s %s %s\n", hex.EncodeToString(e.sum[:]), hex.EncodeToString(e.input[:]), p)
	}
	return bw.Flush()
}

func parseManifest(b []byte) (manifest, error) {
	if !bytes.HasPrefix(b, []byte(manifestHeader)) {
		return nil, fmt.Errorf("not a digest manifest")
	}
	m := manifest{}
	for _, line := range strings.Split(string(b[len(manifestHeader):]), "\n") {
		if line == "" {
			continue
		}
		parts := strings.SplitN(line, " ", 3)
		if len(parts) != 3 {
			return nil, fmt.Errorf("bad manifest line %q", line)
		}
		var e entry
		if err := decodeSum(parts[0], &e.sum); err != nil {
			return nil, err
		}
		if err := decodeSum(parts[1], &e.input); err != nil {
			return nil, err
		}
		m[parts[2]] = e
	}
	return m, nil
}

func decodeSum(s string, out *fingerprint.Sum) error {
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != len(out) {
		return fmt.Errorf("bad hash %q in manifest", s)
	}
	copy(out[:], b)
	return nil
}
