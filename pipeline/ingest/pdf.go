package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/anchorscore/anchorscore/pipeline/doc"
	"github.com/ledongthuc/pdf"
)

// pdfExtractor reads PDF files with github.com/ledongthuc/pdf, but only its
// object layer: the page tree is walked here (the library's Reader.Page is
// quadratic with object streams and loops on a cyclic tree), each page's
// content stream is interpreted here with pdf.Interpret, and the text is
// assembled from positioned glyphs (the library's GetPlainText drops word
// spaces and mixes up fonts that share a resource name across pages).
//
// Per page: glyphs → fragments (pdf_content.go) → rows → reading order with
// column detection → paragraphs (pdf_layout.go). Running headers, footers
// and page numbers are dropped across the document before layout.
type pdfExtractor struct{}

func (pdfExtractor) Format() doc.Format { return doc.FormatPDF }

// Sniff looks for the "%PDF-" marker within the first 1 KiB, where readers
// look for it (junk before the header is common); with a ".pdf" name the
// marker may be anywhere in the head.
func (pdfExtractor) Sniff(head []byte, ext string) bool {
	h := head
	if len(h) > 1024 {
		h = h[:1024]
	}
	if bytes.Contains(h, []byte("%PDF-")) {
		return true
	}
	return ext == ".pdf" && bytes.Contains(head, []byte("%PDF"))
}

// Limits against hostile files.
const (
	maxPages     = 100000
	maxTreeDepth = 64
	maxWarnings  = 50
	maxFonts     = 4096
)

func (pdfExtractor) Extract(ctx context.Context, r io.ReaderAt, size int64) (*doc.Text, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	rd, err := openPDF(r, size)
	if err != nil {
		return nil, err
	}
	d := &pdfDoc{fonts: make(map[string]*pdfFont)}
	out := &doc.Text{Format: doc.FormatPDF}
	out.Title, out.Created = pdfInfo(rd)

	refs, err := walkPages(rd, d.warn)
	if err != nil {
		return nil, err
	}
	out.Pages = len(refs)

	pages := make([]*pdfPage, len(refs))
	for i := range refs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		pages[i] = d.page(&refs[i], i+1)
	}
	dropFurniture(pages)

	lines := make([][]line, len(pages))
	for i, p := range pages {
		if p != nil {
			lines[i] = orderRows(p.rows)
		}
	}
	if out.Title == "" {
		out.Title = titleFromLines(lines)
	}
	lead := learnLeading(lines, 1)
	var paras []pdfPara
	for i := range lines {
		for _, p := range paragraphs(lines[i], lead) {
			p.page = i + 1
			paras = append(paras, p)
		}
	}
	markHeadings(paras)
	paras = mendBreaks(paras)
	keep := hyphenatedWords(lines)
	section := ""
	for _, p := range paras {
		text := joinLines(p.lines, keep)
		if text == "" {
			continue
		}
		if p.heading {
			section = text
		}
		out.Blocks = append(out.Blocks, doc.Block{Page: p.page, Section: section, Para: len(out.Blocks) + 1, Text: text})
	}
	if len(out.Blocks) == 0 && out.Pages > 0 {
		d.warn("no text found: the PDF may hold only scanned images")
	}
	if d.dropped > 0 {
		d.warnings = append(d.warnings, fmt.Sprintf("%d more warnings", d.dropped))
	}
	out.Warnings = d.warnings
	return out, nil
}

// pdfDoc is the state shared by the pages of one document.
type pdfDoc struct {
	fonts    map[string]*pdfFont // by font object: see pdfDoc.font
	fallback *pdfFont
	fb       fragBuilder
	warnings []string
	dropped  int
}

func (d *pdfDoc) warn(s string) {
	for _, w := range d.warnings {
		if w == s {
			return
		}
	}
	if len(d.warnings) >= maxWarnings {
		d.dropped++
		return
	}
	d.warnings = append(d.warnings, s)
}

