package rubric

import (
	"slices"
	"strings"
	"testing"

	"github.com/anchorscore/anchorscore/pipeline/doc"
)

// The built-in rubric's own examples must behave as written.
func TestBuiltinExamples(t *testing.T) {
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range c.RunExamples() {
		if !r.OK {
			t.Errorf("%s/%s: want %s, got %s\n\t%q", r.Theme, r.Indicator, r.Want, r.Got, r.Text)
		}
	}
}

func TestBuiltinThemes(t *testing.T) {
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"intentionality", "shepherding_culture_change", "system_leadership", "facilitating_culture_change"}
	if len(c.Themes) != len(want) {
		t.Fatalf("got %d themes, want %d", len(c.Themes), len(want))
	}
	for i, th := range c.Themes {
		if th.ID != want[i] {
			t.Errorf("theme %d is %q, want %q", i, th.ID, want[i])
		}
		if n := len(th.Indicators); n < 4 || n > 7 {
			t.Errorf("theme %s has %d indicators, want 4 to 7", th.ID, n)
		}
		for _, in := range th.Indicators {
			if in.Statement == "" || in.Prompt == "" {
				t.Errorf("indicator %s needs a statement and a prompt", in.ID)
			}
			if len(in.Examples.Match) == 0 || len(in.Examples.NoMatch) == 0 {
				t.Errorf("indicator %s needs examples that match and examples that must not", in.ID)
			}
		}
	}
}

// In an ICB's own papers "the ICB" is the organisation: its own tendering
// is its own culture, not work at system level.
func TestSelfNames(t *testing.T) {
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	text := "The ICB has used a 10% social value weighting in all its tenders since April 2024."
	sents := []doc.Sentence{{Text: text, Para: 1}}
	// the indicator chosen and those it was chosen over
	matched := func(self ...string) string {
		ev := c.Match(sents, true, self...).Evidence
		if len(ev) != 1 {
			t.Fatalf("self %q: %d pieces of evidence, want 1", self, len(ev))
		}
		return ev[0].Indicator + " " + ev[0].Chosen
	}
	if got := matched(); !strings.Contains(got, "ics_anchor_work") {
		t.Errorf("in another organisation's papers: %s, want ics_anchor_work among the matches", got)
	}
	if got := matched("icb", "integrated care board"); strings.Contains(got, "ics_anchor_work") {
		t.Errorf("in the ICB's own papers: still %s", got)
	}
}

// A bare label under a heading of plans is one of the plans; under a
// heading of what was done it stays action.
func TestLabelUnderPlansHeading(t *testing.T) {
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	found := func(text, section string) []doc.Evidence {
		return c.Match([]doc.Sentence{{Text: text, Section: section, Para: 1}}, false).Evidence
	}
	// A bare label names a topic: it is not evidence, whatever the
	// heading above it; under a heading of plans it is one of the plans.
	if ev := found("4.2 Social value in purchasing.", "4. What we did this year"); len(ev) != 0 {
		t.Errorf("a label under a heading of what was done: %d pieces of evidence, want none", len(ev))
	}
	if ev := found("4.2 Social value in purchasing.", "4. Five areas we will explore"); len(ev) != 1 || ev[0].Strength != doc.Intent {
		t.Errorf("a label under a heading of plans: %+v, want one piece of intent", ev)
	}
	// A heading is a label, whatever figures it holds.
	if ev := found("24/41 Anchor Partnership: first-year report", "24/41 Anchor Partnership: first-year report"); len(ev) != 0 {
		t.Errorf("a heading: %d pieces of evidence, want none", len(ev))
	}
	// A numbered heading is a heading, the post's name alone a label, and
	// a paper's author line says who wrote it.
	for _, c := range []struct{ text, section string }{
		{"THE ANCHOR PROGRAMME FROM 1 JANUARY 2025", "3. THE ANCHOR PROGRAMME FROM 1 JANUARY 2025"},
		{"5.2 Anchor Programme Manager.", "5. Governance"},
		{"Author: | Carys Whitlow, Civic Role Programme Manager", "Cover sheet"},
	} {
		if ev := found(c.text, c.section); len(ev) != 0 {
			t.Errorf("%q: %d pieces of evidence, want none", c.text, len(ev))
		}
	}
	// A minute's record is not a label, under any heading.
	if ev := found("The Board NOTED the freezing of the Anchor Programme Manager post.", "7. BUSINESS CASES"); len(ev) != 1 || !ev[0].Negated {
		t.Errorf("a minuted freeze: %+v, want one negated piece of evidence", ev)
	}
	// A label that names a post, or a statement, keeps its strength; so
	// does a minute's record in capitals, which the tagger reads as a name.
	for _, text := range []string{"Tamsin Orrell, Head of Health and Wealth", "The social value weighting in our procurement continues.", "The Board APPROVED the Carer Passport Policy."} {
		if ev := found(text, "4. What we did this year"); len(ev) != 1 || ev[0].Strength != doc.Action {
			t.Errorf("%q: %+v, want one piece of action", text, ev)
		}
	}
}

