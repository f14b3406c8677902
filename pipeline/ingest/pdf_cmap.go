package ingest

import (
	"bytes"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
)

// toUnicodeMap is a font's /ToUnicode CMap, read once into tables.
//
// This is the one place that does not go through the library's decoder:
// its cmap Decode scans every bfchar and bfrange for every code, and it
// adds the offset within a bfrange to the last byte of the destination
// only, so a map such as "<0000> <FFFF> <0000>" (one range for all of
// Unicode, as the FPDF family writes) turns "≥" (U+2265) into "e".
type toUnicodeMap struct {
	chars  map[uint32]string // bfchar, keyed by codeKey
	ranges []uniRange
}

type uniRange struct {
	lo, hi uint32 // codeKey
	base   []uint16
	arr    []string // destinations given as an array, one per code
}

// codeKey folds a code's length into its value, so that <41> and <0041>
// stay apart.
func codeKey(raw string) (uint32, bool) {
	if len(raw) == 0 || len(raw) > 3 {
		return 0, false
	}
	k := uint32(len(raw)) << 24
	for i := 0; i < len(raw); i++ {
		k |= uint32(raw[i]) << (8 * (len(raw) - 1 - i))
	}
	return k, true
}

// readToUnicode parses a ToUnicode stream with pdf.Interpret. The caller
// has checked that the stream does not make the lexer hang. scratch is a
// dictionary the CMap's "findresource ... begin" may write into (the
// library offers no way to make an empty one): a freshly parsed one that
// nothing else uses.
func readToUnicode(v pdf.Value, scratch pdf.Value) (m *toUnicodeMap) {
	m = &toUnicodeMap{chars: make(map[uint32]string)}
	defer func() {
		if recover() != nil && len(m.chars) == 0 && len(m.ranges) == 0 {
			m = nil
		}
	}()
	pdf.Interpret(v, func(stk *pdf.Stack, op string) {
		switch op {
		case "endbfchar":
			n := stk.Len() / 2
			vals := popN(stk, 2*n)
			for i := 0; i+1 < len(vals); i += 2 {
				k, ok := codeKey(vals[i].RawString())
				if !ok || vals[i+1].Kind() != pdf.String {
					continue
				}
				m.chars[k] = utf16String(vals[i+1].RawString())
			}
		case "endbfrange":
			n := stk.Len() / 3
			vals := popN(stk, 3*n)
			for i := 0; i+2 < len(vals); i += 3 {
				lo, ok1 := codeKey(vals[i].RawString())
				hi, ok2 := codeKey(vals[i+1].RawString())
				if !ok1 || !ok2 || hi < lo || hi>>24 != lo>>24 {
					continue
				}
				r := uniRange{lo: lo, hi: hi}
				switch d := vals[i+2]; d.Kind() {
				case pdf.String:
					r.base = utf16Units(d.RawString())
				case pdf.Array:
					for j := 0; j < d.Len() && j <= int(hi-lo); j++ {
						r.arr = append(r.arr, utf16String(d.Index(j).RawString()))
					}
				default:
					continue
				}
				m.ranges = append(m.ranges, r)
			}
		case "findresource":
			stk.Pop()
			stk.Pop()
			stk.Push(scratch)
		case "begincodespacerange", "endcodespacerange", "beginbfchar", "beginbfrange",
			"begincidrange", "endcidrange", "begincidchar", "endcidchar", "usecmap",
			"defineresource", "begincmap", "endcmap":
			for stk.Len() > 0 {
				stk.Pop()
			}
		}
	})
	if len(m.chars) == 0 && len(m.ranges) == 0 {
		return nil
	}
	return m
}

// popN pops n values and returns them bottom first.
func popN(stk *pdf.Stack, n int) []pdf.Value {
	out := make([]pdf.Value, n)
	for i := n - 1; i >= 0; i-- {
		out[i] = stk.Pop()
	}
	for stk.Len() > 0 {
		stk.Pop()
	}
	return out
}

// lookup returns the text for a code of the given bytes.
func (m *toUnicodeMap) lookup(raw string) (string, bool) {
	k, ok := codeKey(raw)
	if !ok {
		return "", false
	}
	if s, ok := m.chars[k]; ok {
		return s, true
	}
	for i := range m.ranges {
		r := &m.ranges[i]
		if k < r.lo || k > r.hi {
			continue
		}
		off := k - r.lo
		if r.arr != nil {
			if int(off) < len(r.arr) {
				return r.arr[off], true
			}
			return "", false
		}
		if len(r.base) == 0 {
			return "", false
		}
		// The offset is added to the whole last code unit (not only its low
		// byte, which is what the library does).
		u := make([]uint16, len(r.base))
		copy(u, r.base)
		u[len(u)-1] += uint16(off)
		return string(utf16.Decode(u)), true
	}
	return "", false
}

