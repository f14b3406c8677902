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

// linkZip writes the parts that get links through an inserter, which adds
// them where the part's closing tag arrives; everything else passes
// straight on. Parts are streamed, not held: an evidence sheet can run to
// tens of megabytes.
type linkZip struct {
	excelize.ZipWriter
	sheets, rels map[string][]bulkLink
	open         *inserter // the part being written, if it gets links
}

func (z *linkZip) Create(name string) (io.Writer, error) {
	if err := z.finish(); err != nil {
		return nil, err
	}
	w, err := z.ZipWriter.Create(name)
	if err != nil {
		return nil, err
	}
	if links := z.sheets[name]; links != nil {
		z.open = &inserter{w: w, name: name, marker: []byte("</hyperlinks>"), add: func(b *bytes.Buffer) {
			for i, l := range links {
				fmt.Fprintf(b, `<hyperlink ref="%s" r:id="rIdB%d" tooltip="%s"/>`, l.cell, i+1, escape(l.tooltip))
			}
		}}
		return z.open, nil
	}
	if links := z.rels[name]; links != nil {
		z.open = &inserter{w: w, name: name, marker: []byte("</Relationships>"), add: func(b *bytes.Buffer) {
			for i, l := range links {
				fmt.Fprintf(b, `<Relationship Id="rIdB%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="%s" TargetMode="External"/>`, i+1, escape(l.target))
			}
		}}
		return z.open, nil
	}
	return w, nil
}

func (z *linkZip) AddFS(fsys fs.FS) error {
	if err := z.finish(); err != nil {
		return err
	}
	return z.ZipWriter.AddFS(fsys)
}

func (z *linkZip) Close() error {
	if err := z.finish(); err != nil {
		return err
	}
	return z.ZipWriter.Close()
}

// finish ends the part being written through an inserter.
func (z *linkZip) finish() error {
	if z.open == nil {
		return nil
	}
	in := z.open
	z.open = nil
	return in.close()
}

// inserter passes a part through to w, and writes what add writes just
// before the first marker (a closing tag: in an XML part a literal one is
// only ever markup, since text is escaped). It holds back only as many
// bytes as a marker cut between two writes could need.
type inserter struct {
	w      io.Writer
	name   string
	marker []byte
	add    func(*bytes.Buffer)
	tail   []byte // bytes held back: a marker may start in them
	done   bool
}

func (in *inserter) Write(p []byte) (int, error) {
	if in.done {
		return in.w.Write(p)
	}
	data := append(in.tail, p...)
	if at := bytes.Index(data, in.marker); at >= 0 {
		var b bytes.Buffer
		b.Write(data[:at])
		in.add(&b)
		b.Write(data[at:])
		in.tail, in.done = nil, true
		if _, err := in.w.Write(b.Bytes()); err != nil {
			return 0, err
		}
		return len(p), nil
	}
	keep := min(len(data), len(in.marker)-1)
	if _, err := in.w.Write(data[:len(data)-keep]); err != nil {
		return 0, err
	}
	in.tail = append(in.tail[:0:0], data[len(data)-keep:]...)
	return len(p), nil
}

func (in *inserter) close() error {
	if !in.done {
		return fmt.Errorf("%s: no %s to add hyperlinks to", in.name, in.marker)
	}
	return nil
}

func escape(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return strings.ReplaceAll(b.String(), `"`, "&#34;")
}