// The items of a list opened by a plan are plans; the items of a list of
// what was done are not.
func TestPlannedListItems(t *testing.T) {
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	items := []string{
		"to introduce a 10% social value weighting in tenders over £50,000 from July 2024;",
		"to launch a cycle to work salary sacrifice scheme in autumn 2024;",
		"to develop a Trust community wealth strategy for approval by the Board in early 2025.",
	}
	for lead, want := range map[string]doc.Strength{
		"The steering group proposed a work programme for 2024/25:":   doc.Intent,
		"In 2023/24 the steering group completed its work programme:": doc.Action,
	} {
		sents := []doc.Sentence{{Text: lead, Block: 0, Section: "Community wealth", Para: 1}}
		for i, it := range items {
			sents = append(sents, doc.Sentence{Text: it, Block: i + 1, Index: i + 1, Section: "Community wealth", Para: i + 2})
		}
		// Text after the list is not an item of it.
		sents = append(sents, doc.Sentence{Text: "The Board noted that the social value weighting in tenders was introduced in July 2024 and has applied to every tender since then.", Block: 9, Index: 9, Section: "Community wealth", Para: 9})
		ev := c.Match(sents, false).Evidence
		if len(ev) < 3 {
			t.Fatalf("after %q: %d pieces of evidence, want at least 3", lead, len(ev))
		}
		for _, e := range ev {
			w := want
			if e.Block == 9 {
				w = doc.Action
			}
			if e.Strength != w && !(w == doc.Action && e.Strength == doc.Outcome) {
				t.Errorf("after %q: %q is %s, want %s", lead, e.Text, e.Strength, w)
			}
		}
	}
}

// "The planned briefings were cancelled" reports what became of a plan:
// action, negated; "briefings are planned for May" is the plan.
func TestPlannedThing(t *testing.T) {
	checkStrengths(t, map[string]doc.Strength{
		"The planned anchor staff briefings were cancelled because of industrial action.": doc.Action,
		"Anchor staff briefings are planned for every directorate in May.":                doc.Intent,
	})
}

// checkStrengths matches each sentence alone with the built-in rubric and
// wants one piece of evidence of the given strength.
func checkStrengths(t *testing.T, want map[string]doc.Strength) {
	t.Helper()
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for text, s := range want {
		ev := c.Match([]doc.Sentence{{Text: text, Para: 1}}, false).Evidence
		if len(ev) != 1 || ev[0].Strength != s {
			t.Errorf("%q: %+v, want one piece of evidence of %s", text, ev, s)
		}
	}
}

// What someone said would happen is a plan; what a board agreed is a
// decision taken.
func TestReportedSpeech(t *testing.T) {
	checkStrengths(t, map[string]doc.Strength{
		"Mrs Yates said that the proposal for green champions would be considered in the refresh.":                                      doc.Intent,
		"The Board agreed that the anchor strategy will be reported to every meeting.":                                                  doc.Action,
		"The Board agreed that the nomination of an executive lead for the anchor programme would be considered in the planning round.": doc.Intent,
		"The Board agreed that an anchor strategy would be developed during 2026/27.":                                                   doc.Intent,
		"We have informed the ICB that the Trust intends to consider signing the anchor charter next year.":                             doc.Intent,
		"We look forward to playing our part as an anchor institution in the system.":                                                   doc.Intent,
		"24/10a | Assess implications of the anchor charter commitments | Director of Strategy | June 2024":                             doc.Intent,
	})
}

// Cues added from the meaning of the themes: a stance is not a deed, a
// barrier to work removed is not the work undone, work taken into the
// mainstream has not ended, and a heading is the topic of the sentences
// under it.
func TestStanceBarrierMainstreamAndTopic(t *testing.T) {
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	one := func(text, section string) *doc.Evidence {
		ev := c.Match([]doc.Sentence{{Text: text, Section: section, Para: 1}}, false).Evidence
		if len(ev) == 0 {
			return nil
		}
		return &ev[0]
	}
	if ev := one("As an anchor institution, we know that good jobs, fair pay and local spending make a real difference to the health of the people we serve.", ""); ev == nil || ev.Strength != doc.Intent {
		t.Errorf("a stance: %+v, want intent", ev)
	}
	if ev := one("Application forms for band 2 roles no longer ask for a personal statement, so that more local people can apply.", ""); ev == nil || ev.Negated {
		t.Errorf("a barrier removed: %+v, want evidence not negated", ev)
	}
	if ev := one("In April the Board agreed that the anchor programme is no longer a standalone strategy but part of the refreshed Trust Strategy.", ""); ev == nil || ev.Negated || ev.Withdrawn {
		t.Errorf("work mainstreamed: %+v, want evidence neither negated nor withdrawn", ev)
	}
	const measures = "Ms Idowu presented the baseline measures, which will be used to track progress."
	if ev := one(measures, "24/41 Health and Wealth Strategy 2024-2027"); ev == nil || ev.Indicator != "intended_outcomes" {
		t.Errorf("under an anchor heading: %+v, want intended_outcomes", ev)
	}
	if ev := one(measures, "24/40 Elective recovery"); ev != nil {
		t.Errorf("under another heading: %+v, want no evidence", ev)
	}
	if ev := one(measures, "24/42 Health Hub anchor tenant lease"); ev != nil {
		t.Errorf("under a heading whose anchor is excluded: %+v, want no evidence", ev)
	}
}

// A negation that opens a list governs the list's first item; one that
// opens an explanation does not reach past the colon.
func TestNegationOpensAList(t *testing.T) {
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	wantNegated(t, c, map[string]bool{
		"The following Green Plan actions have not been started: - a review of Trust policies for their environmental impact; - a staff e-learning module.": true,
		"The anchor strategy will not sit on its own: our aim is that its commitments are absorbed into the people and estates strategies.":                 false,
	})
}

