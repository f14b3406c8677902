package ingest

import (
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// seg is a horizontal run of text within a row, separated from its
// neighbours by a gap wider than a word space (a table cell, a column).
type seg struct {
	x0, x1 float64
	size   float64
	bold   bool
	text   string
}

// row is the text on one baseline (give or take sub- and superscripts).
type row struct {
	y, size float64
	rot     uint8
	segs    []seg
}

func (r *row) text() string {
	if len(r.segs) == 1 {
		return r.segs[0].text
	}
	var b strings.Builder
	for i, s := range r.segs {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s.text)
	}
	return b.String()
}

// line is a row, or the part of a row in one column, in reading order.
type line struct {
	x0, tx, x1 float64 // start, start of text after a list marker, end
	y, size    float64
	text       string
	brk        bool // a paragraph must start here (new column, new region)
	marker     bool // starts with a bullet or a list number
	bold       bool // all in a bold face
	cells      int  // segments: three or more make a table row
}

const segGapFrac = 0.9 // gap between fragments (in font sizes) that starts a new segment

// buildRows clusters a page's fragments into rows, top to bottom, the
// upright text first and then each other rotation.
func buildRows(frags []frag, breaks []fragBreak) []row {
	sort.Slice(frags, func(i, j int) bool {
		a, b := &frags[i], &frags[j]
		if a.rot != b.rot {
			return a.rot < b.rot
		}
		if a.y != b.y {
			return a.y > b.y
		}
		return a.x0 < b.x0
	})
	var rows []row
	start, main := 0, 0
	for i := 1; i <= len(frags); i++ {
		if i < len(frags) {
			// Does frags[i] belong with the row being collected? Compare its
			// vertical extent with the row's largest fragment.
			f, m := &frags[i], &frags[main]
			if f.rot == m.rot && vOverlap(f, m) {
				if f.size > m.size {
					main = i
				}
				continue
			}
		}
		if i > start {
			rows = append(rows, makeRow(frags[start:i], breaks))
		}
		start, main = i, i
	}
	return rows
}

// vOverlap reports whether two fragments share most of their height.
func vOverlap(a, b *frag) bool {
	aLo, aHi := a.y-0.25*a.size, a.y+0.75*a.size
	bLo, bHi := b.y-0.25*b.size, b.y+0.75*b.size
	ov := math.Min(aHi, bHi) - math.Max(aLo, bLo)
	return ov >= 0.5*math.Min(a.size, b.size)
}

func makeRow(fs []frag, breaks []fragBreak) row {
	sort.Slice(fs, func(i, j int) bool { return fs[i].x0 < fs[j].x0 })
	fs = insertContained(fs, breaks)
	r := row{rot: fs[0].rot}
	// The row's baseline and size are those of its longest fragment.
	best := -1
	for i := range fs {
		if best < 0 || len(fs[i].text) > len(fs[best].text) {
			best = i
		}
	}
	r.y, r.size = fs[best].y, fs[best].size
	var b strings.Builder
	cur := seg{x0: fs[0].x0, x1: fs[0].x1, size: fs[0].size, bold: fs[0].bold}
	b.WriteString(fs[0].text)
	prev := &fs[0]
	for i := 1; i < len(fs); i++ {
		f := &fs[i]
		// Text drawn twice at almost the same place (fake bold, shadows).
		if f.text == prev.text && math.Abs(f.x0-prev.x0) < 0.3*f.size {
			continue
		}
		gap := f.x0 - cur.x1
		size := math.Max(cur.size, f.size)
		if gap < segGapFrac*size {
			hyphen := gap < 0.6*size && (f.text == "-" || f.text == "\u00AD")
			if gap > wordGapFrac*size && !hyphen && !strings.HasSuffix(b.String(), " ") {
				b.WriteByte(' ')
			}
			b.WriteString(f.text)
			if f.x1 > cur.x1 {
				cur.x1 = f.x1
			}
			if f.size > cur.size {
				cur.size = f.size
			}
			cur.bold = cur.bold && f.bold
		} else {
			cur.text = b.String()
			r.segs = append(r.segs, cur)
			b.Reset()
			b.WriteString(f.text)
			cur = seg{x0: f.x0, x1: f.x1, size: f.size, bold: f.bold}
		}
		prev = f
	}
	cur.text = b.String()
	r.segs = append(r.segs, cur)
	return r
}

