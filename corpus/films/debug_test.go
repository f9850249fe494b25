package films

import (
	"os"
	"testing"
)

// TestDebugCandidates prints the candidates of CINESEARCH_DEBUG_TEXT read
// as one paragraph (a tool for reading the reader; skipped otherwise).
func TestDebugCandidates(t *testing.T) {
	text := os.Getenv("CINESEARCH_DEBUG_TEXT")
	if text == "" {
		t.Skip("set CINESEARCH_DEBUG_TEXT")
	}
	m := DefaultModel()
	for _, c := range Candidates(Doc{Blocks: []Block{{Kind: Para, Text: text}}}, Base()) {
		t.Logf("%.2f %-40q %d %s", m.Probability(&c), c.Title, c.Year, c.Evidence)
	}
}

func TestDebugHeading(t *testing.T) {
	h := os.Getenv("CINESEARCH_DEBUG_HEADING")
	if h == "" {
		t.Skip("set CINESEARCH_DEBUG_HEADING")
	}
	t.Logf("%+v", readHeading(h))
	m := DefaultModel()
	for _, c := range Candidates(Doc{Blocks: []Block{{Kind: Heading, Text: h}, {Kind: Para, Text: "The film was made in 1997."}}}, Base()) {
		t.Logf("%.2f %-40q %d %s", m.Probability(&c), c.Title, c.Year, c.Evidence)
	}
}
