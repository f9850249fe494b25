package corpus

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestExtractYears(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		years   []int
		decades []int
	}{
		{"plain years", "In 1984, Shin and Choi reappeared; in 1907 the conference", []int{1907, 1984}, []int{1900, 1980}},
		{"spaced en-dash range", "the spy series Unknown Heroes (1979 – 1981).", []int{1979, 1980, 1981}, []int{1970, 1980}},
		{"hyphen range", "the TV series Rim Kkok Jong (1986-1993)", []int{1986, 1987, 1988, 1989, 1990, 1991, 1992, 1993}, []int{1980, 1990}},
		{"two-digit range end", "from 1975 -78 he", []int{1975, 1976, 1977, 1978}, []int{1970}},
		{"slash pair", "New Year’s Eve 1997 / 98 on TV", []int{1997, 1998}, []int{1990}},
		{"word range", "in the years from 1984 to 1987, North Korea", []int{1984, 1985, 1986, 1987}, []int{1980}},
		{"decade", "in the 1960s and early 1970s", nil, []int{1960, 1970}},
		{"decade with short second", "films of the 1960s and 70s", nil, []int{1960, 1970}},
		{"apostrophe decade", "a hit in the ’80s", nil, []int{1980}},
		{"thousands separators are not years", "about 650.000 people and 100.000 soldiers, 90.000 Koreans", nil, nil},
		{"counts are not years", "received about 2000 applications", nil, nil},
		{"ordinals are not years", "his 60th birthday in 1985", []int{1985}, []int{1980}},
		{"years outside 1900–2035 are ignored", "in 1789 and 2050", nil, nil},
		{"ISO date", "published 2012-09-03", []int{2012}, []int{2010}},
		{"long numbers", "call 1234567 or 19851", nil, nil},
		{"in 1985 films were", "in 1985 films were made", []int{1985}, []int{1980}},
		{"circa", "a print made c.1952 and another ca. 1954", []int{1952, 1954}, []int{1950}},
		{"late decade", "in the late 1970s", nil, []int{1970}},
		{"two-digit season", "the 1985–86 season", []int{1985, 1986}, []int{1980}},
		{"a lifespan is not spoken of", "the director Choe Ik-gyu (1928–2016) made Sea of Blood in 1969", []int{1969}, []int{1960}},
		{"a short lifespan", "the actor Kim Ryong Rin (1919-98) starred", nil, nil},
		{"a lifespan with days", "Shin Sang-ok (18 October 1926 – 11 April 2006) was a director; in 1978 he was abducted", []int{1978}, []int{1970}},
		{"born on a day", "Choi Eun-hee (born 20 November 1926) starred", nil, nil},
		{"born and died", "Shin Sang-ok (born 1926) and Kim (d. 2006) met in 1978", []int{1978}, []int{1970}},
		{"an event's years are spoken of", "during the Korean War (1950–1953) the studio", []int{1950, 1951, 1952, 1953}, []int{1950}},
		{"a film's run is spoken of", "the series Unknown Heroes (1979–1981) ran", []int{1979, 1980, 1981}, []int{1970, 1980}},
		{"URL paths are not years", "see https://example.org/2008/12/pulgasari-review.html and www.example.com/2011/05/x for 1998", []int{1998}, []int{1990}},
		{"a date path without a scheme", "archived at example.net/blog/2009/03/17/post", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			years, decades := extractYears(tt.text)
			if diff := cmp.Diff(tt.years, years); diff != "" {
				t.Errorf("years (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.decades, decades); diff != "" {
				t.Errorf("decades (-want +got):\n%s", diff)
			}
		})
	}
}
