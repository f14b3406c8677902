package report

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/anchorscore/anchorscore/pipeline"
	"github.com/anchorscore/anchorscore/pipeline/discover"
	"github.com/anchorscore/anchorscore/pipeline/doc"
	"github.com/anchorscore/anchorscore/pipeline/score"
	"github.com/anchorscore/anchorscore/rubric"
)

// The board workbook's sheets, in order.
const (
	sheetSummary    = "Summary"
	sheetIndicators = "Indicators"
	sheetEvidence   = "Evidence"
	sheetDocuments  = "Documents"
	sheetMethod     = "Method"
	sheetChartData  = "Chart data"
)

// How many strengths and areas for development the summary names; the
// Indicators sheet has them all. More would not fit one printed page.
const summaryFindings = 6

// orgBook builds the board's scorecard for one organisation.
type orgBook struct {
	ix   *index
	meta Meta
	org  string
	f    *excelize.File
	st   *styles
	// links puts the Evidence and Documents sheets' many links in place.
	links *bulkLinks
	// summaryRows is the last row the summary's text uses.
	summaryRows int
	chart       *chartRanges
}

// orgWorkbook is the board's scorecard for one organisation: a one-page
// summary, then the indicators, the quotes, the documents and the method
// behind it.
func orgWorkbook(ix *index, meta Meta, org string) (*excelize.File, error) {
	f, st, err := newWorkbook(sheetSummary)
	if err != nil {
		return nil, err
	}
	b := &orgBook{ix: ix, meta: meta, org: org, f: f, st: st, links: newBulkLinks(f)}
	for _, step := range []struct {
		sheet string
		write func() error
	}{
		{sheetSummary, b.summary}, {sheetIndicators, b.indicators}, {sheetEvidence, b.evidence}, {sheetDocuments, b.documents},
		{sheetMethod, b.method}, {sheetChartData, b.chartData}, {sheetSummary + " charts", b.charts},
	} {
		if err := step.write(); err != nil {
			f.Close()
			return nil, fmt.Errorf("sheet %s: %w", step.sheet, err)
		}
	}
	return f, nil
}

// all is the organisation's score for a theme over all periods; nil when
// none of its documents could be read.
func (b *orgBook) all(theme string) *score.Theme {
	return b.ix.score(b.org, discover.PeriodAll, theme)
}

// closeCall is the level model's probability below which the summary
// names a level a close call. Leaving each development corpus out in turn
// (1,492 levels, fourteenth session), readers agreed with 55% of the
// levels the model gave at under 0.6, 74% at 0.6 to 0.8 and 90% at 0.8
// or more; on the eight held-out corpora (188 levels), 51%, 67% and 84%.
const closeCall = 0.6

// closeCalls names the themes whose level (all periods together) the
// level model gave with a probability under closeCall, each with the
// level it thought next most likely: "System leadership: Developing, or
// Established".
func (b *orgBook) closeCalls() []string {
	var calls []string
	r := b.ix.rubric
	for _, th := range r.Themes {
		if all := b.all(th.ID); all != nil && all.Probability > 0 && all.Probability < closeCall {
			calls = append(calls, fmt.Sprintf("%s: %s, or %s", th.Name, all.LevelName, r.LevelName(all.NextLevel)))
		}
	}
	return calls
}

// trendPeriods are the two periods the summary compares: the latest dated
// period and the one before (prev is empty when there is only one).
func (b *orgBook) trendPeriods() (prev, latest string) {
	p := b.ix.datedPeriods(b.org)
	switch len(p) {
	case 0:
		return "", ""
	case 1:
		return "", p[0]
	}
	return p[len(p)-2], p[len(p)-1]
}

// Summary layout: the left block (columns A-F) holds the text and the
// themes' table, the right block (H-M) the two charts.
var summaryWidths = []float64{30, 7, 15, 9, 12, 34, 2, 12, 12, 12, 12, 12, 12}

const (
	summaryTextCols = 6 // A-F
	summaryLastCol  = 13
	summaryChartCol = 8 // H
)

