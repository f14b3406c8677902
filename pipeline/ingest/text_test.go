package ingest

import (
	"bytes"
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/anchorscore/anchorscore/pipeline/doc"
)

func textTestExtract(t testing.TB, data []byte, markdown bool) *doc.Text {
	t.Helper()
	var e Extractor = textExtractor{}
	if markdown {
		e = markdownExtractor{}
	}
	txt, err := e.Extract(context.Background(), bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for i, b := range txt.Blocks {
		if b.Para != i+1 {
			t.Errorf("block %d: para %d", i, b.Para)
		}
	}
	return txt
}

// textTestBlocks renders blocks as "page|section|text".
func textTestBlocks(txt *doc.Text) []string {
	var out []string
	for _, b := range txt.Blocks {
		out = append(out, strconv.Itoa(b.Page)+"|"+b.Section+"|"+b.Text)
	}
	return out
}

func textTestUTF16(s string, bigEndian bool) []byte {
	var out []byte
	put := func(u uint16) {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	put(0xFEFF)
	for _, r := range s {
		if r > 0xFFFF {
			r -= 0x10000
			put(uint16(0xD800 + r>>10))
			put(uint16(0xDC00 + r&0x3FF))
			continue
		}
		put(uint16(r))
	}
	return out
}

func TestTextExtract(t *testing.T) {
	tests := []struct {
		name     string
		data     []byte
		markdown bool
		want     []string
		pages    int
		title    string
		format   doc.Format
	}{
		{
			name: "paragraphs on blank lines, lines joined",
			data: []byte("Board meeting\n\nThe reorgani-\nsation of wards\r\nwas agreed.\r\n \t \r\nNext  paragraph\u00a0here.\n"),
			want: []string{"0||Board meeting", "0||The reorganisation of wards was agreed.", "0||Next paragraph here."},
		},
		{
			name: "laid out: rules, a heading in capitals, cover-sheet fields and a table",
			data: []byte("REPORT TO THE BOARD\n--------------------\nREPORT TO THE BOARD\nExecutive lead : Jo Hart, Director of\n   Strategy\nPurpose: Approval\n\nMeasure            2023/24     2024/25\nLocal spend        29%         33.4%\nThe table shows progress.\n"),
			want: []string{"0|REPORT TO THE BOARD|REPORT TO THE BOARD", "0|REPORT TO THE BOARD|Executive lead : Jo Hart, Director of Strategy", "0|REPORT TO THE BOARD|Purpose: Approval",
				"0|REPORT TO THE BOARD|Measure | 2023/24 | 2024/25", "0|REPORT TO THE BOARD|Local spend | 29% | 33.4%", "0|REPORT TO THE BOARD|The table shows progress."},
		},
		{
			name: "a table drawn with bars and aligned with spaces: the bars divide the cells",
			data: []byte("Measure                   | 2025/26 | Target\nGreen champions (active)  | 74      | 70\n| Cycle to work members   | 236     | 200 |\n"),
			want: []string{"0||Measure | 2025/26 | Target", "0||Green champions (active) | 74 | 70", "0||Cycle to work members | 236 | 200"},
		},
		{
			name: "a numbered heading of one word opens a section",
			data: []byte("3. OUR SERVICES\n\n3.1 Waits fell.\n\n5. WORKFORCE\n\n5.3 We introduced a carer passport.\n\nNHS\n\n5.4 Turnover fell.\n"),
			want: []string{"0|3. OUR SERVICES|3. OUR SERVICES", "0|3. OUR SERVICES|3.1 Waits fell.", "0|5. WORKFORCE|5. WORKFORCE",
				"0|5. WORKFORCE|5.3 We introduced a carer passport.", "0|5. WORKFORCE|NHS", "0|5. WORKFORCE|5.4 Turnover fell."},
		},
		{
			name: "one word in capitals on its own line is a heading, unless it is a decision in minutes or a marking",
			data: []byte("OUR PEOPLE\n\nTurnover fell.\n\n--------------------\nSUSTAINABILITY\n--------------------\n\nWe cut energy use.\n\nAPPROVED\n\nThe Board approved it.\n\nPROCUREMENT\n\nWe buy locally.\n\nOFFICIAL\nWe pay the living wage\nTO ALL STAFF.\n"),
			want: []string{"0|OUR PEOPLE|OUR PEOPLE", "0|OUR PEOPLE|Turnover fell.", "0|SUSTAINABILITY|SUSTAINABILITY", "0|SUSTAINABILITY|We cut energy use.",
				"0|SUSTAINABILITY|APPROVED", "0|SUSTAINABILITY|The Board approved it.", "0|PROCUREMENT|PROCUREMENT", "0|PROCUREMENT|We buy locally.",
				"0|PROCUREMENT|OFFICIAL We pay the living wage TO ALL STAFF."},
		},
		{
			name: "a long title in capitals may wrap onto a second line; a running header does not run into the heading under it",
			data: []byte("APPENDIX 1 - REVISED GREEN PLAN ACTION PLAN 2024/25 (EXTRACT: STAFF ENGAGEMENT AND\nBEHAVIOURS)\n\nWe cut energy use.\n\nTRUST BOARD      MAY 2024\n5. WORKFORCE\n\nTurnover fell.\n"),
			want: []string{"0|APPENDIX 1 - REVISED GREEN PLAN ACTION PLAN 2024/25 (EXTRACT: STAFF ENGAGEMENT AND BEHAVIOURS)|APPENDIX 1 - REVISED GREEN PLAN ACTION PLAN 2024/25 (EXTRACT: STAFF ENGAGEMENT AND BEHAVIOURS)",
				"0|APPENDIX 1 - REVISED GREEN PLAN ACTION PLAN 2024/25 (EXTRACT: STAFF ENGAGEMENT AND BEHAVIOURS)|We cut energy use.",
				"0|TRUST BOARD MAY 2024|TRUST BOARD MAY 2024", "0|5. WORKFORCE|5. WORKFORCE", "0|5. WORKFORCE|Turnover fell."},
		},
		{
			name: "a title in capitals runs on to the next line, up to twenty words; a cover sheet keeps the paper's section",
			data: []byte("NHS TORVALE INTEGRATED CARE BOARD\nBOARD MEETING IN PUBLIC - 14 MARCH 2024\nAGENDA ITEM 10: SUPPORTING BROADER SOCIAL AND ECONOMIC DEVELOPMENT\n\nTORVALE ANCHOR NETWORK\nANNUAL REPORT 2024/25\n\nCOVER SHEET\nPurpose: For assurance\n"),
			want: []string{"0|NHS TORVALE INTEGRATED CARE BOARD BOARD MEETING IN PUBLIC - 14 MARCH 2024|NHS TORVALE INTEGRATED CARE BOARD BOARD MEETING IN PUBLIC - 14 MARCH 2024",
				"0|AGENDA ITEM 10: SUPPORTING BROADER SOCIAL AND ECONOMIC DEVELOPMENT|AGENDA ITEM 10: SUPPORTING BROADER SOCIAL AND ECONOMIC DEVELOPMENT",
				"0|TORVALE ANCHOR NETWORK ANNUAL REPORT 2024/25|TORVALE ANCHOR NETWORK ANNUAL REPORT 2024/25",
				"0|TORVALE ANCHOR NETWORK ANNUAL REPORT 2024/25|COVER SHEET", "0|TORVALE ANCHOR NETWORK ANNUAL REPORT 2024/25|Purpose: For assurance"},
		},
		{
			name: "a part of a paper in capitals ends a paragraph but leaves the paper's section open",
			data: []byte("ITEM 9: ANCHOR CHARTER\n\nExecutive lead: Jo Hart\n\nRECOMMENDATIONS\nThe Board is asked to approve the charter.\n"),
			want: []string{"0|ITEM 9: ANCHOR CHARTER|ITEM 9: ANCHOR CHARTER", "0|ITEM 9: ANCHOR CHARTER|Executive lead: Jo Hart",
				"0|ITEM 9: ANCHOR CHARTER|RECOMMENDATIONS", "0|ITEM 9: ANCHOR CHARTER|The Board is asked to approve the charter."},
		},
		{
			name: "an item's long title in capitals is a heading",
			data: []byte("6. BELLCROFT HOUSE: LEASE TO ANSTOWE COMMUNITY HOUSING TRUST AND ANSTOWE VOLUNTEER CENTRE (FOR APPROVAL)\n\n6.1 The Board agreed the lease.\n"),
			want: []string{"0|6. BELLCROFT HOUSE: LEASE TO ANSTOWE COMMUNITY HOUSING TRUST AND ANSTOWE VOLUNTEER CENTRE (FOR APPROVAL)|6. BELLCROFT HOUSE: LEASE TO ANSTOWE COMMUNITY HOUSING TRUST AND ANSTOWE VOLUNTEER CENTRE (FOR APPROVAL)",
				"0|6. BELLCROFT HOUSE: LEASE TO ANSTOWE COMMUNITY HOUSING TRUST AND ANSTOWE VOLUNTEER CENTRE (FOR APPROVAL)|6.1 The Board agreed the lease."},
		},
		{
			name: "a table's header row in capitals is a row, a running header of two cells a heading",
			data: []byte("5. MEASURES\n\nMEASURE        BASELINE     YEAR 1 TARGET\nLocal spend    21%          30%\n\nTRUST BOARD        MAY 2024\n\nText.\n"),
			want: []string{"0|5. MEASURES|5. MEASURES", "0|5. MEASURES|MEASURE | BASELINE | YEAR 1 TARGET", "0|5. MEASURES|Local spend | 21% | 30%",
				"0|TRUST BOARD MAY 2024|TRUST BOARD MAY 2024", "0|TRUST BOARD MAY 2024|Text."},
		},
		{
			name: "UTF-8 BOM",
			data: []byte("\xef\xbb\xbf£3m deficit."),
			want: []string{"0||£3m deficit."},
		},
		{
			name: "UTF-16LE BOM",
			data: textTestUTF16("£3m – agreed.\n\nSecond 𝄞.", false),
			want: []string{"0||£3m – agreed.", "0||Second 𝄞."},
		},
		{
			name: "UTF-16BE BOM",
			data: textTestUTF16("£3m – agreed.\r\n\r\nSecond.", true),
			want: []string{"0||£3m – agreed.", "0||Second."},
		},
		{
			name: "Windows-1252",
			data: []byte("Cost \xa33m \x96 \x93agreed\x94 by the caf\xe9.\n"),
			want: []string{"0||Cost £3m – “agreed” by the café."},
		},
		{
			name:  "form feeds are pages (pdftotext)",
			data:  []byte("Page one text.\n\nMore on one.\n\fPage two\ncontinues.\n\f\fPage four.\n\f"),
			want:  []string{"1||Page one text.", "1||More on one.", "2||Page two continues.", "4||Page four."},
			pages: 4,
		},
		{
			name:  "a paragraph across a form feed splits",
			data:  []byte("first half\fsecond half"),
			want:  []string{"1||first half", "2||second half"},
			pages: 2,
		},
		{
			name: "markdown syntax is text in a .txt",
			data: []byte("# Not a heading\nstill not"),
			want: []string{"0||# Not a heading still not"},
		},
		{
			// a bulleted list of duties is several statements, not one
			name: "each bulleted item of a .txt is a block",
			data: []byte("The ICB must:\n- arrange services;\n  for its population;\n• reduce inequalities;\n-not an item\n-\tpromote involvement;\n\n- -"),
			want: []string{"0||The ICB must:", "0||arrange services; for its population;", "0||reduce inequalities; -not an item", "0||promote involvement;", "0||-"},
		},
		{
			name: "old Mac line ends",
			data: []byte("one\rtwo\r\rthree"),
			want: []string{"0||one two", "0||three"},
		},
		{
			name:     "markdown headings, lists, emphasis, links",
			markdown: true,
			data: []byte(`---
title: "Quality Report"
date: 2024-03-05
---
Intro with **bold**, __strong__, _em_ and *em* but snake_case and 2 * 3 stay.

# Quality and Safety #

The Board [noted](https://example.org) the ![chart](c.png) report
and ` + "`code`" + ` here.

## Actions
- Recruit nurses.
- Open ward
  seven by June.
* Star item
1. First
2) Second
   1. Nested

Paragraph 2020. Year
1999. was not a list item.

> Quoted **text**.

Setext heading
==============

Sub heading
---

***

| Measure | Position |
|---|:---:|
| A&E | 72% \| rising |

` + "```" + `
code block *stays*
` + "```" + `
<!-- a comment -->
`),
			want: []string{
				"0||Intro with bold, strong, em and em but snake_case and 2 * 3 stay.",
				"0|Quality and Safety|Quality and Safety",
				"0|Quality and Safety|The Board noted the chart report and code here.",
				"0|Actions|Actions",
				"0|Actions|Recruit nurses.",
				"0|Actions|Open ward seven by June.",
				"0|Actions|Star item",
				"0|Actions|First",
				"0|Actions|Second",
				"0|Actions|Nested",
				"0|Actions|Paragraph 2020. Year 1999. was not a list item.",
				"0|Actions|Quoted text.",
				"0|Setext heading|Setext heading",
				"0|Sub heading|Sub heading",
				"0|Sub heading|Measure | Position",
				"0|Sub heading|A&E | 72% \\ | rising",
				"0|Sub heading|code block *stays*",
			},
			title:  "Quality Report",
			format: doc.FormatMarkdown,
		},
		{
			name:     "markdown: a line all in bold opening a block is an item's heading; labels and bold sentences are not",
			markdown: true,
			data:     []byte("**Present:**\nJo Hart (Chair)\n\n**7. Anchor programme update**\nThe Board NOTED the report.\n\n**The Board APPROVED the strategy.**\n\n**In attendance:** Sam Lee\n\n__8. Any other business__\n\nNone.\n"),
			want: []string{"0||Present: Jo Hart (Chair)", "0|7. Anchor programme update|7. Anchor programme update", "0|7. Anchor programme update|The Board NOTED the report.",
				"0|7. Anchor programme update|The Board APPROVED the strategy.", "0|7. Anchor programme update|In attendance: Sam Lee",
				"0|8. Any other business|8. Any other business", "0|8. Any other business|None."},
			title:  "7. Anchor programme update",
			format: doc.FormatMarkdown,
		},
		{
			name:     "markdown title from the first h1",
			markdown: true,
			data:     []byte("## Minor\n\n# Main\n\ntext"),
			want:     []string{"0|Minor|Minor", "0|Main|Main", "0|Main|text"},
			title:    "Main",
			format:   doc.FormatMarkdown,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			txt := textTestExtract(t, tt.data, tt.markdown)
			got := textTestBlocks(txt)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("blocks:\n got %q\nwant %q", got, tt.want)
			}
			if txt.Pages != tt.pages {
				t.Errorf("pages %d, want %d", txt.Pages, tt.pages)
			}
			if txt.Title != tt.title {
				t.Errorf("title %q, want %q", txt.Title, tt.title)
			}
			want := tt.format
			if want == "" {
				want = doc.FormatText
			}
			if txt.Format != want {
				t.Errorf("format %q, want %q", txt.Format, want)
			}
		})
	}
}

