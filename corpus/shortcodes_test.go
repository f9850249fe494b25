package corpus

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestStripTemplateTags(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"no tags", "Plain {text} with braces.", "Plain {text} with braces."},
		{"hugo figure caption", `a {{< figure src="/x.jpg" caption="A still from *Sea of Blood*" >}} b`, "a \n\n![A still from *Sea of Blood*](#)\n\n b"},
		{"hugo figure title only", `{{< figure src="x.jpg" title='The poster' >}}`, "\n\n![The poster](#)\n\n"},
		{"figure without caption", `x {{< figure src="x.jpg" >}} y`, "x  y"},
		{"paired keeps inner", "{{% note %}}Remember this{{% /note %}}", "Remember this"},
		{"embed dropped", "Watch: {{< youtube dQw4w9WgXcQ >}} now", "Watch:  now"},
		{"highlight dropped with content", "a {{< highlight go >}}x := 1{{< /highlight >}} b", "a  b"},
		{"liquid include caption", `{% include image.html url="x.png" caption="Kim Jong-il on set" %}`, "\n\n![Kim Jong-il on set](#)\n\n"},
		{"liquid highlight block", "a {% highlight ruby %}puts 1{% endhighlight %} b", "a  b"},
		{"liquid comment", "a {% comment %}secret{% endcomment %}b", "a b"},
		{"liquid raw keeps", "{% raw %}kept{% endraw %}", "kept"},
		{"liquid output", "See {{ site.url }}/about", "See /about"},
		{"caption brackets", `{{< figure caption="A [restored] print" >}}`, "\n\n![A (restored) print](#)\n\n"},
		{"unclosed is text", "a {{< figure caption=\"x\" b", "a {{< figure caption=\"x\" b"},
		{"output across lines is text", "{{ a\nb }}", "{{ a\nb }}"},
	}
	for _, tt := range tests {
		if got := stripTemplateTags(tt.in); got != tt.want {
			t.Errorf("%s: stripTemplateTags(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

// TestShortcodesNeverReachPassages: a Hugo post's figures become captions
// that keep their film titles; no tag is left in any passage.
func TestShortcodesNeverReachPassages(t *testing.T) {
	text := "---\ntitle: A season of films\n---\n\n" +
		"{{< figure src=\"/img/still.jpg\" caption=\"A still from *The Flower Girl* in its restored print\" >}}\n\n" +
		"The season opened with a long talk about the studio and its craftsmen, and it went on well into the night. {{< youtube abc >}}\n"
	ps := loadOne(t, "a.md", text)
	var caption bool
	for _, p := range ps {
		if strings.Contains(p.Text, "{{") || strings.Contains(p.Text, "}}") {
			t.Errorf("template tag in passage %q", p.Text)
		}
		if p.Kind == "caption" {
			caption = true
			if p.Text != "A still from The Flower Girl in its restored print" || !contains(p.Films, "The Flower Girl") {
				t.Errorf("caption = %q films %q", p.Text, p.Films)
			}
		}
	}
	if !caption {
		t.Errorf("no caption in %+v", ps)
	}
}

// FuzzStripTemplateTags: any text is read without a panic, and what comes
// out is no longer than what went in plus the captions it makes.
func FuzzStripTemplateTags(f *testing.F) {
	f.Add(`{{< figure caption="x" >}}{{% a %}}b{{% /a %}}{% highlight %}c{% endhighlight %}{{ d }}`)
	f.Add("{{{{<<%%}}}}{%{%%}%}")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		out := stripTemplateTags(s)
		if len(out) > len(s)+10*strings.Count(s, "}") {
			t.Fatalf("grew from %d to %d bytes", len(s), len(out))
		}
	})
}

// TestUnpairedEmbedKeepsTheRest: an embed with no closing tag drops only
// itself, never the text after it.
func TestUnpairedEmbedKeepsTheRest(t *testing.T) {
	for _, in := range []string{"{% youtube abc %} the rest", "{{< youtube abc >}} the rest", "{% highlight %} the rest"} {
		if got := stripTemplateTags(in); got != " the rest" {
			t.Errorf("stripTemplateTags(%q) = %q", in, got)
		}
	}
}
