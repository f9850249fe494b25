package corpus

// Flattening HTML nested too deep to parse. golang.org/x/net/html refuses
// a document whose open elements exceed 512 ("html: open stack of elements
// exceeds 512 nodes"); a page of 100,000 nested <div>s around five real
// paragraphs then had no text at all. Such a page is rewritten first, in
// one pass of the same package's tokenizer: past maxHTMLDepth open
// elements, start and end tags are dropped (their text is kept), so the
// deepest part is read as running text.

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
)

// maxHTMLDepth is the nesting kept when a page is flattened: real pages
// nest a few dozen elements deep.
const maxHTMLDepth = 256

// voidElements have no end tag and open nothing.
var voidElements = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true,
	"img": true, "input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true}

// flattenHTML returns src with every tag past maxHTMLDepth open elements
// left out.
func flattenHTML(src string) string {
	z := html.NewTokenizer(strings.NewReader(src))
	var out bytes.Buffer
	out.Grow(len(src))
	var open []bool // per open element: whether its tags were kept
	kept := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return out.String()
		case html.StartTagToken:
			name, _ := z.TagName()
			if voidElements[string(name)] {
				out.Write(z.Raw())
				continue
			}
			keep := kept < maxHTMLDepth
			open = append(open, keep)
			if keep {
				kept++
				out.Write(z.Raw())
			}
		case html.EndTagToken:
			if len(open) == 0 {
				out.Write(z.Raw())
				continue
			}
			keep := open[len(open)-1]
			open = open[:len(open)-1]
			if keep {
				kept--
				out.Write(z.Raw())
			}
		case html.TextToken:
			// Tags dropped around text would glue its words: a space
			// stands for them.
			out.Write(z.Raw())
			if len(open) > 0 && !open[len(open)-1] {
				out.WriteByte(' ')
			}
		default:
			out.Write(z.Raw())
		}
	}
}
