package report

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/anchorscore/anchorscore/pipeline"
	"github.com/anchorscore/anchorscore/pipeline/discover"
	"github.com/anchorscore/anchorscore/pipeline/doc"
)

// orgWorkbook is the board's scorecard for one organisation.
func orgWorkbook(res *pipeline.Result, meta Meta, org string) (*excelize.File, error) {
	f, err := newWorkbook("Summary")
	if err != nil {
		return nil, err
	}
	st, err := newStyles(f)
	if err != nil {
		return nil, err
	}
	r := meta.Rubric
	periods := latestPeriods(res, org)
	read, total := 0, 0
	for _, d := range res.Documents {
		if d.Organisation == org {
			total++
			if d.Status == pipeline.StatusOK || d.Status == pipeline.StatusPartial {
				read++
			}
		}
	}

	// Summary: one screen, one printed page.
	s := &sheet{f: f, name: "Summary"}
	s.put(org)
	s.style("A1", "A1", st.title)
	s.put("Anchor leadership maturity: " + r.Name)
	s.put(fmt.Sprintf("Periods analysed: %s", strings.Join(periods, ", ")))
	s.put(fmt.Sprintf("Documents read: %d of %d", read, total))
	s.put()
	prev, last := "", ""
	if n := len(periods); n > 0 {
		last = periods[n-1]
		if n > 1 {
			prev = periods[n-2]
		}
	}
	s.table(st, []float64{34, 8, 16, 8, 12, 10, 16, 70}, "Theme", "Level", "Level name", "Score", "Indicators evidenced", "Evidence", "Trend", "How the level was decided")
	headerRow := s.row
	for _, th := range r.Themes {
		all := findScore(res, org, discover.PeriodAll, th.ID)
		if all == nil {
			continue
		}
		s.put(th.Name, all.Level, all.LevelName, all.Score, fmt.Sprintf("%d of %d", all.IndicatorsEvidenced, len(th.Indicators)), all.EvidenceCount, trend(res, org, prev, last, th.ID), all.Rule)
		s.style(cell(2, s.row), cell(3, s.row), levelStyle(st, all.Level))
		s.style(cell(8, s.row), cell(8, s.row), st.wrap)
	}
	_ = headerRow
	s.put()
	s.put("Strengths")
	s.style(cell(1, s.row), cell(1, s.row), st.bold)
	var strengths, gaps []string
	for _, th := range r.Themes {
		all := findScore(res, org, discover.PeriodAll, th.ID)
		if all == nil {
			continue
		}
		for i, ind := range all.Indicators {
			in := th.Indicators[i]
			switch {
			case ind.Strength >= doc.Action:
				strengths = append(strengths, fmt.Sprintf("%s: %s", th.Name, in.Statement))
			case ind.Strength == 0 || ind.Downgrade:
				gaps = append(gaps, fmt.Sprintf("%s – %s: %s", th.Name, in.Name, in.Prompt))
			}
		}
	}
	if len(strengths) == 0 {
		strengths = []string{"No indicator is yet evidenced by action in the documents read."}
	}
	for _, line := range strengths {
		s.put(line)
	}
	s.put()
	s.put("Areas for development (questions for the board)")
	s.style(cell(1, s.row), cell(1, s.row), st.bold)
	for _, line := range gaps {
		s.put(line)
	}
	if s.err != nil {
		return nil, s.err
	}
	if err := printSetup(f, "Summary", org); err != nil {
		return nil, err
	}

	// Indicators.
	ind, err := addSheet(f, "Indicators")
	if err != nil {
		return nil, err
	}
	ind.table(st, []float64{24, 30, 12, 10, 10, 70, 22, 50, 50}, "Theme", "Indicator", "Strength reached", "For", "Against", "Best quote", "Where", "What good looks like", "Development prompt")
	for _, th := range r.Themes {
		all := findScore(res, org, discover.PeriodAll, th.ID)
		if all == nil {
			continue
		}
		for i, is := range all.Indicators {
			in := th.Indicators[i]
			quote, where := "", ""
			if len(is.Items) > 0 {
				it := res.Items[is.Items[0]]
				quote = it.Text
				where = res.Docs[it.Doc].Path + ", " + it.Location()
			}
			strength := "not evidenced"
			if is.Strength > 0 {
				strength = is.Strength.String()
			}
			ind.put(th.Name, in.Name, strength, is.Positive, is.Negated, quote, where, in.Statement, in.Prompt)
			ind.style(cell(6, ind.row), cell(9, ind.row), st.wrap)
		}
	}
	ind.filter(9, 1)
	if ind.err != nil {
		return nil, ind.err
	}

	// Evidence.
	ev, err := addSheet(f, "Evidence")
	if err != nil {
		return nil, err
	}
	ev.table(st, []float64{24, 26, 10, 9, 80, 36, 12, 10}, "Theme", "Indicator", "Strength", "Negated", "Quote", "Document", "Page", "Period")
	for _, it := range res.Items {
		d := res.Docs[it.Doc]
		if d.Organisation != org {
			continue
		}
		ev.put(it.Theme, it.Indicator, it.Strength, it.Negated, it.Text, d.Path, it.Location(), d.Period)
		ev.style(cell(5, ev.row), cell(5, ev.row), st.wrap)
		if ev.err == nil {
			ev.err = f.SetCellHyperLink("Evidence", cell(6, ev.row), docLink(d.Path, it.Page), "External")
		}
	}
	ev.filter(8, 1)
	if ev.err != nil {
		return nil, ev.err
	}

	// Documents.
	ds, err := addSheet(f, "Documents")
	if err != nil {
		return nil, err
	}
	ds.table(st, []float64{44, 16, 12, 10, 8, 8, 9, 10, 60}, "Document", "Type", "Date", "Period", "Format", "Pages", "Words", "Status", "Problem")
	for _, d := range res.Documents {
		if d.Organisation != org {
			continue
		}
		ds.put(d.Display, d.Type, dateText(d), d.Period, string(d.Format), d.Pages, d.Words, d.Status, d.Error)
	}
	ds.filter(9, 1)
	if ds.err != nil {
		return nil, ds.err
	}

	if err := methodSheet(f, st, meta); err != nil {
		return nil, err
	}
	f.SetActiveSheet(0)
	return f, nil
}

