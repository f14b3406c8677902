package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"

	"github.com/anchorscore/anchorscore/pipeline/doc"
)

// This file holds the plain-text and Markdown extractors and the small
// helpers the DOCX and HTML extractors share with them (reading a whole
// file, joining lines in linear time, numbering blocks). Package-level
// names here start with "text" so that they cannot collide with the
// other extractors' files.

// textErrEmpty is returned by every extractor in this file, docx.go and
// html.go for a file of zero bytes.
var textErrEmpty = errors.New("empty file")

// textMaxFile bounds what the text and HTML extractors read into memory.
var textMaxFile int64 = 512 << 20

// textExtractor reads plain text, and Markdown when the file it reads is
// named *.md or *.markdown (markdownExtractor). It is the catch-all:
// anything that looks like text in some encoding, nothing that looks
// binary.
type textExtractor struct{}

func (textExtractor) Format() doc.Format { return doc.FormatText }

func (textExtractor) Sniff(head []byte, ext string) bool { return textLooksText(head) }

// Extract reads plain text.
func (textExtractor) Extract(ctx context.Context, r io.ReaderAt, size int64) (*doc.Text, error) {
	return textExtract(ctx, r, size, false)
}

// markdownExtractor reads Markdown. It sits in formats just before
// textExtractor, so Detect picks it for .md files that look like text.
type markdownExtractor struct{}

func (markdownExtractor) Format() doc.Format { return doc.FormatMarkdown }

func (markdownExtractor) Sniff(head []byte, ext string) bool {
	return (ext == ".md" || ext == ".markdown") && textLooksText(head)
}

func (markdownExtractor) Extract(ctx context.Context, r io.ReaderAt, size int64) (*doc.Text, error) {
	return textExtract(ctx, r, size, true)
}

// textLooksText reports whether head looks like text: UTF-16 with a BOM,
// or bytes without NULs and with few control characters (valid UTF-8 or,
// failing that, Windows-1252 / Latin-1).
func textLooksText(head []byte) bool {
	if len(head) == 0 {
		return true // let Extract say "empty file"
	}
	if bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
		return textUTF16LooksText(head)
	}
	head = bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF})
	if len(head) == 0 {
		return true
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return false
	}
	ctrl := 0
	for _, c := range head {
		if textIsControlByte(c) {
			ctrl++
		}
	}
	if !utf8.Valid(textTrimPartialRune(head)) {
		// Windows-1252 leaves these five undefined; in text they do not occur.
		for _, c := range head {
			switch c {
			case 0x81, 0x8D, 0x8F, 0x90, 0x9D:
				ctrl++
			}
		}
	}
	return ctrl*100 <= len(head)*textMaxControlPercent
}

// textMaxControlPercent is the share of control bytes above which a file
// is taken to be binary.
const textMaxControlPercent = 5

func textIsControlByte(c byte) bool {
	switch c {
	case '\t', '\n', '\r', '\f', '\v', 0x1A: // 0x1A: DOS end-of-file marker
		return false
	}
	return c < 0x20 || c == 0x7F
}

func textUTF16LooksText(head []byte) bool {
	head = head[:len(head)&^1]
	s, err := xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM).NewDecoder().Bytes(head)
	if err != nil {
		return false
	}
	n, ctrl := 0, 0
	for _, r := range string(s) {
		n++
		if r == 0 {
			return false
		}
		if r < 0x80 && textIsControlByte(byte(r)) {
			ctrl++
		}
	}
	return ctrl*100 <= n*textMaxControlPercent
}

// textTrimPartialRune drops an incomplete UTF-8 sequence cut off at the
// end of a 4 KiB head.
func textTrimPartialRune(b []byte) []byte {
	for i := len(b) - 1; i >= 0 && i >= len(b)-3; i-- {
		if b[i] < 0x80 {
			return b
		}
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				return b[:i]
			}
			return b
		}
	}
	return b
}

// textReadAll reads the whole of r, checking ctx between chunks.
func textReadAll(ctx context.Context, r io.ReaderAt, size int64) ([]byte, error) {
	if size == 0 {
		return nil, textErrEmpty
	}
	if size < 0 {
		return nil, fmt.Errorf("bad file size %d", size)
	}
	if size > textMaxFile {
		return nil, fmt.Errorf("file too large: %d bytes, over the limit of %s", size, textFormatSize(textMaxFile))
	}
	buf := make([]byte, size)
	const chunk = 1 << 20
	var off int64
	for off < size {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		end := min(off+chunk, size)
		n, err := r.ReadAt(buf[off:end], off)
		off += int64(n)
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("reading: %w", err)
		}
	}
	buf = buf[:off]
	if len(buf) == 0 {
		return nil, textErrEmpty
	}
	return buf, nil
}

