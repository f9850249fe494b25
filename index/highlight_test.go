package index

import (
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestWordRuneASCII checks isWordRune's ASCII shortcut against the Unicode
// classes it stands for.
func TestWordRuneASCII(t *testing.T) {
	for r := rune(0); r < utf8.RuneSelf; r++ {
		want := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		if got := isWordRune(r); got != want {
			t.Errorf("isWordRune(%q) = %v, want %v", r, got, want)
		}
	}
}