// Running headers and footers.

var (
	digitsRe  = regexp.MustCompile(`[0-9]+`)
	pageNumRe = regexp.MustCompile(`(?i)^(?:page|pg\.?|p\.)?\s*[0-9]+\s*(?:(?:of|/)\s*[0-9]+)?$|^[-–—]\s*[0-9]+\s*[-–—]$`)
	pageOfRe  = regexp.MustCompile(`(?i)\bpage\s+[0-9]+\s+of\s+[0-9]+\b`)
)

// furnitureKey is how a header or footer row is recognised across pages:
// case and digits (page numbers, dates) do not count.
func furnitureKey(s string) string {
	s = strings.ToLower(NormaliseLine(s))
	return digitsRe.ReplaceAllString(s, "#")
}

// zoneRows is how many rows at the top and at the bottom of a page may be
// running headers or footers.
const zoneRows = 3

// pageZone returns the indices of the upright rows that may be a header or
// footer: the first and last few rows, and only those near the page edge
// when the page size is known.
func pageZone(p *pdfPage) []int {
	var up []int
	for i := range p.rows {
		if p.rows[i].rot == 0 {
			up = append(up, i)
		}
	}
	var zone []int
	h := p.box[3] - p.box[1]
	for k, i := range up {
		r := &p.rows[i]
		top := k < zoneRows
		bottom := k >= len(up)-zoneRows
		if !top && !bottom {
			continue
		}
		if p.hasBox && h > 0 {
			nearTop := r.y > p.box[3]-0.2*h
			nearBottom := r.y < p.box[1]+0.2*h
			if !(top && nearTop || bottom && nearBottom) {
				continue
			}
		}
		zone = append(zone, i)
	}
	return zone
}

// dropFurniture removes running headers and footers and page numbers.
func dropFurniture(pages []*pdfPage) {
	n := 0
	for _, p := range pages {
		if p != nil {
			n++
		}
	}
	type seen struct{ count, first, last int }
	keys := make(map[string]*seen)
	zones := make([][]int, len(pages))
	for pi, p := range pages {
		if p == nil {
			continue
		}
		zones[pi] = pageZone(p)
		onPage := make(map[string]bool)
		for _, i := range zones[pi] {
			k := furnitureKey(p.rows[i].text())
			if k == "" || onPage[k] {
				continue
			}
			onPage[k] = true
			s := keys[k]
			if s == nil {
				s = &seen{first: pi}
				keys[k] = s
			}
			s.count++
			s.last = pi
		}
	}
	repeated := func(k string) bool {
		s := keys[k]
		if s == nil || n < 3 || s.count < 3 {
			return false
		}
		if 2*s.count >= n {
			return true
		}
		// A paper within a merged pack: its own header on most of its pages.
		span := s.last - s.first + 1
		return 2*s.count >= span && 5*s.count >= n
	}
	for pi, p := range pages {
		if p == nil {
			continue
		}
		drop := make(map[int]bool)
		var rep []int
		for _, i := range zones[pi] {
			t := strings.TrimSpace(NormaliseLine(p.rows[i].text()))
			if pageNumRe.MatchString(t) {
				drop[i] = true
				continue
			}
			if repeated(furnitureKey(t)) {
				rep = append(rep, i)
				continue
			}
			// "Page 3 of 12" as one segment of a footer row.
			r := &p.rows[i]
			kept := r.segs[:0]
			for _, s := range r.segs {
				st := strings.TrimSpace(NormaliseLine(s.text))
				if pageNumRe.MatchString(st) && pageOfRe.MatchString(st) {
					continue
				}
				kept = append(kept, s)
			}
			r.segs = kept
			if len(kept) == 0 {
				drop[i] = true
			}
		}
		// Repeated rows go unless they are all the page has (a document
		// that repeats one page, slides with only a title).
		if len(drop)+len(rep) < len(p.rows) {
			for _, i := range rep {
				drop[i] = true
			}
		}
		if len(drop) == 0 {
			continue
		}
		kept := p.rows[:0]
		for i, r := range p.rows {
			if !drop[i] {
				kept = append(kept, r)
			}
		}
		p.rows = kept
	}
}

