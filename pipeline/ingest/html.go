package ingest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"

	"github.com/anchorscore/anchorscore/pipeline/doc"
)

// htmlExtractor reads HTML pages.
//
// It works on the token stream (html.NewTokenizer), never building a
// tree, so that nesting depth costs memory for a slice of open elements
// and nothing on the goroutine stack, and html.Parse's slow paths on
// pathological nesting are never reached.
//
// Blocks: p, li, h1-h6, dd, dt, blockquote, pre, caption, figcaption and
// any div (or other block element) with text directly in it each give a
// block; a heading sets Section. A table row is one block, its cells
// separated by " | " (paragraphs and line breaks inside a cell are
// joined), as in the DOCX extractor: a sentence in a cell stays whole and
// keeps the row's label. A heading inside a cell (layout tables) ends the
// row so far and is a heading block as usual; a table nested in a cell
// ends the outer row so far, and its own rows are blocks.
//
// Skipped: head (apart from title and meta), script, style, noscript,
// template, svg, math, iframe, object, nav, aside, select, button,
// textarea; elements with role navigation, search, banner or contentinfo;
// header and footer elements that belong to the page rather than to an
// article, main or section; anything hidden (hidden attribute,
// aria-hidden="true", display:none); elements whose id or class names
// cookies, consent or GDPR (or a known consent tool); an element whose id
// or class says "banner" is dropped if its text mentions cookies. A form
// is dropped unless it holds an h1, main or article or more than
// htmlFormKeepChars of text: ASP.NET pages wrap the whole body in one.
//
// Title is <title>, else the first h1; Created comes from a
// dcterms.created, DC.date.created, article:published_time or similar meta.
type htmlExtractor struct{}

// htmlFormKeepChars: a form with more text than this is page content.
const htmlFormKeepChars = 2000

// htmlMaxOpen caps the stack of open elements (24 bytes each); deeper
// start tags are read as if empty.
const htmlMaxOpen = 1 << 20

func (htmlExtractor) Format() doc.Format { return doc.FormatHTML }

func (htmlExtractor) Sniff(head []byte, ext string) bool {
	h := head
	if bytes.HasPrefix(h, []byte{0xFF, 0xFE}) || bytes.HasPrefix(h, []byte{0xFE, 0xFF}) {
		e := xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM)
		d, err := e.NewDecoder().Bytes(h[:len(h)&^1])
		if err != nil {
			return false
		}
		h = d
	}
	h = bytes.TrimPrefix(h, []byte{0xEF, 0xBB, 0xBF})
	if bytes.IndexByte(h, 0) >= 0 {
		return false // binary
	}
	h = bytes.TrimLeft(h, " \t\r\n\f")
	// Skip an XML declaration and comments before the markup proper.
	for i := 0; i < 8; i++ {
		var end []byte
		switch {
		case bytes.HasPrefix(h, []byte("<?")):
			end = []byte("?>")
		case bytes.HasPrefix(h, []byte("<!--")):
			end = []byte("-->")
		}
		if end == nil {
			break
		}
		k := bytes.Index(h, end)
		if k < 0 {
			break
		}
		h = bytes.TrimLeft(h[k+len(end):], " \t\r\n\f")
	}
	lower := bytes.ToLower(h)
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body"} {
		if bytes.HasPrefix(lower, []byte(p)) {
			return true
		}
	}
	startsTag := len(h) > 0 && h[0] == '<'
	if k := bytes.Index(lower, []byte("<html")); k >= 0 && k+5 < len(lower) {
		c := lower[k+5]
		textExt := ext == ".txt" || ext == ".md" || ext == ".markdown" || ext == ".csv"
		if (c == '>' || c == ' ' || c == '\t' || c == '\n' || c == '\r') && (startsTag || !textExt) {
			return true
		}
	}
	switch ext {
	case ".html", ".htm", ".xhtml", ".shtml":
		return bytes.IndexByte(h[:min(len(h), 512)], '<') >= 0
	}
	return false
}