// textFormatSize renders a byte count for error messages.
func textFormatSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// textDecode turns the bytes of a text file into a string: UTF-8 without
// its BOM, UTF-16 with a BOM, or else Windows-1252.
func textDecode(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		b = b[3:]
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		s, err := xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM).NewDecoder().Bytes(b)
		if err == nil {
			return string(s)
		}
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		s, err := xunicode.UTF16(xunicode.BigEndian, xunicode.ExpectBOM).NewDecoder().Bytes(b)
		if err == nil {
			return string(s)
		}
	}
	if utf8.Valid(b) {
		return string(b)
	}
	s, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil { // cannot happen: every byte maps to something
		return strings.ToValidUTF8(string(b), "\uFFFD")
	}
	return string(s)
}

// textParseDate reads the dates document metadata uses (W3CDTF / ISO 8601).
func textParseDate(s string) time.Time {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04Z07:00", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			if t.Year() < 1900 {
				return time.Time{}
			}
			return t
		}
	}
	return time.Time{}
}

// textEmitter numbers blocks as they are produced.
type textEmitter struct {
	blocks []doc.Block
	para   int
}

func (e *textEmitter) add(page int, section, text string) bool {
	if text == "" {
		return false
	}
	e.para++
	e.blocks = append(e.blocks, doc.Block{Page: page, Section: section, Para: e.para, Text: text})
	return true
}

// textJoiner gathers the lines of one paragraph for JoinLines.
type textJoiner struct {
	lines []string
}

func (j *textJoiner) add(line string) {
	if !utf8.ValidString(line) {
		line = strings.ToValidUTF8(line, "\uFFFD")
	}
	j.lines = append(j.lines, line)
}

// String returns the joined, normalised paragraph.
func (j *textJoiner) String() string { return JoinLines(j.lines) }

func (j *textJoiner) reset() { j.lines = j.lines[:0] }

func (j *textJoiner) empty() bool { return len(j.lines) == 0 }

// textExtract is the work of both text extractors.
func textExtract(ctx context.Context, r io.ReaderAt, size int64, markdown bool) (*doc.Text, error) {
	raw, err := textReadAll(ctx, r, size)
	if err != nil {
		return nil, err
	}
	s := textDecode(raw)
	raw = nil
	out := &doc.Text{Format: doc.FormatText}
	if markdown {
		out.Format = doc.FormatMarkdown
	}
	p := textParser{ctx: ctx, out: out, markdown: markdown}
	if err := p.run(s); err != nil {
		return nil, err
	}
	if len(out.Blocks) == 0 {
		out.Warnings = append(out.Warnings, "no text found")
	}
	return out, nil
}

// textParser splits decoded text into blocks.
type textParser struct {
	ctx      context.Context
	out      *doc.Text
	markdown bool

	em      textEmitter
	page    int // current page when the text has form feeds, else 0
	section string
	para    textJoiner
	// Plain text state: the last line that was not blank was a rule.
	afterRule bool
	// The lines of the heading in capitals that the line before ended,
	// which this line may continue; 0 when that line was no heading.
	headingLines int
	// Markdown state.
	inItem      bool   // the open paragraph is a list item
	fence       string // the open code fence ("```" or "~~~"), if any
	firstLine   bool
	frontMatter bool
	h1Title     string
	anyTitle    string
}

func (p *textParser) run(s string) error {
	paged := strings.IndexByte(s, '\f') >= 0
	if paged {
		p.page = 1
	}
	p.firstLine = true
	n := 0
	for len(s) > 0 {
		n++
		if n&0xFFFF == 0 {
			if err := p.ctx.Err(); err != nil {
				return err
			}
		}
		// Cut one line, ending at \n, \r\n, \r or a form feed.
		i := strings.IndexAny(s, "\n\r\f")
		var line string
		var brk byte
		if i < 0 {
			line, s = s, ""
		} else {
			line, brk = s[:i], s[i]
			s = s[i+1:]
			if brk == '\r' && len(s) > 0 && s[0] == '\n' {
				s = s[1:]
			}
		}
		p.line(line)
		if brk == '\f' {
			p.flush()
			p.headingLines = 0
			p.fence = ""
			// pdftotext ends every page, the last too, with a form feed:
			// a new page starts only if something follows it.
			if strings.TrimSpace(s) != "" {
				p.page++
			}
		}
	}
	p.flush()
	p.out.Blocks = p.em.blocks
	if paged {
		p.out.Pages = p.page
	}
	if p.markdown && p.out.Title == "" {
		p.out.Title = p.h1Title
		if p.out.Title == "" {
			p.out.Title = p.anyTitle
		}
	}
	return nil
}