// wantNegated checks whether each text's first evidence is negated.
func wantNegated(t *testing.T, c *Compiled, cases map[string]bool) {
	t.Helper()
	for text, want := range cases {
		ev := c.Match([]doc.Sentence{{Text: text, Para: 1}}, false).Evidence
		if len(ev) == 0 {
			t.Errorf("%q: no evidence", text)
			continue
		}
		if ev[0].Negated != want {
			t.Errorf("%q: %s negated %v, want %v", text, ev[0].Indicator, ev[0].Negated, want)
		}
	}
}

// Each question put to the tagger is remembered apart from every other
// asked of the same text: whether "We recruit locally" opens with a verb
// (no) does not answer whether it has a finite one (yes).
func TestTaggerQuestionsApart(t *testing.T) {
	const text = "We recruit locally"
	if opensWithVerb(text) {
		t.Errorf("opensWithVerb(%q) = true", text)
	}
	if !finite(text) {
		t.Errorf("finite(%q) = false after opensWithVerb was asked", text)
	}
	if verbless(text) || labelLike(text) || !headlineLike(text) {
		t.Errorf("verbless, labelLike, headlineLike(%q) = %v, %v, %v", text, verbless(text), labelLike(text), headlineLike(text))
	}
}

// A table's header row is not evidence; its rows are. A row of a table
// of measures that gives only a baseline and a target sets an aim (intent);
// a row with a result under a year's column reports it.
func TestTableHeaderAndTargetRows(t *testing.T) {
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	table := func(rows ...string) []doc.Evidence {
		var sents []doc.Sentence
		for i, r := range rows {
			sents = append(sents, doc.Sentence{Text: r, Block: i, Index: i, Section: "Green champions", Para: i + 1})
		}
		return c.Match(sents, false).Evidence
	}
	ev := table("Area | Champions | Recent project", "Estates | 12 | Reusable cups in the canteen", "Wards | 30 | Switch-off campaign")
	if len(ev) == 0 {
		t.Fatal("a table of champions' projects: no evidence from its rows")
	}
	for _, e := range ev {
		if e.Text == "Area | Champions | Recent project" {
			t.Errorf("a header row quoted as evidence: %+v", e)
		}
	}
	// Two cells are as often a name and its post, which is evidence.
	if ev := table("Joanne Pell | Social Value and Community Wealth Lead", "Ravi Dass | Head of Procurement"); len(ev) == 0 {
		t.Error("a name and a post in a two-column table: no evidence")
	}
	// ...but two column names over a row of figures are a header
	for _, e := range table("Staff group | Green champions", "Nursing | 42", "Estates | 12") {
		if e.Text == "Staff group | Green champions" {
			t.Errorf("a two-column header quoted as evidence: %+v", e)
		}
	}
	// a column named by its year is still a column's name (figureCell)
	for _, e := range table("Local spend measure | Baseline | 2023/24 | 2024/25 | Target 27/28", "Spend with local suppliers | 19% | 22% | 25% | 30%") {
		if e.Text == "Local spend measure | Baseline | 2023/24 | 2024/25 | Target 27/28" {
			t.Errorf("a header with year columns quoted as evidence: %+v", e)
		}
	}
	strengthOf := func(ev []doc.Evidence, text string) doc.Strength {
		for _, e := range ev {
			if e.Text == text {
				return e.Strength
			}
		}
		return 0
	}
	target := "Tenders with 15% social value weighting | 0% | 100%"
	ev = table("Measure | Baseline 2023/24 | Target 2027/28", target, "Spend with local suppliers | 24% | 35%")
	// under a heading that names the anchor work, a header of measures
	// and targets is still only the columns' names
	var sents []doc.Sentence
	for i, r := range []string{"Measure | Baseline 2022/23 | 2023/24 | 2024/25 | Target 2025/26",
		"Staff living in the most deprived 20% of postcodes | 21.4% | 22.4% | 23.6% | 24.0%",
		"Spend with local suppliers | 24% | 26% | 29% | 35%"} {
		sents = append(sents, doc.Sentence{Text: r, Block: i, Index: i, Section: "Anchor strategy: outcome framework", Para: i + 1})
	}
	for _, e := range c.Match(sents, false).Evidence {
		if strings.HasPrefix(e.Text, "Measure |") {
			t.Errorf("a header of measures and targets quoted as evidence: %+v", e)
		}
	}
	if got := strengthOf(ev, target); got != doc.Intent {
		t.Errorf("a baseline and target row: strength %v, want intent", got)
	}
	// whatever its topic, such a row is an intended outcome
	for _, e := range ev {
		if e.Text == target && e.Indicator != "intended_outcomes" {
			t.Errorf("a baseline and target row on tenders: indicator %s, want intended_outcomes", e.Indicator)
		}
	}
	// a row already read as intent (a "planned" cell, a "will") goes to
	// the measures all the same
	planned := "Tenders we plan to weight for social value | 0% | 100%"
	for _, e := range table("Measure | Baseline 2023/24 | Target 2027/28", planned, "Spend with local suppliers | 24% | 35%") {
		if e.Text == planned && (e.Indicator != "intended_outcomes" || e.Strength != doc.Intent) {
			t.Errorf("a baseline and target row read as intent: %s, %v; want intended_outcomes, intent", e.Indicator, e.Strength)
		}
	}
	result := "Tenders with 15% social value weighting | 0% | 64%"
	ev = table("Measure | Baseline 2023/24 | 2024/25", result, "Spend with local suppliers | 24% | 29%")
	if got := strengthOf(ev, result); got == doc.Intent || got == 0 {
		t.Errorf("a row with a year's result: strength %v, want action or outcome", got)
	}
	// a measure tracked across columns (this year, last year, target) is
	// a result, as readers take it; a row that names its own baseline and
	// target sets an aim
	tracked := "Green champions (active) | 74 | 53 | 70"
	ev = table("Measure | Q3 | Q3 last year | Target", tracked, "Cycle to work members (cumulative) | 236 | 140 | 200")
	if got := strengthOf(ev, tracked); got != doc.Outcome {
		t.Errorf("a measure tracked across columns: strength %v, want outcome", got)
	}
	aim := "Measures | Baseline 2022/23 | Target 2025/26 - Local hires (%) | 41 | 50; Local spend (%) | 23 | 30"
	if got := strengthOf(table(aim), aim); got == doc.Outcome {
		t.Errorf("a row naming its baseline and target: strength %v, want no outcome", got)
	}
}

