package ingest

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/anchorscore/anchorscore/pipeline/doc"
)

func htmlTestExtract(t testing.TB, data []byte) *doc.Text {
	t.Helper()
	txt, err := htmlExtractor{}.Extract(context.Background(), bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for i, b := range txt.Blocks {
		if b.Para != i+1 || b.Page != 0 {
			t.Errorf("block %d: para %d page %d", i, b.Para, b.Page)
		}
	}
	return txt
}

// htmlTestBlocks renders blocks as "section: text" lines.
func htmlTestBlocks(txt *doc.Text) []string {
	var out []string
	for _, b := range txt.Blocks {
		out = append(out, b.Section+": "+b.Text)
	}
	return out
}

func TestHTMLExtract(t *testing.T) {
	tests := []struct {
		name  string
		html  string
		want  []string
		title string
	}{
		{
			name: "a paragraph all in bold is an item's heading; a bold label, a bold sentence and a bold cell are not",
			html: `<html><body><p>Preamble.</p><p><strong>7. Anchor</strong> <b>programme update</b></p><p>The Board NOTED the report.</p>
<p><strong>Present:</strong></p><p><strong>The Board APPROVED the strategy.</strong></p><p><strong>Recommendation</strong> to note</p>
<table><tr><td><strong>Measure</strong></td></tr></table><ul><li><strong>Cycle to work</strong></li></ul><p>After the list.</p></body></html>`,
			want: []string{
				": Preamble.",
				"7. Anchor programme update: 7. Anchor programme update",
				"7. Anchor programme update: The Board NOTED the report.",
				"7. Anchor programme update: Present:",
				"7. Anchor programme update: The Board APPROVED the strategy.",
				"7. Anchor programme update: Recommendation to note",
				"7. Anchor programme update: Measure",
				"7. Anchor programme update: Cycle to work",
				"7. Anchor programme update: After the list.",
			},
		},
		{
			name: "blocks, headings and Section",
			html: `<!DOCTYPE html><html><head><title>Board papers – March</title>
<meta charset="utf-8"><style>p { color: red }</style><script>var x = "<p>no</p>";</script></head>
<body><h1>Chief Executive&#8217;s report</h1><p>The Trust met its
   target.<p>Unclosed paragraph.<div>Direct text <span>in</span> a div.<div>Inner div.</div>Tail text.</div>
<h2>Finance</h2><ul><li>Deficit of £2m.</li><li>Plan agreed<br>by the Board.</ul>
<dl><dt>CIP</dt><dd>Cost improvement programme.</dd></dl>
<blockquote>Quote here.</blockquote><pre>line one
line two</pre><figure><img src="x.png" alt="chart"><figcaption>Figure 1: beds.</figcaption></figure>
</body></html>`,
			want: []string{
				"Chief Executive’s report: Chief Executive’s report",
				"Chief Executive’s report: The Trust met its target.",
				"Chief Executive’s report: Unclosed paragraph.",
				"Chief Executive’s report: Direct text in a div.",
				"Chief Executive’s report: Inner div.",
				"Chief Executive’s report: Tail text.",
				"Finance: Finance",
				"Finance: Deficit of £2m.",
				"Finance: Plan agreed by the Board.",
				"Finance: CIP",
				"Finance: Cost improvement programme.",
				"Finance: Quote here.",
				"Finance: line one line two",
				"Finance: Figure 1: beds.",
			},
			title: "Board papers – March",
		},
		{
			name: "boilerplate skipped",
			html: `<html><head><title>T</title></head><body>
<div id="cookie-banner"><p>We use cookies.</p><button>Accept</button></div>
<div class="gdpr-notice">GDPR text</div>
<div id="onetrust-consent-sdk"><p>OneTrust.</p></div>
<div class="site-banner"><p>This site uses cookies to improve your experience.</p></div>
<div class="hero-banner"><p>Welcome to the Trust.</p></div>
<header><a href="/">Home</a> Site header</header>
<nav><ul><li>Menu</li></ul></nav>
<div role="navigation">Breadcrumb</div>
<main><article><header><h1>Article title</h1></header>
<p>Real content.</p>
<aside>Related links</aside>
<form action="/feedback"><label>Was this helpful?</label><input type="text"></form>
<noscript>Enable JavaScript.</noscript><template><p>Template</p></template>
<svg><title>Icon</title><text>svg text</text></svg>
<iframe src="x">iframe text</iframe>
<p hidden>Hidden.</p><p style="display: none">Also hidden.</p><span aria-hidden="true">Icon text</span>
<select><option>Option</option></select>
<footer><p>Article footer.</p></footer>
</article></main>
<footer>Site footer</footer>
<script>document.write("x")</script>
</body></html>`,
			want: []string{
				": Welcome to the Trust.",
				"Article title: Article title",
				"Article title: Real content.",
				"Article title: Article footer.",
			},
			title: "T",
		},
		{
			name: "a form wrapping the page is kept",
			html: `<html><body><form id="aspnetForm" method="post"><div><p>Page content inside a form.</p></div></form></body></html>`,
			want: []string{": Page content inside a form."},
		},
		{
			name:  "a form holding an h1 is kept",
			html:  `<html><body><div><form><h1>Minutes</h1><p>Content.</p></form></div></body></html>`,
			want:  []string{"Minutes: Minutes", "Minutes: Content."},
			title: "Minutes",
		},
		{
			name: "tables: one block per row",
			html: `<html><body><h2>Performance</h2><table><caption>Table 1</caption>
<thead><tr><th>Measure</th><th>Position</th></tr></thead>
<tbody><tr><td>A&amp;E 4-hour</td><td><p>We achieved 72% against</p><p>a target of 76%.</p></td></tr>
<tr><td>RTT<td>Improving<td></tr>
<tr><td>Nested<td><table><tr><td>x<td>y</table>after</td></tr>
</tbody></table><p>After.</p></body></html>`,
			want: []string{
				"Performance: Performance",
				"Performance: Table 1",
				"Performance: Measure | Position",
				"Performance: A&E 4-hour | We achieved 72% against a target of 76%.",
				"Performance: RTT | Improving",
				"Performance: Nested",
				"Performance: x | y",
				"Performance: after",
				"Performance: After.",
			},
			title: "",
		},
		{
			name:  "a layout table with headings in cells",
			html:  `<table><tr><td><h1>Board</h1><p>Intro.</p><h2>Quality</h2><p>Safe.</p></td><td>Side</td></tr></table>`,
			want:  []string{"Board: Board", "Board: Intro.", "Quality: Quality", "Quality: Safe. | Side"},
			title: "Board",
		},
		{
			name:  "unclosed head ends at body content",
			html:  `<html><head><title>Old page</title><p>Text without a body tag.`,
			want:  []string{": Text without a body tag."},
			title: "Old page",
		},
		{
			name: "hyphenated line break",
			html: `<p>organi-<br>sation and COVID-<br>19</p>`,
			want: []string{": " + JoinLines([]string{"organi-", "sation and COVID-", "19"})},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			txt := htmlTestExtract(t, []byte(tt.html))
			got := htmlTestBlocks(txt)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("blocks:\n got %q\nwant %q", got, tt.want)
			}
			if txt.Title != tt.title {
				t.Errorf("title %q, want %q", txt.Title, tt.title)
			}
			if txt.Format != doc.FormatHTML {
				t.Errorf("format %q", txt.Format)
			}
		})
	}
}