// flush ends the open paragraph.
func (p *textParser) flush() {
	if !p.para.empty() {
		p.em.add(p.page, p.section, p.para.String())
	}
	p.para.reset()
	p.inItem = false
}

func (p *textParser) line(line string) {
	first := p.firstLine
	p.firstLine = false
	if !p.markdown {
		p.plainLine(line)
		return
	}
	p.markdownLine(line, first)
}

// plainLine reads one line of plain text. Lines join into paragraphs, as
// a blank line ends them, except where the text is laid out in fields
// and columns, as board papers saved as text (and pdftotext -layout) are:
// a rule of dashes or equals signs ends a paragraph; a row of columns
// (cells apart by three spaces or a tab) is a block of its own, its cells
// joined by " | " as table rows from HTML and DOCX are; a line in
// capitals ("4. ANCHOR NETWORK: YEAR 2 REPORT") is a heading that opens a
// section; and a cover-sheet field ("Executive lead : ...") starts a
// block that its wrapped lines continue.
func (p *textParser) plainLine(line string) {
	trimmed := strings.TrimSpace(line)
	// A bullet and a tab ("-\tWe appointed ...") opens a list item, not
	// a row of two cells.
	if rest, ok := textItemMarker(trimmed); ok {
		trimmed = trimmed[:len(trimmed)-len(rest)-1] + " " + strings.TrimLeft(rest, " \t")
	}
	afterRule := p.afterRule
	p.afterRule = trimmed == "" && afterRule || textIsRule(trimmed)
	headingLines := p.headingLines
	p.headingLines = 0
	switch {
	case trimmed == "" || textIsRule(trimmed):
		p.flush()
	case headingLines > 0 && headingLines < 3 && textContinuesHeading(trimmed) &&
		len(strings.Fields(p.section))+len(strings.Fields(trimmed)) <= 20:
		// A title runs on to the next line: "APPENDIX 1 - ... (EXTRACT:
		// STAFF ENGAGEMENT AND SUSTAINABLE" and then "BEHAVIOURS)", or
		// "TORVALE ANCHOR NETWORK" and then "ANNUAL REPORT 2024/25". A
		// heading is at most twenty words: a masthead's third line
		// ("AGENDA ITEM 10: ...") is the paper's own heading.
		p.section = NormaliseLine(p.section + " " + trimmed)
		last := &p.em.blocks[len(p.em.blocks)-1]
		last.Section, last.Text = p.section, p.section
		p.headingLines = headingLines + 1
	case (afterRule || p.para.empty()) && textIsCapsPart(trimmed):
		// "RECOMMENDATIONS" names a part of the paper it stands in, not
		// a topic: it ends a paragraph but leaves the paper's section
		// open, so its text stays beside the paper's title.
		p.flush()
		p.para.add(trimmed)
		p.flush()
	case textIsCapsHeading(trimmed) && !textIsHeaderRow(trimmed) ||
		afterRule && textIsCapsWord(trimmed) ||
		p.para.empty() && textIsCapsWord(trimmed) && !textIsCapsLabel(trimmed):
		p.flush()
		// A running header repeats the heading it opened: once is enough.
		if h := NormaliseLine(trimmed); h != p.section {
			p.section = h
			p.em.add(p.page, p.section, p.section)
			p.headingLines = 1
		}
	case textIsRow(trimmed):
		p.flush()
		p.para.add(textRowCells(trimmed))
		p.flush()
	case textIsField(trimmed):
		p.flush()
		p.para.add(line)
	case textIsItem(trimmed):
		// Each item of a list is a block, as in Markdown: "the ICB
		// must: - arrange ...; - exercise ...;" is several statements,
		// not one.
		p.flush()
		rest, _ := textItemMarker(trimmed)
		p.para.add(strings.TrimSpace(rest))
	default:
		p.para.add(line)
	}
}