// The anchor role explained for NHS bodies in general is no one's work.
func TestGeneralClaims(t *testing.T) {
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{
		"In recent years, many NHS organisations have described this as being an anchor institution.",
		"It asks NHS organisations to think of themselves not only as providers of care, but as anchor institutions.",
		"This makes NHS organisations natural anchor institutions.",
	} {
		if ev := c.Match([]doc.Sentence{{Text: text, Para: 1}}, false).Evidence; len(ev) != 0 {
			t.Errorf("%q: %d pieces of evidence, want none", text, len(ev))
		}
	}
	if ev := c.Match([]doc.Sentence{{Text: "The Board approved our anchor strategy, and many NHS organisations in the region have since asked to see it.", Para: 1}}, false).Evidence; len(ev) == 0 {
		t.Error("the organisation's own strategy, with NHS bodies named later in the sentence: no evidence")
	}
}

// The lettered items of a recommendation are requests, not deeds.
func TestLetteredRecommendations(t *testing.T) {
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	text := "(a) agree that the trust signs the ICS Community Wealth Building Pledge; (b) nominate the Director of People as the trust's lead for the anchor network."
	ev := c.Match([]doc.Sentence{{Text: text, Para: 1}}, false).Evidence
	if len(ev) == 0 {
		t.Fatal("no evidence")
	}
	for _, e := range ev {
		if e.Strength != doc.Intent {
			t.Errorf("%s: strength %v, want intent", e.Indicator, e.Strength)
		}
	}
}

// What is in place reads as done, even where its words can also plan:
// an adjective that could be a verb ("Secure cycle storage"), the proposal
// the work followed, a state that continues.
func TestInPlaceIsAction(t *testing.T) {
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{
		"Secure cycle storage has been installed at 12 stations.",
		"Secure cycle storage and showers are available at 12 of our 17 main sites.",
		"Desflurane was removed from all theatres in June 2024, following a proposal from consultant anaesthetists and theatre practitioners.",
		"The Trust's cycle to work scheme continues to be available through salary sacrifice, with 118 staff joining in 2023/24.",
		// what is in place goes on
		"The green champions network will continue, with two hours a month of protected time.",
		"Every business case above £250,000 will continue to include a local impact test.",
	} {
		ev := c.Match([]doc.Sentence{{Text: text, Para: 1, Section: "Green plan progress"}}, false).Evidence
		if len(ev) == 0 {
			t.Errorf("%q: no evidence", text)
			continue
		}
		if ev[0].Strength == doc.Intent {
			t.Errorf("%q: intent, want action or outcome", text)
		}
	}
	// A new thing to come still plans.
	ev := c.Match([]doc.Sentence{{Text: "We will set up a green champions network in 2026.", Para: 1, Section: "Green plan progress"}}, false).Evidence
	if len(ev) == 0 || ev[0].Strength != doc.Intent {
		t.Errorf("a plan: %+v, want intent", ev)
	}
	// An action point still plans.
	ev = c.Match([]doc.Sentence{{Text: "Secure funding for the cycle to work scheme from April.", Para: 1, Section: "Next steps"}}, false).Evidence
	if len(ev) == 0 || ev[0].Strength != doc.Intent {
		t.Errorf("an action point: %+v, want intent", ev)
	}
}

// A plan whose years ran out has not been withdrawn; a programme ended
// has.
func TestPlanPeriodEndedIsNotWithdrawn(t *testing.T) {
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]bool{
		"Our Community Wealth Building Plan 2022-2025 came to an end this year.":     false,
		"The Anchor Programme came to an end in March and its board was stood down.": true,
	} {
		ev := c.Match([]doc.Sentence{{Text: text, Para: 1}}, false).Evidence
		if len(ev) == 0 {
			t.Errorf("%q: no evidence", text)
			continue
		}
		if ev[0].Withdrawn != want {
			t.Errorf("%q: withdrawn %v, want %v", text, ev[0].Withdrawn, want)
		}
	}
}

