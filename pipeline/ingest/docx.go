package ingest

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/net/html/charset"

	"github.com/anchorscore/anchorscore/pipeline/doc"
)

// docxExtractor reads Word documents (Office Open XML, .docx).
//
// What it reads, in order:
//   - word/document.xml: every paragraph is a block; a paragraph styled
//     Title or Heading 1-9 (by style id, style name or outline level, as
//     set in word/styles.xml) is a block and becomes the Section of the
//     blocks after it; a list item is a paragraph and so a block of its
//     own; a table row is one block, its cells (each cell's paragraphs
//     joined by a space) separated by " | ", so a sentence in a cell stays
//     whole and keeps its row's context (the label in the first column);
//     a table nested in a cell is folded into that cell's text. Text in
//     text boxes becomes blocks of its own. Deleted and moved-from tracked
//     changes, hidden text (w:vanish), the mc:Fallback copy of drawings,
//     content controls still showing their placeholder prompt, and
//     table-of-contents paragraphs (TOC styles) are skipped.
//   - word/footnotes.xml and word/endnotes.xml, Section "Footnotes" and
//     "Endnotes".
//   - word/header*.xml and word/footer*.xml, once each (not per page), at
//     the end, Section "Header" and "Footer". A header or footer line that
//     repeats one already taken (Word keeps first-page, odd and even
//     variants) or that has no letters in it (a page number) is dropped.
//   - docProps/core.xml: Title from dc:title (else the first Title-styled
//     paragraph, else the first heading), Created from dcterms:created.
//
// Defences: the XML decoder is strict and a DOCTYPE or ENTITY
// declaration in any part is refused, so no entity is ever expanded;
// the total uncompressed size read from the zip is capped at
// docxMaxExpanded; element nesting is capped at docxMaxDepth.
type docxExtractor struct{}

// docxMaxExpanded caps the uncompressed bytes read from all the zip
// members of one DOCX together (zip bombs exist). Tests lower it.
var docxMaxExpanded int64 = 200 << 20

// docxMaxDepth caps XML element nesting; Word's own documents stay well
// under a hundred levels.
const docxMaxDepth = 5000

// docxMaxParts caps how many header, footer and note parts are read.
const docxMaxParts = 64

// docxErrTooLarge is wrapped by the error for a DOCX whose members expand
// beyond docxMaxExpanded.
var docxErrTooLarge = errors.New("zip member expands beyond the size limit")

// docxErrDTD is wrapped by the error for a part that declares a DTD.
var docxErrDTD = errors.New("XML declares a DTD or entity, refused")

