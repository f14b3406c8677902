package report

import (
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/anchorscore/anchorscore/pipeline"
	"github.com/anchorscore/anchorscore/pipeline/discover"
)

// The comparison workbook's sheets, in order. Levels comes first and keeps
// its layout (organisation, then one level per theme in the rubric's
// order): scripts and tests read it by position. The tidy sheets are
// named, and their columns headed, as the CSV files are.
const (
	sheetLevels    = "Levels"
	sheetStrength  = "Indicator strength"
	sheetPresence  = "Indicator presence"
	sheetTrends    = "Trends"
	sheetTidyEv    = "evidence"
	sheetTidySc    = "scores"
	sheetTidyDocs  = "documents"
	sheetCodebook  = "Codebook"
	compareTitle   = "All organisations"
	medianLabel    = "Median"
	evidencedLabel = "Organisations with evidence"
)

type compareBook struct {
	ix   *index
	meta Meta
	f    *excelize.File
	st   *styles
}

// comparisonWorkbook sets organisations side by side for researchers:
// levels as a heatmap with ranks and quartiles, the indicator matrices
// QDA tools export, trends over periods, and tidy sheets matching the
// CSV files.
func comparisonWorkbook(ix *index, meta Meta) (*excelize.File, error) {
	f, st, err := newWorkbook(sheetLevels)
	if err != nil {
		return nil, err
	}
	c := &compareBook{ix: ix, meta: meta, f: f, st: st}
	for _, step := range []struct {
		sheet string
		write func() error
	}{
		{sheetLevels, c.levels}, {sheetStrength, c.strength}, {sheetPresence, c.presence}, {sheetTrends, c.trends},
		{sheetTidyEv, c.tidyEvidence}, {sheetTidySc, c.tidyScores}, {sheetTidyDocs, c.tidyDocuments},
		{sheetCodebook, c.codebook}, {sheetMethod, c.method},
	} {
		if err := step.write(); err != nil {
			f.Close()
			return nil, fmt.Errorf("sheet %s: %w", step.sheet, err)
		}
	}
	return f, nil
}

// levelHeatmap colours a range of levels 0-4 with the board workbook's
// level colours.
func levelHeatmap(f *excelize.File, sheetName, rng string, colours []string) error {
	// An empty cell (no documents in that period) equals 0 to a rule, so a
	// first rule claims blanks and stops there: Excel honours stop-if-true,
	// LibreOffice applies only the first rule that holds.
	plain, err := f.NewConditionalStyle(&excelize.Style{Font: &excelize.Font{Color: "#000000"}})
	if err != nil {
		return err
	}
	opts := []excelize.ConditionalFormatOptions{{Type: "blanks", Format: &plain, StopIfTrue: true}}
	for level, colour := range colours {
		format, err := f.NewConditionalStyle(&excelize.Style{Fill: solid(colour)})
		if err != nil {
			return err
		}
		opts = append(opts, excelize.ConditionalFormatOptions{Type: "cell", Criteria: "==", Format: &format, Value: fmt.Sprint(level)})
	}
	return f.SetConditionalFormat(sheetName, rng, opts)
}

// ranked is an organisation's place among those scored in a theme.
type ranked struct{ rank, quartile int }

// rankTheme ranks organisations in a theme by level, then score; ties
// share a rank (1, 2, 2, 4). Quartile 1 is the top quarter.
func (c *compareBook) rankTheme(theme string) map[string]ranked {
	type entry struct {
		org          string
		level, score int
	}
	var es []entry
	for _, org := range c.ix.orgs {
		if s := c.ix.score(org, discover.PeriodAll, theme); s != nil {
			es = append(es, entry{org, s.Level, s.Score})
		}
	}
	sort.SliceStable(es, func(i, j int) bool {
		if es[i].level != es[j].level {
			return es[i].level > es[j].level
		}
		return es[i].score > es[j].score
	})
	out := map[string]ranked{}
	for i, e := range es {
		rank := i + 1
		if i > 0 && e.level == es[i-1].level && e.score == es[i-1].score {
			rank = out[es[i-1].org].rank
		}
		out[e.org] = ranked{rank: rank, quartile: 1 + 4*(rank-1)/len(es)}
	}
	return out
}