// A cover sheet's fields, a request to note a paper and a fragment of a
// table cell are not statements; a request for a decision is a proposal.
func TestPaperFurnitureIsNotEvidence(t *testing.T) {
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{
		"Previously considered: ICS Anchor Network Board, 24 April 2025",
		"Prepared by | Workforce Information; Jolene Farquason, Anchor Programme Manager (section 5)",
		"Link to ICP strategy: | Priority 4 - Good work and a fair local economy",
		"The Committee is asked to note the workforce position and the progress of the local recruitment actions.",
		"broader social and economic development)",
		"This report covers winter pressures, elective recovery, finance and the work of the Gammerton Anchor Alliance.",
		// ownership words in a title or a route are not an owner named
		"Report title: | Anchor Strategy 2023-2026: annual progress report, year one",
		"Title: | Widening participation and local recruitment: quarterly report, Q1 and Q2 2024/25",
		"PREVIOUS FORUMS: | Anchor Steering Group (1 June 2023); Executive Team (13 June 2023)",
		"Level of assurance: | Reasonable (clinical strategy, anchor programme); Limited (capital programme)",
		"Risk references: | CR04 Workforce supply (16); CR19 Reduced capacity to coordinate anchor commitments (6)",
	} {
		if ev := c.Match([]doc.Sentence{{Text: text, Para: 1}}, false).Evidence; len(ev) != 0 {
			t.Errorf("%q: %d pieces of evidence, want none", text, len(ev))
		}
	}
	for _, text := range []string{
		"The Board is asked to APPROVE the Community Wealth Building Strategy and the appointment of an anchor programme manager.",
		"Team briefings in July included a slide on the community wealth programme, and managers were asked to talk it through with every shift.",
		"It covers interview skills, basic life support and mock interviews, with a guaranteed interview for local residents at the end of our pre-employment course.",
		// a later field of the line names the owner
		"Title: | Civic Role Programme: six-monthly report | Executive sponsor: | Dr Amira Hale, Director of Strategy",
	} {
		if ev := c.Match([]doc.Sentence{{Text: text, Para: 1}}, false).Evidence; len(ev) == 0 {
			t.Errorf("%q: no evidence", text)
		}
	}
}

// A cover sheet's "Executive lead:" names the lead of the paper it heads:
// a lead of the anchor work only when the heading, or the cover sheet
// above the line, says the paper is about that work.
func TestPaperLeadNeedsAnchorPaper(t *testing.T) {
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	lead := "Executive lead: | Tomasz Trewin, Director of Partnerships"
	paper := func(heading string, above ...string) []doc.Evidence {
		var sents []doc.Sentence
		for _, text := range append(append([]string{heading}, above...), lead, "The new tender gives social value a 15% weighting, above the national minimum.") {
			sents = append(sents, doc.Sentence{Text: text, Block: len(sents), Index: len(sents), Section: heading, Para: len(sents) + 1})
		}
		return c.Match(sents, false).Evidence
	}
	quoted := func(ev []doc.Evidence) bool {
		for _, e := range ev {
			if e.Text == lead {
				return true
			}
		}
		return false
	}
	if ev := paper("ITEM 11: PROCUREMENT STRATEGY 2024-2027", "Purpose: | For approval"); quoted(ev) {
		t.Errorf("the lead of a procurement paper quoted as the anchor work's lead: %+v", ev)
	}
	if ev := paper("ITEM 11: ANCHOR PROGRAMME ANNUAL REPORT", "Purpose: | For approval"); !quoted(ev) {
		t.Errorf("the lead of an anchor programme paper not quoted: %+v", ev)
	}
	if ev := paper("BOARD MEETING IN PUBLIC - 14 SEPTEMBER 2023", "Title: | The Haddonvale Anchor Charter and Anchor Partnership"); !quoted(ev) {
		t.Errorf("the lead of a paper titled on its cover sheet as anchor work not quoted: %+v", ev)
	}
}

// A short qualification after evidence speaks of the same work, though it
// names none of it; a reader decides levels on these sentences.
func TestQualifierFollowsEvidence(t *testing.T) {
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	match := func(blocks ...[]string) []doc.Evidence {
		var sents []doc.Sentence
		for b, texts := range blocks {
			for _, text := range texts {
				sents = append(sents, doc.Sentence{Text: text, Block: b, Index: len(sents), Section: "Anchor programme", Para: b + 1})
			}
		}
		return c.Match(sents, false).Evidence
	}
	find := func(ev []doc.Evidence, text string) *doc.Evidence {
		for i := range ev {
			if ev[i].Text == text {
				return &ev[i]
			}
		}
		return nil
	}
	first := "In 2024 the Trust ran a pre-employment programme for local unemployed residents, with 12 people starting."
	pilot := "It was a one-off pilot."
	ev := match([]string{first, pilot})
	lead, q := find(ev, first), find(ev, pilot)
	if lead == nil || q == nil {
		t.Fatalf("a pilot's qualification after its evidence: %+v", ev)
	}
	if q.Indicator != lead.Indicator || !q.Partial || q.Negated {
		t.Errorf("qualification %+v: want indicator %s, partial, not negated", q, lead.Indicator)
	}
	absent := "There is no budget or lead for this at this stage."
	ev = match([]string{"The Board approved an anchor strategy in May 2024.", absent})
	if q := find(ev, absent); q == nil || !q.Negated || q.Strength != doc.Action {
		t.Errorf("an absence after evidence: %+v, want negated evidence with the strength of what is absent (action)", q)
	}
	// in another paragraph, too far after, or qualifying nothing, it is not
	for name, blocks := range map[string][][]string{
		"another paragraph":  {{first}, {pilot}},
		"too far after":      {{first, "Referrals came from the jobcentre.", "Most were aged under 25.", "Feedback was positive.", pilot}},
		"says nothing of it": {{first, "It was well received by the people who took part."}},
	} {
		ev := match(blocks...)
		for _, e := range ev {
			if e.Text != first {
				t.Errorf("%s: %q quoted as evidence", name, e.Text)
			}
		}
	}
}

// A sum that sets a threshold is a rule in place, not a result; a sum
// secured is a result.
func TestThresholdIsNotAnOutcome(t *testing.T) {
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]doc.Strength{
		"Every tender over £25,000 now carries a 10% social value weighting.":                             doc.Action,
		"Governance | Anchor Steering Group (quarterly) → Strategy Committee → Trust Board (six-monthly)": doc.Action,
		"Local spend with anchor suppliers rose 12% → 18% over the year.":                                 doc.Outcome,
		"Tenders over £25,000 secured £1.2 million of social value commitments from local suppliers.":     doc.Outcome,
	} {
		ev := c.Match([]doc.Sentence{{Text: text, Para: 1, Section: "Procurement and social value"}}, false).Evidence
		if len(ev) == 0 || ev[0].Strength != want {
			t.Errorf("%q: %+v, want strength %v", text, ev, want)
		}
	}
}