// font returns the font for a font dictionary by its key: its object
// reference ("R5 0"), or for a dictionary written inline, its printed form
// (which lists the objects it refers to, so equal keys decode alike).
// Fonts are cached per font object for the whole document, never by
// resource name: merged packs reuse /F1 for different fonts on different
// pages, which is what garbles the library's GetPlainText.
func (d *pdfDoc) font(key string, v pdf.Value) *pdfFont {
	if f, ok := d.fonts[key]; ok {
		return f
	}
	f := newPDFFont(v)
	if len(d.fonts) < maxFonts {
		d.fonts[key] = f
	}
	return f
}

// fallbackFont stands in for a missing font: bytes as Latin-1, half an em
// wide.
func (d *pdfDoc) fallbackFont() *pdfFont {
	if d.fallback == nil {
		f := &pdfFont{enc: latin1Encoding{}, sizeMu: 1}
		for i := range f.width1 {
			f.width1[i] = 0.5
		}
		d.fallback = f
	}
	return d.fallback
}

// pdfPage is one page's text as rows, before reading order.
type pdfPage struct {
	rows   []row
	box    [4]float64
	hasBox bool
}

// page reads one page. A panic in the library (broken streams, fonts) ends
// the page with a warning; the text found before it is kept.
func (d *pdfDoc) page(ref *pageRef, num int) (p *pdfPage) {
	p = &pdfPage{box: ref.box, hasBox: ref.hasBox}
	prefix := fmt.Sprintf("page %d: ", num)
	warn := func(s string) { d.warn(prefix + s) }
	b := &d.fb
	b.frags = b.frags[:0]
	b.breaks = b.breaks[:0]
	b.active = false
	defer func() {
		if x := recover(); x != nil {
			warn(panicText(x))
		}
		b.flush()
		p.rows = buildRows(b.frags, b.breaks)
	}()
	contents := ref.v.Key("Contents")
	if contents.IsNull() {
		return p
	}
	in := &pageInterp{
		doc:    d,
		out:    b,
		g:      gstate{ctm: identity, th: 1},
		tm:     identity,
		tlm:    identity,
		warn:   warn,
		budget: maxContentBytes,
	}
	if ref.hasBox {
		w, h := ref.box[2]-ref.box[0], ref.box[3]-ref.box[1]
		in.box = [4]float64{ref.box[0] - 0.1*w, ref.box[1] - 0.1*h, ref.box[2] + 0.1*w, ref.box[3] + 0.1*h}
		in.hasBox = w > 0 && h > 0
	}
	// The streams of a Contents array are run one after the other rather
	// than joined as the library's Interpret does: producers end one with
	// "Q" and start the next with "BT", which joined read as "QBT".
	parts := []pdf.Value{contents}
	if contents.Kind() == pdf.Array {
		parts = arrayValues(contents, 1<<16)
	}
	for _, c := range parts {
		if c.Kind() != pdf.Stream {
			continue
		}
		if !in.run(c, ref.res) {
			warn("content stream is too large")
		}
	}
	return p
}