// Reading order.

// orderRows turns a page's rows into lines in reading order, reading a
// run of rows split by a clear vertical gutter column by column.
func orderRows(rows []row) []line {
	var out []line
	start := 0
	for i := 1; i <= len(rows); i++ {
		if i == len(rows) || rows[i].rot != rows[start].rot {
			out = orderRegion(rows[start:i], out, 0, true)
			start = i
		}
	}
	return out
}

func orderRegion(rows []row, out []line, depth int, brk bool) []line {
	for i := 0; i < len(rows); {
		if depth < 3 && len(rows) <= 1000 {
			if j, cut, ok := findColumns(rows, i); ok {
				left, right := splitRows(rows[i:j], cut)
				out = orderRegion(left, out, depth+1, true)
				out = orderRegion(right, out, depth+1, true)
				i = j
				brk = true
				continue
			}
		}
		l := rowLine(&rows[i])
		l.brk = brk
		brk = false
		out = append(out, l)
		i++
	}
	return out
}

// findColumns looks for a gutter: a vertical band, free in the first few
// rows from rows[i] on (columns often have staggered baselines, so one row
// may hold only one side), that no segment of the following rows crosses.
// It accepts a run of at least three rows with running text (not table
// cells) on both sides, and returns the end of the run and the x position
// of the cut. A wide vertical gap, or a row that crosses the band, ends the
// run.
func findColumns(rows []row, i int) (end int, cut float64, ok bool) {
	const window = 3
	w := window
	if len(rows)-i < w {
		return 0, 0, false
	}
	size := 0.0
	for k := i; k < i+w; k++ {
		size = math.Max(size, rows[k].size)
		if k > i && rows[k-1].y-rows[k].y > 2.2*size {
			return 0, 0, false
		}
	}
	minGutter := math.Max(0.9*size, 6)
	// Free intervals between the segments of the window.
	var spans [][2]float64
	for k := i; k < i+w; k++ {
		for _, s := range rows[k].segs {
			spans = append(spans, [2]float64{s.x0, s.x1})
		}
	}
	sort.Slice(spans, func(a, b int) bool { return spans[a][0] < spans[b][0] })
	var gaps [][2]float64
	reach := spans[0][1]
	for _, sp := range spans[1:] {
		if sp[0]-reach >= minGutter {
			gaps = append(gaps, [2]float64{reach, sp[0]})
		}
		reach = math.Max(reach, sp[1])
	}
	bestLen := 0
	for _, g := range gaps {
		lo, hi := g[0], g[1]
		j := i + w
		prevY := rows[j-1].y
		for ; j < len(rows); j++ {
			rr := &rows[j]
			if prevY-rr.y > 2.2*math.Max(size, rr.size) {
				break // a wide vertical gap ends the run
			}
			nlo, nhi := lo, hi
			crosses := false
			for _, s := range rr.segs {
				if s.x1 <= nlo || s.x0 >= nhi {
					continue
				}
				if s.x0 <= nlo && s.x1 >= nhi {
					crosses = true
					break
				}
				if (s.x0+s.x1)/2 < (nlo+nhi)/2 {
					nlo = s.x1
				} else {
					nhi = s.x0
				}
			}
			if crosses || nhi-nlo < 0.5*minGutter {
				break
			}
			lo, hi = nlo, nhi
			prevY = rr.y
		}
		if j-i <= bestLen {
			continue
		}
		c := (lo + hi) / 2
		if !textColumns(rows[i:j], c) || detached(rows[i:j], c) {
			continue
		}
		bestLen, end, cut, ok = j-i, j, c, true
	}
	return end, cut, ok
}