// A sentence that tells of a question being put to every manager is a
// statement of the habit asked for, and evidence; a question asked, or
// one put by a speaker in a meeting, is not.
func TestPosedQuestions(t *testing.T) {
	for text, want := range map[string]bool{
		"We want every manager to ask one question before signing anything off: what does this mean for the people who live around our hospitals?":    true,
		"The executive team now opens its monthly strategy session with a 'local impact' question: what has this trust done this month for our town?": true,
		"Cllr Amos: is the anchor group still running?":                   false,
		"Will the ICB test the trust's anchor readiness before it signs?": false,
		"Is the anchor charter still on track for signature in March?":    false,
		"Q: Will the trust sign the anchor charter before the elections?": false,
	} {
		if got := notAStatement(text, appendTokens(nil, text)) == ""; got != want {
			t.Errorf("%q read as a statement: %v, want %v", text, got, want)
		}
	}
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	text := "We want every manager to ask one question before signing anything off: what does this mean for the people who live around our hospitals?"
	ev := c.Match([]doc.Sentence{{Text: text, Para: 1, Section: "Our anchor strategy"}}, false).Evidence
	if len(ev) != 1 || ev[0].Indicator != "think_anchor_mindset" {
		t.Errorf("a question put to every manager: %+v, want think_anchor_mindset evidence", ev)
	}
}

// An agenda item's reference and title names the item; the minute under
// it is the evidence.
func TestAgendaItemTitles(t *testing.T) {
	for text, want := range map[string]bool{
		"BD/23/086 Anchor strategy: Rooted in Mockering and Yatterly 2023-2028":        true,
		"25/38 Community wealth building: closure of the 2023-2025 plan":               true,
		"FPC 24/45 Social value in procurement: annual report 2023/24":                 true,
		"24/41 The Board received the anchor report and approved its recommendations.": false,
		"In 2023/24 we spent 31% of our budget locally":                                false,
		"Anchor strategy: Rooted in Mockering and Yatterly 2023-2028":                  false,
		"TB/24/158 Anchor programme: future arrangements.":                             true,
		"24/117 Green and Anchor Plan: six-monthly report to the Board.":               true,
		"ITEM 7: CIVIC COMMITMENT - QUARTERLY REPORT (QUARTER 4 2024/25)":              true,
		"24/42 Anchor strategy: the Board approved the strategy.":                      false,
		"Item 4 of the plan was completed in March.":                                   false,
	} {
		if got := itemTitle(text); got != want {
			t.Errorf("itemTitle(%q) = %v, want %v", text, got, want)
		}
	}
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	title := "DVP/24/116 Strategy refresh: stronger communities and our anchor role"
	minute := "The Board approved the anchor strategy and named the Director of Strategy as executive lead."
	ev := c.Match([]doc.Sentence{{Text: title, Section: title, Para: 1}, {Text: minute, Index: 1, Section: title, Para: 2, Block: 1}}, false).Evidence
	if len(ev) == 0 {
		t.Fatal("the minute under an agenda item: no evidence")
	}
	for _, e := range ev {
		if e.Text == title {
			t.Errorf("an agenda item's title quoted as evidence: %+v", e)
		}
	}
}

// A definition of the idea, or of every integrated care system's
// purposes, is not what the organisation did.
func TestConceptDefined(t *testing.T) {
	for text, want := range map[string]bool{
		"The fourth purpose of an integrated care system is to help the NHS support broader social and economic development.":        true,
		"1.1 Integrated care systems have four purposes, the fourth of which is to help the NHS support development.":                true,
		"Anchor institutions are large organisations, such as hospitals, councils and universities, rooted in their place.":          true,
		"The fourth purpose is not yet reflected in ICB directorate objectives.":                                                     false,
		"Our anchor institution strategy is in its second year.":                                                                     false,
		"2.2 An anchor institution is an organisation that is rooted in its place and uses its employment to benefit the community.": true,
		"Integrated care systems have a statutory purpose to help the NHS support broader social and economic development.":          true,
		"The Health and Care Act 2022 gives integrated care systems four purposes, including economic development.":                  true,
		"Our ICB has made the fourth purpose one of its five strategic aims.":                                                        false,
		"The four purposes of integrated care systems are to improve outcomes and to help the NHS support broader development.":      true,
	} {
		if got := conceptDefined(text, appendTokens(nil, text)); got != want {
			t.Errorf("conceptDefined(%q) = %v, want %v", text, got, want)
		}
	}
}

// The size of the organisation is the premise of the anchor role; what
// it does with it is the evidence.
func TestSizeOnly(t *testing.T) {
	for text, want := range map[string]bool{
		"We employ 3,120 people, most of whom live within ten miles of the hospital, and we spend around £140 million a year with suppliers.": true,
		"Between them the twelve proposed signatories employ 61,000 people and spend GBP 1.9 billion a year.":                                 true,
		"We employ nearly 2,500 people and spend around £31 million a year, and we can use that to help the communities we serve.":            false,
		"Our board has been clear that a community trust employing 3,800 people carries a responsibility to its town.":                        false,
	} {
		if got := sizeOnly(text, appendTokens(nil, text)); got != want {
			t.Errorf("sizeOnly(%q) = %v, want %v", text, got, want)
		}
	}
}

