package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/anchorscore/anchorscore/pipeline/doc"
)

// benchDir is the shared corpus of board packs with their source text; the
// repository is cloned beside shared/.
const benchDir = "../../../shared/corpus/bench"

func benchFile(t testing.TB, name string) string {
	t.Helper()
	p := filepath.Join(benchDir, name)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("corpus file %s not available: %v", name, err)
	}
	return p
}

func extractFile(t testing.TB, path string) *doc.Text {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	d, err := pdfExtractor{}.Extract(ctx, f, st.Size())
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return d
}

// words splits text into lower-case words with the punctuation around them
// trimmed.
func words(s string) []string {
	var out []string
	for _, w := range strings.Fields(strings.ToLower(NormaliseLine(s))) {
		w = strings.TrimFunc(w, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) })
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

// wordRecall is the share of the truth's words (as a multiset) found in got.
func wordRecall(truth, got string) (float64, map[string]int) {
	have := make(map[string]int)
	for _, w := range words(got) {
		have[w]++
	}
	total, found := 0, 0
	missed := make(map[string]int)
	for _, w := range words(truth) {
		total++
		if have[w] > 0 {
			have[w]--
			found++
		} else {
			missed[w]++
		}
	}
	if total == 0 {
		return 0, missed
	}
	return float64(found) / float64(total), missed
}

func allText(d *doc.Text) string {
	var b strings.Builder
	for _, bl := range d.Blocks {
		b.WriteString(bl.Text)
		b.WriteByte('\n')
	}
	return b.String()
}

var pageOfFooter = regexp.MustCompile(`(?i)\bpage\s+[0-9]+\s+of\s+[0-9]+\b`)

func TestPDFRecall(t *testing.T) {
	cases := []struct {
		pdf, truth string
		short      bool // fast enough for -short
	}{
		{"lo-p100.pdf", "lo-p100.truth.txt", true},
		{"pack-merged.pdf", "pack-merged.truth.txt", true},
		{"pack-lo2.pdf", "pack-lo2.truth.txt", true},
		{"lo-p500-objstm.pdf", "lo-p500.truth.txt", false},
	}
	for _, c := range cases {
		t.Run(c.pdf, func(t *testing.T) {
			if testing.Short() && !c.short {
				t.Skip("long")
			}
			truth, err := os.ReadFile(filepath.Join(benchDir, c.truth))
			if err != nil {
				t.Skipf("truth not available: %v", err)
			}
			d := extractFile(t, benchFile(t, c.pdf))
			got := allText(d)
			recall, missed := wordRecall(string(truth), got)
			t.Logf("%s: word recall %.4f over %d pages, %d blocks", c.pdf, recall, d.Pages, len(d.Blocks))
			if recall < 0.98 {
				t.Errorf("word recall %.4f < 0.98; some missed words: %v", recall, sample(missed, 30))
			}
			if m := pageOfFooter.FindString(got); m != "" {
				t.Errorf("a page footer survived: %q", m)
			}
			if len(d.Warnings) > 0 {
				t.Errorf("warnings: %v", d.Warnings)
			}
		})
	}
}

func sample(m map[string]int, n int) []string {
	var out []string
	for w, c := range m {
		out = append(out, fmt.Sprintf("%s×%d", w, c))
		if len(out) == n {
			break
		}
	}
	return out
}

// TestPDFFP500 is the CID-font (Identity-H, ToUnicode) board pack.
func TestPDFFP500(t *testing.T) {
	if testing.Short() {
		t.Skip("long")
	}
	d := extractFile(t, benchFile(t, "fp-p500.pdf"))
	got := allText(d)
	for _, s := range []string{"≥", "→", "£4.2m"} {
		if !strings.Contains(got, s) {
			t.Errorf("symbol %q not extracted", s)
		}
	}
	if m := pageOfFooter.FindString(got); m != "" || strings.Contains(got, "Trust Board (Public)") {
		t.Errorf("a page footer survived: %q", m)
	}
	if d.Pages != 494 {
		t.Errorf("pages = %d, want 494", d.Pages)
	}
}

