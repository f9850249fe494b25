package corpus

import "testing"

func TestCleanText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"no-break spaces become spaces", "The\u00a0Neverending\u00a0Story", "The Neverending Story"},
		{"CRLF and lone CR become LF", "a\r\nb\rc", "a\nb\nc"},
		{"zero-width and soft hyphen removed", "Pul\u200bga\u00adsari\ufeff", "Pulgasari"},
		{"decomposed letters composed (NFC)", "Scho\u0308nherr", "Schönherr"},
		{"runs of spaces and tabs collapse", "a  \t b", "a b"},
		{"trailing and leading spaces on a line dropped", "  a  \n  b ", "a\nb"},
		{"control characters removed", "a\x00\x07b", "ab"},
		{"typographic punctuation kept", "Korea’s “first” – rom com", "Korea’s “first” – rom com"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cleanText(tt.in); got != tt.want {
				t.Errorf("cleanText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFoldPunct(t *testing.T) {
	if got := foldPunct("The Mother’s Wish – “Thaw”"); got != `The Mother's Wish - "Thaw"` {
		t.Errorf("foldPunct = %q", got)
	}
}

func TestMaskFootnotes(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"marker glued to a word", "as the press has claimed4? Not", "as the press has claimed ? Not"},
		{"parenthesised marker", "a first for cinema. (5)", "a first for cinema.    "},
		{"see-marker", "a fairy tale. (see 11)", "a fairy tale.         "},
		{"years are not markers", "Salt (1985) was", "Salt (1985) was"},
		{"numbers inside words are not markers", "the X-Men2 and mp3 files", "the X-Men2 and mp3 files"},
		{"thousands are not markers", "about 650.000 people", "about 650.000 people"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := maskFootnotes(tt.in)
			if got != tt.want {
				t.Errorf("maskFootnotes(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if len(got) != len(tt.in) {
				t.Errorf("length changed: %d → %d (highlight offsets would shift)", len(tt.in), len(got))
			}
		})
	}
}

func TestSplitGluedCaption(t *testing.T) {
	tests := []struct {
		name, in           string
		num, caption, rest string
		ok                 bool
	}{
		{"caption glued to sentence", "2 Shin Sang Ok and Choi Eun HeeIn July 1978, the South Korean director",
			"2", "Shin Sang Ok and Choi Eun Hee", "In July 1978, the South Korean director", true},
		{"caption ending in lower case", "3 Pulgasari Japanese video coverOne of their major productions in that era",
			"3", "Pulgasari Japanese video cover", "One of their major productions in that era", true},
		{"no image number", "Shin Sang Ok and Choi Eun HeeIn July 1978, the South", "", "", "", false},
		{"a name with an inner capital is not a glue point", "4 Ronald McDonald and friends were seen in 1980 at the fair", "", "", "", false},
		{"a sentence end comes first", "5 Men. In July 1978, the South Korean director", "", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			num, caption, rest, ok := splitGluedCaption(tt.in)
			if ok != tt.ok || num != tt.num || caption != tt.caption || rest != tt.rest {
				t.Errorf("splitGluedCaption(%q) = %q, %q, %q, %v; want %q, %q, %q, %v", tt.in, num, caption, rest, ok, tt.num, tt.caption, tt.rest, tt.ok)
			}
		})
	}
}

func TestBoilerplateLines(t *testing.T) {
	for _, l := range []string{"Leave a Reply", "Your email address will not be published. Required fields are marked *", "Share this:", "Post navigation"} {
		if !boilerplateRE.MatchString(l) {
			t.Errorf("%q not recognised as boilerplate", l)
		}
	}
	for _, l := range []string{"Leave a Reply to the past, the film asks", "Share this with your friends, she said."} {
		if boilerplateRE.MatchString(l) {
			t.Errorf("%q wrongly recognised as boilerplate", l)
		}
	}
	m := commentHeaderRE.FindStringSubmatch("One thought on “North Korea’s International Movie Co-Productions, 1985-2012”")
	if m == nil || m[1] != "North Korea’s International Movie Co-Productions, 1985-2012" {
		t.Errorf("comment header title = %v", m)
	}
	if commentHeaderRE.MatchString("One thought on the film") {
		t.Error("an unquoted sentence is not a comment header")
	}
}

func TestTexQuotes(t *testing.T) {
	for in, want := range map[string]string{
		"the film ``Pulgasari″ opened":      "the film “Pulgasari” opened",
		"he said ``no.'' and left":          "he said “no.” and left",
		"a lone `` stays":                   "a lone `` stays",
		"``a'' and ``b″":                    "“a” and “b”",
		"``open\n\nnext paragraph'' closes": "``open\n\nnext paragraph'' closes",
	} {
		if got := texQuotes(in); got != want {
			t.Errorf("texQuotes(%q) = %q, want %q", in, got, want)
		}
	}
}