func (htmlExtractor) Extract(ctx context.Context, r io.ReaderAt, size int64) (*doc.Text, error) {
	raw, err := textReadAll(ctx, r, size)
	if err != nil {
		return nil, err
	}
	enc := htmlEncoding(raw)
	src := raw
	if enc != encoding.Nop {
		src, err = enc.NewDecoder().Bytes(raw)
		if err != nil {
			return nil, fmt.Errorf("html: decoding: %w", err)
		}
	}
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	w := &htmlWalker{
		ctx:    ctx,
		counts: map[string]int{},
		skipAt: -1,
		headAt: -1,
		out:    &doc.Text{Format: doc.FormatHTML},
	}
	if err := w.run(html.NewTokenizer(bytes.NewReader(src))); err != nil {
		return nil, err
	}
	return w.out, nil
}

// htmlEncoding picks the page's encoding: a BOM, else a charset in a meta
// element in the first 64 KiB, else UTF-8 if the bytes are valid UTF-8,
// else Windows-1252 (what browsers do for ISO-8859-1 and unlabelled pages).
func htmlEncoding(b []byte) encoding.Encoding {
	if e, _, certain := charset.DetermineEncoding(b, ""); certain {
		return e // a BOM
	}
	if label := htmlMetaCharset(b[:min(len(b), 64<<10)]); label != "" {
		if strings.HasPrefix(strings.ToLower(label), "utf-16") {
			label = "utf-8" // as the HTML standard says for a meta tag
		}
		if e, _ := charset.Lookup(label); e != nil {
			return e
		}
	}
	if utf8.Valid(b) {
		return encoding.Nop
	}
	return charmap.Windows1252
}

// htmlMetaCharset finds <meta charset> or <meta http-equiv content-type>
// before the body starts.
func htmlMetaCharset(b []byte) string {
	z := html.NewTokenizer(bytes.NewReader(b))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch string(name) {
			case "body":
				return ""
			case "meta":
				var cs, httpEquiv, content string
				for hasAttr {
					var k, v []byte
					k, v, hasAttr = z.TagAttr()
					switch string(k) {
					case "charset":
						cs = string(v)
					case "http-equiv":
						httpEquiv = strings.ToLower(string(v))
					case "content":
						content = string(v)
					}
				}
				if cs = strings.TrimSpace(cs); cs != "" {
					return cs
				}
				if httpEquiv == "content-type" {
					if cs := htmlCharsetFromContentType(content); cs != "" {
						return cs
					}
				}
			}
		}
	}
}

func htmlCharsetFromContentType(s string) string {
	i := strings.Index(strings.ToLower(s), "charset")
	if i < 0 {
		return ""
	}
	s = strings.TrimLeft(s[i+len("charset"):], " \t")
	if !strings.HasPrefix(s, "=") {
		return ""
	}
	s = strings.TrimLeft(s[1:], " \t")
	s = strings.Trim(s, `"'`)
	if j := strings.IndexAny(s, `;"' `); j >= 0 {
		s = s[:j]
	}
	return s
}

// htmlOpen is one element on the stack of open elements.
type htmlOpen struct {
	name  string
	flags uint8
}

const (
	htmlActive    uint8 = 1 << iota // opened outside any skipped region: closing it has effects
	htmlTentative                   // a checkpoint in tentatives belongs to it
)

// htmlTable is an open table.
type htmlTable struct {
	at     int // stack index of the table element
	rowAt  int // stack index of the open tr, or -1
	cellAt int // stack index of the open td/th, or -1
	cells  []string
}

// htmlCheckpoint lets an element's blocks be taken back when it closes.
type htmlCheckpoint struct {
	at      int // stack index
	form    bool
	keep    bool // a form that holds page content
	nBlocks int
	para    int
	section string
	h1Title string
	chars   int
	cookies int
}

// htmlWalker turns the token stream into blocks.
type htmlWalker struct {
	ctx context.Context
	out *doc.Text

	stack  []htmlOpen
	counts map[string]int // open elements by name
	skipAt int            // stack index of the element being skipped, or -1
	headAt int            // stack index of the open head element, or -1

	em      textEmitter
	chars   int // characters emitted so far
	cookies int // blocks emitted so far that mention cookies
	section string
	h1Title string

	buf     textJoiner      // lines of the block being built
	cur     strings.Builder // the line being built
	heading bool            // the block being built is a heading
	// bold and plain: some of the block's text is inside strong or b,
	// some not. A block all in bold may be a heading (boldReadsAsHeading).
	bold, plain bool
	inTitle     bool
	title       strings.Builder

	tables []htmlTable
	tent   []htmlCheckpoint
}