// detached reports whether the first row of a run lies left of the cut
// only and stands apart from the rest by more than their usual line
// distance: the last line of a paragraph above the columns, not the first
// line of the left column. (A first row on the right only is the head of
// the right column.)
func detached(rows []row, cut float64) bool {
	left, right := false, false
	for _, s := range rows[0].segs {
		if s.x1 <= cut {
			left = true
		} else {
			right = true
		}
	}
	if right || !left || len(rows) < 3 {
		return false
	}
	dys := make([]float64, 0, len(rows)-2)
	for k := 2; k < len(rows); k++ {
		dys = append(dys, rows[k-1].y-rows[k].y)
	}
	sort.Float64s(dys)
	return rows[0].y-rows[1].y > 1.3*dys[len(dys)/2]
}

// textColumns reports whether both sides of a cut hold running text: at
// least two rows each, with a median of four words or more per row. Table
// columns (labels, figures) have fewer.
func textColumns(rows []row, cut float64) bool {
	var left, right []int
	for i := range rows {
		l, r := 0, 0
		for _, s := range rows[i].segs {
			w := countWords(s.text)
			if s.x1 <= cut {
				l += w
			} else {
				r += w
			}
		}
		if l > 0 {
			left = append(left, l)
		}
		if r > 0 {
			right = append(right, r)
		}
	}
	return len(left) >= 2 && len(right) >= 2 && median(left) >= 4 && median(right) >= 4
}

func countWords(s string) int {
	n := 0
	in := false
	for i := 0; i < len(s); i++ {
		sp := s[i] == ' '
		if !sp && !in {
			n++
		}
		in = !sp
	}
	return n
}

func median(v []int) int {
	sort.Ints(v)
	return v[len(v)/2]
}

// splitRows divides rows at x = cut into the rows of the left column and
// those of the right.
func splitRows(rows []row, cut float64) (left, right []row) {
	for _, r := range rows {
		var l, rr []seg
		for _, s := range r.segs {
			if s.x1 <= cut {
				l = append(l, s)
			} else {
				rr = append(rr, s)
			}
		}
		if len(l) > 0 {
			left = append(left, row{y: r.y, size: r.size, rot: r.rot, segs: l})
		}
		if len(rr) > 0 {
			right = append(right, row{y: r.y, size: r.size, rot: r.rot, segs: rr})
		}
	}
	return left, right
}

func rowLine(r *row) line {
	l := line{
		x0:    r.segs[0].x0,
		x1:    r.segs[len(r.segs)-1].x1,
		y:     r.y,
		size:  r.size,
		text:  r.text(),
		cells: len(r.segs),
		bold:  true,
	}
	for i := range r.segs {
		l.bold = l.bold && r.segs[i].bold
	}
	l.tx = l.x0
	first := strings.TrimSpace(r.segs[0].text)
	if isListMarker(first) {
		l.marker = true
		if len(r.segs) > 1 {
			l.tx = r.segs[1].x0
		}
	} else if isListMarker(firstWord(first)) {
		l.marker = true
	}
	return l
}

func firstWord(s string) string {
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return s[:i]
	}
	return s
}

var numMarkerRe = regexp.MustCompile(`^(?:\(?[0-9]{1,3}[.)]|\(?[a-z][.)]|\(?[ivx]{1,4}[.)])$`)

// isListMarker reports whether s is a bullet or a list number on its own.
func isListMarker(s string) bool {
	if s == "" {
		return false
	}
	r, n := utf8.DecodeRuneInString(s)
	if n == len(s) {
		switch r {
		case '•', '●', '○', '◦', '▪', '■', '□', '➢', '►', '▶', '-', '–', '—', '*', '·', '\uF0B7', '\uF0A7', '✓', '✔', '♦', '◆':
			return true
		}
		return unicode.Is(unicode.So, r) || r >= 0xE000 && r <= 0xF8FF
	}
	return numMarkerRe.MatchString(s)
}