// Read picks Markdown for .md and .markdown files that look like text.
func TestTextMarkdownByFileName(t *testing.T) {
	dir := t.TempDir()
	for name, want := range map[string]doc.Format{"notes.md": doc.FormatMarkdown, "notes.MARKDOWN": doc.FormatMarkdown, "notes.txt": doc.FormatText} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte("# Heading\n\nText."), 0o600); err != nil {
			t.Fatal(err)
		}
		txt, err := Read(context.Background(), path, Limits{})
		if err != nil {
			t.Fatal(err)
		}
		if txt.Format != want {
			t.Errorf("%s: format %q, want %q", name, txt.Format, want)
		}
	}
}

func TestTextSniff(t *testing.T) {
	binary := make([]byte, 4096)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range binary {
		binary[i] = byte(r.UintN(256))
	}
	noNUL := bytes.ReplaceAll(binary, []byte{0}, []byte{1})
	controls := bytes.Repeat([]byte("ab\x01\x02\x03\x04c"), 100)
	tests := []struct {
		name string
		head []byte
		ext  string
		want bool
	}{
		{"ASCII", []byte("Hello, Board.\n"), ".txt", true},
		{"UTF-8", []byte("£3m – agreed"), "", true},
		{"UTF-8 cut mid-rune", []byte("abc £")[:5], ".txt", true},
		{"Windows-1252", []byte("Cost \xa33m \x96 agreed"), ".txt", true},
		{"UTF-16LE BOM", textTestUTF16("Hello", false), ".txt", true},
		{"UTF-16BE BOM", textTestUTF16("Hello", true), "", true},
		{"form feeds", []byte("page one\fpage two\f"), ".txt", true},
		{"empty", nil, ".txt", true},
		{"binary named .txt", binary, ".txt", false},
		{"binary without NULs", noNUL, ".txt", false},
		{"NUL bytes", []byte("abc\x00def"), ".txt", false},
		{"many control bytes", controls, ".md", false},
		{"UTF-16 BOM then binary", append([]byte{0xFF, 0xFE}, 0, 0, 1, 0, 2, 0), ".txt", false},
		{"ELF", []byte("\x7fELF\x02\x01\x01\x00\x00\x00"), ".txt", false},
	}
	for _, tt := range tests {
		if got := (textExtractor{}).Sniff(tt.head, tt.ext); got != tt.want {
			t.Errorf("%s: Sniff = %v", tt.name, got)
		}
	}
	// Through Detect, binary is unsupported whatever its name.
	if _, err := Detect(binary, ".txt"); !errors.Is(err, ErrUnsupported) {
		t.Errorf("Detect(binary, .txt) = %v", err)
	}
	if (markdownExtractor{}).Sniff([]byte("# x"), ".txt") || !(markdownExtractor{}).Sniff([]byte("# x"), ".md") {
		t.Error("markdownExtractor.Sniff goes by extension")
	}
}