// textIsItem reports whether a line of plain text opens a bulleted list
// item: "-", "*", "•", "–" or "·", a space or tab, and then text.
func textIsItem(s string) bool {
	rest, ok := textItemMarker(s)
	return ok && strings.TrimSpace(rest) != ""
}

// textItemMarker returns what follows a line's bullet, if it has one.
func textItemMarker(s string) (string, bool) {
	for _, b := range []string{"-", "*", "•", "–", "·"} {
		if rest, ok := strings.CutPrefix(s, b); ok && rest != "" && (rest[0] == ' ' || rest[0] == '\t') {
			return rest[1:], true
		}
	}
	return "", false
}

// textIsRule reports whether a line is only a rule: dashes, equals
// signs, underscores, plus signs or bars, at least four of them.
func textIsRule(s string) bool {
	if len(s) < 4 {
		return false
	}
	for _, r := range s {
		switch r {
		case '-', '=', '_', '+', '|', ' ', '—', '–':
		default:
			return false
		}
	}
	return true
}

// textIsCapsHeading reports whether a line is a heading written in
// capitals: no lower-case letter, at least two words of letters (or one,
// after a section number: "5. WORKFORCE"), at most twenty words (an
// item's title in a board paper: "6. BELLCROFT HOUSE: LEASE TO ... (FOR
// APPROVAL)"), and no full stop at its end.
func textIsCapsHeading(s string) bool {
	words := strings.Fields(s)
	if len(words) > 20 || strings.HasSuffix(s, ".") {
		return false
	}
	lettered := 0
	for _, w := range words {
		n, caps := capsLetters(w)
		if !caps {
			return false
		}
		if n >= 2 {
			lettered++
		}
	}
	return lettered >= 2 || lettered == 1 && len(words) == 2 && textSectionNumber(words[0]) && len(words[1]) >= 3
}