func (b *orgBook) summary() error {
	st, r := b.st, b.ix.rubric
	s := &sheet{f: b.f, st: st, name: sheetSummary}
	s.widths(summaryWidths)
	textWidth := 0.0
	for _, w := range summaryWidths[:summaryTextCols] {
		textWidth += w
	}
	line := func(text string, style int, minHeight float64) {
		s.put(text)
		s.merge(cell(1, s.row), cell(summaryTextCols, s.row))
		s.styleRow(s.row, 1, summaryTextCols, style)
		s.height(s.row, max(minHeight, float64(lines(text, textWidth))*13.5+5))
	}
	gap := func(points float64) {
		s.put()
		s.height(s.row, points)
	}

	s.put(b.org)
	s.merge("A1", cell(summaryTextCols, 1))
	s.style("A1", "A1", st.title)
	s.height(1, 30)
	line(fmt.Sprintf("Anchor leadership maturity scorecard · %s %s", r.Name, r.Version), st.subtitle, 15)
	periods := b.ix.periods[b.org]
	pText := "none (no document could be read)"
	if len(periods) > 0 {
		pText = strings.Join(periods, ", ")
	}
	line("Periods analysed: "+pText, st.subtitle, 15)
	line("Documents analysed: "+b.documentsLine(), st.subtitle, 15)
	gap(8)

	prev, latest := b.trendPeriods()
	trendHead := "Trend"
	if prev != "" {
		trendHead = fmt.Sprintf("Trend: %s against %s", latest, prev)
	}
	s.put("Theme", "Level", "Level name", "Score\n(0-100)", "Indicators evidenced", trendHead)
	s.styleRow(s.row, 1, summaryTextCols, st.header)
	s.height(s.row, 28)
	anyScore := false
	for _, th := range r.Themes {
		all := b.all(th.ID)
		if all == nil {
			continue
		}
		anyScore = true
		trend, style := b.trend(th.ID, prev, latest)
		s.put(th.Name, all.Level, all.LevelName, all.Score, all.IndicatorsEvidenced, trend)
		s.styleRow(s.row, 1, 1, st.summaryTheme)
		s.styleRow(s.row, 2, 2, pick(st.level, all.Level, st.text))
		s.styleRow(s.row, 3, 3, pick(st.levelName, all.Level, st.text))
		s.styleRow(s.row, 4, 4, st.summaryNumber)
		s.styleRow(s.row, 5, 5, st.outOf(b.f, len(th.Indicators)))
		s.styleRow(s.row, 6, 6, style)
		s.height(s.row, 24)
	}
	if !anyScore {
		line("No level is given: none of this organisation's documents could be read. The Documents sheet says why.", st.wrap, 15)
	}
	s.put(b.legend())
	s.merge(cell(1, s.row), cell(summaryTextCols, s.row))
	s.height(s.row, 18)
	line("Level and score are for all periods together; the trend compares the latest period with the one before. "+
		"'Not evidenced' means nothing was found in the documents read, not that nothing happens.", st.note, 12)
	if calls := b.closeCalls(); len(calls) > 0 {
		line("Close calls: "+strings.Join(calls, "; ")+". The level model was less sure of these levels than of the others: read their evidence before relying on them.", st.note, 12)
	}
	gap(6)

	// bullets writes a heading, its points (or what to say when there
	// are none) and how many more the Indicators sheet holds.
	bullets := func(heading string, points []string, none string, more int, moreText string) {
		line(heading, st.heading, 20)
		if len(points) == 0 {
			points = []string{none}
		}
		for _, t := range points {
			line("• "+t, st.bullet, 15)
		}
		if more > 0 {
			line(fmt.Sprintf(moreText, more), st.note, 12)
		}
		gap(6)
	}
	strengths, more := b.strengths()
	bullets("Strengths", strengths, "No indicator is yet evidenced by action in the documents read.",
		more, "…and %d more evidenced by action or outcome: see the Indicators sheet.")
	gaps, moreGaps := b.gaps()
	bullets("Areas for development: questions for the board", gaps,
		"Every indicator is evidenced by action. The Indicators sheet's prompts help test how far that action reaches.",
		moreGaps, "…and %d more: see the Indicators sheet.")
	line("Every judgement can be traced: the Indicators sheet gives the best quotes for each indicator, the Evidence sheet every quote with its document, page and a link, and the Method sheet how levels are decided.", st.note, 12)
	if s.err != nil {
		return s.err
	}
	b.summaryRows = s.row
	if err := b.f.SetSheetView(sheetSummary, 0, &excelize.ViewOptions{ShowGridLines: boolPtr(false)}); err != nil {
		return err
	}
	if err := pageSetup(b.f, sheetSummary, b.org, footerText(b.meta), true, 0); err != nil {
		return err
	}
	return nil
}

