package report

import (
	"fmt"
	"sort"

	"github.com/xuri/excelize/v2"

	"github.com/anchorscore/anchorscore/pipeline"
	"github.com/anchorscore/anchorscore/pipeline/discover"
)

// comparisonWorkbook sets organisations side by side for researchers.
func comparisonWorkbook(res *pipeline.Result, meta Meta) (*excelize.File, error) {
	f, err := newWorkbook("Levels")
	if err != nil {
		return nil, err
	}
	st, err := newStyles(f)
	if err != nil {
		return nil, err
	}
	r := meta.Rubric
	orgs := Organisations(res)

	lv := &sheet{f: f, name: "Levels"}
	header := []any{"Organisation"}
	widths := []float64{44}
	for _, th := range r.Themes {
		header = append(header, th.Name)
		widths = append(widths, 18)
	}
	lv.table(st, widths, header...)
	for _, org := range orgs {
		row := []any{org}
		for _, th := range r.Themes {
			if s := findScore(res, org, discover.PeriodAll, th.ID); s != nil {
				row = append(row, s.Level)
			} else {
				row = append(row, "")
			}
		}
		lv.put(row...)
	}
	if lv.row > 1 {
		last := cell(len(r.Themes)+1, lv.row)
		for level, colour := range levelColours {
			format, err := f.NewConditionalStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colour}}})
			if err != nil {
				return nil, err
			}
			if err := f.SetConditionalFormat("Levels", "B2:"+last, []excelize.ConditionalFormatOptions{{Type: "cell", Criteria: "==", Format: &format, Value: fmt.Sprint(level)}}); err != nil {
				return nil, err
			}
		}
		lv.put("Median")
		for i := range r.Themes {
			col := cell(i+2, 2)[:len(cell(i+2, 2))-1]
			if lv.err == nil {
				lv.err = f.SetCellFormula("Levels", cell(i+2, lv.row), fmt.Sprintf("MEDIAN(%s2:%s%d)", col, col, lv.row-1))
			}
		}
		lv.style(cell(1, lv.row), cell(len(r.Themes)+1, lv.row), st.bold)
	}
	if lv.err != nil {
		return nil, lv.err
	}

	// Organisations × indicators: the best strength reached.
	im, err := addSheet(f, "Indicators")
	if err != nil {
		return nil, err
	}
	header = []any{"Organisation"}
	widths = []float64{44}
	var ids []string
	for _, th := range r.Themes {
		for _, in := range th.Indicators {
			header = append(header, in.ID)
			widths = append(widths, 14)
			ids = append(ids, in.ID)
		}
	}
	im.table(st, widths, header...)
	for _, org := range orgs {
		row := []any{org}
		for _, th := range r.Themes {
			s := findScore(res, org, discover.PeriodAll, th.ID)
			for i := range th.Indicators {
				v := ""
				if s != nil && s.Indicators[i].Strength > 0 {
					v = s.Indicators[i].Strength.String()
				}
				row = append(row, v)
			}
		}
		im.put(row...)
	}
	im.filter(len(ids)+1, 1)
	if im.err != nil {
		return nil, im.err
	}

	// Tidy sheets that match the CSV files.
	sc, err := addSheet(f, "scores")
	if err != nil {
		return nil, err
	}
	sc.table(st, []float64{40, 10, 28, 7, 14, 7, 10, 10, 80}, toAny(scoresHeader)...)
	for _, s := range res.Scores {
		sc.put(s.Organisation, s.Period, s.Theme, s.Level, s.LevelName, s.Score, s.IndicatorsEvidenced, s.EvidenceCount, s.Rule)
	}
	sc.filter(len(scoresHeader), 1)
	if sc.err != nil {
		return nil, sc.err
	}
	ev, err := addSheet(f, "evidence")
	if err != nil {
		return nil, err
	}
	ev.table(st, []float64{40, 36, 6, 9, 26, 26, 9, 8, 7, 90, 16, 30}, toAny(evidenceHeader)...)
	for _, it := range res.Items {
		d := res.Docs[it.Doc]
		ev.put(d.Organisation, d.Path, pageText(it.Page), d.Period, it.Theme, it.Indicator, it.Strength, it.Negated, it.Weight, it.Text, it.Location(), matchedText(it.Text, it.Matched))
	}
	ev.filter(len(evidenceHeader), 1)
	if ev.err != nil {
		return nil, ev.err
	}
	if err := methodSheet(f, st, meta); err != nil {
		return nil, err
	}
	f.SetActiveSheet(0)
	return f, nil
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