// capsLetters counts the letters of a word and reports whether none is
// lower case.
func capsLetters(w string) (n int, caps bool) {
	for _, r := range w {
		if unicode.IsLower(r) {
			return n, false
		}
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n, true
}

// textIsCapsWord reports whether a line is one word in capitals of at
// least three letters ("SUSTAINABILITY"). Under a rule it is a heading;
// standing on its own it is one too (an annual report's "PROCUREMENT"),
// unless textIsCapsLabel says it is something else.
func textIsCapsWord(s string) bool {
	n, caps := capsLetters(s)
	return caps && n >= 3 && !strings.ContainsAny(s, " \t")
}

// textCapsLabels are single words in capitals that stand on a line of
// their own without opening a section: a decision in minutes
// ("APPROVED"), a rating, a protective marking repeated on every page
// ("OFFICIAL"), a logo's "NHS", a press release's "ENDS". Read as
// headings they would move what follows out of its real section.
var textCapsLabels = map[string]bool{
	"APPROVED": true, "NOTED": true, "AGREED": true, "RESOLVED": true, "RECEIVED": true,
	"DEFERRED": true, "ENDORSED": true, "RATIFIED": true, "SUPPORTED": true, "DECLINED": true,
	"REJECTED": true, "ACCEPTED": true, "CONFIRMED": true, "DISCUSSED": true, "ASSURED": true,
	"CLOSED": true, "OPEN": true, "COMPLETE": true, "COMPLETED": true, "ONGOING": true,
	"RED": true, "AMBER": true, "GREEN": true, "YES": true, "TBC": true, "NIL": true, "NONE": true,
	"OFFICIAL": true, "OFFICIAL-SENSITIVE": true, "SENSITIVE": true, "CONFIDENTIAL": true,
	"RESTRICTED": true, "UNCLASSIFIED": true, "DRAFT": true, "FINAL": true, "PUBLIC": true,
	"PRIVATE": true, "NHS": true, "ENDS": true, "END": true,
}

// textContinuesHeading reports whether a line in capitals, straight
// under a heading in capitals, carries that heading on: it does unless
// it opens a heading of its own (a section number), is a table's row,
// names a part of the paper ("RECOMMENDATIONS") or is one of
// textCapsLabels ("OFFICIAL").
func textContinuesHeading(line string) bool {
	if !textIsCapsHeading(line) && !textIsCapsWord(line) || textIsRow(line) || textIsCapsPart(line) || textIsCapsLabel(line) {
		return false
	}
	w := strings.Fields(line)
	return !textSectionNumber(w[0])
}

// textCapsParts are single words in capitals that name a part of a
// paper rather than its topic.
var textCapsParts = map[string]bool{
	"SUMMARY": true, "RECOMMENDATION": true, "RECOMMENDATIONS": true, "PURPOSE": true,
	"BACKGROUND": true, "INTRODUCTION": true, "CONTEXT": true, "OVERVIEW": true,
	"CONCLUSION": true, "CONCLUSIONS": true, "DECISION": true, "DECISIONS": true,
	"ALERT": true, "ADVISE": true, "ASSURE": true,
	"COVER SHEET": true, "COVER PAPER": true, "REPORT COVER SHEET": true, "PAPER COVER SHEET": true,
}

// textIsCapsPart reports whether a line is one of textCapsParts, with
// any closing punctuation ("SUMMARY:").
func textIsCapsPart(s string) bool {
	return textCapsParts[strings.Join(strings.Fields(strings.TrimRight(s, ".:;,!")), " ")]
}

// textIsCapsLabel reports whether a word in capitals is one of
// textCapsLabels, with any closing punctuation ("APPROVED.", "NOTED:").
func textIsCapsLabel(s string) bool {
	return textCapsLabels[strings.TrimRight(s, ".:;,!")]
}

// textIsHeaderRow reports whether a line in capitals is the header row
// of a table ("MEASURE   BASELINE   YEAR 1 TARGET"): three or more cells.
// Read as a heading, it would open a section of its own rows and hide
// from them the columns that say what their figures are. A running
// header of two ("TRUST BOARD      MAY 2024") stays a heading.
func textIsHeaderRow(s string) bool {
	return textIsRow(s) && strings.Count(textRowCells(s), " | ") >= 2
}

// textSectionNumber reports whether a word numbers a section: "5.",
// "5", "5.2", "12.".
func textSectionNumber(w string) bool {
	w = strings.TrimSuffix(w, ".")
	if w == "" {
		return false
	}
	for _, part := range strings.Split(w, ".") {
		if part == "" || len(part) > 2 || strings.Trim(part, "0123456789") != "" {
			return false
		}
	}
	return true
}

// textIsRow reports whether a line holds columns: text, then three or
// more spaces or a tab, then more text.
func textIsRow(s string) bool {
	return strings.Contains(s, "\t") || strings.Contains(s, "   ")
}

// textRowCells joins a row's cells with " | ". In a table drawn with bars
// ("Green champions      | 74   | 53") the bars divide the cells and the
// spaces only align them; the outer bars of "| a | b |" open and close
// the row.
func textRowCells(s string) string {
	if strings.Contains(s, "|") {
		cells := strings.Split(s, "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		if cells[0] == "" {
			cells = cells[1:]
		}
		if len(cells) > 0 && cells[len(cells)-1] == "" {
			cells = cells[:len(cells)-1]
		}
		return strings.Join(cells, " | ")
	}
	var cells []string
	rest := strings.ReplaceAll(s, "\t", "   ")
	for rest != "" {
		i := strings.Index(rest, "   ")
		if i < 0 {
			cells = append(cells, strings.TrimSpace(rest))
			break
		}
		if c := strings.TrimSpace(rest[:i]); c != "" {
			cells = append(cells, c)
		}
		rest = strings.TrimLeft(rest[i:], " ")
	}
	return strings.Join(cells, " | ")
}

// textIsField reports whether a line opens with a short label and a colon
// ("Executive lead : ...", "Purpose: Approval"): a field of a cover sheet.
func textIsField(s string) bool {
	label, value, ok := strings.Cut(s, ":")
	if !ok || strings.TrimSpace(value) == "" || label == "" || label != strings.TrimLeft(label, " ") {
		return false
	}
	words := strings.Fields(label)
	if len(words) == 0 || len(words) > 4 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(words[0])
	return r >= 'A' && r <= 'Z' && !strings.ContainsAny(label, ".;,")
}

func (p *textParser) markdownLine(line string, first bool) {
	trimmed := strings.TrimSpace(line)
	// YAML front matter: "---" on the first line up to "---" or "...".
	if first && trimmed == "---" {
		p.frontMatter = true
		return
	}
	if p.frontMatter {
		if trimmed == "---" || trimmed == "..." {
			p.frontMatter = false
			return
		}
		if k, v, ok := strings.Cut(trimmed, ":"); ok && strings.EqualFold(strings.TrimSpace(k), "title") && p.out.Title == "" {
			p.out.Title = NormaliseLine(strings.Trim(strings.TrimSpace(v), `"'`))
		}
		return
	}
	// Fenced code: kept as one block, verbatim apart from normalising.
	if p.fence != "" {
		if strings.HasPrefix(trimmed, p.fence) {
			p.flush()
			p.fence = ""
			return
		}
		if trimmed != "" {
			p.para.add(line)
		}
		return
	}
	if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
		p.flush()
		p.fence = trimmed[:3]
		return
	}
	// Block quotes: drop the markers and read what is inside.
	for strings.HasPrefix(trimmed, ">") {
		trimmed = strings.TrimSpace(trimmed[1:])
	}
	if trimmed == "" {
		p.flush()
		return
	}
	if strings.HasPrefix(trimmed, "<!--") {
		return // an HTML comment line
	}
	// ATX heading.
	if level, text, ok := textATXHeading(trimmed); ok {
		p.flush()
		p.heading(level, text)
		return
	}
	// Setext underline, or a thematic break.
	if c := textRuleChar(trimmed); c != 0 {
		if (c == '=' || c == '-') && !p.para.empty() && !p.inItem {
			text := p.para.String()
			p.para.reset()
			level := 1
			if c == '-' {
				level = 2
			}
			p.heading(level, text)
			return
		}
		if c != '=' {
			p.flush()
			return
		}
	}
	// Table row: one block per row, cells joined by " | ".
	if strings.HasPrefix(trimmed, "|") {
		p.flush()
		if row := textMarkdownRow(trimmed); row != "" {
			p.em.add(p.page, p.section, NormaliseLine(textMarkdownInline(row)))
		}
		return
	}
	// A line all in bold that opens a block ("**7. Anchor programme
	// update**") is how minutes and papers converted from Word mark their
	// items: a heading, so that what follows is placed under it.
	if p.para.empty() {
		if text, ok := textBoldHeading(trimmed); ok {
			p.heading(6, text)
			return
		}
	}
	if rest, ordered, num, ok := textListMarker(trimmed); ok {
		// An ordered item other than "1." does not interrupt a paragraph.
		if !ordered || num == 1 || p.para.empty() || p.inItem {
			p.flush()
			p.inItem = true
			p.para.add(textMarkdownInline(rest))
			return
		}
	}
	p.para.add(textMarkdownInline(trimmed))
}

