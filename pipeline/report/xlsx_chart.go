package report

import (
	"fmt"
	"math"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/anchorscore/anchorscore/pipeline/discover"
)

// Where the summary's charts find their figures on the Chart data sheet.
type chartRanges struct {
	themes           int // rows 2..themes+1 hold the themes
	series           int // level columns: 1 (all periods) or 2 (previous, latest)
	barFirst, barEnd int // rows of the indicators
	barThemes        []int
}

// chartData writes the figures behind the summary's charts: each theme's
// level in the periods compared, and each indicator's best strength (0-3)
// in its theme's column, so that the bars take their theme's colour.
func (b *orgBook) chartData() error {
	st, r := b.st, b.ix.rubric
	s, err := addSheet(b.f, st, sheetChartData)
	if err != nil {
		return err
	}
	s.widths([]float64{44, 18, 18, 18, 18, 12})
	prev, latest := b.trendPeriods()
	labels, periods := []string{"All periods"}, []string{discover.PeriodAll}
	if prev != "" {
		labels, periods = []string{prev, latest}, []string{prev, latest}
	}
	head := []any{"Theme"}
	for _, l := range labels {
		head = append(head, l) // the radar's legend
	}
	s.put(head...)
	s.styleRow(1, 1, len(head), st.header)
	cr := &chartRanges{series: len(periods)}
	for _, th := range r.Themes {
		// Two short lines leave the radar more room than one long one.
		row := []any{wrapLabel(th.Name, 16)}
		for _, p := range periods {
			if sc := b.ix.score(b.org, p, th.ID); sc != nil {
				row = append(row, sc.Level)
			} else {
				row = append(row, nil)
			}
		}
		s.put(row...)
		s.styleRow(s.row, 1, 1, st.wrap)
		cr.themes++
	}
	s.put()
	s.put()
	head = []any{"Indicator"}
	for _, th := range r.Themes {
		head = append(head, th.Name)
	}
	head = append(head, "Strength")
	s.put(head...)
	s.styleRow(s.row, 1, len(head), st.header)
	cr.barFirst = s.row + 1
	for ti, th := range r.Themes {
		all := b.all(th.ID)
		for ii, in := range th.Indicators {
			row := make([]any, len(r.Themes)+2)
			row[0] = in.Name
			strength := 0
			if all != nil && ii < len(all.Indicators) {
				strength = int(all.Indicators[ii].Strength)
			}
			row[1+ti] = strength
			row[len(row)-1] = "not evidenced"
			if strength > 0 {
				row[len(row)-1] = all.Indicators[ii].Strength.String()
			}
			s.put(row...)
		}
		if len(th.Indicators) > 0 {
			cr.barThemes = append(cr.barThemes, ti)
		}
	}
	cr.barEnd = s.row
	s.put()
	s.put("Levels run from 0 (not evidenced) to 4 (embedded); an indicator's strength from 0 (not evidenced) through 1 intent and 2 action to 3 outcome.")
	s.style(cell(1, s.row), cell(1, s.row), st.note)
	if s.err != nil {
		return s.err
	}
	b.chart = cr
	return pageSetup(b.f, sheetChartData, b.org, footerText(b.meta), false, 0)
}

// Chart sizes on the summary, in pixels.
const (
	radarWidth, radarHeight = 500, 340
	barWidth, barHeight     = 500, 520
)

