package films

// The evidence for and against a candidate title. Each piece of evidence
// is a named Feature; a candidate's evidence is the set of features of
// all its mentions in the article (and a count of those mentions), which
// the decision weighs (decide.go).

import (
	"math/bits"
	"strings"
)

// Feature is one named piece of evidence about a candidate title.
type Feature uint8

// Features. Where a title was found:
const (
	FEmphasis    Feature = iota // the format marks it: italics, <cite>, _x_
	FBold                       // bold
	FQuoted                     // in quotation marks
	FLink                       // the text of a link
	FHeading                    // a heading
	FTableCell                  // a table's title column
	FListEntry                  // the lead of a list entry or a short line
	FDocTitle                   // the article's own title
	FDocSubtitle                // the article's subtitle or description
	FDocName                    // a metadata field naming the subject
	FProse                      // a Title-Case phrase read from a sentence
	FCatalogue                  // a title of the base catalogue (see known.go)

	// Evidence for:
	FWholeBlock        // it is its block's whole text (a line, a cell, an item)
	FYearBeside        // a year right beside it: "(1969)", ", 1985", "1985's"
	FYearInSentence    // a year elsewhere in its sentence
	FFilmHead          // the head noun of its apposition is a film noun
	FGenreHead         // the head noun is a genre noun ("the neorealist drama")
	FFilmWordNear      // a film word elsewhere in its sentence
	FDirector          // a director's possessive or "directed by" beside it
	FCreditsNext       // a credits line follows it
	FBodySaysFilm      // the paragraph under its heading speaks of "the film"
	FSectionFilms      // in a section about films (Films, Filmography …)
	FSectionSeries     // in a section about television
	FReviewLabel       // a review label was taken off it ("Review:", "… review")
	FDocTypeFilm       // the article's metadata says it is about a film
	FListSiblings      // most other entries of its list are films
	FRepeated          // mentioned more than once in the article
	FCapitalised       // every content word capitalised
	FSubtitleColon     // "Title: Subtitle", read whole
	FAlias             // "also known as", "aka", an other title beside it
	FMarkedInContext   // marked (italics, quotes, bold, a link) where a film word, a year or a director stands
	FNumbered          // a numbered entry of a list ("16. The Dark Knight", "21) Lady Bird")
	FDateBeside        // a release date beside it ("The Dark Knight Rises: July 20")
	FMarkedList        // one of three or more marked phrases listed in a sentence
	FDocTitleInBody    // the article's title, written again in its body
	FFilmRelation      // after words that relate a film to it: "the director of X", "a remake of X", "starred in X"
	FCreditBy          // a credit follows it: "directed by …", "by Kim Tae-yong"
	FFilmArticle       // in an article about films (its title, metadata or film words say so)
	FMarkedFilmArticle // in italics, quotes or a list entry in an article about films
	FDocFilmMeta       // the page's title, and its metadata describes one film (an IMDb link, a runtime, a director)
	FLinkFilm          // the text of a link to a film's page (IMDb, Letterboxd, a "(film)" article, a review of it)

	// Evidence against:
	FLabel          // a label: "Director:", "Interlude:", a column name
	FNonFilmHead    // a book, periodical, song, play, game or event noun is its head
	FOrgName        // its last word names an organisation or place
	FSectionNotFilm // in a section about plays, games, books, radio …
	FPersonName     // shaped like a person's name
	FHeaderRow      // in a table's heading row
	FSentence       // reads as a sentence or a quotation, not a title
	FSpeech         // quoted speech: said, asked, told
	FDate           // a date or a time
	FPlace          // a country or a city
	FOneWord        // a single word
	FCommonWord     // a single common word, or one the text writes in lower case
	FLong           // more than seven words
	FLowerStart     // the text writes it starting in lower case
	FSectionName    // a heading that names a part of an article (Synopsis, Cast, Reception)
	FHasPerson      // holds a person's name beside other words ("Bong Joon Ho on Kim Ki-young")
	FBookNear       // a book word (novel, published, author) in its sentence
	FFilmsAfter     // a plural film noun after it: a genre or a franchise ("Bond films")
	FStageNear      // a word of the stage (theatre, playwright, opera) in its sentence
	FCredited       // a credit's name: after "by", "starring", "with" (and the names listed with it)
	FLifespan       // a span of years after it: a person's dates ("Shin Sang-ok (1926–2006)")
	FPlaceNoun      // its last word names a place or a building: Road, Island, Hall (weak: many films end so)
	FFilmsInTitle   // a plural film noun inside it: a list's or a season's name ("The Best Movies of 2014")

	numFeatures
)