// Paragraphs.

// leadingTable gives the usual distance between baselines for each font
// size.
type leadingTable map[int]float64

func sizeKey(size float64) int { return int(math.Round(size * 2)) }

// learnLeading finds the most common baseline distance for each font size
// among consecutive lines, from those sizes seen at least min times.
func learnLeading(pages [][]line, min int) leadingTable {
	hist := make(map[int]map[int]int)
	for _, lines := range pages {
		for i := 1; i < len(lines); i++ {
			a, b := &lines[i-1], &lines[i]
			if b.brk || sizeKey(a.size) != sizeKey(b.size) {
				continue
			}
			dy := a.y - b.y
			if dy < 0.8*b.size || dy > 2.5*b.size {
				continue
			}
			k := sizeKey(b.size)
			if hist[k] == nil {
				hist[k] = make(map[int]int)
			}
			hist[k][int(math.Round(dy*2))]++ // half points
		}
	}
	t := make(leadingTable)
	for k, h := range hist {
		best, bestN, total := 0, 0, 0
		for d, n := range h {
			total += n
			if n > bestN || n == bestN && d < best {
				best, bestN = d, n
			}
		}
		if total < min {
			continue
		}
		// The mode's bin and its neighbours, weighted, for the value.
		sum, cnt := 0.0, 0
		for d := best - 1; d <= best+1; d++ {
			sum += float64(d*h[d]) / 2
			cnt += h[d]
		}
		t[k] = sum / float64(cnt)
	}
	return t
}

// of returns the leading for a size, from this table, then from the
// fallback table, then 1.2 times the size.
func (t leadingTable) of(size float64, fallback leadingTable) float64 {
	if d, ok := t[sizeKey(size)]; ok {
		return d
	}
	if d, ok := fallback[sizeKey(size)]; ok {
		return d
	}
	return 1.2 * size
}

// paragraphs groups a page's lines into paragraphs: a new one starts at a
// column or region change, a vertical gap clearly wider than the usual
// leading (learnt from the page, else from the document), a change of
// font size or between bold and plain lines, an indented first line, a
// list marker, or a table row.
func paragraphs(lines []line, docLead leadingTable) []pdfPara {
	lead := learnLeading([][]line{lines}, 4)
	var out []pdfPara
	var cur pdfPara
	for i := range lines {
		l := &lines[i]
		if i > 0 && len(cur.lines) > 0 {
			p := &lines[i-1]
			dy := p.y - l.y
			size := math.Max(p.size, l.size)
			newPara := l.brk || l.marker ||
				l.cells >= 3 || p.cells >= 3 ||
				dy <= 0.3*size ||
				dy > 1.2*lead.of(p.size, docLead)+0.05*size ||
				math.Abs(p.size-l.size) > 0.12*size ||
				l.tx-p.tx > 1.0*size ||
				p.bold != l.bold
			if newPara {
				out = append(out, cur)
				cur = pdfPara{}
			}
		}
		if len(cur.lines) == 0 {
			cur = pdfPara{size: l.size, bold: true, cells: 1}
		}
		cur.lines = append(cur.lines, l.text)
		cur.size = math.Min(cur.size, l.size)
		cur.bold = cur.bold && l.bold
		cur.cells = max(cur.cells, l.cells)
		if l.marker && len(cur.lines) == 1 {
			cur.marker = true
		}
	}
	if len(cur.lines) > 0 {
		out = append(out, cur)
	}
	return out
}

// pdfPara is a paragraph's lines, the page it is on, and what its lines
// look like: the smallest font size, whether all are bold, the most
// segments in one line, whether the first starts with a list marker.
type pdfPara struct {
	page    int
	lines   []string
	size    float64
	bold    bool
	cells   int
	marker  bool
	heading bool // set by markHeadings
}