// TestPDFPageNumbers checks that text is attributed to the page it is on
// (checked against pdftotext -f N -l N).
func TestPDFPageNumbers(t *testing.T) {
	cases := []struct {
		pdf    string
		pages  []int // every page the phrase is on
		phrase string
	}{
		{"lo-p100.pdf", []int{1}, "Agenda item 1: Finance report to the Board of Directors"},
		{"lo-p100.pdf", []int{2}, "Trust received assurance on the winter resilience plan vs"},
		{"lo-p100.pdf", []int{52}, "Our staff networks requested further detail on the digital maturity"},
		{"lo-p100.pdf", []int{103}, "Committee has not yet achieved the sustainability and net zero plan as described"},
		// The same paper twice, from two producers: pages 1-12 and 13-24.
		{"pack-merged.pdf", []int{1, 13}, "Our staff networks challenged the assumptions behind the inequalities"},
		{"pack-lo2.pdf", []int{10}, "Looking ahead, the digital transformation board welcomed the capital programme"},
		{"pack-lo2.pdf", []int{19}, "The People Committee is developing the agency spend cap"},
	}
	docs := make(map[string]*doc.Text)
	for _, c := range cases {
		d := docs[c.pdf]
		if d == nil {
			d = extractFile(t, benchFile(t, c.pdf))
			docs[c.pdf] = d
		}
		var pages []int
		for _, b := range d.Blocks {
			if strings.Contains(b.Text, c.phrase) {
				pages = append(pages, b.Page)
			}
		}
		if fmt.Sprint(pages) != fmt.Sprint(c.pages) {
			t.Errorf("%s: %q found on pages %v, want %v", c.pdf, c.phrase, pages, c.pages)
		}
	}
	for name, d := range docs {
		last := 0
		for i, b := range d.Blocks {
			if b.Para != i+1 {
				t.Fatalf("%s: block %d has Para %d", name, i, b.Para)
			}
			if b.Page < last || b.Page < 1 || b.Page > d.Pages {
				t.Fatalf("%s: block %d on page %d after page %d of %d", name, i, b.Page, last, d.Pages)
			}
			last = b.Page
		}
	}
}

// buildPDF writes a PDF from numbered object bodies (objects[i] is object
// i+1), with a correct cross-reference table and the given trailer entries.
func buildPDF(objects []string, trailer string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d %s >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, trailer, xref)
	return b.Bytes()
}

func stream(s string) string {
	return fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(s), s)
}

const helv = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"

// tinyPDF is a one-page document with a title and two paragraphs.
func tinyPDF() []byte {
	content := "BT /F1 12 Tf 72 720 Td (Hello board) Tj 0 -14 Td (second line of it.) Tj ET " +
		"BT /F1 12 Tf 72 650 Td [(Kerned)-250(words)] TJ ET"
	return buildPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		stream(content),
		helv,
		"<< /Title (Tiny test) /CreationDate (D:20250314093000+01'00') >>",
	}, "/Root 1 0 R /Info 6 0 R")
}

// cyclicPDF has a page tree whose Kids point back at the Pages node.
func cyclicPDF() []byte {
	return buildPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R 2 0 R 6 0 R] /Count 3 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		stream("BT /F1 12 Tf 72 720 Td (Only page) Tj ET"),
		helv,
		"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 6 0 R] /Count 1 >>",
	}, "/Root 1 0 R")
}

func TestPDFTiny(t *testing.T) {
	data := tinyPDF()
	if !(pdfExtractor{}).Sniff(data[:64], "") {
		t.Fatal("Sniff rejected a PDF")
	}
	if (pdfExtractor{}).Sniff([]byte("hello"), ".pdf") {
		t.Fatal("Sniff accepted a non-PDF by its name")
	}
	junk := append([]byte("HTTP junk\r\n\r\n"), data...)
	if !(pdfExtractor{}).Sniff(junk, "") {
		t.Fatal("Sniff rejected a PDF with junk before the header")
	}
	for _, in := range [][]byte{data, junk, append(append([]byte{}, data...), "trailing junk\x00\x00"...)} {
		d, err := pdfExtractor{}.Extract(context.Background(), bytes.NewReader(in), int64(len(in)))
		if err != nil {
			t.Fatal(err)
		}
		if d.Title != "Tiny test" || d.Pages != 1 {
			t.Errorf("title %q pages %d", d.Title, d.Pages)
		}
		if want := time.Date(2025, 3, 14, 8, 30, 0, 0, time.UTC); !d.Created.Equal(want) {
			t.Errorf("created %v, want %v", d.Created, want)
		}
		var texts []string
		for _, b := range d.Blocks {
			texts = append(texts, b.Text)
		}
		want := []string{"Hello board second line of it.", "Kerned words"}
		if fmt.Sprint(texts) != fmt.Sprint(want) {
			t.Errorf("blocks %q, want %q", texts, want)
		}
	}
}

