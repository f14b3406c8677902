package score

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/anchorscore/anchorscore/pipeline/doc"
	"github.com/anchorscore/anchorscore/rubric"
)

// Named weights, so the expected scores below read as the rule they test.
const (
	weightA = 2.0
	weightB = 1.0
	weightC = 1.0
)

var testRubric = `id: t
levels:
  - {level: 0, name: Not evidenced}
  - {level: 1, name: Emerging}
  - {level: 2, name: Developing}
  - {level: 3, name: Established}
level_rules:
  - {level: 3, rule: action in 2 indicators over 2 documents, min_action_indicators: 2, min_documents: 2}
  - {level: 2, rule: action in 1 indicator, min_action_indicators: 1}
  - {level: 1, rule: any evidence, min_indicators: 1}
themes:
  - id: th
    indicators:
      - {id: a, weight: 2, patterns: [a]}
      - {id: b, weight: 1, patterns: [b]}
      - {id: c, weight: 1, patterns: [c]}
`

func compile(t *testing.T) *rubric.Compiled {
	t.Helper()
	c, err := rubric.Parse("t.yaml", []byte(testRubric))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// compileWith compiles the test rubric with one piece of it replaced.
func compileWith(t *testing.T, old, new string) *rubric.Compiled {
	t.Helper()
	c, err := rubric.Parse("t.yaml", []byte(strings.Replace(testRubric, old, new, 1)))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func day(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }

func item(docIndex, index int, indicator string, s doc.Strength, negated, withdrawn bool) Item {
	text := fmt.Sprintf("%s, told in document %d, sentence %d", indicator, docIndex, index)
	return Item{Doc: docIndex, Evidence: doc.Evidence{Sentence: doc.Sentence{Index: index, Text: text}, Theme: "th", Indicator: indicator,
		Strength: s, Negated: negated, Withdrawn: withdrawn}}
}

func find(t *testing.T, got []Theme, period string) Theme {
	t.Helper()
	for _, th := range got {
		if th.Period == period {
			return th
		}
	}
	t.Fatalf("no scores for period %q", period)
	return Theme{}
}

func TestLevelsAndScores(t *testing.T) {
	c := compile(t)
	docs := []Doc{
		{Path: "one.pdf", Organisation: "Org", Period: "2023/24", Date: day("2023-06-01")},
		{Path: "two.pdf", Organisation: "Org", Period: "2024/25", Date: day("2024-06-01")},
	}
	items := []Item{
		item(0, 0, "a", doc.Outcome, false, false),
		item(1, 0, "b", doc.Action, false, false),
		item(1, 1, "c", doc.Intent, false, false),
	}
	got := Score(c, docs, items)
	if n := len(got); n != 3 {
		t.Fatalf("got %d rows, want one per period and one for all", n)
	}
	if got[0].Period != "2023/24" || got[1].Period != "2024/25" || got[2].Period != "all" {
		t.Errorf("period order %s, %s, %s", got[0].Period, got[1].Period, got[2].Period)
	}
	all := find(t, got, "all")
	if all.Level != 3 || !strings.Contains(all.Rule, "action in 2 indicators over 2 documents") {
		t.Errorf("all periods: level %d (%s), want 3 by the first rule", all.Level, all.Rule)
	}
	// Each indicator counts its weight times strength/3.
	want := 100 * (weightA*3 + weightB*2 + weightC*1) / 3 / (weightA + weightB + weightC)
	if all.Score != int(math.Round(want)) {
		t.Errorf("score %d, want %.0f", all.Score, want)
	}
	if all.IndicatorsEvidenced != 3 || all.EvidenceCount != 3 {
		t.Errorf("indicators %d evidence %d, want 3 and 3", all.IndicatorsEvidenced, all.EvidenceCount)
	}
	// One indicator in the period's one document is not Established.
	if first := find(t, got, "2023/24"); first.Level != 2 {
		t.Errorf("2023/24: level %d, want 2", first.Level)
	}
}

// Negated evidence counts against: alone it evidences nothing; when it is
// the latest word on something done, the indicator keeps what it reached
// and the theme's level drops by one from there.
func TestNegationAndWithdrawal(t *testing.T) {
	c := compile(t)
	docs := []Doc{
		{Path: "early.pdf", Organisation: "Org", Period: "all", Date: day("2023-06-01")},
		{Path: "later.pdf", Organisation: "Org", Period: "all", Date: day("2024-06-01")},
	}
	only := Score(c, docs, []Item{item(0, 0, "a", doc.Action, true, false)})[0]
	if only.Level != 0 || only.IndicatorsEvidenced != 0 || only.EvidenceCount != 1 {
		t.Errorf("negated only: level %d, indicators %d, evidence %d; want 0, 0, 1", only.Level, only.IndicatorsEvidenced, only.EvidenceCount)
	}

	items := []Item{
		item(0, 0, "a", doc.Action, false, false),
		item(0, 1, "b", doc.Action, false, false),
		item(1, 0, "b", doc.Action, false, false),
		item(1, 1, "a", doc.Action, true, true), // a stood down later
	}
	got := Score(c, docs, items)[0]
	a := got.Indicators[0]
	if !a.Undone || !a.Withdrawn || a.Strength != doc.Action {
		t.Errorf("indicator a: %+v, want undone, withdrawn, and still at action", a)
	}
	// a and b in action over two documents is Established; the
	// withdrawal lowers it by one.
	if got.Level != 2 || !strings.Contains(got.Rule, "a withdrawn (later.pdf") {
		t.Errorf("level %d (%s), want 2 after the withdrawal", got.Level, got.Rule)
	}

	// A stall ("has not met since") is flagged but does not undo what
	// was done.
	stalled := slices.Clone(items)
	stalled[3].Withdrawn = false
	if got := Score(c, docs, stalled)[0]; got.Level != 3 || !got.Indicators[0].Undone || got.Indicators[0].Withdrawn {
		t.Errorf("stalled: level %d (%s), %+v; want 3, a flagged as undone but not withdrawn", got.Level, got.Rule, got.Indicators[0])
	}

	// A plan stated after the withdrawal does not undo it.
	withPlan := append(slices.Clone(items), item(1, 2, "a", doc.Intent, false, false))
	if got := Score(c, docs, withPlan)[0]; !got.Indicators[0].Withdrawn {
		t.Errorf("a later plan restored a withdrawn indicator: %+v", got.Indicators[0])
	}

	// The same withdrawal before the positive evidence changes nothing.
	items[3].Doc, items[0].Doc = 0, 1
	items[3].Index = -1
	if got := Score(c, docs, items)[0]; got.Indicators[0].Undone || got.Level != 3 {
		t.Errorf("an earlier withdrawal counted: %+v", got.Indicators[0])
	}
}

// A document that calls the work a pilot makes all it reports on that
// indicator a pilot: the indicator is not beyond a pilot unless another
// document shows more.
func TestPilotQualifiesItsDocument(t *testing.T) {
	r := compileWith(t, "min_action_indicators: 2, min_documents: 2}", "min_action_indicators: 2, min_full_action_indicators: 2}")
	docs := []Doc{{Path: "x", Organisation: "o", Period: "2024/25", Date: day("2024-06-01")}, {Path: "y", Organisation: "o", Period: "2024/25", Date: day("2024-07-01")}}
	pilot := item(0, 2, "a", doc.Action, false, false)
	pilot.Partial = true
	items := []Item{item(0, 1, "a", doc.Action, false, false), pilot, item(1, 1, "b", doc.Action, false, false)}
	if got := find(t, Score(r, docs, items), "all"); got.Level != 2 {
		t.Errorf("a pilot in the same document: level %d, want 2 (only b is beyond a pilot)", got.Level)
	}
	items = append(items, item(1, 2, "a", doc.Action, false, false))
	if got := find(t, Score(r, docs, items), "all"); got.Level != 3 {
		t.Errorf("a reported again in another document: level %d, want 3", got.Level)
	}
}

// One isolated sentence of action does not make a level that asks for
// more than one.
func TestIsolatedMention(t *testing.T) {
	r := compileWith(t, "{level: 2, rule: action in 1 indicator, min_action_indicators: 1}",
		"{level: 2, rule: action in 1 indicator, min_action_indicators: 1, min_action_evidence: 2}")
	docs := []Doc{{Path: "x", Organisation: "o", Period: "2024/25", Date: day("2024-06-01")}}
	items := []Item{item(0, 1, "a", doc.Action, false, false), item(0, 2, "b", doc.Intent, false, false)}
	if got := find(t, Score(r, docs, items), "all"); got.Level != 1 {
		t.Errorf("one sentence of action: level %d, want 1", got.Level)
	}
	items = append(items, item(0, 3, "a", doc.Outcome, false, false))
	if got := find(t, Score(r, docs, items), "all"); got.Level != 2 {
		t.Errorf("two sentences of action: level %d, want 2", got.Level)
	}
}

// An owner named in one theme owns the organisation's anchor work in the
// others too.
func TestOwnerNamedElsewhere(t *testing.T) {
	r, err := rubric.Parse("t.yaml", []byte(`id: t
levels:
  - {level: 0, name: Not evidenced}
  - {level: 1, name: Emerging}
  - {level: 2, name: Developing}
level_rules:
  - {level: 2, rule: owned action, min_action_indicators: 1, min_owned_indicators: 1}
  - {level: 1, rule: any evidence, min_indicators: 1}
themes:
  - id: gov
    indicators: [{id: lead, patterns: [lead]}]
  - id: work
    indicators: [{id: jobs, patterns: [jobs]}]
`))
	if err != nil {
		t.Fatal(err)
	}
	docs := []Doc{{Path: "x", Organisation: "o", Period: "2024/25", Date: day("2024-06-01")}}
	jobs := item(0, 1, "jobs", doc.Action, false, false)
	jobs.Theme = "work"
	lead := item(0, 2, "lead", doc.Action, false, false)
	lead.Theme, lead.Owned = "gov", true
	level := func(items []Item) int {
		for _, th := range Score(r, docs, items) {
			if th.Theme == "work" && th.Period == "all" {
				return th.Level
			}
		}
		return -1
	}
	if got := level([]Item{jobs}); got != 1 {
		t.Errorf("no owner anywhere: level %d, want 1", got)
	}
	if got := level([]Item{jobs, lead}); got != 2 {
		t.Errorf("owner named in another theme: level %d, want 2", got)
	}
}

// Breadth made only of single mentions is not Established: at least one
// indicator's action must be told in more than one sentence.
func TestCorroboratedIndicator(t *testing.T) {
	r := compileWith(t, "{level: 2, rule: action in 1 indicator, min_action_indicators: 1}",
		"{level: 2, rule: action in 2 indicators, min_action_indicators: 2, min_corroborated_indicators: 1}")
	// A second document, with no evidence, keeps the Established rule's
	// two documents out of reach.
	docs := []Doc{{Path: "x", Organisation: "o", Period: "2024/25", Date: day("2024-06-01")}, {Path: "y", Organisation: "o", Period: "2024/25", Date: day("2024-07-01")}}
	items := []Item{item(0, 1, "a", doc.Action, false, false), item(0, 2, "b", doc.Action, false, false)}
	got := find(t, Score(r, docs, items), "all")
	if got.Level != 1 {
		t.Errorf("two single mentions: level %d, want 1", got.Level)
	}
	items = append(items, item(0, 3, "b", doc.Action, false, false))
	got = find(t, Score(r, docs, items), "all")
	if got.Level != 2 || !strings.Contains(got.Rule, "1 with action in more than one sentence") {
		t.Errorf("one indicator told twice: level %d (%s), want 2", got.Level, got.Rule)
	}
}

// A sentence told again word for word (a paper tabled twice, a mission
// statement in every chapter) is one piece of evidence: it does not make
// an indicator corroborated, nor more of the evidence action.
func TestRepeatedSentenceCountsOnce(t *testing.T) {
	r := compileWith(t, "{level: 2, rule: action in 1 indicator, min_action_indicators: 1}",
		"{level: 2, rule: action in 2 indicators, min_action_indicators: 2, min_corroborated_indicators: 1}")
	docs := []Doc{{Path: "x", Organisation: "o", Period: "2024/25", Date: day("2024-06-01")}, {Path: "y", Organisation: "o", Period: "2024/25", Date: day("2024-07-01")}}
	b := item(0, 2, "b", doc.Action, false, false)
	again := item(0, 9, "b", doc.Action, false, false)
	again.Text = "  " + strings.ToUpper(b.Text) + " "
	items := []Item{item(0, 1, "a", doc.Action, false, false), b, again}
	got := find(t, Score(r, docs, items), "all")
	if got.Level != 1 || got.EvidenceCount != 3 || got.Facts.Evidence != 2 || got.Facts.ActionSentences != 2 {
		t.Errorf("b told twice in the same words: level %d, %d quoted, facts %+v; want level 1, 3 quoted, 2 distinct sentences of action", got.Level, got.EvidenceCount, got.Facts)
	}
	if texts := got.Texts(items); len(texts) != 2 {
		t.Errorf("texts for the level model: %q, want each wording once", texts)
	}
}

// A rule asks for evidence in several documents only of an organisation
// that has them: among two papers, work that one tells of is an isolated
// mention; a single annual report can still show it.
func TestDocumentsUpToThoseAvailable(t *testing.T) {
	r := compileWith(t, "{level: 2, rule: action in 1 indicator, min_action_indicators: 1}",
		"{level: 2, rule: action in 1 indicator in 2 documents, min_action_indicators: 1, min_documents: 2}")
	one := []Doc{{Path: "x", Organisation: "o", Period: "2024/25", Date: day("2024-06-01")}}
	items := []Item{item(0, 1, "a", doc.Action, false, false)}
	if got := find(t, Score(r, one, items), "all"); got.Level != 2 {
		t.Errorf("the organisation's only document: level %d, want 2", got.Level)
	}
	two := append(one, Doc{Path: "y", Organisation: "o", Period: "2024/25", Date: day("2024-07-01")})
	if got := find(t, Score(r, two, items), "all"); got.Level != 1 {
		t.Errorf("one of two documents: level %d, want 1", got.Level)
	}
	items = append(items, item(1, 1, "a", doc.Intent, false, false))
	if got := find(t, Score(r, two, items), "all"); got.Level != 2 {
		t.Errorf("told in both documents: level %d, want 2", got.Level)
	}
}

// Work later undone that the papers deny more often than they report it
// stands at intent; denied as often as reported, or once after much done,
// it keeps its action.
func TestUndoneMoreOftenThanDone(t *testing.T) {
	c := compile(t)
	docs := []Doc{
		{Path: "early.pdf", Organisation: "Org", Period: "all", Date: day("2023-06-01")},
		{Path: "later.pdf", Organisation: "Org", Period: "all", Date: day("2024-06-01")},
	}
	items := []Item{
		item(0, 0, "a", doc.Action, false, false),
		item(1, 0, "a", doc.Action, true, false), // "no lead has yet been named"
		item(1, 1, "a", doc.Action, true, false), // "the gaps remain: no owner"
	}
	if got := Score(c, docs, items)[0]; got.Indicators[0].Strength != doc.Intent || got.Level != 1 {
		t.Errorf("denied twice after one action: strength %s, level %d; want intent, 1", got.Indicators[0].Strength, got.Level)
	}
	items = append(items, item(0, 1, "a", doc.Action, false, false))
	if got := Score(c, docs, items)[0]; got.Indicators[0].Strength != doc.Action || got.Level != 2 {
		t.Errorf("denied as often as done: strength %s, level %d; want action, 2", got.Indicators[0].Strength, got.Level)
	}
}
