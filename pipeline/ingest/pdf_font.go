package ingest

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
)

// pdfFont is what the content interpreter needs to know about one font
// object: how to cut a shown string into character codes, what text each
// code stands for and how far each code advances.
//
// A code is decoded once per font object and memoised: by the font's
// ToUnicode map, read into tables here (pdf_cmap.go says why not with the
// library's cmap, whose Decode is also a linear scan over every entry for
// every code), else by the library's TextEncoding for the font
// (Font.Encoder, for /Encoding names and /Differences), else by the glyph
// names of an embedded Type 1 font's built-in encoding.
type pdfFont struct {
	twoByte bool // Type0 font: 2-byte codes (Identity-H and the usual CMaps)
	v       pdf.Value
	uni     *toUnicodeMap    // the font's ToUnicode map, read by readToUnicode
	enc     pdf.TextEncoding // the library's decoder, made when first needed
	// The glyph names of an embedded Type 1 font's own encoding, used when
	// the font has no /Encoding or the library cannot decode a code.
	builtin    *[256]string
	noEncoding bool

	// one-byte fonts
	dec1   [256]string
	have1  [256]bool
	width1 [256]float64 // advance in text space units per unit of font size

	// two-byte fonts
	dec2   map[uint16]string
	cidW   map[uint16]float64
	defW   float64
	sizeMu float64 // multiplier from the nominal size to the apparent size (Type3 FontMatrix)
	bold   bool    // a bold face, by its name or weight: see boldFont
	err    string  // a problem met while reading the font, reported once per page
}

// newPDFFont reads a font dictionary. It never panics: a broken font gives
// a font that decodes bytes as Latin-1 with a fallback width, and err set.
func newPDFFont(v pdf.Value) (f *pdfFont) {
	f = &pdfFont{
		v:      v,
		sizeMu: 1,
		dec2:   make(map[uint16]string),
		cidW:   make(map[uint16]float64),
		defW:   0.5,
	}
	defer func() {
		if x := recover(); x != nil {
			f.enc = latin1Encoding{}
			f.err = fmt.Sprint(x)
			for i := range f.width1 {
				if f.width1[i] == 0 {
					f.width1[i] = 0.5
				}
			}
		}
	}()
	subtype := v.Key("Subtype").Name()
	f.twoByte = subtype == "Type0"
	f.bold = boldFont(v)

	// Guard the library's lexer against its endless loop on an
	// unterminated hex string before anything parses the map.
	if tu := v.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		budget := int64(maxContentBytes)
		if lexerWouldHang(tu, &budget) {
			f.err = "ToUnicode map is truncated"
			f.enc = latin1Encoding{}
		} else {
			scratch := v.Key("DescendantFonts").Index(0)
			if scratch.Kind() != pdf.Dict {
				scratch = v.Key("FontDescriptor")
			}
			if scratch.Kind() != pdf.Dict {
				scratch = v
			}
			f.uni = readToUnicode(tu, scratch)
		}
	}

	if f.twoByte {
		f.defW = 1
		d := v.Key("DescendantFonts").Index(0)
		if dw := d.Key("DW"); dw.Kind() == pdf.Integer || dw.Kind() == pdf.Real {
			f.defW = dw.Float64() / 1000
		}
		readCIDWidths(d.Key("W"), f.cidW)
		return f
	}

	scale := 0.001
	if subtype == "Type3" {
		if fm := v.Key("FontMatrix"); fm.Len() >= 4 {
			if a := fm.Index(0).Float64(); a > 0 && a < 1 {
				scale = a
			}
			if d := fm.Index(3).Float64(); d > 0 && d < 1 {
				f.sizeMu = d * 1000
			}
		}
	}
	if f.uni == nil && (subtype == "Type1" || subtype == "MMType1") {
		f.builtin = readBuiltinEncoding(v.Key("FontDescriptor").Key("FontFile"))
		f.noEncoding = v.Key("Encoding").IsNull()
	}
	missing := v.Key("FontDescriptor").Key("MissingWidth").Float64() * scale
	widths := v.Key("Widths")
	n := widths.Len()
	if n == 0 {
		std := stdWidths(v.Key("BaseFont").Name())
		for i := range f.width1 {
			f.width1[i] = std(i)
		}
		return f
	}
	for i := range f.width1 {
		f.width1[i] = missing
	}
	first := int(v.Key("FirstChar").Int64())
	for i := 0; i < n && i < 256; i++ {
		c := first + i
		if c < 0 || c > 255 {
			continue
		}
		f.width1[c] = widths.Index(i).Float64() * scale
	}
	return f
}

// boldFont reports whether a font dictionary names a bold face: its
// BaseFont says Bold (SemiBold too), Black, Heavy or Demi
// ("ABCDEF+Arial-BoldMT", "Calibri,Bold"), or its descriptor gives a weight of 600 or more or
// sets ForceBold. A Type0 font's descriptor is its descendant's.
func boldFont(v pdf.Value) bool {
	name := strings.ToLower(v.Key("BaseFont").Name())
	for _, w := range []string{"bold", "black", "heavy", "demi"} {
		if strings.Contains(name, w) {
			return true
		}
	}
	fd := v.Key("FontDescriptor")
	if fd.Kind() != pdf.Dict {
		fd = v.Key("DescendantFonts").Index(0).Key("FontDescriptor")
	}
	if fd.Kind() != pdf.Dict {
		return false
	}
	const forceBold = 1 << 18
	return fd.Key("FontWeight").Float64() >= 600 || fd.Key("Flags").Int64()&forceBold != 0
}