func panicText(x any) string {
	s := fmt.Sprint(x)
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

// pageRef is a leaf of the page tree with the attributes it inherits.
type pageRef struct {
	v      pdf.Value
	res    pdf.Value
	box    [4]float64
	hasBox bool
}

// walkPages lists the leaf pages in order, walking /Kids arrays from the
// catalog's /Pages with an explicit stack. A node seen before (a cycle, or
// a subtree shared twice) is skipped with a warning, as is anything deeper
// than maxTreeDepth. Nodes are told apart by their printed dictionary,
// which lists the object references of their kids and parent.
func walkPages(rd *pdf.Reader, warn func(string)) (refs []pageRef, err error) {
	defer func() {
		if x := recover(); x != nil {
			if len(refs) == 0 {
				err = fmt.Errorf("pdf: reading the page tree: %s", panicText(x))
				return
			}
			warn("page tree: " + panicText(x))
		}
	}()
	root := rd.Trailer().Key("Root").Key("Pages")
	if root.Kind() != pdf.Dict {
		return nil, errors.New("pdf: no page tree")
	}
	type item struct {
		v      pdf.Value
		res    pdf.Value
		box    [4]float64
		hasBox bool
		depth  int
	}
	stack := []item{{v: root}}
	visited := make(map[string]bool)
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		v := it.v
		if v.Kind() != pdf.Dict {
			warn("page tree: a kid is not a dictionary")
			continue
		}
		if res := v.Key("Resources"); res.Kind() == pdf.Dict {
			it.res = res
		}
		if box, ok := rectangle(v.Key("MediaBox")); ok {
			it.box, it.hasBox = box, true
		}
		kids := v.Key("Kids")
		typ := v.Key("Type").Name()
		if typ == "Page" || typ != "Pages" && kids.Kind() != pdf.Array {
			if len(refs) >= maxPages {
				warn(fmt.Sprintf("page tree: more than %d pages; the rest ignored", maxPages))
				break
			}
			refs = append(refs, pageRef{v: v, res: it.res, box: it.box, hasBox: it.hasBox})
			continue
		}
		key := v.String()
		if visited[key] {
			warn("page tree: a node is reached twice (cycle); skipped")
			continue
		}
		visited[key] = true
		if it.depth >= maxTreeDepth {
			warn("page tree: too deep; subtree skipped")
			continue
		}
		for i := kids.Len() - 1; i >= 0; i-- {
			stack = append(stack, item{v: kids.Index(i), res: it.res, box: it.box, hasBox: it.hasBox, depth: it.depth + 1})
		}
	}
	if len(refs) == 0 {
		return nil, errors.New("pdf: the page tree has no pages")
	}
	return refs, nil
}

func rectangle(v pdf.Value) ([4]float64, bool) {
	if v.Len() != 4 {
		return [4]float64{}, false
	}
	var r [4]float64
	for i := range r {
		r[i] = num(operand{kind: 'n', num: v.Index(i).Float64()})
	}
	if r[0] > r[2] {
		r[0], r[2] = r[2], r[0]
	}
	if r[1] > r[3] {
		r[1], r[3] = r[3], r[1]
	}
	return r, r[2] > r[0] && r[3] > r[1]
}

// pdfInfo reads the title and creation date from the Info dictionary.
func pdfInfo(rd *pdf.Reader) (title string, created time.Time) {
	defer func() {
		if recover() != nil {
			title, created = "", time.Time{}
		}
	}()
	info := rd.Trailer().Key("Info")
	if info.Kind() != pdf.Dict {
		return "", time.Time{}
	}
	title = NormaliseLine(info.Key("Title").Text())
	created = parsePDFDate(info.Key("CreationDate").Text())
	return title, created
}

// parsePDFDate reads "D:YYYYMMDDHHmmSSOHH'mm'", where everything after the
// year is optional; it returns the zero time when s is not such a date.
func parsePDFDate(s string) time.Time {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "D:")
	digits := func(n int, def int) int {
		if len(s) < n {
			s = ""
			return def
		}
		v := 0
		for i := 0; i < n; i++ {
			c := s[i]
			if c < '0' || c > '9' {
				s = ""
				return def
			}
			v = v*10 + int(c-'0')
		}
		s = s[n:]
		return v
	}
	if len(s) < 4 {
		return time.Time{}
	}
	year := digits(4, -1)
	if year < 1000 {
		return time.Time{}
	}
	month := digits(2, 1)
	day := digits(2, 1)
	hour := digits(2, 0)
	minute := digits(2, 0)
	sec := digits(2, 0)
	if month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || sec > 60 {
		return time.Time{}
	}
	loc := time.UTC
	if len(s) > 0 && (s[0] == '+' || s[0] == '-') {
		sign := 1
		if s[0] == '-' {
			sign = -1
		}
		s = s[1:]
		oh := digits(2, 0)
		s = strings.TrimPrefix(s, "'")
		om := digits(2, 0)
		if off := sign * (oh*3600 + om*60); off != 0 && oh < 24 && om < 60 {
			loc = time.FixedZone("", off)
		}
	}
	return time.Date(year, time.Month(month), day, hour, minute, sec, 0, loc)
}