func (p *textParser) heading(level int, text string) {
	text = NormaliseLine(textMarkdownInline(text))
	if text == "" {
		return
	}
	p.section = text
	p.em.add(p.page, p.section, text)
	if level == 1 && p.h1Title == "" {
		p.h1Title = text
	}
	if p.anyTitle == "" {
		p.anyTitle = text
	}
}

// textBoldHeading recognises a line wholly in bold that reads as a
// heading: a few words, not a label ("**Present:**") nor a sentence in
// bold for emphasis ("**The Board APPROVED the strategy.**").
func textBoldHeading(s string) (string, bool) {
	var inner string
	for _, m := range []string{"**", "__"} {
		if len(s) > 2*len(m) && strings.HasPrefix(s, m) && strings.HasSuffix(s, m) {
			inner = strings.TrimSpace(s[len(m) : len(s)-len(m)])
			if strings.Contains(inner, m) {
				return "", false
			}
			break
		}
	}
	return inner, boldReadsAsHeading(inner)
}

// boldReadsAsHeading reports whether a paragraph all in bold reads as a
// heading: at most maxBoldHeadingWords words, not ending as a label
// (":") or a sentence (".", ";", ",") does. Minutes and papers written in
// Word mark their items so more often than with heading styles.
func boldReadsAsHeading(text string) bool {
	text = strings.TrimSpace(text)
	return text != "" && len(strings.Fields(text)) <= maxBoldHeadingWords && !strings.ContainsAny(text[len(text)-1:], ":.;,")
}

// maxBoldHeadingWords is the most words a bold line read as a heading
// has: item titles in minutes run to about a dozen.
const maxBoldHeadingWords = 16

// textATXHeading recognises "# Heading ##".
func textATXHeading(s string) (int, string, bool) {
	level := 0
	for level < len(s) && s[level] == '#' {
		level++
	}
	if level == 0 || level > 6 {
		return 0, "", false
	}
	rest := s[level:]
	if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		return 0, "", false
	}
	rest = strings.TrimSpace(rest)
	// A closing run of #s preceded by a space is not part of the text.
	if t := strings.TrimRight(rest, "#"); t != rest && (t == "" || strings.HasSuffix(t, " ") || strings.HasSuffix(t, "\t")) {
		rest = strings.TrimSpace(t)
	}
	return level, rest, true
}