// readCIDWidths reads a CIDFont /W array: "c [w1 w2 ...]" and "c1 c2 w".
func readCIDWidths(w pdf.Value, out map[uint16]float64) {
	n := w.Len()
	for i := 0; i < n; {
		c := w.Index(i)
		if c.Kind() != pdf.Integer {
			return
		}
		first := c.Int64()
		if i+1 >= n {
			return
		}
		next := w.Index(i + 1)
		if next.Kind() == pdf.Array {
			for j := 0; j < next.Len(); j++ {
				if cid := first + int64(j); cid >= 0 && cid <= 0xFFFF {
					out[uint16(cid)] = next.Index(j).Float64() / 1000
				}
			}
			i += 2
			continue
		}
		if i+2 >= n {
			return
		}
		last := next.Int64()
		wv := w.Index(i+2).Float64() / 1000
		if last-first > 0xFFFF {
			last = first + 0xFFFF
		}
		for cid := first; cid <= last; cid++ {
			if cid >= 0 && cid <= 0xFFFF {
				out[uint16(cid)] = wv
			}
		}
		i += 3
	}
}

// decode1 returns the text for a one-byte code.
func (f *pdfFont) decode1(c byte) string {
	if f.have1[c] {
		return f.dec1[c]
	}
	s := f.decode(string([]byte{c}))
	f.dec1[c], f.have1[c] = s, true
	return s
}

// decode2 returns the text for a two-byte code.
func (f *pdfFont) decode2(c uint16) string {
	if s, ok := f.dec2[c]; ok {
		return s
	}
	s := f.decode(string([]byte{byte(c >> 8), byte(c)}))
	if len(f.dec2) < 1<<16 {
		f.dec2[c] = s
	}
	return s
}

func (f *pdfFont) width2(c uint16) float64 {
	if w, ok := f.cidW[c]; ok {
		return w
	}
	return f.defW
}

// decode maps one code to text: by the ToUnicode map when it has the code,
// else by the library's decoder for the font (its /Encoding).
func (f *pdfFont) decode(raw string) (s string) {
	if f.uni != nil {
		if s, ok := f.uni.lookup(raw); ok {
			return s
		}
	}
	defer func() {
		if x := recover(); x != nil {
			f.enc = latin1Encoding{}
			s = ""
		}
	}()
	if f.enc == nil {
		font := pdf.Font{V: f.v}
		if f.uni != nil || f.v.Key("ToUnicode").Kind() != pdf.Stream {
			f.enc = font.Encoder()
		} else {
			// The map exists but could not be read; do not let the
			// library try again.
			f.enc = latin1Encoding{}
		}
		if f.enc == nil {
			f.enc = latin1Encoding{}
		}
	}
	s = f.enc.Decode(raw)
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "")
	}
	if f.builtin != nil && len(raw) == 1 && (f.noEncoding || !hasText(s)) {
		if t := glyphText(f.builtin[raw[0]]); t != "" {
			return t
		}
	}
	return s
}

// hasText reports whether s has a character that is not a control
// character or U+FFFD.
func hasText(s string) bool {
	for _, r := range s {
		if r >= 0x20 && r != 0x7f && r != utf8.RuneError && !(r >= 0x80 && r < 0xa0) {
			return true
		}
	}
	return false
}

// latin1Encoding is the fallback decoder.
type latin1Encoding struct{}

func (latin1Encoding) Decode(raw string) string {
	var b strings.Builder
	for i := 0; i < len(raw); i++ {
		b.WriteRune(rune(raw[i]))
	}
	return b.String()
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func isPDFSpace(c byte) bool {
	switch c {
	case 0, '\t', '\n', '\f', '\r', ' ':
		return true
	}
	return false
}

// stdWidths gives approximate widths for fonts without a /Widths array (the
// standard 14 fonts): Courier is monospaced, Times and Helvetica widths
// come from their AFM files for ASCII, 0.5 em otherwise.
func stdWidths(base string) func(c int) float64 {
	b := strings.ToLower(base)
	switch {
	case strings.Contains(b, "courier") || strings.Contains(b, "mono"):
		return func(int) float64 { return 0.6 }
	case strings.Contains(b, "times") || strings.Contains(b, "serif") && !strings.Contains(b, "sans"):
		return func(c int) float64 {
			if c >= 32 && c < 127 {
				return float64(timesWidths[c-32]) / 1000
			}
			return 0.5
		}
	default:
		return func(c int) float64 {
			if c >= 32 && c < 127 {
				return float64(helveticaWidths[c-32]) / 1000
			}
			return 0.556
		}
	}
}

var helveticaWidths = [95]uint16{
	278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
	1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
	667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
	333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
	556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
}

var timesWidths = [95]uint16{
	250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278,
	500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444,
	921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722,
	556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500,
	333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,
	500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
}