func median(xs []float64) any {
	if len(xs) == 0 {
		return nil
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// The Levels sheet: organisations by themes.
func (c *compareBook) levels() error {
	st, r, ix := c.st, c.ix.rubric, c.ix
	s := &sheet{f: c.f, st: st, name: sheetLevels}
	nt := len(r.Themes)
	widths := []float64{40}
	var names []string
	names = append(names, "Organisation")
	for _, suffix := range []string{"", " score", " rank", " quartile"} {
		for _, th := range r.Themes {
			names = append(names, th.Name+suffix)
			widths = append(widths, map[string]float64{"": 15, " score": 12, " rank": 11, " quartile": 11}[suffix])
		}
	}
	names = append(names, "Documents read", "Evidence sentences")
	widths = append(widths, 10, 10)
	s.header(widths, 1, names...)
	s.height(1, 58)
	ranks := make([]map[string]ranked, nt)
	for i, th := range r.Themes {
		ranks[i] = c.rankTheme(th.ID)
	}
	levelsBy := make([][]float64, nt)
	scoresBy := make([][]float64, nt)
	// a level the model was less sure of carries a note, as the board
	// summary names it a close call
	var calls []excelize.Comment
	for _, org := range ix.orgs {
		row := make([]any, 1+4*nt+2)
		row[0] = org
		for i, th := range r.Themes {
			sc := ix.score(org, discover.PeriodAll, th.ID)
			if sc == nil {
				continue
			}
			row[1+i] = sc.Level
			if sc.Probability > 0 && sc.Probability < closeCall {
				calls = append(calls, excelize.Comment{Cell: cell(2+i, s.row+1), Author: "anchorscore", Width: 220, Height: 60,
					Text: fmt.Sprintf("Close call: %s, or %s (the level model's probability %.2f).", sc.LevelName, r.LevelName(sc.NextLevel), sc.Probability)})
			}
			row[1+nt+i] = sc.Score
			row[1+2*nt+i] = ranks[i][org].rank
			row[1+3*nt+i] = ranks[i][org].quartile
			levelsBy[i] = append(levelsBy[i], float64(sc.Level))
			scoresBy[i] = append(scoresBy[i], float64(sc.Score))
		}
		read := 0
		for _, d := range ix.docs[org] {
			if d.Status == pipeline.StatusOK || d.Status == pipeline.StatusPartial {
				read++
			}
		}
		row[1+4*nt] = read
		row[2+4*nt] = len(ix.items[org])
		s.put(row...)
		s.styleRow(s.row, 1, 1, st.text)
		s.styleRow(s.row, 2, 1+nt, st.levelCentre)
		s.styleRow(s.row, 2+nt, len(row), st.integer)
	}
	last := s.row
	for _, call := range calls {
		if s.err == nil {
			s.err = c.f.AddComment(sheetLevels, call)
		}
	}
	s.filter(1, len(names))
	if last > 1 {
		if err := levelHeatmap(c.f, sheetLevels, cell(2, 2)+":"+cell(1+nt, last), levelColours); err != nil {
			return err
		}
		if s.err == nil {
			s.err = c.f.SetConditionalFormat(sheetLevels, cell(2+nt, 2)+":"+cell(1+2*nt, last), []excelize.ConditionalFormatOptions{{
				Type: "data_bar", Criteria: "=", MinType: "num", MinValue: "0", MaxType: "num", MaxValue: "100", BarColor: "#9DC3E6", BarSolid: true}})
		}
		s.put()
		row := make([]any, 1+2*nt)
		row[0] = medianLabel
		for i := range r.Themes {
			row[1+i] = median(levelsBy[i])
			row[1+nt+i] = median(scoresBy[i])
		}
		s.put(row...)
		s.styleRow(s.row, 1, 1, st.bold)
		s.styleRow(s.row, 2, 1+2*nt, st.boldDecimal1)
	}
	s.put()
	s.put("Levels 0-4 are for all periods together; score 0-100; rank 1 is the highest level, then score, and ties share a rank; quartile 1 is the top quarter. The median row is not part of the filter. A note on a level marks a close call: the level model's probability of it was under 0.6.")
	s.styleRow(s.row, 1, 1, st.noteNoWrap)
	if s.err != nil {
		return s.err
	}
	return pageSetup(c.f, sheetLevels, compareTitle, footerText(c.meta), false, 1)
}

// indicatorColumns are the rubric's indicators in order, with their
// theme's position.
func (c *compareBook) indicatorColumns() (ids []string, themeOf []int) {
	for ti, th := range c.ix.rubric.Themes {
		for _, in := range th.Indicators {
			ids = append(ids, in.ID)
			themeOf = append(themeOf, ti)
		}
	}
	return ids, themeOf
}

// strengthOf is an organisation's best strength for each indicator over
// all periods, 0 when not evidenced (or when nothing was read).
func (c *compareBook) strengthOf(org string) []int {
	var out []int
	for _, th := range c.ix.rubric.Themes {
		sc := c.ix.score(org, discover.PeriodAll, th.ID)
		for i := range th.Indicators {
			v := 0
			if sc != nil && i < len(sc.Indicators) {
				v = int(sc.Indicators[i].Strength)
			}
			out = append(out, v)
		}
	}
	return out
}

// matrixHeader writes organisation then one rotated column per indicator,
// its header coloured by theme.
func (c *compareBook) matrixHeader(s *sheet, ids []string, themeOf []int, extra string) error {
	widths := []float64{40}
	for range ids {
		widths = append(widths, 4.5)
	}
	widths = append(widths, 11)
	s.header(widths, 1, append(append([]string{"Organisation"}, ids...), extra)...)
	s.height(1, 150)
	for i := range ids {
		style, err := c.f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: fontFamily, Size: 9, Bold: true, Color: "#FFFFFF"},
			Fill: solid(themeColours[themeOf[i]%len(themeColours)]), Alignment: &excelize.Alignment{TextRotation: 90, Horizontal: "center", Vertical: "bottom"}})
		if err != nil {
			return err
		}
		s.style(cell(2+i, 1), cell(2+i, 1), style)
	}
	s.style(cell(2+len(ids), 1), cell(2+len(ids), 1), c.st.header)
	return s.err
}

