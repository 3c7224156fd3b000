package build

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"digest/internal/fingerprint"
	"digest/internal/site"
)

// Processed images are kept between runs beside the conversion cache, a
// file each ("site.cache.images/<input>"), named by the fingerprint of
// the source's bytes and the settings: a rebuild, or a build in a new
// process (on Netlify, from its build cache), decodes only new or changed
// images. The copies' bytes live there, not in memory: a picture holds
// them only until it is kept, and they are read back when written out.

// imageVersion changes whenever the processing changes what it makes.
const imageVersion = "images 1"

// imageMagic starts every kept image file.
const imageMagic = "digest images\n"

// keptImage is the header of a kept image file; the outputs' bytes
// follow it, in order.
type keptImage struct {
	Picture site.Picture
	Paths   []string
	Sizes   []int
}

// imageSuffix is the kept file of a picture made from input.
func imageSuffix(input fingerprint.Sum) string {
	return ".images/" + hex.EncodeToString(input[:])
}

// cachedPicture returns the kept picture made from input, without its
// outputs' bytes, or nil.
func (b *Builder) cachedPicture(input fingerprint.Sum) *picture {
	k, _, ok := b.readKeptImage(input)
	if !ok {
		return nil
	}
	p := &picture{pic: k.Picture, input: input}
	for _, path := range k.Paths {
		p.outputs = append(p.outputs, imageOutput{path: path})
	}
	return p
}

// readKeptImage reads and checks a kept picture: its header and the
// bytes of its outputs.
func (b *Builder) readKeptImage(input fingerprint.Sum) (keptImage, []byte, bool) {
	var k keptImage
	body, ok := b.readKept(imageSuffix(input), imageMagic)
	if !ok {
		return k, nil, false
	}
	head, rest, found := bytes.Cut(body, []byte("\n"))
	if !found || json.Unmarshal(head, &k) != nil || len(k.Paths) != len(k.Sizes) {
		return k, nil, false
	}
	total := 0
	for _, n := range k.Sizes {
		total += n
	}
	if total != len(rest) {
		return k, nil, false
	}
	return k, rest, true
}

// keepPicture keeps a new picture beside the conversion cache, and drops
// its bytes from memory once they are kept. Without a cache, or when it
// cannot be written, they stay in memory.
func (b *Builder) keepPicture(p *picture) {
	if b.keptPath("") == "" {
		return
	}
	k := keptImage{Picture: p.pic}
	var body bytes.Buffer
	for _, o := range p.outputs {
		k.Paths = append(k.Paths, o.path)
		k.Sizes = append(k.Sizes, len(o.data))
	}
	head, err := json.Marshal(k)
	if err != nil {
		return
	}
	body.Write(head)
	body.WriteByte('\n')
	for _, o := range p.outputs {
		body.Write(o.data)
	}
	if b.writeKept(imageSuffix(p.input), imageMagic, body.Bytes()) != nil {
		return
	}
	for i := range p.outputs {
		p.outputs[i].data = nil
	}
}

// outputsData returns the bytes of a picture's outputs, in order: from
// memory, or read back from the kept file.
func (b *Builder) outputsData(p *picture) ([][]byte, error) {
	out := make([][]byte, len(p.outputs))
	missing := false
	for i, o := range p.outputs {
		out[i] = o.data
		missing = missing || o.data == nil
	}
	if !missing {
		return out, nil
	}
	k, rest, ok := b.readKeptImage(p.input)
	if !ok || !slices.Equal(k.Paths, pathsOf(p.outputs)) {
		return nil, fmt.Errorf("writing %s: its processed copies are no longer in the cache (%s): build again", p.pic.Src, b.keptPath(imageSuffix(p.input)))
	}
	for i, n := range k.Sizes {
		out[i], rest = rest[:n:n], rest[n:]
	}
	return out, nil
}

func pathsOf(os []imageOutput) []string {
	out := make([]string, len(os))
	for i, o := range os {
		out[i] = o.path
	}
	return out
}

// pruneImages removes the kept pictures the last build did not use.
func (b *Builder) pruneImages() error {
	dir := b.keptPath(".images")
	if dir == "" || b.pictures == nil {
		return nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil // nothing kept yet
	}
	used := map[string]bool{}
	for _, p := range b.pictures {
		used[hex.EncodeToString(p.input[:])] = true
	}
	for _, e := range entries {
		if len(e.Name()) == 32 && !used[e.Name()] && e.Type().IsRegular() {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
				return fmt.Errorf("pruning the image cache: %w", err)
			}
		}
	}
	return nil
}