func TestTextErrors(t *testing.T) {
	if _, err := (textExtractor{}).Extract(context.Background(), bytes.NewReader(nil), 0); !errors.Is(err, textErrEmpty) || err.Error() != "empty file" {
		t.Errorf("empty: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	data := bytes.Repeat([]byte("line\n"), 1<<20)
	if _, err := (textExtractor{}).Extract(ctx, bytes.NewReader(data), int64(len(data))); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	txt := textTestExtract(t, []byte(" \n\t\n"), false)
	if len(txt.Blocks) != 0 || len(txt.Warnings) != 1 {
		t.Errorf("blank: %+v", txt)
	}
}

// TestTextHuge checks that 30 MB without a sentence or paragraph break
// is read in linear time, including lines that all end in a hyphen.
func TestTextHuge(t *testing.T) {
	if testing.Short() {
		t.Skip("30 MB inputs")
	}
	const size = 30 << 20
	cases := map[string][]byte{
		"one line":         bytes.Repeat([]byte("word "), size/5),
		"hyphenated lines": bytes.Repeat([]byte("organi-\n"), size/8),
		"dash lines":       bytes.Repeat([]byte("-\n"), size/2),
		"soft hyphens":     bytes.Repeat([]byte("ab\u00ad\n"), size/5),
		"short lines":      bytes.Repeat([]byte("a b c\n"), size/6),
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			txt := textTestExtract(t, data, name == "short lines")
			if len(txt.Blocks) != 1 || len(txt.Blocks[0].Text) < size/4 {
				t.Errorf("%d blocks", len(txt.Blocks))
			}
		})
	}
}