// trend compares a theme's level in the last period with the one before.
func trend(res *pipeline.Result, org, prev, last, theme string) string {
	if prev == "" || last == "" {
		return "–"
	}
	a, b := findScore(res, org, prev, theme), findScore(res, org, last, theme)
	if a == nil || b == nil {
		return "–"
	}
	switch {
	case b.Level > a.Level:
		return fmt.Sprintf("▲ up from %d (%s)", a.Level, prev)
	case b.Level < a.Level:
		return fmt.Sprintf("▼ down from %d (%s)", a.Level, prev)
	}
	return fmt.Sprintf("= as in %s", prev)
}

func methodSheet(f *excelize.File, st styles, meta Meta) error {
	m, err := addSheet(f, "Method")
	if err != nil {
		return err
	}
	r := meta.Rubric
	m.put("Method")
	m.style("A1", "A1", st.title)
	m.put("Rubric", r.Name)
	m.put("Rubric id and version", r.ID+" "+r.Version)
	m.put("Rubric file", r.File)
	m.put("Rubric sha256", r.SHA256)
	m.put("Tool", "anchorscore "+meta.Version)
	for _, k := range sortedKeys(meta.Settings) {
		m.put("Setting: "+k, fmt.Sprint(meta.Settings[k]))
	}
	m.put()
	m.put("How levels are decided")
	m.style(cell(1, m.row), cell(1, m.row), st.bold)
	m.put("Each sentence is matched against the rubric's indicators. A sentence counts when its words match an indicator's pattern, no excluding phrase overlaps the match, and (for gated indicators) anchor context is near.")
	m.put("Each piece of evidence is graded intent (a plan or aspiration), action (done or in place) or outcome (a measured result). Negated or hedged sentences (not yet, paused, withdrawn) are kept but count against, not for.")
	m.put("A theme's level is the highest whose rule holds:")
	for _, lr := range r.Rules(r.Themes[0].ID) {
		m.put(fmt.Sprintf("%d %s", lr.Level, r.LevelName(lr.Level)), lr.Rule)
	}
	m.put("0 "+r.LevelName(0), "nothing found in the documents read; this does not mean nothing happens")
	m.put("An indicator whose latest evidence is negated counts as intent only; an explicit later withdrawal (a group stood down, a post ended) lowers the theme's level by one.")
	m.put("The score (0-100) is the share of the theme's indicator weight evidenced, each indicator counting 1/3 for intent, 2/3 for action and 1 for outcome.")
	if err := f.SetColWidth("Method", "A", "A", 34); err != nil {
		return err
	}
	if err := f.SetColWidth("Method", "B", "B", 100); err != nil {
		return err
	}
	return m.err
}
