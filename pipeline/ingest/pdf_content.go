package ingest

import (
	"math"
	"strings"

	"github.com/ledongthuc/pdf"
)

// affine is a PDF transformation matrix [a b c d e f].
type affine [6]float64

var identity = affine{1, 0, 0, 1, 0, 0}

// mul returns m × n: the transformation m followed by n.
func (m affine) mul(n affine) affine {
	return affine{
		m[0]*n[0] + m[1]*n[2],
		m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2],
		m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4],
		m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

// translate returns translate(tx, ty) × m.
func (m affine) translate(tx, ty float64) affine {
	m[4] += tx*m[0] + ty*m[2]
	m[5] += tx*m[1] + ty*m[3]
	return m
}

// gstate is the part of the graphics state that text extraction needs.
type gstate struct {
	ctm                    affine
	font                   *pdfFont
	fs, tc, tw, th, tl, ts float64
}

// Limits that keep a hostile content stream from costing more than a page.
const (
	maxGStack    = 1 << 10 // nested q
	maxFormDepth = 8       // nested form XObjects
	maxFormCalls = 2000    // form XObjects drawn per page
)

// pageInterp runs one page's content stream and feeds positioned glyphs to
// a fragment builder.
type pageInterp struct {
	doc   *pdfDoc
	out   *fragBuilder
	g     gstate
	stack []gstate
	skipQ int // q operators beyond maxGStack, to keep Q balanced
	tm    affine
	tlm   affine
	// box is the page's MediaBox, grown by a margin; glyphs outside it are
	// not on the page and are dropped (some producers park text there).
	box       [4]float64
	hasBox    bool
	forms     int
	formDepth int
	budget    int64 // decoded content bytes the page may still read
	ts        textSetup
	warn      func(string)
}

// scope is the resources a content stream draws with, and the fonts already
// looked up in them by name (valid for this stream only).
type scope struct {
	res   pdf.Value
	fonts map[string]*pdfFont
	// The /Font dictionary, and its printed form, which lists the object
	// reference of each font ("/F1 5 0 R").
	fontDict    pdf.Value
	fontRefs    string
	fontDictSet bool
}

// run interprets one content stream; it reports false when the stream is
// over what is left of the page's budget.
func (p *pageInterp) run(content pdf.Value, res pdf.Value) bool {
	data, ok := readContent(content, &p.budget)
	if !ok {
		return false
	}
	sc := &scope{res: res, fonts: make(map[string]*pdfFont, 4)}
	interpret(data, func(op string, args []operand) { p.op(sc, op, args) })
	return true
}

func num(v operand) float64 {
	if v.kind != 'n' || math.IsNaN(v.num) || math.IsInf(v.num, 0) {
		return 0
	}
	return v.num
}

func matrixArgs(a []operand) (affine, bool) {
	if len(a) < 6 {
		return affine{}, false
	}
	a = a[len(a)-6:]
	var m affine
	for i := range m {
		m[i] = num(a[i])
	}
	return m, true
}

func (p *pageInterp) op(sc *scope, op string, a []operand) {
	g := &p.g
	switch op {
	case "q":
		if len(p.stack) >= maxGStack {
			p.skipQ++
			return
		}
		p.stack = append(p.stack, p.g)
	case "Q":
		if p.skipQ > 0 {
			p.skipQ--
			return
		}
		if n := len(p.stack); n > 0 {
			p.g = p.stack[n-1]
			p.stack = p.stack[:n-1]
		}
	case "cm":
		if m, ok := matrixArgs(a); ok {
			g.ctm = m.mul(g.ctm)
		}
	case "BT":
		p.tm, p.tlm = identity, identity
	case "Tf":
		if len(a) >= 2 {
			g.font = p.font(sc, a[len(a)-2].name())
			g.fs = num(a[len(a)-1])
		}
	case "Tc":
		if len(a) >= 1 {
			g.tc = num(a[len(a)-1])
		}
	case "Tw":
		if len(a) >= 1 {
			g.tw = num(a[len(a)-1])
		}
	case "Tz":
		if len(a) >= 1 {
			g.th = num(a[len(a)-1]) / 100
		}
	case "TL":
		if len(a) >= 1 {
			g.tl = num(a[len(a)-1])
		}
	case "Ts":
		if len(a) >= 1 {
			g.ts = num(a[len(a)-1])
		}
	case "Td", "TD":
		if len(a) >= 2 {
			tx, ty := num(a[len(a)-2]), num(a[len(a)-1])
			if op == "TD" {
				g.tl = -ty
			}
			p.tlm = p.tlm.translate(tx, ty)
			p.tm = p.tlm
		}
	case "Tm":
		if m, ok := matrixArgs(a); ok {
			p.tm, p.tlm = m, m
		}
	case "T*":
		p.nextLine()
	case "Tj":
		if len(a) >= 1 {
			p.show(a[len(a)-1].text())
		}
	case "'":
		if len(a) >= 1 {
			p.nextLine()
			p.show(a[len(a)-1].text())
		}
	case "\"":
		if len(a) >= 3 {
			g.tw, g.tc = num(a[len(a)-3]), num(a[len(a)-2])
			p.nextLine()
			p.show(a[len(a)-1].text())
		}
	case "TJ":
		if len(a) >= 1 {
			for _, x := range a[len(a)-1].arr {
				if x.kind == 's' {
					p.show(x.str)
				} else {
					tx := -num(x) / 1000 * g.fs * g.th
					p.tm = p.tm.translate(tx, 0)
				}
			}
		}
	case "Do":
		if len(a) >= 1 {
			p.form(sc, a[len(a)-1].name())
		}
	}
}

