package corpus

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

func BenchmarkLoadSeeds(b *testing.B) {
	for b.Loop() {
		if _, err := Load(context.Background(), Default(), nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadSotu(b *testing.B) {
	dir := filepath.Join("..", "..", "shared", "corpora", "sotu")
	if _, err := os.Stat(dir); err != nil {
		b.Skip("no sotu corpus beside the project")
	}
	fsys, _ := Dir(dir)
	for b.Loop() {
		if _, err := Load(context.Background(), fsys, nil); err != nil {
			b.Fatal(err)
		}
	}
}