// A name set beside the anchor words is a name of anchor work; a name
// read for it is anchor work where it is used, capitalised, as a name.
func TestNamedWork(t *testing.T) {
	for text, want := range map[string][]string{
		"Thrive Swaddlecote, the system's anchor programme for social and economic development, began in 2024.": {"thrive swaddlecote"},
		"The Board approved Kindred Work as its anchor institution programme.":                                  {"kindred work"},
		"Our anchor programme, Step Up Hexford, took its first cohort.":                                         {"step up hexford"},
		"Mrs Fairweather-Kaur, the Trust's anchor lead, presented the report.":                                  nil,
		"Skaith Hospitals, the largest anchor institution in the county, signed the charter.":                   nil,
		"The \"Heels Up\" pressure ulcer campaign has been adopted by 28 care homes.":                           nil,
	} {
		if got := IntroducedNames(text); !slices.Equal(got, want) {
			t.Errorf("IntroducedNames(%q) = %q, want %q", text, got, want)
		}
	}
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	named := []string{"kindred work"}
	for text, want := range map[string]bool{
		"The Kindred Work Programme Manager post ended on 31 March and was not renewed.": true,
		"Our kindred work with other trusts on clinical pathways continues.":             false,
	} {
		ev := c.MatchNamed([]doc.Sentence{{Text: text, Para: 1}}, false, named).Evidence
		if got := len(ev) > 0; got != want {
			t.Errorf("MatchNamed(%q): evidence %v, want %v", text, got, want)
		}
		// the name is what shows as matched
		if want && !slices.ContainsFunc(ev[0].Matched, func(sp doc.Span) bool { return strings.HasPrefix(text[sp.Start:sp.End], "Kindred Work") }) {
			t.Errorf("MatchNamed(%q): matched %v, want the name among them", text, ev[0].Matched)
		}
		if ev := c.Match([]doc.Sentence{{Text: text, Para: 1}}, false).Evidence; len(ev) > 0 {
			t.Errorf("Match(%q) with no names: %+v, want no evidence", text, ev)
		}
	}
}

// A contents list, a section's own heading and a champion of a clinical
// practice are not evidence; what is written in the chapters is.
func TestContentsHeadingsAndClinicalChampions(t *testing.T) {
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []doc.Sentence{
		{Text: "Our role as an anchor institution ........ 9 Green champions and staff-led change ........ 12", Para: 1},
		{Text: "Our role as an anchor institution 9 Green champions and staff-led change 12", Section: "Contents", Para: 1},
		{Text: "OUR ANCHOR AMBITIONS", Section: "OUR ANCHOR AMBITIONS", Para: 1},
		{Text: "The falls champions on the community hospital wards had helped reduce falls by 15%.", Section: "Quality", Para: 1},
		{Text: "Every ward has a reducing restrictive practice champion, and champions meet monthly to share what has worked.", Section: "Quality", Para: 1},
	} {
		if ev := c.Match([]doc.Sentence{s}, false).Evidence; len(ev) != 0 {
			t.Errorf("%q: %d pieces of evidence, want none", s.Text, len(ev))
		}
	}
	for _, s := range []doc.Sentence{
		{Text: "The Board approved our anchor strategy and its ambitions in March.", Section: "OUR ANCHOR AMBITIONS", Para: 2},
		{Text: "There are now 120 green champions across all our sites.", Section: "Contents of the green plan", Para: 1},
		{Text: "Community health champions drawn from our own staff have been trained to talk to colleagues about the Trust's role in reducing poverty.", Para: 1},
	} {
		if ev := c.Match([]doc.Sentence{s}, false).Evidence; len(ev) == 0 {
			t.Errorf("%q: no evidence", s.Text)
		}
	}
	// explain names the words an exclusion matched, not its whole list
	res := c.Match([]doc.Sentence{{Text: "The falls champions on the community hospital wards had helped reduce falls by 15%.", Section: "Quality", Para: 1}}, true)
	var reasons []string
	for _, m := range res.NearMisses {
		reasons = append(reasons, m.Reason)
	}
	if !slices.Contains(reasons, `excluded by "falls champions"`) {
		t.Errorf("near misses %q, want one excluded by \"falls champions\"", reasons)
	}
}

// Power given up is the shared power itself, not its absence: "will not
// chair", "would not have a veto" and "without seeking to direct" are
// evidence for shared power, not against it. A board that has not met is
// still negated.
func TestPowerGivenUpIsNotNegated(t *testing.T) {
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	wantNegated(t, c, map[string]bool{
		"The ICB will hold one vote of seven on the pooled anchor fund and would not have a veto over its decisions.":                false,
		"The ICB will not chair the anchor network, so that partners see it as shared; the chair rotates between the councils.":      false,
		"Partners welcomed the ICB's willingness to fund the anchor network's secretariat without seeking to direct its priorities.": false,
		"The joint anchor board with the council has not met since March and the pooled fund has not been agreed.":                   true,
	})
}

// A risk stated as a condition ("if the Trust does not ..., then it will
// not ...") and a good result told with "not" are not failures; a lead
// who has left is one.
func TestConditionsAndDoubleNegativesAreNotNegated(t *testing.T) {
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	wantNegated(t, c, map[string]bool{
		"Risk description: if the Trust does not use its spending and employment deliberately for local people, then it will not deliver the commitments of its anchor strategy.": false,
		"The higher social value weighting was tested on the catering tender and had not deterred local bidders.":                                                                 false,
		"Our anchor programme lead left the trust in January and the post has been frozen.":                                                                                       true,
		"The anchor programme manager left the trust in December.":                                                                                                                true,
		"Our pre-employment programme is for local residents who are not in work, and 40 have started so far.":                                                                    false,
		"The anchor programme manager post was deleted in the running-cost review.":                                                                                               true,
	})
}

