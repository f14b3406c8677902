package report

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// guideLine says what one sheet of a workbook holds.
type guideLine struct{ sheet, says string }

// methodSheet writes how the workbook was made: what each sheet holds,
// the rubric (name, version, file and hash), the settings and tool
// version, the scale, and how a level is decided, in words. It is the
// same in both workbooks, so a researcher and a board read one account.
func methodSheet(f *excelize.File, st *styles, meta Meta, org string, guide []guideLine) error {
	m, err := addSheet(f, st, sheetMethod)
	if err != nil {
		return err
	}
	r := meta.Rubric
	m.widths([]float64{34, 110})
	heading := func(text string) {
		m.put()
		m.put(text)
		m.style(cell(1, m.row), cell(2, m.row), st.heading)
		m.height(m.row, 20)
	}
	pair := func(k, v string) {
		m.put(k, v)
		m.style(cell(1, m.row), cell(1, m.row), st.text)
		m.style(cell(2, m.row), cell(2, m.row), st.wrap)
		if n := lines(v, 110); n > 1 {
			m.height(m.row, float64(n)*13+3)
		}
	}
	m.put("How this workbook was made")
	m.style("A1", "A1", st.title)
	m.height(1, 28)

	heading("What each sheet holds")
	for _, g := range guide {
		pair(g.sheet, g.says)
	}

	heading("Rubric and run")
	pair("Rubric", r.Name)
	pair("Rubric id and version", strings.TrimSpace(r.ID+" "+r.Version))
	pair("Rubric file", r.File)
	pair("Rubric sha256", r.SHA256)
	pair("Tool", "anchorscore "+meta.Version)
	for _, k := range sortedKeys(meta.Settings) {
		pair("Setting: "+k, fmt.Sprint(meta.Settings[k]))
	}

	heading("The maturity scale")
	for _, l := range r.Levels {
		pair(fmt.Sprintf("%d %s", l.Level, l.Name), strings.TrimSpace(l.Description))
	}

	heading("How evidence is found")
	pair("Matching", "Every sentence of every document is matched against the rubric's indicators. A sentence counts when its words match one of an indicator's patterns, no excluding phrase overlaps the match, and, for indicators that need it, anchor context (local jobs, local spend, estates, environment, the anchor role itself) is near. Each sentence is coded to the one indicator it matches best unless the rubric allows several.")
	pair("Strength", "Each piece of evidence is graded intent (a plan or aspiration), action (done or in place) or outcome (a measured result). An indicator's strength is the best grade of the sentences that speak for it.")
	pair("Negation", "Negated or hedged sentences (not yet, paused, withdrawn) are kept, but count against the indicator, not for it. An indicator whose latest evidence is negated counts as intent only; an explicit later withdrawal (a group stood down, a post ended) lowers the theme's level by one.")

	heading("How a theme's level is decided")
	pair("Rule", "A theme's level is the highest level whose rule holds, tried from the top down:")
	seen := map[string]bool{}
	for _, th := range r.Themes {
		rules := r.Rules(th.ID)
		var key strings.Builder
		for _, lr := range rules {
			fmt.Fprintf(&key, "%d:%s;", lr.Level, lr.Rule)
		}
		if seen[key.String()] {
			continue
		}
		seen[key.String()] = true
		if len(seen) > 1 || len(th.LevelRules) > 0 {
			pair("For "+th.Name, "")
		}
		for _, lr := range rules {
			pair(fmt.Sprintf("%d %s", lr.Level, r.LevelName(lr.Level)), lr.Rule)
		}
	}
	pair("0 "+r.LevelName(0), "Nothing was found in the documents read. This does not mean nothing happens: only that the documents do not show it.")
	if r.HasLevelModel() {
		pair("Calibrated level model", "The rubric's level model then decides the level: it weighs what the rules found (indicators evidenced, with action, beyond a pilot, with outcomes, owned; documents and periods) with the words in the theme's evidence that a careful reader weighs (a pilot, not yet, every ward, reported quarterly), as learned from organisations whose levels careful readers had set ("+strings.TrimSpace(r.LevelModel.Description)+"). Each level's rule says what most favoured it, and gives the level rules' own level and reason.")
		pair("Close calls", fmt.Sprintf("The model also gives how likely each level is (the probability column of scores.csv). Where it is under %.1f, the board's summary names the level a close call, with the level the model thought next most likely, and the comparison workbook notes it on the level's cell: with each development corpus left out of the learning in turn, careful readers agreed with about half of such levels, and with nine in ten of those given at 0.8 or more.", closeCall))
	}
	pair("Score (0-100)", "The share of the theme's indicator weight that is evidenced, each indicator counting one third for intent, two thirds for action and in full for an outcome. Two organisations at the same level can differ in score.")
	pair("Periods", "Levels and scores are given for each period the documents fall in (NHS financial years, April to March, unless the run said otherwise) and for all periods together. The summary's level is for all periods together; its trend compares the latest dated period with the one before.")
	if org != "" {
		pair("Traceability", "Every level rests on the sentences in the Evidence sheet: each gives its document and page, and its link opens the document (at the page, for a PDF) when the documents are where they were when the run was made.")
	}
	if m.err != nil {
		return m.err
	}
	return pageSetup(f, sheetMethod, orgOrAll(org), footerText(meta), false, 0)
}

func orgOrAll(org string) string {
	if org == "" {
		return "All organisations"
	}
	return org
}