// NumFeatures is the number of features.
const NumFeatures = numFeatures

var featureNames = [...]string{
	FEmphasis: "emphasis", FBold: "bold", FQuoted: "quoted", FLink: "link", FHeading: "heading",
	FTableCell: "table_cell", FListEntry: "list_entry", FDocTitle: "doc_title", FDocSubtitle: "doc_subtitle",
	FDocName: "doc_name", FProse: "prose", FCatalogue: "catalogue",
	FWholeBlock: "whole_block", FYearBeside: "year_beside", FYearInSentence: "year_in_sentence",
	FFilmHead: "film_head", FGenreHead: "genre_head", FFilmWordNear: "film_word_near", FDirector: "director",
	FCreditsNext: "credits_next", FBodySaysFilm: "body_says_film", FSectionFilms: "section_films",
	FSectionSeries: "section_series", FReviewLabel: "review_label", FDocTypeFilm: "doc_type_film",
	FListSiblings: "list_siblings", FRepeated: "repeated", FCapitalised: "capitalised",
	FSubtitleColon: "subtitle_colon", FAlias: "alias", FMarkedInContext: "marked_in_context", FSectionName: "section_name",
	FNumbered: "numbered", FDateBeside: "date_beside", FMarkedList: "marked_list", FDocTitleInBody: "doc_title_in_body",
	FHasPerson: "has_person", FBookNear: "book_near", FFilmsAfter: "films_after", FFilmRelation: "film_relation",
	FLabel: "label", FNonFilmHead: "nonfilm_head", FOrgName: "org_name", FSectionNotFilm: "section_not_film",
	FPersonName: "person_name", FHeaderRow: "header_row", FSentence: "sentence", FSpeech: "speech", FDate: "date",
	FCreditBy: "credit_by", FMarkedFilmArticle: "marked_film_article", FFilmArticle: "film_article", FDocFilmMeta: "doc_film_meta", FLinkFilm: "link_film", FCredited: "credited", FStageNear: "stage_near", FLifespan: "lifespan", FFilmsInTitle: "films_in_title", FPlaceNoun: "place_noun",
	FPlace: "place", FOneWord: "one_word", FCommonWord: "common_word", FLong: "long", FLowerStart: "lower_start",
}

func (f Feature) String() string {
	if int(f) < len(featureNames) && featureNames[f] != "" {
		return featureNames[f]
	}
	return "feature?"
}

// featureByName maps a feature's name back to it (for model.json).
func featureByName(name string) (Feature, bool) {
	for i, n := range featureNames {
		if n == name {
			return Feature(i), true
		}
	}
	return 0, false
}

// Features is a set of features.
type Features uint64

// Has reports whether f is in the set.
func (s Features) Has(f Feature) bool { return s&(1<<f) != 0 }

// With returns the set with f added.
func (s Features) With(f ...Feature) Features {
	for _, x := range f {
		s |= 1 << x
	}
	return s
}

// Without returns the set with f removed.
func (s Features) Without(f Feature) Features { return s &^ (1 << f) }

// Len is the number of features in the set.
func (s Features) Len() int { return bits.OnesCount64(uint64(s)) }

// String lists the set's features by name.
func (s Features) String() string {
	var names []string
	for f := Feature(0); f < numFeatures; f++ {
		if s.Has(f) {
			names = append(names, f.String())
		}
	}
	return strings.Join(names, "+")
}

// endsInPlaceList reports whether a phrase ends in "and" and a place:
// "Union and North Korea", cut from "the Soviet Union and North Korea",
// is a list of places, not a title.
func endsInPlaceList(t string) bool {
	k := strings.LastIndex(t, " and ")
	return k > 0 && countryList(t[k+len(" and "):])
}