func TestPDFCancelled(t *testing.T) {
	data := tinyPDF()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := (pdfExtractor{}).Extract(ctx, bytes.NewReader(data), int64(len(data))); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestPDFCyclicPageTree(t *testing.T) {
	data := cyclicPDF()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	done := make(chan struct{})
	var d *doc.Text
	var err error
	go func() {
		defer close(done)
		d, err = pdfExtractor{}.Extract(ctx, bytes.NewReader(data), int64(len(data)))
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Extract hangs on a cyclic page tree")
	}
	if err != nil {
		t.Logf("error: %v", err)
		return
	}
	if len(d.Warnings) == 0 {
		t.Errorf("no warning about the cycle")
	}
	if d.Pages != 1 || len(d.Blocks) != 1 || d.Blocks[0].Text != "Only page" {
		t.Errorf("pages %d blocks %+v", d.Pages, d.Blocks)
	}
	t.Logf("warnings: %v", d.Warnings)
}

// TestPDFUnterminatedHex: a content stream that ends inside a hex string
// (on which the library's own lexer loops for ever) is read up to where
// it breaks off, and the next page is read too.
func TestPDFUnterminatedHex(t *testing.T) {
	for _, tail := range []string{"<4142", "<<<41 42\n", "<< <41", "r</", "<41 4", "<41<", "<"} {
		data := buildPDF([]string{
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>",
			"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
			stream("BT /F1 12 Tf 72 720 Td (Lost) Tj ET " + tail),
			helv,
			"<< /Type /Page /Parent 2 0 R /Contents 7 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
			stream("BT /F1 12 Tf 72 720 Td (Kept) Tj ET"),
		}, "/Root 1 0 R")
		done := make(chan *doc.Text, 1)
		go func() {
			d, err := pdfExtractor{}.Extract(context.Background(), bytes.NewReader(data), int64(len(data)))
			if err != nil {
				t.Error(err)
			}
			done <- d
		}()
		select {
		case d := <-done:
			if d == nil {
				continue
			}
			if len(d.Blocks) != 2 || d.Blocks[0].Text != "Lost" || d.Blocks[1].Text != "Kept" || d.Blocks[1].Page != 2 {
				t.Errorf("%q: blocks %+v warnings %v", tail, d.Blocks, d.Warnings)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%q: Extract hangs", tail)
		}
	}
}

func TestPDFEncryptedAndBroken(t *testing.T) {
	for name, data := range map[string][]byte{
		"empty":  nil,
		"header": []byte("%PDF-1.4\n"),
		"junk":   []byte("%PDF-1.4\n\x00\x01 obj trailer startxref\n%%EOF"),
	} {
		_, err := pdfExtractor{}.Extract(context.Background(), bytes.NewReader(data), int64(len(data)))
		if err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	// Cut before the cross-reference table: rebuilt from the objects.
	full := tinyPDF()
	cut := full[:bytes.Index(full, []byte("xref"))]
	d, err := pdfExtractor{}.Extract(context.Background(), bytes.NewReader(cut), int64(len(cut)))
	if err != nil || len(d.Blocks) == 0 || d.Blocks[0].Text != "Hello board second line of it." {
		t.Errorf("no xref: %v %+v", err, d)
	}
	// An encryption dictionary the library cannot use.
	enc := buildPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [] /Count 0 >>",
		"<< /Filter /Standard /V 5 /R 6 /Length 256 /O (x) /U (y) /P -4 >>",
	}, "/Root 1 0 R /Encrypt 3 0 R /ID [(a) (a)]")
	_, err = pdfExtractor{}.Extract(context.Background(), bytes.NewReader(enc), int64(len(enc)))
	if !errors.Is(err, ErrEncrypted) {
		t.Errorf("encrypted: err = %v, want ErrEncrypted", err)
	}
}

func BenchmarkExtractPDF(b *testing.B) {
	for _, name := range []string{"lo-p500.pdf", "lo-p500-objstm.pdf"} {
		b.Run(name, func(b *testing.B) {
			path := benchFile(b, name)
			data, err := os.ReadFile(path)
			if err != nil {
				b.Fatal(err)
			}
			pages := 0
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				d, err := pdfExtractor{}.Extract(context.Background(), bytes.NewReader(data), int64(len(data)))
				if err != nil {
					b.Fatal(err)
				}
				pages += d.Pages
			}
			b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
		})
	}
}

func FuzzExtractPDF(f *testing.F) {
	f.Add(tinyPDF())
	f.Add(cyclicPDF())
	f.Add(headingsPDF("F1"))
	f.Add([]byte("%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		done := make(chan struct{})
		go func() {
			defer close(done)
			pdfExtractor{}.Sniff(data, ".pdf")
			pdfExtractor{}.Extract(ctx, bytes.NewReader(data), int64(len(data)))
		}()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Fatal("Extract hangs")
		}
	})
}

