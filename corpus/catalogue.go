package corpus

// The archivist's catalogue: films.yaml in the texts folder. Extraction
// guesses; the catalogue decides. It adds films and their other titles
// (Korean, Japanese, romanizations), says that a name is not a film, and
// merges two spellings of one film into one entry:
//
//	films:
//	  - title: The Flower Girl
//	    year: 1972
//	    aliases: [Kkot pa-nun cheo-nyeo, 꽃파는 처녀]
//	  - title: Kingdom of Kim
//	    kind: book            # film (the default), series or book
//	not_films: [Arirang, Korean Film Studio]
//	merge:
//	  - from: Flower Girl
//	    into: The Flower Girl
//
// Its entries win over what extraction finds: their titles, letter case,
// years and kinds. A bad entry is a warning naming the file and line and is
// skipped; the rest of the file still counts.

import (
	"fmt"
	"io/fs"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"cinesearch/corpus/films"
)

// CatalogueFile is the name of the catalogue in the texts folder.
const CatalogueFile = "films.yaml"

// userCatalogue is a parsed films.yaml.
type userCatalogue struct {
	defs     []films.Def
	notFilms map[string]bool      // films.Key → true
	merge    map[string][2]string // films.Key of "from" → from, into
	digest   string
}

// IsCatalogue reports whether a file name is the catalogue.
func IsCatalogue(name string) bool {
	return name == CatalogueFile || name == "films.yml"
}

// readCatalogueFile reads films.yaml (or films.yml) from the root of fsys,
// if there is one.
func readCatalogueFile(fsys fs.FS) (*userCatalogue, []Warning) {
	for _, name := range []string{CatalogueFile, "films.yml"} {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			continue
		}
		return ParseCatalogue(name, data)
	}
	return nil, nil
}

// ParseCatalogue reads a catalogue file. It returns what it could read and
// a warning (with its line) for every entry it could not.
func ParseCatalogue(name string, data []byte) (*userCatalogue, []Warning) {
	uc := &userCatalogue{notFilms: map[string]bool{}, merge: map[string][2]string{}, digest: digestBytes(data)}
	var warns []Warning
	lines := strings.Count(string(data), "\n") + 1
	warn := func(line int, format string, args ...any) {
		// YAML also counts a lone "\r" as a line break: keep the line
		// within the file as it counts its lines.
		warns = append(warns, Warning{File: name, Line: max(1, min(line, lines)), Msg: fmt.Sprintf(format, args...)})
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		line, msg := blockErrorLine(err, strings.Count(string(data), "\n")+1)
		warn(line, "the catalogue is not valid YAML (%s); nothing in it was used", msg)
		return uc, warns
	}
	if len(root.Content) == 0 {
		return uc, warns
	}
	top := root.Content[0]
	if top.Kind != yaml.MappingNode {
		warn(top.Line, "the catalogue must be a mapping with films, not_films and merge")
		return uc, warns
	}
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i], top.Content[i+1]
		switch k.Value {
		case "films":
			if v.Kind != yaml.SequenceNode {
				warn(v.Line, "films must be a list of entries")
				continue
			}
			for _, e := range v.Content {
				if d, ok := catalogueEntry(e, warn); ok {
					uc.defs = append(uc.defs, d)
				}
			}
		case "not_films":
			for _, t := range scalarList(v, "not_films", warn) {
				uc.notFilms[films.Key(t)] = true
			}
		case "merge":
			if v.Kind != yaml.SequenceNode {
				warn(v.Line, "merge must be a list of {from, into} pairs")
				continue
			}
			for _, e := range v.Content {
				m := mappingValues(e)
				from, into := strings.TrimSpace(m["from"]), strings.TrimSpace(m["into"])
				if e.Kind != yaml.MappingNode || from == "" || into == "" {
					warn(e.Line, "a merge entry needs both from and into")
					continue
				}
				uc.merge[films.Key(from)] = [2]string{from, into}
			}
		default:
			warn(k.Line, "unknown key %q (known: films, not_films, merge)", k.Value)
		}
	}
	return uc, warns
}