func FuzzExtractText(f *testing.F) {
	f.Add([]byte("Hello\n\nWorld\fPage two"), false)
	f.Add([]byte("# H\n- a\n1. b\n| x | y |\n```\ncode\n"), true)
	f.Add(textTestUTF16("£3m", false), false)
	f.Add(textTestUTF16("£3m", true), true)
	f.Add([]byte("\xa33m \x96 x"), false)
	f.Add([]byte("---\ntitle: x\n"), true)
	f.Add([]byte("[a](b) ![c](d) **e** _f_ \\* `g`"), true)
	f.Add([]byte("TORVALE ANCHOR NETWORK\nANNUAL REPORT\fOFFICIAL\nCOVER SHEET\n\nPROCUREMENT\nAPPROVED\n"), false)
	f.Fuzz(func(t *testing.T, data []byte, markdown bool) {
		txt, err := textExtract(context.Background(), bytes.NewReader(data), int64(len(data)), markdown)
		if err != nil {
			if len(data) == 0 {
				return
			}
			t.Fatal(err)
		}
		for i, b := range txt.Blocks {
			if b.Para != i+1 || b.Text == "" || !utf8.ValidString(b.Text) {
				t.Fatalf("block %d: %+v", i, b)
			}
			if (txt.Pages == 0) != (b.Page == 0) || b.Page > txt.Pages {
				t.Fatalf("block %d page %d of %d", i, b.Page, txt.Pages)
			}
		}
		_ = (textExtractor{}).Sniff(data, ".txt")
	})
}