func (p *pageInterp) nextLine() {
	p.tlm = p.tlm.translate(0, -p.g.tl)
	p.tm = p.tlm
}

// font returns the font a content stream names, looked up in its own
// resources, with the document-wide cache keyed by font object.
func (p *pageInterp) font(sc *scope, name string) *pdfFont {
	if f, ok := sc.fonts[name]; ok {
		return f
	}
	if !sc.fontDictSet {
		sc.fontDictSet = true
		sc.fontDict = sc.res.Key("Font")
		if sc.fontDict.Kind() == pdf.Dict {
			sc.fontRefs = sc.fontDict.String()
		}
	}
	// The library has no object cache: resolving the font parses its
	// dictionary (and /Widths) again on every page. Looking the font up by
	// its object reference first avoids that for fonts seen before.
	key := ""
	if ref := refIn(sc.fontRefs, name); ref != "" {
		key = "R" + ref
		if f, ok := p.doc.fonts[key]; ok {
			sc.fonts[name] = f
			return f
		}
	}
	v := sc.fontDict.Key(name)
	var f *pdfFont
	if v.Kind() != pdf.Dict {
		f = p.doc.fallbackFont()
		p.warn("missing font /" + name)
	} else {
		if key == "" {
			key = "D" + v.String()
		}
		f = p.doc.font(key, v)
		if f.err != "" {
			p.warn("font /" + name + ": " + f.err)
		}
	}
	sc.fonts[name] = f
	return f
}

// refIn finds "/name N G R" in a dictionary printed by pdf.Value.String
// and returns "N G", or "" when name is not there as a plain reference. A
// dictionary with nested dictionaries is not searched.
func refIn(printed, name string) string {
	if name == "" || strings.Count(printed, "<<") != 1 {
		return ""
	}
	pat := "/" + name + " "
	for off := 0; ; {
		k := strings.Index(printed[off:], pat)
		if k < 0 {
			return ""
		}
		k += off
		off = k + len(pat)
		if k > 0 && printed[k-1] != '<' && printed[k-1] != ' ' {
			continue
		}
		rest := printed[off:]
		i := 0
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			i++
		}
		if i == 0 || i >= len(rest) || rest[i] != ' ' {
			continue
		}
		j := i + 1
		for j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
			j++
		}
		if j == i+1 || !strings.HasPrefix(rest[j:], " R") {
			continue
		}
		if after := rest[j+2:]; after != "" && after[0] != ' ' && after[0] != '>' {
			continue
		}
		return rest[:j]
	}
}

// form runs a form XObject in place, within its own q/Q.
func (p *pageInterp) form(sc *scope, name string) {
	if p.formDepth >= maxFormDepth || p.forms >= maxFormCalls {
		return
	}
	x := sc.res.Key("XObject").Key(name)
	if x.Kind() != pdf.Stream || x.Key("Subtype").Name() != "Form" {
		return
	}
	p.forms++
	res := x.Key("Resources")
	if res.Kind() != pdf.Dict {
		res = sc.res
	}
	saved, savedStack, savedTm, savedTlm, savedSkip := p.g, p.stack, p.tm, p.tlm, p.skipQ
	p.stack = nil
	p.skipQ = 0
	if m, ok := matrixArgs(numbers(x.Key("Matrix"), 6)); ok {
		p.g.ctm = m.mul(p.g.ctm)
	}
	p.formDepth++
	func() {
		defer func() {
			if r := recover(); r != nil {
				p.warn("form /" + name + ": " + panicText(r))
			}
		}()
		if !p.run(x, res) {
			p.warn("form /" + name + ": content too large")
		}
	}()
	p.formDepth--
	p.g, p.stack, p.tm, p.tlm, p.skipQ = saved, savedStack, savedTm, savedTlm, savedSkip
}

// numbers returns the numbers of a PDF array of at most max entries.
func numbers(v pdf.Value, max int) []operand {
	n := v.Len()
	if n == 0 || n > max {
		return nil
	}
	out := make([]operand, n)
	for i := range out {
		out[i] = operand{kind: 'n', num: v.Index(i).Float64()}
	}
	return out
}