var htmlVoid = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true,
	"img": true, "input": true, "keygen": true, "link": true, "meta": true,
	"param": true, "source": true, "track": true, "wbr": true, "basefont": true,
	"bgsound": true, "frame": true, "image": true, "menuitem": true,
}

var htmlBlock = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "body": true,
	"caption": true, "center": true, "dd": true, "details": true, "dialog": true,
	"div": true, "dl": true, "dt": true, "fieldset": true, "figcaption": true,
	"figure": true, "footer": true, "form": true, "h1": true, "h2": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "header": true, "hgroup": true, "html": true,
	"legend": true, "li": true, "main": true, "menu": true, "nav": true, "ol": true,
	"p": true, "pre": true, "section": true, "summary": true, "table": true,
	"tbody": true, "td": true, "tfoot": true, "th": true, "thead": true, "tr": true,
	"ul": true, "head": true, "title": true, "listing": true, "xmp": true, "plaintext": true,
	"option": true, "optgroup": true, "frameset": true, "noframes": true,
}

// htmlHeadContent may sit in head without ending it.
var htmlHeadContent = map[string]bool{
	"head": true, "title": true, "meta": true, "link": true, "style": true, "script": true,
	"base": true, "noscript": true, "template": true, "basefont": true, "bgsound": true,
}

var htmlSkip = map[string]bool{
	"head": true, "title": true, "script": true, "style": true, "noscript": true, "template": true,
	"svg": true, "math": true, "iframe": true, "object": true, "nav": true,
	"aside": true, "select": true, "button": true, "textarea": true, "noembed": true,
	"noframes": true, "datalist": true, "canvas": true, "audio": true, "video": true,
}

func htmlHeadingLevel(name string) int {
	if len(name) == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6' {
		return int(name[1] - '0')
	}
	return 0
}

func (w *htmlWalker) run(z *html.Tokenizer) error {
	n := 0
	for {
		n++
		if n&0xFFF == 0 {
			if err := w.ctx.Err(); err != nil {
				return err
			}
		}
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if err := z.Err(); err != io.EOF {
				return fmt.Errorf("html: %w", err)
			}
			w.popTo(0)
			w.flush()
			w.finish()
			return nil
		case html.TextToken:
			if w.inTitle {
				if w.title.Len() < 4096 {
					w.title.Write(z.Text())
				}
				continue
			}
			text := z.Text()
			if w.headAt >= 0 && w.headAt == len(w.stack)-1 && len(bytes.TrimSpace(text)) > 0 {
				w.popTo(w.headAt) // text ends a head left open, as in browsers
			}
			if w.skipAt >= 0 {
				continue
			}
			w.cur.Write(text)
			if len(bytes.TrimSpace(text)) > 0 {
				// A list's items in bold are its terms, not headings.
				inBold := w.counts["strong"]+w.counts["b"] > 0 && w.counts["li"] == 0
				w.bold, w.plain = w.bold || inBold, w.plain || !inBold
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			w.start(z, htmlName(name), hasAttr, tt == html.SelfClosingTagToken)
		case html.EndTagToken:
			name, _ := z.TagName()
			w.end(htmlName(name))
		}
	}
}

// htmlName interns known tag names.
func htmlName(b []byte) string {
	if a := atom.Lookup(b); a != 0 {
		return a.String()
	}
	return string(b)
}

type htmlAttrs struct {
	id, class, role, style, name, property, content string
	hidden, ariaHidden                              bool
}

