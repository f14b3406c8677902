package report

import (
	"archive/zip"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/anchorscore/anchorscore/pipeline"
	"github.com/anchorscore/anchorscore/pipeline/discover"
	"github.com/anchorscore/anchorscore/pipeline/doc"
	"github.com/anchorscore/anchorscore/pipeline/score"
	"github.com/anchorscore/anchorscore/rubric"
)

// Workbooks are written in Arial: it is on every Windows and Mac machine,
// and LibreOffice draws it with Liberation Sans, which has the same
// widths, so row heights worked out here hold in both. (The library's
// default, Calibri, falls back to a much wider font where it is missing.)
const fontFamily = "Arial"

// levelColours fill a level's cell, from grey (not evidenced) to deep
// green (embedded); a board reads the colour before the number. An
// indicator's strength uses the first four (none, intent, action,
// outcome).
var levelColours = []string{"#D9D9D9", "#F8CBAD", "#FFE699", "#C6E0B4", "#70AD47"}

// levelInk are darker versions of levelColours, for marks drawn on white
// (the legend's squares) where the pale fills would vanish.
var levelInk = []string{"#A6A6A6", "#F4B183", "#FFD966", "#A9D18E", "#548235"}

// themeColours tell the four building blocks apart in charts.
var themeColours = []string{"#1F4E79", "#2A9D8F", "#E76F51", "#7B5EA7", "#8C8C8C", "#C9A227"}

const (
	navy = "#1F4E79"
	grey = "#595959"
)

// Excel's limits that a large run can reach.
const (
	maxCellChars = 32767 // characters in one cell
	// maxLinksPerSheet keeps a sheet under Excel's 65,530 hyperlinks;
	// rows past it keep their document and page.
	maxLinksPerSheet = 65000
	maxLinkChars     = 2000 // Excel ignores a longer link target
)

// index is what the workbooks look up, built once per run: the results
// grouped by organisation, and each score by organisation, period and
// theme.
type index struct {
	res    *pipeline.Result
	rubric *rubric.Compiled
	orgs   []string
	items  map[string][]int                // organisation -> indices into res.Items
	docs   map[string][]*pipeline.Document // organisation -> its documents, in run order
	scores map[scoreKey]*score.Theme
	// periods lists an organisation's scored periods in order, "all"
	// excluded; undated comes last when present.
	periods map[string][]string
	// files holds, for each of res.Docs, the path that opens the file: the
	// path the file system knows, not the shorter one shown in outputs.
	files     []string
	themeName map[string]string
	indicator map[string]*rubric.Indicator
}

type scoreKey struct{ org, period, theme string }

func newIndex(res *pipeline.Result, r *rubric.Compiled) *index {
	ix := &index{
		res: res, rubric: r, orgs: Organisations(res),
		items: map[string][]int{}, docs: map[string][]*pipeline.Document{},
		scores: map[scoreKey]*score.Theme{}, periods: map[string][]string{},
		themeName: map[string]string{}, indicator: map[string]*rubric.Indicator{},
	}
	for i := range res.Items {
		org := res.Docs[res.Items[i].Doc].Organisation
		ix.items[org] = append(ix.items[org], i)
	}
	for _, d := range res.Documents {
		ix.docs[d.Organisation] = append(ix.docs[d.Organisation], d)
	}
	for i := range res.Scores {
		s := &res.Scores[i]
		ix.scores[scoreKey{s.Organisation, s.Period, s.Theme}] = s
		if s.Period != discover.PeriodAll && (len(ix.periods[s.Organisation]) == 0 || last(ix.periods[s.Organisation]) != s.Period) {
			ix.periods[s.Organisation] = append(ix.periods[s.Organisation], s.Period)
		}
	}
	// pipeline.Run lists in res.Docs, in order, the documents it read
	// (status ok or partial); match them up to find each one's file.
	ix.files = make([]string, len(res.Docs))
	j := 0
	for _, d := range res.Documents {
		if j < len(res.Docs) && (d.Status == pipeline.StatusOK || d.Status == pipeline.StatusPartial) &&
			d.Display == res.Docs[j].Path && d.Organisation == res.Docs[j].Organisation {
			ix.files[j] = d.Path
			j++
		}
	}
	for k := range ix.files {
		if ix.files[k] == "" {
			ix.files[k] = res.Docs[k].Path
		}
	}
	for _, th := range r.Themes {
		ix.themeName[th.ID] = th.Name
		for i := range th.Indicators {
			ix.indicator[th.Indicators[i].ID] = &th.Indicators[i]
		}
	}
	return ix
}

