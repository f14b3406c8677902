package ingest

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/anchorscore/anchorscore/pipeline/doc"
)

// docxTestPart is one member of a test DOCX.
type docxTestPart struct{ name, body string }

// docxTestZip builds a zip in memory from parts, in order.
func docxTestZip(t testing.TB, parts ...docxTestPart) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.Create(p.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(p.body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const docxTestNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
	`xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"`

// docxTestDocument wraps body XML in a w:document.
func docxTestDocument(body string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<w:document ` + docxTestNS + `><w:body>` + body + `<w:sectPr/></w:body></w:document>`
}

// docxTestP is a paragraph with an optional style and plain runs.
func docxTestP(style string, runs ...string) string {
	var b strings.Builder
	b.WriteString("<w:p>")
	if style != "" {
		b.WriteString(`<w:pPr><w:pStyle w:val="` + style + `"/></w:pPr>`)
	}
	for _, r := range runs {
		b.WriteString(`<w:r><w:t xml:space="preserve">` + r + `</w:t></w:r>`)
	}
	b.WriteString("</w:p>")
	return b.String()
}

func docxTestHeaderFooter(kind, body string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><w:` + kind + ` ` + docxTestNS + `>` + body + `</w:` + kind + `>`
}

const docxTestCore = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>Board Report: Quality &amp; Safety</dc:title>
<dc:creator>Trust Secretary</dc:creator>
<dcterms:created xsi:type="dcterms:W3CDTF">2024-03-05T09:30:00Z</dcterms:created>
</cp:coreProperties>`

func docxTestExtract(t testing.TB, data []byte) (*doc.Text, error) {
	t.Helper()
	return docxExtractor{}.Extract(context.Background(), bytes.NewReader(data), int64(len(data)))
}

// docxTestBlock is what a test expects of a block.
type docxTestBlock struct {
	section, text string
}

func docxTestBlocks(txt *doc.Text) []docxTestBlock {
	var out []docxTestBlock
	for _, b := range txt.Blocks {
		out = append(out, docxTestBlock{b.Section, b.Text})
	}
	return out
}

func TestDOCXExtract(t *testing.T) {
	styles := `<?xml version="1.0" encoding="UTF-8"?><w:styles ` + docxTestNS + `>
<w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/></w:style>
<w:style w:type="paragraph" w:styleId="MyHeading"><w:name w:val="My Heading"/><w:basedOn w:val="Heading2"/></w:style>
<w:style w:type="paragraph" w:styleId="Outline"><w:name w:val="Outline"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/></w:style>
</w:styles>`
	tests := []struct {
		name      string
		parts     []docxTestPart
		want      []docxTestBlock
		title     string
		created   time.Time
		warnings  int
		skipCheck bool
	}{
		{
			name: "headings set Section",
			parts: []docxTestPart{{"word/document.xml", docxTestDocument(
				docxTestP("", "Preamble.") +
					docxTestP("Heading1", "Quality and safety") +
					docxTestP("", "The Board ", "noted the report.") +
					docxTestP("Heading2", "Infection control") +
					docxTestP("Normal", "C. difficile cases fell."))}},
			want: []docxTestBlock{
				{"", "Preamble."},
				{"Quality and safety", "Quality and safety"},
				{"Quality and safety", "The Board noted the report."},
				{"Infection control", "Infection control"},
				{"Infection control", "C. difficile cases fell."},
			},
			title: "Quality and safety",
		},
		{
			name: "a paragraph all in bold reads as an item's heading; a bold label, a bold sentence, a mixed paragraph and a bold cell do not",
			parts: []docxTestPart{{"word/document.xml", docxTestDocument(
				`<w:p><w:pPr><w:rPr><w:b/></w:rPr></w:pPr><w:r><w:t>Preamble.</w:t></w:r></w:p>` +
					`<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>7. Anchor </w:t></w:r><w:r><w:rPr><w:b w:val="1"/></w:rPr><w:t>programme update</w:t></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r></w:p>` +
					docxTestP("", "The Board NOTED the report.") +
					`<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Present:</w:t></w:r></w:p>` +
					`<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>The Board APPROVED the strategy.</w:t></w:r></w:p>` +
					`<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Recommendation</w:t></w:r><w:r><w:t xml:space="preserve"> to note</w:t></w:r></w:p>` +
					`<w:p><w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t>Not bold</w:t></w:r></w:p>` +
					`<w:tbl><w:tr><w:tc><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Measure</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`)}},
			want: []docxTestBlock{
				{"", "Preamble."},
				{"7. Anchor programme update", "7. Anchor programme update"},
				{"7. Anchor programme update", "The Board NOTED the report."},
				{"7. Anchor programme update", "Present:"},
				{"7. Anchor programme update", "The Board APPROVED the strategy."},
				{"7. Anchor programme update", "Recommendation to note"},
				{"7. Anchor programme update", "Not bold"},
				{"7. Anchor programme update", "Measure"},
			},
			title: "7. Anchor programme update",
		},
		{
			name: "title style gives the title; styles.xml names and outline levels",
			parts: []docxTestPart{
				{"word/styles.xml", styles},
				{"word/document.xml", docxTestDocument(
					docxTestP("Title", "Annual Report") +
						docxTestP("berschrift1", "Einleitung") +
						docxTestP("", "Text.") +
						docxTestP("MyHeading", "Derived") +
						docxTestP("Outline", "By outline") +
						docxTestP("TOC1", "Contents entry 3") +
						`<w:p><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:r><w:t>Direct outline</w:t></w:r></w:p>`)},
			},
			want: []docxTestBlock{
				{"Annual Report", "Annual Report"},
				{"Einleitung", "Einleitung"},
				{"Einleitung", "Text."},
				{"Derived", "Derived"},
				{"By outline", "By outline"},
				{"Direct outline", "Direct outline"},
			},
			title: "Annual Report",
		},
		{
			name: "tables: one block per row, cells joined",
			parts: []docxTestPart{{"word/document.xml", docxTestDocument(
				docxTestP("Heading1", "Performance") +
					`<w:tbl><w:tblPr/><w:tr><w:tc>` + docxTestP("", "Measure") + `</w:tc><w:tc>` + docxTestP("", "Position") + `</w:tc></w:tr>` +
					`<w:tr><w:tc>` + docxTestP("", "A&amp;E 4-hour") + `</w:tc><w:tc>` +
					docxTestP("", "We achieved 72% against") + docxTestP("", "a target of 76%.") + `</w:tc><w:tc/></w:tr>` +
					`<w:tr><w:tc>` + docxTestP("", "Nested") + `</w:tc><w:tc><w:tbl><w:tr><w:tc>` + docxTestP("", "x") + `</w:tc><w:tc>` + docxTestP("", "y") + `</w:tc></w:tr></w:tbl></w:tc></w:tr>` +
					`</w:tbl>` + docxTestP("", "After the table."))}},
			want: []docxTestBlock{
				{"Performance", "Performance"},
				{"Performance", "Measure | Position"},
				{"Performance", "A&E 4-hour | We achieved 72% against a target of 76%."},
				{"Performance", "Nested | x | y"},
				{"Performance", "After the table."},
			},
			title: "Performance",
		},
		{
			name: "list items are blocks of their own",
			parts: []docxTestPart{{"word/document.xml", docxTestDocument(
				docxTestP("", "Actions:") +
					`<w:p><w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Recruit nurses.</w:t></w:r></w:p>` +
					`<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Open ward 7.</w:t></w:r></w:p>`)}},
			want: []docxTestBlock{{"", "Actions:"}, {"", "Recruit nurses."}, {"", "Open ward 7."}},
		},
		{
			name: "runs: tabs, breaks, hyphens, hidden, deleted, moved, field codes, text boxes",
			parts: []docxTestPart{{"word/document.xml", docxTestDocument(
				`<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>` +
					`<w:r><w:t>Item</w:t></w:r><w:r><w:tab/><w:t>one</w:t></w:r>` +
					`<w:r><w:br/><w:t>organi-</w:t></w:r><w:r><w:br/><w:t>sation</w:t></w:r>` +
					`<w:r><w:rPr><w:vanish/></w:rPr><w:t>HIDDEN</w:t></w:r>` +
					`<w:del w:id="1"><w:r><w:delText>DELETED</w:delText></w:r></w:del>` +
					`<w:ins w:id="2"><w:r><w:t xml:space="preserve"> inserted</w:t></w:r></w:ins>` +
					`<w:moveFrom w:id="3"><w:r><w:t>MOVED</w:t></w:r></w:moveFrom>` +
					`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>` +
					`<w:r><w:t xml:space="preserve"> COVID</w:t><w:noBreakHyphen/><w:t>19</w:t></w:r>` +
					`<w:hyperlink><w:r><w:t xml:space="preserve"> link</w:t></w:r></w:hyperlink>` +
					`<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>` + docxTestP("", "Box text.") +
					`</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>` + docxTestP("", "Box text.") +
					`</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>` +
					`</w:p>` +
					`<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>` + docxTestP("", "Click or tap here to enter text.") + `</w:sdtContent></w:sdt>` +
					`<w:sdt><w:sdtPr><w:alias w:val="Author"/></w:sdtPr><w:sdtContent>` + docxTestP("", "Filled in.") + `</w:sdtContent></w:sdt>` +
					`<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:pPrChange w:id="9"><w:pPr><w:pStyle w:val="Normal"/></w:pPr></w:pPrChange></w:pPr><w:r><w:t>Now a heading</w:t></w:r></w:p>`)}},
			want:  []docxTestBlock{{"", "Box text."}, {"", "Item one organisation inserted COVID-19 link"}, {"", "Filled in."}, {"Now a heading", "Now a heading"}},
			title: "Now a heading",
		},
		{
			name: "headers and footers once, at the end; notes",
			parts: []docxTestPart{
				{"word/document.xml", docxTestDocument(docxTestP("Heading1", "Body") + docxTestP("", "Text."))},
				{"word/header2.xml", docxTestHeaderFooter("hdr", docxTestP("Header", "Trust Board – Public")+docxTestP("", "Agenda item 7"))},
				{"word/header1.xml", docxTestHeaderFooter("hdr", docxTestP("Header", "Trust Board – Public"))},
				{"word/header10.xml", docxTestHeaderFooter("hdr", docxTestP("Header", "Later header"))},
				{"word/footer1.xml", docxTestHeaderFooter("ftr", `<w:p><w:fldSimple w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p>`+docxTestP("", "Official"))},
				{"word/footnotes.xml", `<w:footnotes ` + docxTestNS + `><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>` +
					`<w:footnote w:id="1">` + docxTestP("FootnoteText", "Source: NHS England.") + `</w:footnote></w:footnotes>`},
			},
			want: []docxTestBlock{
				{"Body", "Body"},
				{"Body", "Text."},
				{"Footnotes", "Source: NHS England."},
				{"Header", "Trust Board – Public"},
				{"Header", "Agenda item 7"},
				{"Header", "Later header"},
				{"Footer", "Official"},
			},
			title: "Body",
		},
		{
			name: "core.xml title and created",
			parts: []docxTestPart{
				{"docProps/core.xml", docxTestCore},
				{"word/document.xml", docxTestDocument(docxTestP("Heading1", "Heading") + docxTestP("", "Text."))},
			},
			want:    []docxTestBlock{{"Heading", "Heading"}, {"Heading", "Text."}},
			title:   "Board Report: Quality & Safety",
			created: time.Date(2024, 3, 5, 9, 30, 0, 0, time.UTC),
		},
		{
			name:     "no text",
			parts:    []docxTestPart{{"word/document.xml", docxTestDocument("")}},
			warnings: 1,
		},
		{
			name: "truncated XML after some text is a warning",
			parts: []docxTestPart{{"word/document.xml", `<w:document ` + docxTestNS + `><w:body>` +
				docxTestP("", "First.") + `<w:p><w:r><w:t>cut`}},
			want:     []docxTestBlock{{"", "First."}},
			warnings: 1,
		},
		{
			name:     "a broken header is a warning",
			parts:    []docxTestPart{{"word/document.xml", docxTestDocument(docxTestP("", "Body."))}, {"word/header1.xml", "<w:hdr"}},
			want:     []docxTestBlock{{"", "Body."}},
			warnings: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			txt, err := docxTestExtract(t, docxTestZip(t, tt.parts...))
			if err != nil {
				t.Fatal(err)
			}
			if txt.Format != doc.FormatDOCX {
				t.Errorf("format %q", txt.Format)
			}
			got := docxTestBlocks(txt)
			if len(got) != len(tt.want) {
				t.Fatalf("blocks:\n got %q\nwant %q", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("block %d: got %q, want %q", i, got[i], tt.want[i])
				}
				if b := txt.Blocks[i]; b.Para != i+1 || b.Page != 0 {
					t.Errorf("block %d: para %d page %d", i, b.Para, b.Page)
				}
			}
			if txt.Title != tt.title {
				t.Errorf("title %q, want %q", txt.Title, tt.title)
			}
			if !txt.Created.Equal(tt.created) {
				t.Errorf("created %v, want %v", txt.Created, tt.created)
			}
			if len(txt.Warnings) != tt.warnings {
				t.Errorf("warnings %q, want %d", txt.Warnings, tt.warnings)
			}
		})
	}
}

func TestDOCXErrors(t *testing.T) {
	laughs := `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<w:document ` + docxTestNS + `><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>`
	deep := `<w:document ` + docxTestNS + `><w:body>` + strings.Repeat("<w:sdt>", docxMaxDepth+10) +
		strings.Repeat("</w:sdt>", docxMaxDepth+10) + `</w:body></w:document>`
	tests := []struct {
		name    string
		data    []byte
		is      error  // errors.Is target, if any
		contain string // error text
	}{
		{"empty", nil, textErrEmpty, "empty file"},
		{"not a zip", []byte("PK\x03\x04 this is not really a zip file"), nil, "not a Word document: not a zip archive"},
		{"zip without document.xml", docxTestZip(t, docxTestPart{"xl/workbook.xml", "<workbook/>"}),
			nil, "not a Word document: zip has no word/document.xml"},
		{"billion laughs in document.xml", docxTestZip(t, docxTestPart{"word/document.xml", laughs}), docxErrDTD, "DTD"},
		{"billion laughs in a header", docxTestZip(t,
			docxTestPart{"word/document.xml", docxTestDocument(docxTestP("", "Fine."))},
			docxTestPart{"word/header1.xml", laughs}), docxErrDTD, "word/header1.xml"},
		{"ENTITY outside a DOCTYPE", docxTestZip(t, docxTestPart{"word/document.xml", `<!ENTITY x "y"><w:document/>`}), docxErrDTD, ""},
		{"nested too deep", docxTestZip(t, docxTestPart{"word/document.xml", deep}), nil, "nested more than"},
		{"encrypted (OLE with EncryptionInfo)", append(append(append([]byte{}, docxOLEMagic...), make([]byte, 600)...),
			[]byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o\x00")...), ErrEncrypted, "password"},
		{"old .doc (OLE)", append(append([]byte{}, docxOLEMagic...), make([]byte, 600)...), ErrUnsupported, ".doc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			txt, err := docxTestExtract(t, tt.data)
			if err == nil {
				t.Fatalf("no error; blocks %v", txt.Blocks)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %q is not %q", err, tt.is)
			}
			if !strings.Contains(err.Error(), tt.contain) {
				t.Errorf("error %q does not contain %q", err, tt.contain)
			}
		})
	}
}

func TestDOCXZipBomb(t *testing.T) {
	old := docxMaxExpanded
	docxMaxExpanded = 1 << 20
	defer func() { docxMaxExpanded = old }()

	// A document.xml padded with 2 MiB of zeros-as-whitespace compresses
	// to a few KiB and expands beyond the 1 MiB limit.
	bomb := docxTestDocument(docxTestP("", "Hello.")) + strings.Repeat(" ", 2<<20)
	data := docxTestZip(t, docxTestPart{"word/document.xml", bomb})
	if len(data) > 64<<10 {
		t.Fatalf("bomb is %d bytes compressed", len(data))
	}
	_, err := docxTestExtract(t, data)
	if !errors.Is(err, docxErrTooLarge) || !strings.Contains(err.Error(), "1 MiB") {
		t.Fatalf("got %v, want an error naming the 1 MiB limit", err)
	}

	// The limit is on all members together.
	half := strings.Repeat(" ", 600<<10)
	data = docxTestZip(t,
		docxTestPart{"word/styles.xml", `<w:styles ` + docxTestNS + `/>` + half},
		docxTestPart{"word/document.xml", docxTestDocument(docxTestP("", "Hello.")) + half})
	if _, err := docxTestExtract(t, data); !errors.Is(err, docxErrTooLarge) {
		t.Fatalf("got %v, want the size limit", err)
	}

	// A member whose header understates its size is caught while reading.
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateHeader(&zip.FileHeader{Name: "word/document.xml", Method: zip.Deflate})
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(bomb))
	zw.Close()
	lying := docxTestLieAboutSize(t, buf.Bytes(), 100)
	if _, err := docxTestExtract(t, lying); err == nil {
		t.Fatal("a member larger than its header says was read without error")
	}

	// Under the limit, the same document reads.
	docxMaxExpanded = 4 << 20
	txt, err := docxTestExtract(t, data)
	if err != nil || len(txt.Blocks) != 1 {
		t.Fatalf("under the limit: %v, %v", txt, err)
	}
}

// docxTestLieAboutSize rewrites the uncompressed size in a one-member
// zip's local and central headers.
func docxTestLieAboutSize(t *testing.T, data []byte, size uint32) []byte {
	t.Helper()
	out := append([]byte{}, data...)
	put := func(off int) {
		out[off], out[off+1], out[off+2], out[off+3] = byte(size), byte(size>>8), byte(size>>16), byte(size>>24)
	}
	if !bytes.HasPrefix(out, []byte("PK\x03\x04")) {
		t.Fatal("no local header")
	}
	put(22)
	c := bytes.LastIndex(out, []byte("PK\x01\x02"))
	if c < 0 {
		t.Fatal("no central header")
	}
	put(c + 24)
	// Data descriptor, if any, follows the data: PK\x07\x08 crc csize usize.
	if d := bytes.Index(out, []byte("PK\x07\x08")); d >= 0 && d < c {
		put(d + 12)
	}
	return out
}

func TestDOCXSniff(t *testing.T) {
	tests := []struct {
		head string
		ext  string
		want bool
	}{
		{"PK\x03\x04rest", ".docx", true},
		{"PK\x03\x04rest", ".bin", true},
		{"PK\x03\x04rest", "", true},
		{string(docxOLEMagic) + "x", ".docx", true},
		{string(docxOLEMagic) + "x", ".doc", true},
		{string(docxOLEMagic) + "x", ".xls", false},
		{"%PDF-1.7", ".docx", false},
		{"hello", ".docx", false},
		{"", ".docx", false},
	}
	for _, tt := range tests {
		if got := (docxExtractor{}).Sniff([]byte(tt.head), tt.ext); got != tt.want {
			t.Errorf("Sniff(%q, %q) = %v", tt.head, tt.ext, got)
		}
	}
}

func TestDOCXCancelled(t *testing.T) {
	var body strings.Builder
	for i := 0; i < 20000; i++ {
		body.WriteString(docxTestP("", "Paragraph text."))
	}
	data := docxTestZip(t, docxTestPart{"word/document.xml", docxTestDocument(body.String())})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := (docxExtractor{}).Extract(ctx, bytes.NewReader(data), int64(len(data))); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
}

// FuzzExtractDOCX fuzzes whole files and, since random bytes rarely
// survive zip's checksums, also the XML of word/document.xml (with the
// same bytes as a header) wrapped in a valid zip.
func FuzzExtractDOCX(f *testing.F) {
	old := docxMaxExpanded
	docxMaxExpanded = 8 << 20 // keep each input cheap
	defer func() { docxMaxExpanded = old }()
	body := docxTestDocument(
		docxTestP("Heading1", "Title") + docxTestP("", "Body text.") +
			`<w:tbl><w:tr><w:tc>` + docxTestP("", "a") + `</w:tc><w:tc>` + docxTestP("", "b") + `</w:tc></w:tr></w:tbl>` +
			`<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>h</w:t><w:br/><w:tab/></w:r><w:del><w:r><w:delText>d</w:delText></w:r></w:del></w:p>` +
			`<w:p><w:r><mc:AlternateContent><mc:Choice><w:txbxContent>` + docxTestP("", "box") + `</w:txbxContent></mc:Choice><mc:Fallback>x</mc:Fallback></mc:AlternateContent></w:r></w:p>`)
	f.Add(docxTestZip(f, docxTestPart{"word/document.xml", body},
		docxTestPart{"docProps/core.xml", docxTestCore},
		docxTestPart{"word/header1.xml", docxTestHeaderFooter("hdr", docxTestP("", "Header"))}), false)
	f.Add([]byte(body), true)
	f.Add([]byte("<w:document><w:body><w:p><w:r><w:t>x"), true)
	f.Add([]byte(`<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>`), true)
	f.Add([]byte(`<?xml version="1.0" encoding="windows-1252"?><w:document `+docxTestNS+`><w:body><w:p><w:r><w:t>`+"\xa3"+`</w:t></w:r></w:p></w:body></w:document>`), true)
	f.Add([]byte("PK\x03\x04"), false)
	f.Add([]byte{}, false)
	f.Fuzz(func(t *testing.T, data []byte, wrap bool) {
		if wrap {
			data = docxTestZip(t,
				docxTestPart{"word/document.xml", string(data)},
				docxTestPart{"word/footer1.xml", string(data)},
				docxTestPart{"word/styles.xml", string(data)})
		}
		txt, err := docxExtractor{}.Extract(context.Background(), bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return
		}
		for i, b := range txt.Blocks {
			if b.Para != i+1 || b.Text == "" || !utf8.ValidString(b.Text) {
				t.Fatalf("block %d: %+v", i, b)
			}
		}
	})
}
