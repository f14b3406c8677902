package report

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/xml"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"io/fs"
	"regexp"
	"slices"
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
// are written into those two parts as the workbook's zip is written.
//
// This file is the one place that works around excelize: bulk links here,
// and stableZip below, which writes a workbook's parts in a stable order.
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
		z.open = &inserter{w: w, name: name, marker: []byte("</hyperlinks>"), add: func(b *bufio.Writer) {
			for i, l := range links {
				fmt.Fprintf(b, `<hyperlink ref="%s" r:id="rIdB%d" tooltip="%s"/>`, l.cell, i+1, escape(l.tooltip))
			}
		}}
		return z.open, nil
	}
	if links := z.rels[name]; links != nil {
		z.open = &inserter{w: w, name: name, marker: []byte("</Relationships>"), add: func(b *bufio.Writer) {
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
	add    func(*bufio.Writer)
	tail   []byte // bytes held back: a marker may start in them
	done   bool
}

func (in *inserter) Write(p []byte) (int, error) {
	if in.done {
		return in.w.Write(p)
	}
	// The marker lies in p, or starts in the bytes held back: only those
	// and the head of p are joined to look, never the whole of p.
	if len(in.tail) > 0 {
		n := min(len(p), len(in.marker)-1)
		head := append(slices.Clip(in.tail), p[:n]...)
		if at := bytes.Index(head, in.marker); at >= 0 {
			if err := in.insert(head[:at], append(head[at:], p[n:]...)); err != nil {
				return 0, err
			}
			return len(p), nil
		}
		if n == len(p) {
			// A short write: hold back the end of what is held and p.
			keep := min(len(head), len(in.marker)-1)
			if _, err := in.w.Write(head[:len(head)-keep]); err != nil {
				return 0, err
			}
			in.tail = append(in.tail[:0], head[len(head)-keep:]...)
			return len(p), nil
		}
		// No marker starts in what was held back: it ends in p's head.
		if _, err := in.w.Write(in.tail); err != nil {
			return 0, err
		}
		in.tail = in.tail[:0]
	}
	if at := bytes.Index(p, in.marker); at >= 0 {
		if err := in.insert(p[:at], p[at:]); err != nil {
			return 0, err
		}
		return len(p), nil
	}
	keep := min(len(p), len(in.marker)-1)
	if _, err := in.w.Write(p[:len(p)-keep]); err != nil {
		return 0, err
	}
	in.tail = append(in.tail, p[len(p)-keep:]...)
	return len(p), nil
}

// insert writes before, what add writes, then after.
func (in *inserter) insert(before, after []byte) error {
	in.tail, in.done = nil, true
	w := bufio.NewWriterSize(in.w, 1<<16)
	w.Write(before)
	in.add(w)
	w.Write(after)
	return w.Flush()
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

// stableZip writes a workbook's parts in order of name, each compressed
// at deflate's fastest level as it arrives and held compressed until the
// workbook is closed. excelize writes its streamed sheets in the order of
// a map (File.writeToZip ranges over f.streams), and lists the image
// types of [Content_Types].xml from another
// (setContentTypePartImageExtensions), so the same inputs gave workbooks
// whose bytes differed from run to run; here they do not.
type stableZip struct {
	out   *zip.Writer
	parts []*zipPart
	open  *zipPart
}

type zipPart struct {
	name string
	data bytes.Buffer // deflated
	raw  *bytes.Buffer
	fw   *flate.Writer
	crc  hash.Hash32
	size uint64
}

func (p *zipPart) Write(b []byte) (int, error) {
	if p.raw != nil {
		return p.raw.Write(b)
	}
	p.crc.Write(b)
	p.size += uint64(len(b))
	return p.fw.Write(b)
}

// close deflates what a part held back raw and ends its compressor.
func (p *zipPart) close() error {
	if p.raw != nil {
		b := sortDefaults(p.raw.Bytes())
		p.raw = nil
		if _, err := p.Write(b); err != nil {
			return err
		}
	}
	err := p.fw.Close()
	flaters.Put(p.fw)
	p.fw = nil
	return err
}

func (z *stableZip) Create(name string) (io.Writer, error) {
	if err := z.finish(); err != nil {
		return nil, err
	}
	p := &zipPart{name: name, crc: crc32.NewIEEE()}
	if fw, ok := flaters.Get().(*flate.Writer); ok {
		fw.Reset(&p.data)
		p.fw = fw
	} else {
		fw, err := flate.NewWriter(&p.data, flate.BestSpeed)
		if err != nil {
			return nil, err
		}
		p.fw = fw
	}
	if name == "[Content_Types].xml" {
		p.raw = new(bytes.Buffer) // small: sorted whole when closed
	}
	z.parts, z.open = append(z.parts, p), p
	return p, nil
}

func (z *stableZip) AddFS(fsys fs.FS) error {
	return fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		w, err := z.Create(name)
		if err != nil {
			return err
		}
		f, err := fsys.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		_, err = io.Copy(w, f)
		return err
	})
}

func (z *stableZip) Close() error {
	if err := z.finish(); err != nil {
		return err
	}
	slices.SortStableFunc(z.parts, func(a, b *zipPart) int { return strings.Compare(a.name, b.name) })
	for _, p := range z.parts {
		w, err := z.out.CreateRaw(&zip.FileHeader{Name: p.name, Method: zip.Deflate, CRC32: p.crc.Sum32(),
			CompressedSize64: uint64(p.data.Len()), UncompressedSize64: p.size})
		if err != nil {
			return err
		}
		if _, err := w.Write(p.data.Bytes()); err != nil {
			return err
		}
		p.data = bytes.Buffer{}
	}
	return z.out.Close()
}

func (z *stableZip) finish() error {
	if z.open == nil {
		return nil
	}
	p := z.open
	z.open = nil
	return p.close()
}

var defaultEntry = regexp.MustCompile(`<Default [^>]*?(/>|></Default>)`)

// sortDefaults sorts a run of <Default> elements; anything else is left
// as it is.
func sortDefaults(part []byte) []byte {
	at := defaultEntry.FindAllIndex(part, -1)
	if len(at) < 2 {
		return part
	}
	entries := make([][]byte, len(at))
	for i, m := range at {
		if i > 0 && m[0] != at[i-1][1] {
			return part // not one run
		}
		entries[i] = part[m[0]:m[1]]
	}
	slices.SortStableFunc(entries, bytes.Compare)
	out := slices.Clip(part[:at[0][0]])
	for _, e := range entries {
		out = append(out, e...)
	}
	return append(out, part[at[len(at)-1][1]:]...)
}