func last(ss []string) string { return ss[len(ss)-1] }

func (ix *index) score(org, period, theme string) *score.Theme {
	return ix.scores[scoreKey{org, period, theme}]
}

// datedPeriods are an organisation's periods that have a date, in order:
// the ones a trend can be drawn through.
func (ix *index) datedPeriods(org string) []string {
	var out []string
	for _, p := range ix.periods[org] {
		if p != discover.Undated {
			out = append(out, p)
		}
	}
	return out
}

func (ix *index) themeLabel(id string) string {
	if n := ix.themeName[id]; n != "" {
		return n
	}
	return id
}

func (ix *index) indicatorLabel(id string) string {
	if in := ix.indicator[id]; in != nil && in.Name != "" {
		return in.Name
	}
	return id
}

// docLink is a hyperlink that opens the document, at the page for a PDF.
func docLink(path string, page int) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	link := "file://" + filepath.ToSlash(abs)
	if page > 0 && strings.EqualFold(filepath.Ext(path), ".pdf") {
		link += fmt.Sprintf("#page=%d", page)
	}
	return link
}

// styles are one workbook's cell formats.
type styles struct {
	title, subtitle, heading, header, headerRotated, text, wrap, small, note, bullet int
	integer, thousands, decimal, date, centre, link                                  int
	summaryTheme, summaryNumber, trendUp, trendDown, trendSame                       int
	bold, levelCentre, centreNumber, change, decimal1, boldDecimal1, noteNoWrap      int
	level, levelName, strength                                                       []int
	status                                                                           map[string]int
	outOfs                                                                           map[int]int
}

// outOf is the style that shows a count as "n of m", keeping it a number.
func (st *styles) outOf(f *excelize.File, m int) int {
	if id, ok := st.outOfs[m]; ok {
		return id
	}
	code := fmt.Sprintf(`0" of %d"`, m)
	id, err := f.NewStyle(&excelize.Style{CustomNumFmt: &code, Font: &excelize.Font{Family: fontFamily, Size: 11},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}, Border: summaryBorder})
	if err != nil {
		return st.text
	}
	if st.outOfs == nil {
		st.outOfs = map[int]int{}
	}
	st.outOfs[m] = id
	return id
}

var summaryBorder = []excelize.Border{{Type: "bottom", Color: "#BFBFBF", Style: 1}}

