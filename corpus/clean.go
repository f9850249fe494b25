package corpus

// Text hygiene and page debris.
//
// cleanText is a character-level pass applied to every body before it is
// split: Unicode NFC (so "ö" typed as o + combining diaeresis equals the
// precomposed letter), line endings unified, no-break and other exotic
// spaces turned into plain spaces (the long seed article has dozens, some
// inside titles such as "The Neverending Story"), invisible characters
// (zero-width space/joiners, soft hyphens, BOMs, other control characters)
// removed, and runs of spaces collapsed. Typographic quotes and dashes are
// kept: they are part of the text people read. Matching code folds them
// with foldPunct instead.
//
// The rest of this file recognises what a saved web page carries besides the
// article: comment sections, reply forms, "Read also:" link lists, sharing
// widgets, and image captions (glued to the next sentence, or repeated on a
// second line with a credit).

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"cinesearch/corpus/films"
)

// cleanText normalises a body for splitting. It never removes a visible
// character; it only unifies line ends, drops invisible characters and
// collapses runs of spaces.
func cleanText(s string) string {
	if strings.Contains(s, "\r\n") {
		s = strings.ReplaceAll(s, "\r\n", "\n")
	}
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	pending := false // a space waits to be written before the next visible rune
	atLineStart := true
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029':
			b.WriteByte('\n')
			pending, atLineStart = false, true
			continue
		case unicode.IsSpace(r) || unicode.Is(unicode.Zs, r):
			pending = !atLineStart
			continue
		case r == utf8.RuneError, r == '\u00AD', r == '\uFEFF', r == '\u200B', r == '\u200C', r == '\u200D', r == '\u2060':
			continue
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r), unicode.Is(unicode.Co, r):
			continue
		}
		if pending {
			b.WriteByte(' ')
			pending = false
		}
		atLineStart = false
		b.WriteRune(r)
	}
	return b.String()
}

// foldPunct folds typographic quotes, apostrophes and dashes to ASCII so
// that "Mother’s" matches "Mother's" and "Ten Zan – X" matches "Ten Zan - X".
// Use it for comparisons only; display text keeps the original characters.
func foldPunct(s string) string { return films.Fold(s) }

// hasAny reports whether text holds any of cues (a cheap test before an
// expression).
func hasAny(text string, cues []string) bool {
	for _, c := range cues {
		if strings.Contains(text, c) {
			return true
		}
	}
	return false
}

// maskFootnotes blanks footnote markers with spaces of the same byte length:
// "(3)", "(see 11)", "(cf. 2)" and digits glued to the end of a word before
// punctuation or space ("claimed4?"). Four-digit numbers are never markers.
func maskFootnotes(s string) string {
	b := []byte(s)
	for _, loc := range parenNoteRE.FindAllStringIndex(s, -1) {
		blank(b, loc[0], loc[1])
	}
	for i := 0; i < len(b); i++ {
		if b[i] < '0' || b[i] > '9' || i < 3 {
			continue
		}
		// Digits glued to a word of at least three lower-case letters.
		j := i
		for j < len(b) && b[j] >= '0' && b[j] <= '9' {
			j++
		}
		if j-i > 2 || !isLowerWordEnd(s[:i]) || (j < len(b) && !isMarkerFollower(b[j])) {
			i = j
			continue
		}
		blank(b, i, j)
		i = j
	}
	return string(b)
}

var parenNoteRE = regexp.MustCompile(`\((?:(?:see|cf\.|note)\s+)?\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\)`)

func blank(b []byte, from, to int) {
	for k := from; k < to; k++ {
		b[k] = ' '
	}
}

func isLowerWordEnd(s string) bool {
	n := 0
	for len(s) > 0 && n < 3 {
		r, size := utf8.DecodeLastRuneInString(s)
		if !unicode.IsLower(r) {
			return false
		}
		s = s[:len(s)-size]
		n++
	}
	return n == 3
}

func isMarkerFollower(c byte) bool {
	return strings.IndexByte(" \n.,;:?!)\"'", c) >= 0 || c >= 0x80 // typographic quote
}