// matrixRows writes one row an organisation: each indicator's best
// strength through cellValue, then how many indicators are evidenced. It
// adds to counts (when given) the organisations evidencing each indicator,
// and returns the last row written.
func (c *compareBook) matrixRows(s *sheet, cellValue func(strength int) int, counts []int) int {
	for _, org := range c.ix.orgs {
		row := []any{org}
		n := 0
		for i, v := range c.strengthOf(org) {
			row = append(row, cellValue(v))
			if v > 0 {
				n++
				if counts != nil {
					counts[i]++
				}
			}
		}
		row = append(row, n)
		s.put(row...)
		s.styleRow(s.row, 2, len(row), c.st.centreNumber)
	}
	return s.row
}

// The Indicator strength sheet: organisations by indicators, each cell the
// best strength reached (0 none, 1 intent, 2 action, 3 outcome).
func (c *compareBook) strength() error {
	st := c.st
	s, err := addSheet(c.f, st, sheetStrength)
	if err != nil {
		return err
	}
	ids, themeOf := c.indicatorColumns()
	if err := c.matrixHeader(s, ids, themeOf, "Indicators evidenced"); err != nil {
		return err
	}
	last := c.matrixRows(s, func(v int) int { return v }, nil)
	s.filter(1, len(ids)+2)
	if last > 1 && len(ids) > 0 {
		if err := levelHeatmap(c.f, sheetStrength, cell(2, 2)+":"+cell(1+len(ids), last), levelColours[:4]); err != nil {
			return err
		}
	}
	s.put()
	s.put("Each cell is the best strength of the evidence for the indicator over all periods: 0 not evidenced, 1 intent, 2 action, 3 outcome. Column headers are indicator ids (see Codebook), coloured by theme.")
	s.styleRow(s.row, 1, 1, st.noteNoWrap)
	if s.err != nil {
		return s.err
	}
	return pageSetup(c.f, sheetStrength, compareTitle, footerText(c.meta), false, 1)
}