func newStyles(f *excelize.File) (styles, error) {
	var st styles
	var err error
	mk := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		if s.Font == nil {
			s.Font = &excelize.Font{}
		}
		s.Font.Family = fontFamily
		if s.Font.Size == 0 {
			s.Font.Size = 10
		}
		var id int
		id, err = f.NewStyle(s)
		return id
	}
	top := &excelize.Alignment{Vertical: "top"}
	wrapTop := &excelize.Alignment{Vertical: "top", WrapText: true}
	thin := summaryBorder
	st.title = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 18, Color: navy}, Alignment: &excelize.Alignment{Vertical: "center"}})
	st.subtitle = mk(&excelize.Style{Font: &excelize.Font{Size: 10, Color: grey}, Alignment: top})
	st.heading = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12, Color: navy}, Alignment: &excelize.Alignment{Vertical: "bottom"},
		Border: []excelize.Border{{Type: "bottom", Color: navy, Style: 1}}})
	st.header = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "#FFFFFF"}, Fill: solid(navy),
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}})
	st.headerRotated = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "#FFFFFF"}, Fill: solid(navy),
		Alignment: &excelize.Alignment{Vertical: "bottom", Horizontal: "center", TextRotation: 90, WrapText: true}})
	st.text = mk(&excelize.Style{Alignment: top})
	st.wrap = mk(&excelize.Style{Alignment: wrapTop})
	st.small = mk(&excelize.Style{Font: &excelize.Font{Size: 9}, Alignment: wrapTop})
	st.note = mk(&excelize.Style{Font: &excelize.Font{Size: 9, Italic: true, Color: grey}, Alignment: wrapTop})
	st.bullet = mk(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true, Indent: 1}, Border: thin})
	st.integer = mk(&excelize.Style{NumFmt: 1, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "right"}})
	st.thousands = mk(&excelize.Style{NumFmt: 3, Alignment: top})
	st.decimal = mk(&excelize.Style{NumFmt: 2, Alignment: top})
	st.link = mk(&excelize.Style{Font: &excelize.Font{Color: "#0563C1", Underline: "single"}, Alignment: wrapTop})
	st.summaryTheme = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 11}, Alignment: &excelize.Alignment{Vertical: "center"}, Border: summaryBorder})
	st.summaryNumber = mk(&excelize.Style{NumFmt: 1, Font: &excelize.Font{Size: 11}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}, Border: summaryBorder})
	trend := func(colour string) int {
		return mk(&excelize.Style{Font: &excelize.Font{Size: 10, Color: colour, Bold: colour != grey}, Alignment: &excelize.Alignment{Vertical: "center"}, Border: summaryBorder})
	}
	st.trendUp, st.trendDown, st.trendSame = trend("#38761D"), trend("#C00000"), trend(grey)
	st.bold = mk(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: top})
	st.levelCentre = mk(&excelize.Style{NumFmt: 1, Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}})
	st.centreNumber = mk(&excelize.Style{NumFmt: 1, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}})
	changeFmt := "+0;-0;0"
	st.change = mk(&excelize.Style{CustomNumFmt: &changeFmt, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}})
	st.decimal1 = mk(&excelize.Style{CustomNumFmt: strPtr("0.0"), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}})
	st.boldDecimal1 = mk(&excelize.Style{CustomNumFmt: strPtr("0.0"), Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}})
	st.noteNoWrap = mk(&excelize.Style{Font: &excelize.Font{Size: 9, Italic: true, Color: grey}})
	st.centre = mk(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"}})
	dateFmt := "yyyy-mm-dd"
	st.date = mk(&excelize.Style{CustomNumFmt: &dateFmt, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "left"}})
	for _, c := range levelColours {
		st.level = append(st.level, mk(&excelize.Style{Fill: solid(c), Font: &excelize.Font{Bold: true, Size: 11},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}, Border: thin}))
		st.levelName = append(st.levelName, mk(&excelize.Style{Fill: solid(c), Font: &excelize.Font{Bold: true, Size: 11},
			Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center", Indent: 1}, Border: thin}))
	}
	for _, c := range levelColours[:4] {
		st.strength = append(st.strength, mk(&excelize.Style{Fill: solid(c), Font: &excelize.Font{Bold: true},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}}))
	}
	st.status = map[string]int{
		pipeline.StatusOK:        mk(&excelize.Style{Alignment: top}),
		pipeline.StatusPartial:   mk(&excelize.Style{Fill: solid("#FFF2CC"), Alignment: top}),
		pipeline.StatusFailed:    mk(&excelize.Style{Fill: solid("#F4CCCC"), Font: &excelize.Font{Bold: true}, Alignment: top}),
		pipeline.StatusSkipped:   mk(&excelize.Style{Font: &excelize.Font{Color: grey}, Alignment: top}),
		pipeline.StatusDuplicate: mk(&excelize.Style{Font: &excelize.Font{Color: grey}, Alignment: top}),
	}
	return st, err
}

func solid(colour string) excelize.Fill {
	return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colour}}
}

func pick(list []int, i, fallback int) int {
	if i >= 0 && i < len(list) {
		return list[i]
	}
	return fallback
}

// runFont is the font of a rich-text run: a run names its whole font, or
// readers fall back to their own default rather than the cell's.
func runFont(bold, italic bool, colour string, size float64) *excelize.Font {
	if size == 0 {
		size = 10
	}
	return &excelize.Font{Family: fontFamily, Size: size, Bold: bold, Italic: italic, Color: colour}
}

