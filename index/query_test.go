package index

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestParseQuery(t *testing.T) {
	tests := []struct {
		in   string
		want Query
	}{
		{"Shin Sang-ok", Query{Words: []string{"Shin", "Sang-ok"}, Prefix: true}},
		{"kidnapping ", Query{Words: []string{"kidnapping"}}},
		{`"wild birds" Bird`, Query{Words: []string{"Bird"}, Phrases: []string{"wild birds"}, Prefix: true}},
		{`"wild birds`, Query{Phrases: []string{"wild birds"}}},
		{`pyongyang -comrade -"film festival"`, Query{Words: []string{"pyongyang"}, Excluded: []string{"comrade", "film festival"}}},
		{`film:"Meet In Pyongyang" kim`, Query{Words: []string{"kim"}, Films: []string{"Meet In Pyongyang"}, Prefix: true}},
		{`film:Thaw film:Bird`, Query{Films: []string{"Thaw", "Bird"}}},
		{`Pulgasari OR Godzilla`, Query{Either: [][]string{{"Pulgasari", "Godzilla"}}}},
		{`Pulgasari OR Godzilla OR "King Kong" Toho`, Query{Words: []string{"Toho"}, Either: [][]string{{"Pulgasari", "Godzilla", "King Kong"}}, Prefix: true}},
		{`war or peace`, Query{Words: []string{"war", "or", "peace"}, Prefix: true}},
		{`OR Thaw`, Query{Words: []string{"OR", "Thaw"}, Prefix: true}},
		{`Thaw OR`, Query{Words: []string{"Thaw", "OR"}, Prefix: true}},
		{`Thaw "OR" Bird`, Query{Words: []string{"Thaw", "OR", "Bird"}, Prefix: true}},
		{`Thaw OR -Bird`, Query{Words: []string{"Thaw", "OR"}, Excluded: []string{"Bird"}, Prefix: true}},
		{`author:Halvorsen film`, Query{Words: []string{"film"}, Authors: []string{"Halvorsen"}, Prefix: true}},
		{`Author:"Ann  Halvorsen" film:Thaw`, Query{Films: []string{"Thaw"}, Authors: []string{"Ann Halvorsen"}}},
		{`film: thaw`, Query{Words: []string{"thaw"}, Prefix: true}},
		{`year:1985`, Query{YearFrom: 1985, YearTo: 1985}},
		{`year:1980..1989 soviet`, Query{Words: []string{"soviet"}, YearFrom: 1980, YearTo: 1989, Prefix: true}},
		{`year:1980-1989`, Query{YearFrom: 1980, YearTo: 1989}},
		{`year:1989..1980`, Query{YearFrom: 1980, YearTo: 1989}},
		{`year:1980..`, Query{YearFrom: 1980}},
		{`year:..1989`, Query{YearTo: 1989}},
		{`year:1960s`, Query{YearFrom: 1960, YearTo: 1969}},
		{`year:1980.. year:..1985`, Query{YearFrom: 1980, YearTo: 1985}},
		{`- + -- "" ''`, Query{}},
		{`foo:bar`, Query{Words: []string{"foo", "bar"}, Prefix: true}},
		{"a\x00b\x07 c\td", Query{Words: []string{"ab", "c", "d"}, Prefix: true}},
		{"“Snow Melts in Spring”", Query{Phrases: []string{"Snow Melts in Spring"}}},
		{`"single"`, Query{Words: []string{"single"}}},
		{`*** ??? ~2 ^3`, Query{Words: []string{"2", "3"}, Prefix: true}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseQuery(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("ParseQuery(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestParseQueryErrors(t *testing.T) {
	for _, in := range []string{"year:soon", "year:1800", "year:2100..", "year:19855", "year:..", "year:1985s"} {
		_, err := ParseQuery(in)
		var qe *QueryError
		if !errors.As(err, &qe) || !strings.Contains(qe.Msg, "year:") {
			t.Errorf("ParseQuery(%q) error = %v, want a QueryError about year:", in, err)
		}
	}
}

func TestQueryStringRoundTrip(t *testing.T) {
	in := `shin "wild birds" -comrade film:"Thaw" year:1980..1989`
	q, _ := ParseQuery(in)
	q2, _ := ParseQuery(q.String())
	if diff := cmp.Diff(q, q2); diff != "" {
		t.Errorf("(-first +reparsed):\n%s", diff)
	}
}

// FuzzParseQuery: any string parses or fails with a QueryError; the
// normalised form parses to the same query.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{`"a b`, `-`, `film:`, `year:1980..1989`, `film:"x" -"y z" w`, strings.Repeat("a ", 5000), "\x00\x01\u202e", `year:-`, `""""`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := ParseQuery(s)
		if err != nil {
			var qe *QueryError
			if !errors.As(err, &qe) || qe.Msg == "" {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		if q.YearFrom != 0 && (q.YearFrom < 1900 || q.YearFrom > 2035) || q.YearTo != 0 && (q.YearTo < 1900 || q.YearTo > 2035) {
			t.Fatalf("year out of range: %+v", q)
		}
		q2, err := ParseQuery(q.String())
		if err != nil {
			t.Fatalf("reparse %q: %v", q.String(), err)
		}
		if !cmp.Equal(q.Words, q2.Words, cmpopts.EquateEmpty()) || !cmp.Equal(q.Films, q2.Films, cmpopts.EquateEmpty()) || q.YearFrom != q2.YearFrom || q.YearTo != q2.YearTo {
			t.Fatalf("round trip changed %q → %q: %+v vs %+v", s, q.String(), q, q2)
		}
	})
}