func htmlReadAttrs(z *html.Tokenizer, hasAttr bool) htmlAttrs {
	var a htmlAttrs
	for hasAttr {
		var k, v []byte
		k, v, hasAttr = z.TagAttr()
		switch string(k) {
		case "id":
			a.id = strings.ToLower(string(v))
		case "class":
			a.class = strings.ToLower(string(v))
		case "role":
			a.role = strings.ToLower(strings.TrimSpace(string(v)))
		case "style":
			a.style = strings.ToLower(string(v))
		case "hidden":
			a.hidden = true
		case "aria-hidden":
			a.ariaHidden = strings.EqualFold(strings.TrimSpace(string(v)), "true")
		case "name":
			a.name = strings.ToLower(string(v))
		case "property":
			a.property = strings.ToLower(string(v))
		case "content":
			a.content = string(v)
		}
	}
	return a
}

// cookieNames are id/class fragments of cookie-consent banners.
var htmlCookieNames = []string{"cookie", "consent", "gdpr", "onetrust", "cookiebot", "cc-window", "cc-banner", "ccc-"}

func (a *htmlAttrs) cookieBanner() bool {
	for _, s := range []string{a.id, a.class} {
		for _, c := range htmlCookieNames {
			if strings.Contains(s, c) {
				return true
			}
		}
	}
	return a.id == "ccc" // Civic Cookie Control
}

func (a *htmlAttrs) banner() bool {
	return strings.Contains(a.id, "banner") || strings.Contains(a.class, "banner")
}

func (a *htmlAttrs) invisible() bool {
	if a.hidden || a.ariaHidden {
		return true
	}
	s := strings.ReplaceAll(a.style, " ", "")
	return strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden")
}

func (w *htmlWalker) start(z *html.Tokenizer, name string, hasAttr, selfClosing bool) {
	w.inTitle = false
	var a htmlAttrs
	if hasAttr {
		a = htmlReadAttrs(z, hasAttr)
	}
	if w.headAt >= 0 && !htmlHeadContent[name] {
		w.popTo(w.headAt) // body content ends a head left open
	}
	skipping := w.skipAt >= 0

	// Elements that take effect when they open and never hold content.
	if htmlVoid[name] || (selfClosing && !htmlBlock[name] && !htmlSkip[name]) {
		if skipping {
			if name == "meta" {
				w.meta(&a)
			}
			return
		}
		switch name {
		case "br":
			w.newline()
		case "hr":
			w.boundary()
		case "meta":
			w.meta(&a)
		}
		return
	}
	if selfClosing || (len(w.stack) >= htmlMaxOpen && (skipping || !htmlSkip[name])) {
		// <div/> and the like, in HTML a start tag; but treating it as
		// empty is kinder to XHTML and never leaves a skip open. Past
		// htmlMaxOpen, all but the start of a skipped region is read so.
		if !skipping && htmlBlock[name] {
			w.boundary()
		}
		return
	}

	// Implied ends of table cells and rows.
	if !skipping && len(w.tables) > 0 {
		t := &w.tables[len(w.tables)-1]
		switch name {
		case "td", "th":
			if t.cellAt >= 0 {
				w.popTo(t.cellAt)
			}
		case "tr":
			if t.rowAt >= 0 {
				w.popTo(t.rowAt)
			}
		}
	}

	e := htmlOpen{name: name}
	idx := len(w.stack)
	if name == "title" && w.title.Len() == 0 && w.counts["svg"]+w.counts["math"] == 0 {
		w.inTitle = true
	}
	if name == "head" && w.headAt < 0 {
		w.headAt = idx
	}
	if !skipping {
		e.flags |= htmlActive
		if w.shouldSkip(name, &a) {
			if htmlBlock[name] || name == "div" {
				w.boundary()
			}
			w.skipAt = idx
		} else {
			w.open(name, &a, idx, &e)
		}
	}
	w.stack = append(w.stack, e)
	w.counts[name]++
}

func (w *htmlWalker) shouldSkip(name string, a *htmlAttrs) bool {
	if htmlSkip[name] {
		return true
	}
	switch a.role {
	case "navigation", "search", "banner", "contentinfo":
		return true
	}
	if (name == "header" || name == "footer") && w.counts["article"]+w.counts["main"]+w.counts["section"] == 0 {
		return true
	}
	if a.cookieBanner() {
		return true
	}
	if a.invisible() && name != "html" && name != "body" && name != "main" {
		return true // (scripts toggle these on page wrappers; trust them less)
	}
	if name == "form" && w.inCell() {
		return true
	}
	return false
}