var (
	docxZipMagic = []byte("PK\x03\x04")
	docxOLEMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

func (docxExtractor) Format() doc.Format { return doc.FormatDOCX }

// Sniff accepts any zip archive (Extract then checks that it holds a Word
// document) and, for names ending .docx or .doc, an OLE compound file:
// that is how Word stores a password-protected .docx, and an old binary
// .doc, and Extract then says which it is.
func (docxExtractor) Sniff(head []byte, ext string) bool {
	if bytes.HasPrefix(head, docxZipMagic) {
		return true
	}
	if bytes.HasPrefix(head, docxOLEMagic) {
		switch ext {
		case ".docx", ".docm", ".doc", ".dotx":
			return true
		}
	}
	return false
}

func (docxExtractor) Extract(ctx context.Context, r io.ReaderAt, size int64) (*doc.Text, error) {
	if size <= 0 {
		return nil, textErrEmpty
	}
	var magic [8]byte
	if n, _ := r.ReadAt(magic[:], 0); n == len(magic) && bytes.Equal(magic[:], docxOLEMagic) {
		return nil, docxOLEError(ctx, r, size)
	}
	zr, err := zip.NewReader(r, size)
	if err != nil && !(errors.Is(err, zip.ErrInsecurePath) && zr != nil) {
		return nil, fmt.Errorf("not a Word document: not a zip archive: %w", err)
	}
	x := &docxReader{
		ctx:    ctx,
		files:  make(map[string]*zip.File, len(zr.File)),
		lower:  make(map[string]*zip.File, len(zr.File)),
		budget: docxMaxExpanded,
		out:    &doc.Text{Format: doc.FormatDOCX},
	}
	for _, f := range zr.File {
		if _, dup := x.files[f.Name]; !dup {
			x.files[f.Name] = f
		}
		if l := strings.ToLower(f.Name); x.lower[l] == nil {
			x.lower[l] = f
		}
	}
	main := x.file("word/document.xml")
	if main == nil {
		return nil, errors.New("not a Word document: zip has no word/document.xml")
	}
	return x.read(main)
}

// docxOLEError explains an OLE compound file handed in as a Word document.
func docxOLEError(ctx context.Context, r io.ReaderAt, size int64) error {
	// An encrypted OOXML package keeps its key data in a stream called
	// "EncryptionInfo"; look for the name (UTF-16LE) in the directory.
	name := []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o\x00")
	const chunk = 1 << 20
	buf := make([]byte, chunk+len(name))
	for off := int64(0); off < size; off += chunk {
		if ctx.Err() != nil {
			break
		}
		n, err := r.ReadAt(buf, off)
		if bytes.Contains(buf[:n], name) {
			return fmt.Errorf("%w (password-protected Word document)", ErrEncrypted)
		}
		if err != nil {
			break
		}
	}
	return fmt.Errorf("%w: an old binary Word (.doc) or other OLE file; save it as .docx", ErrUnsupported)
}

// docxReader holds the state of one extraction.
type docxReader struct {
	ctx    context.Context
	files  map[string]*zip.File
	lower  map[string]*zip.File
	budget int64 // bytes still allowed to be decompressed
	styles map[string]docxStyle
	out    *doc.Text
	em     textEmitter
}

func (x *docxReader) file(name string) *zip.File {
	if f := x.files[name]; f != nil {
		return f
	}
	return x.lower[strings.ToLower(name)]
}

// fatal reports errors that end the extraction whichever part they
// come from.
func docxFatal(err error) bool {
	return errors.Is(err, docxErrTooLarge) || errors.Is(err, docxErrDTD) ||
		errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

func (x *docxReader) read(main *zip.File) (*doc.Text, error) {
	out := x.out
	// Metadata and styles first; losing them costs little.
	if f := x.file("docProps/core.xml"); f != nil {
		if err := x.readCore(f); err != nil {
			if docxFatal(err) {
				return nil, fmt.Errorf("docx: %s: %w", f.Name, err)
			}
			out.Warnings = append(out.Warnings, fmt.Sprintf("docx: %s: %v", f.Name, err))
		}
	}
	x.styles = map[string]docxStyle{}
	if f := x.file("word/styles.xml"); f != nil {
		if err := x.readStyles(f); err != nil {
			if docxFatal(err) {
				return nil, fmt.Errorf("docx: %s: %w", f.Name, err)
			}
			out.Warnings = append(out.Warnings, fmt.Sprintf("docx: %s: %v", f.Name, err))
		}
	}

	// The body.
	section, firstHeading, titlePara := "", "", ""
	err := x.readBody(main, func(text string, kind docxKind) {
		switch kind {
		case docxTitle, docxHeading:
			section = text
			if kind == docxTitle && titlePara == "" {
				titlePara = text
			}
			if firstHeading == "" {
				firstHeading = text
			}
		}
		x.em.add(0, section, text)
	})
	if err != nil {
		if docxFatal(err) || len(x.em.blocks) == 0 {
			return nil, fmt.Errorf("docx: %s: %w", main.Name, err)
		}
		out.Warnings = append(out.Warnings, fmt.Sprintf("docx: %s: %v (text after it lost)", main.Name, err))
	}
	if out.Title == "" {
		out.Title = titlePara
	}
	if out.Title == "" {
		out.Title = firstHeading
	}

	// Notes, then headers and footers.
	parts := []struct{ prefix, section string }{
		{"word/footnotes", "Footnotes"},
		{"word/endnotes", "Endnotes"},
		{"word/header", "Header"},
		{"word/footer", "Footer"},
	}
	seen := map[string]bool{}
	for _, p := range parts {
		for _, f := range x.parts(p.prefix) {
			dedupe := p.section == "Header" || p.section == "Footer"
			err := x.readBody(f, func(text string, _ docxKind) {
				if dedupe {
					if seen[text] || !docxHasLetter(text) {
						return
					}
					seen[text] = true
				}
				x.em.add(0, p.section, text)
			})
			if err != nil {
				if docxFatal(err) {
					return nil, fmt.Errorf("docx: %s: %w", f.Name, err)
				}
				out.Warnings = append(out.Warnings, fmt.Sprintf("docx: %s: %v", f.Name, err))
			}
		}
	}
	out.Blocks = x.em.blocks
	if len(out.Blocks) == 0 {
		out.Warnings = append(out.Warnings, "no text found")
	}
	return out, nil
}

// parts lists word/<prefix>N.xml in numeric order.
func (x *docxReader) parts(prefix string) []*zip.File {
	type part struct {
		n int
		f *zip.File
	}
	var ps []part
	for name, f := range x.lower {
		rest, ok := strings.CutPrefix(name, prefix)
		if !ok {
			continue
		}
		rest, ok = strings.CutSuffix(rest, ".xml")
		if !ok {
			continue
		}
		n := 0
		if rest != "" {
			v, err := strconv.Atoi(rest)
			if err != nil || v < 0 {
				continue
			}
			n = v
		}
		ps = append(ps, part{n, f})
	}
	sort.Slice(ps, func(i, j int) bool {
		if ps[i].n != ps[j].n {
			return ps[i].n < ps[j].n
		}
		return ps[i].f.Name < ps[j].f.Name
	})
	if len(ps) > docxMaxParts {
		ps = ps[:docxMaxParts]
	}
	out := make([]*zip.File, len(ps))
	for i, p := range ps {
		out[i] = p.f
	}
	return out
}

func docxHasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// open opens a zip member for reading, charging what it expands to
// against the budget.
func (x *docxReader) open(f *zip.File) (io.ReadCloser, error) {
	if f.UncompressedSize64 > uint64(max(x.budget, 0)) {
		return nil, x.tooLarge()
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	return &docxLimited{rc: rc, x: x}, nil
}

func (x *docxReader) tooLarge() error {
	return fmt.Errorf("%w: the limit is %s of uncompressed content (a zip bomb?)",
		docxErrTooLarge, textFormatSize(docxMaxExpanded))
}

type docxLimited struct {
	rc io.ReadCloser
	x  *docxReader
}

func (l *docxLimited) Read(p []byte) (int, error) {
	if err := l.x.ctx.Err(); err != nil {
		return 0, err
	}
	if int64(len(p)) > l.x.budget+1 {
		p = p[:l.x.budget+1]
	}
	n, err := l.rc.Read(p)
	l.x.budget -= int64(n)
	if l.x.budget < 0 {
		return 0, l.x.tooLarge()
	}
	return n, err
}

func (l *docxLimited) Close() error { return l.rc.Close() }

// docxWalker pulls tokens from one part, enforcing the defences.
type docxWalker struct {
	ctx   context.Context
	d     *xml.Decoder
	depth int
	n     int
}

func newDocxWalker(ctx context.Context, r io.Reader) *docxWalker {
	d := xml.NewDecoder(bufio.NewReaderSize(r, 64<<10))
	d.Strict = true
	d.CharsetReader = charset.NewReaderLabel
	return &docxWalker{ctx: ctx, d: d}
}

// next returns the next token; CharData is only valid until the next call.
func (w *docxWalker) next() (xml.Token, error) {
	tok, err := w.d.Token()
	if err != nil {
		return nil, err
	}
	w.n++
	if w.n&0xFFF == 0 {
		if err := w.ctx.Err(); err != nil {
			return nil, err
		}
	}
	switch t := tok.(type) {
	case xml.StartElement:
		w.depth++
		if w.depth > docxMaxDepth {
			return nil, fmt.Errorf("XML nested more than %d deep", docxMaxDepth)
		}
	case xml.EndElement:
		w.depth--
	case xml.Directive:
		d := strings.ToUpper(strings.TrimSpace(string(t)))
		if strings.HasPrefix(d, "DOCTYPE") || strings.HasPrefix(d, "ENTITY") {
			return nil, docxErrDTD
		}
	}
	return tok, nil
}

// docxIsW reports whether a namespace is WordprocessingML's, in its
// transitional or strict form (or unresolved, for a part that forgot to
// declare it).
func docxIsW(space string) bool {
	return space == "w" || strings.HasSuffix(space, "/wordprocessingml/2006/main") ||
		strings.HasSuffix(space, "/ooxml/wordprocessingml/main")
}

func docxAttr(se xml.StartElement, local string) (string, bool) {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

// readCore reads dc:title and dcterms:created from docProps/core.xml.
func (x *docxReader) readCore(f *zip.File) error {
	rc, err := x.open(f)
	if err != nil {
		return err
	}
	defer rc.Close()
	w := newDocxWalker(x.ctx, rc)
	var field string
	var text strings.Builder
	for {
		tok, err := w.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if w.depth == 2 && (t.Name.Local == "title" || t.Name.Local == "created") {
				field = t.Name.Local
				text.Reset()
			}
		case xml.CharData:
			if field != "" && text.Len() < 64<<10 {
				text.Write(t)
			}
		case xml.EndElement:
			if field != "" && t.Name.Local == field {
				switch field {
				case "title":
					x.out.Title = NormaliseLine(text.String())
				case "created":
					x.out.Created = textParseDate(text.String())
				}
				field = ""
			}
		}
	}
}

// docxStyle is what word/styles.xml says about one paragraph style.
type docxStyle struct {
	name    string
	basedOn string
	outline int // outline level 0-8, or -1
}

func (x *docxReader) readStyles(f *zip.File) error {
	rc, err := x.open(f)
	if err != nil {
		return err
	}
	defer rc.Close()
	w := newDocxWalker(x.ctx, rc)
	var id string
	var st docxStyle
	for {
		tok, err := w.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "style":
				id, _ = docxAttr(t, "styleId")
				st = docxStyle{outline: -1}
			case "name":
				st.name, _ = docxAttr(t, "val")
			case "basedOn":
				st.basedOn, _ = docxAttr(t, "val")
			case "outlineLvl":
				if v, ok := docxAttr(t, "val"); ok {
					if n, err := strconv.Atoi(v); err == nil {
						st.outline = n
					}
				}
			}
		case xml.EndElement:
			if t.Name.Local == "style" && id != "" {
				if len(x.styles) < 1<<16 {
					x.styles[id] = st
				}
				id = ""
			}
		}
	}
}

// docxKind classifies a paragraph.
type docxKind int

const (
	docxBody docxKind = iota
	docxHeading
	docxTitle
	docxTOC // table of contents: skipped
)

func docxStyleKey(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), ""))
}

