package report

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// bulkLinks puts many hyperlinks on a sheet. excelize's SetCellHyperLink
// scans all the links and relationships the sheet already has before it
// adds one (qax-os/excelize#294), so a link on each of 4,000 evidence rows
// cost a third of a second and 10,000 over a second. The first link of a
// sheet goes through excelize, which makes the sheet's <hyperlinks>
// element, its relationships part and the namespace they need; the others
// are written into those two parts as the workbook's zip is written. This
// is the one place that works around the library here.
type bulkLinks struct {
	f      *excelize.File
	sheets map[string][]bulkLink // by sheet name: links after the first
	first  map[string]bool
}

type bulkLink struct{ cell, target, tooltip string }

func newBulkLinks(f *excelize.File) *bulkLinks {
	bl := &bulkLinks{f: f, sheets: map[string][]bulkLink{}, first: map[string]bool{}}
	f.SetZipWriter(bl.zipWriter)
	return bl
}

// add links cell on sheet to an external target.
func (bl *bulkLinks) add(sheet, cell, target, tooltip string) error {
	if !bl.first[sheet] {
		bl.first[sheet] = true
		return bl.f.SetCellHyperLink(sheet, cell, target, "External", excelize.HyperlinkOpts{Tooltip: &tooltip})
	}
	bl.sheets[sheet] = append(bl.sheets[sheet], bulkLink{cell, target, tooltip})
	return nil
}

// zipWriter is the workbook's zip writer: fastZip, with the links added to
// the parts that hold them.
func (bl *bulkLinks) zipWriter(w io.Writer) excelize.ZipWriter {
	lz := &linkZip{ZipWriter: fastZip(w), sheets: map[string][]bulkLink{}, rels: map[string][]bulkLink{}}
	ids := map[string]int{}
	for id, name := range bl.f.GetSheetMap() {
		ids[name] = id
	}
	for name, links := range bl.sheets {
		if id, ok := ids[name]; ok && len(links) > 0 {
			// excelize names a sheet's part after its id (NewSheet).
			part := "xl/worksheets/sheet" + strconv.Itoa(id) + ".xml"
			lz.sheets[part] = links
			lz.rels["xl/worksheets/_rels/sheet"+strconv.Itoa(id)+".xml.rels"] = links
		}
	}
	return lz
}

// linkZip holds back a part that gets links until it is whole, then adds
// them and writes it on.
type linkZip struct {
	excelize.ZipWriter
	sheets, rels map[string][]bulkLink
	pending      string
	buf          bytes.Buffer
}

func (z *linkZip) Create(name string) (io.Writer, error) {
	if err := z.flush(); err != nil {
		return nil, err
	}
	if z.sheets[name] != nil || z.rels[name] != nil {
		z.pending = name
		z.buf.Reset()
		return &z.buf, nil
	}
	return z.ZipWriter.Create(name)
}

func (z *linkZip) AddFS(fsys fs.FS) error {
	if err := z.flush(); err != nil {
		return err
	}
	return z.ZipWriter.AddFS(fsys)
}

func (z *linkZip) Close() error {
	if err := z.flush(); err != nil {
		return err
	}
	return z.ZipWriter.Close()
}

func (z *linkZip) flush() error {
	if z.pending == "" {
		return nil
	}
	name := z.pending
	z.pending = ""
	data := z.buf.Bytes()
	var err error
	if links := z.sheets[name]; links != nil {
		data, err = insertBefore(data, "</hyperlinks>", func(b *bytes.Buffer) {
			for i, l := range links {
				fmt.Fprintf(b, `<hyperlink ref="%s" r:id="rIdB%d" tooltip="%s"/>`, l.cell, i+1, escape(l.tooltip))
			}
		})
	} else {
		data, err = insertBefore(data, "</Relationships>", func(b *bytes.Buffer) {
			for i, l := range z.rels[name] {
				fmt.Fprintf(b, `<Relationship Id="rIdB%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="%s" TargetMode="External"/>`, i+1, escape(l.target))
			}
		})
	}
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	w, err := z.ZipWriter.Create(name)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

// insertBefore writes what add writes just before the last closing tag in
// data.
func insertBefore(data []byte, closing string, add func(*bytes.Buffer)) ([]byte, error) {
	at := bytes.LastIndex(data, []byte(closing))
	if at < 0 {
		return nil, fmt.Errorf("no %s to add hyperlinks to", closing)
	}
	var b bytes.Buffer
	b.Grow(len(data) + 64<<10)
	b.Write(data[:at])
	add(&b)
	b.Write(data[at:])
	return b.Bytes(), nil
}

func escape(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return strings.ReplaceAll(b.String(), `"`, "&#34;")
}
