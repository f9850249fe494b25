package index

// The romanization variant table.
//
// Korean names and words reach English text through several systems
// (McCune–Reischauer, Revised Romanization, North Korean usage, family
// preferences): 이 is Ri, Lee, Yi or Rhee; 박 is Pak, Park or Bak. Each line
// below is one set of spellings that readers treat as the same word; the
// first is the canonical spelling the index stores. Spellings are folded
// (lower case, no diacritics or apostrophes) and are whole tokens: hyphens
// and spaces split tokens, so "Sang-ok" and "Sang Ok" already agree.
//
// To add a set: add a line, then a case to TestVariantTable. Keep English
// words that are not names out unless the collision is worth it ("park" and
// "sin" are in on purpose: in this archive they are almost always names).

var variantSets = [][]string{
	// Family names.
	{"ri", "lee", "yi", "rhee", "rhie", "li"},
	{"pak", "park", "bak"},
	{"choe", "choi", "chwe"},
	{"sin", "shin"},
	{"kim", "gim"},
	{"rim", "lim"},
	{"ryu", "yu", "yoo"},
	{"cho", "jo"},
	{"jang", "chang"},
	{"jong", "chong", "jeong", "cheong"},
	{"o", "oh"},
	// Given-name syllables.
	{"ok", "ock"},
	{"un", "eun"},
	{"hui", "hee", "hi"},
	{"sung", "song", "seong"},
	{"hyon", "hyun", "hyeon"},
	{"bom", "beom", "pom"},
	{"gwang", "kwang"},
	{"gil", "kil"},
	{"chol", "cheol", "chul"},
	{"yong", "yeong"},
	// McCune–Reischauer and Revised Romanization: aspirated and plain
	// consonants (k/g, t/d, p/b, ch/j), ŏ/eo and ŭ/eu, written without
	// breves. Syllables that are common English words (gang, chin, gun)
	// are left out.
	{"kyong", "gyeong", "kyung"},
	{"myong", "myeong", "myung"},
	{"pyong", "byeong", "byung"},
	{"hyok", "hyeok", "hyuk"},
	{"yon", "yeon"},
	{"chon", "cheon"},
	{"kum", "geum"},
	{"tae", "dae"},
	{"tong", "dong"},
	{"ki", "gi"},
	{"chae", "jae"},
	{"chu", "ju"},
	{"ku", "gu"},
	{"su", "soo"},
	{"yun", "yoon"},
	// Places, organisations and words.
	{"chongryon", "chongryun", "chongnyon", "chongryeon", "chongnyeon", "chosensoren", "soren"},
	{"choson", "chosun", "joseon", "chosŏn"},
	{"pyongyang", "pyeongyang"},
	{"koryo", "goryeo", "koryeo", "koryu"},
	{"hangul", "hangeul", "hangukmal"},
	{"rodong", "nodong"},
	{"juche", "chuch'e", "chuche"},
	{"songun", "seongun"},
	{"mansudae", "mansoodae"},
	{"kaesong", "gaeseong"},
	{"wonsan", "weonsan"},
	{"chosenjin", "chosonjin"},
}

// variantCanon maps every folded spelling to the canonical one.
var variantCanon = func() map[string]string {
	m := map[string]string{}
	for _, set := range variantSets {
		for _, v := range set {
			m[string(foldTerm([]byte(v)))] = set[0]
		}
	}
	return m
}()