// A wish answered in another clause by "nothing stands behind it yet" is
// negated; a deed with a "but" about something still to decide keeps its
// deed; a refusal that enforces a rule ("will not consider a case
// without it") is the rule at work.
func TestUnmetWishAndEnforcedRule(t *testing.T) {
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	wantNegated(t, c, map[string]bool{
		"We would like to set up a green champions network in future, but no decision has been taken.":                                    true,
		"We intend to launch a network of green champions in 2025/26; no lead has yet been identified and there is no budget at present.": true,
		"We would like to do more with the Council and the college on local jobs, but we have made no formal arrangement.":                true,
		"We recruited 40 local residents through the pre-employment programme, but no decision has been taken on a second cohort.":        false,
		"We will extend the green champions network to every ward, building on the 120 champions recruited last year.":                    false,
		"The community impact test is part of the business case template, and the Investment Panel will not consider a case without it.":  false,
	})
}

// A negation set off by commas reaches past a short aside and along a
// list of what is missing, but not from a clause of its own into the
// work beside it; what is not yet in place is often told without "not",
// and a description told with "not" negates nothing.
func TestNegationScopeAndNotYetInPlace(t *testing.T) {
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	wantNegated(t, c, map[string]bool{
		"We have not, to date, set out a formal approach to our role as an anchor institution.":                                                    true,
		"We do not currently have a strategy, executive lead or budget for our anchor work.":                                                       true,
		"Although the spring sessions were cancelled, the autumn anchor lunch and learn series led 39 budget holders to ask about buying locally.": false,
		"Although the green plan has not yet been refreshed, the procurement and recruitment policies were rewritten to include local employment.": false,
		"The outcomes framework for our anchor commitments is still in development and is now expected in December.":                               true,
		"Our role as an anchor institution is not a side project: it is how we solve our staffing problems.":                                       false,
		"The cycle to work salary sacrifice scheme is not affected and remains open to all staff.":                                                 false,
		"The partners agreed to extend the pooled budget for the anchor programme to March 2028, with the Trust's contribution unchanged.":         false,
	})
}

// Under a heading of plans ("How we will run the programme", "What happens
// next"), a description that does not say the thing is done is one of the
// plans; a decision reported as taken, or work already in place, stays
// action.
func TestDescriptionUnderPlansHeading(t *testing.T) {
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		text, section string
		want          doc.Strength
	}{
		{"Anchor Programme Manager: a permanent Band 8a post funded from the strategic reserve, reporting to the anchor programme board.", "4. HOW WE WILL RUN THE PROGRAMME", doc.Intent},
		{"October 2024: business case template with the local impact test for anchor decisions in use.", "8. WHAT HAPPENS NEXT", doc.Intent},
		{"The Board APPROVED the anchor strategy and named the Director of Strategy as its executive lead.", "8. WHAT HAPPENS NEXT", doc.Action},
		{"The anchor programme manager has been in post since October and the programme board meets monthly.", "4. HOW WE WILL RUN THE PROGRAMME", doc.Action},
		{"Anchor Programme Manager: a permanent Band 8a post funded from the strategic reserve, reporting to the anchor programme board.", "4. GOVERNANCE", doc.Action},
	} {
		wantStrength(t, c, tc.section, tc.text, tc.want)
	}
}

// An action log's open row is a thing still to do; a row that says it is
// done is not.
func TestActionLogRows(t *testing.T) {
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]doc.Strength{
		"24/095 | First quarterly anchor dashboard to the Strategy Committee | Director of Strategy | Oct 2025 | Open": doc.Intent,
		"ARC-23-042 | Anchor steering group terms of reference to be approved | Director of Strategy | Jan 2024":       doc.Intent,
		"24/096 | Anchor programme manager appointed | Director of Strategy | Oct 2024 | Complete":                     doc.Action,
		"2023/24 | The Trust appointed its anchor programme manager and the anchor programme board met quarterly":      doc.Action,
	} {
		wantStrength(t, c, "", text, want)
	}
}

// wantStrength checks the strength of the evidence that one sentence,
// under a section heading, gives.
func wantStrength(t *testing.T, c *Compiled, section, text string, want doc.Strength) {
	t.Helper()
	ev := c.Match([]doc.Sentence{{Text: text, Section: section, Para: 1}}, false).Evidence
	if len(ev) == 0 {
		t.Errorf("%q under %q: no evidence", text, section)
		return
	}
	if ev[0].Strength != want {
		t.Errorf("%q under %q: %s, want %s", text, section, ev[0].Strength, want)
	}
}

// "Commitments to" names what a contract or a plan holds, and "the
// business case for" names a paper: neither states an intent of its own,
// as "we commit to" does.
func TestCommitmentsAndBusinessCasesAreNotIntent(t *testing.T) {
	checkStrengths(t, map[string]doc.Strength{
		"The new laundry contract includes commitments to local recruitment and the Real Living Wage.":                 doc.Action,
		"The business case for the endoscopy unit used the new anchor impact test (local employment and local spend).": doc.Action,
		"We commit to paying the Real Living Wage to all our staff and contractors by 2026.":                           doc.Intent,
		"The business case for a community wealth programme manager will come to the Board in March.":                  doc.Intent,
	})
}