// Opening.

// openPDF opens the file, working around what stops the library at the
// door: junk before "%PDF-", a header it does not accept (PDF 2.0, no
// newline after the version), junk after "%%EOF" or no "%%EOF" at all.
// Encrypted files are tried with the empty password.
func openPDF(r io.ReaderAt, size int64) (rd *pdf.Reader, err error) {
	defer func() {
		if x := recover(); x != nil {
			rd, err = nil, fmt.Errorf("pdf: cannot open: %s", panicText(x))
		}
	}()
	head := make([]byte, 1024)
	n, _ := r.ReadAt(head, 0)
	head = head[:n]
	off := bytes.Index(head, []byte("%PDF-"))
	if off < 0 {
		return nil, errors.New("pdf: no %PDF- header")
	}
	var tries []*pdfSource
	tries = append(tries, newPDFSource(r, int64(off), size))
	if off > 0 {
		// Offsets may count the junk too.
		tries = append(tries, newPDFSource(r, 0, size))
	}
	if err := plausibleSize(tries[0]); err != nil {
		return nil, err
	}
	var firstErr error
	for _, src := range tries {
		rd, err := openSource(src)
		if err == nil {
			return rd, nil
		}
		if isEncryptionError(err) || src.encrypted() {
			return nil, fmt.Errorf("%w: %v", ErrEncrypted, err)
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	// A broken cross-reference table: rebuild one from the objects.
	if src, ok := rebuildXref(tries[0]); ok {
		if rd, err := openSource(src); err == nil {
			return rd, nil
		}
	}
	return nil, fmt.Errorf("pdf: %w", firstErr)
}

// openSource opens a source with the library, trying the empty password
// on an encrypted file.
func openSource(src *pdfSource) (rd *pdf.Reader, err error) {
	defer func() {
		if x := recover(); x != nil {
			rd, err = nil, fmt.Errorf("cannot open: %s", panicText(x))
		}
	}()
	return pdf.NewReaderEncrypted(src, src.Size(), func() string { return "" })
}

func isEncryptionError(err error) bool {
	if errors.Is(err, pdf.ErrInvalidPassword) {
		return true
	}
	s := strings.ToLower(err.Error())
	return strings.Contains(s, "encrypt") || strings.Contains(s, "password")
}

// maxXrefEntries bounds the cross-reference table the library allocates
// up front from the trailer's /Size: a fuzzed /Size makes it run out of
// memory, which no recover() catches.
func maxXrefEntries(fileSize int64) int64 {
	return max(4*fileSize, 1<<16)
}

var sizeRe = regexp.MustCompile(`/Size\s+([0-9]+)`)

// plausibleSize rejects a file whose trailer claims more objects than it
// could hold.
func plausibleSize(src *pdfSource) error {
	for _, m := range sizeRe.FindAllSubmatch(src.tailBytes, -1) {
		n, err := strconv.ParseInt(string(m[1]), 10, 64)
		if err != nil || n > maxXrefEntries(src.n) {
			return fmt.Errorf("pdf: implausible trailer /Size %s", m[1])
		}
	}
	return nil
}

// pdfSource presents a file to the library as it wants to see it: from
// base on, with the header line patched and anything after the last
// "%%EOF" cut off (or an "%%EOF" added).
type pdfSource struct {
	r    io.ReaderAt
	base int64  // offset in r of logical byte 0
	n    int64  // logical bytes taken from r
	head []byte // replaces the first bytes
	tail []byte // appended after n
	// The last few KiB of the file as found, for checks.
	tailBytes []byte
}

// encrypted reports whether the file's last trailer has /Encrypt.
func (s *pdfSource) encrypted() bool {
	return bytes.Contains(s.tailBytes, []byte("/Encrypt"))
}

func newPDFSource(r io.ReaderAt, base, size int64) *pdfSource {
	s := &pdfSource{r: r, base: base, n: size - base}
	if s.n < 0 {
		s.n = 0
	}
	var h [10]byte
	r.ReadAt(h[:], base)
	if !(bytes.HasPrefix(h[:], []byte("%PDF-1.")) && h[7] >= '0' && h[7] <= '7' && (h[8] == '\r' || h[8] == '\n')) {
		s.head = []byte("%PDF-1.7\n")
	}
	// The library wants "%%EOF" within the last 100 bytes and the
	// startxref line just before it.
	const tailLen = 4096
	t := int64(tailLen)
	if t > s.n {
		t = s.n
	}
	buf := make([]byte, t)
	m, _ := r.ReadAt(buf, base+s.n-t)
	buf = buf[:m]
	s.tailBytes = buf
	if i := bytes.LastIndex(buf, []byte("%%EOF")); i >= 0 {
		s.n = s.n - int64(len(buf)) + int64(i) + 5
		s.tail = []byte("\n")
	} else if bytes.Contains(buf, []byte("startxref")) {
		s.tail = []byte("\n%%EOF\n")
	}
	return s
}

func (s *pdfSource) Size() int64 { return s.n + int64(len(s.tail)) }

func (s *pdfSource) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, errors.New("pdf: negative offset")
	}
	total := s.Size()
	if off >= total {
		return 0, io.EOF
	}
	want := len(p)
	if int64(want) > total-off {
		p = p[:total-off]
	}
	n := 0
	if off < s.n {
		k := len(p)
		if int64(k) > s.n-off {
			k = int(s.n - off)
		}
		m, err := s.r.ReadAt(p[:k], s.base+off)
		if m < k && err != nil {
			return m, err
		}
		n = k
	}
	if n < len(p) {
		n += copy(p[n:], s.tail[off+int64(n)-s.n:])
	}
	if off < int64(len(s.head)) {
		copy(p, s.head[off:])
	}
	if n < want {
		return n, io.EOF
	}
	return n, nil
}