// open applies the effects of an element that starts outside any skip.
func (w *htmlWalker) open(name string, a *htmlAttrs, idx int, e *htmlOpen) {
	if level := htmlHeadingLevel(name); level > 0 {
		if w.heading {
			return // a heading in a heading: one heading
		}
		if w.inCell() {
			w.flushRowPart()
		} else {
			w.flush()
		}
		w.heading = true
		w.markKeep(level == 1)
		return
	}
	switch name {
	case "main", "article":
		w.markKeep(true)
	case "table":
		if w.inCell() {
			w.flushRowPart()
		} else {
			w.boundary()
		}
		w.tables = append(w.tables, htmlTable{at: idx, rowAt: -1, cellAt: -1})
		return
	case "tr":
		if t := w.table(); t != nil {
			w.boundary()
			if len(t.cells) > 0 {
				w.endRow(t) // cells that had no row
			}
			t.rowAt = idx
			t.cells = t.cells[:0]
			return
		}
	case "td", "th":
		if t := w.table(); t != nil {
			if t.rowAt < 0 { // a cell without a row
				t.rowAt = -2
				t.cells = t.cells[:0]
			}
			w.newline()
			if s := w.takeText(); s != "" { // stray text before the cell
				t.cells = append(t.cells, s)
			}
			t.cellAt = idx
			return
		}
	}
	if htmlBlock[name] {
		w.boundary()
	}
	pageForm := name == "form" && idx > 0 && (w.stack[idx-1].name == "body" || w.stack[idx-1].name == "html")
	// Browsers ignore a form inside a form; so does this.
	tentForm := name == "form" && !pageForm && w.counts["form"] == 0
	if (tentForm || a.banner()) && !w.inCell() {
		w.flush()
		w.tent = append(w.tent, htmlCheckpoint{
			at: idx, form: tentForm,
			nBlocks: len(w.em.blocks), para: w.em.para, section: w.section,
			h1Title: w.h1Title, chars: w.chars, cookies: w.cookies,
		})
		e.flags |= htmlTentative
	}
}

// markKeep records that the innermost form holds page content.
func (w *htmlWalker) markKeep(yes bool) {
	if yes && len(w.tent) > 0 {
		w.tent[len(w.tent)-1].keep = true
	}
}

func (w *htmlWalker) end(name string) {
	w.inTitle = false
	if name == "br" && w.skipAt < 0 {
		w.newline() // </br> is a <br> to browsers
		return
	}
	if w.counts[name] == 0 {
		if name == "p" && w.skipAt < 0 {
			w.boundary()
		}
		return
	}
	for i := len(w.stack) - 1; i >= 0; i-- {
		if w.stack[i].name == name {
			w.popTo(i)
			return
		}
	}
}

// popTo closes the elements at stack index i and above, innermost first.
func (w *htmlWalker) popTo(i int) {
	for len(w.stack) > i {
		k := len(w.stack) - 1
		e := w.stack[k]
		w.stack = w.stack[:k]
		w.counts[e.name]--
		if k == w.headAt {
			w.headAt = -1
		}
		if k == w.skipAt {
			w.skipAt = -1
			continue
		}
		if e.flags&htmlActive != 0 {
			w.close(e, k)
		}
	}
}