func boolPtr(v bool) *bool { return &v }

// documentsLine says how many documents were read, of what kinds.
func (b *orgBook) documentsLine() string {
	read, total := 0, 0
	kinds := map[string]int{}
	for _, d := range b.ix.docs[b.org] {
		if d.Status == pipeline.StatusSkipped || d.Status == pipeline.StatusDuplicate {
			continue
		}
		total++
		if d.Status == pipeline.StatusOK || d.Status == pipeline.StatusPartial {
			read++
			kinds[d.Type]++
		}
	}
	names := make([]string, 0, len(kinds))
	for k := range kinds {
		names = append(names, k)
	}
	sort.Strings(names)
	parts := make([]string, len(names))
	for i, k := range names {
		parts[i] = plural(kinds[k], kindName(k))
	}
	out := fmt.Sprintf("%d of %d read", read, total)
	if len(parts) > 0 {
		out += " (" + strings.Join(parts, ", ") + ")"
	}
	if read < total {
		out += fmt.Sprintf("; %d could not be read: see the Documents sheet", total-read)
	}
	return out
}

func kindName(t string) string {
	if t == "" || t == "other" {
		return "other document"
	}
	return strings.ReplaceAll(t, "-", " ")
}

func plural(n int, noun string) string {
	if n != 1 && !strings.HasSuffix(noun, "s") {
		noun += "s"
	}
	return fmt.Sprintf("%d %s", n, noun)
}

// trend compares a theme's level in the latest period with the one
// before, in words a board reads at a glance.
func (b *orgBook) trend(theme, prev, latest string) (string, int) {
	st := b.st
	if latest == "" {
		return "– no dated documents", st.trendSame
	}
	l := b.ix.score(b.org, latest, theme)
	if prev == "" {
		if l == nil {
			return "–", st.trendSame
		}
		return fmt.Sprintf("– one period only (%d in %s)", l.Level, latest), st.trendSame
	}
	p := b.ix.score(b.org, prev, theme)
	if p == nil || l == nil {
		return "–", st.trendSame
	}
	switch {
	case l.Level > p.Level:
		return fmt.Sprintf("▲ up: %d in %s, %d in %s", l.Level, latest, p.Level, prev), st.trendUp
	case l.Level < p.Level:
		return fmt.Sprintf("▼ down: %d in %s, %d in %s", l.Level, latest, p.Level, prev), st.trendDown
	}
	return fmt.Sprintf("= level: %d in both periods", l.Level), st.trendSame
}

// legend names the levels, each with its colour.
func (b *orgBook) legend() []excelize.RichTextRun {
	runs := []excelize.RichTextRun{{Text: "Levels:  ", Font: runFont(true, false, grey, 9)}}
	for _, l := range b.ix.rubric.Levels {
		ink := levelInk[min(max(l.Level, 0), len(levelInk)-1)]
		runs = append(runs,
			excelize.RichTextRun{Text: "■ ", Font: runFont(false, false, ink, 12)},
			excelize.RichTextRun{Text: fmt.Sprintf("%d %s    ", l.Level, l.Name), Font: runFont(false, false, grey, 9)})
	}
	return runs
}

// finding is one indicator for one theme, as the summary weighs it.
type finding struct {
	theme, ind int
	th         *rubric.Theme
	in         *rubric.Indicator
	is         *score.Indicator
	level      int
}