func docxKeyKind(key string) (docxKind, bool) {
	switch {
	case key == "title":
		return docxTitle, true
	case len(key) == 8 && strings.HasPrefix(key, "heading") && key[7] >= '1' && key[7] <= '9':
		return docxHeading, true
	case key == "tocheading" || (len(key) == 4 && strings.HasPrefix(key, "toc") && key[3] >= '1' && key[3] <= '9'):
		return docxTOC, true
	}
	return docxBody, false
}

// kind resolves a paragraph's style id (following basedOn) and its own
// outline level to a kind.
func (x *docxReader) kind(styleID string, outline int) docxKind {
	id := styleID
	for range 10 {
		if id == "" {
			break
		}
		if k, ok := docxKeyKind(docxStyleKey(id)); ok {
			return k
		}
		st, ok := x.styles[id]
		if !ok {
			break
		}
		if k, ok := docxKeyKind(docxStyleKey(st.name)); ok {
			return k
		}
		if outline < 0 && st.outline >= 0 && st.outline <= 8 {
			return docxHeading
		}
		id = st.basedOn
	}
	if outline >= 0 && outline <= 8 {
		return docxHeading
	}
	return docxBody
}

// docxPara is a paragraph being read.
type docxPara struct {
	style   string
	outline int
	lines   textJoiner
	cur     strings.Builder
	// bold and plain: some of the paragraph's text is in bold runs, some
	// not. A paragraph all in bold may be a heading (boldReadsAsHeading).
	bold, plain bool
}