// Boilerplate recognisers. Each is anchored on a whole line.
var (
	// commentHeaderRE matches the header of a blog comment section; its
	// quoted part is the article's own title.
	commentHeaderRE = regexp.MustCompile(`^(?:One|No|\d+)\s+(?:thoughts?|comments?|responses?|replies|reactions?)\s+(?:on|to)\s+["“'‘](.+)["”'’]\s*$`)
	// linkListRE starts a list of links to other articles.
	// endOfArticleRE opens what a news site puts after its article: its
	// tags, then the next articles ("Related Topics:…", "Up Next", "Don't
	// Miss"), which read as text but are the site's, not the article's.
	endOfArticleRE = regexp.MustCompile(`(?i)^(?:related topics:|up next\b|don'?t miss\b|read next\b|next article\b|more stories\b|you (?:may|might) also like\b|recommended for you\b)`)
	linkListRE     = regexp.MustCompile(`(?i)^(?:read also|also read|read more|see also|related(?: posts| articles| stories| reading| topics| content| links| coverage| videos)?|more (?:from [^:]{1,40}|stories|articles|news|on this (?:story|topic))|you may also like|you might also like|recommended(?: reading| for you)?|popular(?: now| posts| stories)?|most (?:read|popular|viewed)|trending(?: now)?|further reading|external links|in this series|latest (?:news|posts|stories))\s*:?\s*$`)
	// boilerplateRE matches single lines of page furniture.
	boilerplateRE = regexp.MustCompile(`(?i)^(?:leave a (?:reply|comment)|cancel reply|post navigation|share this(?: article| story)?:?|like this:?|loading\.*|advertisement:?|comments are closed\.?|your email address will not be published\..*|required fields are marked \*?|save my name, email, and website.*|post (?:a )?comment|no comments:?|\d+ comments?:?|subscribe(?: to our newsletter)?|click to (?:share|print|email).*|tags?:.*|filed under:?.*|previous (?:post|article)|next (?:post|article))\s*$`)
	// furnitureRE matches single lines of page furniture beyond a blog's:
	// navigation, membership and newsletter boxes, sharing bars, category
	// lines, citation back-links, copyright and cookie notices.
	furnitureRE = regexp.MustCompile(`(?i)^(?:` +
		`skip to (?:main )?(?:content|navigation|search)|(?:sign up|subscribe)\b.{0,200}\bnewsletter\b.{0,200}|.{0,80}\bsubscribe\b.{0,40}(?:£|\$|€)\s?\d.{0,200}|connect with us|related topics?:?|\d+ users? \d+ critics?|never miss an issue.*|read (?:the )?(?:full|whole|complete|entire) (?:article|story|review|post)|\+?\s*follow(?: us)?(?: on \w+)?|where to (?:watch|stream|buy)|watch (?:it )?(?:on|now|online|here|free)(?: \w+)?|available (?:to|on) (?:stream|rent|buy|demand)(?: \w+)?|(?:buy|book) tickets?(?: now)?|watch (?:the )?trailer|social (?:icons|links|media)|no (?:image|photo|picture|poster)(?: available| found)?|image (?:not )?(?:available|unavailable)|add (?:an )?image(?: add an image)?|jump to (?:navigation|search|content)|toggle navigation|main menu|menu|search|home|close|back to top|top of page|` +
		`become an? (?:[\w-]+ ){0,2}(?:member|subscriber|patron|friend)|join (?:us|now|today|our mailing list)|donate(?: now| today)?|support (?:us|our (?:work|journalism))|` +
		`sign up(?: now| today| for (?:our|the) [^.]{0,40})?|subscribe(?: now| today| for free| to [^.]{0,40})?|(?:get|join|receive) (?:our|the) (?:newsletter|mailing list|daily digest)[^.]{0,40}|` +
		`enter your e-?mail(?: address)?|e-?mail address|your e-?mail|newsletter|mailing list|thank you for (?:subscribing|signing up)[^.]{0,40}|` +
		`(?:read|see) more(?: »| ›| >)?|continue reading[^.]{0,40}|more\s*[»›>]|` +
		`categor(?:y|ies)\s*:.*|topics?\s*:.*|posted (?:in|under) .*|published in .*|` +
		`share this(?: article| story| post| page)?\s*:?\s*(?:(?:facebook|twitter|x|email|e-mail|print|whatsapp|linkedin|reddit|pinterest|telegram|tumblr|pocket|more|like this:?)\s*[|·•,/]?\s*){0,10}|` +
		`share(?: on| via)? (?:facebook|twitter|x|email|e-mail|whatsapp|linkedin|reddit|pinterest|telegram).*|` +
		`(?:(?:facebook|twitter|email|e-mail|print|whatsapp|linkedin|reddit|pinterest|telegram|tumblr|pocket|copy link|share)\s*[|·•,/]?\s*){1,10}|` +
		`all rights reserved\.?|(?:©|copyright|\(c\))\s*(?:\d{4}|[^.]{0,60}all rights reserved).{0,60}|` +
		`(?:we|this site|this website) uses? cookies.*|accept(?: all)? cookies|cookie (?:settings|policy)|privacy policy|terms of (?:use|service)|` +
		`this (?:article|section) (?:is a stub|needs additional citations|does not cite any sources).*|you can help .{0,40} by expanding it\.?|` +
		`\^?\s*(?:jump up|↑)(?: to)?[: ].*|print(?: this (?:page|article|story))?|advertisement|sponsored(?: content)?|` +
		`(?:\[\s*(?:\d{1,3}|[a-z]|citation needed|edit)\s*\]\s*)+` +
		`)\s*$`)
	// fileNameRE is an image or document file name on its own.
	fileNameRE = regexp.MustCompile(`(?i)^[\w\-.()\[\] ]{1,120}\.(?:jpe?g|png|gif|webp|svg|bmp|tiff?|pdf)$`)
	// creditRE ends an image caption with its credit.
	creditRE = regexp.MustCompile(`(?:^|\s|\()(?:Image|Photo|Photograph|Picture|Still|Screenshot) (?:by|courtesy of|:)\s.{2,80}$|(?:^|\s)(?:Credit|Source|Photo|Image):\s.{2,80}$|\s©\s?.{2,80}$`)
	// numberedCaptionRE is an image number opening a block ("3 Pulgasari …").
	numberedCaptionRE = regexp.MustCompile(`^(\d{1,2}) (\p{Lu})`)
)