// catalogueEntry reads one entry of films.
func catalogueEntry(e *yaml.Node, warn func(int, string, ...any)) (films.Def, bool) {
	if e.Kind == yaml.ScalarNode {
		if t := strings.TrimSpace(e.Value); t != "" {
			return films.Def{Title: t, Kind: films.KindFilm, Rank: -1, Article: -1}, true
		}
	}
	if e.Kind != yaml.MappingNode {
		warn(e.Line, "a film entry is a title or a mapping with title, year, kind and aliases")
		return films.Def{}, false
	}
	d := films.Def{Kind: films.KindFilm, Rank: -1, Article: -1}
	for i := 0; i+1 < len(e.Content); i += 2 {
		k, v := e.Content[i], e.Content[i+1]
		switch k.Value {
		case "title":
			d.Title = strings.Join(strings.Fields(v.Value), " ")
		case "year":
			y, err := strconv.Atoi(strings.TrimSpace(v.Value))
			if err != nil || y < firstFilmYear || y > maxYear {
				warn(v.Line, "year %q is not a year between %d and %d; ignored", v.Value, firstFilmYear, maxYear)
				continue
			}
			d.Year = y
		case "kind":
			switch Kind(strings.ToLower(strings.TrimSpace(v.Value))) {
			case KindFilm, KindSeries, KindBook:
				d.Kind = films.Kind(strings.ToLower(strings.TrimSpace(v.Value)))
			default:
				warn(v.Line, "kind %q is not film, series or book; read as film", v.Value)
			}
		case "aliases", "other_titles":
			d.Aliases = append(d.Aliases, scalarList(v, k.Value, warn)...)
		default:
			warn(k.Line, "unknown key %q in a film entry (known: title, year, kind, aliases)", k.Value)
		}
	}
	if d.Title == "" {
		warn(e.Line, "a film entry has no title; skipped")
		return films.Def{}, false
	}
	return d, true
}

// scalarList reads a list of strings (or one string).
func scalarList(v *yaml.Node, key string, warn func(int, string, ...any)) []string {
	switch v.Kind {
	case yaml.ScalarNode:
		if t := strings.TrimSpace(v.Value); t != "" {
			return []string{t}
		}
		return nil
	case yaml.SequenceNode:
		var out []string
		for _, c := range v.Content {
			if c.Kind != yaml.ScalarNode {
				warn(c.Line, "%s must list plain titles", key)
				continue
			}
			if t := strings.Join(strings.Fields(c.Value), " "); t != "" {
				out = append(out, t)
			}
		}
		return out
	}
	warn(v.Line, "%s must be a list of titles", key)
	return nil
}

func mappingValues(n *yaml.Node) map[string]string {
	m := map[string]string{}
	if n.Kind != yaml.MappingNode {
		return m
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i+1].Kind == yaml.ScalarNode {
			m[n.Content[i].Value] = n.Content[i+1].Value
		}
	}
	return m
}

// firstFilmYear: no film is older.
const firstFilmYear = 1880

// apply makes extraction's definitions obey the catalogue: names that are
// not films are dropped, merged spellings become their film's other title,
// and the catalogue's own entries come first (so that their titles, case,
// years and kinds win).
func (uc *userCatalogue) apply(defs []films.Def) []films.Def {
	if uc == nil {
		return defs
	}
	out := append([]films.Def(nil), uc.defs...)
	for _, d := range defs {
		k := films.Key(d.Title)
		if uc.notFilms[k] {
			continue
		}
		if m, ok := uc.merge[k]; ok {
			d.Aliases = append(d.Aliases, d.Title)
			d.Title = m[1]
		}
		var keep []string
		for _, a := range d.Aliases {
			if !uc.notFilms[films.Key(a)] {
				keep = append(keep, a)
			}
		}
		d.Aliases = keep
		out = append(out, d)
	}
	// A merged name with no definition of its own still leads to its film.
	for _, m := range uc.merge {
		out = append(out, films.Def{Title: m[1], Kind: films.KindFilm, Rank: 3, Aliases: []string{m[0]}, Article: -1})
	}
	return out
}