// close applies the effects of closing an active element at index k.
func (w *htmlWalker) close(e htmlOpen, k int) {
	switch t := w.table(); {
	case htmlHeadingLevel(e.name) > 0 && w.heading:
		text := w.takeText()
		w.heading = false
		if text != "" {
			w.section = text
			w.emit(text)
			if e.name == "h1" && w.h1Title == "" {
				w.h1Title = text
			}
		}
	case t != nil && k == t.cellAt:
		w.newline()
		if s := w.takeText(); s != "" {
			t.cells = append(t.cells, s)
		}
		t.cellAt = -1
	case t != nil && k == t.rowAt:
		w.endRow(t)
	case t != nil && k == t.at:
		if t.cellAt >= 0 {
			w.newline()
			if s := w.takeText(); s != "" {
				t.cells = append(t.cells, s)
			}
		}
		w.endRow(t)
		w.tables = w.tables[:len(w.tables)-1]
	case htmlBlock[e.name]:
		w.boundary()
	}
	if e.flags&htmlTentative != 0 && len(w.tent) > 0 && w.tent[len(w.tent)-1].at == k {
		w.flush()
		c := w.tent[len(w.tent)-1]
		w.tent = w.tent[:len(w.tent)-1]
		var drop bool
		if c.form {
			drop = !c.keep && w.chars-c.chars <= htmlFormKeepChars
		} else {
			drop = w.cookies > c.cookies
		}
		if drop {
			w.em.blocks = w.em.blocks[:c.nBlocks]
			w.em.para, w.section, w.h1Title = c.para, c.section, c.h1Title
			w.chars, w.cookies = c.chars, c.cookies
		} else if c.keep {
			w.markKeep(true)
		}
	}
}

func (w *htmlWalker) endRow(t *htmlTable) {
	if row := strings.Join(t.cells, " | "); row != "" {
		w.emit(row)
	}
	t.cells = t.cells[:0]
	t.rowAt, t.cellAt = -1, -1
}

// table returns the innermost open table, or nil.
func (w *htmlWalker) table() *htmlTable {
	if len(w.tables) == 0 {
		return nil
	}
	return &w.tables[len(w.tables)-1]
}

func (w *htmlWalker) inCell() bool {
	t := w.table()
	return t != nil && t.cellAt >= 0
}

// flushRowPart emits the row so far (with the open cell's text so far)
// as a block, before a heading or nested table inside a cell.
func (w *htmlWalker) flushRowPart() {
	t := w.table()
	w.newline()
	if s := w.takeText(); s != "" {
		t.cells = append(t.cells, s)
	}
	if row := strings.Join(t.cells, " | "); row != "" {
		w.emit(row)
	}
	t.cells = t.cells[:0]
}

// newline ends the line being built.
func (w *htmlWalker) newline() {
	if w.cur.Len() > 0 {
		w.buf.add(w.cur.String())
		w.cur.Reset()
	}
}

// takeText returns and clears the text being built.
func (w *htmlWalker) takeText() string {
	w.newline()
	s := w.buf.String()
	w.buf.reset()
	w.bold, w.plain = false, false
	return s
}

// boundary is a block-level element's start or end: a new block, or, in
// a table cell or a heading, a new line.
func (w *htmlWalker) boundary() {
	if w.heading || w.inCell() {
		w.newline()
		return
	}
	w.flush()
}

// flush emits the text being built as a block.
func (w *htmlWalker) flush() {
	if w.heading {
		return // the heading's own close emits it
	}
	allBold := w.bold && !w.plain
	if s := w.takeText(); s != "" {
		// A paragraph all in bold ("<p><strong>7. Anchor programme
		// update</strong></p>") marks an item as a heading would.
		if allBold && boldReadsAsHeading(s) {
			w.section = s
		}
		w.emit(s)
	}
}

func (w *htmlWalker) emit(text string) {
	if w.em.add(0, w.section, text) {
		w.chars += len(text)
		if strings.Contains(strings.ToLower(text), "cookie") {
			w.cookies++
		}
	}
}

func (w *htmlWalker) meta(a *htmlAttrs) {
	if !w.out.Created.IsZero() || a.content == "" {
		return
	}
	key := a.name
	if key == "" {
		key = a.property
	}
	switch key {
	case "dcterms.created", "dc.date.created", "dcterms.issued", "dc.date.issued",
		"dc.date", "dcterms.date", "date", "article:published_time", "citation_date",
		"citation_publication_date":
		w.out.Created = textParseDate(a.content)
	}
}

func (w *htmlWalker) finish() {
	w.out.Blocks = w.em.blocks
	w.out.Title = NormaliseLine(w.title.String())
	if w.out.Title == "" {
		w.out.Title = w.h1Title
	}
	if len(w.out.Blocks) == 0 {
		w.out.Warnings = append(w.out.Warnings, "no text found")
	}
}
