package ingest

import (
	"io"

	"github.com/ledongthuc/pdf"
)

// Content streams are lexed here rather than with pdf.Interpret. The
// library's lexer builds a boxed value for every token and cost two thirds
// of the time spent reading a PDF; it also loops for ever when a stream
// ends inside a hex string, so each stream had to be decompressed once
// beforehand just to check for that. This lexer reads the decoded stream
// once, allocates only for strings and arrays, and stops at the end of the
// data whatever state it is in. The library still parses the file
// structure, objects and streams.

// operand is one operand of a content-stream operator.
type operand struct {
	kind byte // 'n' number, 's' string, 'N' name, 'a' array, 'o' anything else
	num  float64
	str  string // a string's bytes or a name
	arr  []operand
}

// name is a name operand's text ("" for anything else).
func (o operand) name() string {
	if o.kind != 'N' {
		return ""
	}
	return o.str
}

// text is a string operand's bytes ("" for anything else).
func (o operand) text() string {
	if o.kind != 's' {
		return ""
	}
	return o.str
}

// Limits on what one stream may build up.
const (
	maxOperands   = 1 << 10 // operands waiting for an operator
	maxArrayDepth = 32
	maxArrayLen   = 1 << 14
)

// readContent returns a stream's decoded bytes, counting them against
// budget. ok is false when the stream is larger than what is left of the
// budget; a stream that cannot be decoded to the end gives what could be.
func readContent(v pdf.Value, budget *int64) (data []byte, ok bool) {
	defer func() {
		if recover() != nil {
			ok = len(data) > 0
		}
	}()
	rd := v.Reader()
	defer rd.Close()
	var buf [32 << 10]byte
	for {
		n, err := rd.Read(buf[:])
		*budget -= int64(n)
		if *budget < 0 {
			return nil, false
		}
		data = append(data, buf[:n]...)
		if err != nil {
			return data, err == io.EOF || len(data) > 0
		}
	}
}

// contentLexer walks a decoded content stream.
type contentLexer struct {
	data []byte
	pos  int
	buf  []byte // scratch for strings and names
	// Arrays are built on scratch (a stack, for nested arrays) and then
	// copied into arena, which is reset after each operator: a TJ array
	// costs no allocation once the first few pages have grown them.
	scratch []operand
	arena   []operand
}

// interpret calls fn for each operator in data with the operands before
// it. The operands slice is reused between calls.
func interpret(data []byte, fn func(op string, args []operand)) {
	lx := &contentLexer{data: data}
	var stack []operand
	for {
		tok, op, ok := lx.next(0)
		if !ok {
			return
		}
		if op == "" {
			if len(stack) >= maxOperands {
				// No operator in sight: drop what has piled up.
				clear(stack)
				stack = stack[:0]
				clear(lx.arena)
				lx.arena = lx.arena[:0]
			}
			stack = append(stack, tok)
			continue
		}
		if op == "BI" {
			lx.skipInlineImage()
			stack = stack[:0]
			continue
		}
		fn(op, stack)
		clear(stack)
		stack = stack[:0]
		clear(lx.arena)
		lx.arena = lx.arena[:0]
	}
}