func utf16Units(s string) []uint16 {
	if len(s)%2 == 1 {
		s = "\x00" + s
	}
	u := make([]uint16, len(s)/2)
	for i := range u {
		u[i] = uint16(s[2*i])<<8 | uint16(s[2*i+1])
	}
	return u
}

func utf16String(s string) string {
	if len(s) == 1 {
		// A one-byte destination is a malformed map; read it as Latin-1.
		return string(rune(s[0]))
	}
	out := string(utf16.Decode(utf16Units(s)))
	if !utf8.ValidString(out) {
		return ""
	}
	return out
}

// Built-in encodings of embedded Type 1 fonts.
//
// A simple font without /ToUnicode or /Encoding uses the encoding inside
// its font program; TeX fonts put ligatures and quotes at codes the
// library decodes as control characters ("ﬁlled" comes out "lled"). The
// cleartext part of a FontFile lists that encoding as "dup 14 /ffi put".

var builtinEncRe = regexp.MustCompile(`dup\s+([0-9]{1,3})\s*/([^\s/\[\]()<>{}%]+)\s+put`)

// readBuiltinEncoding returns the glyph names by code from an embedded
// Type 1 font program, or nil.
func readBuiltinEncoding(fontFile pdf.Value) (enc *[256]string) {
	if fontFile.Kind() != pdf.Stream {
		return nil
	}
	defer func() {
		if recover() != nil {
			enc = nil
		}
	}()
	n := fontFile.Key("Length1").Int64()
	if n <= 0 || n > 1<<20 {
		n = 64 << 10
	}
	rd := fontFile.Reader()
	defer rd.Close()
	buf := make([]byte, n)
	m, _ := io.ReadFull(rd, buf)
	buf = buf[:m]
	if i := bytes.Index(buf, []byte("eexec")); i >= 0 {
		buf = buf[:i]
	}
	var names [256]string
	found := false
	for _, sm := range builtinEncRe.FindAllSubmatch(buf, -1) {
		c, err := strconv.Atoi(string(sm[1]))
		if err != nil || c > 255 {
			continue
		}
		names[c] = string(sm[2])
		found = true
	}
	if !found {
		return nil
	}
	return &names
}

// glyphText maps a glyph name to its text, for the names fonts use most
// (the Adobe Glyph List has thousands); "" when unknown.
func glyphText(name string) string {
	if len(name) == 1 && (name[0] >= 'a' && name[0] <= 'z' || name[0] >= 'A' && name[0] <= 'Z') {
		return name
	}
	if s, ok := glyphNames[name]; ok {
		return s
	}
	if h, ok := strings.CutPrefix(name, "uni"); ok && len(h) >= 4 && len(h)%4 == 0 {
		var b strings.Builder
		for ; len(h) > 0; h = h[4:] {
			v, err := strconv.ParseUint(h[:4], 16, 16)
			if err != nil || v < 0x20 {
				return ""
			}
			b.WriteRune(rune(v))
		}
		return b.String()
	}
	if h, ok := strings.CutPrefix(name, "u"); ok && len(h) >= 4 && len(h) <= 6 {
		if v, err := strconv.ParseUint(h, 16, 32); err == nil && v >= 0x20 && utf8.ValidRune(rune(v)) {
			return string(rune(v))
		}
	}
	return ""
}