func TestJoinLinesHyphens(t *testing.T) {
	keep := func(before, after string) bool { return before+"-"+after == "co-designing" }
	cases := []struct {
		lines []string
		keep  bool
		want  string
	}{
		{[]string{"organi-", "sation is"}, false, "organisation is"},
		{[]string{"COVID-", "19"}, false, "COVID- 19"},
		{[]string{"is co-", "designing it"}, true, "is co-designing it"},
		{[]string{"is co-", "designing it"}, false, "is codesigning it"},
		{[]string{"soft\u00AD", "ware"}, false, "software"},
		{[]string{" a  b ", "", "\u00A0c\t"}, false, "a b c"},
		{[]string{"the \uFB01nal ﬀ", "£4.2m ≥ 95%"}, false, "the final ff £4.2m ≥ 95%"},
	}
	for _, c := range cases {
		var k func(string, string) bool
		if c.keep {
			k = keep
		}
		if got := joinLines(c.lines, k); got != c.want {
			t.Errorf("joinLines(%q) = %q, want %q", c.lines, got, c.want)
		}
		if !c.keep {
			if got := JoinLines(c.lines); got != c.want {
				t.Errorf("JoinLines(%q) = %q, want %q", c.lines, got, c.want)
			}
		}
	}
	for _, s := range []string{"plain text", " lead", "trail ", "dou  ble", "tab\there", "", "x"} {
		if isPlainLine(s) && NormaliseLine(s) != s {
			t.Errorf("isPlainLine(%q) but NormaliseLine changes it", s)
		}
	}
}

// headingsPDF is one page with a larger title, a bold heading at the
// body's size set directly above its paragraph, and bold lines that are
// not headings: a label, a bulleted item, a caption and a table's header.
func headingsPDF(bodyFont string) []byte {
	line := func(font string, size, y float64, s string) string {
		return fmt.Sprintf("BT /%s %g Tf 72 %g Td (%s) Tj ET ", font, size, y, s)
	}
	content := line("F2", 18, 740, "Anchor programme update") +
		line(bodyFont, 11, 712, "The Board approved the anchor strategy in March and named") +
		line(bodyFont, 11, 698.8, "the Chief People Officer as its executive lead.") +
		line("F2", 11, 670, "Our role in the local economy") +
		line(bodyFont, 11, 656.8, "We now spend a third of our budget with local suppliers, up") +
		line(bodyFont, 11, 643.6, "from a quarter two years ago.") +
		line("F2", 11, 615, "Present:") +
		line(bodyFont, 11, 601.8, "The Chair, the Chief Executive and four non-executive directors.") +
		line("F2", 11, 575, "\\225 Cycle to work") +
		line(bodyFont, 11, 561.8, "Staff can buy a bicycle through salary sacrifice this year.") +
		line("F2", 11, 535, "Table 2 Local spend by year") +
		"BT /F2 11 Tf 72 515 Td (Measure) Tj 150 0 Td (2023/24) Tj 100 0 Td (2024/25) Tj ET " +
		line(bodyFont, 11, 490, "Local spend rose again and the Board noted the report with thanks.")
	return buildPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
		stream(content),
		helv,
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
	}, "/Root 1 0 R")
}

// TestPDFHeadings: a heading is a larger line or, at the body's size, a
// bold one; it is a block of its own and the Section of the blocks after
// it, so quotes are placed under it and not glued to it. Labels, bulleted
// items, captions and table headers in bold are not headings, and in a
// document set all in bold only the larger lines are.
func TestPDFHeadings(t *testing.T) {
	sections := func(data []byte) []string {
		t.Helper()
		d, err := pdfExtractor{}.Extract(context.Background(), bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, b := range d.Blocks {
			out = append(out, b.Section+" > "+b.Text)
		}
		return out
	}
	const (
		title = "Anchor programme update"
		role  = "Our role in the local economy"
	)
	want := []string{
		title + " > " + title,
		title + " > The Board approved the anchor strategy in March and named the Chief People Officer as its executive lead.",
		role + " > " + role,
		role + " > We now spend a third of our budget with local suppliers, up from a quarter two years ago.",
		role + " > Present:",
		role + " > The Chair, the Chief Executive and four non-executive directors.",
		role + " > • Cycle to work",
		role + " > Staff can buy a bicycle through salary sacrifice this year.",
		role + " > Table 2 Local spend by year",
		role + " > Measure 2023/24 2024/25",
		role + " > Local spend rose again and the Board noted the report with thanks.",
	}
	if got := sections(headingsPDF("F1")); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("blocks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// All in bold: only the larger title is a heading.
	got := sections(headingsPDF("F2"))
	for _, s := range got[1:] {
		if !strings.HasPrefix(s, title+" > ") {
			t.Errorf("in a document all in bold, %q is under a heading other than the title", s)
		}
	}
}