func (b *orgBook) findings() []finding {
	var out []finding
	for ti := range b.ix.rubric.Themes {
		th := &b.ix.rubric.Themes[ti]
		all := b.all(th.ID)
		if all == nil {
			continue
		}
		for ii := range th.Indicators {
			if ii >= len(all.Indicators) {
				break
			}
			out = append(out, finding{theme: ti, ind: ii, th: th, in: &th.Indicators[ii], is: &all.Indicators[ii], level: all.Level})
		}
	}
	return out
}

// strengths are the indicators evidenced by action or outcome, strongest
// first and at most two a theme until every theme has had its turn, then
// shown in the rubric's order; each sentence is the rubric's statement of
// what good looks like and where the evidence is.
func (b *orgBook) strengths() ([]string, int) {
	var cands []finding
	for _, f := range b.findings() {
		if f.is.Strength >= doc.Action && !f.is.Undone {
			cands = append(cands, f)
		}
	}
	sort.SliceStable(cands, func(i, j int) bool {
		a, c := cands[i].is, cands[j].is
		if a.Strength != c.Strength {
			return a.Strength > c.Strength
		}
		if a.Full != c.Full {
			return a.Full
		}
		if a.Owned != c.Owned {
			return a.Owned
		}
		return a.Positive > c.Positive
	})
	chosen := spread(cands, summaryFindings)
	out := make([]string, len(chosen))
	for i, f := range chosen {
		how := "in action"
		if f.is.Strength == doc.Outcome {
			how = "by a measured outcome"
		}
		where := ""
		if it := b.bestPositive(f.is); it != nil {
			where = fmt.Sprintf(" (%s, %s)", b.docName(it.Doc), it.Location())
		}
		out[i] = fmt.Sprintf("%s: %s Shown %s%s.", f.th.Name, strings.TrimSpace(f.in.Statement), how, where)
	}
	return out, len(cands) - len(chosen)
}

// gaps are the indicators with nothing found, with evidence that has
// stalled, or with intent only, in the weakest themes first; each is the
// rubric's reflective question.
func (b *orgBook) gaps() ([]string, int) {
	var cands []finding
	for _, f := range b.findings() {
		if f.is.Strength == 0 || f.is.Undone || f.is.Strength == doc.Intent {
			cands = append(cands, f)
		}
	}
	severity := func(is *score.Indicator) int {
		switch {
		case is.Strength == 0:
			return 0
		case is.Undone:
			return 1
		}
		return 2
	}
	sort.SliceStable(cands, func(i, j int) bool {
		if cands[i].level != cands[j].level {
			return cands[i].level < cands[j].level
		}
		return severity(cands[i].is) < severity(cands[j].is)
	})
	chosen := spread(cands, summaryFindings)
	out := make([]string, len(chosen))
	for i, f := range chosen {
		state := "not evidenced"
		switch {
		case f.is.Strength == 0 && f.is.Negated > 0:
			state = "the documents say it is not in place"
		case f.is.Withdrawn:
			state = "withdrawn after it was in place"
		case f.is.Undone:
			state = "latest evidence says it has stalled"
		case f.is.Strength == doc.Intent:
			state = "intent only, no action found"
		}
		out[i] = fmt.Sprintf("%s, %s (%s): %s", f.th.Name, lowerFirst(f.in.Name), state, strings.TrimSpace(f.in.Prompt))
	}
	return out, len(cands) - len(chosen)
}