// The Indicator presence sheet: 1 where at least one sentence speaks for
// the indicator, 0 where none does; the code-by-case matrix of QDA tools.
func (c *compareBook) presence() error {
	st := c.st
	s, err := addSheet(c.f, st, sheetPresence)
	if err != nil {
		return err
	}
	ids, themeOf := c.indicatorColumns()
	if err := c.matrixHeader(s, ids, themeOf, "Indicators present"); err != nil {
		return err
	}
	counts := make([]int, len(ids))
	last := c.matrixRows(s, func(v int) int { return min(v, 1) }, counts)
	s.filter(1, len(ids)+2)
	if last > 1 && len(ids) > 0 {
		format, err := c.f.NewConditionalStyle(&excelize.Style{Fill: solid(levelColours[3])})
		if err != nil {
			return err
		}
		if err := c.f.SetConditionalFormat(sheetPresence, cell(2, 2)+":"+cell(1+len(ids), last), []excelize.ConditionalFormatOptions{
			{Type: "cell", Criteria: "==", Value: "1", Format: &format}}); err != nil {
			return err
		}
	}
	s.put()
	row := []any{evidencedLabel}
	for _, n := range counts {
		row = append(row, n)
	}
	s.put(row...)
	s.styleRow(s.row, 1, 1, st.bold)
	s.styleRow(s.row, 2, len(row), st.centreNumber)
	s.put()
	s.put("1: at least one sentence speaks for the indicator (negated sentences do not count); 0: none does. The last row counts organisations and is not part of the filter.")
	s.styleRow(s.row, 1, 1, st.noteNoWrap)
	if s.err != nil {
		return s.err
	}
	return pageSetup(c.f, sheetPresence, compareTitle, footerText(c.meta), false, 1)
}

// allPeriods lists every scored period of the run in order: dated periods
// (which sort as they read), then undated.
func (c *compareBook) allPeriods() []string {
	seen := map[string]bool{}
	var out []string
	for _, org := range c.ix.orgs {
		for _, p := range c.ix.periods[org] {
			if !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if (out[i] == discover.Undated) != (out[j] == discover.Undated) {
			return out[j] == discover.Undated
		}
		return out[i] < out[j]
	})
	return out
}