// quoteRuns renders a sentence with the words that matched in bold.
// Spans that overlap, run backwards or fall outside the text are
// ignored. The plain runs carry no font of their own, so they show in the
// cell's; the bold runs must name family and size, or readers fall back
// to their own default font for them.
func quoteRuns(text string, spans []doc.Span, size float64) []excelize.RichTextRun {
	text = clip(text)
	bold := boldFont10
	if size != 10 {
		bold = runFont(true, false, "", size)
	}
	runs := make([]excelize.RichTextRun, 0, 2*len(spans)+1)
	at := 0
	for _, s := range spans {
		if s.Start < at || s.End > len(text) || s.Start >= s.End {
			continue
		}
		if s.Start > at {
			runs = append(runs, excelize.RichTextRun{Text: text[at:s.Start]})
		}
		runs = append(runs, excelize.RichTextRun{Text: text[s.Start:s.End], Font: bold})
		at = s.End
	}
	if at < len(text) || len(runs) == 0 {
		runs = append(runs, excelize.RichTextRun{Text: text[at:]})
	}
	return runs
}

var boldFont10 = runFont(true, false, "", 10)

// clip keeps text within what one cell holds, cutting at a character
// boundary; only a pathological sentence is ever this long.
func clip(s string) string {
	const limit = maxCellChars - 100 // room for the run markup's own count
	if len(s) <= limit {
		return s
	}
	cut := limit
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// sheet is a small writer over one worksheet that keeps its row; the
// first error stops it and is kept.
type sheet struct {
	f    *excelize.File
	st   *styles
	name string
	row  int
	err  error
}

func addSheet(f *excelize.File, st *styles, name string) (*sheet, error) {
	if _, err := f.NewSheet(name); err != nil {
		return nil, err
	}
	return &sheet{f: f, st: st, name: name}, nil
}

// put writes the next row. Values are written by type: a Go string is
// always a string cell, never a formula, whatever it starts with.
func (s *sheet) put(values ...any) {
	s.row++
	s.set(s.row, values...)
}

func (s *sheet) set(row int, values ...any) {
	for i, v := range values {
		s.setAt(i+1, row, v)
	}
}

func (s *sheet) setAt(col, row int, v any) {
	if s.err != nil || v == nil {
		return
	}
	ref := cell(col, row)
	switch x := v.(type) {
	case string:
		s.err = s.f.SetCellStr(s.name, ref, x)
	case []excelize.RichTextRun:
		s.err = s.f.SetCellRichText(s.name, ref, x)
	case doc.Strength:
		s.err = s.f.SetCellStr(s.name, ref, x.String())
	default:
		s.err = s.f.SetCellValue(s.name, ref, x)
	}
}

func (s *sheet) style(from, to string, style int) {
	if s.err == nil {
		s.err = s.f.SetCellStyle(s.name, from, to, style)
	}
}

// styleRow styles columns first..last of a row.
func (s *sheet) styleRow(row, first, last, style int) {
	s.style(cell(first, row), cell(last, row), style)
}

func (s *sheet) merge(from, to string) {
	if s.err == nil {
		s.err = s.f.MergeCell(s.name, from, to)
	}
}

// height sets a row's height, within the 409 points Excel allows.
func (s *sheet) height(row int, points float64) {
	if s.err == nil {
		s.err = s.f.SetRowHeight(s.name, row, min(points, 409))
	}
}

func (s *sheet) widths(widths []float64) {
	for i, w := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if s.err == nil {
			s.err = s.f.SetColWidth(s.name, col, col, w)
		}
	}
}

// header writes a header row, styled, and freezes the rows down to it
// and the first freezeCols columns.
func (s *sheet) header(widths []float64, freezeCols int, names ...string) {
	s.widths(widths)
	s.row++
	for i, n := range names {
		s.setAt(i+1, s.row, n)
	}
	s.styleRow(s.row, 1, len(names), s.st.header)
	s.freeze(s.row, freezeCols)
}

func (s *sheet) freeze(rows, cols int) {
	if s.err == nil {
		s.err = s.f.SetPanes(s.name, &excelize.Panes{Freeze: true, XSplit: cols, YSplit: rows,
			TopLeftCell: cell(cols+1, rows+1), ActivePane: paneFor(rows, cols)})
	}
}

func paneFor(rows, cols int) string {
	switch {
	case rows > 0 && cols > 0:
		return "bottomRight"
	case cols > 0:
		return "topRight"
	}
	return "bottomLeft"
}

// filter puts a filter on the header row over the rows written since.
func (s *sheet) filter(headerRow, cols int) {
	if s.err == nil && s.row > headerRow {
		s.err = s.f.AutoFilter(s.name, cell(1, headerRow)+":"+cell(cols, s.row), nil)
	}
}

