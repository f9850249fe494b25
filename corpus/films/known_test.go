package films

import "testing"

// TestBaseCatalogue: the embedded catalogue reads, is several hundred
// films, keeps films of one title apart by year, and finds a film by any
// of its titles.
func TestBaseCatalogue(t *testing.T) {
	k, err := ParseKnown(knownTSV)
	if err != nil {
		t.Fatal(err)
	}
	if k.Len() < 200 {
		t.Errorf("%d films; want several hundred", k.Len())
	}
	for _, tt := range []struct {
		title string
		year  int
		want  string
		wantY int
	}{
		{"피바다", 0, "Sea of Blood", 1969},
		{"Phibada", 0, "Sea of Blood", 1969},
		{"Pibada", 1968, "Sea of Blood", 1969},
		{"Kkot pa-nun cheo-nyeo", 0, "", 0},
		{"Flower Girl", 0, "The Flower Girl", 1972},
		{"Red Dawn", 1984, "Red Dawn", 1984},
		{"Red Dawn", 2012, "Red Dawn", 2012},
		{"Red Dawn", 1999, "", 0},
		{"The Ballad of Narayama", 1983, "The Ballad of Narayama", 1983},
		{"Salt", 1985, "Salt", 1985},
		{"Salt", 2010, "Salt", 2010},
		{"Snow Melts in Spring", 0, "Thaw", 1985},
	} {
		f, ok := k.Lookup(tt.title, tt.year)
		if tt.want == "" {
			if ok {
				t.Errorf("Lookup(%q, %d) = %+v, want none", tt.title, tt.year, f)
			}
			continue
		}
		if !ok || f.Title != tt.want || f.Year != tt.wantY {
			t.Errorf("Lookup(%q, %d) = %+v, %v; want %s (%d)", tt.title, tt.year, f, ok, tt.want, tt.wantY)
		}
	}
	for _, bad := range []string{"T\tyear\tfilm", "T\t1985\tbook", "\t1985\tfilm", "T\t1985"} {
		if _, err := ParseKnown(bad); err == nil {
			t.Errorf("ParseKnown(%q) read a bad line", bad)
		}
	}
}