// markHeadings marks the paragraphs that are headings: short (at most
// three lines and boldReadsAsHeading), not a table row or a bulleted
// item, starting with a capital or a section number, and set larger
// than the body text or, at the body's size, all in bold. The body size
// is the one most characters are set in. Bold counts only where the body
// is mostly plain: a document set all in a bold face has no bold headings.
func markHeadings(ps []pdfPara) {
	chars := make(map[int]int)
	var total, bold int
	for i := range ps {
		n := 0
		for _, l := range ps[i].lines {
			n += len(l)
		}
		chars[sizeKey(ps[i].size)] += n
		total += n
		if ps[i].bold {
			bold += n
		}
	}
	bodyKey, most := 0, -1
	for k, n := range chars {
		if n > most || n == most && k < bodyKey {
			bodyKey, most = k, n
		}
	}
	body := float64(bodyKey) / 2
	boldCounts := 2*bold < total
	for i := range ps {
		p := &ps[i]
		if len(p.lines) > 3 || p.size < 0.9*body ||
			!(p.size >= 1.15*body || p.bold && boldCounts) {
			continue
		}
		text := NormaliseLine(strings.Join(p.lines, " "))
		first := firstWord(text)
		numbered := textSectionNumber(first)
		if p.marker && !numbered || p.cells > 2 || p.cells == 2 && !numbered {
			continue
		}
		if !boldReadsAsHeading(text) || startsLower(text) || !hasWordOf(text, 3) || captionRe.MatchString(text) {
			continue
		}
		p.heading = true
	}
}

// captionRe finds a figure's or table's caption ("Table 3: Workforce
// KPIs", "Figure 2 – ..."), set in bold like a heading but not one: the
// text after the table belongs to the section before it.
var captionRe = regexp.MustCompile(`^(?i:figure|fig\.|table|chart|graph|exhibit|box|source|note)\s*[0-9A-Z]`)

// hasWordOf reports whether s has a word of at least n letters.
func hasWordOf(s string, n int) bool {
	run := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			run++
			if run >= n {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

// mendBreaks repairs paragraphs cut by a column or page break. On the same
// page, a paragraph that stops without closing punctuation and is followed
// by one that starts in lower case goes on in the next column: the two are
// one. Across pages the paragraphs stay apart (each block has one page),
// but a word hyphenated over the break is made whole on the first page.
func mendBreaks(ps []pdfPara) []pdfPara {
	out := ps[:0]
	for i := 0; i < len(ps); i++ {
		p := ps[i]
		if len(out) == 0 || len(p.lines) == 0 {
			out = append(out, p)
			continue
		}
		prev := &out[len(out)-1]
		if len(prev.lines) == 0 || prev.heading || p.heading {
			out = append(out, p)
			continue
		}
		last := strings.TrimSpace(prev.lines[len(prev.lines)-1])
		first := strings.TrimSpace(p.lines[0])
		if !startsLower(first) {
			out = append(out, p)
			continue
		}
		end, _ := utf8.DecodeLastRuneInString(last)
		if prev.page == p.page {
			if !strings.ContainsRune(".!?:;", end) {
				prev.lines = append(prev.lines, p.lines...)
				continue
			}
		} else if (end == '-' || end == '\u00AD') && isLowerLetterBefore(strings.TrimSuffix(last, "\u00AD")) {
			// Move the rest of the word back to the first page.
			word, rest := first, ""
			if k := strings.IndexByte(first, ' '); k >= 0 {
				word, rest = first[:k], first[k+1:]
			}
			prev.lines = append(prev.lines[:len(prev.lines):len(prev.lines)], word)
			p.lines = append([]string{rest}, p.lines[1:]...)
		}
		out = append(out, p)
	}
	return out
}

// hyphenatedWords learns which hyphenated words the document writes
// within its lines ("co-designing", "ward-level"), so that the same word
// broken at its hyphen across a line end keeps the hyphen.
func hyphenatedWords(pages [][]line) func(before, after string) bool {
	seen := make(map[string]bool)
	for _, lines := range pages {
		for i := range lines {
			t := lines[i].text
			for off := 0; ; {
				k := strings.IndexByte(t[off:], '-')
				if k < 0 {
					break
				}
				k += off
				a := strings.LastIndexByte(t[:k], ' ') + 1
				b := strings.IndexByte(t[k:], ' ')
				if b < 0 {
					b = len(t)
				} else {
					b += k
				}
				off = b
				if k == a || k+1 >= b {
					continue // "-x", "x-" at the end of the line
				}
				seen[hyphenKey(t[a:b])] = true
			}
		}
	}
	return func(before, after string) bool {
		return len(seen) > 0 && seen[hyphenKey(before+"-"+after)]
	}
}

func hyphenKey(w string) string {
	return strings.ToLower(strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }))
}