// next returns the next operand, or the next operator's name in op (an
// operator the interpreter does not act on comes back as "?"). ok is
// false at the end of the data.
func (lx *contentLexer) next(depth int) (tok operand, op string, ok bool) {
	d := lx.data
	for lx.pos < len(d) {
		c := d[lx.pos]
		switch {
		case isPDFSpace(c):
			lx.pos++
		case c == '%':
			for lx.pos < len(d) && d[lx.pos] != '\n' && d[lx.pos] != '\r' {
				lx.pos++
			}
		case c == '(':
			lx.pos++
			return operand{kind: 's', str: lx.literal()}, "", true
		case c == '<' && lx.pos+1 < len(d) && d[lx.pos+1] == '<':
			lx.pos += 2
			lx.skipDict(depth)
			return operand{kind: 'o'}, "", true
		case c == '<':
			lx.pos++
			return operand{kind: 's', str: lx.hex()}, "", true
		case c == '/':
			lx.pos++
			return operand{kind: 'N', str: lx.name()}, "", true
		case c == '[':
			lx.pos++
			return lx.array(depth), "", true
		case c == ']' || c == '>' || c == ')' || c == '{' || c == '}':
			lx.pos++ // stray delimiter
		case c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9'):
			return operand{kind: 'n', num: lx.number()}, "", true
		default:
			start := lx.pos
			for lx.pos < len(d) && !isPDFSpace(d[lx.pos]) && !isDelimiter(d[lx.pos]) {
				lx.pos++
			}
			word := d[start:lx.pos]
			switch string(word) {
			case "true", "false", "null":
				return operand{kind: 'o'}, "", true
			}
			if name, known := operators[string(word)]; known {
				return operand{}, name, true
			}
			return operand{}, "?", true
		}
	}
	return operand{}, "", false
}

// operators are the operators the interpreter acts on (and BI, which
// starts an inline image), so that each comes back as a constant string.
var operators = map[string]string{
	"q": "q", "Q": "Q", "cm": "cm", "BT": "BT", "ET": "ET", "Tf": "Tf", "Tc": "Tc", "Tw": "Tw", "Tz": "Tz",
	"TL": "TL", "Ts": "Ts", "Td": "Td", "TD": "TD", "Tm": "Tm", "T*": "T*", "Tj": "Tj", "'": "'", "\"": "\"",
	"TJ": "TJ", "Do": "Do", "BI": "BI",
}

func isDelimiter(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// number reads a PDF number: an optional sign, digits, an optional point
// and more digits. Anything malformed reads as what it has so far.
func (lx *contentLexer) number() float64 {
	d := lx.data
	neg := false
	if c := d[lx.pos]; c == '+' || c == '-' {
		neg = c == '-'
		lx.pos++
	}
	var v float64
	for lx.pos < len(d) && d[lx.pos] >= '0' && d[lx.pos] <= '9' {
		v = v*10 + float64(d[lx.pos]-'0')
		lx.pos++
	}
	if lx.pos < len(d) && d[lx.pos] == '.' {
		lx.pos++
		scale := 0.1
		for lx.pos < len(d) && d[lx.pos] >= '0' && d[lx.pos] <= '9' {
			v += float64(d[lx.pos]-'0') * scale
			scale /= 10
			lx.pos++
		}
	}
	// Producers sometimes write "-" twice or "1.2.3": skip the rest of
	// the malformed token rather than read it as an operator.
	for lx.pos < len(d) && !isPDFSpace(d[lx.pos]) && !isDelimiter(d[lx.pos]) {
		lx.pos++
	}
	if neg {
		v = -v
	}
	return v
}

// literal reads a (string) after its opening parenthesis.
func (lx *contentLexer) literal() string {
	d := lx.data
	b := lx.buf[:0]
	depth := 1
	for lx.pos < len(d) {
		c := d[lx.pos]
		lx.pos++
		switch c {
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				lx.buf = b
				return string(b)
			}
		case '\\':
			if lx.pos >= len(d) {
				break
			}
			e := d[lx.pos]
			lx.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if lx.pos < len(d) && d[lx.pos] == '\n' {
					lx.pos++
				}
				continue // a line continuation
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && lx.pos < len(d) && d[lx.pos] >= '0' && d[lx.pos] <= '7'; k++ {
						v = v*8 + int(d[lx.pos]-'0')
						lx.pos++
					}
					c = byte(v)
				} else {
					c = e // \( \) \\ and unknown escapes stand for the character
				}
			}
		}
		b = append(b, c)
	}
	lx.buf = b
	return string(b)
}