func cell(col, row int) string {
	c, _ := excelize.CoordinatesToCellName(col, row)
	return c
}

func colName(col int) string {
	c, _ := excelize.ColumnNumberToName(col)
	return c
}

// ref is an absolute reference to a range on a sheet, for charts.
func ref(sheetName string, col1, row1, col2, row2 int) string {
	r := quoteSheet(sheetName) + "!$" + colName(col1) + "$" + fmt.Sprint(row1)
	if col2 != col1 || row2 != row1 {
		r += ":$" + colName(col2) + "$" + fmt.Sprint(row2)
	}
	return r
}

func quoteSheet(name string) string { return "'" + strings.ReplaceAll(name, "'", "''") + "'" }

// stream writes a large sheet row by row through excelize's StreamWriter,
// so a run with 100,000 quotes holds no more than a buffer of them. A
// streamed sheet's extras (table, conditional formats, links, print
// set-up) are attached before flush: the library drops any added after.
type stream struct {
	f    *excelize.File
	sw   *excelize.StreamWriter
	st   *styles
	name string
	cols int
	row  int
	err  error
}

func newStream(f *excelize.File, st *styles, name string, widths []float64, names []string) (*stream, error) {
	if _, err := f.NewSheet(name); err != nil {
		return nil, err
	}
	// The stream writes the sheet's properties as it opens, so
	// fit-to-page must be set now; pageSetup's later call cannot reach it.
	fit := true
	if err := f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return nil, err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	s := &stream{f: f, sw: sw, st: st, name: name, cols: len(names)}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return nil, err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	row := make([]any, len(names))
	for i, n := range names {
		row[i] = excelize.Cell{StyleID: st.header, Value: n}
	}
	s.putHeight(headerHeight(names, widths), row...)
	return s, s.err
}

// put writes the next row; values may be excelize.Cell to carry a style.
func (s *stream) put(values ...any) { s.putHeight(0, values...) }

// putHeight writes the next row at a height in points (0 for the
// default). Wrapped rows need one: LibreOffice does not fit a row's
// height to its text when it opens a file, and Excel not always.
func (s *stream) putHeight(points float64, values ...any) {
	if s.err != nil {
		return
	}
	s.row++
	s.err = s.sw.SetRow(cell(1, s.row), values, excelize.RowOpts{Height: min(points, 409)})
}

// finish makes the rows an Excel table (filterable, banded, named for
// formulas and for pandas/readxl users who read tables by name) and
// flushes the sheet. A sheet with no rows under its header keeps a plain
// header.
func (s *stream) finish(table string) error {
	if s.err != nil {
		return s.err
	}
	if s.row > 1 {
		stripes := true
		if err := s.sw.AddTable(&excelize.Table{Range: "A1:" + cell(s.cols, s.row), Name: table,
			StyleName: "TableStyleLight9", ShowRowStripes: &stripes}); err != nil {
			return err
		}
	}
	return s.sw.Flush()
}