func TestHTMLCharset(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"meta charset windows-1252", []byte("<html><head><meta charset=\"windows-1252\"></head><body><p>Cost \xa33m \x96 agreed</p></body></html>"), "Cost £3m – agreed"},
		{"meta http-equiv iso-8859-1 (read as windows-1252)", []byte("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"></head><body><p>\xa33m \x96 \x93quoted\x94</p></body></html>"), "£3m – “quoted”"},
		{"meta after 1 KiB of head", []byte("<html><head><style>" + strings.Repeat(" ", 2000) + "</style><meta charset=windows-1252></head><body><p>\xa33m</p></body></html>"), "£3m"},
		{"no declaration, not UTF-8", []byte("<html><body><p>\xa33m \x96 agreed</p></body></html>"), "£3m – agreed"},
		{"no declaration, UTF-8", []byte("<html><body><p>£3m – agreed</p></body></html>"), "£3m – agreed"},
		{"declared UTF-8", []byte("<html><head><meta charset=utf-8></head><body><p>£3m – agreed</p></body></html>"), "£3m – agreed"},
		{"UTF-8 BOM", []byte("\xef\xbb\xbf<html><body><p>£3m</p></body></html>"), "£3m"},
		{"UTF-16LE BOM", htmlTestUTF16LE("<html><body><p>£3m – agreed</p></body></html>"), "£3m – agreed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			txt := htmlTestExtract(t, tt.data)
			if len(txt.Blocks) != 1 || txt.Blocks[0].Text != tt.want {
				t.Errorf("got %q, want %q", htmlTestBlocks(txt), tt.want)
			}
		})
	}
}

func htmlTestUTF16LE(s string) []byte {
	out := []byte{0xFF, 0xFE}
	for _, r := range s {
		if r > 0xFFFF {
			panic("test string outside the BMP")
		}
		out = append(out, byte(r), byte(r>>8))
	}
	return out
}