// shapeFeatures are the features a title has by its own shape, wherever
// it is written.
func shapeFeatures(t string, lower map[string]bool) Features {
	var s Features
	ws := words(t)
	if len(ws) == 0 {
		return s
	}
	if capitalRatio(t) == 1 {
		s = s.With(FCapitalised)
	}
	if len(ws) == 1 && (eventNouns[bare(ws[0])] || orgNouns[bare(ws[0])]) {
		s = s.With(FOrgName) // "Festival", "Studio": an institution's word alone
	}
	if len(ws) == 1 {
		s = s.With(FOneWord)
		w := bare(ws[0])
		if commonWords[w] || lower[w] {
			s = s.With(FCommonWord)
		}
	}
	if len(ws) > 7 {
		s = s.With(FLong)
	}
	if personName(ws) || peopleShape(ws) {
		s = s.With(FPersonName)
	} else if hasPerson(ws) {
		s = s.With(FHasPerson)
	}
	if dateLike(ws) {
		s = s.With(FDate)
	}
	for _, w := range ws {
		if pluralFilmNouns[bare(w)] {
			s = s.With(FFilmsInTitle)
		}
	}
	if countryList(t) || endsInPlaceList(t) || demonyms[strings.ReplaceAll(strings.ToLower(strings.Trim(Fold(t), ".,;:'\"")), " ", "-")] {
		s = s.With(FPlace)
	}
	last := bare(ws[len(ws)-1])
	if len(ws) > 1 && orgNouns[last] || eventNouns[last] && len(ws) > 1 {
		s = s.With(FOrgName)
	}
	// "The Journal of Econometrics": a serial's name.
	if k := btoi(len(ws) > 2 && strings.EqualFold(ws[0], "the")); len(ws) > k+2 && serialHeads[bare(ws[k])] && bare(ws[k+1]) == "of" {
		s = s.With(FOrgName)
	}
	if len(ws) > 1 && placeNouns[last] {
		s = s.With(FPlaceNoun)
	}
	for _, w := range ws[1:] {
		// "Karlovy Vary Film Festival in Czechoslovakia"
		if institutionWords[w] {
			s = s.With(FOrgName)
		}
	}
	if len(ws) > 1 && roleNouns[ws[0]] {
		s = s.With(FOrgName) // "Secretary of the Treasury"
	}
	if sentenceLike(ws) {
		s = s.With(FSentence)
	}
	if strings.HasSuffix(t, ":") || len(ws) <= 2 && labelWords[bare(ws[len(ws)-1])] && (len(ws) == 1 || labelWords[bare(ws[0])] || bare(ws[0]) == "art") {
		s = s.With(FLabel)
	}
	if sectionNames[strings.ToLower(strings.Trim(t, ":. "))] {
		s = s.With(FSectionName)
	}
	// A title does not end with an article, a preposition or a
	// conjunction: "Ben Silverman is on Twitter at".
	if len(ws) > 1 {
		switch bare(ws[len(ws)-1]) {
		case "a", "an", "the", "of", "at", "to", "for", "from", "with", "by", "and", "or", "as", "into", "about", "than", "that", "which", "who", "is", "are", "was":
			s = s.With(FSentence)
		}
	}
	return s
}

// personName reports whether words are shaped like a person's name: two
// or three capitalised words without small words, opening with a common
// Korean family name or a common given name, or hyphenated Korean given
// names ("Kim Jong-il", "Choe Ik-kyu", "Werner Herzog").
func personName(ws []string) bool {
	if len(ws) < 2 || len(ws) > 3 {
		return false
	}
	first := strings.Trim(ws[0], `"“'‘`)
	for i, w := range ws {
		// ("Il" of Kim Jong Il is a syllable, not Italian's article.)
		if !capitalised(w) || smallWords[bare(w)] && !(i > 0 && koreanSurnames[first]) || strings.ContainsAny(w, "0123456789:!?") {
			return false
		}
	}
	if koreanSurnames[first] && (len(ws) == 2 && strings.Contains(ws[1], "-") && !strings.HasSuffix(ws[1], "-") || len(ws) == 3 && len(ws[1]) <= 5 && len(ws[2]) <= 5) {
		return !orgNouns[bare(ws[len(ws)-1])] && !placeNouns[bare(ws[len(ws)-1])]
	}
	return firstNames[first] && !orgNouns[bare(ws[len(ws)-1])] && !placeNouns[bare(ws[len(ws)-1])] && !filmNouns[bare(ws[len(ws)-1])]
}

