package index

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

func TestPlausibleNeighbours(t *testing.T) {
	n := func(term string, d uint8, passages uint64) neighbour {
		return neighbour{term: term, distance: d, passages: passages}
	}
	for _, tc := range []struct {
		name string
		in   []neighbour
		want string // kept terms, in order
		best string
	}{
		{"none", nil, "", ""},
		{"one", []neighbour{n("harvest", 1, 3)}, "harvest", "harvest"},
		{"a rare word beside a common one is dropped",
			[]neighbour{n("harvest", 1, 300), n("harvey", 1, 2)}, "harvest", "harvest"},
		{"as common within a twentieth are kept",
			[]neighbour{n("harvest", 1, 300), n("harvey", 1, 15)}, "harvest harvey", "harvest"},
		{"two edits weigh a tenth",
			[]neighbour{n("governance", 2, 100), n("government", 1, 60)}, "governance government", "government"},
		{"a rare two-edit word is dropped",
			[]neighbour{n("constituent", 2, 20), n("constitution", 1, 50)}, "constitution", "constitution"},
		{"far but much commoner still wins",
			[]neighbour{n("nation", 2, 5000), n("notion", 1, 30)}, "nation notion", "nation"},
		{"ties keep the first as likeliest",
			[]neighbour{n("bar", 1, 4), n("car", 1, 4)}, "bar car", "bar"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, k := range plausible(tc.in) {
				got = append(got, k.term)
			}
			if g := strings.Join(got, " "); g != tc.want {
				t.Errorf("plausible = %q, want %q", g, tc.want)
			}
			if b := likeliest(tc.in).term; b != tc.best {
				t.Errorf("likeliest = %q, want %q", b, tc.best)
			}
		})
	}
}

// TestNeighboursMatchAsFuzzyQueryDoes: the neighbours the plan looks up once
// score every passage exactly as Bleve's FuzzyQuery over the same field
// would; the lookup is an optimisation, not a change of ranking.
func TestNeighboursMatchAsFuzzyQueryDoes(t *testing.T) {
	for _, tc := range []struct {
		word string
		fuzz int
	}{{"pulgasary", 1}, {"godzila", 1}, {"pyongyng", 1}, {"rikidozzan", 2}, {"documentery", 2}, {"festivl", 1}} {
		t.Run(tc.word, func(t *testing.T) {
			ns, ok := seedIndex.typoNeighbours(tc.word, tc.fuzz)
			if !ok || len(ns) == 0 {
				t.Fatalf("no neighbours (ok %v)", ok)
			}
			fq := query.NewFuzzyQuery(tc.word)
			fq.SetField(fExact)
			fq.SetFuzziness(tc.fuzz)
			fq.SetPrefix(1)
			fq.SetBoost(0.5)
			nq := &neighboursQuery{field: fExact, words: ns}
			nq.SetBoost(0.5)
			scores := func(q query.Query) []string {
				req := bleve.NewSearchRequestOptions(q, 1000, 0, false)
				res, err := seedIndex.bleve.Search(req)
				if err != nil {
					t.Fatal(err)
				}
				var out []string
				for _, h := range res.Hits {
					out = append(out, fmt.Sprintf("%s %.9f", h.ID, h.Score))
				}
				slices.Sort(out)
				return out
			}
			want, got := scores(fq), scores(nq)
			if len(want) == 0 || !slices.Equal(got, want) {
				t.Errorf("neighbours: %d hits %v\nFuzzyQuery: %d hits %v", len(got), got, len(want), want)
			}
		})
	}
}

// TestTypoToleranceFollowsFrequency: a typo is read as the common word it
// is near, not also as a rare word one edit away ("harvet" is harvest, in
// 24 passages, not Harvey, in one), and the correction names it.
func TestTypoToleranceFollowsFrequency(t *testing.T) {
	var b strings.Builder
	b.WriteString("---\ntitle: The valley farms\n---\n\n")
	for i := 0; i < 24; i++ {
		fmt.Fprintf(&b, "## Season %d\n\nIn season %d the harvest was gathered by the brigade in the valley, and the grain was stored for winter in the barns beside the river.\n\n", i+1, i+1)
	}
	b.WriteString("## Letters\n\nA letter from Harvey, a visitor, describes the orchards and the hills in spring.\n")
	ix := indexOf(t, fstest.MapFS{"farms.md": {Data: []byte(b.String())}})
	search := func(q string) Result {
		res, err := ix.Search(context.Background(), Request{Query: q, Size: 50})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	res := search("harvet")
	if res.Total != 24 || res.Corrected != "harvest" {
		t.Errorf("harvet: %d hits, corrected %q; want the 24 harvest passages, corrected to harvest", res.Total, res.Corrected)
	}
	for _, h := range res.Hits {
		if strings.Contains(h.Text, "Harvey") {
			t.Errorf("harvet matched the rare neighbour: %s", h.Text)
		}
	}
	if res := search("Harvey"); res.Total != 1 || res.Corrected != "" {
		t.Errorf("Harvey: %d hits, corrected %q; want its one passage as typed", res.Total, res.Corrected)
	}
}