// The Trends sheet: organisation by theme by period, and beside it the
// mean level of each theme per period with a line chart.
func (c *compareBook) trends() error {
	st, r, ix := c.st, c.ix.rubric, c.ix
	s, err := addSheet(c.f, st, sheetTrends)
	if err != nil {
		return err
	}
	periods := c.allPeriods()
	var dated []string
	for _, p := range periods {
		if p != discover.Undated {
			dated = append(dated, p)
		}
	}
	widths := []float64{40, 28}
	names := []string{"Organisation", "Theme"}
	for _, p := range periods {
		widths = append(widths, 9)
		names = append(names, p)
	}
	widths = append(widths, 12)
	names = append(names, "Change, first to latest period")
	s.header(widths, 2, names...)
	s.height(1, 42)
	nCols := len(names)
	sums := make([][]float64, len(dated)) // [period][theme]
	counts := make([]int, len(dated))
	for i := range sums {
		sums[i] = make([]float64, len(r.Themes))
	}
	for _, org := range ix.orgs {
		orgDated := ix.datedPeriods(org)
		for ti, th := range r.Themes {
			row := []any{org, th.Name}
			for _, p := range periods {
				if sc := ix.score(org, p, th.ID); sc != nil {
					row = append(row, sc.Level)
				} else {
					row = append(row, nil)
				}
			}
			var change any
			if len(orgDated) >= 2 {
				first, latest := ix.score(org, orgDated[0], th.ID), ix.score(org, last(orgDated), th.ID)
				if first != nil && latest != nil {
					change = latest.Level - first.Level
				}
			}
			row = append(row, change)
			s.put(row...)
			s.styleRow(s.row, 3, nCols-1, st.levelCentre)
			s.styleRow(s.row, nCols, nCols, st.change)
			for pi, p := range dated {
				if sc := ix.score(org, p, th.ID); sc != nil {
					sums[pi][ti] += float64(sc.Level)
					if ti == 0 {
						counts[pi]++
					}
				}
			}
		}
	}
	lastRow := s.row
	s.filter(1, nCols)
	if lastRow > 1 && len(periods) > 0 {
		if err := levelHeatmap(c.f, sheetTrends, cell(3, 2)+":"+cell(2+len(periods), lastRow), levelColours); err != nil {
			return err
		}
	}

	// The mean level per theme and period, to the right, with its chart.
	col := nCols + 2
	if s.err == nil {
		s.err = c.f.SetColWidth(sheetTrends, colName(col), colName(col), 12)
	}
	if s.err == nil {
		s.err = c.f.SetColWidth(sheetTrends, colName(col+1), colName(col+len(r.Themes)+1), 14)
	}
	c.set(s, col, 1, "Period")
	for ti, th := range r.Themes {
		c.set(s, col+1+ti, 1, th.Name)
	}
	c.set(s, col+1+len(r.Themes), 1, "Organisations with documents")
	s.style(cell(col, 1), cell(col+1+len(r.Themes), 1), st.header)
	for pi, p := range dated {
		c.set(s, col, 2+pi, p)
		for ti := range r.Themes {
			if counts[pi] > 0 {
				c.set(s, col+1+ti, 2+pi, sums[pi][ti]/float64(counts[pi]))
			}
		}
		c.set(s, col+1+len(r.Themes), 2+pi, counts[pi])
		s.style(cell(col+1, 2+pi), cell(col+len(r.Themes), 2+pi), st.decimal1)
		s.style(cell(col+1+len(r.Themes), 2+pi), cell(col+1+len(r.Themes), 2+pi), st.integer)
	}
	noteRow := 3 + len(dated)
	c.set(s, col, noteRow, "Mean level (0-4) of the organisations with documents in each period; which organisations those are can change from period to period. Undated documents are left out.")
	s.style(cell(col, noteRow), cell(col, noteRow), st.noteNoWrap)
	if s.err != nil {
		return s.err
	}
	if len(dated) > 0 {
		var series []excelize.ChartSeries
		for ti := range r.Themes {
			colour := themeColours[ti%len(themeColours)]
			series = append(series, excelize.ChartSeries{
				Name:       ref(sheetTrends, col+1+ti, 1, col+1+ti, 1),
				Categories: ref(sheetTrends, col, 2, col, 1+len(dated)),
				Values:     ref(sheetTrends, col+1+ti, 2, col+1+ti, 1+len(dated)),
				Line:       excelize.LineOptions{Width: 2.25, Fill: solid(colour)},
				Fill:       solid(colour),
				Marker:     excelize.ChartMarker{Symbol: "circle", Size: 6, Fill: solid(colour), Border: excelize.LineOptions{Fill: solid(colour)}},
			})
		}
		zero, four := 0.0, 4.0
		if err := c.f.AddChart(sheetTrends, cell(col, noteRow+2), &excelize.Chart{
			Type:   excelize.Line,
			Series: series,
			Title: excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Mean level by theme and period",
				Font: &excelize.Font{Family: fontFamily, Size: 11, Bold: true, Color: navy}}}},
			Legend:    excelize.ChartLegend{Position: "bottom", Font: &excelize.Font{Family: fontFamily, Size: 9}},
			XAxis:     excelize.ChartAxis{Font: excelize.Font{Family: fontFamily, Size: 9, Color: "#262626"}},
			YAxis:     excelize.ChartAxis{Minimum: &zero, Maximum: &four, MajorUnit: 1, MajorGridLines: true, Font: excelize.Font{Family: fontFamily, Size: 9, Color: "#262626"}},
			Dimension: excelize.ChartDimension{Width: 620, Height: 340},
			Format:    excelize.GraphicOptions{AltText: "Line chart of the mean level of each theme in each period", PrintObject: boolPtr(true)},
		}); err != nil {
			return fmt.Errorf("trend chart: %w", err)
		}
	}
	return pageSetup(c.f, sheetTrends, compareTitle, footerText(c.meta), false, 1)
}

func (c *compareBook) set(s *sheet, col, row int, v any) { s.setAt(col, row, v) }