var glyphNames = map[string]string{
	"space": " ", "exclam": "!", "quotedbl": "\"", "numbersign": "#", "dollar": "$",
	"percent": "%", "ampersand": "&", "quoteright": "’", "quotesingle": "'",
	"parenleft": "(", "parenright": ")", "asterisk": "*", "plus": "+", "comma": ",",
	"hyphen": "-", "period": ".", "slash": "/", "zero": "0", "one": "1", "two": "2",
	"three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
	"nine": "9", "colon": ":", "semicolon": ";", "less": "<", "equal": "=",
	"greater": ">", "question": "?", "at": "@", "bracketleft": "[", "backslash": "\\",
	"bracketright": "]", "asciicircum": "^", "underscore": "_", "quoteleft": "‘",
	"grave": "`", "braceleft": "{", "bar": "|", "braceright": "}", "asciitilde": "~",
	"ff": "ff", "fi": "fi", "fl": "fl", "ffi": "ffi", "ffl": "ffl",
	"quotedblleft": "“", "quotedblright": "”", "quotedblbase": "„", "quotesinglbase": "‚",
	"endash": "–", "emdash": "—", "bullet": "•", "ellipsis": "…", "dagger": "†",
	"daggerdbl": "‡", "sterling": "£", "Euro": "€", "euro": "€", "yen": "¥", "cent": "¢",
	"section": "§", "paragraph": "¶", "copyright": "©", "registered": "®",
	"trademark": "™", "degree": "°", "plusminus": "±", "multiply": "×", "divide": "÷",
	"minus": "−", "periodcentered": "·", "exclamdown": "¡", "questiondown": "¿",
	"guillemotleft": "«", "guillemotright": "»", "germandbls": "ß", "dotlessi": "ı",
	"ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "oslash": "ø", "Oslash": "Ø",
	"lslash": "ł", "Lslash": "Ł", "aring": "å", "Aring": "Å", "eacute": "é",
	"Eacute": "É", "egrave": "è", "ecircumflex": "ê", "edieresis": "ë", "aacute": "á",
	"agrave": "à", "acircumflex": "â", "adieresis": "ä", "atilde": "ã", "ccedilla": "ç",
	"iacute": "í", "icircumflex": "î", "idieresis": "ï", "ntilde": "ñ", "oacute": "ó",
	"ocircumflex": "ô", "odieresis": "ö", "otilde": "õ", "uacute": "ú", "ugrave": "ù",
	"ucircumflex": "û", "udieresis": "ü", "Odieresis": "Ö", "Udieresis": "Ü",
	"Adieresis": "Ä", "greaterequal": "≥", "lessequal": "≤", "notequal": "≠",
	"arrowright": "→", "arrowleft": "←", "checkmark": "✓", "percent1000": "‰",
	"perthousand": "‰", "fraction": "⁄", "onehalf": "½", "onequarter": "¼",
	"threequarters": "¾", "mu": "µ", "nbspace": "\u00A0", "sfthyphen": "\u00AD",
}

// lexerWouldHang reports whether the library's content lexer would loop for
// ever on the stream. Page content has its own lexer (pdf_lex.go); this
// guards the ToUnicode maps, which are still read with pdf.Interpret. Its hex-string reader never stops when the data ends
// inside "<...": reading past the end yields newlines, which it skips as
// white space while it waits for the next digit (or for the second digit
// of a pair, whatever the first was). So it hangs when, after the last
// '<', there are only hex digits and white space, or an even number of
// digits and one more character other than '>'. This reads the decoded
// stream once, in chunks, and checks that tail; it may flag a stream whose
// last '<' is inside a string or comment, which is harmless. A stream too
// large for what is left of *budget (decoded bytes) is reported as hanging
// too, which bounds the work a page can cause (decompression bombs, a form
// drawn a thousand times).
func lexerWouldHang(v pdf.Value, budget *int64) (hang bool) {
	defer func() {
		if recover() != nil {
			hang = false // the library fails on it the same way, quickly
		}
	}()
	var buf [32 << 10]byte
	seen := false // a '<' has been seen
	digits := 0   // hex digits after the last '<'
	extra := 0    // other characters after the last '<'
	safe := false // the tail after the last '<' ends the hex string
	rd := v.Reader()
	defer rd.Close()
	for {
		n, err := rd.Read(buf[:])
		*budget -= int64(n)
		if *budget < 0 {
			return true
		}
		chunk := buf[:n]
		if k := bytes.LastIndexByte(chunk, '<'); k >= 0 {
			seen, digits, extra, safe = true, 0, 0, false
			chunk = chunk[k+1:]
		}
		if seen && !safe {
			for _, c := range chunk {
				switch {
				case isPDFSpace(c):
				case extra > 0:
					safe = true // a character after the odd one
				case isHexDigit(c):
					digits++
				default:
					extra = 1
					// '>' where a first digit is due closes the string;
					// any odd character as a second digit is an error.
					safe = c == '>' || digits%2 == 1
				}
				if safe {
					break
				}
			}
		}
		if err != nil {
			return seen && !safe
		}
	}
}