func arrayValues(v pdf.Value, max int) []pdf.Value {
	n := v.Len()
	if n == 0 || n > max {
		return nil
	}
	out := make([]pdf.Value, n)
	for i := range out {
		out[i] = v.Index(i)
	}
	return out
}

// textSetup is what show derives from the text and graphics state; it is
// reused while only the text position changes (along a TJ array, say).
type textSetup struct {
	// key
	tm4  [4]float64
	ctm  affine
	fs   float64
	th   float64
	font *pdfFont
	// derived
	m     [4]float64 // linear part of Tm × CTM
	rot   uint8
	along float64 // device length of one text-space unit along the baseline
	size  float64 // apparent font size
	ok    bool    // the text is visible at all
}

func (p *pageInterp) setup() *textSetup {
	g := &p.g
	t := &p.ts
	tm4 := [4]float64{p.tm[0], p.tm[1], p.tm[2], p.tm[3]}
	if t.font == g.font && t.tm4 == tm4 && t.ctm == g.ctm && t.fs == g.fs && t.th == g.th {
		return t
	}
	*t = textSetup{tm4: tm4, ctm: g.ctm, fs: g.fs, th: g.th, font: g.font}
	c := &g.ctm
	m := [4]float64{
		tm4[0]*c[0] + tm4[1]*c[2],
		tm4[0]*c[1] + tm4[1]*c[3],
		tm4[2]*c[0] + tm4[3]*c[2],
		tm4[2]*c[1] + tm4[3]*c[3],
	}
	t.m = m
	fsh := g.fs * g.th
	dx, dy := fsh*m[0], fsh*m[1] // direction of the baseline on the page
	t.size = math.Hypot(g.fs*m[2], g.fs*m[3]) * g.font.sizeMu
	if dx == 0 && dy == 0 || t.size == 0 || math.IsNaN(t.size) || math.IsInf(t.size, 0) {
		return t
	}
	var ux, uy float64 // unit vector of the rotated frame's x axis
	switch {
	case math.Abs(dx) >= math.Abs(dy) && dx > 0:
		t.rot, ux, uy = 0, 1, 0
	case math.Abs(dx) >= math.Abs(dy):
		t.rot, ux, uy = 2, -1, 0
	case dy > 0:
		t.rot, ux, uy = 1, 0, 1
	default:
		t.rot, ux, uy = 3, 0, -1
	}
	t.along = m[0]*ux + m[1]*uy
	t.ok = true
	return t
}

// show places the glyphs of one string.
func (p *pageInterp) show(s string) {
	if len(s) == 0 {
		return
	}
	g := &p.g
	if g.font == nil {
		g.font = p.doc.fallbackFont()
	}
	f := g.font
	t := p.setup()
	if !t.ok {
		p.advance(s)
		return
	}
	c := &g.ctm
	m := &t.m
	// Text-space origin (with the rise) on the page.
	ox := p.tm[4]*c[0] + p.tm[5]*c[2] + c[4] + g.ts*m[2]
	oy := p.tm[4]*c[1] + p.tm[5]*c[3] + c[5] + g.ts*m[3]
	x0, y0 := rotatePoint(t.rot, ox, oy)
	fsh := g.fs * g.th
	along, size, rot := t.along, t.size, t.rot

	cum := 0.0 // advance so far, in text space
	b := p.out
	if !f.twoByte {
		for i := 0; i < len(s); i++ {
			c := s[i]
			w0 := f.width1[c]
			adv := w0*g.fs + g.tc
			if c == ' ' {
				adv += g.tw
			}
			adv *= g.th
			if p.onPage(ox+cum*m[0], oy+cum*m[1]) {
				b.add(rot, x0+cum*along, y0, w0*fsh*along, size, f.bold, f.decode1(c))
			}
			cum += adv
		}
	} else {
		for i := 0; i+1 < len(s); i += 2 {
			c := uint16(s[i])<<8 | uint16(s[i+1])
			w0 := f.width2(c)
			adv := (w0*g.fs + g.tc) * g.th
			if p.onPage(ox+cum*m[0], oy+cum*m[1]) {
				b.add(rot, x0+cum*along, y0, w0*fsh*along, size, f.bold, f.decode2(c))
			}
			cum += adv
		}
	}
	p.tm = p.tm.translate(cum, 0)
}

// advance moves the text position past s without placing glyphs.
func (p *pageInterp) advance(s string) {
	g := &p.g
	f := g.font
	cum := 0.0
	if !f.twoByte {
		for i := 0; i < len(s); i++ {
			adv := f.width1[s[i]]*g.fs + g.tc
			if s[i] == ' ' {
				adv += g.tw
			}
			cum += adv * g.th
		}
	} else {
		for i := 0; i+1 < len(s); i += 2 {
			cum += (f.width2(uint16(s[i])<<8|uint16(s[i+1]))*g.fs + g.tc) * g.th
		}
	}
	p.tm = p.tm.translate(cum, 0)
}