// hex reads a <hex string> after its opening bracket; white space is
// ignored and a missing last digit is 0.
func (lx *contentLexer) hex() string {
	d := lx.data
	b := lx.buf[:0]
	hi, half := byte(0), false
	for lx.pos < len(d) {
		c := d[lx.pos]
		lx.pos++
		if c == '>' {
			break
		}
		v, ok := hexValue(c)
		if !ok {
			continue
		}
		if half {
			b = append(b, hi<<4|v)
		} else {
			hi = v
		}
		half = !half
	}
	if half {
		b = append(b, hi<<4)
	}
	lx.buf = b
	return string(b)
}

func hexValue(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// name reads a /name after its slash, decoding #xx escapes.
func (lx *contentLexer) name() string {
	d := lx.data
	b := lx.buf[:0]
	for lx.pos < len(d) && !isPDFSpace(d[lx.pos]) && !isDelimiter(d[lx.pos]) {
		c := d[lx.pos]
		lx.pos++
		if c == '#' && lx.pos+1 < len(d) {
			h, ok1 := hexValue(d[lx.pos])
			l, ok2 := hexValue(d[lx.pos+1])
			if ok1 && ok2 {
				c = h<<4 | l
				lx.pos += 2
			}
		}
		b = append(b, c)
	}
	lx.buf = b
	return string(b)
}

// array reads an [array] after its opening bracket. An operator inside
// an array is malformed and dropped.
func (lx *contentLexer) array(depth int) operand {
	if depth >= maxArrayDepth {
		lx.skipTo(']')
		return operand{kind: 'a'}
	}
	start := len(lx.scratch)
	d := lx.data
	for lx.pos < len(d) {
		for lx.pos < len(d) && isPDFSpace(d[lx.pos]) {
			lx.pos++
		}
		if lx.pos < len(d) && d[lx.pos] == ']' {
			lx.pos++
			break
		}
		tok, op, ok := lx.next(depth + 1)
		if !ok {
			break
		}
		if op == "" && len(lx.scratch)-start < maxArrayLen {
			lx.scratch = append(lx.scratch, tok)
		}
	}
	from := len(lx.arena)
	lx.arena = append(lx.arena, lx.scratch[start:]...)
	clear(lx.scratch[start:])
	lx.scratch = lx.scratch[:start]
	return operand{kind: 'a', arr: lx.arena[from:len(lx.arena):len(lx.arena)]}
}

// skipDict skips a <<dictionary>> after its opening brackets.
func (lx *contentLexer) skipDict(depth int) {
	d := lx.data
	for lx.pos < len(d) {
		if d[lx.pos] == '>' && lx.pos+1 < len(d) && d[lx.pos+1] == '>' {
			lx.pos += 2
			return
		}
		if isPDFSpace(d[lx.pos]) {
			lx.pos++
			continue
		}
		if depth >= maxArrayDepth {
			lx.pos++
			continue
		}
		if _, _, ok := lx.next(depth + 1); !ok {
			return
		}
	}
}

func (lx *contentLexer) skipTo(c byte) {
	for lx.pos < len(lx.data) && lx.data[lx.pos] != c {
		lx.pos++
	}
	if lx.pos < len(lx.data) {
		lx.pos++
	}
}

// skipInlineImage skips an inline image after BI: its parameters up to
// ID, then its data up to an EI that stands alone between white space.
func (lx *contentLexer) skipInlineImage() {
	d := lx.data
	for {
		_, op, ok := lx.next(0)
		if !ok {
			return
		}
		if op == "?" && lx.pos >= 2 && string(d[lx.pos-2:lx.pos]) == "ID" {
			break
		}
	}
	lx.pos++ // the single white-space byte after ID
	for lx.pos+1 < len(d) {
		if d[lx.pos] == 'E' && d[lx.pos+1] == 'I' && isPDFSpace(d[lx.pos-1]) &&
			(lx.pos+2 == len(d) || isPDFSpace(d[lx.pos+2]) || isDelimiter(d[lx.pos+2])) {
			lx.pos += 2
			return
		}
		lx.pos++
	}
	lx.pos = len(d)
}