func (p *docxPara) newline() {
	p.lines.add(p.cur.String())
	p.cur.Reset()
}

func (p *docxPara) text() string {
	p.newline()
	return p.lines.String()
}

// docxTable is a table being read.
type docxTable struct {
	cells []string // the finished cells of the open row
	cell  []string // the finished paragraphs of the open cell
}

// readBody reads the paragraphs and tables of a document, header, footer
// or notes part, calling emit for each block in order.
func (x *docxReader) readBody(f *zip.File, emit func(text string, kind docxKind)) error {
	rc, err := x.open(f)
	if err != nil {
		return err
	}
	defer rc.Close()
	w := newDocxWalker(x.ctx, rc)

	var (
		paras  []*docxPara
		tables []*docxTable
		skip   int  // >0: inside a subtree being skipped, its depth
		inRun  int  // depth of w:r elements open
		inT    bool // inside w:t
		hidden bool // the open run is hidden (w:vanish)
		bold   bool // the open run is bold (w:b)
		inRPr  bool // inside the open run's w:rPr
		inPPr  bool // inside the open paragraph's w:pPr
		// placeholder has one entry per open w:sdt: whether it shows
		// placeholder text ("Click or tap here to enter text.").
		placeholder []bool
	)
	// finish hands a finished paragraph or row to the table above it or
	// to emit.
	finish := func(text string, kind docxKind) {
		if text == "" {
			return
		}
		if n := len(tables); n > 0 {
			t := tables[n-1]
			t.cell = append(t.cell, text)
			return
		}
		emit(text, kind)
	}
	for {
		tok, err := w.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if skip > 0 {
			switch tok.(type) {
			case xml.StartElement:
				skip++
			case xml.EndElement:
				skip--
			}
			continue
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local == "Fallback" {
				skip = 1 // mc:AlternateContent repeats its mc:Choice here
				continue
			}
			if !docxIsW(t.Name.Space) {
				continue
			}
			switch t.Name.Local {
			case "moveFrom", "del", "instrText", "delText", "commentReference",
				"pPrChange", "rPrChange", "sectPrChange", "tblPrChange", "trPrChange", "tcPrChange":
				skip = 1 // deleted or superseded content, field codes, old formatting
			case "sdt":
				placeholder = append(placeholder, false)
			case "showingPlcHdr":
				if n := len(placeholder); n > 0 {
					placeholder[n-1] = true
				}
			case "sdtContent":
				if n := len(placeholder); n > 0 && placeholder[n-1] {
					skip = 1 // a content control still showing its prompt text
				}
			case "p":
				paras = append(paras, &docxPara{outline: -1})
			case "pPr":
				inPPr = true
			case "pStyle":
				if inPPr && len(paras) > 0 {
					paras[len(paras)-1].style, _ = docxAttr(t, "val")
				}
			case "outlineLvl":
				if inPPr && len(paras) > 0 {
					if v, ok := docxAttr(t, "val"); ok {
						if n, err := strconv.Atoi(v); err == nil {
							paras[len(paras)-1].outline = n
						}
					}
				}
			case "r":
				inRun++
				hidden, bold = false, false
			case "rPr":
				if inRun > 0 && !inPPr {
					inRPr = true
				}
			case "vanish":
				if inRPr {
					v, _ := docxAttr(t, "val")
					hidden = v != "0" && v != "false" && v != "off"
				}
			case "b":
				if inRPr {
					v, _ := docxAttr(t, "val")
					bold = v != "0" && v != "false" && v != "off"
				}
			case "t":
				inT = inRun > 0
			case "tab", "ptab":
				if inRun > 0 && !inPPr && len(paras) > 0 && !hidden {
					paras[len(paras)-1].cur.WriteByte(' ')
				}
			case "br", "cr":
				if inRun > 0 && len(paras) > 0 && !hidden {
					paras[len(paras)-1].newline()
				}
			case "noBreakHyphen":
				if inRun > 0 && len(paras) > 0 && !hidden {
					paras[len(paras)-1].cur.WriteByte('-')
				}
			case "softHyphen":
				if inRun > 0 && len(paras) > 0 && !hidden {
					paras[len(paras)-1].cur.WriteString("\u00AD")
				}
			case "tbl":
				tables = append(tables, &docxTable{})
			case "tr":
				if n := len(tables); n > 0 {
					tables[n-1].cells = tables[n-1].cells[:0]
				}
			case "tc":
				if n := len(tables); n > 0 {
					tables[n-1].cell = tables[n-1].cell[:0]
				}
			case "footnote", "endnote":
				if v, _ := docxAttr(t, "type"); v == "separator" || v == "continuationSeparator" || v == "continuationNotice" {
					skip = 1
				}
			}
		case xml.CharData:
			if inT && !hidden && len(paras) > 0 {
				p := paras[len(paras)-1]
				p.cur.Write(t)
				if len(bytes.TrimSpace(t)) > 0 {
					p.bold, p.plain = p.bold || bold, p.plain || !bold
				}
			}
		case xml.EndElement:
			if !docxIsW(t.Name.Space) {
				continue
			}
			switch t.Name.Local {
			case "t":
				inT = false
			case "r":
				if inRun > 0 {
					inRun--
				}
				hidden, inRPr = false, false
			case "rPr":
				inRPr = false
			case "pPr":
				inPPr = false
			case "p":
				if n := len(paras); n > 0 {
					p := paras[n-1]
					paras = paras[:n-1]
					kind := x.kind(p.style, p.outline)
					text := p.text()
					// Not in a table: a bold cell is a table's header.
					if kind == docxBody && p.bold && !p.plain && len(tables) == 0 && boldReadsAsHeading(text) {
						kind = docxHeading
					}
					if kind != docxTOC {
						finish(text, kind)
					}
				}
			case "tc":
				if n := len(tables); n > 0 {
					tb := tables[n-1]
					if c := strings.Join(tb.cell, " "); c != "" {
						tb.cells = append(tb.cells, c)
					}
					tb.cell = tb.cell[:0]
				}
			case "tr":
				if n := len(tables); n > 0 {
					tb := tables[n-1]
					row := strings.Join(tb.cells, " | ")
					tb.cells = tb.cells[:0]
					// A nested table's row goes into the enclosing cell.
					tables = tables[:n-1]
					finish(row, docxBody)
					tables = append(tables, tb)
				}
			case "tbl":
				if n := len(tables); n > 0 {
					tables = tables[:n-1]
				}
			case "sdt":
				if n := len(placeholder); n > 0 {
					placeholder = placeholder[:n-1]
				}
			}
		}
	}
	return nil
}