// splitGluedCaption splits an image caption that a page-to-text conversion
// glued onto the next paragraph: "2 Shin Sang Ok and Choi Eun HeeIn July
// 1978, …" gives number "2", caption "Shin Sang Ok and Choi Eun Hee" and
// rest "In July 1978, …". The block must open with a one- or two-digit image
// number; the glue point is the first lower-case letter directly followed by
// an upper-case letter that starts a word of the paragraph, within the first
// 160 bytes and before any sentence end. Names such as "McDonald" are not
// glue points (the fragment before the capital must be a lower-case run of
// two or more letters after a capital of a word of three or more letters).
func splitGluedCaption(line string) (num, caption, rest string, ok bool) {
	m := numberedCaptionRE.FindStringSubmatchIndex(line)
	if m == nil {
		return "", "", "", false
	}
	num = line[:m[3]]
	body := line[m[3]+1:]
	limit := min(len(body), 160)
	prev, prev2 := rune(0), rune(0)
	wordLen := 0
	for i, r := range body[:limit] {
		if r == '.' || r == '!' || r == '?' {
			return "", "", "", false
		}
		if unicode.IsUpper(r) && unicode.IsLower(prev) && unicode.IsLower(prev2) && wordLen >= 3 && i > 0 {
			cap, after := strings.TrimSpace(body[:i]), body[i:]
			if strings.Count(cap, " ") >= 1 && startsSentence(after) {
				return num, cap, after, true
			}
		}
		if unicode.IsLetter(r) {
			wordLen++
		} else {
			wordLen = 0
		}
		prev2, prev = prev, r
	}
	return "", "", "", false
}

// startsSentence reports whether s opens with a capitalised word followed
// by more text (the paragraph a caption was glued to).
func startsSentence(s string) bool {
	word, rest, ok := strings.Cut(s, " ")
	if !ok || len(strings.Fields(rest)) < 3 {
		return false
	}
	for _, r := range word {
		if !unicode.IsLetter(r) && !strings.ContainsRune(",’'", r) {
			return false
		}
	}
	return true
}

// isCaptionLine reports whether a line reads as an image caption with credit.
func isCaptionLine(line string) bool {
	return hasAny(line, []string{"Image", "Photo", "Picture", "Still", "Screenshot", "Credit", "Source", "©"}) && creditRE.MatchString(line)
}

// isFurniture reports whether a line on its own is page furniture:
// sharing and subscription boxes, navigation, comment forms, category and
// tag lines, runs of reference numbers, image file names.
func isFurniture(l string) bool {
	if len(l) > 300 {
		return false
	}
	// A list's bullet is no part of the line ("• Watch on").
	l = strings.TrimSpace(strings.TrimLeft(l, "•·▪►◦‣∙●○■□*+–- "))
	return boilerplateRE.MatchString(l) || furnitureRE.MatchString(l) || fileNameRE.MatchString(l)
}
