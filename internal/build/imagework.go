package build

import (
	"runtime"
	"slices"

	"digest/internal/fingerprint"
	"digest/internal/imaging"
)

// How processed images are made and written: at most imageWorkers at a
// time, each with room on the heap; into the sink, or, in the preview,
// when first asked for.

// writePictures hands the processed images' files to the sink. A
// picture the preview prepared but did not finish is handed over
// unmade to a Deferrer, which makes its files when first asked for.
func (b *Builder) writePictures(sink Sink) error {
	keys := make([]string, 0, len(b.pictures))
	for k := range b.pictures {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	written := map[string]bool{}
	deferrer, _ := sink.(Deferrer)
	for _, k := range keys {
		p := b.pictures[k]
		var todo []int
		for i, o := range p.outputs {
			if written[o.path] {
				continue
			}
			written[o.path] = true
			if in := p.outputInput(o.path); sink.Current(o.path, in) {
				sink.Keep(o.path)
			} else {
				todo = append(todo, i)
			}
		}
		if len(todo) == 0 {
			continue
		}
		if p.unfinished() != nil && deferrer != nil {
			for _, i := range todo {
				// What is made already (the smallest copies) goes now.
				p.mu.Lock()
				data := p.outputs[i].data
				p.mu.Unlock()
				if data != nil {
					if err := sink.Write(p.outputs[i].path, p.outputInput(p.outputs[i].path), data); err != nil {
						return err
					}
					continue
				}
				deferrer.Defer(p.outputs[i].path, p.outputInput(p.outputs[i].path), func() ([]byte, error) {
					if err := b.finished(p); err != nil {
						return nil, err
					}
					data, err := b.outputsData(p)
					if err != nil {
						return nil, err
					}
					return data[i], nil
				})
			}
			continue
		}
		if err := b.finished(p); err != nil {
			return err
		}
		data, err := b.outputsData(p)
		if err != nil {
			return err
		}
		for _, i := range todo {
			o := p.outputs[i]
			if err := sink.Write(o.path, p.outputInput(o.path), data[i]); err != nil {
				return err
			}
		}
	}
	return nil
}

// outputInput is the input fingerprint of one of a picture's files.
func (p *picture) outputInput(path string) fingerprint.Sum {
	return fingerprint.Strings("media", path, string(p.input[:]))
}

// imageWorkers is how many images are processed at once: each uses more
// than one core (its copies are encoded side by side) and up to
// imageRoom of memory.
func imageWorkers() int { return max(1, runtime.GOMAXPROCS(0)/2) }

// prepare runs imaging.Prepare, and finish Prepared.Finish, at most
// imageWorkers at a time, with room for their memory and no garbage
// collection meanwhile (see roomForImages).
func (b *Builder) prepare(data []byte, s imaging.Settings) (*imaging.Prepared, error) {
	var pr *imaging.Prepared
	err := b.withRoom(func() (err error) {
		pr, err = imaging.Prepare(data, s)
		return err
	})
	b.mu.Lock()
	b.made++
	b.mu.Unlock()
	return pr, err
}

func (b *Builder) finish(pr *imaging.Prepared) (*imaging.Result, error) {
	var res *imaging.Result
	err := b.withRoom(func() (err error) {
		res, err = pr.Finish()
		return err
	})
	return res, err
}

// withRoom runs fn in one of the image slots, with room on the heap.
func (b *Builder) withRoom(fn func() error) error {
	b.imageSlots <- struct{}{}
	b.mu.Lock()
	if b.processing == 0 {
		b.restoreGC = roomForImages(imageWorkers())
	}
	b.processing++
	b.mu.Unlock()
	defer func() {
		b.mu.Lock()
		b.processing--
		if b.processing == 0 {
			b.restoreGC()
		}
		b.mu.Unlock()
		<-b.imageSlots
	}()
	return fn()
}