// maxRebuildBytes bounds the file size for which a broken cross-reference
// table is rebuilt (the file is read whole).
const maxRebuildBytes = 256 << 20

var (
	rootRe    = regexp.MustCompile(`/Root\s+([0-9]+)\s+([0-9]+)\s+R`)
	infoRe    = regexp.MustCompile(`/Info\s+([0-9]+)\s+([0-9]+)\s+R`)
	encryptRe = regexp.MustCompile(`/Encrypt\s+([0-9]+)\s+([0-9]+)\s+R`)
	idRe      = regexp.MustCompile(`/ID\s*\[[^\]]{0,600}\]`)
	catalogRe = regexp.MustCompile(`/Type\s*/Catalog\b`)
)

// rebuildXref finds every "N G obj" in the file and appends a fresh
// cross-reference table and trailer pointing at them, as readers do for a
// file whose table is missing or wrong. Objects inside object streams are
// not found this way, so this helps classic files only.
func rebuildXref(orig *pdfSource) (*pdfSource, bool) {
	if orig.n > maxRebuildBytes || orig.n < 16 {
		return nil, false
	}
	data := make([]byte, orig.n)
	if m, err := orig.r.ReadAt(data, orig.base); m < len(data) && err != nil {
		return nil, false
	}
	type def struct {
		off int64
		gen int
	}
	objs := make(map[int]def)
	maxNum := 0
	var headers []int // offsets of the headers, in file order
	for off := 0; ; {
		k := bytes.Index(data[off:], []byte("obj"))
		if k < 0 {
			break
		}
		k += off
		off = k + 3
		if k+3 < len(data) && isRegularChar(data[k+3]) {
			continue // "objects"
		}
		// Backwards: space, generation, space, number.
		i := k
		j := i
		for j > 0 && isPDFSpace(data[j-1]) {
			j--
		}
		if j == i {
			continue
		}
		g1 := j
		for j > 0 && data[j-1] >= '0' && data[j-1] <= '9' {
			j--
		}
		if j == g1 || g1-j > 5 {
			continue
		}
		gen, _ := strconv.Atoi(string(data[j:g1]))
		i = j
		for j > 0 && isPDFSpace(data[j-1]) {
			j--
		}
		if j == i {
			continue
		}
		n1 := j
		for j > 0 && data[j-1] >= '0' && data[j-1] <= '9' {
			j--
		}
		if j == n1 || n1-j > 9 || j > 0 && isRegularChar(data[j-1]) {
			continue
		}
		num, _ := strconv.Atoi(string(data[j:n1]))
		if num <= 0 || int64(num) > maxXrefEntries(orig.n) {
			continue
		}
		objs[num] = def{int64(j), gen}
		headers = append(headers, j)
		if num > maxNum {
			maxNum = num
		}
	}
	if len(objs) == 0 {
		return nil, false
	}
	var root, info, enc, id []byte
	if ms := rootRe.FindAllSubmatch(data, -1); len(ms) > 0 {
		m := ms[len(ms)-1]
		root = []byte(string(m[1]) + " " + string(m[2]) + " R")
	} else if locs := catalogRe.FindAllIndex(data, -1); len(locs) > 0 {
		at := locs[len(locs)-1][0]
		best := -1
		for _, h := range headers {
			if h < at && h > best {
				best = h
			}
		}
		for num, d := range objs {
			if int(d.off) == best {
				root = []byte(fmt.Sprintf("%d %d R", num, d.gen))
			}
		}
	}
	if root == nil {
		return nil, false
	}
	if ms := infoRe.FindAllSubmatch(data, -1); len(ms) > 0 {
		m := ms[len(ms)-1]
		info = []byte(string(m[1]) + " " + string(m[2]) + " R")
	}
	if ms := encryptRe.FindAllSubmatch(data, -1); len(ms) > 0 {
		m := ms[len(ms)-1]
		enc = []byte(string(m[1]) + " " + string(m[2]) + " R")
		if ids := idRe.FindAll(data, -1); len(ids) > 0 {
			id = ids[len(ids)-1]
		}
	}
	var t bytes.Buffer
	t.WriteString("\n")
	xrefAt := orig.n + int64(t.Len())
	fmt.Fprintf(&t, "xref\n0 %d\n0000000000 65535 f \n", maxNum+1)
	for num := 1; num <= maxNum; num++ {
		if d, ok := objs[num]; ok {
			fmt.Fprintf(&t, "%010d %05d n \n", d.off, d.gen)
		} else {
			t.WriteString("0000000000 65535 f \n")
		}
	}
	fmt.Fprintf(&t, "trailer\n<< /Size %d /Root %s", maxNum+1, root)
	if info != nil {
		fmt.Fprintf(&t, " /Info %s", info)
	}
	if enc != nil {
		fmt.Fprintf(&t, " /Encrypt %s", enc)
		if id != nil {
			fmt.Fprintf(&t, " %s", id)
		}
	}
	fmt.Fprintf(&t, " >>\nstartxref\n%d\n%%%%EOF\n", xrefAt)
	src := *orig
	src.tail = t.Bytes()
	return &src, true
}

// isRegularChar reports whether c is neither white space nor a delimiter.
func isRegularChar(c byte) bool {
	if isPDFSpace(c) {
		return false
	}
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return false
	}
	return true
}