// spread picks up to n of the ranked findings, at most two a theme on the
// first pass so that one strong theme does not crowd out the rest, and
// returns them in the rubric's order.
func spread(ranked []finding, n int) []finding {
	var chosen []finding
	taken := map[[2]int]bool{}
	perTheme := map[int]int{}
	for pass := 0; pass < 2 && len(chosen) < n; pass++ {
		for _, f := range ranked {
			if len(chosen) == n {
				break
			}
			k := [2]int{f.theme, f.ind}
			if taken[k] || pass == 0 && perTheme[f.theme] >= 2 {
				continue
			}
			taken[k] = true
			perTheme[f.theme]++
			chosen = append(chosen, f)
		}
	}
	sort.SliceStable(chosen, func(i, j int) bool {
		if chosen[i].theme != chosen[j].theme {
			return chosen[i].theme < chosen[j].theme
		}
		return chosen[i].ind < chosen[j].ind
	})
	return chosen
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	// Keep acronyms (ICS) as written.
	if len(s) > 1 && s[1] >= 'A' && s[1] <= 'Z' {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// bestPositive is an indicator's best quote that speaks for it.
func (b *orgBook) bestPositive(is *score.Indicator) *score.Item {
	for _, i := range is.Items {
		if it := &b.ix.res.Items[i]; !it.Negated {
			return it
		}
	}
	return nil
}

// docName is a document's name as shown within its organisation's
// workbook: the organisation's own folder is left off.
func (b *orgBook) docName(i int) string {
	return strings.TrimPrefix(b.ix.res.Docs[i].Path, b.org+"/")
}

// The Indicators sheet: one row for each indicator, with its strength,
// its best quotes, what is missing and the question to ask.
func (b *orgBook) indicators() error {
	st, r := b.st, b.ix.rubric
	s, err := addSheet(b.f, st, sheetIndicators)
	if err != nil {
		return err
	}
	widths := []float64{17, 34, 11, 6, 8, 66, 30, 34}
	s.header(widths, 2, "Theme and its level", "Indicator, and what good looks like", "Strength reached", "For", "Against",
		"Best evidence (up to three quotes; the words that matched in bold)", "What is missing", "Development prompt")
	s.height(1, 30)
	for ti := range r.Themes {
		th := &r.Themes[ti]
		all := b.all(th.ID)
		if all == nil {
			continue
		}
		for ii := range th.Indicators {
			if ii >= len(all.Indicators) {
				break
			}
			in, is := &th.Indicators[ii], &all.Indicators[ii]
			strength := "not evidenced"
			if is.Strength > 0 {
				strength = is.Strength.String()
			}
			quotes, quoteLines := b.bestQuotes(is, widths[5])
			missing := whatIsMissing(is)
			s.put(
				[]excelize.RichTextRun{
					{Text: th.Name + "\n", Font: runFont(true, false, "", 10)},
					{Text: fmt.Sprintf("%d %s", all.Level, all.LevelName), Font: runFont(false, false, grey, 9)},
				},
				[]excelize.RichTextRun{
					{Text: in.Name + "\n", Font: runFont(true, false, "", 10)},
					{Text: strings.TrimSpace(in.Statement), Font: runFont(false, true, grey, 9)},
				},
				strength, is.Positive, is.Negated, quotes, missing, strings.TrimSpace(in.Prompt))
			s.styleRow(s.row, 1, 2, st.wrap)
			s.styleRow(s.row, 3, 3, pick(st.strength, int(is.Strength), st.text))
			s.styleRow(s.row, 4, 5, st.centreNumber)
			s.styleRow(s.row, 6, 8, st.wrap)
			n := max(quoteLines, 1+lines(in.Statement, widths[1]*1.1), lines(missing, widths[6]), lines(in.Prompt, widths[7]), 2)
			s.height(s.row, float64(n)*12.5+6)
		}
	}
	s.filter(1, len(widths))
	if s.err != nil {
		return s.err
	}
	return pageSetup(b.f, sheetIndicators, b.org, footerText(b.meta), false, 1)
}

// bestQuotes renders up to three of an indicator's quotes, best first,
// each followed by where it is, and how many lines that takes.
func (b *orgBook) bestQuotes(is *score.Indicator, width float64) ([]excelize.RichTextRun, int) {
	if len(is.Items) == 0 {
		return []excelize.RichTextRun{{Text: "No quote found.", Font: runFont(false, true, grey, 10)}}, 1
	}
	var runs []excelize.RichTextRun
	n := 0
	for k, i := range is.Items {
		if k == 3 {
			break
		}
		it := &b.ix.res.Items[i]
		if k > 0 {
			runs = append(runs, excelize.RichTextRun{Text: "\n\n", Font: runFont(false, false, "", 10)})
			n++
		}
		if it.Negated {
			runs = append(runs, excelize.RichTextRun{Text: "Against: ", Font: runFont(true, false, "#C00000", 10)})
		}
		runs = append(runs, quoteRuns(it.Text, it.Matched, 10)...)
		src := fmt.Sprintf("\n— %s, %s (%s)", b.docName(it.Doc), it.Location(), it.Strength)
		runs = append(runs, excelize.RichTextRun{Text: src, Font: runFont(false, true, grey, 9)})
		n += lines(it.Text, width) + 1
	}
	if len(is.Items) > 3 {
		runs = append(runs, excelize.RichTextRun{Text: fmt.Sprintf("\n\n%d more in the Evidence sheet.", len(is.Items)-3), Font: runFont(false, true, grey, 9)})
		n += 2
	}
	return runs, n
}

// whatIsMissing says, in words, what stands between an indicator and
// full marks, from the facts scoring found.
func whatIsMissing(is *score.Indicator) string {
	var out []string
	switch {
	case is.Strength == 0 && is.Negated > 0:
		out = append(out, fmt.Sprintf("Nothing speaks for it; %s say it is not in place.", plural(is.Negated, "sentence")))
	case is.Strength == 0:
		out = append(out, "Nothing found in the documents read.")
	case is.Withdrawn:
		out = append(out, "It was in place, but the latest evidence says it was withdrawn, which lowers the theme's level by one.")
	case is.Undone:
		out = append(out, "It was in place, but the latest evidence says it has stalled or is not in place.")
	case is.Strength == doc.Intent:
		out = append(out, "Intent only: no action in place yet.")
	default:
		if !is.Full {
			out = append(out, "The action so far is a pilot or a partial step.")
		}
		if is.Strength < doc.Outcome {
			out = append(out, "No measured outcome reported yet.")
		}
	}
	if is.Strength > 0 && !is.Owned {
		out = append(out, "No named owner (a role, board or committee).")
	}
	if len(out) == 0 {
		return "Nothing: owned, in place beyond a pilot, with a measured outcome."
	}
	return strings.Join(out, " ")
}

// evidenceOrder sorts an organisation's quotes as a reader looks for
// them: by theme and indicator in the rubric's order, best first.
func (b *orgBook) evidenceOrder() []int {
	items := slices.Clone(b.ix.items[b.org])
	rank := map[string]int{}
	n := 0
	for _, th := range b.ix.rubric.Themes {
		for _, in := range th.Indicators {
			rank[in.ID] = n
			n++
		}
	}
	res := b.ix.res
	sort.SliceStable(items, func(i, j int) bool {
		a, c := &res.Items[items[i]], &res.Items[items[j]]
		ra, okA := rank[a.Indicator]
		rc, okC := rank[c.Indicator]
		if okA != okC {
			return okA
		}
		if ra != rc {
			return ra < rc
		}
		if a.Indicator != c.Indicator {
			return a.Indicator < c.Indicator
		}
		if a.Negated != c.Negated {
			return !a.Negated
		}
		if a.Strength != c.Strength {
			return a.Strength > c.Strength
		}
		return false
	})
	return items
}

// The Evidence sheet: every quote, streamed, as an Excel table.
func (b *orgBook) evidence() error {
	st := b.st
	widths := []float64{18, 28, 10, 9, 80, 34, 7, 16, 9}
	s, err := newStream(b.f, st, sheetEvidence, widths, []string{"Theme", "Indicator", "Strength", "Negated",
		"Quote (the words that matched in bold)", "Document (the link opens it)", "Page", "Location", "Period"})
	if err != nil {
		return err
	}
	res := b.ix.res
	links := 0
	for _, i := range b.evidenceOrder() {
		it := &res.Items[i]
		d := res.Docs[it.Doc]
		negated := "No"
		if it.Negated {
			negated = "Yes"
		}
		var page any
		if it.Page > 0 {
			page = excelize.Cell{StyleID: st.centreNumber, Value: it.Page}
		}
		theme, indicator := b.ix.themeLabel(it.Theme), b.ix.indicatorLabel(it.Indicator)
		n := max(lines(it.Text, widths[4]), lines(theme, widths[0]), lines(indicator, widths[1]), lines(it.Location(), widths[7]))
		s.putHeight(float64(n)*12.75+3,
			excelize.Cell{StyleID: st.wrap, Value: theme},
			excelize.Cell{StyleID: st.wrap, Value: indicator},
			excelize.Cell{StyleID: pick(st.strength, int(it.Strength), st.text), Value: it.Strength.String()},
			excelize.Cell{StyleID: st.centre, Value: negated},
			excelize.Cell{StyleID: st.wrap, Value: quoteRuns(it.Text, it.Matched, 10)},
			excelize.Cell{StyleID: st.link, Value: b.docName(it.Doc)},
			page,
			excelize.Cell{StyleID: st.wrap, Value: it.Location()},
			excelize.Cell{StyleID: st.text, Value: d.Period},
		)
		if link := docLink(b.ix.files[it.Doc], it.Page); s.err == nil && links < maxLinksPerSheet && len(link) <= maxLinkChars {
			s.err = b.links.add(sheetEvidence, cell(6, s.row), link, "Open "+b.docName(it.Doc)+" "+it.Location())
			links++
		}
	}
	if s.err != nil {
		return s.err
	}
	if err := pageSetup(b.f, sheetEvidence, b.org, footerText(b.meta), false, 1); err != nil {
		return err
	}
	return s.finish("Evidence")
}

func strPtr(s string) *string { return &s }

// The Documents sheet: what was read, what could not be, and why.
func (b *orgBook) documents() error {
	st := b.st
	s, err := addSheet(b.f, st, sheetDocuments)
	if err != nil {
		return err
	}
	widths := []float64{44, 16, 11, 9, 9, 7, 9, 10, 70}
	s.header(widths, 0, "Document (the link opens it)", "Type", "Date", "Period", "Format", "Pages", "Words", "Status", "Why it could not be read, or what was wrong")
	for _, d := range b.ix.docs[b.org] {
		var date, pages any
		if !d.Date.IsZero() {
			date = d.Date
		}
		if d.Pages > 0 {
			pages = d.Pages
		}
		name := strings.TrimPrefix(d.Display, b.org+"/")
		s.put(name, d.Type, date, d.Period, string(d.Format), pages, d.Words, d.Status, d.Error)
		s.styleRow(s.row, 1, 1, st.link)
		s.styleRow(s.row, 2, 2, st.text)
		s.styleRow(s.row, 3, 3, st.date)
		s.styleRow(s.row, 4, 5, st.text)
		s.styleRow(s.row, 6, 7, st.thousands)
		status := st.status[d.Status]
		if status == 0 {
			status = st.text
		}
		s.styleRow(s.row, 8, 8, status)
		s.styleRow(s.row, 9, 9, st.wrap)
		if link := docLink(d.Path, 0); s.err == nil && d.Path != "" && len(link) <= maxLinkChars {
			s.err = b.links.add(sheetDocuments, cell(1, s.row), link, "Open "+name)
		}
	}
	s.filter(1, len(widths))
	if s.err != nil {
		return s.err
	}
	return pageSetup(b.f, sheetDocuments, b.org, footerText(b.meta), false, 1)
}

func (b *orgBook) method() error {
	return methodSheet(b.f, b.st, b.meta, b.org, []guideLine{
		{sheetSummary, "The organisation's level in each theme, its score, how many indicators are evidenced, the trend since the previous period, two charts, and the main strengths and areas for development. Prints on one page."},
		{sheetIndicators, "Each indicator: the strength reached, the best quotes with document and page, what is missing, and a question for the board."},
		{sheetEvidence, "Every quote found, with theme, indicator, strength, whether it speaks against, the document (the link opens it, at the page for a PDF), the page and period. Filter any column."},
		{sheetDocuments, "Every document given for this organisation: what was read, what could not be, and why."},
		{sheetMethod, "This sheet: how the workbook was made and how levels are decided."},
		{sheetChartData, "The figures the summary's charts are drawn from."},
	})
}