func TestHTMLCreated(t *testing.T) {
	txt := htmlTestExtract(t, []byte(`<html><head><meta name="DCTERMS.created" content="2024-03-05"><title>x</title></head><body><p>y</p></body></html>`))
	if want := time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC); !txt.Created.Equal(want) {
		t.Errorf("created %v", txt.Created)
	}
}

func TestHTMLDeepNesting(t *testing.T) {
	const depth = 200000
	cases := map[string][2]string{
		"div":      {"<div>", "</div>"},
		"unclosed": {"<div><p><span>", ""},
		"table":    {"<table><tr><td>", "</td></tr></table>"},
		"form":     {"<form>", "</form>"},
		"banner":   {`<div class="banner">`, "</div>"},
		"nav":      {"<nav>", "</nav>"},
		"heading":  {"<h2>", "</h2>"},
		"list":     {"<ul><li>", ""},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			b.WriteString("<!DOCTYPE html><html><body><p>Before.</p>")
			for range depth {
				b.WriteString(c[0])
			}
			b.WriteString("Deep text.")
			for range depth {
				b.WriteString(c[1])
			}
			b.WriteString("<p>After.</p></body></html>")
			txt := htmlTestExtract(t, b.Bytes())
			got := strings.Join(htmlTestBlocks(txt), "\n")
			if name != "nav" && !strings.Contains(got, "Deep text.") {
				t.Errorf("deep text lost: %.200q", got)
			}
			if !strings.HasPrefix(got, ": Before.") {
				t.Errorf("got %.200q", got)
			}
		})
	}
}

func TestHTMLSniff(t *testing.T) {
	tests := []struct {
		head string
		ext  string
		want bool
	}{
		{"<!DOCTYPE html><html>", "", true},
		{"\xef\xbb\xbf  \n<!doctype HTML>", ".txt", true},
		{"<html lang=en>", "", true},
		{"<HEAD><title>x</title>", "", true},
		{"<body>", ".bin", true},
		{"<?xml version=\"1.0\"?>\n<!-- c --><html xmlns=\"http://www.w3.org/1999/xhtml\">", "", true},
		{"<!-- saved from url --><!DOCTYPE html>", "", true},
		{"<p>fragment</p>", ".html", true},
		{"<p>fragment</p>", ".htm", true},
		{"<p>fragment</p>", ".txt", false},
		{"Plain text mentioning <html> tags", ".txt", false},
		{"Plain text mentioning <html> tags", ".md", false},
		{"Some text", ".html", false},
		{"<meta charset=utf-8><html>", "", true},
		{string(htmlTestUTF16LE("<!DOCTYPE html><html>")), "", true},
		{"<html>\x00\x00\x00", "", false},
		{"%PDF-1.4", ".html", false},
		{"", ".html", false},
	}
	for _, tt := range tests {
		if got := (htmlExtractor{}).Sniff([]byte(tt.head), tt.ext); got != tt.want {
			t.Errorf("Sniff(%q, %q) = %v", tt.head, tt.ext, got)
		}
	}
}

func TestHTMLErrors(t *testing.T) {
	if _, err := (htmlExtractor{}).Extract(context.Background(), bytes.NewReader(nil), 0); !errors.Is(err, textErrEmpty) {
		t.Errorf("empty: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	data := []byte(strings.Repeat("<p>x</p>", 100000))
	if _, err := (htmlExtractor{}).Extract(ctx, bytes.NewReader(data), int64(len(data))); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	txt := htmlTestExtract(t, []byte("<html><body><script>x</script></body></html>"))
	if len(txt.Blocks) != 0 || len(txt.Warnings) != 1 {
		t.Errorf("no text: %+v", txt)
	}
}

func FuzzExtractHTML(f *testing.F) {
	f.Add([]byte(`<!DOCTYPE html><html><head><title>T</title><meta charset="windows-1252"></head><body><h1>H</h1><p>a</p><table><tr><td>x<td>y</table></body></html>`))
	f.Add([]byte(`<div class="banner"><form><h2>x</h2><nav>n</nav><td>c</td></form></div><tr><th>`))
	f.Add([]byte("<html><head><p>\xa3\x96</head><svg><title>s</title></svg>"))
	f.Add([]byte(`<table><tr><td><table><tr><td><h1>x</h1></td></tr></table></td></tr></table></p></br>`))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		txt, err := htmlExtractor{}.Extract(context.Background(), bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return
		}
		for i, b := range txt.Blocks {
			if b.Para != i+1 || b.Text == "" {
				t.Fatalf("block %d: %+v", i, b)
			}
		}
	})
}
