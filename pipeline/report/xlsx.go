package report

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/anchorscore/anchorscore/pipeline"
	"github.com/anchorscore/anchorscore/pipeline/discover"
	"github.com/anchorscore/anchorscore/pipeline/doc"
	"github.com/anchorscore/anchorscore/pipeline/score"
)

// levelColours fill a level's cell, from grey (not evidenced) to deep
// green (embedded); a board reads the colour before the number.
var levelColours = []string{"#D9D9D9", "#F8CBAD", "#FFE699", "#C6E0B4", "#70AD47"}

// sheet is a small writer over one worksheet that keeps its row.
type sheet struct {
	f    *excelize.File
	name string
	row  int
	err  error
}

func (s *sheet) put(values ...any) {
	if s.err != nil {
		return
	}
	s.row++
	cell, _ := excelize.CoordinatesToCellName(1, s.row)
	row := make([]any, len(values))
	for i, v := range values {
		row[i] = cellValue(v)
	}
	s.err = s.f.SetSheetRow(s.name, cell, &row)
}

// cellValue keeps document text as text: excelize writes Go strings as
// strings, never formulas, so a quote starting with "=" stays a quote.
func cellValue(v any) any {
	switch x := v.(type) {
	case doc.Strength:
		return x.String()
	}
	return v
}

func (s *sheet) style(from, to string, style int) {
	if s.err == nil {
		s.err = s.f.SetCellStyle(s.name, from, to, style)
	}
}

func cell(col, row int) string {
	c, _ := excelize.CoordinatesToCellName(col, row)
	return c
}

type styles struct {
	header, title, wrap, bold int
	level                     []int
}

func newStyles(f *excelize.File) (styles, error) {
	var st styles
	var err error
	mk := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(s)
		return id
	}
	st.header = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "#FFFFFF"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#1F4E79"}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}})
	st.title = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 16, Color: "#1F4E79"}})
	st.bold = mk(&excelize.Style{Font: &excelize.Font{Bold: true}})
	st.wrap = mk(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	for _, c := range levelColours {
		st.level = append(st.level, mk(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c}},
			Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}}))
	}
	return st, err
}

func levelStyle(st styles, level int) int {
	if level >= 0 && level < len(st.level) {
		return st.level[level]
	}
	return st.bold
}

// table writes a header row and sets it up as a frozen, filterable header.
func (s *sheet) table(st styles, widths []float64, header ...any) {
	s.put(header...)
	s.style(cell(1, s.row), cell(len(header), s.row), st.header)
	for i, w := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if s.err == nil {
			s.err = s.f.SetColWidth(s.name, col, col, w)
		}
	}
	if s.err == nil {
		s.err = s.f.SetPanes(s.name, &excelize.Panes{Freeze: true, YSplit: s.row, TopLeftCell: cell(1, s.row+1), ActivePane: "bottomLeft"})
	}
}

func (s *sheet) filter(cols int, headerRow int) {
	if s.err == nil && s.row > headerRow {
		s.err = s.f.AutoFilter(s.name, cell(1, headerRow)+":"+cell(cols, s.row), nil)
	}
}

// latestPeriods returns an organisation's scored periods in order, "all"
// excluded.
func latestPeriods(res *pipeline.Result, org string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range res.Scores {
		if s.Organisation == org && s.Period != discover.PeriodAll && !seen[s.Period] {
			seen[s.Period] = true
			out = append(out, s.Period)
		}
	}
	return out
}

func findScore(res *pipeline.Result, org, period, theme string) *score.Theme {
	for i := range res.Scores {
		s := &res.Scores[i]
		if s.Organisation == org && s.Period == period && s.Theme == theme {
			return s
		}
	}
	return nil
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

func newWorkbook(first string) (*excelize.File, error) {
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", first); err != nil {
		return nil, err
	}
	return f, nil
}

func addSheet(f *excelize.File, name string) (*sheet, error) {
	if _, err := f.NewSheet(name); err != nil {
		return nil, err
	}
	return &sheet{f: f, name: name}, nil
}

func printSetup(f *excelize.File, name, org string) error {
	landscape := "landscape"
	fit := 1
	if err := f.SetPageLayout(name, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &fit}); err != nil {
		return err
	}
	return f.SetHeaderFooter(name, &excelize.HeaderFooterOptions{
		OddHeader: "&L" + escapeHF(org) + "&R" + escapeHF(name),
		OddFooter: "&Lanchorscore&RPage &P of &N",
	})
}

func escapeHF(s string) string { return strings.ReplaceAll(s, "&", "&&") }