// textRuleChar returns '=', '-', '*' or '_' when s is a line of only that
// character (and spaces), at least three of them or any number of '='.
func textRuleChar(s string) byte {
	c := s[0]
	if c != '=' && c != '-' && c != '*' && c != '_' {
		return 0
	}
	n := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case c:
			n++
		case ' ', '\t':
			if c == '=' {
				return 0
			}
		default:
			return 0
		}
	}
	if c == '=' || n >= 3 {
		return c
	}
	return 0
}

// textListMarker recognises "- ", "* ", "+ ", "1. " and "1) ".
func textListMarker(s string) (rest string, ordered bool, num int, ok bool) {
	if len(s) >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && (s[1] == ' ' || s[1] == '\t') {
		return strings.TrimSpace(s[2:]), false, 0, true
	}
	i := 0
	for i < len(s) && i < 9 && s[i] >= '0' && s[i] <= '9' {
		num = num*10 + int(s[i]-'0')
		i++
	}
	if i == 0 || i+1 >= len(s) || (s[i] != '.' && s[i] != ')') || (s[i+1] != ' ' && s[i+1] != '\t') {
		return "", false, 0, false
	}
	return strings.TrimSpace(s[i+2:]), true, num, true
}

// textMarkdownRow turns "| a | b |" into "a | b"; a delimiter row
// ("|---|:--:|") gives "".
func textMarkdownRow(s string) string {
	s = strings.TrimPrefix(s, "|")
	s = strings.TrimSuffix(s, "|")
	cells := strings.Split(s, "|")
	var keep []string
	delim := true
	for _, c := range cells {
		c = strings.TrimSpace(c)
		if strings.Trim(c, "-: ") != "" {
			delim = false
		}
		if c != "" {
			keep = append(keep, c)
		}
	}
	if delim {
		return ""
	}
	return strings.Join(keep, " | ")
}

// textMarkdownInline strips the commonest inline markup, minimally:
// images and links keep their text, ** and __ go, a lone * or _ goes at
// the edge of a word (so snake_case and "2 * 3" survive), backticks go,
// and a backslash escape keeps its character.
func textMarkdownInline(s string) string {
	if !strings.ContainsAny(s, "*_[`\\!") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && strings.IndexByte("\\`*_{}[]()#+-.!|<>~", s[i+1]) >= 0:
			b.WriteByte(s[i+1])
			i += 2
			continue
		case c == '!' && i+1 < len(s) && s[i+1] == '[':
			i++ // an image: keep its alt text as for a link
			continue
		case c == '[':
			if text, n, ok := textMarkdownLink(s[i:]); ok {
				b.WriteString(text)
				i += n
				continue
			}
		case c == '`':
			i++
			continue
		case (c == '*' || c == '_') && i+1 < len(s) && s[i+1] == c:
			i += 2
			continue
		case c == '*' || c == '_':
			prevSpace := i == 0 || textIsBoundary(s[i-1])
			nextSpace := i+1 == len(s) || textIsBoundary(s[i+1])
			if prevSpace != nextSpace { // opening or closing emphasis
				i++
				continue
			}
		}
		b.WriteByte(c)
		i++
	}
	return b.String()
}

func textIsBoundary(c byte) bool {
	return c == ' ' || c == '\t' || (c < 0x80 && strings.IndexByte(`.,;:!?"'()[]{}<>`, c) >= 0)
}

// textMarkdownLink reads "[text](target)" or "[text][ref]" at the start of
// s and returns the text and the length consumed.
func textMarkdownLink(s string) (string, int, bool) {
	end := strings.IndexByte(s, ']')
	if end < 0 || end+1 >= len(s) {
		return "", 0, false
	}
	text := s[1:end]
	if strings.IndexByte(text, '[') >= 0 {
		return "", 0, false
	}
	var closer byte
	switch s[end+1] {
	case '(':
		closer = ')'
	case '[':
		closer = ']'
	default:
		return "", 0, false
	}
	k := strings.IndexByte(s[end+2:], closer)
	if k < 0 {
		return "", 0, false
	}
	return text, end + 2 + k + 1, true
}
