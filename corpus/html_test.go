package corpus

import (
	"strings"
	"testing"
)

// TestPageFurnitureAroundAnArticle: a saved news page in the shapes big
// sites give it — the article inside a box whose class names furniture
// ("widget-area"), the byline and time stamp set as headings, a picture
// credit under an image, "Advertisement:" and "READ FULL ARTICLE" between
// paragraphs, a newsletter's pitch, and after "Related Topics:" the next
// article. The article's text is read whole; none of the rest is.
func TestPageFurnitureAroundAnArticle(t *testing.T) {
	para := strings.Repeat("The studio in Pyongyang made forty films a year at its height, and most of them were seen by no one abroad. ", 6)
	page := `<html><head><title>A studio at its height | The Daily Example</title>
<script type="application/ld+json">{"@type":"NewsArticle","headline":"A studio at its height","author":{"@type":"Person","name":"Jo Writer"}}</script></head>
<body><nav><a href="/">Home</a></nav>
<div class="widget-area widget-area-main"><article>
<h1>A studio at its height</h1>
<section class="writer-container"><h5><a href="/writer/jo">Jo Writer</a></h5><h6>January 10, 2020 9:00AM (UTC)</h6></section>
<p>` + para + `</p>
<p><img src="chart.png" alt="chart"><br><em>(Credit: Kim Archive / Example)</em></p>
<div><span>Advertisement:</span></div>
<p>` + para + `</p>
<p>Published: 10:00am, 20 Jan, 2020 Updated: 10:09am, 20 Jan, 2020</p>
<p>READ FULL ARTICLE</p>
<p>No comments:</p>
<p>Sign up for Reel Notes, a paid weekly newsletter about the films of the week. Your first month is free!</p>
<p>Related Topics:FilmsStudiosArchives Up Next A festival opens in the rain Don't Miss The last reel</p>
<p>` + strings.Repeat("A different story about a festival that opened in the rain, which the site shows under the article. ", 4) + `</p>
</article></div>
<footer>All rights reserved.</footer></body></html>`
	ps := loadOne(t, "page.html", page)
	if len(ps) == 0 {
		t.Fatal("no passages: the article was dropped with its box")
	}
	var all strings.Builder
	for _, p := range ps {
		all.WriteString(p.Text + "\n")
		if p.Section != "" {
			t.Errorf("section %q: a byline or a time stamp read as a heading", p.Section)
		}
		if len(p.Films) > 0 {
			t.Errorf("films %q in a page that names none", p.Films)
		}
	}
	text := all.String()
	if strings.Count(text, "forty films a year") != 12 {
		t.Errorf("article text not read whole:\n%s", text)
	}
	for _, bad := range []string{"Credit:", "Advertisement", "READ FULL ARTICLE", "Published:", "9:00AM", "Jo Writer", "newsletter", "Related Topics", "opened in the rain", "No comments"} {
		if strings.Contains(text, bad) {
			t.Errorf("furniture %q in passages:\n%s", bad, text)
		}
	}
}