// tidySheet writes one long-format sheet as a streamed Excel table: the
// header, a row from each call of put, then the print set-up.
func (c *compareBook) tidySheet(name, table string, widths []float64, header []string, rows func(put func(...any)) error) error {
	s, err := newStream(c.f, c.st, name, widths, header)
	if err != nil {
		return err
	}
	if err := rows(s.put); err != nil {
		return err
	}
	if s.err != nil {
		return s.err
	}
	if err := pageSetup(c.f, name, compareTitle, footerText(c.meta), false, 1); err != nil {
		return err
	}
	return s.finish(table)
}

// The tidy evidence sheet: evidence.csv's columns, one row per quote,
// as one filterable Excel table.
func (c *compareBook) tidyEvidence() error {
	res := c.ix.res
	return c.tidySheet(sheetTidyEv, "evidence", []float64{34, 44, 6, 9, 26, 26, 9, 8, 7, 100, 16, 36}, evidenceHeader, func(put func(...any)) error {
		for _, it := range res.Items {
			row := evidenceRow(res.Docs[it.Doc], it)
			row[9], row[11] = clip(row[9].(string)), clip(row[11].(string)) // sentence and matched words
			put(row...)
		}
		return nil
	})
}

// The tidy scores sheet: scores.csv's columns, one row per organisation,
// period and theme.
func (c *compareBook) tidyScores() error {
	return c.tidySheet(sheetTidySc, "scores", []float64{34, 10, 28, 7, 14, 7, 11, 11, 100, 11, 11}, scoresHeader, func(put func(...any)) error {
		for _, sc := range c.ix.res.Scores {
			put(scoreRow(sc)...)
		}
		return nil
	})
}

// The tidy documents sheet: documents.csv's columns.
func (c *compareBook) tidyDocuments() error {
	return c.tidySheet(sheetTidyDocs, "documents", []float64{50, 34, 14, 11, 9, 9, 7, 9, 20, 10, 60, 11}, documentsHeader, func(put func(...any)) error {
		for _, d := range c.ix.res.Documents {
			row := documentRow(d)
			if date, ok := row[3].(time.Time); ok {
				row[3] = excelize.Cell{StyleID: c.st.date, Value: date}
			}
			put(row...)
		}
		return nil
	})
}

// The Codebook sheet: the rubric's themes and indicators, by the ids the
// other sheets use.
func (c *compareBook) codebook() error {
	st := c.st
	s, err := addSheet(c.f, st, sheetCodebook)
	if err != nil {
		return err
	}
	s.header([]float64{26, 28, 24, 36, 8, 60, 60}, 0, "theme", "theme_name", "indicator", "indicator_name", "weight", "statement", "prompt")
	for _, th := range c.ix.rubric.Themes {
		for _, in := range th.Indicators {
			w := in.Weight
			if w == 0 {
				w = 1
			}
			s.put(th.ID, th.Name, in.ID, in.Name, w, in.Statement, in.Prompt)
			s.styleRow(s.row, 1, 4, st.wrap)
			s.styleRow(s.row, 5, 5, st.text)
			s.styleRow(s.row, 6, 7, st.wrap)
		}
	}
	s.filter(1, 7)
	if s.err != nil {
		return s.err
	}
	return pageSetup(c.f, sheetCodebook, compareTitle, footerText(c.meta), false, 1)
}

func (c *compareBook) method() error {
	return methodSheet(c.f, c.st, c.meta, "", []guideLine{
		{sheetLevels, "Organisations by themes: each theme's level (coloured as a heatmap), score, rank and quartile, with the median of each theme."},
		{sheetStrength, "Organisations by indicators: the best strength of the evidence, 0 (none) to 3 (outcome)."},
		{sheetPresence, "Organisations by indicators: 1 where the indicator is evidenced, 0 where not, with a count per indicator."},
		{sheetTrends, "Organisation by theme by period: the level in each period and the change, with the mean level per period and a chart."},
		{sheetTidyEv, "Every quote, one row each, with the columns of evidence.csv: one filterable table."},
		{sheetTidySc, "Every level and score, with the columns of scores.csv."},
		{sheetTidyDocs, "Every document, with the columns of documents.csv."},
		{sheetCodebook, "The rubric's themes and indicators, by the ids the other sheets use."},
		{sheetMethod, "This sheet: how the workbook was made and how levels are decided."},
	})
}