func (p *pageInterp) onPage(x, y float64) bool {
	if !p.hasBox {
		return true
	}
	return x >= p.box[0] && x <= p.box[2] && y >= p.box[1] && y <= p.box[3]
}

// rotatePoint maps a page point into the frame where text of rotation rot
// runs left to right with y up.
func rotatePoint(rot uint8, x, y float64) (float64, float64) {
	switch rot {
	case 1:
		return y, -x
	case 2:
		return -x, -y
	case 3:
		return -y, x
	}
	return x, y
}

// frag is a run of glyphs drawn one after the other on one baseline.
type frag struct {
	x0, x1 float64 // along the baseline, in the rotated frame
	y      float64 // baseline
	size   float64
	rot    uint8
	bold   bool // every glyph in a bold face
	text   string
	// The word spaces in text are fragBuilder.breaks[b0:b1].
	b0, b1 int32
}

// fragBreak is a word space inside a fragment: the byte offset of the
// space in the text, and where the gap runs on the page. Text drawn into
// that gap later (a symbol from another font) is put back there.
type fragBreak struct {
	off    int32
	x0, x1 float32
}

// fragBuilder joins glyphs into fragments as they are drawn, inserting a
// space where the gap between glyphs is wider than a fraction of the font
// size. It allocates once per fragment, not per glyph.
type fragBuilder struct {
	frags   []frag
	breaks  []fragBreak
	buf     []byte
	active  bool
	cur     frag
	end     float64 // end of the last glyph
	pending bool    // a space glyph was seen since the last letter
}

const (
	wordGapFrac  = 0.13 // gap (in font sizes) that makes a word break
	spaceGapFrac = 0.08 // gap that a drawn space must leave to count
	fragGapFrac  = 1.0  // gap that ends a fragment
	baselineFrac = 0.25 // baseline shift that ends a fragment
)

func (b *fragBuilder) add(rot uint8, x, y, w, size float64, bold bool, s string) {
	if s == "" {
		return
	}
	space := isBlankText(s)
	if b.active {
		ref := b.cur.size
		gap := x - b.end
		if rot == b.cur.rot && math.Abs(y-b.cur.y) < baselineFrac*ref &&
			gap > -0.6*ref && gap < fragGapFrac*ref &&
			size < 1.3*ref && size > ref/1.3 {
			if space {
				b.pending = true
			} else {
				// A hyphen set apart from the word it ends, with no space
				// glyph (hyphenation in justified text), joins the word.
				hyphen := !b.pending && gap < 0.6*ref && (s == "-" || s == "\u00AD" || s == "\u2010")
				// A space glyph counts only if it leaves a visible gap:
				// negative word spacing can close it up entirely.
				spaced := b.pending && x-b.cur.x1 > spaceGapFrac*ref
				if (spaced || gap > wordGapFrac*ref) && !startsBlank(s) && !hyphen {
					b.breaks = append(b.breaks, fragBreak{off: int32(len(b.buf)), x0: float32(b.cur.x1), x1: float32(x)})
					b.buf = append(b.buf, ' ')
				}
				b.pending = false
				b.buf = append(b.buf, s...)
				b.cur.x1 = x + w
				b.cur.bold = b.cur.bold && bold
			}
			if x+w > b.end || space {
				b.end = x + w
			}
			return
		}
		b.flush()
	}
	if space {
		return
	}
	b.active = true
	b.pending = false
	b.cur = frag{x0: x, x1: x + w, y: y, size: size, rot: rot, bold: bold, b0: int32(len(b.breaks))}
	b.end = x + w
	b.buf = append(b.buf[:0], s...)
}

func (b *fragBuilder) flush() {
	if b.active && len(b.buf) > 0 {
		b.cur.text = string(b.buf)
		b.cur.b1 = int32(len(b.breaks))
		b.frags = append(b.frags, b.cur)
	}
	b.active = false
	b.pending = false
	b.buf = b.buf[:0]
}

func isBlankText(s string) bool {
	if s == " " {
		return true
	}
	if s == "" {
		return false
	}
	for _, r := range s {
		switch r {
		case ' ', '\t', '\n', '\r', '\u00A0', '\u2002', '\u2003', '\u2009', '\u3000':
		default:
			return false
		}
	}
	return true
}

func startsBlank(s string) bool {
	return len(s) > 0 && (s[0] == ' ' || s[0] == '\t')
}

// maxContentBytes bounds the decoded size of one page's content streams
// and forms together, and of one ToUnicode map.
const maxContentBytes = 128 << 20