// peopleShape reports whether words are people, not a title: two names
// joined ("Lee Jung-jae and Gianna Jun") or a name on another ("Bong
// Joon Ho on Kim Ki-young", an interview's heading).
func peopleShape(ws []string) bool {
	for i, w := range ws {
		if w != "and" && w != "&" && w != "on" && w != "with" {
			continue
		}
		if !personName(ws[:i]) {
			continue
		}
		// After a person's name, a name-shaped pair is a person too
		// (first names are many more than the list knows).
		if right := ws[i+1:]; personName(right) || w == "on" && len(right) > 0 || nameShaped(right) {
			return true
		}
	}
	return false
}

// nameShaped reports whether two or three words can be a name: each
// capitalised, none a small word or the head of an organisation.
func nameShaped(ws []string) bool {
	if len(ws) < 2 || len(ws) > 3 {
		return false
	}
	for _, w := range ws {
		if !capitalised(w) || smallWords[bare(w)] || orgNouns[bare(w)] || placeNouns[bare(w)] || filmNouns[bare(w)] {
			return false
		}
	}
	return true
}

// hasPerson reports whether words hold a person's name among others:
// "Bong Joon Ho on Kim Ki-young", "The Legacy of Park Chan-Wook".
func hasPerson(ws []string) bool {
	for i := 0; i+1 < len(ws); i++ {
		for n := 2; n <= 3 && i+n <= len(ws); n++ {
			if personName(ws[i:i+n]) && (len(ws[i+n-1]) > 0 && strings.Contains(ws[i+n-1], "-") || n == 3 || firstNames[ws[i]]) {
				return true
			}
		}
	}
	return false
}

// dateLike reports whether words are a date or a time ("July", "1st of
// December", "7:00PM Friday, January 28th").
func dateLike(ws []string) bool {
	month, digit := false, false
	for _, w := range ws {
		if months[strings.Trim(w, ".,")] {
			month = true
		}
		if strings.ContainsAny(w, "0123456789") {
			digit = true
		}
	}
	// "… to West Africa in July": a phrase that ends with its month.
	last := strings.Trim(ws[len(ws)-1], ".,")
	return month && (digit || len(ws) <= 2 && !articles[strings.ToLower(ws[0])] || months[last] && len(ws) >= 2 && datePrepositions[strings.ToLower(ws[len(ws)-2])])
}

// datePrepositions open a date: "in July", "since May" ("the Sun" is no
// Sunday).
var datePrepositions = set(`in on by until till since from before after during through to of next last this`)

// articles open a noun phrase.
var articles = set(`the a an`)

// sentenceLike reports whether words read as a clause rather than a title:
// long and mostly lower case, or holding words titles rarely hold.
func sentenceLike(ws []string) bool {
	lower := 0
	for i, w := range ws {
		b := bare(w)
		if i > 0 && !capitalised(w) && !smallWords[b] {
			lower++
		}
	}
	if len(ws) >= 4 && lower*2 >= len(ws) {
		return true
	}
	run := 0
	for _, w := range ws {
		// "Prague and at the Barrandov Film Studio": three small words
		// in a row join clauses, not a title's words.
		if smallWords[bare(w)] {
			if run++; run >= 3 {
				return true
			}
		} else {
			run = 0
		}
	}
	for _, w := range ws[1:] {
		switch bare(w) {
		case "i", "you", "we", "he", "she", "they", "it's", "i'm", "don't", "can't", "won't", "i've", "isn't", "that's",
			"was", "were", "has", "have", "had", "will", "would", "should", "could", "did", "does", "said", "says":
			if !capitalised(w) {
				return true
			}
		}
	}
	return false
}