// pageSetup prints a sheet landscape, a page wide (and, for the summary,
// a page tall), with the organisation and sheet in the header, the tool
// and page number in the footer, and the header rows repeated on every
// page.
func pageSetup(f *excelize.File, sheetName, org, footer string, onePage bool, titleRows int) error {
	landscape := "landscape"
	a4 := 9
	wide, tall := 1, 0
	if onePage {
		tall = 1
	}
	fit := true
	if err := f.SetSheetProps(sheetName, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := f.SetPageLayout(sheetName, &excelize.PageLayoutOptions{Size: &a4, Orientation: &landscape, FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return err
	}
	side, edge, hf := 0.4, 0.6, 0.25
	centre := onePage
	if err := f.SetPageMargins(sheetName, &excelize.PageLayoutMarginsOptions{Left: &side, Right: &side, Top: &edge, Bottom: &edge,
		Header: &hf, Footer: &hf, Horizontally: &centre}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(sheetName, &excelize.HeaderFooterOptions{
		OddHeader: "&L&9" + escapeHF(shorten(org, 120)) + "&R&9" + escapeHF(sheetName),
		OddFooter: "&L&8" + escapeHF(shorten(footer, 160)) + "&R&8Page &P of &N",
	}); err != nil {
		return err
	}
	if titleRows > 0 {
		return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles",
			RefersTo: fmt.Sprintf("%s!$1:$%d", quoteSheet(sheetName), titleRows), Scope: sheetName})
	}
	return nil
}

func escapeHF(s string) string { return strings.ReplaceAll(s, "&", "&&") }

func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// footerText names what made the workbook, on every printed page.
func footerText(meta Meta) string {
	r := meta.Rubric
	return fmt.Sprintf("anchorscore %s · %s %s", meta.Version, r.Name, r.Version)
}

// newWorkbook starts a workbook whose first sheet is named first, with
// the house font and styles.
func newWorkbook(first string) (*excelize.File, *styles, error) {
	f := excelize.NewFile()
	f.SetZipWriter(fastZip)
	if err := f.SetSheetName("Sheet1", first); err != nil {
		f.Close()
		return nil, nil, err
	}
	if err := f.SetDefaultFont(fontFamily); err != nil {
		f.Close()
		return nil, nil, err
	}
	st, err := newStyles(f)
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, &st, nil
}

// lines estimates how many lines 10-point text wraps to in a column n
// characters wide. A column is measured in digits of the default font
// (Arial 11), and an average letter of 10-point Arial is about 0.7 of
// that; words do not break, so a line is taken to hold 1.25 characters
// per unit, which leaves room to spare rather than clip a line.
func lines(text string, width float64) int {
	per := int(width * 1.25)
	if per < 1 {
		per = 1
	}
	total, line, word := 1, 0, 0
	flush := func() {
		switch {
		case word == 0:
		case line == 0:
			line = word
		case line+1+word <= per:
			line += 1 + word
		default:
			total++
			line = word
		}
		for line > per { // a word longer than the line
			total++
			line -= per
		}
		word = 0
	}
	for _, r := range text {
		switch r {
		case '\n':
			flush()
			total++
			line = 0
		case ' ', '\t':
			flush()
		default:
			word++
		}
	}
	flush()
	return total
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// headerHeight is the height of a header row whose names wrap in their
// columns.
func headerHeight(names []string, widths []float64) float64 {
	n := 1
	for i, name := range names {
		if i < len(widths) {
			n = max(n, lines(name, widths[i]*0.9)) // bold, so wider
		}
	}
	return float64(n)*13 + 4
}

// fastZip compresses at deflate's fastest level: a workbook comes out a
// little larger (about a fifth) and is written several times faster,
// which counts when a batch writes hundreds of them. Its parts come out
// in a stable order (stableZip).
func fastZip(w io.Writer) excelize.ZipWriter {
	return &stableZip{out: zip.NewWriter(w)}
}

// A compressor holds about a megabyte of state; a workbook has dozens of
// parts, so compressors are reused, as archive/zip does for its own.
var flaters sync.Pool

// writeOrgWorkbooks builds the organisations' workbooks on as many
// goroutines as there are processors and hands each one's bytes to put
// in the organisations' order, so the files come out the same whatever
// the timing. At most two workbooks a processor are held at once.
func writeOrgWorkbooks(ix *index, meta Meta, put func(org string, data []byte) error) error {
	type result struct {
		data []byte
		err  error
	}
	workers := runtime.GOMAXPROCS(0)
	results := make([]chan result, len(ix.orgs))
	for i := range results {
		results[i] = make(chan result, 1)
	}
	ahead := make(chan struct{}, 2*workers) // built or building, not yet put
	busy := make(chan struct{}, workers)    // building
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		for i, org := range ix.orgs {
			select {
			case ahead <- struct{}{}:
			case <-stop:
				return
			}
			go func() {
				busy <- struct{}{}
				data, err := buildOrgWorkbook(ix, meta, org)
				<-busy
				results[i] <- result{data, err}
			}()
		}
	}()
	for i, org := range ix.orgs {
		r := <-results[i]
		<-ahead
		if r.err != nil {
			return fmt.Errorf("workbook for %s: %w", org, r.err)
		}
		if err := put(org, r.data); err != nil {
			return err
		}
	}
	return nil
}

func buildOrgWorkbook(ix *index, meta Meta, org string) ([]byte, error) {
	f, err := orgWorkbook(ix, meta, org)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