// insertContained puts a short fragment that was drawn inside the gap of a
// word space of a longer one (typically a symbol the main font lacks, drawn
// afterwards in another font) into the longer one's text at that space.
func insertContained(fs []frag, breaks []fragBreak) []frag {
	if len(fs) < 2 || len(fs) > 64 {
		return fs
	}
	type insert struct {
		off  int32
		text string
	}
	var into map[int][]insert
	var gone []bool
	for i := range fs {
		f := &fs[i]
		tol := 0.3 * f.size
		cx := (f.x0 + f.x1) / 2
		for j := range fs {
			c := &fs[j]
			if j == i || c.b1 == c.b0 || len(c.text) <= len(f.text) || gone != nil && (gone[j] || gone[i]) ||
				f.x0 < c.x0 || f.x1 > c.x1+tol {
				continue
			}
			best, bestD := -1, math.Inf(1)
			for k := c.b0; k < c.b1; k++ {
				b := &breaks[k]
				if f.x0 < float64(b.x0)-tol || f.x1 > float64(b.x1)+tol {
					continue
				}
				if d := math.Abs(float64(b.x0+b.x1)/2 - cx); d < bestD {
					best, bestD = int(k), d
				}
			}
			if best < 0 {
				continue
			}
			if into == nil {
				into = make(map[int][]insert)
				gone = make([]bool, len(fs))
			}
			into[j] = append(into[j], insert{breaks[best].off, f.text})
			gone[i] = true
			break
		}
	}
	if into == nil {
		return fs
	}
	for j, ins := range into {
		sort.Slice(ins, func(a, b int) bool { return ins[a].off > ins[b].off })
		t := fs[j].text
		for _, in := range ins {
			if int(in.off) <= len(t) {
				t = t[:in.off] + " " + in.text + t[in.off:]
			}
		}
		fs[j].text = t
		fs[j].b0, fs[j].b1 = 0, 0
	}
	kept := fs[:0]
	for i := range fs {
		if !gone[i] {
			kept = append(kept, fs[i])
		}
	}
	return kept
}

// titleFromLines takes a title from the first page with text when the
// Info dictionary has none: its first lines, when they are set larger than
// the body text of the page.
func titleFromLines(pages [][]line) string {
	for _, ls := range pages {
		if len(ls) == 0 {
			continue
		}
		sizes := make([]float64, len(ls))
		for i := range ls {
			sizes[i] = ls[i].size
		}
		sort.Float64s(sizes)
		body := sizes[len(sizes)/2]
		first := &ls[0]
		if first.size < 1.15*body {
			return ""
		}
		parts := []string{first.text}
		for i := 1; i < len(ls) && i < 3; i++ {
			if ls[i].brk || math.Abs(ls[i].size-first.size) > 0.5 || first.y-ls[i].y > 2*first.size*float64(i) {
				break
			}
			parts = append(parts, ls[i].text)
		}
		t := JoinLines(parts)
		if utf8.RuneCountInString(t) > 200 {
			return ""
		}
		return t
	}
	return ""
}