// charts draws the summary's two charts: a radar of the four themes'
// levels (the latest period against the one before, or all periods when
// there is only one) and a bar for each indicator's best strength.
func (b *orgBook) charts() error {
	cr := b.chart
	if cr == nil || cr.themes == 0 || b.all(b.ix.rubric.Themes[0].ID) == nil {
		return nil
	}
	title := func(text string) excelize.ChartTitle {
		return excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: text, Font: &excelize.Font{Family: fontFamily, Size: 11, Bold: true, Color: navy}}}}
	}
	axisFont := excelize.Font{Family: fontFamily, Size: 9, Color: grey}
	// Radar lines take the theme's accent colours (blue, then orange):
	// neither Excel nor LibreOffice applies a fill to a radar's lines.
	// The latest period comes last, so it is drawn on top.
	var series []excelize.ChartSeries
	for k := 0; k < cr.series; k++ {
		series = append(series, excelize.ChartSeries{
			Name:       ref(sheetChartData, 2+k, 1, 2+k, 1),
			Categories: ref(sheetChartData, 1, 2, 1, 1+cr.themes),
			Values:     ref(sheetChartData, 2+k, 2, 2+k, 1+cr.themes),
			Marker:     excelize.ChartMarker{Symbol: "circle", Size: 6},
		})
	}
	// Rows the charts cover get an explicit height: Excel and LibreOffice
	// give an unset row different heights, and the bar chart, anchored
	// to a row, would then slide over the radar's legend.
	bottom := b.rowsUnderCharts() + 2
	for row := 1; row <= bottom; row++ {
		if h, err := b.f.GetRowHeight(sheetSummary, row); err == nil {
			if err := b.f.SetRowHeight(sheetSummary, row, h); err != nil {
				return err
			}
		}
	}
	zero, four := 0.0, 4.0
	radarTitle := "Level by theme"
	if err := b.f.AddChart(sheetSummary, cell(summaryChartCol, 1), &excelize.Chart{
		Type:      excelize.Radar,
		Series:    series,
		Title:     title(radarTitle),
		Legend:    excelize.ChartLegend{Position: "top", ShowLegendKey: true, Font: &axisFont},
		XAxis:     excelize.ChartAxis{Font: excelize.Font{Family: fontFamily, Size: 9, Color: "#262626"}},
		YAxis:     excelize.ChartAxis{Minimum: &zero, Maximum: &four, MajorUnit: 1, MajorGridLines: true, Font: axisFont},
		Dimension: excelize.ChartDimension{Width: radarWidth, Height: radarHeight},
		Format:    excelize.GraphicOptions{AltText: "Radar chart of the level reached in each theme", PrintObject: boolPtr(true), OffsetX: 4, OffsetY: 4},
	}); err != nil {
		return fmt.Errorf("radar chart: %w", err)
	}

	series = series[:0]
	for _, ti := range cr.barThemes {
		series = append(series, excelize.ChartSeries{
			Name:       ref(sheetChartData, 2+ti, cr.barFirst-1, 2+ti, cr.barFirst-1),
			Categories: ref(sheetChartData, 1, cr.barFirst, 1, cr.barEnd),
			Values:     ref(sheetChartData, 2+ti, cr.barFirst, 2+ti, cr.barEnd),
			Fill:       solid(themeColours[ti%len(themeColours)]),
		})
	}
	three := 3.0
	gap := uint(40)
	overlap := 100
	barCell, barOffset := anchor(b.f, sheetSummary, summaryChartCol, radarHeight+16)
	if err := b.f.AddChart(sheetSummary, barCell, &excelize.Chart{
		Type:   excelize.BarStacked,
		Series: series,
		Title:  title("Best strength per indicator: 1 intent, 2 action, 3 outcome"),
		Legend: excelize.ChartLegend{Position: "bottom", Font: &axisFont},
		XAxis:  excelize.ChartAxis{ReverseOrder: true, Font: excelize.Font{Family: fontFamily, Size: 8, Color: "#262626"}},
		YAxis: excelize.ChartAxis{Minimum: &zero, Maximum: &three, MajorUnit: 1, MajorGridLines: true, Font: axisFont,
			NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0"}},
		GapWidth:     &gap,
		Overlap:      &overlap,
		ShowBlanksAs: "gap",
		Dimension:    excelize.ChartDimension{Width: barWidth, Height: barHeight},
		Format: excelize.GraphicOptions{AltText: "Bar chart of the best strength of the evidence for each indicator", PrintObject: boolPtr(true),
			OffsetX: 4, OffsetY: barOffset},
	}); err != nil {
		return fmt.Errorf("indicator chart: %w", err)
	}
	// The charts sit beside the text; make the printed page take them in.
	return b.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area",
		RefersTo: ref(sheetSummary, 1, 1, summaryLastCol, max(b.summaryRows, bottom)), Scope: sheetSummary})
}

// rowsUnderCharts is the summary row the charts reach down to.
func (b *orgBook) rowsUnderCharts() int {
	ref, _ := anchor(b.f, sheetSummary, 1, radarHeight+16+barHeight+8)
	_, row, _ := excelize.CellNameToCoordinates(ref)
	return row
}

// anchor finds the cell in column col, and the offset within it, where
// something y pixels below the top of the sheet begins: the library
// limits an offset to the cell it is measured from. Pixels here are the
// library's, which turns a row's points into pixels at 4/3.4 (not 4/3),
// so that is what anchors must be measured in to line up.
func anchor(f *excelize.File, sheetName string, col, y int) (string, int) {
	for row := 1; ; row++ {
		pt, err := f.GetRowHeight(sheetName, row)
		if err != nil || pt <= 0 {
			pt = 15
		}
		h := int(math.Ceil(pt * 4 / 3.4))
		if y < h {
			return cell(col, row), y
		}
		y -= h
	}
}

// wrapLabel breaks a label into lines of about n characters, at spaces.
func wrapLabel(s string, n int) string {
	var out, line string
	for _, w := range strings.Fields(s) {
		switch {
		case line == "":
			line = w
		case len(line)+1+len(w) <= n:
			line += " " + w
		default:
			out += line + "\n"
			line = w
		}
	}
	return out + line
}
