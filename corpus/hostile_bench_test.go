package corpus

import (
	"context"
	"os"
	"strconv"
	"testing"
	"testing/fstest"

	"cinesearch/corpus/hostile"
)

// hostileSize is the size of each hostile text in the benchmarks:
// CINESEARCH_HOSTILE_BYTES, or 1 MB.
func hostileSize() int {
	if n, err := strconv.Atoi(os.Getenv("CINESEARCH_HOSTILE_BYTES")); err == nil && n > 0 {
		return n
	}
	return 1 << 20
}

// BenchmarkHostile reads each hostile shape (corpus/hostile) the way
// 'cinesearch index' does: parsing, passages and films. Its MB/s is the
// reading rate the README promises for any text.
func BenchmarkHostile(b *testing.B) {
	size := hostileSize()
	for _, s := range hostile.Shapes {
		b.Run(s.Name, func(b *testing.B) {
			text := s.Text(size)
			fsys := fstest.MapFS{s.File: {Data: []byte(text)}}
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				if _, err := Load(context.Background(), fsys, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
